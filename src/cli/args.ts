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
