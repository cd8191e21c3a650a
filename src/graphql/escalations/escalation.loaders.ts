import { type RequestContext } from '../../context/request-context';
import { type EscalationHistoryEntity } from '../../db/entities/escalation-history.entity';
import * as escalations from '../../domain/escalations/escalation.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the escalations area: a queue page costs the same statements however many escalations it holds. */
export const EscalationLoaders = {
  escalation: (rc: RequestContext) => byIdLoader(rc, 'escalation', escalations.findByIds),
  history: (rc: RequestContext) => groupedLoader<EscalationHistoryEntity>(rc, 'escalationHistory', escalations.historyOf, (h) => h.escalationId),
  incidentEscalations: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'incidentEscalations', page, escalations.ofIncidents),
};
