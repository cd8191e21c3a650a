import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeOnBothDatabases } from './support/both-databases';
import { databaseEnv, httpOnNewConnection, PRODUCTION_JWT_SECRET, runNode, ServerProcess } from './support/server-process';

/**
 * An operator's first steps on a production database, without the demo seed, with the commands
 * as the Docker image has them (compiled, run with plain node): migrations, a provider and its
 * first admin, another token; then the admin's token against the server.
 */
describeOnBothDatabases('provider and first admin from the command line (node dist/scripts/provider-create.js)', (db) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-provider-create-'));
  let server: ServerProcess | undefined;
  afterEach(() => server?.kill());
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = () => ({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_JWT_SECRET, ...databaseEnv(db, dataDir) });
  const gql = async (url: string, token: string, query: string, variables: Record<string, unknown> = {}) => {
    const res = await httpOnNewConnection(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...(JSON.parse(res.body) as { data?: any; errors?: any[] }) };
  };

  it('creates the provider and prints its id and a PROVIDER_ADMIN token that the server accepts; a taken slug is refused; bad options are named', async () => {
    const slug = `acme-${randomBytes(4).toString('hex')}`;
    const create = (args: string[]) => runNode('dist/scripts/provider-create.js', args, env());

    // Bad options: every one named, nothing created.
    const bad = await create(['--slug', 'Not A Slug', '--name', 'Acme', '--time-zone', 'Mars/Olympus', '--admin', 'jane@acme.example']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--slug: slug must be/);
    expect(bad.stderr).toMatch(/--time-zone: timeZone must be an IANA time zone/);
    expect(bad.stderr).not.toMatch(/--name|--admin/);

    const made = await create(['--slug', slug, '--name', 'Acme Cloud', '--time-zone', 'Europe/Berlin', '--admin', 'jane@acme.example', '--admin-name', 'Jane Doe', '--json']);
    expect(made.code).toBe(0);
    const out = JSON.parse(made.stdout) as { provider: { id: string; slug: string; name: string; timeZone: string }; admin: { sub: string; token: string; expiresAt: string } };
    expect(out.provider).toEqual({ id: expect.any(String), slug, name: 'Acme Cloud', timeZone: 'Europe/Berlin' });
    expect(out.admin.sub).toBe('jane@acme.example');
    expect(new Date(out.admin.expiresAt).getTime()).toBeGreaterThan(Date.now());

    // The same slug again: refused with the existing provider named, nothing changed.
    const again = await create(['--slug', slug, '--name', 'Someone Else', '--time-zone', 'UTC', '--admin', 'eve@example.com']);
    expect(again.code).toBe(3);
    expect(again.stderr).toContain(`--slug: A provider with the slug "${slug}" exists already (Acme Cloud, id ${out.provider.id}); nothing was changed.`);
    expect(again.stdout).toBe('');

    // Another token for the same provider, minted with the compiled script too.
    const minted = await runNode('dist/scripts/mint-token.js', ['--provider', out.provider.id, '--role', 'ANALYST', '--sub', 'ann@acme.example'], env());
    expect(minted.code).toBe(0);
    const analystToken = minted.stdout.trim();

    // Migrations from the compiled DataSource (the TypeORM CLI the image has): all applied, none pending.
    const shown = await runNode('node_modules/typeorm/cli.js', ['migration:show', '-d', 'dist/ormconfig.js'], { ...env(), LOG_LEVEL: 'info' });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/\[X\] \d+ Foundation1764000000000/);
    expect(shown.stdout).not.toMatch(/\[ \]/);

    server = ServerProcess.start(env());
    const url = await server.url();
    const viewer = await gql(url, out.admin.token, '{ viewer { kind subject name roles provider { id name timeZone } } }');
    expect(viewer).toEqual({
      status: 200,
      data: { viewer: { kind: 'USER', subject: 'jane@acme.example', name: 'Jane Doe', roles: ['PROVIDER_ADMIN'], provider: { id: out.provider.id, name: 'Acme Cloud', timeZone: 'Europe/Berlin' } } },
    });
    // The admin can do what only a PROVIDER_ADMIN may: create the partner integration's API key.
    const key = await gql(url, out.admin.token, 'mutation { apiKeyCreate(input: { name: "Monitoring", roles: [INTEGRATION] }) { apiKey { roles } secret userErrors { code } } }');
    expect(key.data.apiKeyCreate).toMatchObject({ apiKey: { roles: ['INTEGRATION'] }, secret: expect.stringMatching(/^slak_/), userErrors: [] });
    const analyst = await gql(url, analystToken, '{ viewer { roles provider { id } } }');
    expect(analyst.data.viewer).toEqual({ roles: ['ANALYST'], provider: { id: out.provider.id } });
    // No demo data was seeded in production.
    expect(server.lines.some((l) => l.msg === 'demo data seeded')).toBe(false);
  }, 240_000);
});
