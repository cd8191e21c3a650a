import { DateTime } from 'luxon';
import { type ReportingFrequency } from '../../common/agreement-enums';
import { EventType } from '../../common/event-types';
import { toGlobalId } from '../../common/global-id';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { type RevisionActivated } from '../agreements/agreement.domain-events';
import { SIGNED_STATES_SQL } from '../agreements/revision-lifecycle';
import { type RevisionTerms } from '../agreements/terms';
import { type PayloadOf } from '../events/domain-events';
import { raiseEvent } from '../events/event.service';
import { asProviderSystem, lockAgreementForSettlement } from '../settlement/statement-close.service';
import { requireRole } from '../shared/access';
import { nestedPages } from '../shared/nested-pages';
import { type Page, type PageRequest } from '../shared/pagination';
import { agreementExportPath, signLink } from './download-links';
import { complianceCsv, type ExportFile, qbrPdf } from './export.service';
import { composeReportMail, sendMail } from './report-mail';
import { duePeriods, reportPeriodOf } from './report-periods';
import { planEmailAttempt } from './report-retry';

/**
 * Scheduled report delivery. The terms' `reporting` (frequency, recipients) of the revision in
 * force decide: every WEEKLY, MONTHLY or QUARTERLY period (provider's time zone) that ends is
 * reported once, at its end, by a durable job per agreement (`report.deliver`): a row in the
 * delivery log (unique per agreement and period: however often the job runs, in however many
 * processes, a period is reported once), a `report.ready` event (webhooks, with signed download
 * links), and an e-mail to the recipients with the QBR pack (PDF) and the compliance report
 * (CSV) attached, sent by a job of its own (`report.email`) with retries. Without SMTP (SMTP_URL)
 * or without recipients the e-mail is recorded as SKIPPED with the reason; the webhook goes anyway.
 * A run delivers every period that ended since the last one reported (after downtime, each
 * missed period once), then schedules itself at the end of the running period.
 */
export const ReportDeliveryRoles = {
  read: [Role.PROVIDER_ADMIN, Role.ACCOUNT_MANAGER, Role.ANALYST],
} as const;

export type EmailStatus = 'PENDING' | 'SENT' | 'SKIPPED' | 'FAILED';

