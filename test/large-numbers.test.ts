import { FixedClock } from '../src/common/clock';
import { activeAgreement, agreementWorld, type AgreementWorld } from './support/agreement-fixtures';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

const REPORT = `mutation($input: IncidentReportInput!) { incidentReport(input: $input) { incident { id } userErrors { code field message } } }`;
const RECORD = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`;
const COMPLIANCE = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-01-01T00:00:00+01:00", to: "2026-02-01T00:00:00+01:00") {
    periods { objectives { objective { metric } status attainedPercent errorBudget { unit allowed consumed remaining } } }
  }
}`;

const DAY = 86_400_000;

describeOnBothDatabases('numbers past 32 bits', (db) => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  let w: AgreementWorld;
  let agreementId: string;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
    w = await agreementWorld(t);
    ({ agreementId } = await activeAgreement(t, w.admin, {
      kind: 'SERVICE_BASED',
      level: 'SERVICE',
      services: [w.serviceMpg.id],
      terms: {
        title: 'Busy API',
        effectiveFrom: '2025-12-31T23:00:00Z',
        objectives: [
          { metric: 'RESOLUTION_TIME', priority: 'P1', targetDuration: 'PT4H' },
          { metric: 'RESOLUTION_TIME', priority: 'P2', targetDuration: 'P1DT8H' },
          { metric: 'RATIO', target: 99.9 },
        ],
        exclusions: { maintenanceWindows: [{ name: 'Planned', noticePeriod: 'P2D', maxPerMonth: 'PT90M' }] },
        escalationPolicy: { levels: [{ level: 1, name: 'On call', notifyUsers: ['oncall@example.com'], after: 'P1DT30M' }], triggers: { unacknowledgedAfter: 'PT120M' } },
      },
    }));
    clock.set(new Date('2026-01-01T00:00:00Z'));
    await t.app.jobs.revisionActivation!.runNow();
  });
  afterAll(() => t.stop());

  it('reads an incident whose clock has been open for 40 days, its durations in hours', async () => {
    clock.set(new Date('2026-01-02T10:00:00Z'));
    const reported = await t.ok(REPORT, { input: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P1', impact: 'OUTAGE', title: 'Never resolved', startedAt: '2026-01-02T10:00:00Z' } }, w.admin);
    expect(reported.incidentReport.userErrors).toEqual([]);
    clock.set(new Date(Date.parse('2026-01-02T10:00:00Z') + 40 * DAY));
    const read = await t.ok(`query($id: ID!) { incident(id: $id) { title clocks { metric state target elapsed elapsedMs } } }`, { id: reported.incidentReport.incident.id }, w.admin);
    // 3,456,000,000 ms: past 2^31 - 1 (24.9 days), which a GraphQL Int cannot hold; 960 hours, not "P40D".
    expect(read.incident).toEqual({ title: 'Never resolved', clocks: [{ metric: 'RESOLUTION_TIME', state: 'BREACHED', target: 'PT4H', elapsed: 'PT960H', elapsedMs: 40 * DAY }] });
    const { node } = await t.ok(
      `query($id: ID!) { node(id: $id) { ... on Agreement { currentRevision {
        objectives { priority targetDuration }
        exclusions { maintenanceWindows { noticePeriod maxPerMonth } }
        escalationPolicy { levels { after } triggers { unacknowledgedAfter } }
      } } } }`,
      { id: agreementId },
      w.admin,
    );
    // Durations of the terms, given in days or minutes, read in hours too.
    expect(node.currentRevision).toEqual({
      objectives: [
        { priority: 'P1', targetDuration: 'PT4H' },
        { priority: 'P2', targetDuration: 'PT32H' },
        { priority: null, targetDuration: null },
      ],
      exclusions: { maintenanceWindows: [{ noticePeriod: 'PT48H', maxPerMonth: 'PT1H30M' }] },
      escalationPolicy: { levels: [{ after: 'PT24H30M' }], triggers: { unacknowledgedAfter: 'PT2H' } },
    });
  });

  it('records and judges measurement counts above 2^31', async () => {
    const { node } = await t.ok(`query($id: ID!) { node(id: $id) { ... on Agreement { currentRevision { objectives { id metric } } } } }`, { id: agreementId }, w.admin);
    const ratio = node.currentRevision.objectives.find((o: { metric: string }) => o.metric === 'RATIO').id;
    // An hour of a busy API each: three billion calls, 100,000 of them failed.
    const points = ['2026-01-10T10:00:00Z', '2026-01-11T10:00:00Z'].map((at) => ({ objective: ratio, at, good: 3_000_000_000, total: 3_000_100_000 }));
    expect((await t.ok(RECORD, { input: { batchKey: 'gw-busy', points } }, w.admin)).measurementsRecord).toEqual({ accepted: 2, userErrors: [] });
    const report = await t.ok(COMPLIANCE, { a: agreementId }, w.admin);
    const judged = report.complianceReport.periods[0].objectives.find((o: { objective: { metric: string } }) => o.objective.metric === 'RATIO');
    // 6,000,000,000 good of 6,000,200,000: 99.99667%; 0.1% of 6,000,200,000 events may fail.
    expect(judged).toEqual({
      objective: { metric: 'RATIO' },
      status: 'MET',
      attainedPercent: '99.9967',
      errorBudget: { unit: 'EVENTS', allowed: '6000200', consumed: '200000', remaining: '5800200' },
    });
  });
});
