import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type ClaimEventRow, type ClaimRow } from '../../domain/claims/claim-rows';
import { ConnectionType } from '../core/connection';
import { globalId } from '../core/ids';
import { Node } from '../core/node.interface';
import { DateTimeScalar } from '../core/scalars';
import { MoneyType } from '../reviews/review.type';

export enum ClaimStatusEnum {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ClaimStatusEnum, {
  name: 'ClaimStatus',
  description: 'Where a claim stands at its current stage.',
  valuesConfig: {
    OPEN: { description: "Awaits the provider's answer, due at responseDueAt (past it: overdue at the last stage)." },
    ACCEPTED: { description: 'The provider accepted it in full: settled.' },
    PARTIALLY_ACCEPTED: { description: 'The provider accepted part of it; the customer may escalate it to the next stage.' },
    REJECTED: { description: 'The provider rejected it with a reason; the customer may escalate it to the next stage.' },
  },
});

export enum ClaimSubjectKindEnum {
  STATEMENT = 'STATEMENT',
  VIOLATION = 'VIOLATION',
  INCIDENT = 'INCIDENT',
}
registerEnumType(ClaimSubjectKindEnum, {
  name: 'ClaimSubjectKind',
  description: 'What a claim disputes.',
  valuesConfig: {
    STATEMENT: { description: 'A statement as a whole ("the credit is too low").' },
    VIOLATION: { description: 'One violation of a statement.' },
    INCIDENT: { description: 'An incident ("this outage was yours, not ours").' },
  },
});

export enum ClaimHistoryKindEnum {
  FILED = 'FILED',
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
  ESCALATED = 'ESCALATED',
  DEADLINE_MISSED = 'DEADLINE_MISSED',
}
registerEnumType(ClaimHistoryKindEnum, {
  name: 'ClaimHistoryKind',
  description: 'One step of a claim.',
  valuesConfig: {
    FILED: { description: 'The customer filed it (stage 1).' },
    ACCEPTED: { description: 'The provider accepted it in full.' },
    PARTIALLY_ACCEPTED: { description: 'The provider accepted it in part.' },
    REJECTED: { description: 'The provider rejected it, with a reason.' },
    ESCALATED: { description: 'It moved to the next stage: the customer escalated it, or a deadline was missed.' },
    DEADLINE_MISSED: { description: "The provider's answer was not given by the stage's deadline (the agreement's escalation policy is raised)." },
  },
});

@ObjectType('ClaimAttachment', { description: 'A document a claim refers to, by reference (nothing is uploaded).' })
export class ClaimAttachmentType {
  @Field({ description: 'What it is, e.g. "Monitoring export".' }) name: string;
  @Field({ description: 'Where it is: a URL, a ticket, a document id.' }) reference: string;
}

@ObjectType('ClaimStage', { description: 'One stage of the procedure a claim was filed under, as it was then.' })
export class ClaimStageType {
  @Field(() => Int, { description: '1, 2, 3 ... in order.' }) number: number;
  @Field({ description: 'e.g. "Service manager".' }) name: string;
  @Field({ description: 'How long (ISO 8601, calendar time) the provider has to answer at this stage.' }) responseDeadline: string;
}

@ObjectType('ClaimHistoryEntry', { description: "One step of a claim's history (append-only): who, when, at which stage, and what it produced or raised." })
export class ClaimHistoryEntry {
  adjustmentUuid: string | null;
  correctionUuid: string | null;
  escalationUuid: string | null;
  @Field(() => ClaimHistoryKindEnum, { description: 'What happened.' }) kind: ClaimHistoryKindEnum;
  @Field(() => Int, { description: 'The stage it happened at (for ESCALATED: the stage reached).' }) stage: number;
  @Field(() => DateTimeScalar, { description: 'When.' }) at: Date;
  @Field({ description: 'USER, API_KEY or SYSTEM (the scheduler).' }) actorKind: string;
  @Field({ description: 'Who.' }) actorName: string;
  @Field(() => String, { nullable: true, description: 'The note, the reason of a rejection, what a partial acceptance does not grant.' }) note: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "When the provider's answer is due from this step on (FILED, ESCALATED)." }) responseDueAt: Date | null;
  @Field(() => MoneyType, { nullable: true, description: 'The credit granted (ACCEPTED, PARTIALLY_ACCEPTED) or asked for (FILED).' }) credit: MoneyType | null;
}

