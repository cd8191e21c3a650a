import { type EntityManager } from 'typeorm';
import { type Actor } from '../common/actor';
import { type Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/errors';
import { type Logger } from '../common/logger';
import { type Database } from './database';

/**
 * Everything a service method needs about the current unit of work: who is calling, the
 * entity manager (inside a transaction once one is started), the unit's instant, and a
 * per-request memo that holds the request's DataLoaders.
 *
 * A unit of work (an API request, one job, one run of a sweep) has one instant, `now`: every
 * service reads it, and everything the unit records (events, states, effective dates) carries
 * it. This is the one place that reads the clock for a unit of work.
 */
export class RequestContext {
  constructor(
    readonly db: Database,
    readonly actor: Actor | null,
    readonly requestId: string,
    protected readonly clock: Clock,
    readonly logger: Logger,
    readonly em: EntityManager = db.dataSource.manager,
    readonly inTransaction = false,
    private readonly memos = new Map<unknown, unknown>(),
    private instant: Date | null = null,
  ) {}

  /** The caller, or UNAUTHENTICATED. */
  get caller(): Actor {
    if (!this.actor) throw new UnauthenticatedError();
    return this.actor;
  }

  /** "Now" for this unit of work: read from the clock once, then the same instant for everything it does. */
  get now(): Date {
    this.instant ??= this.clock.now();
    return new Date(this.instant.getTime());
  }

  /** The same unit of work bound to a transaction's entity manager: same instant, fresh memos (no stale loader data). */
  inside(em: EntityManager): RequestContext {
    return new RequestContext(this.db, this.actor, this.requestId, this.clock, this.logger, em, true, new Map(), this.now);
  }

  /** The same unit of work (instant, entity manager, transaction) done on behalf of `actor`, e.g. the system user of a provider. */
  actingAs(actor: Actor | null): RequestContext {
    return new RequestContext(this.db, actor, this.requestId, this.clock, this.logger, this.em, this.inTransaction, new Map(), this.now);
  }

  /** A new unit of work for the same caller (say, one live event delivered to a subscriber): its own instant and loaders. */
  nextUnit(): RequestContext {
    return new RequestContext(this.db, this.actor, this.requestId, this.clock, this.logger);
  }

  /** One instance per request and key, e.g. a DataLoader. */
  memo<T>(key: unknown, create: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, create());
    return this.memos.get(key) as T;
  }
}
