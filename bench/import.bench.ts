/**
 * npm run bench:import [-- --relationships 100000 --nodes 20000 --heap 1g]
 * Generates a dataset file with that many relationships, imports it into a throwaway local Neo4j (or
 * NEO4J_URI, which is wiped) through the same code as `npm run import`, and prints the rate; then imports
 * it again to show that a re-import changes nothing.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adHoc } from '../src/db/cypher';
import { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import type { Dataset } from '../src/features/dataset/dataset-format';
import { readGraphCounts } from '../src/features/dataset/dataset.repository';
import { importFiles } from '../src/features/dataset/import';
import { NodeKind, RelationType } from '../src/model/graph-model';
import { freePort, start, stop } from '../tools/neo4j/local-neo4j';

const { values } = parseArgs({
  options: { relationships: { type: 'string' }, nodes: { type: 'string' }, heap: { type: 'string' } },
});
const relationshipCount = Number(values.relationships ?? 100_000);
const nodeCount = Number(values.nodes ?? 20_000);

/** Deterministic pseudo-random numbers, so every run imports the same file. */
function* random(seed: number): Generator<number> {
  // mulberry32: 32-bit integer arithmetic, so no precision is lost as with plain floats.
  let state = seed >>> 0;
  for (;;) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    yield ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
}

function generate(): Dataset {
  const doc = 'bench-document';
  const statements = Array.from({ length: 100 }, (_, n) => ({ n, text: `Sentence ${n} of the generated document.` }));
  const kinds = [NodeKind.ORGANIZATION, NodeKind.UNIVERSITY, NodeKind.AGREEMENT, NodeKind.EVENT, NodeKind.CITY];
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `node-${i}`,
    kind: kinds[i % kinds.length]!,
    name: `Generated node ${i}`,
    aliases: [`N${i}`],
    sources: [`${doc}#${i % 100}`],
  }));
  const types = [
    RelationType.PARTY_TO,
    RelationType.PART_OF,
    RelationType.LOCATED_IN,
    RelationType.ORGANIZED,
    RelationType.HELD_AT,
  ];
  const rng = random(42);
  const seen = new Set<string>();
  const relationships = [];
  while (relationships.length < relationshipCount) {
    const from = Math.floor(rng.next().value * nodeCount);
    const to = Math.floor(rng.next().value * nodeCount);
    const type = types[Math.floor(rng.next().value * types.length)]!;
    const key = `${from}:${type}:${to}`;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    relationships.push({
      from: `node-${from}`,
      type,
      to: `node-${to}`,
      sources: [`${doc}#${relationships.length % 100}`],
      periodStart: '2023-09',
      periodEnd: '2024-09',
    });
  }
  return {
    format: 'iecm-graph/1',
    sources: [{ id: doc, title: 'Generated', url: 'https://example.org/generated', publishedOn: '2025', statements }],
    nodes,
    relationships,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-import-bench-'));
  const file = path.join(dir, 'generated.json');
  writeFileSync(file, JSON.stringify(generate()));
  console.log(
    `generated ${nodeCount} nodes and ${relationshipCount} relationships: ${(statSync(file).size / 1e6).toFixed(1)} MB`,
  );

  let home: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    home = path.join(dir, 'neo4j');
    uri = (await start({ home, boltPort: await freePort(), heap: values.heap ?? '1g', pageCache: '256m' })).uri;
  }
  const db = Database.create({
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: 'neo4j',
  });
  try {
    await db.write((tx) => tx.query(adHoc('MATCH (n) DETACH DELETE n'), {}));
    await migrate(db);
    const actor = { name: 'bench', role: 'admin' as const };

    const first = performance.now();
    const report = await importFiles(db, actor, [file]);
    const firstSeconds = (performance.now() - first) / 1000;
    const counts = await readGraphCounts(db);

    const second = performance.now();
    await importFiles(db, actor, [file]);
    const secondSeconds = (performance.now() - second) / 1000;
    const again = await readGraphCounts(db);

    const result = {
      relationships: report.relationships,
      nodes: report.nodes,
      firstImportSeconds: Math.round(firstSeconds * 10) / 10,
      relationshipsPerSecond: Math.round(report.relationships / firstSeconds),
      reimportSeconds: Math.round(secondSeconds * 10) / 10,
      reimportChangedCounts: JSON.stringify(again) !== JSON.stringify(counts),
      graph: { nodes: counts.nodes, relationships: counts.relationships },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await db.close();
    if (home) await stop(home);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
