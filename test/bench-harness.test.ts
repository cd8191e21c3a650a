import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseDatabaseName, databaseUrlFor } from './support/database';
import { describeOnPostgres } from './support/postgres-only';

/**
 * Keeps `npm run bench` alive: runs the harness (as built by `npm run build`, which `npm test`
 * does first) at a tiny scale for a few seconds, with all three servers, the equality check and
 * W0 + W1. Speed is not asserted: only that it runs, the servers agree, and the report is written.
 */
describeOnPostgres('benchmark harness', () => {
  const root = resolve(__dirname, '..');
  const harness = join(root, 'dist', 'bench', 'run.js');

  it('runs W0 and W1 against our server, PostGraphile and the ceiling, which answer the same', async () => {
    if (!existsSync(harness)) throw new Error(`${harness} is missing: run npm run build first (npm test does)`);
    const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'latest.json');
    // Below the ephemeral range (32768 and up), where the suite's own servers (port 0) and outgoing connections live.
    const portBase = 20_000 + Math.floor(Math.random() * 12_000);
    const args = [
      harness,
      ...['--scale', '0.0005', '--duration', '1', '--rounds', '1', '--warmup', '0', '--connections', '4', '--workloads', 'W0,W1'],
      ...['--database-url', databaseUrlFor(`${baseDatabaseName()}_bench`), '--port-base', String(portBase), '--out', out],
    ];
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      // The timeout only ends a harness that hangs, before jest's testTimeout would leave it running.
      execFile(process.execPath, args, { cwd: root, timeout: 240_000 }, (error, so, se) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: so, stderr: se }));
    });
    if (code !== 0) throw new Error(`harness failed (${code}):\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`);
    expect(stdout).toContain('| W1/100');

    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.results.map((r: any) => r.name)).toEqual(['W0', 'W1/10', 'W1/50', 'W1/100']);
    for (const r of report.results) {
      const hashes = ['ours', 'postgraphile', 'ceiling'].map((s) => r.servers[s]?.hash);
      expect(hashes.every((h) => typeof h === 'string')).toBe(true);
      expect(new Set(hashes).size).toBe(1);
      for (const s of ['ours', 'postgraphile', 'ceiling']) {
        expect(r.servers[s].requests).toBeGreaterThan(0);
        expect(r.servers[s].statementsPerRequest).toBeGreaterThan(0);
      }
    }
    // Our statement count does not grow with the page size.
    const ours = report.results.filter((r: any) => r.name.startsWith('W1/')).map((r: any) => r.servers.ours.statementsPerRequest);
    expect(new Set(ours).size).toBe(1);
  });
});
