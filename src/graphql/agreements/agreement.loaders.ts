import DataLoader from 'dataloader';
import { type ObjectiveEntity } from '../../db/entities/objective.entity';
import { type RevisionOriginEntity } from '../../db/entities/revision-origin.entity';
import { type RevisionApprovalEntity } from '../../db/entities/revision-approval.entity';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { type ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import * as agreements from '../../domain/agreements/agreement.service';
import * as reads from '../../domain/agreements/revision-read.service';
import { type RevisionReads } from '../../domain/agreements/revision-changes';
import { objectivesOfRevisions } from '../../domain/agreements/revision-store';
import * as calendars from '../../domain/calendars/calendar.service';
import { type PageRequest } from '../../domain/shared/pagination';
import { byIdLoader, groupedLoader, nestedPageLoader } from '../core/loaders';

/** Per-request loaders of the agreements area: a page of agreements costs the same statements as one. */
export const AgreementLoaders = {
  agreement: (rc: RequestContext) => byIdLoader(rc, 'agreement', agreements.findByIds),
  revision: (rc: RequestContext) => byIdLoader(rc, 'revision', reads.findRevisionsByIds),
  calendar: (rc: RequestContext) => byIdLoader(rc, 'calendar', calendars.findByIds),
  services: (rc: RequestContext) =>
    rc.memo('agreementServices', () => new DataLoader<string, ServiceEntity[]>(async (ids) => {
      const map = await agreements.servicesOf(rc, ids);
      return ids.map((id) => map.get(id) ?? []);
    })),
  /** The revision in force at an instant (one loader per instant). */
  inForce: (rc: RequestContext, at: Date) =>
    rc.memo(`inForce:${at.toISOString()}`, () => new DataLoader<string, AgreementRevisionEntity | null>(async (ids) => {
      const map = await reads.inForceAt(rc, ids, at);
      return ids.map((id) => map.get(id) ?? null);
    })),
  openRevision: (rc: RequestContext) =>
    rc.memo('openRevision', () => new DataLoader<string, AgreementRevisionEntity | null>(async (ids) => {
      const map = await reads.openRevisionsOf(rc, ids);
      return ids.map((id) => map.get(id) ?? null);
    })),
  objective: (rc: RequestContext) => byIdLoader(rc, 'objective', reads.findObjectivesByIds),
  /** The objectives of each revision. */
  objectives: (rc: RequestContext) => groupedLoader<ObjectiveEntity>(rc, 'objectives', objectivesOfRevisions, (o) => o.revisionId),
  approvals: (rc: RequestContext) => groupedLoader<RevisionApprovalEntity>(rc, 'approvals', reads.approvalsOf, (a) => a.revisionId),
  /** Where each revision signed elsewhere came from (at most one each). */
  origins: (rc: RequestContext) => groupedLoader<RevisionOriginEntity>(rc, 'revisionOrigins', reads.originsOf, (o) => o.revisionId),
  revisionByNumber: (rc: RequestContext) =>
    rc.memo('revisionByNumber', () => new DataLoader<{ agreementId: string; number: number }, AgreementRevisionEntity | null, string>(
      async (keys) => {
        const rows = await reads.revisionsByNumber(rc, keys);
        return keys.map((k) => rows.find((r) => r.agreementId === k.agreementId && r.number === k.number) ?? null);
      },
      { cacheKeyFn: (k) => `${k.agreementId}#${k.number}` },
    )),
  /** The loaders above as the reads of a revision diff (domain/agreements/revision-changes.ts). */
  revisionReads: (rc: RequestContext): RevisionReads => ({
    revision: (id) => AgreementLoaders.revision(rc).load(id),
    revisionByNumber: (agreementId, number) => AgreementLoaders.revisionByNumber(rc).load({ agreementId, number }),
    objectivesOf: (revisionId) => AgreementLoaders.objectives(rc).load(revisionId),
  }),
  revisions: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementRevisions', page, reads.revisionsOf),
  events: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'agreementEvents', page, reads.eventsOf),
  customerAgreements: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'customerAgreements', page, agreements.coveringCustomers),
  serviceAgreements: (rc: RequestContext, page: PageRequest) => nestedPageLoader(rc, 'serviceAgreements', page, agreements.coveringServices),
};
