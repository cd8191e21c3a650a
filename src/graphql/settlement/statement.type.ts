import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type StatementStanding, type CreditLedger, type LedgerEntry } from '../../domain/settlement/statement.service';
import { type ObjectiveChange, type PeriodDifference } from '../../domain/settlement/settlement-figures';
import { type AdjustmentRow, type StatementRow, type ViolationRow } from '../../domain/settlement/statement-rows';
import { ComplianceStatusEnum, TerminationRightType } from '../compliance/compliance.types';
import { ConnectionType } from '../core/connection';
import { Metric, Priority } from '../core/enums';
import { globalId } from '../core/ids';
import { toGlobalId } from '../../common/global-id';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';
import { MoneyType, ReviewSnapshotPeriod, toSnapshotPeriod } from '../reviews/review.type';
import { shownDuration } from '../../domain/shared/iso-duration';

export enum StatementStatusEnum {
  ISSUED = 'ISSUED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(StatementStatusEnum, {
  name: 'StatementStatus',
  description: 'Where a statement stands with the customer.',
  valuesConfig: {
    ISSUED: { description: 'Issued when its period closed; the customer has not accepted it (yet).' },
    ACCEPTED: { description: "The customer's signatory accepted it." },
  },
});

export enum LedgerEntryKindEnum {
  STATEMENT = 'STATEMENT',
  ADJUSTMENT = 'ADJUSTMENT',
}
registerEnumType(LedgerEntryKindEnum, {
  name: 'LedgerEntryKind',
  description: 'What a credit ledger entry records.',
  valuesConfig: {
    STATEMENT: { description: 'The credit of a period as its statement issued it.' },
    ADJUSTMENT: { description: 'The difference later data or a correction made to a closed period.' },
  },
});

export enum DataChangeKindEnum {
  INCIDENT = 'INCIDENT',
  MEASUREMENTS = 'MEASUREMENTS',
  SURVEY_RESPONSES = 'SURVEY_RESPONSES',
  MAINTENANCE_WINDOW = 'MAINTENANCE_WINDOW',
  CORRECTION = 'CORRECTION',
  IMPORT = 'IMPORT',
  CLAIM = 'CLAIM',
}
registerEnumType(DataChangeKindEnum, {
  name: 'DataChangeKind',
  description: 'What kind of data changed a closed period.',
  valuesConfig: {
    INCIDENT: { description: 'An incident reported, moved or changed after the fact.' },
    MEASUREMENTS: { description: 'Measurements of a ratio objective that arrived late.' },
    SURVEY_RESPONSES: { description: 'Survey responses that arrived late.' },
    MAINTENANCE_WINDOW: { description: 'A maintenance window announced.' },
    CORRECTION: { description: 'A correction (exclusion or corrected time) that counts.' },
    IMPORT: { description: 'Incidents, maintenance windows or measurements imported from another tool (historyImport) into a period that had closed.' },
    CLAIM: { description: "A customer's claim the provider accepted with a credit (the claim is its subject)." },
  },
});

@ObjectType('Statement', {
  implements: Node,
  description:
    "One closed period of an agreement, frozen: attainment per objective, error budgets, violations, the credit with its calculation, the termination right, the incidents behind each breach and the revision it was judged against. Later data never changes it: it produces adjustments, carried on the next statement. The customer's signatory may accept it.",
})
export class Statement extends Node {
  readonly __typename = 'Statement';
  uuid: string;
  agreementUuid: string;
  revisionUuid: string;
  @Field(() => DateTimeScalar, { description: 'Start of the period (calendar month in the provider\'s time zone).' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' }) periodEnd: Date;
  @Field(() => ComplianceStatusEnum, { description: 'BREACHED when any objective was breached in the period.' }) periodStatus: ComplianceStatusEnum;
  @Field(() => StatementStatusEnum, { description: 'ISSUED, or ACCEPTED by the customer.' }) status: StatementStatusEnum;
  @Field(() => DateTimeScalar, { description: 'When the period closed into this statement.' }) issuedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer accepted it.' }) acceptedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who accepted it.' }) acceptedBy: string | null;
  @Field(() => MoneyType, { nullable: true, description: 'The credit of the period as issued; null without a credit policy.' }) credit: MoneyType | null;
  @Field(() => ReviewSnapshotPeriod, { description: 'The figures of the period as they were when it closed: objectives, error budgets, the credit calculation, violations.' })
  figures: ReviewSnapshotPeriod;
  @Field(() => TerminationRightType, { nullable: true, description: "The customer's right to terminate as it stood at the end of the period; null when the terms give none." })
  terminationRight: TerminationRightType | null;
  @Field(() => MoneyType, { nullable: true, description: 'The credit differences of the adjustments this statement carries (of earlier periods), summed.' })
  carriedCredit: MoneyType | null;
  row: StatementRow;
}

