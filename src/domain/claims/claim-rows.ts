import { type ClaimProcedure, type ClaimStatus } from './claim-procedure';

export type ClaimSubjectKind = 'STATEMENT' | 'VIOLATION' | 'INCIDENT';
export type ClaimEventKind = 'FILED' | 'ACCEPTED' | 'PARTIALLY_ACCEPTED' | 'REJECTED' | 'ESCALATED' | 'DEADLINE_MISSED';

/** A document the customer refers to (a ticket, a monitoring export, a letter): by reference only, nothing is uploaded. */
export interface ClaimAttachment {
  name: string;
  reference: string;
}

export interface ClaimRow {
  id: string;
  seq: string;
  providerId: string;
  agreementId: string;
  customerId: string;
  revisionId: string;
  subjectKind: ClaimSubjectKind;
  statementId: string | null;
  violationId: string | null;
  incidentId: string | null;
  description: string;
  requestedOutcome: string;
  requestedCredit: string | null;
  currency: string | null;
  attachments: ClaimAttachment[];
  procedure: ClaimProcedure;
  windowEndsAt: Date | null;
  stage: number;
  status: ClaimStatus;
  responseDueAt: Date | null;
  filedAt: Date;
  filedBy: string;
  updatedAt: Date;
}

/** One step of a claim's history (append-only). */
export interface ClaimEventRow {
  id: string;
  seq: string;
  claimId: string;
  kind: ClaimEventKind;
  stage: number;
  at: Date;
  actorKind: string;
  actorName: string;
  note: string | null;
  responseDueAt: Date | null;
  credit: string | null;
  currency: string | null;
  adjustmentId: string | null;
  correctionId: string | null;
  escalationId: string | null;
}

const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const maybeDate = (v: unknown) => (v === null || v === undefined ? null : date(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** numeric(20,4) as written: trailing zeros beyond the currency's two digits dropped ("1250.0000" -> "1250.00"). */
const amount = (v: unknown) => (v === null || v === undefined ? null : String(v).replace(/^(\d+\.\d\d)0{1,2}$/, '$1'));

export const CLAIM_COLUMNS = `c.id, c.seq::text AS seq, c.provider_id, c.agreement_id, c.customer_id, c.revision_id, c.subject_kind, c.statement_id, c.violation_id, c.incident_id,
  c.description, c.requested_outcome, c.requested_credit::text AS requested_credit, c.currency, c.attachments, c.procedure, c.window_ends_at, c.stage, c.status,
  c.response_due_at, c.filed_at, c.filed_by, c.updated_at`;

export function toClaimRow(r: Record<string, unknown>): ClaimRow {
  return {
    id: String(r.id),
    seq: String(r.seq),
    providerId: String(r.provider_id),
    agreementId: String(r.agreement_id),
    customerId: String(r.customer_id),
    revisionId: String(r.revision_id),
    subjectKind: r.subject_kind as ClaimSubjectKind,
    statementId: text(r.statement_id),
    violationId: text(r.violation_id),
    incidentId: text(r.incident_id),
    description: String(r.description),
    requestedOutcome: String(r.requested_outcome),
    requestedCredit: amount(r.requested_credit),
    currency: text(r.currency),
    attachments: json<ClaimAttachment[]>(r.attachments),
    procedure: json<ClaimProcedure>(r.procedure),
    windowEndsAt: maybeDate(r.window_ends_at),
    stage: Number(r.stage),
    status: r.status as ClaimStatus,
    responseDueAt: maybeDate(r.response_due_at),
    filedAt: date(r.filed_at),
    filedBy: String(r.filed_by),
    updatedAt: date(r.updated_at),
  };
}

export const CLAIM_EVENT_COLUMNS = `e.id, e.seq::text AS seq, e.claim_id, e.kind, e.stage, e.at, e.actor_kind, e.actor_name, e.note, e.response_due_at,
  e.credit::text AS credit, e.currency, e.adjustment_id, e.correction_id, e.escalation_id`;

export function toClaimEventRow(r: Record<string, unknown>): ClaimEventRow {
  return {
    id: String(r.id),
    seq: String(r.seq),
    claimId: String(r.claim_id),
    kind: r.kind as ClaimEventKind,
    stage: Number(r.stage),
    at: date(r.at),
    actorKind: String(r.actor_kind),
    actorName: String(r.actor_name),
    note: text(r.note),
    responseDueAt: maybeDate(r.response_due_at),
    credit: amount(r.credit),
    currency: text(r.currency),
    adjustmentId: text(r.adjustment_id),
    correctionId: text(r.correction_id),
    escalationId: text(r.escalation_id),
  };
}
