import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/common/config';

/**
 * docker/compose.yaml as `docker compose` reads it (Docker does not run here): the file is parsed
 * and its `${...}` references are resolved the way compose resolves them, for an operator who
 * set nothing and for one who set JWT_SECRET.
 */
const root = join(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8')) as {
  services: Record<string, { environment?: Record<string, string | number | boolean> }>;
};
const dockerfile = readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8');

class ComposeError extends Error {}

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, $$. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name, op, arg, bare) => {
    if (whole === '$$') return '$';
    if (bare) return env[bare] ?? '';
    const set = name in env;
    const nonEmpty = set && env[name] !== '';
    switch (op) {
      case undefined:
        return env[name] ?? '';
      case ':-':
        return nonEmpty ? env[name] : arg;
      case '-':
        return set ? env[name] : arg;
      case ':?':
        if (!nonEmpty) throw new ComposeError(`required variable ${name} is missing a value: ${arg}`);
        return env[name];
      case '?':
        if (!set) throw new ComposeError(`required variable ${name} is missing a value: ${arg}`);
        return env[name];
      default: // ':+' and '+'
        return (op === ':+' ? nonEmpty : set) ? arg : '';
    }
  });
}

function apiEnvironment(env: Record<string, string>): Record<string, string> {
  const raw = compose.services.api.environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(String(v), env)]));
}

describe('docker/compose.yaml', () => {
  it('refuses to start without JWT_SECRET, with a message naming it (no fallback secret that signs valid tokens)', () => {
    for (const env of [{}, { JWT_SECRET: '' }] as Record<string, string>[]) {
      expect(() => apiEnvironment(env)).toThrow(ComposeError);
      expect(() => apiEnvironment(env)).toThrow(/JWT_SECRET/);
    }
  });

  it("passes the operator's JWT_SECRET through unchanged, and no service or image carries a secret of its own", () => {
    const secret = 'an-operator-secret-of-at-least-32-characters';
    expect(apiEnvironment({ JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
    for (const [name, service] of Object.entries(compose.services)) {
      if (name !== 'api') expect(Object.keys(service.environment ?? {})).not.toContain('JWT_SECRET');
    }
    expect(dockerfile).not.toMatch(/JWT_SECRET/);
  });

  it('runs the image as production: no demo seed unless SEED_DEMO=true', () => {
    expect(dockerfile).toMatch(/ENV NODE_ENV=production/);
    const secret = 'x'.repeat(32);
    const asStarted = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'production', ...apiEnvironment({ JWT_SECRET: secret, ...env }) });
    expect(asStarted({}).seedDemo).toBe(false);
    expect(asStarted({ SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(asStarted({}).jwt.secret).toBe(secret);
  });
});
