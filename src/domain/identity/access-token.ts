import { createSecretKey, type KeyObject } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { type Actor } from '../../common/actor';
import { UnauthenticatedError } from '../../common/errors';
import { fromGlobalId, toGlobalId } from '../../common/global-id';
import { CUSTOMER_SIDE_ROLES, isRole, type Role } from '../../common/roles';

export interface TokenSettings {
  secret: string;
  issuer?: string;
  audience?: string;
}

/** What a person's access token says. `provider` and `customer` are the API's global ids. */
export interface AccessTokenClaims {
  sub: string;
  name?: string;
  provider: string;
  roles: Role[];
  customer?: string;
}

/** The HMAC key of a secret, made once (jose would otherwise import it again for every token). */
const keys = new Map<string, KeyObject>();
const key = (secret: string): KeyObject => {
  let k = keys.get(secret);
  if (!k) keys.set(secret, (k = createSecretKey(new TextEncoder().encode(secret))));
  return k;
};

/** Signs an HS256 access token, as an identity provider would. Tokens live in real time, as jose verifies them: not on the application's clock. */
export async function mintAccessToken(settings: TokenSettings, claims: AccessTokenClaims, ttlSeconds: number): Promise<string> {
  let jwt = new SignJWT({ name: claims.name, provider: claims.provider, roles: claims.roles, customer: claims.customer })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    // eslint-disable-next-line no-restricted-syntax -- tokens expire in real time (jose checks exp against the system time)
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
  if (settings.audience) jwt = jwt.setAudience(settings.audience);
  return jwt.sign(key(settings.secret));
}

/** When a token (already verified) expires; null for anything that is not a JWT with `exp`. */
export function accessTokenExpiry(token: string): Date | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

/** Verifies signature, expiry, issuer and audience, then reads the claims into an Actor. */
export async function verifyAccessToken(settings: TokenSettings, token: string): Promise<Actor> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(settings.secret), {
      algorithms: ['HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The access token has expired.');
    throw new UnauthenticatedError('The access token is not valid.');
  }
  const provider = typeof payload.provider === 'string' ? fromGlobalId(payload.provider) : null;
  if (!provider || provider.type !== 'Provider') throw new UnauthenticatedError('The access token names no provider.');
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  if (roles.length === 0) throw new UnauthenticatedError('The access token grants no role.');
  const customer = typeof payload.customer === 'string' ? fromGlobalId(payload.customer) : null;
  if (payload.customer !== undefined && (!customer || customer.type !== 'Customer')) {
    throw new UnauthenticatedError('The access token names a customer that is not a Customer id.');
  }
  const customerSide = roles.filter((r) => CUSTOMER_SIDE_ROLES.includes(r));
  if (customerSide.length > 0 && !customer) {
    throw new UnauthenticatedError('Customer roles need a customer claim in the access token.');
  }
  if (customer && customerSide.length !== roles.length) {
    throw new UnauthenticatedError("A token with a customer claim may carry only customer roles (CUSTOMER_VIEWER, CUSTOMER_SIGNATORY): a person works for the provider or for one of its customers, not both.");
  }
  return {
    kind: 'USER',
    id: String(payload.sub),
    name: typeof payload.name === 'string' && payload.name ? payload.name : String(payload.sub),
    providerId: provider.uuid,
    roles,
    customerId: customer?.uuid ?? null,
  };
}

export const providerClaim = (providerUuid: string) => toGlobalId('Provider', providerUuid);
export const customerClaim = (customerUuid: string) => toGlobalId('Customer', customerUuid);