export const StatementConnection = ConnectionType(Statement, 'Statement');

export function toStatement(r: StatementRow): Statement {
  const t = r.document.terminationRight;
  return Object.assign(new Statement(), {
    id: globalId('Statement', r.id),
    uuid: r.id,
    agreementUuid: r.agreementId,
    revisionUuid: r.revisionId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    periodStatus: r.periodStatus as ComplianceStatusEnum,
    status: r.status as StatementStatusEnum,
    issuedAt: r.issuedAt,
    acceptedAt: r.acceptedAt,
    acceptedBy: r.acceptedBy,
    credit: r.creditAmount !== null && r.currency ? { amount: r.creditAmount, currency: r.currency } : null,
    figures: toSnapshotPeriod(r.document.period),
    terminationRight: t && { requiredConsecutiveBreaches: t.requiredConsecutiveBreaches, arises: t.arises, period: t.period, currentStreak: t.currentStreak },
    carriedCredit: r.document.carriedCredit,
    row: r,
  });
}

@ObjectType('StatementViolation', {
  implements: Node,
  description: 'A breached objective of a statement\'s period, as a record of its own that claims and disputes can refer to: the rule, the target, the actual value, the consequence and the incidents behind it.',
})
export class StatementViolation extends Node {
  readonly __typename = 'StatementViolation';
  statementUuid: string;
  objectiveUuid: string;
  incidentUuids: string[];
  @Field({ description: 'e.g. "AVAILABILITY at least 99.9% per CALENDAR_MONTH".' }) rule: string;
  @Field({ description: 'The target (percent, score, or ISO 8601 duration).' }) target: string;
  @Field(() => String, { nullable: true, description: 'The attained value (percent or score).' }) actual: string | null;
  @Field({ description: 'What `target` and `actual` count: PERCENT, PERCENT_OF_CLOCKS_MET (time objectives), MEAN_SCORE or PERCENT_SATISFIED (satisfaction).' }) unit: string;
  @Field({ description: 'What the breach cost, from the credit policy.' }) consequence: string;
}

export function toViolation(v: ViolationRow): StatementViolation {
  return Object.assign(new StatementViolation(), {
    id: globalId('StatementViolation', v.id),
    statementUuid: v.statementId,
    objectiveUuid: v.objectiveId,
    incidentUuids: v.incidentIds,
    rule: v.rule,
    target: /^P/.test(v.target) ? shownDuration(v.target) : v.target,
    actual: v.actual,
    unit: v.unit,
    consequence: v.consequence,
  });
}

@ObjectType('DataChangeCause', { description: 'What changed the data of a closed period.' })
export class DataChangeCauseType {
  @Field(() => DataChangeKindEnum, { description: 'The kind of data.' }) kind: DataChangeKindEnum;
  @Field(() => ID, { nullable: true, description: 'The incident, correction or claim (global id); null for other data (a batch of measurements or responses, a maintenance window).' })
  subjectId: string | null;
  @Field({ description: 'In words.' }) description: string;
  @Field({ description: 'Who changed it.' }) actorName: string;
}

