/** Checked command-line options: a bad value is a usage error (exit code 2) that says what is expected. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--name` as a whole number from `min` to `max`; `fallback` when it is not given. */
export function integerOption(
  name: string,
  value: string | undefined,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}

/** What `--help` prints: the command, its options, its exit codes and an example. */
export interface CliHelp {
  usage: string;
  description: string;
  options?: Record<string, string>;
  /** Codes beyond 0 (done), 1 (failed) and 2 (usage error), which every tool shares. */
  exitCodes?: Record<number, string>;
  example: string;
}

export function formatHelp({ usage, description, options = {}, exitCodes = {}, example }: CliHelp): string {
  const table = (rows: [string, string][]) => {
    const width = Math.max(...rows.map(([left]) => left.length));
    return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
  };
  const codes: [string, string][] = Object.entries({
    0: 'done',
    1: 'failed (the message says why; configuration, Neo4j or data)',
    2: 'usage error (unknown or invalid option)',
    ...exitCodes,
  });
  const optionRows: [string, string][] = [...Object.entries(options), ['--help, -h', 'print this help and exit']];
  return [
    `usage: ${usage}`,
    '',
    description,
    '',
    'options:',
    table(optionRows),
    '',
    'exit codes:',
    table(codes),
    '',
    'example:',
    `  ${example}`,
    '',
    'Configuration comes from the environment and .env (NEO4J_URI, NEO4J_LOCAL_BOLT_PORT, LOG_LEVEL...).',
  ].join('\n');
}

/** Prints the help and exits when the arguments ask for it; checked before parsing, so it always works. */
export function answerHelp(help: CliHelp, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.includes('--help') && !argv.includes('-h')) return;
  console.log(formatHelp(help));
  process.exit(0);
}
