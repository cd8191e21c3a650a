import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ReviewActionItemEntity } from '../../db/entities/review-action-item.entity';
import { type ReviewFindingEntity } from '../../db/entities/review-finding.entity';
import { type ReviewParticipantEntity } from '../../db/entities/review-participant.entity';
import { type ReviewEntity } from '../../db/entities/review.entity';
import { type ObjectiveRebaseline } from '../../domain/reviews/rebaseline.service';
import { displayStatus } from '../../domain/reviews/review-schedule';
import { type ReviewSnapshotDoc, type SnapshotPeriod } from '../../domain/reviews/review-snapshot';
import { shownDuration } from '../../domain/shared/iso-duration';
import { ComplianceStatusEnum, ErrorBudgetType, GranularityEnum, ServiceCredit, TerminationRightType } from '../compliance/compliance.types';
import { ConnectionType } from '../core/connection';
import { Metric, Priority } from '../core/enums';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar, SafeIntScalar } from '../core/scalars';

export enum ReviewKindEnum {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  ANNUAL = 'ANNUAL',
  AD_HOC = 'AD_HOC',
}
registerEnumType(ReviewKindEnum, {
  name: 'ReviewKind',
  description: 'The cadence a review belongs to; AD_HOC reviews are made by hand.',
  valuesConfig: {
    MONTHLY: { description: 'Of a calendar month.' },
    QUARTERLY: { description: 'Of a calendar quarter.' },
    ANNUAL: { description: 'Of a calendar year.' },
    AD_HOC: { description: 'Scheduled by hand (reviewSchedule).' },
  },
});

export enum ReviewStatusEnum {
  SCHEDULED = 'SCHEDULED',
  IN_PROGRESS = 'IN_PROGRESS',
  OVERDUE = 'OVERDUE',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ReviewStatusEnum, {
  name: 'ReviewStatus',
  description: 'SCHEDULED -> IN_PROGRESS -> COMPLETED, or CANCELLED. OVERDUE: scheduled or in progress and past its due date (computed from the clock).',
  valuesConfig: { CANCELLED: { description: 'Cancelled, with a reason.' }, COMPLETED: { description: 'Done, with a decision.' }, IN_PROGRESS: { description: 'Started: its snapshot is frozen; findings and action items are being recorded.' }, OVERDUE: { description: 'Scheduled or in progress and past its due date.' }, SCHEDULED: { description: 'Planned, not started.' } },
});

export enum ReviewDecisionEnum {
  CONTINUE = 'CONTINUE',
  AMEND = 'AMEND',
  RENEGOTIATE = 'RENEGOTIATE',
  TERMINATE = 'TERMINATE',
}
registerEnumType(ReviewDecisionEnum, {
  name: 'ReviewDecision',
  description: 'AMEND opens a draft revision linked to the review; the others are recorded as decided.',
  valuesConfig: {
    CONTINUE: { description: 'Keep the agreement as it is.' },
    AMEND: { description: 'Change the terms: a draft revision is opened, copied from the terms in force.' },
    RENEGOTIATE: { description: 'Negotiate new terms (recorded; the negotiation happens outside).' },
    TERMINATE: { description: 'End the agreement (recorded; agreementTerminate ends it).' },
  },
});

export enum ReviewPartyEnum {
  PROVIDER = 'PROVIDER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(ReviewPartyEnum, {
  name: 'ReviewParty',
  description: 'The side a review participant takes part for.',
  valuesConfig: {
    PROVIDER: { description: 'The provider.' },
    CUSTOMER: { description: 'The customer.' },
  },
});

export enum FindingSeverityEnum {
  INFO = 'INFO',
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
}
registerEnumType(FindingSeverityEnum, {
  name: 'FindingSeverity',
  description: 'How serious a review finding is.',
  valuesConfig: {
    INFO: { description: 'For the record; nothing to fix.' },
    MINOR: { description: 'A small shortfall.' },
    MAJOR: { description: 'A serious shortfall that needs action.' },
  },
});

