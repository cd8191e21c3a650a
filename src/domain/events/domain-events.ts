import { type RequestContext } from '../../context/request-context';

/**
 * Domain events: how one area reacts to what happened in another without importing it. The area
 * where something happens declares the event (`domainEvent`, in its `<area>.domain-events.ts`)
 * and publishes it; a later area subscribes in src/domain/reactions.ts, which the application
 * wires once at start. Unlike the public events of event.service.ts (recorded, sent to webhooks
 * and subscriptions when the transaction commits), a domain event is not stored: its reactions
 * run at once, inside the publisher's transaction, one after the other in the order they were
 * wired, so they commit or roll back with what caused them.
 */
export interface DomainEvent<P> {
  readonly name: string;
  /** Never set: carries the payload's type. */
  readonly payload?: P;
}

/** The payload of a kind of domain event: what a reaction to it receives. */
export type PayloadOf<E> = E extends DomainEvent<infer P> ? P : never;

/** Declares a kind of domain event with its payload type. Its identity (this object) is what subscribers name. */
export function domainEvent<P>(name: string): DomainEvent<P> {
  return { name };
}

/** What an area does when an event happens, in the publisher's transaction. */
export type Reaction<P> = (tx: RequestContext, payload: P) => Promise<unknown>;

/** Which reactions each domain event has, in the order they run. */
export class Reactions {
  private readonly byEvent = new Map<DomainEvent<unknown>, Reaction<unknown>[]>();

  /** Adds `reaction` to `event`, after those added before. */
  on<P>(event: DomainEvent<P>, reaction: Reaction<P>): this {
    const list = this.byEvent.get(event) ?? [];
    list.push(reaction as Reaction<unknown>);
    this.byEvent.set(event, list);
    return this;
  }

  of<P>(event: DomainEvent<P>): readonly Reaction<P>[] {
    return (this.byEvent.get(event) ?? []) as Reaction<P>[];
  }
}

/**
 * The reactions of this process. They are code, the same for every application a process runs
 * (unlike settings), so they are wired once, at start, from one place.
 */
let wired: Reactions | null = null;

/** Installs the reactions of the domain (src/domain/reactions.ts). Wiring them again replaces them. */
export function wireReactions(reactions: Reactions): void {
  wired = reactions;
}

/**
 * Tells every area subscribed to `event` that it happened, in the caller's transaction: each
 * reaction runs to its end, in the order wired, before publish returns. Publishing with no
 * reactions wired is a programming error (a reaction would be silently lost).
 */
export async function publish<P>(tx: RequestContext, event: DomainEvent<P>, payload: P): Promise<void> {
  if (!tx.inTransaction) throw new Error(`${event.name} can only be published inside withTransaction.`);
  if (!wired) throw new Error(`${event.name} was published before the domain's reactions were wired (wireDomainReactions, at start).`);
  for (const reaction of wired.of(event)) await reaction(tx, payload);
}
