import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { ACTION_ITEM_ADD, monthlyReviewWorld, REVIEW_START } from './support/review-fixtures';
import { TestApp } from './support/test-app';

const CALENDAR_CREATE = `mutation($i: BusinessCalendarCreateInput!) { businessCalendarCreate(input: $i) { calendar { id closedDates openDates } userErrors { code field message } } }`;
const CALENDAR = `query($id: ID!) { node(id: $id) { ... on BusinessCalendar { name closedDates openDates } } }`;
const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const CLOCKS = `query($id: ID!) { incident(id: $id) { clocks { metric state target elapsed remaining dueAt } } }`;

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' }));

describeOnBothDatabases('calendar dates', (db) => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());

  it('reads closed and open dates back as dates, and the clock closes the closed day and opens the open one', async () => {
    const w = await agreementWorld(t);
    // Friday 4 December closed (a bridge day), Saturday 5 December open to make up for it.
    const created = await t.ok(CALENDAR_CREATE, { i: { name: 'Berlin office', timeZone: 'Europe/Berlin', weeklyHours: weekdays, closedDates: ['2026-12-04'], openDates: ['2026-12-05'] } }, w.admin);
    expect(created.businessCalendarCreate).toMatchObject({ calendar: { closedDates: ['2026-12-04'], openDates: ['2026-12-05'] }, userErrors: [] });
    const calendar = created.businessCalendarCreate.calendar.id;
    expect((await t.ok(CALENDAR, { id: calendar }, w.admin)).node).toEqual({ name: 'Berlin office', closedDates: ['2026-12-04'], openDates: ['2026-12-05'] });

    await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Office hours',
        effectiveFrom: '2026-11-01T00:00:00Z',
        objectives: [
          { metric: 'FIRST_RESPONSE_TIME', priority: 'P3', targetDuration: 'PT8H', calendar },
          { metric: 'RESOLUTION_TIME', priority: 'P3', targetDuration: 'PT200H', calendar },
        ],
      },
    });
    // Thursday 3 December 16:00 Berlin: one business hour on Thursday, none on the closed Friday,
    // seven on the open Saturday (with Monday's hours): due Saturday 16:00 Berlin.
    clock.set(new Date('2026-12-03T15:00:00Z'));
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P3', impact: 'NONE', title: 'Report export slow', startedAt: '2026-12-03T15:00:00Z' } }, w.admin);
    expect(reported.incidentReport.userErrors).toEqual([]);
    // Saturday 10:00 Berlin: one hour on Thursday and one on Saturday have passed.
    clock.set(new Date('2026-12-05T09:00:00Z'));
    const clocks = async () => (await t.ok(CLOCKS, { id: reported.incidentReport.incident.id }, w.admin)).incident.clocks;
    const firstResponse = (await clocks()).find((c: { metric: string }) => c.metric === 'FIRST_RESPONSE_TIME');
    expect(firstResponse).toEqual({ metric: 'FIRST_RESPONSE_TIME', state: 'RUNNING', target: 'PT8H', elapsed: 'PT2H', remaining: 'PT6H', dueAt: '2026-12-05T15:00:00.000Z' });

    // Friday 18 December 16:58:19 Berlin: 1 h Thursday, 8 h Saturday, two weeks of 40 h, and 7:58:19 on
    // the last day: 88 h 58 min 19 s of business time, written in hours ("P3DT16H58M19S" would read as days).
    clock.set(new Date('2026-12-18T15:58:19Z'));
    const resolution = (await clocks()).find((c: { metric: string }) => c.metric === 'RESOLUTION_TIME');
    expect(resolution).toMatchObject({ state: 'RUNNING', target: 'PT200H', elapsed: 'PT88H58M19S', remaining: 'PT111H1M41S' });
  });

  it("reads an action item's due date back as the date it was given", async () => {
    const rw = await monthlyReviewWorld(t, clock);
    const [september] = (await t.ok(`{ reviews(first: 1, orderBy: DUE_AT_ASC) { nodes { id } } }`, {}, rw.w.admin)).reviews.nodes;
    clock.set(new Date('2025-10-02T09:00:00Z'));
    await t.ok(REVIEW_START, { input: { id: september.id } }, rw.w.admin);
    const added = await t.ok(ACTION_ITEM_ADD, { input: { review: september.id, description: 'Document failover', owner: 'dba@example.com', dueOn: '2025-10-20' } }, rw.w.admin);
    expect(added.reviewActionItemAdd).toMatchObject({ actionItem: { dueOn: '2025-10-20' }, userErrors: [] });
    const listed = await t.ok(`query($id: ID!) { review(id: $id) { actionItems(first: 5) { nodes { dueOn } } } }`, { id: september.id }, rw.w.admin);
    expect(listed.review.actionItems.nodes).toEqual([{ dueOn: '2025-10-20' }]);
  });
});
