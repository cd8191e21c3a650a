import { Role } from '../src/common/roles';
import { type GqlResponse, TestApp } from './support/test-app';

/**
 * What a client sees when something goes wrong: unexpected failures are opaque (a code and a
 * request id, nothing of the server's insides); bad arguments and bad input name their field.
 */

/** The field paths an error names, whether it carries one (`field`) or several (`userErrors`). */
function fieldsNamedBy(errors: GqlResponse['errors']): string[][] {
  return (errors ?? []).flatMap((e) => {
    const ext = (e.extensions ?? {}) as { field?: string[]; userErrors?: { field: string[] }[] };
    return [...(ext.field ? [ext.field] : []), ...(ext.userErrors ?? []).map((u) => u.field)];
  });
}

describe('errors', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  beforeEach(async () => {
    await t.reset();
    admin = await t.token(await t.provider('acme'), [Role.PROVIDER_ADMIN]);
  });

  it('reports an unexpected failure as INTERNAL_SERVER_ERROR with the request id, and nothing of the server inside', async () => {
    await t.ok(`mutation { serviceCreate(input: { code: "MPG", name: "Managed PostgreSQL" }) { userErrors { code } } }`, {}, admin);

    // Pull a table from under the running server, as a broken deployment might.
    await t.app.db.dataSource.query('ALTER TABLE service RENAME TO service_gone');
    let res: GqlResponse;
    try {
      res = await t.gql('{ services { nodes { name } } }', {}, { token: admin, headers: { 'x-request-id': 'req-broken-table-1' } });
    } finally {
      await t.app.db.dataSource.query('ALTER TABLE service_gone RENAME TO service');
    }

    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors ?? [];
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-broken-table-1' });
    expect(error.path).toEqual(['services']);
    expect(error.message).toMatch(/requestId/);

    const json = JSON.stringify(res.errors);
    for (const leak of ['service_gone', 'relation', 'SELECT', 'QueryFailedError', 'stacktrace', 'node_modules']) expect(json).not.toContain(leak);
    expect(json).not.toMatch(/\bat \S+ \(|\bat \/|\.[jt]s:\d+:\d+/); // stack lines: "    at fn (/path/file.ts:12:3)"

    // Once the cause is gone, the same query works again.
    const data = await t.ok<{ services: { nodes: { name: string }[] } }>('{ services { nodes { name } } }', {}, admin);
    expect(data.services.nodes).toEqual([{ name: 'Managed PostgreSQL' }]);
  });

  it('names the argument at fault when a query argument is invalid', async () => {
    const res = await t.gql('{ customers(first: -1) { nodes { name } } }', {}, { token: admin });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsNamedBy(res.errors)).toEqual([['first']]);
    expect(res.errors?.[0].message).toMatch(/first/);
  });

  it('returns invalid mutation input as userErrors with field paths, not as a top-level error', async () => {
    const res = await t.gql(
      `mutation ($input: CustomerCreateInput!) {
        customerCreate(input: $input) { customer { id } userErrors { code field message } }
      }`,
      {
        input: { name: 'Globex', sizeBand: 'LARGE', industry: 'Energy', region: 'EUROPE', tier: 'GOLD', country: 'Germany', timeZone: 'Mars/Olympus_Mons' },
      },
      { token: admin },
    );

    expect(res.errors).toBeUndefined();
    const payload = (res.data as { customerCreate: { customer: unknown; userErrors: { code: string; field: string[]; message: string }[] } }).customerCreate;
    expect(payload.customer).toBeNull();
    expect(payload.userErrors).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_INPUT', field: ['input', 'country'], message: expect.stringMatching(/ISO 3166/) },
        { code: 'INVALID_INPUT', field: ['input', 'timeZone'], message: expect.stringMatching(/time zone/) },
      ]),
    );
    expect(payload.userErrors).toHaveLength(2);

    const after = await t.ok<{ customers: { totalCount: number } }>('{ customers { totalCount } }', {}, admin);
    expect(after.customers.totalCount).toBe(0);
  });
});
