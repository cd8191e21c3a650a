import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type EscalationEntity } from '../../db/entities/escalation.entity';
import { type EscalationHistoryEntity } from '../../db/entities/escalation-history.entity';
import { EscalationLevel } from '../agreements/terms.types';
import { ConnectionType } from '../core/connection';
import { Metric } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';

export enum EscalationStatusEnum {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EscalationStatusEnum, {
  name: 'EscalationStatus',
  description: 'Where an escalation stands: OPEN -> ACKNOWLEDGED -> RESOLVED, or CANCELLED.',
  valuesConfig: {
    OPEN: { description: 'Raised; moves to the next level when its time is up and nobody acknowledged it.' },
    ACKNOWLEDGED: { description: 'Someone took it; it no longer advances.' },
    RESOLVED: { description: 'Closed by hand, or with its incident after it was acknowledged.' },
    CANCELLED: { description: 'Its incident was resolved before anyone acknowledged it.' },
  },
});

export enum EscalationTriggerEnum {
  CLOCK_WARNING = 'CLOCK_WARNING',
  CLOCK_BREACH = 'CLOCK_BREACH',
  UNACKNOWLEDGED = 'UNACKNOWLEDGED',
  OBJECTIVE_BREACHED = 'OBJECTIVE_BREACHED',
  BUDGET_BURN = 'BUDGET_BURN',
  MANUAL = 'MANUAL',
  CLAIM_DEADLINE_MISSED = 'CLAIM_DEADLINE_MISSED',
}
registerEnumType(EscalationTriggerEnum, {
  name: 'EscalationTrigger',
  description: 'What raised an escalation.',
  valuesConfig: {
    CLOCK_WARNING: { description: 'An SLA clock of the incident reached its warning threshold.' },
    CLOCK_BREACH: { description: 'An SLA clock of the incident breached its target.' },
    UNACKNOWLEDGED: { description: 'The incident stayed unacknowledged for the policy\'s unacknowledgedAfter.' },
    OBJECTIVE_BREACHED: { description: 'The objective was BREACHED for the period.' },
    BUDGET_BURN: { description: 'The objective\'s error budget raised a burn-rate alert (one escalation per alert episode).' },
    MANUAL: { description: 'Raised by hand (escalationRaise).' },
    CLAIM_DEADLINE_MISSED: { description: "The provider did not answer a customer's claim by the deadline of its stage." },
  },
});

export enum EscalationChannelEnum {
  ROLE = 'ROLE',
  USER = 'USER',
  WEBHOOK = 'WEBHOOK',
  SUPPORTING_PARTY = 'SUPPORTING_PARTY',
}
registerEnumType(EscalationChannelEnum, {
  name: 'EscalationChannel',
  description: 'How a level was notified: the people holding roles, named people, or webhook endpoints.',
  valuesConfig: {
    ROLE: { description: 'Everyone holding the listed roles.' },
    USER: { description: 'The people listed by name or e-mail.' },
    WEBHOOK: { description: 'The webhook endpoints listed (a signed POST).' },
    SUPPORTING_PARTY: { description: 'The team or supplier the escalation names (or that held the incident), at its contacts.' },
  },
});

export enum EscalationHistoryKindEnum {
  NOTIFIED = 'NOTIFIED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EscalationHistoryKindEnum, {
  name: 'EscalationHistoryKind',
  description: "What one step of an escalation's history records.",
  valuesConfig: {
    NOTIFIED: { description: 'A level was notified on a channel.' },
    ACKNOWLEDGED: { description: 'Someone acknowledged it; it stops advancing.' },
    RESOLVED: { description: 'It was closed.' },
    CANCELLED: { description: 'Cancelled: its incident was resolved before anyone acknowledged it.' },
  },
});

@ObjectType('EscalationPeriod', { description: 'The period an objective was escalated for.' })
export class EscalationPeriod {
  @Field(() => DateTimeScalar, { description: "The period's start (inclusive)." }) start: Date;
  @Field(() => DateTimeScalar, { description: "The period's end (exclusive)." }) end: Date;
}

@ObjectType('EscalationHistoryEntry', { description: 'One step of an escalation (append-only): a level notified on a channel, or who acknowledged, resolved or cancelled it.' })
export class EscalationHistoryEntry {
  @Field(() => EscalationHistoryKindEnum, { description: 'What happened: a level NOTIFIED, or the escalation ACKNOWLEDGED, RESOLVED or CANCELLED.' }) kind: EscalationHistoryKindEnum;
  @Field(() => Int, { description: 'The level notified, or the level it had reached.' }) level: number;
  @Field(() => EscalationChannelEnum, { nullable: true, description: 'For NOTIFIED.' }) channel: EscalationChannelEnum | null;
  @Field(() => [String], { description: 'Whom a notification reached: role names, people, or webhook endpoint ids.' }) recipients: string[];
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) at: Date;
  @Field({ description: 'USER, API_KEY or SYSTEM (the scheduler).' }) actorKind: string;
  @Field({ description: 'Who acknowledged, resolved, or raised the notification.' }) actorName: string;
  @Field(() => String, { nullable: true, description: 'The note given with it.' }) note: string | null;
}

