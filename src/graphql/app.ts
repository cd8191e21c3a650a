import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { pinoHttp } from 'pino-http';
import { type DataSource } from 'typeorm';
import { type Clock, systemClock } from '../common/clock';
import { type Config } from '../common/config';
import { UnauthenticatedError } from '../common/errors';
import { createLogger, type Logger } from '../common/logger';
import { Database } from '../context/database';
import { RequestContext } from '../context/request-context';
import { createDataSource } from '../db/data-source';
import { RateLimits } from '../db/rate-limit-store';
import { runWithSqlStats, type SqlStats } from '../db/sql-stats';
import { bindTenant, runWithTenantBinding, scopeConnections, TenantBinding } from '../db/tenant-scope';
import { Authenticator } from '../domain/identity/authenticator';
import { linkKey } from '../domain/reporting/download-links';
import { wireDomainReactions } from '../domain/reactions';
import { tenantOf } from '../domain/shared/customer-scope';
import { startClockEvents } from '../jobs/clock-events.job';
import { type EventListener, startEventListener } from '../jobs/event-listener';
import { JobQueue } from '../jobs/job-queue';
import { keepWorkflowsScheduled } from '../jobs/workflow-catch-up';
import { LiveEvents } from '../jobs/live-events';
import { type PeriodicJob, startRevisionActivation } from '../jobs/revision-activation.job';
import { compiledExecutor } from './core/compiled-executor';
import { type GraphQLContext, type RequestFacts } from './core/graphql-context';
import { GRAPHIQL_ASSET_PATH, GRAPHIQL_ASSETS, graphiqlPage } from './graphiql/graphiql-page';
import { exportRoutes } from './http/exports';
import { healthz, readyz } from './http/health';
import { type HttpDrain, trackRequests } from './http/http-drain';
import { requestId } from './http/request-id';
import { startSubscriptionServer, type SubscriptionServer } from './http/subscription-server';
import { authenticationGuardPlugin, unauthenticatedError } from './plugins/authentication-guard.plugin';
import { costLimitPlugin } from './plugins/cost-limit.plugin';
import { errorReportingPlugin, formatError, isUnavailable, unavailableError } from './plugins/error-policy';
import { queryLimits } from './plugins/query-limits';
import { rateLimitPlugin } from './plugins/rate-limit.plugin';
import { requestFactsPlugin } from './plugins/request-facts.plugin';
import { bodyOfGet, type PersistedRequestBody, resolveRegisteredDocument, TrustedDocuments, trustedDocumentRefusal } from './plugins/trusted-documents';
import { sqlStatsPlugin } from './plugins/sql-stats.plugin';
import { subscriptionsOverHttpPlugin } from './plugins/subscriptions-over-http.plugin';
import { variableValuesPlugin } from './plugins/variable-values.plugin';
import { getSchema } from './schema';

export interface AppOptions {
  config: Config;
  jwtSecret: string;
  clock?: Clock;
  logger?: Logger;
  dataSource?: DataSource;
  /** A new embedded database starts from the build's template with the demo already seeded (`npm start` with the demo on). */
  startFromDemo?: boolean;
}

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database;
  readonly clock: Clock;
  readonly httpServer: Server;
  /** Base URL once listening, e.g. http://127.0.0.1:4000 */
  url: string;
  /**
   * Scheduled work, started by listen(): activation of approved revisions, SLA clock warnings
   * and breaches, and the durable job queue (escalation timers, reviews, webhook deliveries).
   */
  jobs: {
    revisionActivation: PeriodicJob | null;
    clockEvents: PeriodicJob | null;
    queue: JobQueue;
    /** Runs every durable job due by the application clock (what tests call after moving a FixedClock). */
    runDue(): Promise<number>;
  };
  /** Live subscribers of this process; every raised event (from any process) reaches them once listen() ran. */
  readonly liveEvents: LiveEvents;
  listen(): Promise<string>;
  stop(): Promise<void>;
}

type RequestWithExtras = Request & { sqlStats?: SqlStats; tenant?: TenantBinding; facts?: RequestFacts };

/** What a request's log line says of its GraphQL operation (RequestFacts), once it is known. */
function operationLogFields(req: RequestWithExtras): Record<string, unknown> | undefined {
  const f = req.facts;
  if (!f || f.operationName === undefined) return undefined;
  return {
    operationName: f.operationName,
    ...(f.operationType ? { operationType: f.operationType } : {}),
    ...(f.cost !== undefined ? { cost: f.cost } : {}),
    ...(f.persisted ? { persisted: f.persisted } : {}),
    ...(f.rateLimit ? { rateLimitRemaining: f.rateLimit.remaining } : {}),
  };
}