export enum ReviewOrderEnum {
  DUE_AT_ASC = 'DUE_AT_ASC',
  DUE_AT_DESC = 'DUE_AT_DESC',
}
registerEnumType(ReviewOrderEnum, {
  name: 'ReviewOrder',
  description: 'The order of a list of reviews.',
  valuesConfig: {
    DUE_AT_ASC: { description: 'Soonest due first.' },
    DUE_AT_DESC: { description: 'Latest due first.' },
  },
});

@ObjectType('Review', { implements: Node, description: "A review of an agreement over a period: the performance it looked at (frozen when it started), who took part, findings, action items and a decision." })
export class Review extends Node {
  readonly __typename = 'Review';
  uuid: string;
  agreementUuid: string;
  amendmentUuid: string | null;
  row: ReviewEntity;
  @Field(() => ReviewKindEnum, { description: 'Its cadence (MONTHLY, QUARTERLY, ANNUAL) or AD_HOC.' }) kind: ReviewKindEnum;
  @Field({ description: 'Set for ad hoc reviews.' }) title: string;
  @Field(() => DateTimeScalar, { description: 'Start of the period it covers (a calendar month, quarter or year in the provider time zone).' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' }) periodEnd: Date;
  @Field(() => DateTimeScalar, { description: 'When it must be completed: 10 days after its period ends for scheduled reviews.' }) dueAt: Date;
  @Field(() => ReviewStatusEnum, { description: 'SCHEDULED, IN_PROGRESS, COMPLETED or CANCELLED; OVERDUE while not finished past its due date.' }) status: ReviewStatusEnum;
  @Field({ description: 'Not finished and past its due date.' }) overdue: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it started (and its snapshot was frozen).' }) startedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who started it.' }) startedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed.' }) completedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who completed it.' }) completedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was cancelled.' }) cancelledAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' }) cancelReason: string | null;
  @Field(() => ReviewDecisionEnum, { nullable: true, description: 'What was decided: CONTINUE, AMEND, RENEGOTIATE or TERMINATE; null until completed.' }) decision: ReviewDecisionEnum | null;
  @Field(() => String, { nullable: true, description: "Why, in the reviewers' words." }) decisionNotes: string | null;
  @Field(() => Int, { description: 'Send it back with a change; a stale one gets STALE_VERSION.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it was planned or scheduled.' }) createdAt: Date;
}

export const ReviewConnection = ConnectionType(Review, 'Review');

export function toReview(r: ReviewEntity, now: Date): Review {
  const status = displayStatus(r.status, r.dueAt, now);
  return Object.assign(new Review(), {
    id: globalId('Review', r.id),
    uuid: r.id,
    agreementUuid: r.agreementId,
    amendmentUuid: r.amendmentRevisionId,
    row: r,
    kind: r.kind as ReviewKindEnum,
    title: r.title,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueAt: r.dueAt,
    status: status as ReviewStatusEnum,
    overdue: status === 'OVERDUE',
    startedAt: r.startedAt,
    startedBy: r.startedBy,
    completedAt: r.completedAt,
    completedBy: r.completedBy,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    decision: r.decision as ReviewDecisionEnum | null,
    decisionNotes: r.decisionNotes,
    version: r.version,
    createdAt: r.createdAt,
  });
}

@ObjectType('ReviewParticipant', { description: 'Someone who took part in a review.' })
export class ReviewParticipant {
  @Field({ description: 'Their name.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Their e-mail address, if given.' }) email: string | null;
  @Field(() => ReviewPartyEnum, { description: 'Which side they took part for.' }) party: ReviewPartyEnum;
  @Field({ description: 'Their role in the review ("Service manager").' }) role: string;
  @Field({ description: 'Who added them.' }) addedBy: string;
  @Field(() => DateTimeScalar, { description: 'When they were added.' }) addedAt: Date;
}

