import { asLastStatement, inDeferredTransaction } from '../src/context/deferred-transaction';
import { activeAgreement, agreementWorld, objectives } from './support/agreement-fixtures';
import { describeOnPostgres } from './support/postgres-only';
import { TestApp } from './support/test-app';

/*
 * Transactions on PostgreSQL open with their first statement, and a unit of work whose one
 * statement is its last goes out alone, without START TRANSACTION and COMMIT (one statement is
 * atomic by itself). These check what the database saw, not what the code meant to send.
 */
describeOnPostgres('transactions opened with their first statement', () => {
  let t: TestApp;
  const probe = 'deferred_transaction_probe';

  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.db.dataSource.query(`CREATE TABLE IF NOT EXISTS ${probe} (n int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await t.app.db.dataSource.query(`DROP TABLE IF EXISTS ${probe}`);
    await t.stop();
  });
  beforeEach(() => t.app.db.dataSource.query(`DELETE FROM ${probe}`));

  const rows = async () => (await t.app.db.dataSource.query(`SELECT n FROM ${probe} ORDER BY n`)).map((r: { n: number }) => r.n);
  /** In a transaction block opened by an earlier START, the transaction began before this statement did. */
  const ALONE = `SELECT transaction_timestamp() = statement_timestamp() AS alone`;

  it('sends one last statement on its own, outside any transaction block', async () => {
    const [{ alone }] = await inDeferredTransaction(t.app.db.dataSource, (em) => asLastStatement(em, () => em.query(ALONE)));
    expect(alone).toBe(true);
  });

  it('opens a transaction before the first statement when more follow, and commits them together', async () => {
    const seen = await inDeferredTransaction(t.app.db.dataSource, async (em) => {
      await em.query(`INSERT INTO ${probe} VALUES (1)`);
      return asLastStatement(em, () => em.query(ALONE));
    });
    expect(seen[0].alone).toBe(false);
    expect(await rows()).toEqual([1]);
  });

  it('rolls every statement back when the unit fails after its first', async () => {
    await expect(
      inDeferredTransaction(t.app.db.dataSource, async (em) => {
        await em.query(`INSERT INTO ${probe} VALUES (1)`);
        await asLastStatement(em, () => em.query(`INSERT INTO ${probe} VALUES (1)`)); // the same key: refused
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows()).toEqual([]);
  });

  it('writes nothing when its one statement fails, and the connection serves the next unit', async () => {
    await t.app.db.dataSource.query(`INSERT INTO ${probe} VALUES (7)`);
    await expect(inDeferredTransaction(t.app.db.dataSource, (em) => asLastStatement(em, () => em.query(`INSERT INTO ${probe} VALUES (8), (7)`)))).rejects.toThrow(/duplicate key/);
    expect(await rows()).toEqual([7]);
    await inDeferredTransaction(t.app.db.dataSource, (em) => asLastStatement(em, () => em.query(`INSERT INTO ${probe} VALUES (9)`)));
    expect(await rows()).toEqual([7, 9]);
  });

  it('refuses a statement after the last one, as the bug it is', async () => {
    await expect(
      inDeferredTransaction(t.app.db.dataSource, async (em) => {
        await asLastStatement(em, () => em.query(`INSERT INTO ${probe} VALUES (1)`));
        await em.query(`INSERT INTO ${probe} VALUES (2)`);
      }),
    ).rejects.toThrow(/after the one statement/);
    expect(await rows()).toEqual([1]);
  });

  it('lets TypeORM save inside it without a transaction of its own', async () => {
    await inDeferredTransaction(t.app.db.dataSource, async (em) => {
      expect(em.queryRunner?.isTransactionActive).toBe(true);
      await em.query(`INSERT INTO ${probe} VALUES (3)`);
      const [{ alone }] = await em.query(ALONE);
      expect(alone).toBe(false);
    });
    expect(await rows()).toEqual([3]);
  });

  it('counts two statements for a fresh incident report (its read and its write) and one for its replay', async () => {
    await t.reset();
    const w = await agreementWorld(t);
    await activeAgreement(t, w.admin, { kind: 'SERVICE_BASED', level: 'SERVICE', services: [w.serviceMpg.id], terms: { title: 'MPG', effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(), objectives: [objectives.response('P2', 'PT1H')] } });
    const startedAt = new Date().toISOString(); // after the approval, which put the revision in force
    const report = (key: string) =>
      t.gql<{ incidentReport: { incident: { id: string; customer: { id: string }; agreement: { id: string } | null } | null; userErrors: unknown[] } }>(
        `mutation($i: IncidentReportInput!) { incidentReport(input: $i) { replayed userErrors { code field message }
          incident { id title priority impact status startedAt customer { id } service { id } agreement { id } } } }`,
        { i: { customer: w.customerA.id, service: w.serviceMpg.id, priority: 'P2', impact: 'DEGRADED', title: 'Slow', startedAt, idempotencyKey: key } },
        { token: w.admin },
      );
    const fresh = await report('key-1');
    expect(fresh.data.incidentReport.userErrors).toEqual([]);
    expect(fresh.statements).toBe(2);
    expect(fresh.data.incidentReport.incident?.customer.id).toBe(w.customerA.id);
    // Everything the write carried was committed: the incident with its clock.
    const stored = await t.ok(`query($id: ID!) { node(id: $id) { ... on Incident { status clocks { metric } } } }`, { id: fresh.data.incidentReport.incident?.id }, w.admin);
    expect(stored.node.clocks.map((c: { metric: string }) => c.metric)).toEqual(['FIRST_RESPONSE_TIME']);
    const replay = await report('key-1');
    expect(replay.statements).toBe(1);
    expect(replay.data.incidentReport.incident?.id).toBe(fresh.data.incidentReport.incident?.id);
  });
});
