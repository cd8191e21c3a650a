import { type Clock } from '../common/clock';
import { type Logger } from '../common/logger';
import { type Database } from '../context/database';
import { RequestContext } from '../context/request-context';
import { type DomainEventEntity } from '../db/entities/domain-event.entity';
import { eventMatches, type EventSubscription, noticeMatches } from '../domain/events/event-filter';
import { type EventNotice } from '../domain/events/event.service';
import { eventsRecordedSince, findEvent } from '../domain/events/live-events.service';

/** Events a subscriber has not read yet; a subscriber this far behind is dropped (its client reconnects). */
const MAX_BACKLOG = 1000;
/** Ids of the events heard last, so that one heard twice (a notice, then a catch-up) is delivered once. */
const REMEMBERED = 10_000;
/** How far before a lost connection a catch-up looks: a transaction records its events when it starts, and commits later. */
const CATCH_UP_MARGIN_MS = 60_000;
const CATCH_UP_LIMIT = 5000;

/** One live subscriber: an async iterator of the events that match its subscription. */
class Subscriber implements AsyncIterableIterator<DomainEventEntity> {
  private readonly backlog: DomainEventEntity[] = [];
  private waiting: { resolve: (r: IteratorResult<DomainEventEntity>) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    readonly subscription: EventSubscription,
    private readonly onEnd: (s: Subscriber) => void,
  ) {}

  push(event: DomainEventEntity): void {
    if (this.done) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: event, done: false });
    } else if (this.backlog.length >= MAX_BACKLOG) {
      this.fail(new Error(`This subscription fell more than ${MAX_BACKLOG} events behind and was ended; subscribe again.`));
    } else {
      this.backlog.push(event);
    }
  }

  next(): Promise<IteratorResult<DomainEventEntity>> {
    const event = this.backlog.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<DomainEventEntity>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<DomainEventEntity>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DomainEventEntity> {
    return this;
  }

  /** Ends the stream: a waiting reader hears "done", later reads too. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.backlog.length = 0;
    this.onEnd(this);
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve({ value: undefined, done: true });
  }

  private fail(error: Error): void {
    this.end();
    this.failure = error;
  }
}

/**
 * The live subscribers of one server process, and the events it hears of. Every process
 * listens for every raised event (see event-listener.ts), filters it against its own
 * subscribers on the notice alone, loads the event row once if anyone wants it, and hands it
 * to each subscriber whose filter it matches, in the order the notices arrived.
 */
export class LiveEvents {
  private readonly subscribers = new Set<Subscriber>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly heard = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The events matching `subscription` from now on, until the caller returns the iterator or the process stops. */
  subscribe(subscription: EventSubscription): AsyncIterableIterator<DomainEventEntity> {
    const subscriber = new Subscriber(subscription, (s) => this.subscribers.delete(s));
    if (this.closed) subscriber.end();
    else this.subscribers.add(subscriber);
    return subscriber;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** An event was raised (in this process or another): hand it to whoever wants it. Never throws. */
  notify(notice: EventNotice): void {
    this.enqueue(() => this.deliver(notice), notice.id);
  }

  /**
   * The listener was deaf from `lostAt` until now (its connection dropped): hands out the events
   * recorded meanwhile that were not heard, in the order they were recorded.
   */
  catchUp(lostAt: Date): void {
    this.enqueue(async () => {
      if (this.subscribers.size === 0) return;
      const since = new Date(lostAt.getTime() - CATCH_UP_MARGIN_MS);
      const missed = await eventsRecordedSince(this.context(), since, CATCH_UP_LIMIT);
      if (missed.length === CATCH_UP_LIMIT) this.logger.warn({ since }, `catch-up stopped at ${CATCH_UP_LIMIT} events`);
      for (const event of missed) await this.deliver(event, event);
    }, 'catch-up');
  }

  /** Ends every subscription (their clients hear "complete"); later subscriptions end at once. */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of [...this.subscribers]) s.end();
    await this.queue;
  }

  private enqueue(work: () => Promise<void>, what: string): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.logger.error({ err: error, event: what }, 'live event not delivered'));
  }

  private context(): RequestContext {
    return new RequestContext(this.db, null, 'live-events', this.clock, this.logger);
  }

  /** First time heard: remembered, and true. */
  private firstHeard(id: string): boolean {
    if (this.heard.has(id)) return false;
    this.heard.add(id);
    if (this.heard.size > REMEMBERED) this.heard.delete(this.heard.values().next().value as string);
    return true;
  }

  private async deliver(notice: Pick<DomainEventEntity, 'id' | 'type' | 'providerId' | 'customerId' | 'subjectId'>, loaded?: DomainEventEntity): Promise<void> {
    if (!this.firstHeard(notice.id)) return;
    const interested = [...this.subscribers].filter((s) => noticeMatches(s.subscription, notice));
    if (interested.length === 0) return;
    const event = loaded ?? (await findEvent(this.context(), notice.id));
    if (!event) {
      this.logger.warn({ eventId: notice.id }, 'a notified event was not found');
      return;
    }
    for (const s of interested) if (eventMatches(s.subscription, event)) s.push(event);
  }
}
