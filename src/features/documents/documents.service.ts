/**
 * The document workflow. `analyze` reads the graph and proposes, sentence by sentence, what a document says; it
 * writes nothing. `commit` writes a reviewed document in one `mutate`: the document and its sentences, the new
 * nodes, the citations of existing nodes, the relationships and counts, each citing its sentences, the
 * corroborations of earlier documents, and the history record — all or nothing.
 */
import type { Database, Tx } from '../../db/database';
import { AgreementStatus, NodeKind, relationshipId, statementId } from '../../model/graph-model';
import { countSourceEntry } from '../../model/stated-counts';
import { badInput, conflict } from '../../shared/errors';
import { DATASET_FORMAT, type Dataset, type PropertyValue } from '../dataset/dataset-format';
import { writeDataset } from '../dataset/dataset.repository';
import { edgeOf } from '../curation/curation.service';
import {
  claimId,
  readRelationship,
  readSnapshot,
  requireLiveIds,
  type Snapshot,
} from '../curation/curation.repository';
import type { GraphEdge } from '../graph/graph.types';
import { ChangeAction } from '../history/change-action';
import type { Actor } from '../history/history.repository';
import { mutate } from '../history/mutate';
import { refreshAfterRelationship, refreshEvidence } from '../partners/partnerships';
import { createAnalyzer, splitSentences, type SentenceAnalysis } from './analysis';
import { MAX_DOCUMENT_BYTES, type AnalyzeDocumentInput, type CommitDocumentInput } from './documents.inputs';
import {
  citeNodes,
  claimUrl,
  corroborate,
  readDocumentWithUrl,
  readKnownEntities,
  readStatementsWithText,
  setCounts,
  type CountRow,
  type KnownStatement,
} from './documents.repository';

const LINE_CONTROLS = new Set(['\t', '\n', '\r']);

/** Whether `value` holds control characters other than tab and line breaks, or the replacement character of a
 * failed decoding: a binary file pasted or uploaded as text. */
function isNotText(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && !LINE_CONTROLS.has(char)) || code === 0x7f || code === 0xfffd) return true;
  }
  return false;
}

/** The document as analysed and stored: its title is sentence 0, unless the body already opens with it. */
export function documentText(title: string, text: string): string {
  if (text.trim().length === 0)
    throw badInput('text: the document is empty', { fields: [{ field: 'text', message: 'is empty' }] });
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES) {
    throw badInput('text: the document is over 1 MB', { fields: [{ field: 'text', message: 'is over 1 MB' }] });
  }
  if (isNotText(text) || isNotText(title)) {
    throw badInput('text: not plain text (control characters or undecodable bytes)', {
      fields: [{ field: 'text', message: 'is not plain text' }],
    });
  }
  const body = text.trim();
  const firstLine = body.split('\n', 1)[0]?.trim() ?? '';
  return firstLine === title.trim() ? body : `${title.trim()}\n${body}`;
}

export interface AnalyzedSentenceResult extends SentenceAnalysis {
  knownStatements: KnownStatement[];
}

export async function analyze(db: Database, input: AnalyzeDocumentInput): Promise<AnalyzedSentenceResult[]> {
  const full = documentText(input.title, input.text);
  const analyzer = createAnalyzer(await readKnownEntities(db));
  const { sentences } = analyzer.analyze(full, { publishedAt: input.publishedAt ?? null });
  const known = await readStatementsWithText(db, [...new Set(sentences.map((s) => s.text))]);
  return sentences.map((sentence) => ({
    ...sentence,
    knownStatements: known.filter((statement) => statement.text === sentence.text),
  }));
}

/** What a commit answers (plain JSON, so that an Idempotency-Key retry answers the same). */
export interface CommitResult {
  document: Snapshot;
  alreadyCommitted: boolean;
  statements: number;
  nodes: Snapshot[];
  relationships: GraphEdge[];
  corroborated: KnownStatement[];
}

const sameSentences = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((text, i) => text === b[i]);