@ObjectType('ObjectiveChange', { description: 'How one objective of a closed period changed.' })
export class ObjectiveChangeType {
  objectiveUuid: string;
  @Field(() => Metric, { description: 'The objective\'s metric.' }) metric: Metric;
  @Field(() => Priority, { nullable: true, description: 'The objective\'s priority.' }) priority: Priority | null;
  @Field(() => ComplianceStatusEnum, { description: 'Its status before.' }) statusBefore: ComplianceStatusEnum;
  @Field(() => ComplianceStatusEnum, { description: 'Its status now.' }) statusAfter: ComplianceStatusEnum;
  @Field(() => String, { nullable: true, description: 'Attained percent before.' }) attainedBefore: string | null;
  @Field(() => String, { nullable: true, description: 'Attained percent now.' }) attainedAfter: string | null;
  @Field(() => String, { nullable: true, description: 'Now minus before, in percentage points.' }) attainedDifference: string | null;
}

@ObjectType('PeriodDifference', { description: 'How the figures of a closed period differ between two judgements of it.' })
export class PeriodDifferenceType {
  @Field(() => ComplianceStatusEnum, { description: 'The period\'s status before.' }) statusBefore: ComplianceStatusEnum;
  @Field(() => ComplianceStatusEnum, { description: 'The period\'s status now.' }) statusAfter: ComplianceStatusEnum;
  @Field(() => [ObjectiveChangeType], { description: 'The objectives whose figures changed.' }) objectives: ObjectiveChangeType[];
  @Field(() => String, { nullable: true, description: 'ISO 4217; null without a credit policy.' }) currency: string | null;
  @Field(() => String, { nullable: true, description: 'The credit before.' }) creditBefore: string | null;
  @Field(() => String, { nullable: true, description: 'The credit now.' }) creditAfter: string | null;
  @Field(() => String, { nullable: true, description: 'Now minus before (negative: less credit).' }) creditDifference: string | null;
}

const toChange = (c: ObjectiveChange): ObjectiveChangeType =>
  Object.assign(new ObjectiveChangeType(), {
    objectiveUuid: c.objectiveId,
    metric: c.metric as Metric,
    priority: c.priority as Priority | null,
    statusBefore: c.statusBefore as ComplianceStatusEnum,
    statusAfter: c.statusAfter as ComplianceStatusEnum,
    attainedBefore: c.attainedBefore,
    attainedAfter: c.attainedAfter,
    attainedDifference: c.attainedDifference,
  });

export const toDifference = (d: PeriodDifference): PeriodDifferenceType => ({
  statusBefore: d.statusBefore as ComplianceStatusEnum,
  statusAfter: d.statusAfter as ComplianceStatusEnum,
  objectives: d.objectives.map(toChange),
  currency: d.currency,
  creditBefore: d.creditBefore,
  creditAfter: d.creditAfter,
  creditDifference: d.creditDifference,
});

@ObjectType('StatementAdjustment', {
  implements: Node,
  description:
    'What data that arrived after a period closed (or a correction) changed in it: the difference in attainment and credit against the statement and the adjustments before it, and its cause. Carried on the next statement of the agreement.',
})
export class StatementAdjustment extends Node {
  readonly __typename = 'StatementAdjustment';
  statementUuid: string;
  carriedOnUuid: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) recordedAt: Date;
  @Field(() => DataChangeCauseType, { description: 'The data that caused it.' }) cause: DataChangeCauseType;
  @Field(() => PeriodDifferenceType, { description: 'What changed: statuses, attainment, credit.' }) difference: PeriodDifferenceType;
  @Field(() => MoneyType, { nullable: true, description: 'The credit difference; null without a credit policy.' }) creditDifference: MoneyType | null;
}

