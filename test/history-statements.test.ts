import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../src/common/clock';
import { Role } from '../src/common/roles';
import { describeOnBothDatabases } from './support/both-databases';
import { TestApp } from './support/test-app';

/**
 * From another tool to statements (issue 13, "Done when"): a year of signed contracts and
 * incidents imported into a provider that has nothing, then a statement for every closed month,
 * each judged against the revision in force then and equal to what the compliance report says;
 * back-filled data in a later file and a correction of an imported incident become adjustments,
 * and the credit ledger sums to the report of now. On PostgreSQL and on the embedded database.
 */

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'history', name), 'utf8');

const IMPORT = `mutation($input: HistoryImportInput!) { historyImport(input: $input) {
  written problems { line field message } records { kind externalId outcome target } userErrors { code field message } } }`;
const STATEMENTS = `query($a: ID!) { node(id: $a) { ... on Agreement {
  statements(first: 50) { totalCount nodes { id periodStart periodEnd periodStatus credit { amount currency } revision { number }
    figures { status objectives { metric status attainedPercent } credit { amount } }
    violations { objective { metric } }
    adjustments { cause { kind subjectId description actorName } difference { statusBefore statusAfter creditBefore creditAfter creditDifference } creditDifference { amount currency } } } }
  creditLedger { total { amount currency } statements entries { kind periodStart amount { amount } } } } } }`;
const REPORT = `query($a: ID!, $from: DateTime!, $to: DateTime!) {
  complianceReport(agreement: $a, from: $from, to: $to, granularity: MONTH) {
    periods { start end status revision { number } objectives { objective { metric } status attainedPercent } credit { amount currency } } } }`;
const EXCLUDE = `mutation($input: ExclusionRecordInput!) { exclusionRecord(input: $input) { correction { id status } userErrors { code field message } } }`;

/** Berlin months of 2025 as the statements name them (UTC instants). */
const YEAR_FROM = '2025-01-01T00:00:00+01:00';
const YEAR_TO = '2026-01-01T00:00:00+01:00';

