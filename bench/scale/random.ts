/** Seeded pseudo-random numbers (mulberry32), so the same seed always yields the same graph. */

/** A 32-bit seed for one part of the generation, so each part can be replayed on its own. */
export function seedFor(seed: number, part: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < part.length; i += 1) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). 32-bit integer arithmetic, so every platform gets the same sequence. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An index in [0, n) biased towards 0: a few items are picked very often, most rarely (popularity). */
  skewed(n: number, exponent = 2.5): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** exponent));
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(items.length));
  }
}

/** `items[index]`, which must exist (keeps noUncheckedIndexedAccess honest without casts). */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at ${index} of ${items.length}`);
  return item;
}
