import { PayloadType } from '../core/payload-type';
import { Escalation } from './escalation.type';

export const EscalationRaisePayload = PayloadType('EscalationRaisePayload', 'escalation', Escalation);
export const EscalationAcknowledgePayload = PayloadType('EscalationAcknowledgePayload', 'escalation', Escalation);
export const EscalationResolvePayload = PayloadType('EscalationResolvePayload', 'escalation', Escalation);
