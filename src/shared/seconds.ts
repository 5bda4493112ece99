/** Seconds since `from` (a `performance.now()` reading), to a tenth: how the import reports its steps. */
export const secondsSince = (from: number): number => Math.round((performance.now() - from) / 100) / 10;