export function toAdjustment(a: AdjustmentRow): StatementAdjustment {
  const kind = a.cause.kind as DataChangeKindEnum;
  const subjectType = ({ INCIDENT: 'Incident', CORRECTION: 'Correction', CLAIM: 'Claim' } as Record<string, string | undefined>)[kind];
  return Object.assign(new StatementAdjustment(), {
    id: globalId('StatementAdjustment', a.id),
    statementUuid: a.statementId,
    carriedOnUuid: a.carriedOnStatementId,
    recordedAt: a.recordedAt,
    cause: { kind, subjectId: a.cause.subjectId && subjectType ? toGlobalId(subjectType, a.cause.subjectId) : null, description: a.cause.description, actorName: a.cause.actorName },
    difference: toDifference(a.changes),
    creditDifference: a.creditDifference !== null && a.currency ? { amount: a.creditDifference, currency: a.currency } : null,
  });
}

@ObjectType('CreditLedgerLine', { description: 'One line of an agreement\'s credit ledger: a statement\'s credit or an adjustment\'s difference.' })
export class CreditLedgerLine {
  statementUuid: string;
  adjustmentUuid: string | null;
  @Field(() => LedgerEntryKindEnum, { description: 'STATEMENT or ADJUSTMENT.' }) kind: LedgerEntryKindEnum;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) at: Date;
  @Field(() => DateTimeScalar, { description: 'Start of the period it is about.' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the period it is about.' }) periodEnd: Date;
  @Field(() => MoneyType, { description: 'The credit (statement) or its difference (adjustment).' }) amount: MoneyType;
}

@ObjectType('StatementLedger', {
  description: 'The credits of an agreement\'s closed periods: its statements plus the adjustments recorded since. The total is what the closed periods come to on the data of now.',
})
export class StatementLedger {
  @Field(() => [CreditLedgerLine], { description: 'In the order recorded.' }) entries: CreditLedgerLine[];
  @Field(() => MoneyType, { nullable: true, description: 'The sum of the entries; null without any.' }) total: MoneyType | null;
  @Field(() => Int, { description: 'How many statements it holds.' }) statements: number;
}

const toLine = (e: LedgerEntry): CreditLedgerLine =>
  Object.assign(new CreditLedgerLine(), {
    statementUuid: e.statement.id,
    adjustmentUuid: e.adjustment?.id ?? null,
    kind: e.kind as LedgerEntryKindEnum,
    at: e.at,
    periodStart: e.periodStart,
    periodEnd: e.periodEnd,
    amount: { amount: e.amount, currency: e.currency },
  });

export const toLedger = (l: CreditLedger): StatementLedger => ({
  entries: l.entries.map(toLine),
  total: l.total,
  statements: l.entries.filter((e) => e.kind === 'STATEMENT').length,
});

@ObjectType('PeriodSettlement', {
  description: 'How a period of the live compliance report stands against its statement: what the data says now may differ from what was issued, and by how much.',
})
export class PeriodSettlement {
  @Field(() => Statement, { description: 'The statement the period closed into.' }) statement: Statement;
  @Field(() => String, { nullable: true, description: 'The credit the period settled at: the statement\'s plus the adjustments recorded since.' }) settledCredit: string | null;
  @Field({ description: 'True when the data of now differs from the statement as issued.' }) differsFromStatement: boolean;
  @Field(() => PeriodDifferenceType, { nullable: true, description: 'The data of now against the statement as issued; null when they agree.' }) sinceStatement: PeriodDifferenceType | null;
  @Field(() => PeriodDifferenceType, { nullable: true, description: 'The data of now against the statement plus its adjustments; null when every change is adjusted already.' })
  sinceSettled: PeriodDifferenceType | null;
}

export const toPeriodSettlement = (s: StatementStanding): PeriodSettlement => ({
  statement: toStatement(s.statement),
  settledCredit: s.settledCredit,
  differsFromStatement: s.sinceStatement !== null,
  sinceStatement: s.sinceStatement && toDifference(s.sinceStatement),
  sinceSettled: s.sinceSettled && toDifference(s.sinceSettled),
});
