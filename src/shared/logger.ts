import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; pipe through `npx pino-pretty` to read them by eye. Secrets are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'iecm-graph' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