export const toParticipant = (p: ReviewParticipantEntity): ReviewParticipant => ({
  name: p.name,
  email: p.email,
  party: p.party as ReviewPartyEnum,
  role: p.role,
  addedBy: p.addedBy,
  addedAt: p.addedAt,
});

@ObjectType('ReviewFinding', { description: 'Something a review found.' })
export class ReviewFinding {
  objectiveUuid: string | null;
  @Field(() => FindingSeverityEnum, { description: 'How serious it is: INFO (for the record), MINOR or MAJOR.' }) severity: FindingSeverityEnum;
  @Field({ description: 'What was found, e.g. "One 43-minute outage on 10 September".' }) text: string;
  @Field({ description: 'Who recorded it.' }) recordedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) recordedAt: Date;
}

export const toFinding = (f: ReviewFindingEntity): ReviewFinding =>
  Object.assign(new ReviewFinding(), { objectiveUuid: f.objectiveId, severity: f.severity as FindingSeverityEnum, text: f.text, recordedBy: f.recordedBy, recordedAt: f.recordedAt });

@ObjectType('ReviewActionItem', { implements: Node, description: 'Something a review asked someone to do by a date.' })
export class ReviewActionItem extends Node {
  readonly __typename = 'ReviewActionItem';
  uuid: string;
  reviewUuid: string;
  @Field({ description: 'What is to be done, e.g. "Add a replica in a second zone".' }) description: string;
  @Field({ description: 'Who does it (a name or an address).' }) owner: string;
  @Field({ description: 'A calendar date, YYYY-MM-DD.' }) dueOn: string;
  @Field({ description: 'True once marked done.' }) done: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was marked done.' }) doneAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who marked it done.' }) doneBy: string | null;
  @Field({ description: 'Who recorded it.' }) createdBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt: Date;
  @Field(() => Int, { description: 'Increases with every change; send it back to act only on what you read.' }) version: number;
}

export const ReviewActionItemConnection = ConnectionType(ReviewActionItem, 'ReviewActionItem');

export const toActionItem = (a: ReviewActionItemEntity): ReviewActionItem =>
  Object.assign(new ReviewActionItem(), {
    id: globalId('ReviewActionItem', a.id),
    uuid: a.id,
    reviewUuid: a.reviewId,
    description: a.description,
    owner: a.owner,
    dueOn: a.dueOn,
    done: a.doneAt !== null,
    doneAt: a.doneAt,
    doneBy: a.doneBy,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    version: a.version,
  });

// --- The frozen snapshot -------------------------------------------------------------------

@ObjectType('ReviewSnapshotObjective', { description: 'How one objective stood in a period when the review started (its terms as they were).' })
export class ReviewSnapshotObjective {
  objectiveUuid: string;
  @Field(() => Metric, { description: 'What the objective measures.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'Its priority, for time objectives.' }) priority: Priority | null;
  @Field({ description: "The objective's name then." }) name: string;
  @Field(() => String, { nullable: true, description: 'Percent or score target.' }) target: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration, for time objectives.' }) targetDuration: string | null;
  @Field(() => ComplianceStatusEnum, { description: 'MET, BREACHED, or NO_DATA (nothing to judge in the period).' }) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true, description: 'Attainment in percent (share of clocks met for time objectives); null without data.' }) attainedPercent: string | null;
  @Field(() => SafeIntScalar, { description: 'Time objectives: clocks met.' }) clocksMet: number;
  @Field(() => SafeIntScalar, { description: 'Time objectives: clocks breached.' }) clocksBreached: number;
  @Field(() => ErrorBudgetType, { nullable: true, description: 'The error budget then; null for time and satisfaction objectives.' }) errorBudget: ErrorBudgetType | null;
  @Field(() => [ID], { description: 'Global ids of the incidents whose clocks breached it.' }) breachedIncidentIds: string[];
}

