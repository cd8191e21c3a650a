import { type RequestContext } from '../../context/request-context';
import { domainEvent, publish, Reactions, wireReactions } from './domain-events';

const Happened = domainEvent<{ n: number }>('something happened');
const Other = domainEvent<{ n: number }>('something else happened');
const inTransaction = { inTransaction: true } as RequestContext;

describe('domain events', () => {
  it('runs the reactions of an event one after the other, in the order wired, each to its end before the next', async () => {
    const seen: string[] = [];
    const slow = async (_tx: RequestContext, { n }: { n: number }) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(`first ${n}`);
    };
    wireReactions(
      new Reactions()
        .on(Happened, slow)
        .on(Other, async () => void seen.push('other'))
        .on(Happened, async (_tx, { n }) => void seen.push(`second ${n}`)),
    );
    await publish(inTransaction, Happened, { n: 1 });
    await publish(inTransaction, Happened, { n: 2 });
    expect(seen).toEqual(['first 1', 'second 1', 'first 2', 'second 2']);
  });

  it('hands the reaction the publisher transaction', async () => {
    let given: RequestContext | null = null;
    wireReactions(new Reactions().on(Happened, async (tx) => void (given = tx)));
    await publish(inTransaction, Happened, { n: 1 });
    expect(given).toBe(inTransaction);
  });

  it('an event nobody reacts to changes nothing', async () => {
    wireReactions(new Reactions());
    await expect(publish(inTransaction, Happened, { n: 1 })).resolves.toBeUndefined();
  });

  it('a failing reaction fails the publisher (its transaction rolls back) and stops the reactions after it', async () => {
    const seen: string[] = [];
    wireReactions(
      new Reactions()
        .on(Happened, async () => {
          throw new Error('reaction failed');
        })
        .on(Happened, async () => void seen.push('after')),
    );
    await expect(publish(inTransaction, Happened, { n: 1 })).rejects.toThrow('reaction failed');
    expect(seen).toEqual([]);
  });

  it('is refused outside a transaction: a reaction must commit with what caused it', async () => {
    wireReactions(new Reactions());
    await expect(publish({ inTransaction: false } as RequestContext, Happened, { n: 1 })).rejects.toThrow(/something happened can only be published inside withTransaction/);
  });
});

describe('domain events before the reactions are wired', () => {
  it('refuses to publish, rather than lose a reaction', async () => {
    jest.resetModules();
    const fresh = await import('./domain-events');
    await expect(fresh.publish(inTransaction, fresh.domainEvent('early'), {})).rejects.toThrow(/early was published before the domain's reactions were wired/);
  });
});
