import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Actor } from '../src/common/actor';
import { systemClock } from '../src/common/clock';
import { ConfigError, loadConfig } from '../src/common/config';
import { UserError, UserErrors } from '../src/common/errors';
import { fromGlobalId } from '../src/common/global-id';
import { createLogger } from '../src/common/logger';
import { Role } from '../src/common/roles';
import { Database } from '../src/context/database';
import { RequestContext } from '../src/context/request-context';
import { createDataSource } from '../src/db/data-source';
import { type HistoryFormat } from '../src/domain/imports/history-file';
import { importHistory } from '../src/domain/imports/history-import.service';
import { wireDomainReactions } from '../src/domain/reactions';
import { JobQueue } from '../src/jobs/job-queue';

const USAGE = `Imports signed history from another tool: agreements with their signed revisions, past incidents,
maintenance windows and measurements (docs/import.md). The same service as the
historyImport mutation: all or nothing, and importing the same file again changes nothing.

  npm run import -- --provider <Provider id or slug> --source legacy-crm --by "Jane Doe" history.json [--dry-run] [--json]
  npm run import -- --provider acme --source legacy-crm --by "Jane Doe" --format CSV agreements.csv
  node dist/scripts/history-import.js ...      (the same, in the Docker image)

--format is JSON or CSV (default: from the file's extension). --by names who imports (recorded
with everything imported). On the database the server uses (DATABASE_URL, or the embedded one in
DATA_DIR: stop the server first); pending migrations are applied first unless MIGRATIONS_RUN=false.
The ended months of the agreements it creates close into statements on the job queue: at once on a
server running on the same PostgreSQL, else at its next start.
Exit codes: 0 imported (or, with --dry-run, nothing wrong); 2 bad options; 4 the file has problems
(each printed as "line N, field: message"; nothing was written).`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      source: { type: 'string' },
      by: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = ['provider', 'source', 'by'].filter((k) => !values[k as keyof typeof values]);
  if (missing.length > 0 || positionals.length !== 1) {
    console.error(`${missing.length ? `Missing ${missing.map((m) => `--${m}`).join(', ')}. ` : ''}${positionals.length !== 1 ? 'Give one file. ' : ''}\n\n${USAGE}`);
    return 2;
  }
  const path = positionals[0];
  const format = (values.format ?? (extname(path).toLowerCase() === '.csv' ? 'CSV' : 'JSON')).toUpperCase();
  if (format !== 'JSON' && format !== 'CSV') {
    console.error('--format: JSON or CSV.');
    return 2;
  }
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`${path}: ${(error as Error).message}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'stderr');
  const dataSource = createDataSource(config.database, logger);
  await dataSource.initialize();
  try {
    if (config.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    const decoded = fromGlobalId(values.provider!);
    const [provider]: { id: string; slug: string }[] = await dataSource.query(
      'SELECT id, slug FROM provider WHERE id = $1::uuid OR slug = $2',
      [decoded?.type === 'Provider' ? decoded.uuid : '00000000-0000-0000-0000-000000000000', values.provider],
    );
    if (!provider) {
      console.error(`--provider: no provider with the id or slug "${values.provider}".`);
      return 2;
    }
    // The person importing, as an admin of the provider: recorded as who imported everything.
    const actor: Actor = { kind: 'USER', id: `cli:${values.by}`, name: values.by!, providerId: provider.id, roles: [Role.PROVIDER_ADMIN], customerId: null };
    // The import asks for work on the durable queue (imported months close into statements, closed
    // ones are judged again), committed with it; this process runs none of it: the server does.
    wireDomainReactions();
    const db = new Database<JobQueue>(dataSource, config.database.kind, { jobs: (on) => new JobQueue(on, systemClock, logger, { ...config.jobs, workers: false }) });
    await db.jobs.start();
    const ctx = new RequestContext(db, actor, 'cli:history-import', systemClock, logger);
    const report = await importHistory(ctx, { format: format as HistoryFormat, content, source: values.source!, dryRun: values['dry-run'] }).finally(() => db.jobs.stop());
    if (values.json) console.log(JSON.stringify(report));
    else {
      for (const p of report.problems) console.error(`${path}: line ${p.line}, ${p.field.join('.') || 'file'}: ${p.message}`);
      if (report.problems.length === 0) {
        const count = (o: string) => report.records.filter((r) => r.outcome === o).length;
        console.log(
          `${report.dryRun ? 'Dry run, nothing written: would create' : 'Imported: created'} ${count('CREATED')}, unchanged ${count('UNCHANGED')} (${report.records.length} records from ${values.source}).`,
        );
        for (const r of report.records) console.log(`  line ${r.line}: ${r.kind} ${r.externalId} ${r.outcome}`);
      } else console.error(`${report.problems.length} problem(s); nothing was written.`);
    }
    return report.problems.length ? 4 : 0;
  } catch (error) {
    const problems = error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : null;
    if (!problems) throw error;
    for (const p of problems) console.error(`--${String(p.field[0] ?? 'file')}: ${p.message}`);
    return 2;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