@ObjectType('ReviewSnapshotViolation', { description: 'A breached objective in a month of a review snapshot.' })
export class ReviewSnapshotViolation {
  @Field({ description: 'The objective as a rule, e.g. "AVAILABILITY at least 99.9% per CALENDAR_MONTH".' }) rule: string;
  @Field({ description: 'The target, in `unit`.' }) target: string;
  @Field(() => String, { nullable: true, description: 'The value attained, in `unit`.' }) actual: string | null;
  @Field({ description: 'What `target` and `actual` count: PERCENT, PERCENT_OF_CLOCKS_MET (time objectives), MEAN_SCORE or PERCENT_SATISFIED (satisfaction).' }) unit: string;
  @Field({ description: 'What the breach cost the provider, from the credit policy.' }) consequence: string;
}

@ObjectType('ReviewSnapshotPeriod', { description: 'One month of a review snapshot.' })
export class ReviewSnapshotPeriod {
  @Field(() => DateTimeScalar, { description: "The month's start." }) start: Date;
  @Field(() => DateTimeScalar, { description: "The month's end (exclusive)." }) end: Date;
  @Field(() => ComplianceStatusEnum, { description: 'MET, BREACHED, or NO_DATA (nothing to judge in the period).' }) status: ComplianceStatusEnum;
  @Field(() => Int, { nullable: true, description: 'The revision the period was judged against.' }) revisionNumber: number | null;
  @Field(() => [ReviewSnapshotObjective], { description: "Each objective's attainment." }) objectives: ReviewSnapshotObjective[];
  @Field(() => ServiceCredit, { nullable: true, description: 'The service credit of the month; null without a credit policy.' }) credit: ServiceCredit | null;
  @Field(() => [ReviewSnapshotViolation], { description: 'The breached objectives of the month.' }) violations: ReviewSnapshotViolation[];
}

@ObjectType('Money', { description: 'An amount of money: a decimal string and its ISO 4217 currency.' })
export class MoneyType {
  @Field({ description: 'Decimal string.' }) amount: string;
  @Field({ description: 'ISO 4217.' }) currency: string;
}

@ObjectType('RebaselinePoint', { description: "An objective's attainment in one closed month." })
export class RebaselinePoint {
  @Field(() => DateTimeScalar, { description: "The month's start." }) start: Date;
  @Field(() => DateTimeScalar, { description: "The month's end (exclusive)." }) end: Date;
  @Field(() => ComplianceStatusEnum, { description: 'MET, BREACHED or NO_DATA, judged against the revision in force then.' }) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true, description: 'Attainment in percent (share of clocks met for time objectives); null without data.' }) attainedPercent: string | null;
}

