import { type EntityManager } from 'typeorm';
import { CombinedWrite } from './combined-write';
import { type RequestContext } from './request-context';

/**
 * Work gathered during a transaction and done once, just before it commits, for everything
 * gathered: e.g. the events a request raised, written and announced in one statement rather than
 * in several per event. A batch is named by this object (its identity). Its flush adds its writes
 * to `write`, the one statement that every batch of the flush shares (sent once they all have).
 */
export interface BeforeCommit<T> {
  readonly name: string;
  flush(tx: RequestContext, items: T[], write: CombinedWrite): Promise<void>;
}

type Pending = Map<BeforeCommit<unknown>, unknown[]>;

/** What each open transaction (by its entity manager) has gathered; set by withTransaction. */
const open = new WeakMap<EntityManager, Pending>();

/** Adds `item` to `batch` of the caller's transaction (which withTransaction must have started). */
export function beforeCommit<T>(tx: RequestContext, batch: BeforeCommit<T>, item: T): void {
  const pending = open.get(tx.em);
  if (!tx.inTransaction || !pending) throw new Error(`${batch.name} can only be gathered inside withTransaction.`);
  const items = pending.get(batch as BeforeCommit<unknown>);
  if (items) items.push(item);
  else pending.set(batch as BeforeCommit<unknown>, [item]);
}

/** Runs `work` in the transaction `tx` is bound to, then flushes what it gathered (and what flushing gathers), before the commit. */
export async function gatheringBeforeCommit<T>(tx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  const pending: Pending = new Map();
  open.set(tx.em, pending);
  try {
    const result = await work(tx);
    await flushGathered(tx, new CombinedWrite());
    return result;
  } finally {
    open.delete(tx.em);
  }
}

/**
 * Writes what the caller's transaction gathered so far now rather than at the commit, together
 * with `write`'s own parts: one statement for all (e.g. a new incident and the events it raised).
 * What is gathered afterwards is written at the commit as usual.
 */
export async function flushGathered(tx: RequestContext, write: CombinedWrite): Promise<void> {
  const pending = open.get(tx.em);
  if (!tx.inTransaction || !pending) throw new Error('flushGathered runs inside withTransaction only.');
  while (pending.size > 0) {
    const [batch, items] = pending.entries().next().value as [BeforeCommit<unknown>, unknown[]];
    pending.delete(batch);
    await batch.flush(tx, items, write);
  }
  await write.run(tx);
}
