import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { databaseUrlFor, workerDatabaseName } from './database';
import { type TestDatabase } from './both-databases';

export const ROOT = resolve(__dirname, '..', '..');
export const PRODUCTION_JWT_SECRET = 'a-production-secret-for-the-process-tests-0123456789';

/** A JSON log line of the server (pino), or a plain line (the banner) as { msg }. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/**
 * The environment that puts a real process on `db`: this worker's PostgreSQL database, or an
 * embedded database in `dataDir` (on disk, as a user's .data would be).
 */
export function databaseEnv(db: TestDatabase, dataDir: string): Record<string, string> {
  if (db.name === 'PostgreSQL') return { DATABASE_URL: databaseUrlFor(workerDatabaseName()) };
  return { DATABASE_URL: '', DATA_DIR: dataDir };
}

/**
 * A real server process, started the way production starts it (`node dist/src/main.js`, built
 * by `npm test`), with its output read line by line. Tests wait for what it logs, never for time.
 */
export class ServerProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    const take = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.lines.push(parseLine(text));
        for (const wake of this.waiters) wake();
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    this.exited = new Promise((done) => child.once('exit', (code, signal) => {
      done({ code, signal });
      for (const wake of this.waiters) wake();
    }));
  }

  static start(env: Record<string, string>, script = join('dist', 'src', 'main.js')): ServerProcess {
    const entry = join(ROOT, script);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm test does)`);
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child);
  }

  /** The first line (already seen or still to come) that matches; fails if the process exits first. */
  async waitFor(what: string, match: (line: LogLine) => boolean): Promise<LogLine> {
    for (;;) {
      const found = this.lines.find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`the process exited (${this.child.exitCode ?? this.child.signalCode}) before logging ${what}:\n${this.output().slice(-4000)}`);
      }
      await new Promise<void>((wake) => {
        const w = () => {
          this.waiters.delete(w);
          wake();
        };
        this.waiters.add(w);
      });
    }
  }

  waitForMessage(text: string | RegExp): Promise<LogLine> {
    return this.waitFor(JSON.stringify(String(text)), (l) => typeof l.msg === 'string' && (typeof text === 'string' ? l.msg.includes(text) : text.test(l.msg)));
  }

  /** Its base URL, once it listens (read from its "listening" log line). */
  async url(): Promise<string> {
    const line = await this.waitForMessage('listening');
    return String(line.url);
  }

  output(): string {
    return this.lines.map((l) => (l.raw as string | undefined) ?? JSON.stringify(l)).join('\n');
  }

  /** Ends the process if a test left it running (a failed test); idempotent. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

function parseLine(text: string): LogLine {
  if (text.startsWith('{')) {
    try {
      return { ...(JSON.parse(text) as LogLine), raw: text };
    } catch {
      // not JSON after all
    }
  }
  return { msg: text, raw: text };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on a connection of its own (no pooled keep-alive socket): a new client arriving. */
export function httpOnNewConnection(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(init.body);
  });
}

/** A command run to its end, as an operator runs it: `node <script> <args>` from the repository root. */
export function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
