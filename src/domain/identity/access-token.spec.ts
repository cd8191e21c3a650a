import { SignJWT, UnsecuredJWT } from 'jose';
import { UnauthenticatedError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { Role } from '../../common/roles';
import { type AccessTokenClaims, customerClaim, mintAccessToken, providerClaim, type TokenSettings, verifyAccessToken } from './access-token';

const PROVIDER = '3e0c6a8a-52a4-4c8e-9a43-1f2b3c4d5e6f';
const CUSTOMER = '9b1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const settings: TokenSettings = { secret: 's'.repeat(32) };

const staff: AccessTokenClaims = { sub: 'jane@example.com', name: 'Jane Doe', provider: providerClaim(PROVIDER), roles: [Role.ACCOUNT_MANAGER, Role.ANALYST] };
const customerUser: AccessTokenClaims = { sub: 'bob@client.example', provider: providerClaim(PROVIDER), roles: [Role.CUSTOMER_VIEWER], customer: customerClaim(CUSTOMER) };

/** Signs arbitrary claims, as a careless identity provider might. */
const signRaw = (claims: Record<string, unknown>, secret = settings.secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('jane@example.com').setExpirationTime('5m').sign(new TextEncoder().encode(secret));

async function rejection(token: Promise<string>, verifyWith: TokenSettings = settings): Promise<UnauthenticatedError> {
  const error = await verifyAccessToken(verifyWith, await token).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UnauthenticatedError)) throw new Error(`expected UnauthenticatedError, got ${String(error)}`);
  return error;
}

describe('access tokens', () => {
  it('mint and verify into a provider-side Actor', async () => {
    const token = await mintAccessToken(settings, staff, 300);
    await expect(verifyAccessToken(settings, token)).resolves.toEqual({
      kind: 'USER',
      id: 'jane@example.com',
      name: 'Jane Doe',
      providerId: PROVIDER,
      roles: [Role.ACCOUNT_MANAGER, Role.ANALYST],
      customerId: null,
    });
  });

  it('mint and verify into a customer-scoped Actor, named by its subject when it has no name', async () => {
    const token = await mintAccessToken(settings, customerUser, 300);
    await expect(verifyAccessToken(settings, token)).resolves.toMatchObject({
      kind: 'USER',
      name: 'bob@client.example',
      providerId: PROVIDER,
      roles: [Role.CUSTOMER_VIEWER],
      customerId: CUSTOMER,
    });
  });

  it('verify with a configured issuer and audience', async () => {
    const strict = { ...settings, issuer: 'https://id.example.com', audience: 'sla-api' };
    const token = await mintAccessToken(strict, staff, 300);
    await expect(verifyAccessToken(strict, token)).resolves.toMatchObject({ providerId: PROVIDER });
  });

  it('drop unknown roles and keep the known ones', async () => {
    const token = await signRaw({ provider: providerClaim(PROVIDER), roles: ['SUPERUSER', Role.ANALYST] });
    await expect(verifyAccessToken(settings, token)).resolves.toMatchObject({ roles: [Role.ANALYST] });
  });

  it.each<[string, () => Promise<string>, TokenSettings, RegExp]>([
    ['signed with another secret', () => mintAccessToken({ secret: 'o'.repeat(32) }, staff, 300), settings, /not valid/],
    ['that is not a JWT', async () => 'not-a-token', settings, /not valid/],
    ['that has expired', () => mintAccessToken(settings, staff, -60), settings, /expired/],
    ['from another issuer', () => mintAccessToken({ ...settings, issuer: 'https://evil.example' }, staff, 300), { ...settings, issuer: 'https://id.example.com' }, /not valid/],
    ['without an issuer when one is configured', () => mintAccessToken(settings, staff, 300), { ...settings, issuer: 'https://id.example.com' }, /not valid/],
    ['for another audience', () => mintAccessToken({ ...settings, audience: 'other-api' }, staff, 300), { ...settings, audience: 'sla-api' }, /not valid/],
    ['without an expiry', () => new SignJWT({ provider: providerClaim(PROVIDER), roles: [Role.ANALYST] }).setProtectedHeader({ alg: 'HS256' }).setSubject('jane').sign(new TextEncoder().encode(settings.secret)), settings, /not valid/],
    ['without a provider claim', () => signRaw({ roles: [Role.ANALYST] }), settings, /names no provider/],
    ['whose provider is a Customer id', () => signRaw({ provider: customerClaim(PROVIDER), roles: [Role.ANALYST] }), settings, /names no provider/],
    ['whose provider is a raw uuid', () => signRaw({ provider: PROVIDER, roles: [Role.ANALYST] }), settings, /names no provider/],
    ['without roles', () => signRaw({ provider: providerClaim(PROVIDER) }), settings, /grants no role/],
    ['with only unknown roles', () => signRaw({ provider: providerClaim(PROVIDER), roles: ['SUPERUSER', 'admin'] }), settings, /grants no role/],
    ['with roles that are not a list', () => signRaw({ provider: providerClaim(PROVIDER), roles: Role.ANALYST }), settings, /grants no role/],
    ['with a customer role but no customer claim', () => mintAccessToken(settings, { ...customerUser, customer: undefined }, 300), settings, /Customer roles need a customer claim/],
    ['whose customer claim is a Provider id', () => mintAccessToken(settings, { ...customerUser, customer: providerClaim(CUSTOMER) }, 300), settings, /not a Customer id/],
    ['whose customer claim is garbage', () => signRaw({ provider: providerClaim(PROVIDER), roles: [Role.CUSTOMER_VIEWER], customer: 'acme' }), settings, /not a Customer id/],
    ['whose customer claim is not a string', () => signRaw({ provider: providerClaim(PROVIDER), roles: [Role.CUSTOMER_VIEWER], customer: 7 }), settings, /not a Customer id/],
    ['that mixes provider and customer roles with a customer claim', () => mintAccessToken(settings, { ...customerUser, roles: [Role.CUSTOMER_VIEWER, Role.PROVIDER_ADMIN] }, 300), settings, /only customer roles/],
    ['with a customer claim and only provider roles', () => mintAccessToken(settings, { ...staff, customer: customerClaim(CUSTOMER) }, 300), settings, /only customer roles/],
  ])('refuse a token %s', async (_label, token, verifyWith, message) => {
    const error = await rejection(token(), verifyWith);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('refuse an unsigned (alg none) token', async () => {
    const unsigned = new UnsecuredJWT({ provider: providerClaim(PROVIDER), roles: [Role.PROVIDER_ADMIN] }).setSubject('mallory').setExpirationTime('5m').encode();
    expect((await rejection(Promise.resolve(unsigned))).message).toMatch(/not valid/);
  });

  it('providerClaim and customerClaim are the global ids of Provider and Customer', () => {
    expect(providerClaim(PROVIDER)).toBe(toGlobalId('Provider', PROVIDER));
    expect(customerClaim(CUSTOMER)).toBe(toGlobalId('Customer', CUSTOMER));
  });
});
