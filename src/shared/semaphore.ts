/** At most `limit` holders at once; the others wait in arrival order. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Holders now, and callers waiting for a place. */
  get load(): { held: number; waiting: number } {
    return { held: this.held, waiting: this.waiting.length };
  }

  /** Waits for a place; resolves to the function that frees it (calling it twice frees it once). */
  async acquire(): Promise<() => void> {
    if (this.held < this.limit) this.held += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The place passes straight to the next in line: `held` stays the same.
      if (next) next();
      else this.held -= 1;
    };
  }
}
