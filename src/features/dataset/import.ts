/**
 * Import of dataset files (JSON in the import format, CSV nodes and edges files): everything is read
 * and validated first, every bad record reported by file and position; then all or nothing is written
 * in one transaction with batched UNWIND statements, with one history record. Importing the same files
 * again changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { recordChange, type Actor } from '../history/history.repository';
import { rebuildAllPartnerships } from '../partners/partnerships';
import { ChangeAction } from '../history/change-action';
import { parseCsv } from './csv-format';
import { DATASET_FORMAT, validateDataset, type Dataset, type ValidationProblem } from './dataset-format';
import { writeDataset, type LoadOptions, type LoadResult } from './dataset.repository';

export interface FileProblem {
  file: string;
  /** "line 7" for CSV, "nodes[5]" for JSON. */
  position: string;
  field: string;
  message: string;
}

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problems: FileProblem[]) {
    super(
      `${problems.length} problem(s); nothing was imported:\n` +
        problems
          .slice(0, 200)
          .map((p) => `  ${p.file} ${p.position}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
          .join('\n') +
        (problems.length > 200 ? `\n  ... and ${problems.length - 200} more` : ''),
    );
  }
}

/** Where each record of the combined dataset came from, to report problems against the files. */
interface Origin {
  file: string;
  /** Maps an index in a section to a position label in its file. */
  position: (index: number) => string;
}

interface Combined {
  dataset: Dataset;
  origins: Record<'sources' | 'nodes' | 'relationships', Origin[]>;
}

function readFiles(files: string[]): { combined: Combined; problems: FileProblem[] } {
  const dataset: Dataset = { format: DATASET_FORMAT, sources: [], nodes: [], relationships: [] };
  const origins: Combined['origins'] = { sources: [], nodes: [], relationships: [] };
  const problems: FileProblem[] = [];
  for (const file of files) {
    const name = path.basename(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file: name, position: '', field: '', message: (error as Error).message });
      continue;
    }
    if (file.toLowerCase().endsWith('.csv')) {
      const { parsed, problems: csvProblems } = parseCsv(text, name);
      problems.push(...csvProblems.map((p) => ({ file: name, position: '', field: '', message: p.message })));
      if (!parsed) continue;
      const origin = { file: name, position: (i: number) => `line ${parsed.lines[i]}` };
      dataset.nodes.push(...parsed.nodes);
      origins.nodes.push(...parsed.nodes.map(() => origin));
      dataset.relationships.push(...parsed.relationships);
      origins.relationships.push(...parsed.relationships.map(() => origin));
      continue;
    }
    let json: Partial<Dataset>;
    try {
      json = JSON.parse(text) as Partial<Dataset>;
    } catch (error) {
      problems.push({ file: name, position: '', field: '', message: `is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    if (json.format !== DATASET_FORMAT) {
      problems.push({ file: name, position: '', field: 'format', message: `must be "${DATASET_FORMAT}"` });
      continue;
    }
    for (const section of ['sources', 'nodes', 'relationships'] as const) {
      const items = Array.isArray(json[section]) ? (json[section] as unknown[]) : [];
      const offset = dataset[section].length;
      (dataset[section] as unknown[]).push(...items);
      origins[section].push(...items.map(() => ({ file: name, position: (i: number) => `${section}[${i - offset}]` })));
    }
  }
  return { combined: { dataset, origins }, problems };
}

/** "nodes[12].kind" of the combined dataset -> the file, position and field it came from. */
function locate(problem: ValidationProblem, origins: Combined['origins']): FileProblem {
  const match = /^(sources|nodes|relationships)\[(\d+)\]\.?(.*)$/.exec(problem.path);
  if (!match) return { file: '(all files)', position: '', field: problem.path, message: problem.message };
  const [, section, index, field] = match;
  const origin = origins[section as keyof Combined['origins']][Number(index)];
  return {
    file: origin?.file ?? '?',
    position: origin?.position(Number(index)) ?? problem.path,
    field: field ?? '',
    message: problem.message,
  };
}

const GRAPH_IDS = cypher<
  { nodeIds: string[]; refs: string[]; defined: string[] },
  { nodes: string[]; statements: string[]; retired: string[]; existing: { id: string; kind: string }[] }
>(
  'import.knownIds',
  `CALL { UNWIND $nodeIds AS id MATCH (n:Entity {id: id}) RETURN collect(n.id) AS nodes }
   CALL { UNWIND $refs AS ref MATCH (s:Statement {id: ref}) RETURN collect(s.id) AS statements }
   CALL { UNWIND $defined AS id MATCH (n:Identity {id: id}) WHERE NOT n:Entity RETURN collect(n.id) AS retired }
   CALL { UNWIND $defined AS id MATCH (n:Entity {id: id}) RETURN collect({id: n.id, kind: n.kind}) AS existing }
   RETURN nodes, statements, retired, existing`,
);

/** Ids and statements the files refer to without defining, that the graph holds (and retired ids it must not reuse). */
async function readGraphIds(db: Database, dataset: Dataset) {
  const defined = new Set([...dataset.sources.map((s) => s.id), ...dataset.nodes.map((n) => n.id)]);
  const referencedNodes = new Set<string>();
  for (const rel of dataset.relationships) {
    for (const id of [rel.from, rel.to]) if (typeof id === 'string' && !defined.has(id)) referencedNodes.add(id);
  }
  const refs = new Set<string>();
  for (const record of [...dataset.nodes, ...dataset.relationships]) {
    for (const ref of Array.isArray(record.sources) ? record.sources : []) if (typeof ref === 'string') refs.add(ref);
  }
  const row = await db.queryOne(GRAPH_IDS, {
    nodeIds: [...referencedNodes],
    refs: [...refs],
    defined: [...defined],
  });
  return {
    nodeIds: new Set(row?.nodes),
    statementIds: new Set(row?.statements),
    retired: new Set(row?.retired),
    existingKinds: new Map((row?.existing ?? []).map((entry) => [entry.id, entry.kind])),
  };
}

export interface ImportOptions extends LoadOptions {
  dryRun?: boolean;
}

export interface ImportReport extends LoadResult {
  dryRun: boolean;
  files: string[];
}

export async function importFiles(
  db: Database,
  actor: Actor,
  files: string[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { combined, problems } = readFiles(files);
  if (problems.length > 0) throw new ImportError(problems);
  const { dataset, origins } = combined;

  const graph = await readGraphIds(db, dataset);
  const { problems: invalid } = validateDataset(dataset, graph);
  const located = invalid.map((problem) => locate(problem, origins));
  // Ids are never reused, and an import does not change what a node is.
  dataset.nodes.forEach((node, i) => {
    const origin = origins.nodes[i]!;
    if (graph.retired.has(node.id)) {
      located.push({
        file: origin.file,
        position: origin.position(i),
        field: 'id',
        message: `"${node.id}" belongs to a deleted or merged node`,
      });
    }
    const kind = graph.existingKinds.get(node.id);
    if (kind && kind !== String(node.kind)) {
      located.push({
        file: origin.file,
        position: origin.position(i),
        field: 'kind',
        message: `"${node.id}" is already a ${kind}`,
      });
    }
  });
  if (located.length > 0) throw new ImportError(located);

  const counts = {
    nodes: dataset.sources.length + dataset.nodes.length,
    statements: dataset.sources.reduce((sum, source) => sum + source.statements.length, 0),
    relationships: dataset.relationships.length,
  };
  if (options.dryRun) return { ...counts, dryRun: true, files };

  const names = files.map((file) => path.basename(file));
  const written = await db.write(async (tx) => {
    const result = await writeDataset(tx, dataset, options);
    await recordChange(tx, actor, ChangeAction.IMPORT, {
      concerns: [...dataset.sources.map((s) => s.id), ...dataset.nodes.map((n) => n.id)].slice(0, 1_000),
      summary: `imported ${names.join(', ')}: ${result.nodes} nodes, ${result.relationships} relationships`,
      before: null,
      after: { files: names, ...result },
    });
    return result;
  });
  // Imports can add agreements, events and parts anywhere: partnerships are recomputed from the facts.
  await rebuildAllPartnerships(db);
  return { ...written, dryRun: false, files };
}