export interface ReportDeliveryRow {
  id: string;
  providerId: string;
  agreementId: string;
  customerId: string | null;
  revisionId: string;
  frequency: ReportingFrequency;
  periodStart: Date;
  periodEnd: Date;
  recipients: string[];
  emailStatus: EmailStatus;
  skippedReason: string | null;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export interface ReportAttemptRow {
  id: string;
  deliveryId: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  succeeded: boolean;
  accepted: string[];
  rejected: string[];
  response: string | null;
  error: string | null;
}

const COLUMNS = `d.id, d.provider_id, d.agreement_id, d.customer_id, d.revision_id, d.frequency, d.period_start, d.period_end, to_jsonb(d.recipients) AS recipients,
  d.email_status, d.skipped_reason, d.attempt_count, d.next_attempt_at, d.last_error, d.message_id, d.sent_at, d.failed_at, d.created_at`;
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const maybeDate = (v: unknown) => (v === null || v === undefined ? null : date(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toRow(r: Record<string, unknown>): ReportDeliveryRow {
  return {
    id: String(r.id),
    providerId: String(r.provider_id),
    agreementId: String(r.agreement_id),
    customerId: (r.customer_id as string | null) ?? null,
    revisionId: String(r.revision_id),
    frequency: r.frequency as ReportingFrequency,
    periodStart: date(r.period_start),
    periodEnd: date(r.period_end),
    recipients: json<string[]>(r.recipients),
    emailStatus: r.email_status as EmailStatus,
    skippedReason: (r.skipped_reason as string | null) ?? null,
    attemptCount: Number(r.attempt_count),
    nextAttemptAt: maybeDate(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? null,
    messageId: (r.message_id as string | null) ?? null,
    sentAt: maybeDate(r.sent_at),
    failedAt: maybeDate(r.failed_at),
    createdAt: date(r.created_at),
  };
}

interface SignedRevision {
  id: string;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  terms: RevisionTerms;
}

async function signedRevisions(tx: RequestContext, agreementId: string): Promise<SignedRevision[]> {
  const rows: { id: string; effective_from: Date | string; effective_to: Date | string | null; terms: RevisionTerms | string }[] = await tx.em.query(
    `SELECT r.id, r.effective_from, r.effective_to, r.terms FROM agreement_revision r
     WHERE r.agreement_id = $1 AND r.state IN (${SIGNED_STATES_SQL}) AND r.effective_from IS NOT NULL ORDER BY r.effective_from`,
    [agreementId],
  );
  return rows.map((r) => ({ id: r.id, effectiveFrom: date(r.effective_from), effectiveTo: maybeDate(r.effective_to), terms: json<RevisionTerms>(r.terms) }));
}

const inForceAt = (revisions: SignedRevision[], at: Date) => [...revisions].reverse().find((r) => r.effectiveFrom <= at && (r.effectiveTo === null || at < r.effectiveTo)) ?? null;

function deliverJob(agreementId: string, since: Date, runAt: Date, key: string) {
  return { data: { agreementId, since: since.toISOString() }, runAt, singletonKey: `report.deliver:${agreementId}:${key}` };
}

const emailJobKey = (deliveryId: string, attempt: number) => `report.email:${deliveryId}:${attempt}`;

/** The signed links of a report (absolute), valid for the configured time from `now`. */
export function reportLinks(ctx: RequestContext, d: { providerId: string; agreementId: string; periodStart: Date; periodEnd: Date; frequency: string }, now: Date) {
  const settings = ctx.db.reports;
  const expiresAt = new Date(now.getTime() + settings.linkTtlSeconds * 1000);
  const range = { from: d.periodStart, to: d.periodEnd };
  const granularity = d.frequency === 'QUARTERLY' ? 'QUARTER' : 'MONTH';
  const base = settings.baseUrl();
  return {
    qbrPdf: base + signLink(settings.linkKey, agreementExportPath(d.agreementId, 'qbr.pdf', range), d.providerId, expiresAt),
    complianceCsv: base + signLink(settings.linkKey, agreementExportPath(d.agreementId, 'compliance.csv', { ...range, granularity }), d.providerId, expiresAt),
    expiresAt,
  };
}

/**
 * Job `report.deliver`: reports every period of the agreement that ended since the last one
 * reported (else since `since`), oldest first, and schedules the next run at the end of the
 * running period. Safe to run twice: the agreement's row is locked and a period's report is
 * unique; returns the deliveries this run created.
 */
export async function deliverDueReports(ctx: RequestContext, agreementId: string, since: Date): Promise<ReportDeliveryRow[]> {
  return withTransaction(ctx, async (tx) => {
    const agreement = await lockAgreementForSettlement(tx, agreementId);
    if (!agreement) return [];
    const revisions = await signedRevisions(tx, agreementId);
    if (revisions.length === 0) return [];
    const zone = agreement.time_zone;
    const now = tx.now;
    const [last]: { period_end: Date | string | null }[] = await tx.em.query(`SELECT max(period_end) AS period_end FROM report_delivery WHERE agreement_id = $1`, [agreementId]);
    const after = last?.period_end ? date(last.period_end) : since;
    const frequencyAt = (at: Date) => inForceAt(revisions, at)?.terms.reporting?.frequency ?? null;
    const created: ReportDeliveryRow[] = [];
    for (const p of duePeriods(after, now, zone, frequencyAt)) {
      const revision = inForceAt(revisions, new Date(p.end.getTime() - 1)) ?? inForceAt(revisions, p.start)!;
      const recipients = revision.terms.reporting?.recipients ?? [];
      const skipped = !tx.db.reports.smtp ? 'E-mail is not configured on the server (SMTP_URL).' : recipients.length === 0 ? 'The terms name no report recipients.' : null;
      const rows: Record<string, unknown>[] = await tx.em.query(
        `INSERT INTO report_delivery (provider_id, agreement_id, customer_id, revision_id, frequency, period_start, period_end, recipients, email_status, skipped_reason, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12)
         ON CONFLICT (agreement_id, period_start, period_end) DO NOTHING RETURNING ${COLUMNS.replace(/d\./g, '')}`,
        [agreement.provider_id, agreementId, agreement.customer_id, revision.id, p.frequency, p.start, p.end, recipients, skipped ? 'SKIPPED' : 'PENDING', skipped, skipped ? null : now, now],
      );
      if (!rows[0]) continue;
      const delivery = toRow(rows[0]);
      created.push(delivery);
      const links = reportLinks(tx, delivery, now);
      await raiseEvent(tx, {
        type: EventType.REPORT_READY,
        providerId: agreement.provider_id,
        customerId: agreement.customer_id,
        agreementId,
        subjectType: 'ReportDelivery',
        subjectId: delivery.id,
        data: {
          report: toGlobalId('ReportDelivery', delivery.id),
          agreement: toGlobalId('Agreement', agreementId),
          revision: toGlobalId('AgreementRevision', revision.id),
          title: revision.terms.title,
          frequency: p.frequency,
          periodStart: p.start.toISOString(),
          periodEnd: p.end.toISOString(),
          downloads: {
            qbrPdf: links.qbrPdf,
            complianceCsv: links.complianceCsv,
            expiresAt: links.expiresAt.toISOString(),
          },
          email: { status: delivery.emailStatus, recipients: recipients.length, skippedReason: skipped },
        },
      });
      if (!skipped) await tx.db.jobs.schedule(tx, 'report.email', { deliveryId: delivery.id }, now, { singletonKey: emailJobKey(delivery.id, 1) });
    }
    await scheduleNext(tx, agreementId, zone, revisions, created.length ? created[created.length - 1].periodEnd : after);
    return created;
  });
}

/** The next run: at the end of the period running now (or of the first period of a revision that starts later); none when nothing is in force from now on. */
async function scheduleNext(tx: RequestContext, agreementId: string, zone: string, revisions: SignedRevision[], after: Date): Promise<void> {
  const now = tx.now;
  const from = after > now ? after : now;
  const current = inForceAt(revisions, from);
  const later = current ?? revisions.find((r) => r.effectiveFrom > from) ?? null;
  if (!later) return;
  const at = current ? from : later.effectiveFrom;
  const frequency = later.terms.reporting?.frequency;
  if (!frequency) return;
  const end = reportPeriodOf(at, frequency, zone).end;
  const job = deliverJob(agreementId, after, end, end.toISOString());
  await tx.db.jobs.schedule(tx, 'report.deliver', job.data, job.runAt, { singletonKey: job.singletonKey });
}

/** Reaction to RevisionActivated: reporting starts with the period the activation falls in (earlier periods of back-dated terms are not e-mailed). */
export async function scheduleReportsOfActivatedRevision(tx: RequestContext, { agreement, revision, at }: PayloadOf<typeof RevisionActivated>): Promise<void> {
  const job = deliverJob(agreement.id, at, tx.now, `activated:${revision.id}`);
  await tx.db.jobs.schedule(tx, 'report.deliver', job.data, job.runAt, { singletonKey: job.singletonKey });
}

/**
 * Start-up catch-up, in bulk: a run now for every agreement with terms in force (keyed per
 * agreement and day, so several processes starting together schedule each once). A run reports
 * what ended since the last report, so periods missed while down are reported, once each.
 */
export async function scheduleMissingReports(ctx: RequestContext): Promise<number> {
  const agreements: { id: string }[] = await ctx.em.query(
    `SELECT a.id FROM agreement a WHERE EXISTS (SELECT 1 FROM agreement_revision r WHERE r.agreement_id = a.id AND r.state IN (${SIGNED_STATES_SQL})
       AND r.effective_from IS NOT NULL AND r.effective_from <= $1 AND (r.effective_to IS NULL OR r.effective_to > $1)) ORDER BY a.id`,
    [ctx.now],
  );
  const day = ctx.now.toISOString().slice(0, 10);
  await ctx.db.jobs.scheduleMany(ctx, 'report.deliver', agreements.map((a) => deliverJob(a.id, ctx.now, ctx.now, `catch-up:${day}`)));
  return agreements.length;
}

interface EmailClaim {
  delivery: ReportDeliveryRow;
  attempt: number;
  final: boolean;
  startedAt: Date;
  title: string;
  customerName: string | null;
  timeZone: string;
}

/**
 * Job `report.email`: the next attempt of a PENDING delivery's e-mail. The attempt is counted
 * (and the one after it scheduled) before sending, in one transaction, so two runs never send
 * the same attempt; the outcome is recorded in another. Safe to run twice and early.
 */
export async function sendReportEmail(ctx: RequestContext, deliveryId: string): Promise<void> {
  const claim = await withTransaction(ctx, async (tx): Promise<EmailClaim | null> => {
    const rows: Record<string, unknown>[] = await tx.em.query(`SELECT ${COLUMNS} FROM report_delivery d WHERE d.id = $1 FOR UPDATE`, [deliveryId]);
    if (!rows[0]) return null;
    const delivery = toRow(rows[0]);
    const now = tx.now;
    if (delivery.emailStatus !== 'PENDING' || (delivery.nextAttemptAt && delivery.nextAttemptAt > now)) return null;
    if (!tx.db.reports.smtp) {
      await tx.em.query(`UPDATE report_delivery SET email_status = 'SKIPPED', skipped_reason = $2, next_attempt_at = NULL WHERE id = $1`, [deliveryId, 'E-mail is not configured on the server (SMTP_URL).']);
      return null;
    }
    const attempt = delivery.attemptCount + 1;
    const plan = planEmailAttempt(attempt, now);
    await tx.em.query(`UPDATE report_delivery SET attempt_count = $2, next_attempt_at = $3 WHERE id = $1`, [deliveryId, attempt, plan.nextAttemptAt]);
    if (!plan.final) await tx.db.jobs.schedule(tx, 'report.email', { deliveryId }, plan.nextAttemptAt, { singletonKey: emailJobKey(deliveryId, attempt + 1) });
    const [head]: { title: string; customer_name: string | null; time_zone: string }[] = await tx.em.query(
      `SELECT r.terms->>'title' AS title, (SELECT c.name FROM customer c WHERE c.id = $2) AS customer_name, p.time_zone
       FROM agreement_revision r JOIN provider p ON p.id = r.provider_id WHERE r.id = $1`,
      [delivery.revisionId, delivery.customerId],
    );
    return { delivery, attempt, final: plan.final, startedAt: now, title: head.title, customerName: head.customer_name, timeZone: head.time_zone };
  });
  if (!claim) return;
  const d = claim.delivery;
  const smtp = ctx.db.reports.smtp!;
  // The files are read as the provider's system user, outside any transaction, before the message is sent.
  const system = asProviderSystem(ctx, d.providerId);
  const granularity = d.frequency === 'QUARTERLY' ? 'QUARTER' : 'MONTH';
  const files = await Promise.all([qbrPdf(system, d.agreementId, d.periodStart, d.periodEnd), complianceCsv(system, d.agreementId, d.periodStart, d.periodEnd, granularity)]);
  const attachments = await Promise.all(files.flatMap((f) => (f ? [attachment(f)] : [])));
  const day = (x: Date) => DateTime.fromJSDate(x, { zone: claim.timeZone }).toFormat('yyyy-MM-dd');
  const mail = composeReportMail(
    { agreementTitle: claim.title, customerName: claim.customerName, frequency: d.frequency, periodLabel: `${day(d.periodStart)} to ${day(new Date(d.periodEnd.getTime() - 1))} (${claim.timeZone})`, links: reportLinks(ctx, d, claim.startedAt) },
    { from: smtp.from, to: d.recipients, messageId: `<report-${d.id}@sla-contracts-api>` },
    attachments,
  );
  const outcome = await sendMail(smtp.url, mail);
  await withTransaction(ctx, async (tx) => {
    await tx.em.query(
      `INSERT INTO report_delivery_attempt (provider_id, delivery_id, number, started_at, duration_ms, succeeded, accepted, rejected, response, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9, $10)`,
      [d.providerId, d.id, claim.attempt, claim.startedAt, outcome.durationMs, outcome.succeeded, outcome.accepted, outcome.rejected, outcome.response, outcome.error],
    );
    if (outcome.succeeded) {
      await tx.em.query(`UPDATE report_delivery SET email_status = 'SENT', sent_at = $2, next_attempt_at = NULL, message_id = $3, last_error = NULL WHERE id = $1 AND email_status = 'PENDING'`, [
        d.id,
        tx.now,
        mail.messageId,
      ]);
    } else if (claim.final) {
      await tx.em.query(`UPDATE report_delivery SET email_status = 'FAILED', failed_at = $2, next_attempt_at = NULL, last_error = $3 WHERE id = $1 AND email_status = 'PENDING'`, [d.id, tx.now, outcome.error]);
    } else {
      await tx.em.query(`UPDATE report_delivery SET last_error = $2 WHERE id = $1`, [d.id, outcome.error]);
    }
  });
}

async function attachment(f: ExportFile): Promise<{ filename: string; content: Buffer; contentType: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of f.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { filename: f.fileName, content: Buffer.concat(chunks), contentType: f.contentType };
}

/** The report deliveries of each agreement, a page each, latest period first. */
export async function reportDeliveriesOf(ctx: RequestContext, agreementIds: readonly string[], page: PageRequest): Promise<Map<string, Page<ReportDeliveryRow>>> {
  const actor = requireRole(ctx, ReportDeliveryRoles.read);
  return nestedPages(
    ctx,
    agreementIds,
    {
      orderKey: 'agreement-report-deliveries:period',
      direction: 'DESC',
      pairsSql: `SELECT d.agreement_id AS parent_id, d.id AS child_id, to_char(d.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || to_char(d.period_end AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSMS') AS sort_value
                 FROM report_delivery d WHERE d.agreement_id = ANY($1::uuid[]) AND d.provider_id = $2`,
      params: [actor.providerId],
      load: (ids) => findReportDeliveriesByIds(ctx, ids),
    },
    page,
  );
}

export async function findReportDeliveriesByIds(ctx: RequestContext, ids: readonly string[]): Promise<ReportDeliveryRow[]> {
  if (ids.length === 0) return [];
  const actor = requireRole(ctx, ReportDeliveryRoles.read);
  const rows: Record<string, unknown>[] = await ctx.em.query(`SELECT ${COLUMNS} FROM report_delivery d WHERE d.id = ANY($1::uuid[]) AND d.provider_id = $2`, [ids, actor.providerId]);
  return rows.map(toRow);
}

/** The e-mail attempts of deliveries (whose visibility the caller checked), in order. */
export async function reportAttemptsOf(ctx: RequestContext, deliveryIds: readonly string[]): Promise<ReportAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  const actor = requireRole(ctx, ReportDeliveryRoles.read);
  const rows: Record<string, unknown>[] = await ctx.em.query(
    `SELECT a.id, a.delivery_id, a.number, a.started_at, a.duration_ms, a.succeeded, to_jsonb(a.accepted) AS accepted, to_jsonb(a.rejected) AS rejected, a.response, a.error
     FROM report_delivery_attempt a WHERE a.delivery_id = ANY($1::uuid[]) AND a.provider_id = $2 ORDER BY a.delivery_id, a.number`,
    [deliveryIds, actor.providerId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    deliveryId: String(r.delivery_id),
    number: Number(r.number),
    startedAt: date(r.started_at),
    durationMs: Number(r.duration_ms),
    succeeded: Boolean(r.succeeded),
    accepted: json<string[]>(r.accepted),
    rejected: json<string[]>(r.rejected),
    response: (r.response as string | null) ?? null,
    error: (r.error as string | null) ?? null,
  }));
}
