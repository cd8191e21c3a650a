import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/common/config';
import { resolveJwtSecret } from '../src/common/jwt-secret';
import { isRole, type Role } from '../src/common/roles';
import { mintAccessToken } from '../src/domain/identity/access-token';

const USAGE = `Mints an access token signed with JWT_SECRET (or the embedded database's secret in .data/).

  npm run token -- --provider <Provider global id> --role ANALYST [--role ...] [--customer <Customer global id>]
                   [--sub jane@example.com] [--name "Jane Doe"] [--days 1]

  node dist/scripts/mint-token.js --provider ...   (the same, in the Docker image)

Provider and customer ids are the ids the API shows (viewer { provider { id } }, customers { nodes { id } }).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      provider: { type: 'string' },
      role: { type: 'string', multiple: true },
      customer: { type: 'string' },
      sub: { type: 'string', default: 'cli-user' },
      name: { type: 'string' },
      days: { type: 'string', default: '1' },
      help: { type: 'boolean' },
    },
  });
  const roles = values.role ?? [];
  if (values.help || !values.provider || roles.length === 0 || !roles.every(isRole)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  const { secret, origin } = resolveJwtSecret(config);
  if (origin === 'ephemeral') {
    console.error('JWT_SECRET is not set: a token signed now would be accepted by no server. Set JWT_SECRET as the server has it.');
    process.exit(2);
  }
  const token = await mintAccessToken(
    { secret, issuer: config.jwt.issuer, audience: config.jwt.audience },
    { sub: values.sub as string, name: values.name, provider: values.provider, roles: roles as Role[], customer: values.customer },
    Math.round(Number(values.days) * 86400),
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
