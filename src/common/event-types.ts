/**
 * What the product tells partners (webhooks) and frontends (subscriptions). The names are part
 * of the public contract: receivers switch on them.
 */
export enum EventType {
  INCIDENT_REPORTED = 'incident.reported',
  INCIDENT_UPDATED = 'incident.updated',
  INCIDENT_RESOLVED = 'incident.resolved',
  INCIDENT_WARNING = 'incident.warning',
  INCIDENT_BREACHED = 'incident.breached',
  ESCALATION_RAISED = 'escalation.raised',
  ESCALATION_ADVANCED = 'escalation.advanced',
  ESCALATION_ACKNOWLEDGED = 'escalation.acknowledged',
  ESCALATION_RESOLVED = 'escalation.resolved',
  ESCALATION_CANCELLED = 'escalation.cancelled',
  REVIEW_DUE = 'review.due',
  REVIEW_OVERDUE = 'review.overdue',
  REVISION_APPROVED = 'revision.approved',
  REVISION_ACTIVATED = 'revision.activated',
  STATEMENT_ISSUED = 'statement.issued',
  CLAIM_FILED = 'claim.filed',
  CLAIM_ACCEPTED = 'claim.accepted',
  CLAIM_PARTIALLY_ACCEPTED = 'claim.partially_accepted',
  CLAIM_REJECTED = 'claim.rejected',
  CLAIM_ESCALATED = 'claim.escalated',
  CLAIM_DEADLINE_MISSED = 'claim.deadline_missed',
  BUDGET_BURN_ALERT_RAISED = 'budget.burn_alert.raised',
  BUDGET_BURN_ALERT_RESOLVED = 'budget.burn_alert.resolved',
  REPORT_READY = 'report.ready',
}

export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

/** The PostgreSQL NOTIFY channel every raised event is announced on (payload: the event id and its scope). */
export const EVENT_CHANNEL = 'sla_events';
