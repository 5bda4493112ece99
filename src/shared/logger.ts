import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Request headers that carry credentials: never logged, at any level. */
export const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'idempotency-key',
] as const;

const REDACTED = '[redacted]';

/** The headers with every credential-bearing one (and anything named like a token or secret) redacted. */
export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const sensitive = new Set<string>(CREDENTIAL_HEADERS);
  return Object.fromEntries(
    [...headers].map(([name, value]) => {
      const lower = name.toLowerCase();
      return [name, sensitive.has(lower) || /token|secret|password|api-?key/.test(lower) ? REDACTED : value];
    }),
  );
}

/**
 * Structured logs: JSON lines for collectors (a file, a pipe, a container's stdout), and the same records
 * pretty-printed when stdout is a terminal, for the person reading them. Secrets are redacted either way.
 */
export function createLogger(
  level: string,
  destination: DestinationStream | undefined = process.stdout.isTTY
    ? pretty({ colorize: true, sync: true })
    : undefined,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'iecm-graph' },
    redact: {
      // Second line of defence for objects logged elsewhere; request headers go through redactHeaders first.
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        ...CREDENTIAL_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
      ],
      censor: REDACTED,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
