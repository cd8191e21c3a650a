import { Client, type Notification } from 'pg';
import { EVENT_CHANNEL } from '../common/event-types';
import { type Config } from '../common/config';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { embeddedDatabase } from '../db/embedded-database';
import { type EventNotice } from '../domain/events/event.service';

export interface EventListener {
  stop(): Promise<void>;
}

export interface EventHandlers {
  /** An event was raised and committed (by any process). */
  onNotice(notice: EventNotice): void;
  /** The listener was deaf from `lostAt` until now (its connection dropped and is back). */
  onReconnect(lostAt: Date): void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

function parseNotice(payload: string | undefined, logger: Logger): EventNotice | null {
  try {
    const notice = JSON.parse(payload ?? '') as Partial<EventNotice>;
    if (typeof notice.id === 'string' && typeof notice.type === 'string' && typeof notice.providerId === 'string' && typeof notice.subjectId === 'string') {
      return { customerId: null, subjectType: '', ...notice } as EventNotice;
    }
  } catch {
    // reported below
  }
  logger.warn({ payload }, `ignored a malformed notice on ${EVENT_CHANNEL}`);
  return null;
}

/**
 * Hears every event raised by any server process on the database: raiseEvent announces each
 * one with NOTIFY when its transaction commits. On PostgreSQL a dedicated connection LISTENs
 * (outside the pool, reconnecting with backoff when it drops); on the embedded database PGlite
 * delivers its own NOTIFY to listeners of the same instance.
 *
 * Events committed while the PostgreSQL connection was down are not heard; once it is back,
 * `onReconnect` says since when, so that they can be caught up from the table.
 */
export async function startEventListener(db: Database, database: Config['database'], logger: Logger, handlers: EventHandlers): Promise<EventListener> {
  const log = logger.child({ component: 'event-listener' });
  const handle = (payload: string | undefined) => {
    const notice = parseNotice(payload, log);
    if (notice) handlers.onNotice(notice);
  };
  if (database.kind === 'embedded') return listenEmbedded(db, handle);
  const listener = new PostgresListener(database.url, database.connectTimeoutMs, log, handle, (lostAt) => handlers.onReconnect(lostAt));
  await listener.start();
  return listener;
}

async function listenEmbedded(db: Database, handle: (payload: string) => void): Promise<EventListener> {
  const pglite = await embeddedDatabase();
  // LISTEN is transactional: never let it join a transaction another caller has open on the one session.
  const inTurn = <T>(work: () => Promise<T>) => (db.transactionLock ? db.transactionLock.run(work) : work());
  const unlisten = await inTurn(() => pglite.listen(EVENT_CHANNEL, handle));
  return {
    async stop() {
      if (!pglite.closed) await inTurn(() => unlisten());
    },
  };
}

class PostgresListener implements EventListener {
  private client: Client | null = null;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  /** When the connection dropped, until it is back. */
  private lostAt: Date | null = null;

  constructor(
    private readonly url: string,
    private readonly connectTimeoutMs: number,
    private readonly logger: Logger,
    private readonly handle: (payload: string | undefined) => void,
    private readonly reconnected: (lostAt: Date) => void,
  ) {}

  /** Connects and LISTENs; if the database cannot be reached now, keeps trying in the background. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.logger.error({ err: error }, 'cannot listen for events yet; retrying');
      this.scheduleRetry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs, keepAlive: true, application_name: 'sla-contracts-api:events' });
    client.on('notification', (message: Notification) => {
      if (message.channel === EVENT_CHANNEL) this.handle(message.payload);
    });
    client.on('error', (error: Error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENT_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    if (this.lostAt) {
      this.logger.info({ lostAt: this.lostAt }, 'listening for events again');
      this.reconnected(this.lostAt);
      this.lostAt = null;
    }
  }

  private dropped(client: Client, error: Error | null): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    // The wall clock, as recorded_at (the database's now()) that the catch-up compares it with.
    // eslint-disable-next-line no-restricted-syntax -- compared with recorded_at, the database's now()
    this.lostAt ??= new Date();
    this.logger.warn({ err: error }, 'the event listener lost its connection; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures++;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error, failures: this.failures }, 'the event listener could not reconnect');
        this.scheduleRetry();
      });
    }, delay);
    this.retry.unref();
  }
}
