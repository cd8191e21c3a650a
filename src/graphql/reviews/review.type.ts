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
registerEnumType(ReviewKindEnum, { name: 'ReviewKind', description: 'The cadence a review belongs to; AD_HOC reviews are made by hand.' });

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
});

export enum ReviewDecisionEnum {
  CONTINUE = 'CONTINUE',
  AMEND = 'AMEND',
  RENEGOTIATE = 'RENEGOTIATE',
  TERMINATE = 'TERMINATE',
}
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision', description: 'AMEND opens a draft revision linked to the review; the others are recorded as decided.' });

export enum ReviewPartyEnum {
  PROVIDER = 'PROVIDER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(ReviewPartyEnum, { name: 'ReviewParty' });

export enum FindingSeverityEnum {
  INFO = 'INFO',
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
}
registerEnumType(FindingSeverityEnum, { name: 'FindingSeverity' });

export enum ReviewOrderEnum {
  DUE_AT_ASC = 'DUE_AT_ASC',
  DUE_AT_DESC = 'DUE_AT_DESC',
}
registerEnumType(ReviewOrderEnum, { name: 'ReviewOrder' });

@ObjectType('Review', { implements: Node, description: "A review of an agreement over a period: the performance it looked at (frozen when it started), who took part, findings, action items and a decision." })
export class Review extends Node {
  readonly __typename = 'Review';
  uuid: string;
  agreementUuid: string;
  amendmentUuid: string | null;
  row: ReviewEntity;
  @Field(() => ReviewKindEnum) kind: ReviewKindEnum;
  @Field({ description: 'Set for ad hoc reviews.' }) title: string;
  @Field(() => DateTimeScalar, { description: 'Start of the period it covers (a calendar month, quarter or year in the provider time zone).' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' }) periodEnd: Date;
  @Field(() => DateTimeScalar, { description: 'When it must be completed: 10 days after its period ends for scheduled reviews.' }) dueAt: Date;
  @Field(() => ReviewStatusEnum) status: ReviewStatusEnum;
  @Field({ description: 'Not finished and past its due date.' }) overdue: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt: Date | null;
  @Field(() => String, { nullable: true }) startedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt: Date | null;
  @Field(() => String, { nullable: true }) completedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt: Date | null;
  @Field(() => String, { nullable: true }) cancelReason: string | null;
  @Field(() => ReviewDecisionEnum, { nullable: true }) decision: ReviewDecisionEnum | null;
  @Field(() => String, { nullable: true }) decisionNotes: string | null;
  @Field(() => Int, { description: 'Send it back with a change; a stale one gets STALE_VERSION.' }) version: number;
  @Field(() => DateTimeScalar) createdAt: Date;
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

@ObjectType('ReviewParticipant')
export class ReviewParticipant {
  @Field() name: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => ReviewPartyEnum) party: ReviewPartyEnum;
  @Field({ description: 'Their role in the review ("Service manager").' }) role: string;
  @Field() addedBy: string;
  @Field(() => DateTimeScalar) addedAt: Date;
}

export const toParticipant = (p: ReviewParticipantEntity): ReviewParticipant => ({
  name: p.name,
  email: p.email,
  party: p.party as ReviewPartyEnum,
  role: p.role,
  addedBy: p.addedBy,
  addedAt: p.addedAt,
});

@ObjectType('ReviewFinding')
export class ReviewFinding {
  objectiveUuid: string | null;
  @Field(() => FindingSeverityEnum) severity: FindingSeverityEnum;
  @Field() text: string;
  @Field() recordedBy: string;
  @Field(() => DateTimeScalar) recordedAt: Date;
}

export const toFinding = (f: ReviewFindingEntity): ReviewFinding =>
  Object.assign(new ReviewFinding(), { objectiveUuid: f.objectiveId, severity: f.severity as FindingSeverityEnum, text: f.text, recordedBy: f.recordedBy, recordedAt: f.recordedAt });

@ObjectType('ReviewActionItem', { implements: Node, description: 'Something a review asked someone to do by a date.' })
export class ReviewActionItem extends Node {
  readonly __typename = 'ReviewActionItem';
  uuid: string;
  reviewUuid: string;
  @Field() description: string;
  @Field() owner: string;
  @Field({ description: 'A calendar date, YYYY-MM-DD.' }) dueOn: string;
  @Field() done: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) doneAt: Date | null;
  @Field(() => String, { nullable: true }) doneBy: string | null;
  @Field() createdBy: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => Int) version: number;
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
  @Field(() => Metric) metric: Metric;
  @Field(() => Priority, { nullable: true }) priority: Priority | null;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Percent or score target.' }) target: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 8601 duration, for time objectives.' }) targetDuration: string | null;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true }) attainedPercent: string | null;
  @Field(() => SafeIntScalar) clocksMet: number;
  @Field(() => SafeIntScalar) clocksBreached: number;
  @Field(() => ErrorBudgetType, { nullable: true }) errorBudget: ErrorBudgetType | null;
  @Field(() => [ID], { description: 'Global ids of the incidents whose clocks breached it.' }) breachedIncidentIds: string[];
}

