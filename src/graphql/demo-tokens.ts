import { type Config } from '../common/config';
import { CUSTOMER_SIDE_ROLES, Role } from '../common/roles';
import { customerClaim, mintAccessToken, providerClaim } from '../domain/identity/access-token';
import { type DemoDirectoryEntry } from '../domain/demo/demo-seed';

export interface DemoToken {
  provider: string;
  role: Role;
  token: string;
}

const DEMO_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/** A ready token per role for the first demo provider, and an admin token for the others. */
export async function mintDemoTokens(config: Config, secret: string, directory: DemoDirectoryEntry[]): Promise<DemoToken[]> {
  const out: DemoToken[] = [];
  for (const [i, entry] of directory.entries()) {
    const roles = i === 0 ? Object.values(Role) : [Role.PROVIDER_ADMIN];
    for (const role of roles) {
      const customerSide = CUSTOMER_SIDE_ROLES.includes(role);
      if (customerSide && !entry.sampleCustomerId) continue;
      const token = await mintAccessToken(
        { secret, issuer: config.jwt.issuer, audience: config.jwt.audience },
        {
          sub: `demo-${role.toLowerCase().replace(/_/g, '-')}@${entry.slug}`,
          name: `Demo ${role.toLowerCase().replace(/_/g, ' ')} (${entry.name})`,
          provider: providerClaim(entry.providerId),
          roles: [role],
          customer: customerSide && entry.sampleCustomerId ? customerClaim(entry.sampleCustomerId) : undefined,
        },
        DEMO_TOKEN_TTL_SECONDS,
      );
      out.push({ provider: entry.name, role, token });
    }
  }
  return out;
}