@ObjectType('ObjectiveRebaseline', {
  description:
    'Attainment of an objective of the revision in force over the last 6 closed months, and the target that history supports: the attainment reached in at least 80% of the months with data (at least 3), rounded down (0.01 from 99%, 0.1 from 90%, else whole percent). For time objectives it is the share of clocks met the history supports.',
})
export class ObjectiveRebaselineType {
  objectiveUuid: string;
  @Field(() => Metric, { description: 'What the objective measures.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'Its priority, for time objectives.' }) priority: Priority | null;
  @Field(() => String, { nullable: true, description: 'The current target in percent (e.g. "99.9"), for percent objectives.' }) target: string | null;
  @Field(() => String, { nullable: true, description: 'The current target as an ISO 8601 duration, for time objectives.' }) targetDuration: string | null;
  @Field(() => [RebaselinePoint], { description: 'Attainment in each of the last 6 closed calendar months, oldest first.' }) history: RebaselinePoint[];
  @Field(() => Int, { description: 'How many of the months had data.' }) periodsWithData: number;
  @Field(() => Int, { nullable: true, description: 'Months that met the current target (percent targets).' }) periodsMet: number | null;
  @Field(() => String, { nullable: true, description: 'Null with fewer than 3 months of data.' }) supportedTarget: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The supported target is at least the current one.' }) supportsCurrentTarget: boolean | null;
}

@ObjectType('ReviewSnapshot', { description: 'The compliance report and credits of the review period, frozen when the review started. Later data never changes it.' })
export class ReviewSnapshotType {
  @Field(() => DateTimeScalar, { description: "When it was frozen (the review's start)." }) takenAt: Date;
  @Field({ description: 'False when the review started before its period ended.' }) periodClosed: boolean;
  @Field(() => GranularityEnum, { description: 'The length of its periods (months).' }) granularity: GranularityEnum;
  @Field(() => ComplianceStatusEnum, { description: 'BREACHED when any period was breached.' }) status: ComplianceStatusEnum;
  @Field(() => [ReviewSnapshotPeriod], { description: 'The review period month by month, as the compliance report gave it then.' }) periods: ReviewSnapshotPeriod[];
  @Field(() => TerminationRightType, { nullable: true, description: 'The termination right as it stood then; null when the terms grant none.' }) terminationRight: TerminationRightType | null;
  @Field(() => MoneyType, { nullable: true, description: 'The credits of the periods, summed.' }) totalCredit: MoneyType | null;
  rebaseline: ObjectiveRebaselineType[];
}

const iso = (s: string) => new Date(s);

/** The stored snapshot document as API types (database ids become global ids or references). */
export function toSnapshot(doc: ReviewSnapshotDoc): ReviewSnapshotType {
  return Object.assign(new ReviewSnapshotType(), {
    takenAt: iso(doc.takenAt),
    periodClosed: doc.periodClosed,
    granularity: doc.granularity as GranularityEnum,
    status: doc.status as ComplianceStatusEnum,
    periods: doc.periods.map(toSnapshotPeriod),
    terminationRight: doc.terminationRight,
    totalCredit: doc.totalCredit,
    rebaseline: doc.rebaseline.map(toRebaseline),
  });
}

/** A frozen period (review snapshot, statement) as API types. */
export function toSnapshotPeriod(p: SnapshotPeriod): ReviewSnapshotPeriod {
  return {
    start: iso(p.start),
    end: iso(p.end),
    status: p.status as ComplianceStatusEnum,
    revisionNumber: p.revisionNumber,
    objectives: p.objectives.map((o) =>
      Object.assign(new ReviewSnapshotObjective(), {
        objectiveUuid: o.objectiveId,
        metric: o.metric as Metric,
        priority: o.priority as Priority | null,
        name: o.name,
        target: o.target,
        targetDuration: o.targetDuration && shownDuration(o.targetDuration),
        status: o.status as ComplianceStatusEnum,
        attainedPercent: o.attainedPercent,
        clocksMet: o.clocksMet,
        clocksBreached: o.clocksBreached,
        errorBudget: o.errorBudget,
        breachedIncidentIds: o.breachedIncidentIds.map((id) => globalId('Incident', id)),
      }),
    ),
    credit: p.credit && { ...p.credit, perBreach: p.credit.perBreach.map((l) => ({ ...l, metric: l.metric as Metric, priority: l.priority as Priority | null })) },
    violations: p.violations.map(({ rule, target, actual, unit, consequence }) => ({ rule, target: shownDuration(target), actual, unit, consequence })),
  };
}

export function toRebaseline(r: ObjectiveRebaseline): ObjectiveRebaselineType {
  return Object.assign(new ObjectiveRebaselineType(), {
    objectiveUuid: r.objectiveId,
    metric: r.metric as Metric,
    priority: r.priority as Priority | null,
    target: r.target,
    targetDuration: r.targetDuration && shownDuration(r.targetDuration),
    history: r.history.map((h) => ({ start: iso(h.start), end: iso(h.end), status: h.status as ComplianceStatusEnum, attainedPercent: h.attainedPercent })),
    periodsWithData: r.periodsWithData,
    periodsMet: r.periodsMet,
    supportedTarget: r.supportedTarget,
    supportsCurrentTarget: r.supportsCurrentTarget,
  });
}