@ObjectType('ReviewSnapshotViolation')
export class ReviewSnapshotViolation {
  @Field() rule: string;
  @Field() target: string;
  @Field(() => String, { nullable: true }) actual: string | null;
  @Field() unit: string;
  @Field() consequence: string;
}

@ObjectType('ReviewSnapshotPeriod')
export class ReviewSnapshotPeriod {
  @Field(() => DateTimeScalar) start: Date;
  @Field(() => DateTimeScalar) end: Date;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => Int, { nullable: true, description: 'The revision the period was judged against.' }) revisionNumber: number | null;
  @Field(() => [ReviewSnapshotObjective]) objectives: ReviewSnapshotObjective[];
  @Field(() => ServiceCredit, { nullable: true }) credit: ServiceCredit | null;
  @Field(() => [ReviewSnapshotViolation]) violations: ReviewSnapshotViolation[];
}

@ObjectType('Money')
export class MoneyType {
  @Field({ description: 'Decimal string.' }) amount: string;
  @Field({ description: 'ISO 4217.' }) currency: string;
}

@ObjectType('RebaselinePoint', { description: "An objective's attainment in one closed month." })
export class RebaselinePoint {
  @Field(() => DateTimeScalar) start: Date;
  @Field(() => DateTimeScalar) end: Date;
  @Field(() => ComplianceStatusEnum) status: ComplianceStatusEnum;
  @Field(() => String, { nullable: true }) attainedPercent: string | null;
}

@ObjectType('ObjectiveRebaseline', {
  description:
    'Attainment of an objective of the revision in force over the last 6 closed months, and the target that history supports: the attainment reached in at least 80% of the months with data (at least 3), rounded down (0.01 from 99%, 0.1 from 90%, else whole percent). For time objectives it is the share of clocks met the history supports.',
})
export class ObjectiveRebaselineType {
  objectiveUuid: string;
  @Field(() => Metric) metric: Metric;
  @Field(() => Priority, { nullable: true }) priority: Priority | null;
  @Field(() => String, { nullable: true }) target: string | null;
  @Field(() => String, { nullable: true }) targetDuration: string | null;
  @Field(() => [RebaselinePoint]) history: RebaselinePoint[];
  @Field(() => Int) periodsWithData: number;
  @Field(() => Int, { nullable: true, description: 'Months that met the current target (percent targets).' }) periodsMet: number | null;
  @Field(() => String, { nullable: true, description: 'Null with fewer than 3 months of data.' }) supportedTarget: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The supported target is at least the current one.' }) supportsCurrentTarget: boolean | null;
}

@ObjectType('ReviewSnapshot', { description: 'The compliance report and credits of the review period, frozen when the review started. Later data never changes it.' })
export class ReviewSnapshotType {
  @Field(() => DateTimeScalar) takenAt: Date;
  @Field({ description: 'False when the review started before its period ended.' }) periodClosed: boolean;
  @Field(() => GranularityEnum) granularity: GranularityEnum;
  @Field(() => ComplianceStatusEnum, { description: 'BREACHED when any period was breached.' }) status: ComplianceStatusEnum;
  @Field(() => [ReviewSnapshotPeriod]) periods: ReviewSnapshotPeriod[];
  @Field(() => TerminationRightType, { nullable: true }) terminationRight: TerminationRightType | null;
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
