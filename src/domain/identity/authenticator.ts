import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/actor';
import { UnauthenticatedError } from '../../common/errors';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { verifyAccessToken, type TokenSettings } from './access-token';
import { looksLikeApiKey } from './api-key-secret';
import * as apiKeys from './api-key.service';

/**
 * Turns an Authorization header into an Actor: a signed JWT for people, an API key for
 * partner integrations. No header: null (only introspection and the GraphiQL page are open).
 */
export class Authenticator {
  /** Providers are never deleted, so a provider once seen is known for good. */
  private readonly knownProviders = new Set<string>();

  constructor(private readonly tokens: TokenSettings) {}

  async authenticate(em: EntityManager, authorization: string | undefined, now: Date): Promise<Actor | null> {
    if (authorization === undefined || authorization.trim() === '') return null;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    const actor = looksLikeApiKey(token) ? await apiKeys.authenticate(em, token, now) : await verifyAccessToken(this.tokens, token);
    if (actor.kind === 'USER') await this.requireProvider(em, actor.providerId);
    return actor;
  }

  private async requireProvider(em: EntityManager, providerId: string): Promise<void> {
    if (this.knownProviders.has(providerId)) return;
    const exists = await em.getRepository(ProviderEntity).existsBy({ id: providerId });
    if (!exists) throw new UnauthenticatedError('The access token names an unknown provider.');
    this.knownProviders.add(providerId);
  }
}
