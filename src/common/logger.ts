import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; secrets in headers never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'sla-contracts-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  });
}
