import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * unopened: nothing sent yet; open: START TRANSACTION went out before the first statement;
 * alone: the unit's one statement is being sent on its own; done: it was, and nothing may follow.
 */
type State = 'unopened' | 'open' | 'alone' | 'done';

const lastStatementOf = new WeakMap<EntityManager, <T>(send: () => Promise<T>) => Promise<T>>();

/**
 * Runs `work` in a READ COMMITTED transaction on one pooled connection of PostgreSQL, opened
 * only when its first statement goes out (`START TRANSACTION` just before it), and not opened
 * at all when its only statement is sent by `asLastStatement`: one statement is atomic on its
 * own, so a unit of work whose writes are all in one statement (an incident report, usually)
 * costs that statement alone, without START and COMMIT round trips. A unit that sends nothing
 * takes no connection.
 */
export async function inDeferredTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const send = runner.query.bind(runner) as (query: string, parameters?: unknown[], structured?: boolean) => Promise<unknown>;
  const unit: { state: State } = { state: 'unopened' };
  // To TypeORM this is an open transaction: save() opens none of its own, a nested transaction is a savepoint.
  const typeorm = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  typeorm.isTransactionActive = true;
  typeorm.transactionDepth = 1;
  runner.query = (async (query: string, parameters?: unknown[], structured?: boolean) => {
    if (unit.state === 'done') throw new Error('A statement was sent after the one statement of its unit of work.');
    if (unit.state === 'alone') unit.state = 'done';
    else if (unit.state === 'unopened') {
      unit.state = 'open';
      await send('START TRANSACTION');
    }
    return send(query, parameters, structured);
  }) as QueryRunner['query'];
  lastStatementOf.set(runner.manager, async (sendIt) => {
    if (unit.state !== 'unopened') return sendIt();
    unit.state = 'alone';
    try {
      return await sendIt();
    } finally {
      if (unit.state === 'alone') unit.state = 'unopened'; // it sent nothing after all
    }
  });
  try {
    const result = await work(runner.manager);
    if (unit.state === 'open') await send('COMMIT');
    return result;
  } catch (error) {
    if (unit.state === 'open') await send('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    typeorm.isTransactionActive = false;
    typeorm.transactionDepth = 0;
    lastStatementOf.delete(runner.manager);
    await runner.release();
  }
}

/**
 * Sends what `send` sends (one statement) as the last of `em`'s unit of work: on its own, with
 * no transaction around it, when it is also the first; inside the open transaction otherwise.
 * Nothing may be sent after it.
 */
export function asLastStatement<T>(em: EntityManager, send: () => Promise<T>): Promise<T> {
  const last = lastStatementOf.get(em);
  return last ? last(send) : send();
}
