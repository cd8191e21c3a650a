import { type EntityManager } from 'typeorm';
import { type Actor } from '../common/actor';
import { type Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/errors';
import { type Logger } from '../common/logger';
import { type Database } from './database';

/**
 * Everything a service method needs about the current unit of work: who is calling, the
 * entity manager (inside a transaction once one is started), the clock, and a per-request
 * memo that holds the request's DataLoaders.
 */
export class RequestContext {
  constructor(
    readonly db: Database,
    readonly actor: Actor | null,
    readonly requestId: string,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly em: EntityManager = db.dataSource.manager,
    readonly inTransaction = false,
    private readonly memos = new Map<unknown, unknown>(),
  ) {}

  /** The caller, or UNAUTHENTICATED. */
  get caller(): Actor {
    if (!this.actor) throw new UnauthenticatedError();
    return this.actor;
  }

  /** The same request, bound to a transaction's entity manager (with fresh memos: no stale loader data). */
  inside(em: EntityManager): RequestContext {
    return new RequestContext(this.db, this.actor, this.requestId, this.clock, this.logger, em, true);
  }

  /** "Now" for this request: every field that asks sees the same instant (and shares its loaders). */
  get now(): Date {
    return this.memo('request:now', () => this.clock.now());
  }

  /** One instance per request and key, e.g. a DataLoader. */
  memo<T>(key: unknown, create: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, create());
    return this.memos.get(key) as T;
  }
}
