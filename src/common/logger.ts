import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout (or stderr, for command-line tools whose stdout is their answer); secrets in headers never reach them. */
export function createLogger(level: string, to: 'stdout' | 'stderr' = 'stdout'): Logger {
  const options = {
    level,
    base: { service: 'sla-contracts-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  };
  return to === 'stdout' ? pino(options) : pino(options, pino.destination({ dest: 2, sync: true }));
}
