/**
 * The load step of the scale benchmark, behind one function (`loadGraph`) so the way of loading can change
 * without touching the rest: today the project's importer (`importFiles`, which also rebuilds the partnerships),
 * run as a child process so its memory (the whole dataset, parsed) is returned when it ends.
 *
 * The importer combines its files with `array.push(...items)`, which overflows the call stack for a section of
 * about 120,000 items or more ("Maximum call stack size exceeded" at 1M relationships); the generated graph is
 * therefore written as several files of at most PART_SIZE records each, which the importer loads as one dataset.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { DATASET_FORMAT } from '../../src/features/dataset/dataset-format';
import { PROJECT_ROOT } from '../../src/shared/paths';
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
  /** The loader's own last line of output. */
  report: string;
}

export interface LoadRequest {
  boltUri: string;
  files: string[];
  /** Heap of the loader's Node process (MB): it holds the whole dataset. */
  heapMb?: number;
}

/** Loads `files` into the (empty) database at `boltUri` with the project's importer; rebuilds partnerships. */
export async function loadGraph(request: LoadRequest): Promise<LoadTiming> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${request.heapMb ?? 8192}`,
      path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'import.js'),
      ...request.files,
    ],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: request.boltUri,
        // The importer writes everything in one transaction: far longer than a request's 30 s.
        NEO4J_TX_TIMEOUT_MS: String(4 * 3600 * 1000),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Its output is a progress bar and a closing line: kept for the report and for the error.
  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the import failed (exit ${String(code)}):\n${output.slice(-4000)}`);
  const lines = output.trim().split(/[\r\n]+/);
  return {
    method: 'importFiles (npm run import), one transaction, then rebuildAllPartnerships',
    ms: performance.now() - started,
    partnerships: true,
    report: lines.at(-1) ?? '',
  };
}
