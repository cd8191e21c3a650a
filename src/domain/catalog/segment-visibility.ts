import { type Actor } from '../../common/actor';

/**
 * The segment a caller is shown for something that names one (an agreement's segment).
 * Segments are the provider's own grouping of its customers: customer users never see one.
 */
export function segmentShownTo(actor: Actor, segmentId: string | null): string | null {
  return actor.customerId ? null : segmentId;
}
