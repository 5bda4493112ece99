import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; pipe through `npx pino-pretty` to read them by eye. Secrets are redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'iecm-graph' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
