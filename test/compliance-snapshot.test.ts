import { Client } from 'pg';
import { FixedClock } from '../src/common/clock';
import { withTransaction } from '../src/context/transaction';
import { activeAgreement, agreementWorld } from './support/agreement-fixtures';
import { databaseUrlFor, workerDatabaseName } from './support/database';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

const RECORD = `mutation($input: MeasurementsRecordInput!) { measurementsRecord(input: $input) { accepted userErrors { code field message } } }`;
const REPORT = `query($a: ID!) {
  complianceReport(agreement: $a, from: "2026-01-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00", granularity: MONTH) {
    periods { start end status objectives { objective { metric } status attainedPercent errorBudget { allowed consumed } } }
  }
}`;

/** An agreement with one RATIO objective (99%) in force since January, 99.9% good in January and February. */
async function ratioWorld(t: TestApp, clock: FixedClock) {
  const w = await agreementWorld(t);
  const { agreementId } = await activeAgreement(t, w.admin, {
    kind: 'SERVICE_BASED',
    level: 'SERVICE',
    services: [w.serviceMpg.id],
    terms: { title: 'API success', effectiveFrom: '2025-12-31T23:00:00Z', objectives: [{ metric: 'RATIO', target: 99 }] },
  });
  clock.set(new Date('2026-01-01T00:00:00Z'));
  await t.app.jobs.revisionActivation!.runNow();
  const [{ id: objectiveUuid }] = await t.app.db.dataSource.query(`SELECT id FROM objective WHERE metric = 'RATIO'`);
  const agreement = (await t.ok(`query($id: ID!) { node(id: $id) { ... on Agreement { currentRevision { objectives { id } } } } }`, { id: agreementId }, w.admin)).node;
  const points = ['2026-01-15T12:00:00Z', '2026-02-15T12:00:00Z'].map((at) => ({ objective: agreement.currentRevision.objectives[0].id, at, good: 999, total: 1000 }));
  clock.set(new Date('2026-03-10T09:00:00Z'));
  expect((await t.ok(RECORD, { input: { batchKey: 'gw-1', points } }, w.admin)).measurementsRecord).toEqual({ accepted: 2, userErrors: [] });
  const before = await t.ok(REPORT, { a: agreementId }, w.admin);
  expect(before.complianceReport.periods.map((p: any) => p.objectives[0].attainedPercent)).toEqual(['99.9000', '99.9000']);

  return { w, agreementId, objectiveUuid: objectiveUuid as string, before };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A second session writes while the report runs: the embedded database is a single session.
describeOnPostgres('a compliance report reads one snapshot', () => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  let writer: Client;
  let watcher: Client;
  beforeAll(async () => {
    t = await TestApp.start({ clock });
    writer = new Client({ connectionString: databaseUrlFor(workerDatabaseName()) });
    watcher = new Client({ connectionString: databaseUrlFor(workerDatabaseName()) });
    await writer.connect();
    await watcher.connect();
  });
  afterAll(async () => {
    await writer.end();
    await watcher.end();
    await t.stop();
  });

  it('does not mix in what commits between its statements', async () => {
    const { w, agreementId, objectiveUuid, before } = await ratioWorld(t, clock);

    // Another session holds the measurements until the report waits for them, then commits a
    // February point that breaches the month.
    await writer.query('BEGIN');
    await writer.query('LOCK TABLE measurement IN ACCESS EXCLUSIVE MODE');
    await writer.query(`INSERT INTO measurement (provider_id, objective_id, at, good, total, batch_key) VALUES ($1, $2, '2026-02-20T12:00:00Z', 0, 1000, 'late')`, [
      w.provider.id,
      objectiveUuid,
    ]);
    const during = t.ok(REPORT, { a: agreementId }, w.admin);
    for (;;) {
      // Asked outside the writer's transaction, which would keep seeing one copy of the activity.
      const [{ waiting }] = (
        await watcher.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM measurement m%'`,
        )
      ).rows;
      if (waiting > 0) break;
      await pause(20);
    }
    await writer.query('COMMIT');

    // The report that was running when the point committed answers as of its start, all of it.
    expect(await during).toEqual(before);
    // The point counts for the reports that start after it.
    const after = await t.ok(REPORT, { a: agreementId }, w.admin);
    expect(after.complianceReport.periods.map((p: any) => [p.status, p.objectives[0].attainedPercent])).toEqual([
      ['MET', '99.9000'],
      ['BREACHED', '49.9500'],
    ]);
  });
});

/**
 * The embedded database is one session: a statement sent while another request's transaction is
 * open reads inside it, uncommitted rows included. The report waits for the transaction to end
 * (here: roll back), so it never shows a point that was never committed.
 */
describe('a compliance report reads one snapshot (embedded)', () => {
  const clock = new FixedClock(new Date('2025-12-20T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ clock, env: { DATABASE_URL: '', DATA_DIR: ':memory:' } });
    expect(t.app.db.kind).toBe('embedded');
  });
  afterAll(() => t.stop());

  it('does not read from a transaction that is still open', async () => {
    const { w, agreementId, objectiveUuid, before } = await ratioWorld(t, clock);
    const lock = t.app.db.transactionLock!;
    let rollBack!: () => void;
    const rolledBack = new Promise<void>((resolve) => (rollBack = resolve));
    const writing = withTransaction(t.context(null), async (tx) => {
      await tx.em.query(`INSERT INTO measurement (provider_id, objective_id, at, good, total, batch_key) VALUES ($1, $2, '2026-02-20T12:00:00Z', 0, 1000, 'late')`, [
        w.provider.id,
        objectiveUuid,
      ]);
      await rolledBack;
      throw new Error('rolled back on purpose');
    });
    const during = t.ok(REPORT, { a: agreementId }, w.admin);
    // Either the report answers while the write is open (it read inside it), or it queues behind it.
    const first = await Promise.race([during.then(() => 'answered'), waitFor(() => lock.pending >= 2).then(() => 'queued')]);
    rollBack();
    await expect(writing).rejects.toThrow('rolled back on purpose');
    expect(await during).toEqual(before);
    expect(first).toBe('queued');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await pause(5);
}
