import { type FixedClock } from '../../src/common/clock';
import { fromGlobalId } from '../../src/common/global-id';
import { Role } from '../../src/common/roles';
import { type AgreementWorld, agreementWorld, AGREEMENT_CREATE, REVISION_APPROVE, REVISION_PROPOSE } from './agreement-fixtures';
import { type TestApp } from './test-app';

export const REVIEW_FIELDS = `id kind title periodStart periodEnd dueAt status overdue version decision decisionNotes startedAt completedAt
  agreement { id } amendment { id number state }`;

export const REVIEWS = `query($filter: ReviewFilter, $first: Int, $orderBy: ReviewOrder) {
  reviews(filter: $filter, first: $first, orderBy: $orderBy) { totalCount nodes { ${REVIEW_FIELDS} } }
}`;

export const REVIEW_START = `mutation($input: ReviewStartInput!) { reviewStart(input: $input) { review { ${REVIEW_FIELDS} } userErrors { code field message } } }`;
export const REVIEW_COMPLETE = `mutation($input: ReviewCompleteInput!) {
  reviewComplete(input: $input) { review { ${REVIEW_FIELDS} participants { name party role } findings { severity text objective { metric } } }
    amendment { id number state basedOn { number } } userErrors { code field message } }
}`;
export const REVIEW_CANCEL = `mutation($input: ReviewCancelInput!) { reviewCancel(input: $input) { review { ${REVIEW_FIELDS} cancelReason } userErrors { code field message } } }`;
export const REVIEW_SCHEDULE = `mutation($input: ReviewScheduleInput!) { reviewSchedule(input: $input) { review { ${REVIEW_FIELDS} } userErrors { code field message } } }`;
export const ACTION_ITEM_ADD = `mutation($input: ReviewActionItemAddInput!) {
  reviewActionItemAdd(input: $input) { actionItem { id description owner dueOn done doneAt doneBy version } userErrors { code field message } }
}`;
export const ACTION_ITEM_DONE = `mutation($input: ReviewActionItemDoneInput!) {
  reviewActionItemComplete(input: $input) { actionItem { id done doneAt doneBy version } userErrors { code field message } }
}`;

export const SNAPSHOT = `query($id: ID!) { review(id: $id) { status snapshot {
  takenAt periodClosed granularity status
  periods { start end status revisionNumber
    objectives { metric priority target targetDuration status attainedPercent clocksMet clocksBreached breachedIncidentIds
      errorBudget { unit allowed consumed remaining exceeded } objective { id } }
    credit { totalPercent amount currency explanation } violations { rule target actual unit consequence } }
  terminationRight { requiredConsecutiveBreaches arises currentStreak }
  totalCredit { amount currency }
} } }`;

export const uuid = (globalId: string) => fromGlobalId(globalId)!.uuid;

export interface ReviewWorld {
  w: AgreementWorld;
  signatory: string;
  agreementId: string;
  revisionId: string;
}

/**
 * A customer agreement for customer A (Managed PostgreSQL) with a MONTHLY review cadence,
 * availability 99.9 and P1 first response 15 minutes, credits, signed on 20 August 2025 and in
 * force from 1 September 2025 (Berlin). Leaves the clock at 2025-09-01T00:00Z with the
 * activation and the jobs it scheduled run.
 */
export async function monthlyReviewWorld(t: TestApp, clock: FixedClock, cadence = 'MONTHLY'): Promise<ReviewWorld> {
  await t.reset();
  clock.set(new Date('2025-08-20T09:00:00Z'));
  const w = await agreementWorld(t);
  const signatory = await t.token(w.provider, [Role.CUSTOMER_SIGNATORY], w.customerA.id);
  const created = await t.ok(
    AGREEMENT_CREATE,
    {
      input: {
        kind: 'CUSTOMER_BASED',
        level: 'CUSTOMER',
        customer: w.customerA.id,
        services: [w.serviceMpg.id],
        terms: {
          title: 'Alpha Bank SLA',
          effectiveFrom: '2025-08-31T22:00:00Z',
          reviewCadence: cadence,
          objectives: [
            { metric: 'AVAILABILITY', target: 99.9 },
            { metric: 'FIRST_RESPONSE_TIME', priority: 'P1', targetDuration: 'PT15M' },
          ],
          creditPolicy: {
            currency: 'EUR',
            periodFee: '10000.00',
            tiers: [{ below: 99.99, creditPercent: 10 }, { below: 99.0, creditPercent: 30 }],
            perBreach: [],
            monthlyCapPercent: 50,
            terminationAfterConsecutiveBreaches: 3,
          },
        },
      },
    },
    w.admin,
  );
  if (created.agreementCreate.userErrors.length) throw new Error(JSON.stringify(created.agreementCreate.userErrors));
  const revisionId = created.agreementCreate.revision.id;
  await t.ok(REVISION_PROPOSE, { id: revisionId }, w.admin);
  await t.ok(REVISION_APPROVE, { id: revisionId }, w.admin);
  await t.ok(REVISION_APPROVE, { id: revisionId }, signatory);
  clock.set(new Date('2025-09-01T00:00:00Z'));
  await t.app.jobs.revisionActivation!.runNow();
  await t.app.jobs.runDue();
  return { w, signatory, agreementId: created.agreementCreate.agreement.id, revisionId };
}

/** An OUTAGE incident of customer A on Managed PostgreSQL from `start` for `minutes`, acknowledged after 5 minutes. */
export async function outage(t: TestApp, clock: FixedClock, rw: ReviewWorld, start: string, minutes: number, priority = 'P2'): Promise<string> {
  const startedAt = new Date(start);
  const now = clock.now();
  const report = await t.ok(
    `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { incident { id } userErrors { code field message } } }`,
    { i: { customer: rw.w.customerA.id, service: rw.w.serviceMpg.id, priority, impact: 'OUTAGE', title: `Outage ${start}`, startedAt: startedAt.toISOString() } },
    rw.w.admin,
  );
  if (report.incidentReport.userErrors.length) throw new Error(JSON.stringify(report.incidentReport.userErrors));
  const id = report.incidentReport.incident.id;
  const move = async (to: string, at: Date) => {
    const res = await t.ok(`mutation($i: IncidentTransitionInput!) { incidentTransition(input: $i) { userErrors { code field message } } }`, { i: { id, to, at: at.toISOString() } }, rw.w.admin);
    if (res.incidentTransition.userErrors.length) throw new Error(JSON.stringify(res.incidentTransition.userErrors));
  };
  await move('ACKNOWLEDGED', new Date(startedAt.getTime() + 5 * 60_000));
  await move('RESOLVED', new Date(startedAt.getTime() + minutes * 60_000));
  clock.set(now);
  return id;
}

/** Review events recorded, oldest first. */
export async function reviewEvents(t: TestApp): Promise<{ type: string; subject_id: string; data: Record<string, unknown> }[]> {
  return t.app.db.dataSource.query(`SELECT type, subject_id, data FROM domain_event WHERE type LIKE 'review.%' ORDER BY occurred_at, recorded_at`);
}