@ObjectType('Claim', {
  implements: Node,
  description:
    "A customer's claim (credit claim, dispute) against a statement, a violation or an incident, moving through the stages of the dispute procedure of its terms, each with a deadline for the provider's answer. Its history is append-only.",
})
export class Claim extends Node {
  readonly __typename = 'Claim';
  uuid: string;
  agreementUuid: string;
  customerUuid: string;
  revisionUuid: string;
  statementUuid: string | null;
  violationUuid: string | null;
  incidentUuid: string | null;
  @Field(() => ClaimSubjectKindEnum, { description: 'What it disputes.' }) subjectKind: ClaimSubjectKindEnum;
  @Field({ description: 'What the customer claims.' }) description: string;
  @Field({ description: 'The outcome the customer asks for.' }) requestedOutcome: string;
  @Field(() => MoneyType, { nullable: true, description: 'The credit the customer asks for, if any.' }) requestedCredit: MoneyType | null;
  @Field(() => [ClaimAttachmentType], { description: 'Documents it refers to.' }) attachments: ClaimAttachmentType[];
  @Field(() => ClaimStatusEnum, { description: 'Where it stands at its current stage.' }) status: ClaimStatusEnum;
  @Field(() => Int, { description: 'Its current stage (1-based).' }) stage: number;
  @Field({ description: 'The name of its current stage.' }) stageName: string;
  @Field(() => [ClaimStageType], { description: 'The stages of the procedure it was filed under.' }) stages: ClaimStageType[];
  @Field(() => DateTimeScalar, { nullable: true, description: "When the provider's answer at the current stage is due; null once answered." }) responseDueAt: Date | null;
  @Field({ description: 'OPEN past its response deadline at the last stage (nothing moves it further).' }) overdue: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the claim window of what it disputes closed (null: the period had not closed when it was filed).' })
  claimWindowEndsAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When it was filed.' }) filedAt: Date;
  @Field({ description: 'Who filed it.' }) filedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it last moved.' }) updatedAt: Date;
}

export const ClaimConnection = ConnectionType(Claim, 'Claim');

export function toClaim(c: ClaimRow, now: Date): Claim {
  return Object.assign(new Claim(), {
    id: globalId('Claim', c.id),
    uuid: c.id,
    agreementUuid: c.agreementId,
    customerUuid: c.customerId,
    revisionUuid: c.revisionId,
    statementUuid: c.statementId,
    violationUuid: c.violationId,
    incidentUuid: c.incidentId,
    subjectKind: c.subjectKind as ClaimSubjectKindEnum,
    description: c.description,
    requestedOutcome: c.requestedOutcome,
    requestedCredit: c.requestedCredit && c.currency ? { amount: c.requestedCredit, currency: c.currency } : null,
    attachments: c.attachments,
    status: c.status as ClaimStatusEnum,
    stage: c.stage,
    stageName: c.procedure.stages[c.stage - 1]?.name ?? '',
    stages: c.procedure.stages.map((s, i) => ({ number: i + 1, name: s.name, responseDeadline: s.responseDeadline })),
    responseDueAt: c.responseDueAt,
    overdue: c.status === 'OPEN' && c.responseDueAt !== null && c.responseDueAt.getTime() < now.getTime() && c.stage >= c.procedure.stages.length,
    claimWindowEndsAt: c.windowEndsAt,
    filedAt: c.filedAt,
    filedBy: c.filedBy,
    updatedAt: c.updatedAt,
  });
}

export function toClaimHistoryEntry(e: ClaimEventRow): ClaimHistoryEntry {
  return Object.assign(new ClaimHistoryEntry(), {
    adjustmentUuid: e.adjustmentId,
    correctionUuid: e.correctionId,
    escalationUuid: e.escalationId,
    kind: e.kind as ClaimHistoryKindEnum,
    stage: e.stage,
    at: e.at,
    actorKind: e.actorKind,
    actorName: e.actorName,
    note: e.note,
    responseDueAt: e.responseDueAt,
    credit: e.credit && e.currency ? { amount: e.credit, currency: e.currency } : null,
  });
}
