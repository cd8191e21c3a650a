// Builds the server into dist/ (tsc -p tsconfig.build.json). Plain JavaScript: it runs before
// anything is compiled, and in the Docker image, which has dist/ but no TypeScript.
//
//   node scripts/build.js             build now
//   node scripts/build.js --if-stale  build only when a source changed since the last build (or there
//                                     is none): what npm start, npm run token and the migration
//                                     commands do first, and npm install (prepare) once
//
// "Changed" means a file or folder of the sources (src, migrations, scripts, bench, ormconfig.ts,
// the tsconfig files, package-lock.json) is newer than dist/.build-stamp, which a build writes
// when it succeeds. Without TypeScript (a production install, npm ci --omit=dev) nothing is built.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const SOURCES = ['src', 'migrations', 'scripts', 'bench', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest file or folder under `p` (a folder's time changes when an entry is added, removed or renamed). */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return { time: 0, file: null };
  }
  let best = { time: stat.mtimeMs, file: p };
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p)) {
      if (entry === 'node_modules' || entry === 'results') continue;
      const inner = newest(path.join(p, entry));
      if (inner.time > best.time) best = inner;
    }
  }
  return best;
}

function typescript() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    return null;
  }
}

function staleness() {
  if (!fs.existsSync(path.join(dist, 'src', 'main.js')) || !fs.existsSync(stamp)) return 'no build yet';
  const built = fs.statSync(stamp).mtimeMs;
  for (const source of SOURCES) {
    const n = newest(path.join(root, source));
    if (n.time > built) return `${path.relative(root, n.file)} changed`;
  }
  return null;
}

function main() {
  const ifStale = process.argv.includes('--if-stale');
  const reason = ifStale ? staleness() : 'asked for';
  if (!reason) return 0;
  const tsc = typescript();
  if (!tsc || !fs.existsSync(path.join(root, 'src'))) {
    if (fs.existsSync(path.join(dist, 'src', 'main.js'))) return 0; // an image or production install: dist/ is what there is
    if (ifStale && !fs.existsSync(path.join(root, 'src'))) return 0; // npm ci before the sources are copied (Docker build stage)
    console.error('dist/ is missing and TypeScript is not installed: run npm install (with dev dependencies) to build the server.');
    return 1;
  }
  const started = Date.now();
  console.error(`Building the server (${reason}) ...`);
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  // Migrated embedded databases (empty, then with the demo seeded from it), so that a new one
  // starts in about 2 s instead of running initdb, and the first `npm start` without the seed.
  for (const kind of ['empty', 'demo']) {
    const template = spawnSync(process.execPath, [path.join(dist, 'scripts', 'embedded-template.js'), kind], { cwd: root, stdio: 'inherit' });
    if (template.status !== 0) return template.status ?? 1;
  }
  fs.writeFileSync(stamp, `built ${new Date(started).toISOString()}\n`);
  // The stamp's time is the build's start, so that an edit made while it ran counts as a change.
  fs.utimesSync(stamp, new Date(started), new Date(started));
  console.error(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

process.exitCode = main();
