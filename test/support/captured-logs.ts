import pino from 'pino';
import { type Logger } from '../../src/common/logger';

/** One log line as the server wrote it (pino's JSON). */
export type LogEntry = { level: number; msg?: string; requestId?: string; req?: { id?: string } } & Record<string, unknown>;

/** pino's level numbers. */
export const LOG_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A logger for TestApp.start({ logger }) that keeps every line, so a test can say how a request was logged. */
export class CapturedLogs {
  readonly entries: LogEntry[] = [];
  readonly logger: Logger = pino({ level: 'debug' }, { write: (line: string) => void this.entries.push(JSON.parse(line) as LogEntry) });

  /** The lines about one request (the app's own, with `requestId`, and the access log's, with `req.id`). */
  of(requestId: string): LogEntry[] {
    return this.entries.filter((e) => e.requestId === requestId || e.req?.id === requestId);
  }

  /** The highest level logged for one request; fails the test if nothing was logged for it. */
  highestLevelOf(requestId: string): number {
    const lines = this.of(requestId);
    if (lines.length === 0) throw new Error(`Nothing was logged for request ${requestId}.`);
    return Math.max(...lines.map((e) => e.level));
  }
}
