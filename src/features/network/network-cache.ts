/**
 * Network analyses kept between requests: the same subgraph asked again (by aliases of one request, by many
 * clients, by the explorer on every visit) is read and computed once, betweenness included, until the next write.
 * Writes made by this process change `Database.writeGeneration`; writes of other processes (imports from the
 * command line) are picked up after TTL_MS.
 */
import type { NetworkAnalysis } from './network-analysis';

const TTL_MS = 60_000;
/** Networks kept at once; each holds a graph of up to METRICS_MAX_RELATIONSHIPS. */
const MAX_ENTRIES = 16;

interface Entry {
  generation: number;
  at: number;
  analysis: Promise<NetworkAnalysis | null>;
}

export class NetworkCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of `key` at this write generation, built (once, however many ask at the same time) by `build`. */
  get(key: string, generation: number, build: () => Promise<NetworkAnalysis | null>): Promise<NetworkAnalysis | null> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation && now - hit.at < TTL_MS) return hit.analysis;
    const analysis = build();
    this.entries.delete(key);
    this.entries.set(key, { generation, at: now, analysis });
    // A failed read is not remembered: the next request tries again.
    analysis.catch(() => {
      if (this.entries.get(key)?.analysis === analysis) this.entries.delete(key);
    });
    // Oldest first in a Map: drop the oldest beyond the bound.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(oldest);
    }
    return analysis;
  }
}
