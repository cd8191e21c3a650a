import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import {
  createSourceEventStream,
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type Actor } from '../../common/actor';
import { type Clock } from '../../common/clock';
import { UnauthenticatedError } from '../../common/errors';
import { type Logger } from '../../common/logger';
import { type Database } from '../../context/database';
import { type RateLimits } from '../../db/rate-limit-store';
import { RequestContext } from '../../context/request-context';
import { boundTo, runWithTenantBinding } from '../../db/tenant-scope';
import { type Authenticator } from '../../domain/identity/authenticator';
import { tenantOf } from '../../domain/shared/customer-scope';
import { type LiveEvents } from '../../jobs/live-events';
import { type GraphQLContext } from '../core/graphql-context';
import { assertAffordable } from '../plugins/cost-limit.plugin';
import { rateLimitCaller, rateLimitedExtensions, refusal } from '../plugins/rate-limit.plugin';
import { formatError, isUnexpected } from '../plugins/error-policy';

/** Subscriptions one connection may hold at once. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
/** How long clients get to answer the close handshake at shutdown before their sockets are cut. */
const CLOSE_GRACE_MS = 2000;

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  db: Database;
  clock: Clock;
  logger: Logger;
  authenticator: Authenticator;
  liveEvents: LiveEvents;
  /** The same limits HTTP requests get: armor's rules (depth, aliases, directives), tokens, cost, message size. */
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  maxCost: number;
  maxPayloadBytes: number;
  /** Each subscription started spends its cost from its caller's budget, as an HTTP operation does (null: no rate limits). */
  rateLimits: RateLimits | null;
}

export interface SubscriptionServer {
  /** Ends every subscription and closes every socket (1001 Going away). */
  stop(): Promise<void>;
}

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  actor: Actor;
  connectionId: string;
  expiryTimer: NodeJS.Timeout;
}

/** Longest delay setTimeout takes (about 24.8 days); a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes the socket with 4401 when its access token expires: a connection never outlives its
 * credentials. Access tokens expire in real time (jose checks `exp` against the system time),
 * whatever clock the application runs on.
 */
