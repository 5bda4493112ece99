/**
 * npm run bench:network [-- --relationships 10000 --runs 5 --seed 1]
 * Times the network metrics (src/features/network/network-analysis.ts) on a generated partnership network of that
 * many relationships, shaped like the real one: grown by preferential attachment (each new node partners two
 * existing ones, likelier the better connected they are), so a few hubs hold many partners, weights 1 to 3.
 * Reports the time to build the graph, rank by degree, compute betweenness (the costly one: O(n·m)) and Louvain.
 * Neo4j is not involved: this times the computation only, not the Cypher read of the subgraph.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { xoroshiro128plus } from 'pure-rand';
import { NetworkAnalysis, NetworkMetric, type WeightedRelationship } from '../src/features/network/network-analysis';

const { values } = parseArgs({
  options: { relationships: { type: 'string' }, runs: { type: 'string' }, seed: { type: 'string' } },
});
const target = Number(values.relationships ?? 10_000);
const runs = Number(values.runs ?? 5);
const seed = Number(values.seed ?? 1);

/** A preferential-attachment network of `size` distinct relationships, the same for a seed. */
function generate(size: number): WeightedRelationship[] {
  const generator = xoroshiro128plus(seed);
  const below = (n: number): number => (generator.unsafeNext() >>> 0) % n;
  const id = (n: number): string => `n${String(n).padStart(6, '0')}`;
  const relationships: WeightedRelationship[] = [];
  const pairs = new Set<string>();
  // Every relationship end once: drawing from it picks a node in proportion to its degree.
  const ends: number[] = [0, 1];
  relationships.push({ source: id(0), target: id(1), weight: 1 });
  pairs.add('0-1');
  for (let node = 2; relationships.length < size; node++) {
    for (let link = 0; link < 2 && relationships.length < size; link++) {
      const other = ends[below(ends.length)] ?? 0;
      const key = `${other}-${node}`;
      if (other === node || pairs.has(key)) continue;
      pairs.add(key);
      relationships.push({ source: id(node), target: id(other), weight: 1 + below(3) });
      ends.push(node, other);
    }
  }
  return relationships;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

const relationships = generate(target);
const phases: Record<string, number[]> = { build: [], degree: [], betweenness: [], louvain: [] };
let summary = '';
for (let run = 0; run < runs; run++) {
  const [analysis, build] = time(() => new NetworkAnalysis([], relationships));
  const [, degree] = time(() => analysis.ranking(NetworkMetric.DEGREE));
  const [top, betweenness] = time(() => analysis.ranking(NetworkMetric.BETWEENNESS));
  const [split, louvain] = time(() => analysis.communities());
  phases.build?.push(build);
  phases.degree?.push(degree);
  phases.betweenness?.push(betweenness);
  phases.louvain?.push(louvain);
  const broker = top[0] ?? '';
  summary =
    `${analysis.nodeCount} nodes, ${analysis.relationshipCount} relationships; top broker ${broker} ` +
    `(degree ${analysis.degree(broker)}, normalized betweenness ${analysis.normalizedBetweenness(broker).toFixed(3)}); ` +
    `${split.communities.length} communities, modularity ${split.modularity?.toFixed(3) ?? 'n/a'}`;
}

console.log(summary);
console.log(`median of ${runs} runs (min-max), ms:`);
for (const [phase, values] of Object.entries(phases)) {
  console.log(
    `  ${phase.padEnd(12)} ${String(round(median(values))).padStart(8)}  (${round(Math.min(...values))}-${round(Math.max(...values))})`,
  );
}
