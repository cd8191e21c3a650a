import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/common/clock';
import { ConfigError, loadConfig } from '../src/common/config';
import { UserError, UserErrors } from '../src/common/errors';
import { resolveJwtSecret } from '../src/common/jwt-secret';
import { createLogger } from '../src/common/logger';
import { Database } from '../src/context/database';
import { RequestContext } from '../src/context/request-context';
import { createDataSource } from '../src/db/data-source';
import { onboardProvider } from '../src/domain/catalog/provider-onboarding';

const USAGE = `Creates a provider (tenant) and prints its id and a PROVIDER_ADMIN token for its first admin.

  npm run provider:create -- --slug acme --name "Acme" --time-zone Europe/Berlin --admin jane@acme.example
                             [--admin-name "Jane Doe"] [--days 1] [--json]
  node dist/scripts/provider-create.js ...      (the same, where npm or TypeScript is not at hand: the Docker image)

On the database the server uses (DATABASE_URL, or the embedded one in DATA_DIR: stop the server
first, the embedded database belongs to one process); pending migrations are applied first unless
MIGRATIONS_RUN=false. The token is signed with JWT_SECRET (on the embedded database without it, the
secret kept in DATA_DIR). A slug that is taken is refused and nothing changes (exit code 3).
--json prints { provider: { id, slug, name, timeZone }, admin: { sub, token, expiresAt } }.`;

/** The command line's names for the domain's fields. */
const OPTION_OF: Record<string, string> = { slug: '--slug', name: '--name', timeZone: '--time-zone', admin: '--admin', tokenDays: '--days' };

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      admin: { type: 'string' },
      'admin-name': { type: 'string' },
      days: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = ['slug', 'name', 'time-zone', 'admin'].filter((k) => !values[k as keyof typeof values]);
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const jwt = resolveJwtSecret(config);
  if (jwt.origin === 'ephemeral') {
    console.error('JWT_SECRET is not set: a token signed now would be accepted by no server. Set JWT_SECRET as the server has it.');
    return 2;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'stderr');
  const dataSource = createDataSource(config.database, logger);
  await dataSource.initialize();
  try {
    if (config.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    const ctx = new RequestContext(new Database(dataSource, config.database.kind), null, 'cli:provider-create', systemClock, logger);
    const done = await onboardProvider(
      ctx,
      { secret: jwt.secret, issuer: config.jwt.issuer, audience: config.jwt.audience },
      { slug: values.slug!, name: values.name!, timeZone: values['time-zone']!, admin: values.admin!, adminName: values['admin-name'], tokenDays: Number(values.days) },
    );
    const { provider, providerGlobalId, admin } = done;
    if (values.json) {
      console.log(JSON.stringify({ provider: { id: providerGlobalId, slug: provider.slug, name: provider.name, timeZone: provider.timeZone }, admin: { sub: admin.sub, token: admin.token, expiresAt: admin.expiresAt.toISOString() } }));
    } else {
      console.log(
        [
          `Provider created: ${provider.name} (slug ${provider.slug}, time zone ${provider.timeZone})`,
          `  id: ${providerGlobalId}`,
          '',
          `PROVIDER_ADMIN token for ${admin.sub}, valid until ${admin.expiresAt.toISOString()}:`,
          `  ${admin.token}`,
          '',
          `Send it as "Authorization: Bearer <token>". More tokens: npm run token -- --provider ${providerGlobalId} --role PROVIDER_ADMIN --sub <who>`,
          `(in the Docker image: node dist/scripts/mint-token.js --provider ${providerGlobalId} --role PROVIDER_ADMIN --sub <who>)`,
        ].join('\n'),
      );
    }
    return 0;
  } catch (error) {
    const problems = error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : null;
    if (!problems) throw error;
    for (const p of problems) console.error(`${OPTION_OF[String(p.field[0])] ?? p.field.join('.')}: ${p.message}`);
    return problems.some((p) => p.code === 'ALREADY_EXISTS') ? 3 : 2;
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
