import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { rebaseline } from '../src/domain/reviews/rebaseline';
import { jobHandlers } from '../src/jobs/job-handlers';
import { AGREEMENT_AMEND, REVISION_APPROVE, REVISION_PROPOSE, REVISION_UPDATE } from './support/agreement-fixtures';
import {
  ACTION_ITEM_ADD,
  ACTION_ITEM_DONE,
  monthlyReviewWorld,
  outage,
  REVIEW_CANCEL,
  REVIEW_COMPLETE,
  REVIEW_FIELDS,
  REVIEW_SCHEDULE,
  REVIEW_START,
  REVIEWS,
  reviewEvents,
  SNAPSHOT,
  uuid,
} from './support/review-fixtures';
import { TestApp } from './support/test-app';

const at = (iso: string) => new Date(iso);

describe('review cycles', () => {
  const clock = new FixedClock(at('2025-08-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock });
  });
  afterAll(() => t.stop());

  const reviewsOf = async (token: string, filter: Record<string, unknown> = {}, first = 20) => (await t.ok(REVIEWS, { filter, first }, token)).reviews;

  it('plans the review of the period under way when the agreement takes effect, once, from the cadence of the terms', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const { nodes, totalCount } = await reviewsOf(rw.w.admin, { agreement: rw.agreementId });
    expect(totalCount).toBe(1);
    // September in Berlin, due ten days after it ends.
    expect(nodes[0]).toMatchObject({
      kind: 'MONTHLY',
      periodStart: '2025-08-31T22:00:00.000Z',
      periodEnd: '2025-09-30T22:00:00.000Z',
      dueAt: '2025-10-10T22:00:00.000Z',
      status: 'SCHEDULED',
      overdue: false,
      agreement: { id: rw.agreementId },
    });
    // Running the jobs again, or planning again by an activation check, plans nothing new.
    expect(await t.app.jobs.runDue()).toBe(0);
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    expect((await reviewsOf(rw.w.admin)).totalCount).toBe(1);
  });

  it('plans nothing before the terms take effect, nor for an AD_HOC cadence', async () => {
    const rw = await monthlyReviewWorld(t, clock, 'AD_HOC');
    expect((await reviewsOf(rw.w.admin)).totalCount).toBe(0);
    const [adhoc] = [
      (
        await t.ok(
          REVIEW_SCHEDULE,
          { input: { agreement: rw.agreementId, title: 'Post-incident review', periodStart: '2025-08-31T22:00:00Z', periodEnd: '2025-09-15T22:00:00Z', dueAt: '2025-09-25T22:00:00Z' } },
          rw.w.admin,
        )
      ).reviewSchedule,
    ];
    expect(adhoc.userErrors).toEqual([]);
    expect(adhoc.review).toMatchObject({ kind: 'AD_HOC', title: 'Post-incident review', status: 'SCHEDULED', dueAt: '2025-09-25T22:00:00.000Z' });
    clock.set(at('2025-09-26T00:00:00Z'));
    await t.app.jobs.runDue();
    // The ad hoc review is announced like any other, and its end plans nothing.
    expect((await reviewEvents(t)).map((e) => e.type)).toEqual(['review.due', 'review.overdue']);
    expect((await reviewsOf(rw.w.admin)).totalCount).toBe(1);
  });

  it('raises review.due at the period end and plans the next review; past the due date it is OVERDUE and review.overdue is raised once', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    expect(await reviewEvents(t)).toEqual([]);

    clock.set(at('2025-09-30T22:00:00Z'));
    await t.app.jobs.runDue();
    let events = await reviewEvents(t);
    expect(events.map((e) => [e.type, e.subject_id])).toEqual([['review.due', uuid(september.id)]]);
    expect(events[0].data).toMatchObject({ review: september.id, agreement: rw.agreementId, kind: 'MONTHLY', dueAt: '2025-10-10T22:00:00.000Z' });
    const planned = (await reviewsOf(rw.w.admin, {}, 20)).nodes;
    expect(planned.map((r: any) => r.periodStart)).toEqual(['2025-08-31T22:00:00.000Z', '2025-09-30T22:00:00.000Z']);
    expect(await t.app.jobs.runDue()).toBe(0);

    // One minute before the due date: not overdue. At the due date: OVERDUE, even before any job ran.
    clock.set(at('2025-10-10T21:59:00Z'));
    expect((await reviewsOf(rw.w.admin, { status: 'OVERDUE' })).totalCount).toBe(0);
    clock.set(at('2025-10-10T22:00:00Z'));
    const overdue = await reviewsOf(rw.w.admin, { status: 'OVERDUE' });
    expect(overdue.nodes.map((r: any) => [r.id, r.status, r.overdue])).toEqual([[september.id, 'OVERDUE', true]]);
    expect((await reviewsOf(rw.w.admin, { status: 'SCHEDULED' })).nodes.map((r: any) => r.periodStart)).toEqual(['2025-09-30T22:00:00.000Z']);

    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    clock.set(at('2025-10-12T00:00:00Z'));
    await t.app.jobs.runDue();
    events = await reviewEvents(t);
    expect(events.map((e) => [e.type, e.subject_id])).toEqual([
      ['review.due', uuid(september.id)],
      ['review.overdue', uuid(september.id)],
    ]);
    expect(events[1].data).toMatchObject({ status: 'OVERDUE' });

    // Started late, it stays OVERDUE until it is completed.
    const started = (await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin)).reviewStart;
    expect(started.review.status).toBe('OVERDUE');
    const done = (await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE' } }, rw.w.admin)).reviewComplete;
    expect(done.review).toMatchObject({ status: 'COMPLETED', overdue: false, decision: 'CONTINUE' });
  });

  it('when terms with another cadence take effect, the scheduled review of the old cadence is cancelled and one of the new cadence planned', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    clock.set(at('2025-09-10T09:00:00Z'));
    const draft = (await t.ok(AGREEMENT_AMEND, { id: rw.agreementId }, rw.w.admin)).agreementAmend.revision;
    const updated = (
      await t.ok(REVISION_UPDATE, { input: { id: draft.id, version: draft.version, terms: { reviewCadence: 'QUARTERLY', effectiveFrom: '2025-09-15T00:00:00Z' } } }, rw.w.admin)
    ).revisionUpdate;
    expect(updated.userErrors).toEqual([]);
    await t.ok(REVISION_PROPOSE, { id: draft.id }, rw.w.admin);
    await t.ok(REVISION_APPROVE, { id: draft.id }, rw.w.admin);
    await t.ok(REVISION_APPROVE, { id: draft.id }, rw.signatory);
    await t.app.jobs.runDue();
    expect((await reviewsOf(rw.w.admin)).nodes.map((r: any) => [r.kind, r.status])).toEqual([['MONTHLY', 'SCHEDULED']]);

    clock.set(at('2025-09-15T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
    await t.app.jobs.runDue();
    const after = (await reviewsOf(rw.w.admin)).nodes.sort((a: any, b: any) => a.kind.localeCompare(b.kind));
    expect(after.map((r: any) => [r.kind, r.status, r.periodStart, r.dueAt])).toEqual([
      ['MONTHLY', 'CANCELLED', '2025-08-31T22:00:00.000Z', '2025-10-10T22:00:00.000Z'],
      ['QUARTERLY', 'SCHEDULED', '2025-06-30T22:00:00.000Z', '2025-10-10T22:00:00.000Z'],
    ]);
  });

  it('an ad hoc review needs a signed agreement', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const created = await t.ok(
      `mutation($input: AgreementCreateInput!) { agreementCreate(input: $input) { agreement { id } } }`,
      { input: { kind: 'CUSTOMER_BASED', level: 'CUSTOMER', customer: rw.w.customerB.id, services: [rw.w.serviceMpg.id], terms: { title: 'Draft' } } },
      rw.w.admin,
    );
    const res = (
      await t.ok(REVIEW_SCHEDULE, { input: { agreement: created.agreementCreate.agreement.id, periodStart: '2025-08-01T00:00:00Z', periodEnd: '2025-08-31T00:00:00Z', dueAt: '2025-09-10T00:00:00Z' } }, rw.w.admin)
    ).reviewSchedule;
    expect(res.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: ['input', 'agreement'] }]);
  });

  it('job handlers are safe to run again after a crash: a second run raises nothing and plans nothing new', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-11T00:00:00Z'));
    await t.app.jobs.runDue();
    const system = t.context(null);
    // As if the queue had not heard that the jobs finished and ran them once more.
    await jobHandlers['review.due']!(system, { reviewId: uuid(september.id) });
    await jobHandlers['review.overdue']!(system, { reviewId: uuid(september.id) });
    await jobHandlers['review.plan']!(system, { agreementId: uuid(rw.agreementId) });
    expect((await reviewEvents(t)).map((e) => e.type)).toEqual(['review.due', 'review.overdue']);
    expect((await reviewsOf(rw.w.admin)).totalCount).toBe(2);
  });

  it('a review completed before its due date raises no review.overdue', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-02T09:00:00Z'));
    await t.app.jobs.runDue();
    await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin);
    await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE' } }, rw.w.admin);
    clock.set(at('2025-10-20T00:00:00Z'));
    await t.app.jobs.runDue();
    expect((await reviewEvents(t)).map((e) => [e.type, e.subject_id])).toEqual([['review.due', uuid(september.id)]]);
  });

  it('starting freezes the compliance report and credits of the period; later incidents change the live report, never the snapshot', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-02T09:00:00Z'));
    await t.app.jobs.runDue();
    // 43 minutes of outage in September: 99.9005% (a 30-day month allows 43.2).
    await outage(t, clock, rw, '2025-09-10T10:00:00Z', 43, 'P1');

    const started = (await t.ok(REVIEW_START, { input: { id: september.id, version: september.version } }, rw.w.admin)).reviewStart;
    expect(started.userErrors).toEqual([]);
    expect(started.review).toMatchObject({ status: 'IN_PROGRESS', startedAt: '2025-10-02T09:00:00.000Z', version: september.version + 1 });
    const frozen = (await t.ok(SNAPSHOT, { id: september.id }, rw.w.admin)).review.snapshot;
    expect(frozen).toMatchObject({ takenAt: '2025-10-02T09:00:00.000Z', periodClosed: true, granularity: 'MONTH', status: 'MET', totalCredit: { amount: '1000.00', currency: 'EUR' } });
    expect(frozen.periods).toHaveLength(1);
    const availability = frozen.periods[0].objectives.find((o: any) => o.metric === 'AVAILABILITY');
    expect(availability).toMatchObject({ status: 'MET', attainedPercent: '99.9005', target: '99.9', errorBudget: { unit: 'MILLISECONDS', exceeded: false } });
    expect(frozen.periods[0].objectives.find((o: any) => o.metric === 'FIRST_RESPONSE_TIME')).toMatchObject({ clocksMet: 1, clocksBreached: 0, targetDuration: 'PT15M' });
    expect(frozen.periods[0].credit).toMatchObject({ totalPercent: '10', amount: '1000.00' });

    // A partner back-fills another September outage: the live report changes ...
    await outage(t, clock, rw, '2025-09-20T10:00:00Z', 120, 'P1');
    const live = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2025-08-31T22:00:00Z", to: "2025-09-30T22:00:00Z") { periods { status objectives { objective { metric } attainedPercent } } } }`,
      { a: rw.agreementId },
      rw.w.admin,
    );
    expect(live.complianceReport.periods[0].status).toBe('BREACHED');
    // ... the review's snapshot does not.
    expect((await t.ok(SNAPSHOT, { id: september.id }, rw.w.admin)).review.snapshot).toEqual(frozen);

    await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE' } }, rw.w.admin);
    await outage(t, clock, rw, '2025-09-25T10:00:00Z', 30, 'P1');
    expect((await t.ok(SNAPSHOT, { id: september.id }, rw.w.admin)).review.snapshot).toEqual(frozen);
    // Nor can anything below the API rewrite it.
    await expect(t.app.db.dataSource.query(`UPDATE review SET snapshot = '{}' WHERE id = $1`, [uuid(september.id)])).rejects.toThrow(/frozen|can no longer change/);
  });

  it('completing with AMEND opens a draft revision linked to the review, with participants, findings and action items recorded', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-03T09:00:00Z'));
    await t.app.jobs.runDue();
    await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin);
    const objectives = (await t.ok(`query($id: ID!) { node(id: $id) { ... on AgreementRevision { objectives { id metric } } } }`, { id: rw.revisionId }, rw.w.admin)).node.objectives;
    const availabilityId = objectives.find((o: any) => o.metric === 'AVAILABILITY').id;
    const res = (
      await t.ok(
        REVIEW_COMPLETE,
        {
          input: {
            id: september.id,
            decision: 'AMEND',
            decisionNotes: 'Raise the availability target; the history supports it.',
            participants: [
              { name: 'Maria Keller', party: 'PROVIDER', role: 'Service manager', email: 'maria@example.com' },
              { name: 'Jonas Richter', party: 'CUSTOMER', role: 'IT director' },
            ],
            findings: [{ severity: 'MINOR', text: 'One outage of 43 minutes on 10 September.', objective: availabilityId }],
            actionItems: [{ description: 'Add a second replica in another zone', owner: 'maria@example.com', dueOn: '2025-11-15' }],
          },
        },
        rw.w.admin,
      )
    ).reviewComplete;
    expect(res.userErrors).toEqual([]);
    expect(res.amendment).toMatchObject({ number: 2, state: 'DRAFT', basedOn: { number: 1 } });
    expect(res.review).toMatchObject({
      status: 'COMPLETED',
      decision: 'AMEND',
      completedAt: '2025-10-03T09:00:00.000Z',
      amendment: { id: res.amendment.id, number: 2, state: 'DRAFT' },
      participants: [
        { name: 'Maria Keller', party: 'PROVIDER', role: 'Service manager' },
        { name: 'Jonas Richter', party: 'CUSTOMER', role: 'IT director' },
      ],
      findings: [{ severity: 'MINOR', text: 'One outage of 43 minutes on 10 September.', objective: { metric: 'AVAILABILITY' } }],
    });
    const items = await t.ok(`query($id: ID!) { review(id: $id) { actionItems { totalCount nodes { description owner dueOn done } } } }`, { id: september.id }, rw.w.admin);
    expect(items.review.actionItems).toEqual({ totalCount: 1, nodes: [{ description: 'Add a second replica in another zone', owner: 'maria@example.com', dueOn: '2025-11-15', done: false }] });

    // A completed review is history.
    const again = (await t.ok(REVIEW_CANCEL, { input: { id: september.id, reason: 'oops' } }, rw.w.admin)).reviewCancel;
    expect(again.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: ['input', 'id'] }]);

    // The next review cannot AMEND while the draft is open: nothing is recorded, the error names the decision.
    const [october] = (await reviewsOf(rw.w.admin, { status: 'SCHEDULED' })).nodes;
    clock.set(at('2025-11-02T09:00:00Z'));
    await t.ok(REVIEW_START, { input: { id: october.id } }, rw.w.admin);
    const refused = (
      await t.ok(REVIEW_COMPLETE, { input: { id: october.id, decision: 'AMEND', participants: [{ name: 'Someone', party: 'PROVIDER' }] } }, rw.w.admin)
    ).reviewComplete;
    expect(refused.review).toBeNull();
    expect(refused.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: ['input', 'decision'] }]);
    const still = await t.ok(`query($id: ID!) { review(id: $id) { status participants { name } } }`, { id: october.id }, rw.w.admin);
    expect(still.review).toEqual({ status: 'IN_PROGRESS', participants: [] });
    // The draft is the agreement's one open revision, as agreementAmend would have made it.
    const amendAgain = (await t.ok(AGREEMENT_AMEND, { id: rw.agreementId }, rw.w.admin)).agreementAmend;
    expect(amendAgain.userErrors[0].code).toBe('INVALID_STATE');
  });

  it('action items: added while the review is in progress, marked done once, listed by due date, reachable by id', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-02T09:00:00Z'));
    const early = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Too early', owner: 'x', dueOn: '2025-11-01' } }, rw.w.admin)).reviewActionItemAdd;
    expect(early.userErrors).toMatchObject([{ code: 'INVALID_STATE' }]);
    await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin);
    const later = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Tune alerting', owner: 'ops@example.com', dueOn: '2025-12-01' } }, rw.w.admin)).reviewActionItemAdd;
    const sooner = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Document failover', owner: 'dba@example.com', dueOn: '2025-10-20' } }, rw.w.admin)).reviewActionItemAdd;
    expect(later.userErrors).toEqual([]);
    expect(sooner.actionItem).toMatchObject({ done: false, doneAt: null, version: 1 });

    const page = await t.ok(`query($id: ID!) { review(id: $id) { actionItems(first: 1) { totalCount pageInfo { hasNextPage } nodes { description dueOn } } } }`, { id: september.id }, rw.w.admin);
    expect(page.review.actionItems).toEqual({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ description: 'Document failover', dueOn: '2025-10-20' }] });

    await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE' } }, rw.w.admin);
    // Items are followed up after the review: done once, with who and when; doing it again changes nothing.
    clock.set(at('2025-10-18T15:00:00Z'));
    const done = (await t.ok(ACTION_ITEM_DONE, { input: { id: sooner.actionItem.id, version: 1 } }, rw.w.admin)).reviewActionItemComplete;
    expect(done.actionItem).toMatchObject({ done: true, doneAt: '2025-10-18T15:00:00.000Z', version: 2 });
    expect(done.actionItem.doneBy).toMatch(/provider_admin@acme/);
    clock.set(at('2025-10-19T15:00:00Z'));
    const twice = (await t.ok(ACTION_ITEM_DONE, { input: { id: sooner.actionItem.id } }, rw.w.admin)).reviewActionItemComplete;
    expect(twice.actionItem).toMatchObject({ done: true, doneAt: '2025-10-18T15:00:00.000Z', version: 2 });
    const stale = (await t.ok(ACTION_ITEM_DONE, { input: { id: later.actionItem.id, version: 7 } }, rw.w.admin)).reviewActionItemComplete;
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', field: ['input', 'version'] }]);

    const node = await t.ok(`query($id: ID!) { node(id: $id) { ... on ReviewActionItem { description done review { id status } } } }`, { id: sooner.actionItem.id }, rw.w.admin);
    expect(node.node).toEqual({ description: 'Document failover', done: true, review: { id: september.id, status: 'COMPLETED' } });
  });

  it('re-baselining: attainment per closed month from the compliance report, and the target 80% of them support', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    clock.set(at('2026-03-02T09:00:00Z'));
    // Outage minutes per month: September 0, October 30, November 10, December 0, January 60, February 5.
    await outage(t, clock, rw, '2025-10-14T10:00:00Z', 30);
    await outage(t, clock, rw, '2025-11-14T10:00:00Z', 10);
    await outage(t, clock, rw, '2026-01-14T10:00:00Z', 60);
    await outage(t, clock, rw, '2026-02-14T10:00:00Z', 5);
    await t.app.jobs.runDue();
    const march = (await reviewsOf(rw.w.admin, { status: 'SCHEDULED' })).nodes.find((r: any) => r.periodStart === '2026-02-28T23:00:00.000Z');
    expect(march).toBeDefined();
    const REBASELINE = `query($id: ID!) { review(id: $id) { rebaseline { metric priority target targetDuration periodsWithData periodsMet supportedTarget supportsCurrentTarget
      objective { id } history { start end status attainedPercent } } } }`;
    const live = (await t.ok(REBASELINE, { id: march.id }, rw.w.admin)).review.rebaseline;
    const availability = live.find((r: any) => r.metric === 'AVAILABILITY');
    expect(availability.history.map((h: any) => h.start)).toEqual([
      '2025-08-31T22:00:00.000Z',
      '2025-09-30T22:00:00.000Z',
      '2025-10-31T23:00:00.000Z',
      '2025-11-30T23:00:00.000Z',
      '2025-12-31T23:00:00.000Z',
      '2026-01-31T23:00:00.000Z',
    ]);
    // The same figures as the compliance report of those months.
    const report = await t.ok(
      `query($a: ID!) { complianceReport(agreement: $a, from: "2025-08-31T22:00:00Z", to: "2026-02-28T23:00:00Z") { periods { objectives { objective { metric } attainedPercent } } } }`,
      { a: rw.agreementId },
      rw.w.admin,
    );
    const fromReport = report.complianceReport.periods.map((p: any) => p.objectives.find((o: any) => o.objective.metric === 'AVAILABILITY').attainedPercent);
    expect(availability.history.map((h: any) => h.attainedPercent)).toEqual(fromReport);
    expect(fromReport[0]).toBe('100.0000');
    expect(fromReport[4]).toBe('99.8656'); // January: 60 of 744 hours
    // Sorted: 100, 100, 99.9876, 99.9769, 99.9329, 99.8656; 5 of 6 months reached 99.9329 -> 99.93.
    expect(availability).toMatchObject({ target: '99.9', periodsWithData: 6, periodsMet: 5, supportedTarget: '99.93', supportsCurrentTarget: true });
    expect(availability.supportedTarget).toBe(rebaseline(fromReport, 99.9).supportedTarget);
    // No P1 incidents: no clocks, no history to support anything.
    expect(live.find((r: any) => r.metric === 'FIRST_RESPONSE_TIME')).toMatchObject({ targetDuration: 'PT15M', periodsWithData: 0, supportedTarget: null });

    // Starting the review freezes the same figures with the snapshot.
    clock.set(at('2026-04-01T09:00:00Z'));
    await t.ok(REVIEW_START, { input: { id: march.id } }, rw.w.admin);
    await outage(t, clock, rw, '2025-12-10T10:00:00Z', 600);
    const frozen = (await t.ok(REBASELINE, { id: march.id }, rw.w.admin)).review.rebaseline;
    expect(frozen.find((r: any) => r.metric === 'AVAILABILITY').supportedTarget).toBe('99.93');
  });

  it('filters by agreement, status and due date; Agreement.reviews lists the latest period first; node(id) finds a review', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    for (const day of ['2025-10-01', '2025-11-01', '2025-12-02']) {
      clock.set(at(`${day}T09:00:00Z`));
      await t.app.jobs.runDue();
    }
    const all = await reviewsOf(rw.w.admin);
    // September and October are overdue, November is due on 10 December, December is under way.
    expect(all.nodes.map((r: any) => [r.periodStart.slice(0, 10), r.status])).toEqual([
      ['2025-08-31', 'OVERDUE'],
      ['2025-09-30', 'OVERDUE'],
      ['2025-10-31', 'SCHEDULED'],
      ['2025-11-30', 'SCHEDULED'],
    ]);
    expect((await reviewsOf(rw.w.admin, { dueBefore: '2025-11-01T00:00:00Z' })).totalCount).toBe(1);
    expect((await reviewsOf(rw.w.admin, { status: 'OVERDUE', dueBefore: '2025-11-30T00:00:00Z' })).totalCount).toBe(2);
    await t.ok(REVIEW_CANCEL, { input: { id: all.nodes[1].id, reason: 'Merged into the quarterly review.' } }, rw.w.admin);
    expect((await reviewsOf(rw.w.admin, { status: 'CANCELLED' })).nodes.map((r: any) => r.id)).toEqual([all.nodes[1].id]);
    expect((await reviewsOf(rw.w.admin, { status: 'COMPLETED' })).totalCount).toBe(0);
    const desc = await t.ok(REVIEWS, { orderBy: 'DUE_AT_DESC', first: 1 }, rw.w.admin);
    expect(desc.reviews.nodes[0].id).toBe(all.nodes[3].id);

    const viaAgreement = await t.ok(`query($id: ID!) { node(id: $id) { ... on Agreement { reviews(first: 2) { totalCount nodes { id periodStart } } } } }`, { id: rw.agreementId }, rw.w.admin);
    expect(viaAgreement.node.reviews.totalCount).toBe(4);
    expect(viaAgreement.node.reviews.nodes.map((r: any) => r.id)).toEqual([all.nodes[3].id, all.nodes[2].id]);
    const node = await t.ok(`query($id: ID!) { node(id: $id) { __typename ... on Review { ${REVIEW_FIELDS} } } }`, { id: all.nodes[0].id }, rw.w.admin);
    expect(node.node).toMatchObject({ __typename: 'Review', id: all.nodes[0].id, status: 'OVERDUE' });
  });

  it("customer users read their own customer's reviews and change nothing; analysts read; another provider sees nothing", async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    const viewerA = await t.token(rw.w.provider, [Role.CUSTOMER_VIEWER], rw.w.customerA.id);
    const viewerB = await t.token(rw.w.provider, [Role.CUSTOMER_VIEWER], rw.w.customerB.id);
    const analyst = await t.token(rw.w.provider, [Role.ANALYST]);
    const integration = await t.token(rw.w.provider, [Role.INTEGRATION]);
    const other = await t.provider('other');
    const otherAdmin = await t.token(other, [Role.PROVIDER_ADMIN]);

    expect((await reviewsOf(rw.signatory)).nodes.map((r: any) => r.id)).toEqual([september.id]);
    expect((await reviewsOf(viewerA)).totalCount).toBe(1);
    expect((await reviewsOf(analyst)).totalCount).toBe(1);
    expect((await reviewsOf(viewerB)).totalCount).toBe(0);
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: september.id }, viewerB)).node).toBeNull();
    expect((await reviewsOf(otherAdmin)).totalCount).toBe(0);
    expect((await t.ok(`query($id: ID!) { review(id: $id) { id } }`, { id: september.id }, otherAdmin)).review).toBeNull();
    expect((await t.gql(REVIEWS, {}, { token: integration })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    for (const token of [rw.signatory, analyst]) {
      const refused = await t.gql(REVIEW_START, { input: { id: september.id } }, { token });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const foreign = (await t.ok(REVIEW_START, { input: { id: september.id } }, otherAdmin)).reviewStart;
    expect(foreign.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
    const foreignSchedule = (
      await t.ok(REVIEW_SCHEDULE, { input: { agreement: rw.agreementId, periodStart: '2025-09-01T00:00:00Z', periodEnd: '2025-09-02T00:00:00Z', dueAt: '2025-09-03T00:00:00Z' } }, otherAdmin)
    ).reviewSchedule;
    expect(foreignSchedule.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'agreement'] }]);
    const account = await t.token(rw.w.provider, [Role.ACCOUNT_MANAGER]);
    expect((await t.ok(REVIEW_START, { input: { id: september.id } }, account)).reviewStart.userErrors).toEqual([]);
  });

  it('validation and state errors name the field', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    const schedule = async (input: Record<string, unknown>) =>
      (await t.ok(REVIEW_SCHEDULE, { input: { agreement: rw.agreementId, periodStart: '2025-09-01T00:00:00Z', periodEnd: '2025-09-08T00:00:00Z', dueAt: '2025-09-10T00:00:00Z', ...input } }, rw.w.admin))
        .reviewSchedule.userErrors;
    expect(await schedule({ periodEnd: '2025-08-01T00:00:00Z' })).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'periodEnd'] }]);
    expect(await schedule({ dueAt: '2025-09-07T00:00:00Z' })).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'dueAt'] }]);
    expect(await schedule({ agreement: september.id })).toMatchObject([{ code: 'INVALID_ID', field: ['input', 'agreement'] }]);
    expect(await schedule({ title: 'x'.repeat(301) })).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'title'] }]);

    const complete = (await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE' } }, rw.w.admin)).reviewComplete;
    expect(complete.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: ['input', 'id'] }]);
    const stale = (await t.ok(REVIEW_START, { input: { id: september.id, version: september.version + 1 } }, rw.w.admin)).reviewStart;
    expect(stale.userErrors).toMatchObject([{ code: 'STALE_VERSION', field: ['input', 'version'] }]);
    clock.set(at('2025-10-02T09:00:00Z'));
    await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin);

    const badItem = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Fix', owner: 'ops', dueOn: 'next week' } }, rw.w.admin)).reviewActionItemAdd;
    expect(badItem.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'dueOn'] }]);
    const noSuchDay = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Fix', owner: 'ops', dueOn: '2026-02-31' } }, rw.w.admin)).reviewActionItemAdd;
    expect(noSuchDay.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'dueOn'] }]);
    const blankOwner = (await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Fix', owner: '  ', dueOn: '2025-11-01' } }, rw.w.admin)).reviewActionItemAdd;
    expect(blankOwner.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'owner'] }]);
    const nested = (
      await t.ok(REVIEW_COMPLETE, { input: { id: september.id, decision: 'CONTINUE', participants: [{ name: 'A', party: 'PROVIDER', email: 'not-an-address' }] } }, rw.w.admin)
    ).reviewComplete;
    expect(nested.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'participants', '0', 'email'] }]);
    const PARTICIPANT = `mutation($input: ReviewParticipantAddInput!) { reviewParticipantAdd(input: $input) { participant { name } userErrors { code field message } } }`;
    expect((await t.ok(PARTICIPANT, { input: { review: september.id, name: 'Ann Lee', party: 'CUSTOMER' } }, rw.w.admin)).reviewParticipantAdd.participant).toEqual({ name: 'Ann Lee' });
    expect((await t.ok(PARTICIPANT, { input: { review: september.id, name: 'ann lee', party: 'CUSTOMER' } }, rw.w.admin)).reviewParticipantAdd.userErrors).toMatchObject([
      { code: 'ALREADY_EXISTS', field: ['input', 'name'] },
    ]);
    const FINDING = `mutation($input: ReviewFindingAddInput!) { reviewFindingAdd(input: $input) { finding { text } userErrors { code field message } } }`;
    expect((await t.ok(FINDING, { input: { review: september.id, severity: 'MAJOR', text: 'x', objective: rw.revisionId } }, rw.w.admin)).reviewFindingAdd.userErrors).toMatchObject([
      { code: 'INVALID_ID', field: ['input', 'objective'] },
    ]);
    const cancel = (await t.ok(REVIEW_CANCEL, { input: { id: september.id, reason: ' ' } }, rw.w.admin)).reviewCancel;
    expect(cancel.userErrors).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'reason'] }]);
  });

  it('a long list of re-baselining figures, each six months of reports, is refused by the cost limit before anything runs', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const res = await t.gql(`{ reviews(first: 100) { nodes { rebaseline { supportedTarget } } } }`, {}, { token: rw.w.admin });
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    const one = await t.gql(`{ reviews(first: 5) { nodes { rebaseline { supportedTarget } } } }`, {}, { token: rw.w.admin });
    expect(one.errors).toBeUndefined();
  });

  it('two starts at once: one wins, the other is told the review is already in progress', async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await reviewsOf(rw.w.admin)).nodes;
    clock.set(at('2025-10-02T09:00:00Z'));
    const account = await t.token(rw.w.provider, [Role.ACCOUNT_MANAGER]);
    const results = await Promise.all([rw.w.admin, account].map((token) => t.ok(REVIEW_START, { input: { id: september.id } }, token)));
    const outcomes = results.map((r) => r.reviewStart);
    expect(outcomes.filter((o) => o.userErrors.length === 0)).toHaveLength(1);
    const loser = outcomes.find((o) => o.userErrors.length > 0);
    expect(loser.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: ['input', 'id'] }]);
    const [row] = await t.app.db.dataSource.query('SELECT version, status FROM review WHERE id = $1', [uuid(september.id)]);
    expect(row).toEqual({ version: september.version + 1, status: 'IN_PROGRESS' });
  });
});