/** Statement ids of sentence positions, each checked against the document's length. */
function refsOf(documentId: string, sentences: readonly number[], count: number, field: string): string[] {
  if (sentences.length === 0) throw badInput(`${field}: cite at least one sentence`);
  for (const n of sentences) {
    if (n >= count) throw badInput(`${field}: the document has no sentence ${n} (it has ${count})`);
  }
  return [...new Set(sentences)].map((n) => statementId(documentId, n));
}

const EVIDENCE_KINDS: ReadonlySet<NodeKind> = new Set([NodeKind.AGREEMENT, NodeKind.EVENT]);

async function answer(tx: Tx, ids: string[]): Promise<Snapshot[]> {
  const snapshots = await Promise.all([...new Set(ids)].map((id) => readSnapshot(tx, id)));
  return snapshots.filter((snapshot): snapshot is Snapshot => snapshot !== null);
}

export function commit(db: Database, actor: Actor, input: CommitDocumentInput): Promise<CommitResult> {
  const texts = splitSentences(documentText(input.title, input.text)).map((sentence) => sentence.text);
  const count = texts.length;
  const docId = input.id;
  const newNodes = (input.nodes ?? []).map((node, i) => {
    // A status is data only with the sentence that states it; an agreement no sentence speaks to is NOT_STATED.
    const stated = node.status != null && node.status !== AgreementStatus.NOT_STATED;
    if (node.kind !== NodeKind.AGREEMENT && (node.status != null || node.statusSentences != null)) {
      throw badInput(`nodes[${i}].status: only an agreement has a status`);
    }
    if (stated && (node.statusSentences ?? []).length === 0) {
      throw badInput(`nodes[${i}].statusSentences: cite the sentence that states the status ${String(node.status)}`);
    }
    return {
      ...node,
      refs: refsOf(docId, node.sentences, count, `nodes[${i}].sentences`),
      statusRefs: stated ? refsOf(docId, node.statusSentences ?? [], count, `nodes[${i}].statusSentences`) : [],
    };
  });
  const newIds = new Set(newNodes.map((node) => node.id));
  if (newIds.size !== newNodes.length) throw badInput('nodes: two new nodes have the same id');
  const citations = (input.citations ?? []).map((citation, i) => ({
    id: citation.nodeId,
    refs: refsOf(docId, citation.sentences, count, `citations[${i}].sentences`),
  }));
  const relationships = (input.relationships ?? []).map((rel, i) => {
    if (rel.from === rel.to) throw badInput(`relationships[${i}].to: a relationship needs two different nodes`);
    return {
      from: rel.from,
      type: rel.type,
      to: rel.to,
      sources: refsOf(docId, rel.sentences, count, `relationships[${i}].sentences`),
      ...(rel.periodStart ? { periodStart: rel.periodStart } : {}),
      ...(rel.periodEnd ? { periodEnd: rel.periodEnd } : {}),
    };
  });
  // A sentence that states a relationship names both its ends: existing ends cite it too.
  for (const rel of relationships) {
    for (const id of [rel.from, rel.to]) if (!newIds.has(id)) citations.push({ id, refs: rel.sources });
  }
  const countRows = new Map<string, CountRow>();
  for (const [i, stated] of (input.counts ?? []).entries()) {
    const refs = refsOf(docId, stated.sentences, count, `counts[${i}].sentences`);
    const row = countRows.get(stated.nodeId) ?? { id: stated.nodeId, counts: {}, entries: [] };
    row.counts[stated.property] = stated.value;
    row.entries.push(...refs.map((ref) => countSourceEntry(stated.property, ref)));
    countRows.set(stated.nodeId, row);
  }
  const referenced = [
    ...citations.map((c, i) => ({ field: `citations[${i}].nodeId`, id: c.id })),
    ...relationships.flatMap((r, i) => [
      { field: `relationships[${i}].from`, id: r.from },
      { field: `relationships[${i}].to`, id: r.to },
    ]),
    ...[...countRows.keys()].map((id, i) => ({ field: `counts[${i}].nodeId`, id })),
  ].filter((ref) => !newIds.has(ref.id));

  return mutate(db, actor, ChangeAction.CREATE, async (tx) => {
    const earlier = await readDocumentWithUrl(tx, input.url);
    if (earlier) {
      if (!sameSentences(earlier.statements, texts)) {
        throw conflict(`url: "${input.url}" is already committed as "${earlier.id}" with other content`);
      }
      const document = await answer(tx, [earlier.id]);
      const result: CommitResult = {
        document: document[0] ?? { id: earlier.id, kind: NodeKind.SOURCE_DOCUMENT, name: input.title },
        alreadyCommitted: true,
        statements: earlier.statements.length,
        nodes: [],
        relationships: [],
        corroborated: [],
      };
      return {
        result,
        concerns: [earlier.id],
        summary: `document "${input.url}" was already committed`,
        before: null,
        after: null,
      };
    }
    await claimUrl(tx, input.url, docId);
    await claimId(tx, docId, NodeKind.SOURCE_DOCUMENT);
    for (const node of newNodes) await claimId(tx, node.id, node.kind);
    await requireLiveIds(tx, referenced);

    const dataset: Dataset = { format: DATASET_FORMAT, sources: [], nodes: [], relationships };
    dataset.sources.push({
      id: docId,
      title: input.title.trim(),
      url: input.url,
      ...(input.publishedAt ? { publishedOn: input.publishedAt } : {}),
      ...(input.publisher ? { publisher: input.publisher } : {}),
      language: 'es',
      statements: texts.map((text, n) => ({ n, text })),
    });
    for (const node of newNodes) {
      const properties: Record<string, PropertyValue> = {};
      if (node.periodStart) properties.periodStart = node.periodStart;
      if (node.periodEnd) properties.periodEnd = node.periodEnd;
      if (node.kind === NodeKind.AGREEMENT) {
        properties.status = node.statusRefs.length > 0 && node.status ? node.status : AgreementStatus.NOT_STATED;
        if (node.statusRefs.length > 0) properties.statusSources = node.statusRefs;
      }
      dataset.nodes.push({
        id: node.id,
        kind: node.kind,
        name: node.name,
        aliases: node.aliases ?? [],
        sources: node.refs,
        properties,
      });
    }
    await writeDataset(tx, dataset);
    await citeNodes(tx, citations);
    await setCounts(tx, [...countRows.values()]);

    // Sentences that earlier documents state word for word: their facts now cite this document too.
    const repeated = (await readStatementsWithText(tx, [...new Set(texts)])).filter((s) => s.documentId !== docId);
    const pairs = repeated.flatMap((statement) =>
      texts.flatMap((text, n) => (text === statement.text ? [{ old: statement.id, new: statementId(docId, n) }] : [])),
    );
    const corroborated = await corroborate(tx, pairs);

    const evidence = newNodes.filter((node) => EVIDENCE_KINDS.has(node.kind)).map((node) => node.id);
    if (evidence.length > 0) await refreshEvidence(tx, evidence);
    for (const rel of relationships) await refreshAfterRelationship(tx, rel.type, rel.from, rel.to);

    const edgeIds = [...new Set([...relationships.map((rel) => relationshipId(rel)), ...corroborated.edgeIds])];
    const edges: GraphEdge[] = [];
    for (const id of edgeIds) {
      const stored = await readRelationship(tx, id);
      if (stored) edges.push(edgeOf(stored));
    }
    const [document] = await answer(tx, [docId]);
    if (!document) throw new Error(`document "${docId}" is missing right after it was written`);
    const nodeIds = [
      ...newIds,
      ...citations.map((c) => c.id),
      ...countRows.keys(),
      ...relationships.flatMap((rel) => [rel.from, rel.to]),
      ...corroborated.nodeIds,
    ];
    const nodes = await answer(tx, nodeIds);
    const result: CommitResult = {
      document,
      alreadyCommitted: false,
      statements: texts.length,
      nodes,
      relationships: edges,
      corroborated: repeated,
    };
    return {
      result,
      concerns: [docId, ...new Set(nodeIds)],
      summary: `committed document "${input.title}" (${texts.length} sentences, ${newNodes.length} new nodes, ${relationships.length} relationships)`,
      before: null,
      after: { document: docId, nodes: [...newIds], relationships: edgeIds },
    };
  });
}
