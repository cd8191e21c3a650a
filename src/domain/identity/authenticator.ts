import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/actor';
import { UnauthenticatedError } from '../../common/errors';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { accessTokenExpiry, verifyAccessToken, type TokenSettings } from './access-token';
import { looksLikeApiKey } from './api-key-secret';
import * as apiKeys from './api-key.service';

/**
 * Turns an Authorization header into an Actor: a signed JWT for people, an API key for
 * partner integrations. No header: null (only introspection and the GraphiQL page are open).
 */
export class Authenticator {
  /** Providers and customers are never deleted, so one once seen is known for good. */
  private readonly known = new Set<string>();

  constructor(private readonly tokens: TokenSettings) {}

  async authenticate(em: EntityManager, authorization: string | undefined, now: Date): Promise<Actor | null> {
    if (authorization === undefined || authorization.trim() === '') return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    const actor = looksLikeApiKey(token) ? await apiKeys.authenticate(em, token, now) : await verifyAccessToken(this.tokens, token);
    if (actor.kind === 'USER') await this.requireKnownParties(em, actor.providerId, actor.customerId);
    return actor;
  }

  /**
   * When credentials that authenticate stop doing so: an access token's `exp`. API keys do not
   * expire (they are revoked): null. Long-lived connections close then.
   */
  expiryOf(authorization: string): Date | null {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    return token && !looksLikeApiKey(token) ? accessTokenExpiry(token) : null;
  }

  /** The token's provider exists, and its customer (if any) is a customer of that provider. */
  private async requireKnownParties(em: EntityManager, providerId: string, customerId: string | null): Promise<void> {
    const key = `${providerId}/${customerId ?? ''}`;
    if (this.known.has(key)) return;
    if (!(await em.getRepository(ProviderEntity).existsBy({ id: providerId }))) {
      throw new UnauthenticatedError('The access token names an unknown provider.');
    }
    if (customerId && !(await em.getRepository(CustomerEntity).existsBy({ id: customerId, providerId }))) {
      throw new UnauthenticatedError("The access token's customer is not a customer of its provider.");
    }
    this.known.add(key);
  }
}
