import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/roles';
import { describeOnBothDatabases } from './support/both-databases';
import { databaseEnv, ROOT, runNode } from './support/server-process';
import { TestApp } from './support/test-app';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'history', 'alpha-bank.json');
const IMPORTED = `{ customers(first: 10) { nodes { name } } services(first: 10) { nodes { code } } agreements(first: 10) { nodes { status revisions(first: 5) { nodes { number state origin { source importedBy } } } } } incidents(first: 10) { totalCount } }`;

/**
 * The command an operator runs (node dist/scripts/history-import.js, as `npm run import` and the
 * Docker image run it) against the database the server uses, then what the API shows.
 */
describeOnBothDatabases('importing signed history from the command line (node dist/scripts/history-import.js)', (db) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-history-import-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...databaseEnv(db, dataDir), LOG_LEVEL: 'warn' };

  it('into a provider with nothing yet: checks with --dry-run (problems by line, nothing written), imports catalogue, contracts and incidents with one command, and a second run changes nothing', async () => {
    // A provider and nothing else, as provider:create leaves it: the file brings its catalogue too. The embedded database then belongs to the command.
    let t = await TestApp.start({ env });
    const provider = await t.provider('cli-acme');
    const admin = await t.token(provider, [Role.PROVIDER_ADMIN]);
    await t.stop();
    const run = (...args: string[]) => runNode('dist/scripts/history-import.js', ['--provider', 'cli-acme', '--source', 'legacy-crm', '--by', 'Jane Doe', ...args], env);

    const missing = await runNode('dist/scripts/history-import.js', ['--provider', 'cli-acme', FIXTURE], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing --source, --by');

    const badFile = join(dataDir, 'bad.json');
    writeFileSync(badFile, '{ "incidents": [\n  { "externalId": "I-1", "customer": "Alpha Bank", "service": "NOPE", "priority": "P9",\n    "impact": "OUTAGE", "title": "x", "startedAt": "2026-01-01T00:00:00Z" } ] }\n');
    const bad = await run('--dry-run', badFile);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain(`${badFile}: line 2, incidents.0.priority: priority`);
    expect(bad.stderr).toContain('1 problem(s); nothing was written.');

    const dry = await run('--dry-run', FIXTURE);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run, nothing written: would create 9, unchanged 0 (9 records from legacy-crm).');

    const done = await run(FIXTURE);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported: created 9, unchanged 0');
    expect(done.stdout).toContain('AGREEMENT CRM-1001 CREATED');
    expect(done.stdout).toContain('CUSTOMER Alpha Bank CREATED');

    const again = await run('--json', FIXTURE);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { records: { outcome: string }[]; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(report.records.map((r) => r.outcome)).toEqual(Array(9).fill('UNCHANGED'));

    t = await TestApp.start({ env, keepData: true });
    try {
      const seen = await t.ok(IMPORTED, {}, admin);
      expect(seen.agreements.nodes).toEqual([
        {
          status: 'ACTIVE',
          revisions: {
            nodes: [
              { number: 1, state: 'SUPERSEDED', origin: { source: 'legacy-crm', importedBy: 'Jane Doe (USER)' } },
              { number: 2, state: 'ACTIVE', origin: { source: 'legacy-crm', importedBy: 'Jane Doe (USER)' } },
            ],
          },
        },
      ]);
      expect(seen.incidents.totalCount).toBe(4);
      expect(seen.customers.nodes).toEqual([{ name: 'Alpha Bank' }]);
      expect(seen.services.nodes).toEqual([{ code: 'MPG' }]);

      // The command asked for the agreement's close run and a recheck of closed months (its incidents are past data),
      // besides the run every start asks for; the server runs them.
      const queued: { name: string; n: number }[] = await t.app.db.dataSource.query(
        `SELECT j.name, count(*)::int AS n FROM pgboss.job j
         WHERE j.state = 'created' AND (j.name = 'statement.reconcile' OR (j.name = 'statement.close' AND j.data->>'agreementId' IN (SELECT id::text FROM agreement)))
         GROUP BY j.name ORDER BY j.name`,
      );
      expect(queued).toEqual([
        { name: 'statement.close', n: 2 },
        { name: 'statement.reconcile', n: 1 },
      ]);
      // The months that have ended close into statements, each as the report judges it.
      await t.app.jobs.runDue();
      const [agreement] = (await t.ok(`{ agreements(first: 1) { nodes { id } } }`, {}, admin)).agreements.nodes;
      const read = await t.ok(
        `query($a: ID!) { node(id: $a) { ... on Agreement { statements(first: 100) { nodes { periodStart revision { number } periodStatus credit { amount currency } } } } }
          complianceReport(agreement: $a, from: "2026-01-01T00:00:00+01:00", to: "2026-02-01T00:00:00+01:00") { periods { status credit { amount currency } } } }`,
        { a: agreement.id },
        admin,
      );
      const byStart = new Map(read.node.statements.nodes.map((s: any) => [s.periodStart, s]));
      // July 2025 (Berlin), under revision 1; January 2026 under revision 2, as its report says.
      expect(byStart.get('2025-06-30T22:00:00.000Z')).toMatchObject({ revision: { number: 1 } });
      const [january] = read.complianceReport.periods;
      expect(byStart.get('2025-12-31T23:00:00.000Z')).toEqual({ periodStart: '2025-12-31T23:00:00.000Z', revision: { number: 2 }, periodStatus: january.status, credit: january.credit });
      expect(january.credit).toEqual({ amount: expect.any(String), currency: 'EUR' });
    } finally {
      await t.stop();
    }
  }, 240_000);
});