@ObjectType('Escalation', { implements: Node, description: 'A risk or breach of an incident or an objective, notified level by level until someone acknowledges it.' })
export class Escalation extends Node {
  readonly __typename = 'Escalation';
  uuid: string;
  agreementUuid: string;
  customerUuid: string | null;
  incidentUuid: string | null;
  objectiveUuid: string | null;
  claimUuid: string | null;
  supportingPartyUuid: string | null;
  @Field(() => EscalationTriggerEnum, { description: 'What raised it: a clock warning or breach, an unacknowledged incident, a breached objective, a missed claim deadline, or a person.' }) trigger: EscalationTriggerEnum;
  @Field(() => EscalationStatusEnum, { description: 'OPEN (advancing level by level), ACKNOWLEDGED (someone took it), RESOLVED, or CANCELLED (its incident was resolved first).' }) status: EscalationStatusEnum;
  @Field(() => Int, { description: 'The highest level notified so far.' }) currentLevel: number;
  @Field({ description: 'The name of the current level ("Service manager").' }) currentLevelName: string;
  @Field(() => [EscalationLevel], { description: 'The levels of the policy it was raised under, as they were then.' }) levels: EscalationLevel[];
  @Field(() => Metric, { nullable: true, description: 'The clock that warned or breached (clock triggers).' }) metric: Metric | null;
  @Field(() => Metric, { nullable: true, description: "The supporting party's clock that warned or breached and raised it (see supportingParty); null when the customer's clock did." })
  supportingMetric: Metric | null;
  @Field(() => EscalationPeriod, { nullable: true, description: 'For an objective: the period it was escalated for.' }) period: EscalationPeriod | null;
  @Field({ description: 'Why it was raised (given by hand, or said by the trigger).' }) note: string;
  @Field(() => DateTimeScalar, { description: 'When it was raised (level 1 was notified then).' }) raisedAt: Date;
  @Field({ description: 'Who raised it: a person, an integration, or the scheduler.' }) raisedBy: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When someone acknowledged it.' }) acknowledgedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who acknowledged it.' }) acknowledgedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved or cancelled.' }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who resolved or cancelled it (the system when its incident was resolved).' }) resolvedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the next level is notified if nobody acknowledges; null when it is not OPEN or at the last level.' })
  nextLevelAt: Date | null;
  @Field(() => Int, { description: 'Send it back with escalationAcknowledge/escalationResolve to act only on what you read.' }) version: number;
}

export const EscalationConnection = ConnectionType(Escalation, 'Escalation');

export function toEscalation(e: EscalationEntity): Escalation {
  const current = e.levels.find((l) => l.level === e.currentLevel);
  return Object.assign(new Escalation(), {
    id: globalId('Escalation', e.id),
    uuid: e.id,
    agreementUuid: e.agreementId,
    customerUuid: e.customerId,
    incidentUuid: e.incidentId,
    objectiveUuid: e.objectiveId,
    claimUuid: e.claimId,
    supportingPartyUuid: e.supportingPartyId,
    supportingMetric: e.supportingMetric as Metric | null,
    trigger: e.trigger as EscalationTriggerEnum,
    status: e.status as EscalationStatusEnum,
    currentLevel: e.currentLevel,
    currentLevelName: current?.name ?? '',
    levels: e.levels.map((l) => ({
      ...l,
      notifyRoles: l.notifyRoles,
      notifyWebhookEndpoints: l.notifyWebhookEndpoints.map((id) => globalId('WebhookEndpoint', id)),
      calendar: l.calendar ? globalId('BusinessCalendar', l.calendar) : null,
      notifySupportingParty: l.notifySupportingParty ?? false,
    })),
    metric: e.metric as Metric | null,
    period: e.periodStart && e.periodEnd ? { start: e.periodStart, end: e.periodEnd } : null,
    note: e.note,
    raisedAt: e.raisedAt,
    raisedBy: e.raisedBy,
    acknowledgedAt: e.acknowledgedAt,
    acknowledgedBy: e.acknowledgedBy,
    resolvedAt: e.resolvedAt,
    resolvedBy: e.resolvedBy,
    nextLevelAt: e.nextLevelAt,
    version: e.version,
  });
}

export const toHistoryEntry = (h: EscalationHistoryEntity): EscalationHistoryEntry => ({
  kind: h.kind as EscalationHistoryKindEnum,
  level: h.level,
  channel: h.channel as EscalationChannelEnum | null,
  recipients: h.recipients,
  at: h.at,
  actorKind: h.actorKind,
  actorName: h.actorName,
  note: h.note,
});