function closeAtExpiry(socket: { close(code: number, reason: string): void }, expiry: Date, onTimer: (t: NodeJS.Timeout) => void): void {
  // eslint-disable-next-line no-restricted-syntax -- tokens expire in real time, as above
  const left = expiry.getTime() - Date.now();
  const timer = setTimeout(() => {
    // eslint-disable-next-line no-restricted-syntax -- tokens expire in real time, as above
    if (Date.now() >= expiry.getTime()) socket.close(CloseCode.Unauthorized, 'The access token has expired.');
    else closeAtExpiry(socket, expiry, onTimer);
  }, Math.max(0, Math.min(left, MAX_TIMER_MS)));
  timer.unref();
  onTimer(timer);
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
const closeReason = (text: string) => (Buffer.byteLength(text) <= 123 ? text : `${text.slice(0, 110)}…`);

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  // GraphiQL sends its Headers tab as connectionParams: accept "Authorization" as well.
  const key = Object.keys(params).find((k) => k.toLowerCase() === 'authorization');
  const value = key ? params[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Like graphql's own `subscribe`, but each event runs with a fresh request context: its DataLoaders and "now" are the event's, never stale. */
async function subscribeWithFreshContexts(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const base = args.contextValue as GraphQLContext;
  // Everything the subscription reads runs in its caller's tenant (row-level security), as a request's does.
  const tenant = boundTo(tenantOf(base.rc.actor));
  const stream = await runWithTenantBinding(tenant, () => createSourceEventStream(args));
  if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
  const events = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const forEvent = (): GraphQLContext => ({ ...base, rc: base.rc.nextUnit(), sqlStats: { statements: 0 } });
  const results: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await events.next();
      if (event.done) return { value: undefined, done: true };
      return { value: await runWithTenantBinding(tenant, () => execute({ ...args, rootValue: event.value, contextValue: forEvent() })), done: false };
    },
    // Called when the client completes or disconnects: ends the subscription at once, even while it waits for an event.
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}

/**
 * GraphQL subscriptions over the graphql-ws protocol on the HTTP server's port and path.
 * A connection authenticates once, in connection_init: `connectionParams.authorization` is
 * "Bearer <access token or API key>", checked as the Authorization header of HTTP requests is.
 * None, or a bad one: the socket closes with 4401 (graphql-ws clients do not retry it).
 * Only subscriptions are served here; queries and mutations go over HTTP.
 */
export function startSubscriptionServer(o: SubscriptionServerOptions): SubscriptionServer {
  const log = o.logger.child({ component: 'subscriptions' });
  const wss = new WebSocketServer({ server: o.httpServer, path: o.path, maxPayload: o.maxPayloadBytes });
  const rules = [...specifiedRules, ...o.validationRules];

  const formatted = (errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] =>
    errors.map((e) => {
      const f = formatError(e.toJSON(), e);
      return { ...f, extensions: { ...f.extensions, requestId } };
    });
  const requestIdOf = (connectionId: string | undefined, id: string) => `ws:${connectionId ?? 'unauthenticated'}:${id}`;

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema: o.schema,
      isProd: true,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const authorization = authorizationOf(ctx.connectionParams);
        if (!authorization) {
          socket.close(CloseCode.Unauthorized, closeReason('Authentication required: connectionParams { authorization: "Bearer <token>" }.'));
          return false;
        }
        const connectionId = randomUUID();
        // The connection's own unit of work: its credentials are checked at its instant.
        const connecting = new RequestContext(o.db, null, requestIdOf(connectionId, 'connect'), o.clock, log);
        try {
          const actor = await o.authenticator.authenticate(o.db.dataSource.manager, authorization, connecting.now);
          if (!actor) throw new UnauthenticatedError();
          ctx.extra.actor = actor;
          ctx.extra.connectionId = connectionId;
          const expiry = o.authenticator.expiryOf(authorization);
          if (expiry) closeAtExpiry(socket, expiry, (timer) => (ctx.extra.expiryTimer = timer));
          return true;
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            socket.close(CloseCode.Unauthorized, closeReason(error.message));
          } else {
            log.error({ err: error }, 'authentication of a WebSocket connection failed');
            socket.close(CloseCode.InternalServerError, 'Internal server error');
          }
          return false;
        }
      },
      async onSubscribe(ctx, _id, payload) {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions.`, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: o.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The query could not be parsed.')];
        }
        const invalid = validate(o.schema, document, rules);
        if (invalid.length > 0) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run (operationName).', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations with HTTP POST to /graphql.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const variableValues = payload.variables ?? undefined;
        let cost: number | null;
        try {
          cost = assertAffordable(o.schema, document, payload.operationName ?? undefined, variableValues ?? {}, o.maxCost);
        } catch (error) {
          return [error as GraphQLError];
        }
        if (o.rateLimits) {
          const decision = await o.rateLimits.consume(rateLimitCaller(ctx.extra.actor ?? null, 'websocket'), cost ?? 1);
          if (!decision.allowed) return [new GraphQLError(refusal(decision), { extensions: rateLimitedExtensions(decision) })];
        }
        return { schema: o.schema, document, operationName: payload.operationName, variableValues };
      },
      context(ctx, id): GraphQLContext {
        const requestId = requestIdOf(ctx.extra.connectionId, id);
        const rc = new RequestContext(o.db, ctx.extra.actor ?? null, requestId, o.clock, log.child({ requestId }));
        return { rc, sqlStats: { statements: 0 }, liveEvents: o.liveEvents };
      },
      subscribe: subscribeWithFreshContexts,
      onClose(ctx) {
        clearTimeout(ctx.extra.expiryTimer);
      },
      onNext(ctx, id, _payload, _args, result) {
        if (!result.errors?.length) return;
        const requestId = requestIdOf(ctx.extra.connectionId, id);
        for (const error of result.errors) if (isUnexpected(error)) log.error({ err: error.originalError ?? error, requestId, path: error.path }, 'unexpected error');
        return { ...result, errors: formatted(result.errors, requestId) };
      },
      onError(ctx, id, _payload, errors) {
        const requestId = requestIdOf(ctx.extra.connectionId, id);
        for (const error of errors) if (isUnexpected(error)) log.error({ err: error.originalError ?? error, requestId }, 'unexpected error');
        return formatted(errors, requestId);
      },
    },
    wss,
  );

  return {
    async stop() {
      const cut = setTimeout(() => wss.clients.forEach((socket) => socket.terminate()), CLOSE_GRACE_MS);
      cut.unref();
      try {
        await server.dispose();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
