import { type Actor } from '../../common/actor';
import { type FixedClock } from '../../common/clock';
import { RequestContext } from '../../context/request-context';

/**
 * The demo replays months of a provider's history inside the seed's transaction, moving its own
 * clock from one event to the next. Each call an actor makes is a unit of work of its own, at the
 * demo clock's time then: unlike a request's, this context's "now" follows the clock.
 */
export class DemoContext extends RequestContext {
  override get now(): Date {
    // eslint-disable-next-line no-restricted-syntax -- the demo replays history on a clock of its own
    return this.clock.now();
  }
}

/** `actor` acting in the seed's transaction `tx`, on the demo's `clock`. */
export function demoActor(tx: RequestContext, actor: Actor, clock: FixedClock): RequestContext {
  return new DemoContext(tx.db, actor, tx.requestId, clock, tx.logger, tx.em, true);
}
