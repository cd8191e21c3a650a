// PostGraphile 5 over the benchmark database: the same tables, lists rather than connections,
// plain `id` fields (no Relay node ids), GraphiQL off. Plain CommonJS (PostGraphile's subpath
// exports have no types under this project's module resolution).
// Env: DATABASE_URL, PORT, STATS_PORT, DB_POOL_MAX.
'use strict';

// grafast calls Promise.withResolvers (Node 22); without it every row query fails on Node 20.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const http = require('node:http');
const { createRequire } = require('node:module');
const path = require('node:path');
const pg = require('pg');
// PostGraphile and its inflection preset are the benchmark's own install (bench/peers, which
// npm run bench installs on first use), not the product's: they declare Node 22.
const peers = createRequire(path.join(__dirname, '..', 'peers', 'package.json'));
const { postgraphile } = peers('postgraphile');
const { PostGraphileAmberPreset } = peers('postgraphile/presets/amber');
const { makePgService } = peers('postgraphile/adaptors/pg');
const { grafserv } = peers('postgraphile/grafserv/node');
const { PgSimplifyInflectionPreset } = peers('@graphile/simplify-inflection');

// Every statement sent on any connection of the pool is counted, read at GET /stats on STATS_PORT.
let statements = 0;
// The session settings ours uses (no JIT compilation), so that only the SQL differs.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX || 10), options: '-c jit=off' });
pool.on('connect', (client) => {
  const query = client.query;
  client.query = function countedQuery(...args) {
    statements += 1;
    return query.apply(this, args);
  };
});

// Without Relay node ids, a column called id is exposed as `id` (not `rowId`).
const KeepIdPlugin = {
  name: 'BenchKeepIdPlugin',
  version: '0.0.0',
  inflection: {
    replace: {
      _attributeName(previous, _options, details) {
        return previous({ ...details, skipRowId: true });
      },
    },
  },
};

const preset = {
  extends: [PostGraphileAmberPreset, PgSimplifyInflectionPreset],
  plugins: [KeepIdPlugin],
  // NodePlugin: plain ids. PgIndexBehaviorsPlugin hides relations whose foreign key columns do not
  // lead an index (most of ours are indexed by the child id alone): keep every relation visible.
  disablePlugins: ['NodePlugin', 'PgIndexBehaviorsPlugin'],
  schema: { defaultBehavior: '-connection +list' },
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphiql: false, watch: false },
};

async function main() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  serv.addTo(server);
  await new Promise((resolve) => server.listen(Number(process.env.PORT), '127.0.0.1', resolve));
  const stats = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements }));
  });
  await new Promise((resolve) => stats.listen(Number(process.env.STATS_PORT), '127.0.0.1', resolve));
  if (process.env.PRINT_SCHEMA === 'true') {
    const { printSchema } = peers('postgraphile/graphql');
    console.log(printSchema(await pgl.getSchema()));
  }
  console.log(`postgraphile listening on ${process.env.PORT}`);
  const stop = () => {
    server.close();
    stats.close();
    pgl.release().then(() => pool.end()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
