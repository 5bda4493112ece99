/**
 * The load step of the scale benchmark, behind one function (`loadGraph`) so the way of loading can change
 * without touching the rest: today the import's fast path for an empty database (neo4j-admin), run in this process.
 * The generated graph is written as several dataset files of at most PART_SIZE records each (the importer reads
 * them as one dataset), which keeps each file small enough to open in an editor.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { DATASET_FORMAT } from '../../src/features/dataset/dataset-format';
import { adminImport } from '../../src/cli/admin-import';
import { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { scaleGraph, type ScaleOptions } from './generate';

export const PART_SIZE = 50_000;

export interface WrittenParts {
  files: string[];
  nodes: number;
  relationships: number;
  statements: number;
}

/** Writes the seeded graph as dataset files of at most `partSize` records (sources, nodes or relationships). */
export async function writeDatasetParts(
  dir: string,
  options: ScaleOptions,
  partSize = PART_SIZE,
): Promise<WrittenParts> {
  mkdirSync(dir, { recursive: true });
  const graph = scaleGraph(options);
  const written: WrittenParts = { files: [], nodes: 0, relationships: 0, statements: 0 };
  const sections = [
    ['sources', graph.sources()],
    ['nodes', graph.nodes()],
    ['relationships', graph.relationships()],
  ] as const;
  for (const [section, items] of sections) {
    let out: ReturnType<typeof createWriteStream> | null = null;
    let inPart = 0;
    const close = async (): Promise<void> => {
      if (!out) return;
      out.end(`\n]}\n`);
      await finished(out);
      out = null;
    };
    for (const item of items) {
      if (!out || inPart === partSize) {
        await close();
        const file = path.join(dir, `${String(written.files.length + 1).padStart(3, '0')}-${section}.json`);
        written.files.push(file);
        out = createWriteStream(file);
        out.write(`{"format":${JSON.stringify(DATASET_FORMAT)},"${section}":[\n`);
        inPart = 0;
      }
      if (!out.write(`${inPart === 0 ? '' : ',\n'}${JSON.stringify(item)}`)) await once(out, 'drain');
      inPart += 1;
      if (section === 'sources' && 'statements' in item) written.statements += item.statements.length;
      if (section === 'nodes') written.nodes += 1;
      if (section === 'relationships') written.relationships += 1;
    }
    await close();
  }
  return written;
}

export interface LoadTiming {
  method: string;
  /** Wall time of the whole step (ms). */
  ms: number;
  /** Whether the loader also built the PARTNERS relationships. */
  partnerships: boolean;
  /** The loader's phases, as one line for the report. */
  report: string;
}

export interface LoadRequest {
  /** The home of the running, empty local Neo4j (migrated or not): neo4j-admin replaces its store. */
  home: string;
  /** Its Bolt URI. */
  boltUri: string;
  files: string[];
  /** Starts that Neo4j again (with the settings of the measurements) and answers its Bolt URI. */
  restart: () => Promise<string>;
}

/** A shared, loaded machine makes a batch of the rebuild slow: the load is not stopped at the service's 30 s. */
const SETTINGS = { user: 'neo4j', password: '', database: 'neo4j', transactionTimeoutMs: 600_000 } as const;
const ACTOR = { name: 'bench:scale', role: 'admin' as const };

/**
 * Loads `files` into the empty database with the import's fast path (`npm run import -- --empty-database-fast-path`):
 * the same checks as the online import, neo4j-admin, restart, migrations and the partnerships rebuilt.
 */
export async function loadGraph(request: LoadRequest): Promise<LoadTiming> {
  const started = performance.now();
  const db = Database.create({ ...SETTINGS, uri: request.boltUri });
  await migrate(db);
  const result = await adminImport(db, {
    files: request.files,
    actor: ACTOR,
    home: request.home,
    restart: request.restart,
    settings: SETTINGS,
  });
  await result.db.close();
  const { check, admin, restart, finish } = result.seconds;
  const { relationships } = result.counts;
  return {
    method: 'neo4j-admin fast path (npm run import -- --empty-database-fast-path)',
    ms: performance.now() - started,
    partnerships: true,
    report:
      `${relationships} relationships: check+CSV ${check} s, neo4j-admin ${admin} s ` +
      `(${Math.round(relationships / Math.max(admin, 0.1))}/s), restart ${restart} s, migrations+partnerships ${finish} s`,
  };
}
