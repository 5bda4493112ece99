/**
 * npm run bench:document-commit [-- --parties 50,200 --runs 3]
 * Times commitDocument on a document that states an agreement of that many parties (each a new organization,
 * PARTY_TO the new agreement) against a throwaway local Neo4j (or NEO4J_URI, which is wiped): the partnerships
 * of all pairs are refreshed once per commit, set-based. Then the same agreement committed again by a second
 * document whose proposals are linked with sameAs (every fact corroborated, none duplicated).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { adHoc } from '../src/db/cypher';
import { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { commit } from '../src/features/documents/documents.service';
import type { CommitDocumentInput } from '../src/features/documents/documents.inputs';
import { NodeKind, RelationType } from '../src/model/graph-model';
import { freePort, start, stop } from '../tools/neo4j/local-neo4j';

const { values } = parseArgs({
  options: { parties: { type: 'string' }, runs: { type: 'string' }, heap: { type: 'string' } },
});
const sizes = (values.parties ?? '50,200').split(',').map(Number);
const runs = Number(values.runs ?? 3);

function agreement(parties: number, run: number, linked: boolean): CommitDocumentInput {
  const id = `convenio-${parties}-${run}`;
  const orgs = Array.from({ length: parties }, (_, i) => `org-${parties}-${run}-${String(i).padStart(3, '0')}`);
  const sameAs = (node: string): { sameAs?: string } => (linked ? { sameAs: node } : {});
  return {
    id: `doc-${id}${linked ? '-again' : ''}`,
    title: `Convenio de ${parties} partes`,
    url: `https://bench.example/${id}${linked ? '/again' : ''}`,
    text: `Firmaron un convenio ${parties} organismos.`,
    nodes: [
      { id, kind: NodeKind.AGREEMENT, name: `Convenio ${id}`, sentences: [1], ...sameAs(id) },
      ...orgs.map((org) => ({
        id: org,
        kind: NodeKind.ORGANIZATION,
        name: `Organismo ${org}`,
        sentences: [1],
        ...sameAs(org),
      })),
    ],
    relationships: orgs.map((org) => ({ from: org, type: RelationType.PARTY_TO, to: id, sentences: [1] })),
  };
}

const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;

async function main(): Promise<void> {
  let home: string | undefined;
  let uri = process.env.NEO4J_URI;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-commit-bench-'));
  if (!uri) {
    home = path.join(dir, 'neo4j');
    uri = (await start({ home, boltPort: await freePort(), heap: values.heap ?? '512m', pageCache: '128m' })).uri;
  }
  const db = Database.create({
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: 'neo4j',
    transactionTimeoutMs: 600_000,
  });
  const actor = { name: 'bench', role: 'editor' as const };
  try {
    await db.write((tx) => tx.query(adHoc('MATCH (n) DETACH DELETE n'), {}));
    await migrate(db);
    const rows: Record<string, unknown>[] = [];
    for (const parties of sizes) {
      const first: number[] = [];
      const again: number[] = [];
      for (let run = 0; run < runs; run++) {
        let started = performance.now();
        await commit(db, actor, agreement(parties, run, false));
        first.push(performance.now() - started);
        started = performance.now();
        await commit(db, actor, agreement(parties, run, true));
        again.push(performance.now() - started);
      }
      rows.push({
        parties,
        pairs: (parties * (parties - 1)) / 2,
        commitMsMedian: Math.round(median(first)),
        commitMsRuns: first.map(Math.round),
        corroboratingCommitMsMedian: Math.round(median(again)),
      });
    }
    console.table(rows);
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
