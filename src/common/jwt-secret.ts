import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config } from './config';

export interface JwtSecret {
  secret: string;
  origin: 'environment' | 'data-dir' | 'ephemeral';
}

/**
 * JWT_SECRET when set (required in production). Otherwise, for a bare-machine start, a secret
 * kept beside the embedded database so demo tokens survive a restart, or, with an external
 * database and no data dir, one for this process only.
 */
export function resolveJwtSecret(config: Config): JwtSecret {
  if (config.jwt.secret) return { secret: config.jwt.secret, origin: 'environment' };
  if (config.database.kind === 'embedded' && config.database.dataDir) {
    const file = path.join(config.database.dataDir, 'jwt-secret');
    if (!existsSync(file)) {
      mkdirSync(config.database.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    }
    return { secret: readFileSync(file, 'utf8').trim(), origin: 'data-dir' };
  }
  return { secret: randomBytes(48).toString('base64url'), origin: 'ephemeral' };
}
