/**
 * Scoring of the document analysis against the labelled set in tests/fixtures/analysis (see its README for
 * the protocol and the matching rules).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentAnalysis, KnownEntity } from '../../src/features/documents/analysis';
import { validateDataset, type Dataset } from '../../src/features/dataset/dataset-format';
import { seedFiles } from '../../src/features/dataset/seed';
import type { NodeKind } from '../../src/model/graph-model';
import { normalizeText } from '../../src/shared/text';

export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'analysis');

/** The labelled documents, in date order. */
export const DOCUMENT_IDS = [
  'nota-iecm-alianzas-2024-09-25',
  'cronica-2025-iecm-125-convenios',
  'cronica-2025-12-09-iecm-instala-covin',
] as const;

export interface LabelledCandidate {
  name: string;
  kind: NodeKind;
  aliases?: string[];
}

export interface LabelledSentence {
  index: number;
  text: string;
  mentions: { text: string; nodeId: string }[];
  candidates: LabelledCandidate[];
  /** Ends are node ids of the known set, else names of candidates or of events. */
  relations: { type: string; source: string; target: string }[];
  quantities: { value: number; about: string | null }[];
}

export interface LabelledDocument {
  documentId: string;
  /** Documents whose nodes the graph holds when this one is analysed. */
  knownBefore: string[];
  /** The article body, for documents not yet in the seed. */
  text?: string;
  sentences: LabelledSentence[];
  /** Nodes this document adds, for documents not yet in the seed. */
  newNodes?: KnownEntity[];
}

export function readLabelledDocument(documentId: string): LabelledDocument {
  const parsed: LabelledDocument = JSON.parse(readFileSync(path.join(FIXTURE_DIR, `${documentId}.json`), 'utf8'));
  if (!Array.isArray(parsed.sentences)) throw new Error(`${documentId}: no sentences`);
  return parsed;
}

/** The graph before `documentId`: seed nodes citing an earlier document, plus the nodes earlier fixtures add. */
/** Every seed file (dataset JSON), validated as `npm start` validates them; read at once for synchronous callers. */
function seedDatasets(): Dataset[] {
  return seedFiles().map((file) => {
    const { dataset, problems } = validateDataset(JSON.parse(readFileSync(file, 'utf8')));
    if (!dataset) throw new Error(`${file}: ${JSON.stringify(problems)}`);
    return dataset;
  });
}

/** The sentences of a document as the seed stores them (its statements in order), never from ../shared. */
export function seedSentences(documentId: string): string[] {
  const source = seedDatasets()
    .flatMap((dataset) => dataset.sources)
    .find((candidate) => candidate.id === documentId);
  if (!source) throw new Error(`${documentId} is not in the seed`);
  return [...source.statements].sort((a, b) => a.n - b.n).map((statement) => statement.text);
}

/** The graph before `documentId`: the seed's nodes that cite an earlier document. */
export function knownBefore(documentId: string): KnownEntity[] {
  const earlier = readLabelledDocument(documentId).knownBefore;
  const cites = (ref: string): boolean => earlier.some((doc) => ref.startsWith(`${doc}#`));
  const known = new Map<string, KnownEntity>();
  for (const node of seedDatasets().flatMap((dataset) => dataset.nodes)) {
    if (known.has(node.id) || !node.sources.some(cites)) continue;
    known.set(node.id, { id: node.id, kind: node.kind, name: node.name, aliases: node.aliases ?? [] });
  }
  return [...known.values()];
}

export interface Score {
  expected: number;
  proposed: number;
  matched: number;
}

export type Category = 'mentions' | 'candidates' | 'relations' | 'quantities';
export const CATEGORIES: readonly Category[] = ['mentions', 'candidates', 'relations', 'quantities'];

export const precision = (s: Score): number => (s.proposed === 0 ? 1 : s.matched / s.proposed);
export const recall = (s: Score): number => (s.expected === 0 ? 1 : s.matched / s.expected);

/** Pairs each expected item with at most one proposed item; returns how many paired. */
function pair<E, P>(expected: readonly E[], proposed: readonly P[], same: (e: E, p: P) => boolean): number {
  const free = [...proposed];
  let matched = 0;
  for (const item of expected) {
    const at = free.findIndex((candidate) => same(item, candidate));
    if (at < 0) continue;
    free.splice(at, 1);
    matched++;
  }
  return matched;
}

const firstWord = (about: string | null): string | null =>
  about === null ? null : (normalizeText(about).split(' ')[0] ?? '');

/** One score per category for one document; `misses` collects what was not paired, for reading failures. */
export function scoreDocument(
  labelled: LabelledDocument,
  analysis: DocumentAnalysis,
  knownIds: ReadonlySet<string>,
  misses: string[] = [],
): Record<Category, Score> {
  // Names that label the same new entity: a candidate's name and its aliases.
  const sameEntity = new Map<string, string>();
  for (const sentence of labelled.sentences)
    for (const candidate of sentence.candidates)
      for (const name of [candidate.name, ...(candidate.aliases ?? [])])
        sameEntity.set(normalizeText(name), normalizeText(candidate.name));
  const entityOf = (name: string): string => sameEntity.get(normalizeText(name)) ?? normalizeText(name);
  const endMatches = (expected: string, ref: { nodeId: string | null; name: string }): boolean =>
    knownIds.has(expected) ? ref.nodeId === expected : ref.nodeId === null && entityOf(ref.name) === entityOf(expected);

  const zero = (): Score => ({ expected: 0, proposed: 0, matched: 0 });
  const total: Record<Category, Score> = {
    mentions: zero(),
    candidates: zero(),
    relations: zero(),
    quantities: zero(),
  };
  labelled.sentences.forEach((expected, k) => {
    const got = analysis.sentences[k];
    if (!got) return;
    const add = (category: Category, e: number, p: number, m: number): void => {
      total[category].expected += e;
      total[category].proposed += p;
      total[category].matched += m;
      if (m < e || m < p)
        misses.push(`${labelled.documentId}#${k} ${category}: expected ${e}, proposed ${p}, matched ${m}`);
    };
    add(
      'mentions',
      expected.mentions.length,
      got.mentions.length,
      pair(
        expected.mentions,
        got.mentions,
        (e, p) => e.nodeId === p.nodeId && normalizeText(e.text) === normalizeText(p.text),
      ),
    );
    add(
      'candidates',
      expected.candidates.length,
      got.candidates.length,
      pair(expected.candidates, got.candidates, (e, p) => {
        const names = new Set([e.name, ...(e.aliases ?? [])].map(normalizeText));
        return e.kind === p.kind && [p.name, ...p.aliases].some((name) => names.has(normalizeText(name)));
      }),
    );
    add(
      'relations',
      expected.relations.length,
      got.relations.length,
      pair(
        expected.relations,
        got.relations,
        (e, p) => String(e.type) === String(p.type) && endMatches(e.source, p.source) && endMatches(e.target, p.target),
      ),
    );
    add(
      'quantities',
      expected.quantities.length,
      got.quantities.length,
      pair(
        expected.quantities,
        got.quantities,
        (e, p) => e.value === p.value && firstWord(e.about) === firstWord(p.about),
      ),
    );
  });
  return total;
}
