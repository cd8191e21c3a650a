import { ConfigError, loadConfig } from './config';

const SECRET = 'x'.repeat(32);

/** The ConfigError loadConfig throws for `env`; fails the test when it throws nothing. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('runs on the embedded database in .data on port 4000, seeding and migrating, when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      logLevel: 'info',
      database: { kind: 'embedded', dataDir: '.data' },
      seedDemo: true,
      migrationsRun: true,
      exposeSqlStats: false,
      jwt: { secret: undefined, issuer: undefined, audience: undefined },
    });
  });

  it('selects PostgreSQL when DATABASE_URL is set, with pool size and timeouts from DB_* variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:pw@db:5432/sla',
      DB_POOL_MAX: '25',
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '60000',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app:pw@db:5432/sla',
      poolMax: 25,
      connectTimeoutMs: 2000,
      statementTimeoutMs: 60000,
      idleInTransactionTimeoutMs: 9000,
    });
  });

  it('uses the default pool size and timeouts when only DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/sla' }).database).toEqual({
      kind: 'postgres',
      url: 'postgresql://db/sla',
      poolMax: 10,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 15000,
      idleInTransactionTimeoutMs: 30000,
    });
  });

  it('keeps the embedded database in memory when DATA_DIR is :memory:', () => {
    expect(loadConfig({ DATA_DIR: ':memory:' }).database).toEqual({ kind: 'embedded', dataDir: null });
  });

  it('reads switches, port and JWT settings', () => {
    const config = loadConfig({ PORT: '8080', SEED_DEMO: 'no', MIGRATIONS_RUN: '0', JWT_SECRET: SECRET, JWT_ISSUER: ' https://id.example.com ' });
    expect(config).toMatchObject({ port: 8080, seedDemo: false, migrationsRun: false, jwt: { secret: SECRET, issuer: 'https://id.example.com' } });
  });

  it('treats an empty number variable as unset, not as 0', () => {
    const config = loadConfig({ PORT: '', SHUTDOWN_TIMEOUT_MS: ' ', DATABASE_URL: 'postgres://db/sla', DB_POOL_MAX: '' });
    expect(config.port).toBe(4000);
    expect(config.shutdownTimeoutMs).toBe(10000);
    expect(config.database).toMatchObject({ poolMax: 10 });
  });

  it.each([
    ['PORT', 'abc', 'must be a whole number'],
    ['PORT', '70000', 'must be at most 65535'],
    ['PORT', '80.5', 'must be a whole number'],
    ['DATABASE_URL', 'mysql://x', 'must be a postgres:// or postgresql:// URL'],
    ['LOG_LEVEL', 'loud', 'expected one of'],
    ['SEED_DEMO', 'maybe', 'must be true or false'],
    ['JWT_SECRET', 'too-short', 'must be at least 32 characters'],
    ['GRAPHQL_MAX_DEPTH', '1', 'must be at least 2'],
    ['DB_POOL_MAX', '0', 'must be at least 1'],
    ['PUBLIC_URL', 'not a url', 'must be a URL'],
  ])('refuses %s=%s with a ConfigError naming the variable', (name, value, message) => {
    const error = configError({ [name]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(error.problems[0]).toContain(message);
    expect(error.message).toContain(name);
  });

  it('requires JWT_SECRET in production', () => {
    const error = configError({ NODE_ENV: 'production' });
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET: is required when NODE_ENV=production/)]);
  });

  it.each([
    // NODE_ENV, SEED_DEMO, seeded?
    [undefined, undefined, true],
    ['development', undefined, true],
    ['test', undefined, true],
    ['production', undefined, false], // a production database gets no demo unless asked for
    ['production', '', false], // SEED_DEMO= in an env file is "not set"
    ['production', 'true', true],
    ['production', 'false', false],
    ['development', 'false', false],
  ])('with NODE_ENV=%s and SEED_DEMO=%s the demo seed is on: %s', (nodeEnv, seed, expected) => {
    const env: Record<string, string> = { JWT_SECRET: SECRET };
    if (nodeEnv !== undefined) env.NODE_ENV = nodeEnv;
    if (seed !== undefined) env.SEED_DEMO = seed;
    expect(loadConfig(env).seedDemo).toBe(expected);
  });

  it('starts in production once JWT_SECRET is set', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }).nodeEnv).toBe('production');
  });

  it('reports every bad variable at once', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'SEED_DEMO']);
    expect(error.message).toMatch(/PORT[\s\S]*LOG_LEVEL[\s\S]*SEED_DEMO/);
  });

  it('limits each caller by default, and reads the budgets, the window and the client settings', () => {
    expect(loadConfig({}).rateLimit).toEqual({ enabled: true, windowSeconds: 60, userPoints: 100_000, apiKeyPoints: 100_000, anonymousPoints: 5_000 });
    expect(loadConfig({}).graphql).toMatchObject({ apqCacheBytes: 8 * 1_048_576, trustedDocuments: null });
    expect(loadConfig({}).webhookLegacySignature).toBe(true);
    const config = loadConfig({
      RATE_LIMIT_ENABLED: 'false',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      RATE_LIMIT_USER_POINTS: '5000',
      RATE_LIMIT_API_KEY_POINTS: '20000',
      RATE_LIMIT_ANONYMOUS_POINTS: '100',
      GRAPHQL_APQ_CACHE_BYTES: '0',
      GRAPHQL_TRUSTED_DOCUMENTS: 'dist/persisted-documents.json',
      GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES: 'ANALYST, PROVIDER_ADMIN',
      WEBHOOK_LEGACY_SIGNATURE: 'false',
    });
    expect(config.rateLimit).toEqual({ enabled: false, windowSeconds: 3600, userPoints: 5000, apiKeyPoints: 20000, anonymousPoints: 100 });
    expect(config.graphql).toMatchObject({ apqCacheBytes: 0, trustedDocuments: { file: 'dist/persisted-documents.json', bypassRoles: ['ANALYST', 'PROVIDER_ADMIN'] } });
    expect(config.webhookLegacySignature).toBe(false);
  });

  it('names a bad rate limit or trusted-documents setting', () => {
    const error = configError({ RATE_LIMIT_USER_POINTS: '0', RATE_LIMIT_WINDOW_SECONDS: 'soon', GRAPHQL_TRUSTED_DOCUMENTS: 'm.json', GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES: 'ANALYST,ROOT' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['GRAPHQL_TRUSTED_DOCUMENTS_BYPASS_ROLES.1', 'RATE_LIMIT_USER_POINTS', 'RATE_LIMIT_WINDOW_SECONDS']);
  });
});