/**
 * Builds the whole server: database (migrated), GraphQL schema, Apollo with its limits and
 * plugins, and the HTTP routes. Nothing listens until `listen()`.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const dataSource = options.dataSource ?? createDataSource(config.database, logger, { template: options.startFromDemo ? 'demo' : 'empty' });
  if (!dataSource.isInitialized) await dataSource.initialize();
  if (config.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
  // Requests run as the app role in their caller's tenant, under row-level security (PostgreSQL only: see scopeConnections).
  if (config.database.kind === 'postgres') scopeConnections((dataSource.driver as unknown as { master: Parameters<typeof scopeConnections>[0] }).master);
  wireDomainReactions();
  const db = new Database(dataSource, config.database.kind, {
    jobs: (on) => new JobQueue(on, clock, logger, config.jobs),
    webhooks: { timeoutMs: config.webhookTimeoutMs, legacySignature: config.webhookLegacySignature },
    // Report links are absolute: the public URL, else the address this process listens on (known once it listens).
    reports: { smtp: config.reports.smtp, linkTtlSeconds: config.reports.linkTtlSeconds, linkKey: linkKey(options.jwtSecret), baseUrl: () => app.url },
    withoutTenantFiltersForTest: config.testWithoutTenantFilters,
  });
  const queue = db.jobs;
  // Trusted-documents mode: read (and checked) once, at start; a bad manifest stops the server naming GRAPHQL_TRUSTED_DOCUMENTS.
  const trusted = config.graphql.trustedDocuments ? TrustedDocuments.load(config.graphql.trustedDocuments.file, config.graphql.trustedDocuments.bypassRoles) : null;
  const rateLimits = RateLimits.create(config, logger);
  const authenticator = new Authenticator({ secret: options.jwtSecret, issuer: config.jwt.issuer, audience: config.jwt.audience });

  let shuttingDown = false;
  const expressApp = express();
  // No ETag: answers are not cached, and hashing every body costs CPU on each request.
  expressApp.set('etag', false);
  const httpServer = createServer(expressApp);
  const limits = queryLimits(config.graphql);

  const schema = await getSchema();
  const liveEvents = new LiveEvents(db, clock, logger);
  let eventListener: EventListener | null = null;
  let subscriptions: SubscriptionServer | null = null;
  let http: HttpDrain | null = null;
  let stopped: Promise<void> | null = null;
  // Apollo takes a custom executor only as a gateway; the schema is the same either way.
  const executing = config.graphql.executor === 'compiled' ? { gateway: compiledExecutor(schema, { maxOperations: config.graphql.compiledOperations }) } : { schema };
  const apollo = new ApolloServer<GraphQLContext>({
    ...executing,
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries: a client sends a document's sha256 and, when the server does not
    // know it yet (PERSISTED_QUERY_NOT_FOUND), the document with it. Kept per process in a bounded LRU cache.
    persistedQueries: config.graphql.apqCacheBytes > 0 ? { cache: new InMemoryLRUCache({ maxSize: config.graphql.apqCacheBytes }), ttl: null } : false,
    includeStacktraceInErrorResponses: false,
    // Signals are main.ts's (stop() below drains as configured); Apollo's own handler would close the server at once.
    stopOnTerminationSignals: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError,
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    plugins: [
      // No cache hints are used: without this, Apollo wraps every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      requestFactsPlugin,
      costLimitPlugin(config.graphql.maxCost),
      authenticationGuardPlugin,
      variableValuesPlugin,
      subscriptionsOverHttpPlugin,
      errorReportingPlugin,
      // Last of the checks: only an operation that may run spends its caller's budget.
      ...(rateLimits ? [rateLimitPlugin(rateLimits)] : []),
      ...(config.exposeSqlStats ? [sqlStatsPlugin] : []),
      { async serverWillStart() { return { async renderLandingPage() { return { html: graphiqlPage('/graphql', { subscriptions: true }) }; } }; } },
    ],
  });
  await apollo.start();

  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', false);
  expressApp.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      // Called when the request arrives (nothing known yet) and when it is answered.
      customProps: (req) => operationLogFields(req as RequestWithExtras) ?? {},
      // 503 is the database being unavailable (logged as a warning where it happened), not a bug.
      customLogLevel: (_req, res, err) => (res.statusCode === 503 ? 'warn' : err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  expressApp.get('/healthz', healthz);
  expressApp.get('/readyz', readyz(db, () => shuttingDown));
  expressApp.get('/', (_req, res) => res.redirect('/graphql'));
  for (const [name, asset] of Object.entries(GRAPHIQL_ASSETS)) {
    const file = path.join(path.dirname(require.resolve(`${asset.module}/package.json`)), asset.file);
    expressApp.get(`${GRAPHIQL_ASSET_PATH}/${name}`, (_req, res) => {
      res.type(asset.type).set('cache-control', 'public, max-age=86400').sendFile(file);
    });
  }
  expressApp.use(
    '/graphql',
    express.json({ limit: config.graphql.bodyLimitBytes }),
    (req: RequestWithExtras, _res: Response, next: NextFunction) => {
      const stats: SqlStats = { statements: 0 };
      req.sqlStats = stats;
      // The request runs as the owner until its caller is known, then in its caller's tenant (below).
      const tenant = new TenantBinding();
      req.tenant = tenant;
      req.facts = { clientAddress: req.socket.remoteAddress ?? 'unknown' };
      // The name the client gives, until the document says (a request refused before that, say for its credentials, is logged with it too).
      const named = (req.body as { operationName?: unknown } | undefined)?.operationName;
      if (typeof named === 'string') req.facts.operationName = named;
      // A registered document sent by id becomes its text before Apollo reads the request.
      if (trusted && resolveRegisteredDocument(req.body as PersistedRequestBody, trusted)) req.facts.persisted = 'manifest';
      runWithSqlStats(stats, () => runWithTenantBinding(tenant, () => next()));
    },
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        const r = req as RequestWithExtras;
        const rid = String(r.id ?? '');
        // The request's instant is taken here: its token is checked at it, and everything it does carries it.
        const arriving = new RequestContext(db, null, rid, clock, logger.child({ requestId: rid }));
        let actor;
        try {
          actor = await authenticator.authenticate(db.dataSource.manager, req.headers.authorization, arriving.now);
        } catch (error) {
          if (error instanceof UnauthenticatedError) throw unauthenticatedError(error.message);
          if (isUnavailable(error)) {
            logger.warn({ err: error, requestId: rid }, 'database unavailable');
            throw unavailableError(error, rid);
          }
          throw error;
        }
        // Authenticated (as the owner: the key or token says which tenant); from here on, the caller's tenant only.
        if (trusted) {
          // GET carries the request in its query string (registered documents are sent by id with POST).
          const body = r.method === 'GET' ? bodyOfGet(r.query as Record<string, unknown>) : (req.body as PersistedRequestBody);
          const refusal = trustedDocumentRefusal(body, r.facts?.persisted === 'manifest', actor, trusted);
          if (refusal) throw refusal;
        }
        if (r.tenant) bindTenant(r.tenant, tenantOf(actor));
        const rc = arriving.actingAs(actor);
        return { rc, sqlStats: r.sqlStats ?? { statements: 0 }, facts: r.facts };
      },
    }),
  );
  // CSV and PDF downloads: the same authentication and tenancy as /graphql.
  expressApp.use(exportRoutes({ db, clock, logger, authenticator }));
  expressApp.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode ?? 500;
    const id = String((req as RequestWithExtras).id ?? '');
    if (status >= 500) logger.error({ err, requestId: id }, 'request failed');
    const message = status === 413 ? 'The request body is too large.' : status < 500 ? 'The request is malformed.' : 'Internal server error.';
    res.status(status).json({ errors: [new GraphQLError(message, { extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', requestId: id } })] });
  });

  const app: App = {
    config,
    logger,
    db,
    clock,
    httpServer,
    url: '',
    jobs: { revisionActivation: null, clockEvents: null, queue, runDue: () => queue.runDue() },
    liveEvents,
    async listen() {
      await queue.start();
      eventListener = await startEventListener(db, config.database, logger, {
        onNotice: (notice) => liveEvents.notify(notice),
        onReconnect: (lostAt) => liveEvents.catchUp(lostAt),
      });
      subscriptions = startSubscriptionServer({
        httpServer,
        path: '/graphql',
        schema,
        db,
        clock,
        logger,
        authenticator,
        liveEvents,
        validationRules: limits.validationRules,
        maxTokens: config.graphql.maxTokens,
        maxCost: config.graphql.maxCost,
        maxPayloadBytes: config.graphql.bodyLimitBytes,
        rateLimits,
      });
      app.jobs.revisionActivation = startRevisionActivation(db, clock, logger, config.revisionActivationIntervalMs);
      await app.jobs.revisionActivation.runNow();
      await keepWorkflowsScheduled(new RequestContext(db, null, 'startup', clock, logger));
      app.jobs.clockEvents = startClockEvents(db, clock, logger, config.clockEventsIntervalMs);
      await app.jobs.clockEvents.runNow();
      http = trackRequests(httpServer);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      app.url = config.publicUrl ?? `http://${host}:${address.port}`;
      return app.url;
    },
    stop() {
      stopped ??= (async () => {
        shuttingDown = true;
        // /readyz answers 503 meanwhile, while requests (and new connections) are still served.
        if (config.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
        // Live subscriptions end first (1001, going away): their sockets would otherwise keep the HTTP server open.
        await subscriptions?.stop();
        if (http) {
          const drained = http.drain(config.shutdownTimeoutMs); // closes the listener at once
          logger.info({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'shutdown: no longer accepting connections; draining in-flight requests');
          const { abandoned } = await drained;
          if (abandoned > 0) logger.warn({ abandoned, shutdownTimeoutMs: config.shutdownTimeoutMs }, `shutdown: ${abandoned} request(s) still running after SHUTDOWN_TIMEOUT_MS; their connections were closed`);
          else logger.info('shutdown: every in-flight request was answered');
        }
        await eventListener?.stop();
        await liveEvents.close();
        await apollo.stop();
        await app.jobs.revisionActivation?.stop();
        await app.jobs.clockEvents?.stop();
        await queue.stop(config.shutdownTimeoutMs);
        await rateLimits?.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      })();
      return stopped;
    },
  };
  return app;
}
