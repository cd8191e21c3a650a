import { isTimeZone } from 'class-validator';
import { toGlobalId } from '../../common/global-id';
import { type FieldPath, UserError, UserErrors } from '../../common/errors';
import { Role } from '../../common/roles';
import { type RequestContext } from '../../context/request-context';
import { withTransaction } from '../../context/transaction';
import { ProviderEntity } from '../../db/entities/provider.entity';
import { accessTokenExpiry, mintAccessToken, providerClaim, type TokenSettings } from '../identity/access-token';

/** As the provider table's check: lowercase letters, digits and dashes, 2 to 63 characters, not starting with a dash. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const MAX_TOKEN_DAYS = 365;

export interface ProviderOnboardingInput {
  slug: string;
  name: string;
  timeZone: string;
  /** Who the first admin is: the token's `sub` (an e-mail address, or the subject your identity provider will use). */
  admin: string;
  adminName?: string;
  /** How long the first admin's token is valid. */
  tokenDays: number;
}

export interface ProviderOnboarding {
  provider: ProviderEntity;
  /** The provider's id as the API shows it (viewer { provider { id } }) and tokens carry it. */
  providerGlobalId: string;
  admin: { sub: string; token: string; expiresAt: Date };
}

/** Every problem of the input at once, each naming its field. */
export function onboardingProblems(input: ProviderOnboardingInput): UserError[] {
  const problems: [boolean, FieldPath, string][] = [
    [SLUG.test(input.slug), ['slug'], 'slug must be 2 to 63 lowercase letters, digits or dashes, not starting with a dash (e.g. "acme")'],
    [input.name.trim().length >= 1 && input.name.trim().length <= 200, ['name'], 'name must be 1 to 200 characters'],
    [isTimeZone(input.timeZone), ['timeZone'], 'timeZone must be an IANA time zone such as "Europe/Berlin"'],
    [input.admin.trim().length >= 1 && input.admin.trim().length <= 200, ['admin'], 'admin must name the first admin (1 to 200 characters, e.g. jane@acme.example)'],
    [Number.isFinite(input.tokenDays) && input.tokenDays > 0 && input.tokenDays <= MAX_TOKEN_DAYS, ['tokenDays'], `tokenDays must be more than 0 and at most ${MAX_TOKEN_DAYS}`],
  ];
  return problems.filter(([ok]) => !ok).map(([, field, message]) => new UserError('INVALID_INPUT', message, field));
}

/**
 * Operator action (command line, no caller): a new provider (tenant) and a PROVIDER_ADMIN access
 * token for its first admin, who then creates API keys, customers and agreements through the API.
 * A slug that is taken is refused (ALREADY_EXISTS, naming the existing provider) and nothing changes.
 */
export async function onboardProvider(ctx: RequestContext, tokens: TokenSettings, input: ProviderOnboardingInput): Promise<ProviderOnboarding> {
  const problems = onboardingProblems(input);
  if (problems.length > 0) throw new UserErrors(problems);
  const provider = await withTransaction(ctx, async (tx) => {
    const inserted = await tx.em
      .createQueryBuilder()
      .insert()
      .into(ProviderEntity)
      .values({ slug: input.slug, name: input.name.trim(), timeZone: input.timeZone })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) {
      const existing = await tx.em.getRepository(ProviderEntity).findOneByOrFail({ slug: input.slug });
      throw new UserError('ALREADY_EXISTS', `A provider with the slug "${input.slug}" exists already (${existing.name}, id ${toGlobalId('Provider', existing.id)}); nothing was changed.`, ['slug']);
    }
    return tx.em.getRepository(ProviderEntity).findOneByOrFail({ id });
  });
  const ttlSeconds = Math.round(input.tokenDays * 86400);
  const sub = input.admin.trim();
  const token = await mintAccessToken(tokens, { sub, name: input.adminName?.trim() || undefined, provider: providerClaim(provider.id), roles: [Role.PROVIDER_ADMIN] }, ttlSeconds);
  return { provider, providerGlobalId: providerClaim(provider.id), admin: { sub, token, expiresAt: accessTokenExpiry(token) as Date } };
}
