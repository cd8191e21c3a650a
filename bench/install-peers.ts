import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The benchmark's peer servers (PostGraphile 5 and its inflection preset) are installed apart
 * from the product, in bench/peers with its own lockfile: they declare Node 22, and the product's
 * own install must print no engine warning on Node 20. Installed here on first use (and again
 * when bench/peers/package-lock.json changes); .ci/run installs them before the suite.
 */
export function ensurePeers(root: string, log: (line: string) => void): void {
  const dir = join(root, 'bench', 'peers');
  const lock = join(dir, 'package-lock.json');
  const installed = join(dir, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing the benchmark peers (PostGraphile 5) into bench/peers: npm ci (once; PostGraphile 5 declares Node 22, the bench polyfills what it needs on Node 20)');
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
}
