import type { GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, getOperationAST, type GraphQLSchema, parse } from 'graphql';
import { compiledExecutor } from './compiled-executor';

const schema: GraphQLSchema = buildSchema(`
  enum Mode { FAST SLOW }
  input Inner { mode: Mode! = SLOW, label: String }
  input Options { dryRun: Boolean! = false, limit: Int! = 10, inner: Inner, inners: [Inner!] }
  type Query { hello(name: String = "world"): String!, fails: String, count: Int!, echo(options: Options!): String! }
`);
const root = {
  hello: ({ name }: { name: string }) => `hello ${name}`,
  fails: () => {
    throw new Error('broken');
  },
  count: () => 3,
  echo: ({ options }: { options: unknown }) => JSON.stringify(options),
};
for (const [name, resolve] of Object.entries(root)) {
  const field = schema.getQueryType()!.getFields()[name];
  field.resolve = (_source, args) => (resolve as (a: unknown) => unknown)(args);
}

async function executorOf(maxOperations: number) {
  const gateway = compiledExecutor(schema, { maxOperations });
  const seen: unknown[] = [];
  gateway.onSchemaLoadOrUpdate((s) => seen.push(s.apiSchema));
  const { executor } = await gateway.load({ apollo: {} });
  return { gateway, executor: executor as GatewayExecutor, seen };
}

function request(query: string, operationName: string | null = null, variables: Record<string, unknown> = {}): GatewayGraphQLRequestContext {
  const document = parse(query);
  return {
    request: { query, variables, ...(operationName ? { operationName } : {}) },
    document,
    operation: getOperationAST(document, operationName) ?? undefined,
    operationName: getOperationAST(document, operationName)?.name?.value ?? null,
    queryHash: query,
    context: {},
  } as unknown as GatewayGraphQLRequestContext;
}

describe('compiled executor', () => {
  it('hands Apollo the schema it executes against', async () => {
    const { seen } = await executorOf(10);
    expect(seen).toEqual([schema]);
  });

  it('answers as graphql-js would, with variables and defaults', async () => {
    const { executor } = await executorOf(10);
    expect(await executor(request('{ hello count }'))).toEqual({ data: { hello: 'hello world', count: 3 } });
    expect(await executor(request('query Q($n: String) { hello(name: $n) }', 'Q', { n: 'you' }))).toEqual({ data: { hello: 'hello you' } });
  });

  it('compiles a document once and keeps at most the configured number, least recently used out first', async () => {
    const { gateway, executor } = await executorOf(2);
    await executor(request('{ hello }'));
    const first = gateway.compiled.get('{ hello }\n');
    await executor(request('{ hello }'));
    expect(gateway.compiled.get('{ hello }\n')).toBe(first);
    await executor(request('{ count }'));
    await executor(request('{ hello count }'));
    expect(gateway.compiled.size).toBe(2);
    expect(gateway.compiled.has('{ hello }\n')).toBe(false);
    expect(gateway.compiled.has('{ hello count }\n')).toBe(true);
  });

  it('keeps each operation of a document apart', async () => {
    const { gateway, executor } = await executorOf(10);
    const doc = 'query A { hello } query B { count }';
    expect(await executor(request(doc, 'A'))).toEqual({ data: { hello: 'hello world' } });
    expect(await executor(request(doc, 'B'))).toEqual({ data: { count: 3 } });
    expect(gateway.compiled.size).toBe(2);
  });

  it('reports a resolver failure as a graphql-js error with its path, location, cause and extensions', async () => {
    const { executor } = await executorOf(10);
    const result = await executor(request('{ count fails }'));
    expect(result.data).toEqual({ count: 3, fails: null });
    const [error] = result.errors!;
    expect(error.message).toBe('broken');
    expect(error.path).toEqual(['fails']);
    expect(error.locations).toEqual([{ line: 1, column: 9 }]);
    expect(error.originalError?.message).toBe('broken');
    expect(error.extensions).toEqual({});
  });

  it('takes the default of a non-null input field that a variable leaves out, as graphql-js does', async () => {
    const { executor } = await executorOf(10);
    const query = 'query Q($o: Options!) { echo(options: $o) }';
    const answer = async (o: unknown) => JSON.parse(((await executor(request(query, 'Q', { o }))).data as { echo: string }).echo);
    expect(await answer({})).toEqual({ dryRun: false, limit: 10 });
    expect(await answer({ dryRun: true, inner: { label: 'x' }, inners: [{}, { mode: 'FAST' }] })).toEqual({
      dryRun: true,
      limit: 10,
      inner: { mode: 'SLOW', label: 'x' },
      inners: [{ mode: 'SLOW' }, { mode: 'FAST' }],
    });
    const literal = await executor(request('{ echo(options: { limit: 2 }) }'));
    expect(JSON.parse((literal.data as { echo: string }).echo)).toEqual({ dryRun: false, limit: 2 });
  });

  it('says that the document has no operation of the requested name', async () => {
    const { executor } = await executorOf(10);
    const result = await executor(request('query A { hello }', 'Nope'));
    expect(result.errors?.[0].message).toMatch(/Nope/);
  });
});