describeOnBothDatabases('from another tool to statements', (db) => {
  const clock = new FixedClock(new Date('2026-01-10T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: db.env });
  });
  afterAll(() => t.stop());

  const queued = async () =>
    (await t.app.db.dataSource.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name IN ('statement.close', 'statement.reconcile')`))[0].n as number;

  it('a year imported into an empty provider closes into one statement per ended month, equal to the report; late data and corrections become adjustments', async () => {
    clock.set(new Date('2026-01-10T09:00:00Z'));
    const provider = await t.provider('beta-history');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    const run = async (name: string) => (await t.ok(IMPORT, { input: { format: 'JSON', content: fixture(name), source: 'legacy-crm' } }, admin)).historyImport;

    const first = await run('beta-year.json');
    expect(first.problems).toEqual([]);
    expect(first.written).toBe(true);
    const agreement = first.records.find((r: any) => r.kind === 'AGREEMENT').target as string;
    const incidentOf = (externalId: string, records = first.records) => records.find((r: any) => r.kind === 'INCIDENT' && r.externalId === externalId).target as string;

    // The same file again writes nothing and asks for no close or recheck; nor does a dry run.
    const before = await queued();
    const dry = (await t.ok(IMPORT, { input: { format: 'JSON', content: fixture('beta-late.json'), source: 'legacy-crm', dryRun: true } }, admin)).historyImport;
    expect(dry).toMatchObject({ written: false, problems: [] });
    expect(await queued()).toBe(before);
    const again = await run('beta-year.json');
    expect(again.records.every((r: any) => r.outcome === 'UNCHANGED')).toBe(true);
    expect(await queued()).toBe(before);

    // No restart: the close the import asked for runs with the due jobs.
    await t.app.jobs.runDue();
    const read = async () => (await t.ok(STATEMENTS, { a: agreement }, admin)).node;
    const report = async () => (await t.ok(REPORT, { a: agreement, from: YEAR_FROM, to: YEAR_TO }, admin)).complianceReport.periods;
    const { statements, creditLedger } = await read();
    const periods = await report();
    expect(periods).toHaveLength(12);

    // One statement per month of 2025 (all ended, grace of three days over), none for January 2026 (still running).
    expect(statements.totalCount).toBe(12);
    const byStart = new Map(statements.nodes.map((s: any) => [s.periodStart, s]));
    for (const [month, p] of (periods as any[]).entries()) {
      // Period bounds are local times of the provider, statements' are UTC: the same instants.
      const s: any = byStart.get(new Date(p.start).toISOString());
      expect(s).toBeDefined();
      // Judged against the revision in force then: revision 1 until June, revision 2 from July.
      expect(s.revision.number).toBe(month < 6 ? 1 : 2);
      expect(p.revision.number).toBe(s.revision.number);
      expect(s.periodEnd).toBe(new Date(p.end).toISOString());
      expect(s.periodStatus).toBe(p.status);
      expect(s.figures.objectives.map((o: any) => [o.metric, o.status, o.attainedPercent])).toEqual(p.objectives.map((o: any) => [o.objective.metric, o.status, o.attainedPercent]));
      expect(s.credit).toEqual(p.credit);
      expect(s.adjustments).toEqual([]);
    }
    // What the year's incidents come to: February (4 h of 672 h: 99.4048% < 99.5%) 10% of 20,000.00;
    // August (1 h of 744 h: 99.8656% < 99.9%, and a P1 answered after 30 minutes) 10% + 5% of 24,000.00; April within target.
    const credit = (iso: string) => (byStart.get(iso) as any).credit.amount;
    expect(credit('2025-01-31T23:00:00.000Z')).toBe('2000.00');
    expect((byStart.get('2025-01-31T23:00:00.000Z') as any).figures.objectives).toEqual([{ metric: 'AVAILABILITY', status: 'BREACHED', attainedPercent: '99.4048' }]);
    expect(credit('2025-03-31T22:00:00.000Z')).toBe('0.00');
    expect(credit('2025-07-31T22:00:00.000Z')).toBe('3600.00');
    expect((byStart.get('2025-07-31T22:00:00.000Z') as any).violations.map((v: any) => v.objective.metric).sort()).toEqual(['AVAILABILITY', 'FIRST_RESPONSE_TIME']);
    expect(credit('2025-09-30T22:00:00.000Z')).toBe('0.00');
    expect(creditLedger).toMatchObject({ total: { amount: '5600.00', currency: 'EUR' }, statements: 12 });

    // A second file back-fills an outage of 14 October: 2 h of 745 h (99.7315% < 99.9%), 10% of 24,000.00.
    clock.set(new Date('2026-01-12T10:00:00Z'));
    const late = await run('beta-late.json');
    expect(late.problems).toEqual([]);
    expect(late.records.map((r: any) => [r.kind, r.externalId, r.outcome])).toEqual([['INCIDENT', 'B-105', 'CREATED']]);
    await t.app.jobs.runDue();
    const afterLate = await read();
    expect(afterLate.statements.totalCount).toBe(12);
    const october = afterLate.statements.nodes.find((s: any) => s.periodStart === '2025-09-30T22:00:00.000Z');
    // The statement is as issued; the difference is an adjustment whose cause is the imported incident.
    expect(october).toMatchObject({ periodStatus: 'MET', credit: { amount: '0.00', currency: 'EUR' } });
    expect(october.adjustments).toEqual([
      {
        cause: { kind: 'INCIDENT', subjectId: incidentOf('B-105', late.records), description: 'Incident "Disk shelf lost power" imported from legacy-crm.', actorName: expect.any(String) },
        difference: { statusBefore: 'MET', statusAfter: 'BREACHED', creditBefore: '0.00', creditAfter: '2400.00', creditDifference: '2400.00' },
        creditDifference: { amount: '2400.00', currency: 'EUR' },
      },
    ]);
    expect(afterLate.statements.nodes.filter((s: any) => s.adjustments.length > 0)).toHaveLength(1);
    const sum = (ps: any[]) => ps.reduce((cents, p) => cents + Math.round(Number(p.credit?.amount ?? 0) * 100), 0);
    const now = await report();
    expect((now as any[]).find((p) => new Date(p.start).toISOString() === october.periodStart).credit.amount).toBe('2400.00');
    expect(Math.round(Number(afterLate.creditLedger.total.amount) * 100)).toBe(sum(now));
    expect(afterLate.creditLedger.total.amount).toBe('8000.00');

    // A correction of an imported incident in a closed month: August's failover was the customer's doing.
    clock.set(new Date('2026-01-13T10:00:00Z'));
    const excluded = (await t.ok(EXCLUDE, { input: { agreement, incident: incidentOf('B-103'), reason: 'CUSTOMER_CAUSED', note: 'Their change CHG-9 forced the failover.' } }, admin)).exclusionRecord;
    expect(excluded.userErrors).toEqual([]);
    await t.app.jobs.runDue();
    const afterCorrection = await read();
    const august = afterCorrection.statements.nodes.find((s: any) => s.periodStart === '2025-07-31T22:00:00.000Z');
    expect(august.credit.amount).toBe('3600.00');
    expect(august.adjustments).toEqual([
      {
        cause: { kind: 'CORRECTION', subjectId: excluded.correction.id, description: expect.stringContaining('CHG-9'), actorName: expect.any(String) },
        difference: { statusBefore: 'BREACHED', statusAfter: 'MET', creditBefore: '3600.00', creditAfter: '0.00', creditDifference: '-3600.00' },
        creditDifference: { amount: '-3600.00', currency: 'EUR' },
      },
    ]);
    expect(Math.round(Number(afterCorrection.creditLedger.total.amount) * 100)).toBe(sum(await report()));
    expect(afterCorrection.creditLedger.total.amount).toBe('4400.00');
    expect(afterCorrection.creditLedger.entries.map((e: any) => e.kind)).toEqual([...Array(12).fill('STATEMENT'), 'ADJUSTMENT', 'ADJUSTMENT']);

    // Running everything again changes nothing more.
    await t.app.jobs.runDue();
    expect((await read()).creditLedger).toEqual(afterCorrection.creditLedger);
  }, 180_000);

  it('a file of several records in closed months is one adjustment cause: the import, with what it brought', async () => {
    clock.set(new Date('2026-01-10T09:00:00Z'));
    const provider = await t.provider('gamma-history');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    const run = async (content: string) => (await t.ok(IMPORT, { input: { format: 'JSON', content, source: 'legacy-crm' } }, admin)).historyImport;
    const first = await run(fixture('beta-year.json'));
    const agreement = first.records.find((r: any) => r.kind === 'AGREEMENT').target as string;
    await t.app.jobs.runDue();
    // Two outages of 1 h each in December (744 h: 99.7312% < 99.9%), and a window announced in time that does not excuse them (the terms have no maintenance exclusion).
    const late = JSON.stringify({
      maintenanceWindows: [{ externalId: 'W-1', service: 'OBJ', title: 'Firmware', startsAt: '2025-12-02T01:00:00Z', endsAt: '2025-12-02T02:00:00Z', announcedAt: '2025-11-20T08:00:00Z' }],
      incidents: ['B-201', 'B-202'].map((externalId, i) => ({
        externalId, customer: 'CUST-B', service: 'OBJ', priority: 'P2', impact: 'OUTAGE', title: `Outage ${i + 1}`,
        startedAt: `2025-12-1${i}T08:00:00Z`, acknowledgedAt: `2025-12-1${i}T08:05:00Z`, resolvedAt: `2025-12-1${i}T09:00:00Z`,
      })),
    });
    clock.set(new Date('2026-01-12T10:00:00Z'));
    expect((await run(late)).problems).toEqual([]);
    await t.app.jobs.runDue();
    const december = (await t.ok(STATEMENTS, { a: agreement }, admin)).node.statements.nodes.find((s: any) => s.periodStart === '2025-11-30T23:00:00.000Z');
    expect(december.credit.amount).toBe('0.00');
    expect(december.adjustments).toEqual([
      {
        cause: { kind: 'IMPORT', subjectId: null, description: 'Imported from legacy-crm: 2 incidents, 1 maintenance window.', actorName: expect.any(String) },
        difference: { statusBefore: 'MET', statusAfter: 'BREACHED', creditBefore: '0.00', creditAfter: '2400.00', creditDifference: '2400.00' },
        creditDifference: { amount: '2400.00', currency: 'EUR' },
      },
    ]);
  }, 180_000);

  it('late measurements imported for a closed month are an adjustment of the agreement they count for', async () => {
    clock.set(new Date('2026-01-10T09:00:00Z'));
    const provider = await t.provider('delta-history');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    const run = async (content: unknown) => (await t.ok(IMPORT, { input: { format: 'JSON', content: JSON.stringify(content), source: 'gateway' } }, admin)).historyImport;
    const year = JSON.parse(fixture('beta-year.json'));
    const first = await run({
      catalog: year.catalog,
      agreements: [
        {
          externalId: 'API-1',
          kind: 'CUSTOMER_BASED',
          level: 'CUSTOMER',
          customer: 'CUST-B',
          services: ['OBJ'],
          revisions: [
            {
              number: 1,
              title: 'API success rate',
              effectiveFrom: '2025-10-31T23:00:00Z',
              objectives: [{ metric: 'RATIO', target: 99.5 }],
              creditPolicy: { currency: 'EUR', periodFee: '5000.00', tiers: [{ below: 99.5, creditPercent: 20 }] },
              signatures: year.agreements[0].revisions[0].signatures,
              evidence: year.agreements[0].revisions[0].evidence,
            },
          ],
        },
      ],
      measurements: [{ externalId: 'GW-11-a', agreement: 'API-1', at: '2025-11-10T00:00:00Z', good: 99900, total: 100000 }],
    });
    expect(first.problems).toEqual([]);
    const agreement = first.records.find((r: any) => r.kind === 'AGREEMENT').target as string;
    await t.app.jobs.runDue();
    const november = async () => (await t.ok(STATEMENTS, { a: agreement }, admin)).node.statements.nodes.find((s: any) => s.periodStart === '2025-10-31T23:00:00.000Z');
    expect(await november()).toMatchObject({ periodStatus: 'MET', credit: { amount: '0.00' }, figures: { objectives: [{ metric: 'RATIO', attainedPercent: '99.9000' }] }, adjustments: [] });

    // A later batch for November, 198,000 good of 200,000: 297,900 of 300,000 in all (99.3% < 99.5%), 20% of 5,000.00.
    clock.set(new Date('2026-01-12T10:00:00Z'));
    expect((await run({ measurements: [{ externalId: 'GW-11-b', agreement: 'API-1', at: '2025-11-20T00:00:00Z', good: 198000, total: 200000 }] })).problems).toEqual([]);
    await t.app.jobs.runDue();
    const after = await november();
    expect(after.credit.amount).toBe('0.00');
    expect(after.adjustments).toEqual([
      {
        cause: { kind: 'IMPORT', subjectId: null, description: 'Imported from gateway: 1 measurement.', actorName: expect.any(String) },
        difference: { statusBefore: 'MET', statusAfter: 'BREACHED', creditBefore: '0.00', creditAfter: '1000.00', creditDifference: '1000.00' },
        creditDifference: { amount: '1000.00', currency: 'EUR' },
      },
    ]);
  }, 180_000);
});
