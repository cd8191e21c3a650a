import 'reflect-metadata';
import { ConfigError, loadConfig } from './common/config';
import { resolveJwtSecret } from './common/jwt-secret';
import { type Logger } from './common/logger';
import { RequestContext } from './context/request-context';
import { demoDirectory, seedDemo } from './domain/demo/demo-seed';
import { createApp } from './graphql/app';
import { mintDemoTokens } from './graphql/demo-tokens';
import { keepWorkflowsScheduled } from './jobs/workflow-catch-up';

async function main(): Promise<void> {
  const config = loadConfig();
  const jwt = resolveJwtSecret(config);
  // A new embedded database with the demo on starts from the build's seeded template: the seed below then finds it done.
  const app = await createApp({ config, jwtSecret: jwt.secret, startFromDemo: config.seedDemo });
  const { logger } = app;
  if (jwt.origin === 'ephemeral') logger.warn('JWT_SECRET is not set: tokens are signed with a secret that lasts for this process only.');

  // Listening starts the durable job queue, which the seed needs (activations plan reviews; breaches schedule escalation levels).
  const url = await app.listen();
  logger.info({ url, database: app.db.kind }, 'listening');

  const system = new RequestContext(app.db, null, 'startup', app.clock, logger);
  let tokens: Awaited<ReturnType<typeof mintDemoTokens>> = [];
  if (config.seedDemo) {
    if (await seedDemo(system)) {
      // The start-up catch-up ran before the seed, on an empty database: plan what the demo's agreements are due now.
      await keepWorkflowsScheduled(system);
      logger.info('demo data seeded');
    }
    tokens = await mintDemoTokens(config, jwt.secret, await demoDirectory(system));
  }
  printBanner(url, app.db.kind, tokens);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C does not wait for the drain.
      if (signal === 'SIGINT') exit(logger, 130, 'second SIGINT: exiting without waiting');
      return;
    }
    stopping = true;
    logger.info({ signal, shutdownDelayMs: config.shutdownDelayMs, shutdownTimeoutMs: config.shutdownTimeoutMs }, 'shutting down: /readyz answers 503; requests are served until the delay is over');
    // Only if closing hangs past every budget (delay, in-flight requests, running jobs): the drain itself is bounded by SHUTDOWN_TIMEOUT_MS.
    const force = setTimeout(() => exit(logger, 1, 'shutdown took too long; exiting'), config.shutdownDelayMs + 2 * config.shutdownTimeoutMs + 5000);
    force.unref();
    app.stop().then(
      () => exit(logger, 0, 'stopped'),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(logger, 1, 'exiting');
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Logs the last line, flushed, then exits. */
function exit(logger: Logger, code: number, message: string): void {
  if (code === 0) logger.info({ exitCode: code }, message);
  else logger.error({ exitCode: code }, message);
  logger.flush(() => process.exit(code));
}

function printBanner(url: string, database: string, tokens: { provider: string; role: string; token: string }[]): void {
  const lines = [
    '',
    `SLA contracts API ready: GraphiQL at ${url}/graphql  (database: ${database})`,
    '',
  ];
  if (tokens.length > 0) {
    lines.push('Demo tokens (valid 30 days). In GraphiQL open Headers and paste { "Authorization": "Bearer <token>" }:');
    for (const t of tokens) lines.push('', `  ${t.provider} / ${t.role}:`, `  ${t.token}`);
    lines.push('', `Try: curl -s ${url}/graphql -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ viewer { roles } }"}'`, '');
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
