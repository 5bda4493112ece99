/**
 * The document workflow. `analyze` reads the graph and proposes, sentence by sentence, what a document says; it
 * writes nothing, and runs on the analysis pool's worker threads (analysis-pool.ts), never on the thread that
 * answers requests. `commit` writes a reviewed document in one `mutate`: the document and its sentences, the new
 * nodes (or, with `sameAs`, the existing nodes proposals are), the citations of existing nodes, the relationships
 * and counts, each citing its sentences, the corroborations of earlier documents, the partnerships they change
 * (refreshed once per commit, set-based) and the history record — all or nothing. A relationship the graph already
 * has gains the sentence as a further source; every accepted relationship is written or the commit fails naming it.
 */
import type { Database, Tx } from '../../db/database';
import { AgreementStatus, NodeKind, RelationType, relationshipId, statementId } from '../../model/graph-model';
import { countSourceEntry } from '../../model/stated-counts';
import { badInput, conflict } from '../../shared/errors';
import { parsePartialDate } from '../../shared/partial-date';
import { normalizeText, searchKeys } from '../../shared/text';
import { DATASET_FORMAT, type Dataset, type DatasetRelationship, type PropertyValue } from '../dataset/dataset-format';
import { writeDataset } from '../dataset/dataset.repository';
import { graphVersion } from '../dataset/export-cache';
import { edgeOf } from '../curation/curation.service';
import {
  claimId,
  classifyIds,
  readRelationship,
  readSnapshots,
  requireEnds,
  requireLiveIds,
  type Snapshot,
} from '../curation/curation.repository';
import type { Relationship } from '../nodes/node.types';
import { ChangeAction } from '../history/change-action';
import type { Actor } from '../history/history.repository';
import { mutate, type Mutation } from '../history/mutate';
import {
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  refreshEvidence,
  refreshNewFacts,
  refreshNodes,
  STRUCTURE_TYPES,
} from '../partners/partnerships';
import { splitSentences, type SentenceAnalysis } from './analysis';
import type { AnalysisPool } from './analysis-pool';
import { canonicalUrl, cleanOptional, cleanText, storedSpellings } from './document-text';
import { MAX_DOCUMENT_BYTES, type AnalyzeDocumentInput, type CommitDocumentInput } from './documents.inputs';
import {
  addAliases,
  citeNodes,
  claimIds,
  claimUrl,
  corroborate,
  readDocumentWithUrl,
  readFacts,
  readFactsBetween,
  readKnownEntities,
  readStatementsWithText,
  setCounts,
  type AliasRow,
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

/**
 * The document as analysed and stored: title and text in NFC (lone surrogates refused), its title sentence 0
 * unless the body already opens with it.
 */
export function documentText(rawTitle: string, rawText: string): string {
  const title = cleanText(rawTitle, 'title');
  const text = cleanText(rawText, 'text');
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

export async function analyze(
  db: Database,
  pool: AnalysisPool,
  input: AnalyzeDocumentInput,
): Promise<AnalyzedSentenceResult[]> {
  const full = documentText(input.title, input.text);
  if (input.url) canonicalUrl(input.url);
  // The known names are read (and indexed by the workers) once per version of the graph, not once per call.
  const version = await graphVersion(db);
  const context = { publishedAt: input.publishedAt ?? null };
  const { sentences } = await pool.analyze(full, version, () => readKnownEntities(db), context);
  const known = new Map<string, KnownStatement[]>();
  for (const statement of await readStatementsWithText(db, [...new Set(sentences.map((s) => s.text))])) {
    known.set(statement.text, [...(known.get(statement.text) ?? []), statement]);
  }
  return sentences.map((sentence) => ({ ...sentence, knownStatements: known.get(sentence.text) ?? [] }));
}

export interface SameAsLinkResult {
  proposal: string;
  nodeId: string;
  addedAliases: string[];
}

export interface CommitSummaryResult {
  newNodes: string[];
  linkedNodes: SameAsLinkResult[];
  corroboratedNodes: string[];
  newRelationships: string[];
  corroboratedRelationships: string[];
}

/** What a commit answers (plain JSON, so that an Idempotency-Key retry answers the same). */
export interface CommitResult {
  document: Snapshot;
  alreadyCommitted: boolean;
  statements: number;
  nodes: Snapshot[];
  relationships: Relationship[];
  corroborated: KnownStatement[];
  summary: CommitSummaryResult;
  dryRun: boolean;
}

const emptySummary = (): CommitSummaryResult => ({
  newNodes: [],
  linkedNodes: [],
  corroboratedNodes: [],
  newRelationships: [],
  corroboratedRelationships: [],
});

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

/** The snapshots of the live nodes among `ids`, in the order of `ids`, read in one query. */
async function answer(tx: Tx, ids: Iterable<string>): Promise<Snapshot[]> {
  const unique = [...new Set(ids)];
  const snapshots = await readSnapshots(tx, unique);
  return unique.flatMap((id) => snapshots.get(id) ?? []);
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/** One relationship to write: the accepted relationships of the input with the same key (id), merged. */
interface PlannedFact extends DatasetRelationship {
  id: string;
  /** Positions in `input.relationships`, to name them in errors. */
  inputs: number[];
}

const fieldsOf = (fact: PlannedFact): string => fact.inputs.map((i) => `relationships[${i}]`).join(', ');

function checkPeriod(field: string, start: string | undefined, end: string | undefined): void {
  const first = start ? parsePartialDate(start) : undefined;
  const last = end ? parsePartialDate(end) : undefined;
  if (first && last && first.firstDay > last.lastDay) throw badInput(`${field}.periodEnd: before periodStart`);
}

/** Proposals, citations, relationships and counts of the input, checked and with `sameAs` applied. */
function plan(input: CommitDocumentInput, docId: string, texts: string[]) {
  const count = texts.length;
  const proposals = (input.nodes ?? []).map((node, i) => {
    // A status is data only with the sentence that states it; an agreement no sentence speaks to is NOT_STATED.
    const stated = node.status != null && node.status !== AgreementStatus.NOT_STATED;
    if (node.kind !== NodeKind.AGREEMENT && (node.status != null || node.statusSentences != null)) {
      throw badInput(`nodes[${i}].status: only an agreement has a status`);
    }
    if (stated && (node.statusSentences ?? []).length === 0) {
      throw badInput(`nodes[${i}].statusSentences: cite the sentence that states the status ${String(node.status)}`);
    }
    return {
      index: i,
      id: node.id,
      kind: node.kind,
      sameAs: node.sameAs ?? null,
      name: cleanText(node.name, `nodes[${i}].name`),
      aliases: (node.aliases ?? []).map((alias, j) => cleanText(alias, `nodes[${i}].aliases[${j}]`)),
      refs: refsOf(docId, node.sentences, count, `nodes[${i}].sentences`),
      periodStart: node.periodStart ?? undefined,
      periodEnd: node.periodEnd ?? undefined,
      status: node.status ?? null,
      statusRefs: stated ? refsOf(docId, node.statusSentences ?? [], count, `nodes[${i}].statusSentences`) : [],
    };
  });
  const seen = new Map<string, number>();
  for (const proposal of proposals) {
    const other = seen.get(proposal.id);
    if (other !== undefined || proposal.id === docId) {
      throw badInput(
        `nodes[${proposal.index}].id: "${proposal.id}" is also the id of ` +
          (other === undefined ? 'the document' : `nodes[${other}]`),
      );
    }
    seen.set(proposal.id, proposal.index);
    checkPeriod(`nodes[${proposal.index}]`, proposal.periodStart, proposal.periodEnd);
  }
  const newNodes = proposals.filter((p) => p.sameAs === null);
  const linked = proposals.filter((p) => p.sameAs !== null);
  const target = new Map(linked.map((p) => [p.id, p.sameAs ?? p.id] as const));
  const resolve = (id: string): string => target.get(id) ?? id;
  const newIds = new Set(newNodes.map((node) => node.id));

  const citations = (input.citations ?? []).map((citation, i) => ({
    id: resolve(citation.nodeId),
    refs: refsOf(docId, citation.sentences, count, `citations[${i}].sentences`),
  }));

  // Accepted relationships with one key are one relationship: their sentences are merged, never dropped.
  const facts = new Map<string, PlannedFact>();
  for (const [i, rel] of (input.relationships ?? []).entries()) {
    const from = resolve(rel.from);
    const to = resolve(rel.to);
    if (from === to) {
      const via = rel.from === rel.to ? '' : ` ("${rel.from}" and "${rel.to}" are the same node through sameAs)`;
      throw badInput(`relationships[${i}].to: a relationship needs two different nodes${via}`);
    }
    const periodStart = rel.periodStart ?? undefined;
    const periodEnd = rel.periodEnd ?? undefined;
    checkPeriod(`relationships[${i}]`, periodStart, periodEnd);
    const sources = refsOf(docId, rel.sentences, count, `relationships[${i}].sentences`);
    const id = relationshipId({ from, type: rel.type, to, periodStart });
    const earlier = facts.get(id);
    if (!earlier) {
      facts.set(id, { id, from, type: rel.type, to, sources, periodStart, periodEnd, inputs: [i] });
      continue;
    }
    if (earlier.periodEnd && periodEnd && earlier.periodEnd !== periodEnd) {
      throw badInput(
        `relationships[${i}]: ${id} is also ${fieldsOf(earlier)} with periodEnd ${earlier.periodEnd}, here ${periodEnd}`,
      );
    }
    earlier.sources = union(earlier.sources, sources);
    earlier.periodEnd ??= periodEnd;
    earlier.inputs.push(i);
  }
  // A sentence that states a relationship names both its ends: existing ends cite it too.
  for (const fact of facts.values()) {
    for (const id of [fact.from, fact.to]) if (!newIds.has(id)) citations.push({ id, refs: fact.sources });
  }

  const countRows = new Map<string, CountRow>();
  const countFields: { field: string; id: string }[] = [];
  for (const [i, stated] of (input.counts ?? []).entries()) {
    const refs = refsOf(docId, stated.sentences, count, `counts[${i}].sentences`);
    const id = resolve(stated.nodeId);
    const row = countRows.get(id) ?? { id, counts: {}, entries: [] };
    row.counts[stated.property] = stated.value;
    row.entries.push(...refs.map((ref) => countSourceEntry(stated.property, ref)));
    countRows.set(id, row);
    countFields.push({ field: `counts[${i}].nodeId`, id });
  }
  const referenced = [
    ...linked.map((p) => ({ field: `nodes[${p.index}].sameAs`, id: p.sameAs ?? p.id })),
    ...(input.citations ?? []).map((c, i) => ({ field: `citations[${i}].nodeId`, id: resolve(c.nodeId) })),
    ...[...facts.values()].flatMap((f) => [
      { field: `${fieldsOf(f)}.from`, id: f.from },
      { field: `${fieldsOf(f)}.to`, id: f.to },
    ]),
    ...countFields,
  ].filter((ref) => !newIds.has(ref.id));
  return { newNodes, linked, newIds, citations, facts: [...facts.values()], countRows, referenced };
}

type Plan = ReturnType<typeof plan>;

/** Refuses, with CONFLICT, proposals whose id the graph already uses: the way out is `sameAs`. */
async function requireFreeIds(tx: Tx, newNodes: Plan['newNodes']): Promise<void> {
  const { live, retired } = await classifyIds(
    tx,
    newNodes.map((node) => node.id),
  );
  const problems = newNodes.flatMap((node) => {
    const field = `nodes[${node.index}].id`;
    if (live.has(node.id)) {
      return [{ field, message: `"${node.id}" is taken: set sameAs: "${node.id}" to link the proposal to that node` }];
    }
    const state = retired.get(node.id);
    if (!state) return [];
    const into = /^merged into "(.+)"$/.exec(state)?.[1];
    const hint = into ? `; use sameAs: "${into}"` : '';
    return [{ field, message: `"${node.id}" was used by a node that was ${state} (ids are never reused)${hint}` }];
  });
  if (problems.length > 0) {
    throw conflict(problems.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: problems });
  }
}

/** Names of linked proposals that their node does not have yet (compared without case and accents). */
async function aliasesOfLinks(
  tx: Tx,
  linked: Plan['linked'],
): Promise<{ rows: AliasRow[]; links: SameAsLinkResult[] }> {
  const byTarget = new Map<string, { names: string[]; refs: string[]; proposals: string[] }>();
  for (const proposal of linked) {
    const id = proposal.sameAs ?? proposal.id;
    const entry = byTarget.get(id) ?? { names: [], refs: [], proposals: [] };
    entry.names.push(proposal.name, ...proposal.aliases);
    entry.refs = union(entry.refs, proposal.refs);
    entry.proposals.push(proposal.id);
    byTarget.set(id, entry);
  }
  const rows: AliasRow[] = [];
  const added = new Map<string, string[]>();
  const snapshots = await readSnapshots(tx, byTarget.keys());
  for (const [id, entry] of byTarget) {
    const node = snapshots.get(id);
    if (!node) continue; // requireLiveIds has refused it already
    const known = new Set([node.name, ...(node.aliases ?? [])].map(normalizeText));
    const aliases: string[] = [];
    for (const name of entry.names) {
      const key = normalizeText(name);
      if (key && !known.has(key)) {
        known.add(key);
        aliases.push(name.trim());
      }
    }
    added.set(id, aliases);
    rows.push({
      id,
      aliases,
      searchKeys: aliases.length > 0 ? searchKeys(aliases[0] ?? '', aliases) : [],
      refs: entry.refs,
    });
  }
  const links = linked.map((proposal) => {
    const nodeId = proposal.sameAs ?? proposal.id;
    const mine = new Set([proposal.name, ...proposal.aliases].map(normalizeText));
    return {
      proposal: proposal.id,
      nodeId,
      addedAliases: (added.get(nodeId) ?? []).filter((alias) => mine.has(normalizeText(alias))),
    };
  });
  return { rows, links };
}

/**
 * The stored relationships the plan's relationships already are (corroborations), and the plan with them merged.
 * - A relationship stated without a period is the one the graph has between those ends with that type, whatever
 *   its period (a sentence that gives no date does not contradict a dated fact: "la consejera X preside la
 *   comisión" is the CHAIRS from 2025-12, not a second one); when the graph has it for several periods, the
 *   commit is BAD_USER_INPUT asking for periodStart.
 * - A stored end of period is kept when the document states none; a different one is CONFLICT naming it.
 */
async function matchStored(tx: Tx, planned: PlannedFact[]): Promise<{ facts: PlannedFact[]; stored: Set<string> }> {
  const undated = planned.filter((fact) => !fact.periodStart && !fact.periodEnd);
  const found = new Map<string, { id: string; periodStart: string | null }[]>();
  for (const row of await readFactsBetween(tx, undated)) found.set(row.key, [...(found.get(row.key) ?? []), row]);
  for (const fact of undated) {
    const candidates = found.get(fact.id) ?? [];
    const [only] = candidates;
    if (!only || candidates.some((candidate) => candidate.id === fact.id)) continue;
    if (candidates.length > 1) {
      const periods = candidates.map((candidate) => candidate.periodStart ?? 'none').join(', ');
      throw badInput(
        `${fieldsOf(fact)}: the graph has ${fact.from} ${fact.type} ${fact.to} for several periods (from ${periods}); ` +
          'give periodStart to say which this document states',
      );
    }
    fact.id = only.id;
    fact.periodStart = only.periodStart ?? undefined;
  }
  const facts = new Map<string, PlannedFact>();
  for (const fact of planned) {
    const earlier = facts.get(fact.id);
    if (!earlier) {
      facts.set(fact.id, fact);
      continue;
    }
    if (earlier.periodEnd && fact.periodEnd && earlier.periodEnd !== fact.periodEnd) {
      throw badInput(`${fieldsOf(fact)}: ${fact.id} is also ${fieldsOf(earlier)} with another periodEnd`);
    }
    earlier.sources = union(earlier.sources, fact.sources);
    earlier.periodEnd ??= fact.periodEnd;
    earlier.inputs.push(...fact.inputs);
  }
  const merged = [...facts.values()];
  const stored = new Map((await readFacts(tx, merged)).map((fact) => [fact.id, fact] as const));
  for (const fact of merged) {
    const before = stored.get(fact.id);
    if (!before?.periodEnd) continue;
    if (fact.periodEnd && fact.periodEnd !== before.periodEnd) {
      throw conflict(
        `${fieldsOf(fact)}: the graph has ${fact.id} until ${before.periodEnd}; this document says until ` +
          `${fact.periodEnd}. Send the same periodEnd, or none to add this sentence as a source.`,
      );
    }
    fact.periodEnd = before.periodEnd;
  }
  return { facts: merged, stored: new Set(stored.keys()) };
}

/** Every planned relationship is in the graph with all its sentences, or the commit fails naming the missing ones. */
async function requireWritten(tx: Tx, facts: PlannedFact[]): Promise<void> {
  const stored = new Map((await readFacts(tx, facts)).map((fact) => [fact.id, fact] as const));
  const missing = facts.filter((fact) => {
    const written = stored.get(fact.id);
    return !written || fact.sources.some((ref) => !written.sourceRefs.includes(ref));
  });
  if (missing.length > 0) {
    throw conflict(
      `not written: ${missing.map((fact) => `${fieldsOf(fact)} (${fact.id})`).join(', ')}; an end node changed ` +
        'meanwhile. Nothing was committed; retry.',
    );
  }
}

/**
 * The partnerships the commit changes, refreshed once, set-based: new agreements and events whole, the actors of
 * the new or further-sourced facts of existing ones, and the lineage of new parts. Per relationship, an agreement
 * of 50 parties recomputed its parties 50 times and never finished.
 */
async function refreshPartnerships(
  tx: Tx,
  newNodes: Plan['newNodes'],
  facts: readonly { from: string; type: RelationType; to: string }[],
): Promise<void> {
  const evidence = new Set(newNodes.filter((node) => EVIDENCE_KINDS.has(node.kind)).map((node) => node.id));
  const newFacts: { actor: string; evidence: string; type: RelationType }[] = [];
  const structure = new Set<string>();
  for (const { from, type, to } of facts) {
    if (EVIDENCE_TYPES.has(type)) {
      // HELD_AT points from the event to its venue; the others from the actor to the agreement or event.
      const [actor, ev] = type === RelationType.HELD_AT ? [to, from] : [from, to];
      if (!evidence.has(ev)) newFacts.push({ actor, evidence: ev, type });
    }
    if (STRUCTURE_TYPES.has(type)) structure.add(from).add(to);
  }
  await refreshEvidence(tx, [...evidence]);
  await refreshNewFacts(tx, newFacts);
  await refreshNodes(tx, [...structure]);
}

/** Thrown to roll a dry run back once its answer is known. */
class DryRunDone extends Error {
  constructor(readonly result: CommitResult) {
    super('dry run');
  }
}

async function dryRun(db: Database, work: (tx: Tx) => Promise<Mutation<CommitResult>>): Promise<CommitResult> {
  try {
    await db.write(async (tx) => {
      const { result } = await work(tx);
      throw new DryRunDone({ ...result, dryRun: true });
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
  throw new Error('a dry run ended without its answer');
}

export function commit(db: Database, actor: Actor, input: CommitDocumentInput): Promise<CommitResult> {
  const title = cleanText(input.title, 'title').trim();
  const publisher = cleanOptional(input.publisher, 'publisher');
  const url = canonicalUrl(input.url);
  const texts = splitSentences(documentText(input.title, input.text)).map((sentence) => sentence.text);
  const docId = input.id;
  const { newNodes, linked, newIds, citations, facts: planned, countRows, referenced } = plan(input, docId, texts);

  const work = async (tx: Tx): Promise<Mutation<CommitResult>> => {
    const earlier = await readDocumentWithUrl(tx, storedSpellings(url));
    if (earlier) {
      if (!sameSentences(earlier.statements, texts)) {
        throw conflict(`url: "${url}" is already committed as "${earlier.id}" with other content`);
      }
      const document = await answer(tx, [earlier.id]);
      const result: CommitResult = {
        document: document[0] ?? { id: earlier.id, kind: NodeKind.SOURCE_DOCUMENT, name: title },
        alreadyCommitted: true,
        statements: earlier.statements.length,
        nodes: [],
        relationships: [],
        corroborated: [],
        summary: emptySummary(),
        dryRun: false,
      };
      return {
        result,
        concerns: [earlier.id],
        summary: `document "${url}" was already committed`,
        before: null,
        after: null,
      };
    }
    await claimUrl(tx, url, docId);
    await requireFreeIds(tx, newNodes);
    await claimId(tx, docId, NodeKind.SOURCE_DOCUMENT);
    await claimIds(
      tx,
      newNodes.map((node) => ({ id: node.id, kind: node.kind })),
    );
    const kinds = new Map(await requireLiveIds(tx, referenced)).set(docId, NodeKind.SOURCE_DOCUMENT);
    for (const node of newNodes) kinds.set(node.id, node.kind);
    requireEnds(
      planned.map((fact) => ({ field: fieldsOf(fact), from: fact.from, type: fact.type, to: fact.to })),
      kinds,
    );
    const { facts, stored } = await matchStored(tx, planned);

    const dataset: Dataset = { format: DATASET_FORMAT, sources: [], nodes: [], relationships: facts };
    dataset.sources.push({
      id: docId,
      title,
      url,
      ...(input.publishedAt ? { publishedOn: input.publishedAt } : {}),
      ...(publisher ? { publisher } : {}),
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
        aliases: node.aliases,
        sources: node.refs,
        properties,
      });
    }
    await writeDataset(tx, dataset);
    const aliases = await aliasesOfLinks(tx, linked);
    await addAliases(tx, aliases.rows);
    await citeNodes(tx, citations);
    await setCounts(tx, [...countRows.values()]);

    // Sentences that earlier documents state word for word: their facts now cite this document too.
    const repeated = (await readStatementsWithText(tx, [...new Set(texts)])).filter((s) => s.documentId !== docId);
    const pairs = repeated.flatMap((statement) =>
      texts.flatMap((text, n) => (text === statement.text ? [{ old: statement.id, new: statementId(docId, n) }] : [])),
    );
    const corroborated = await corroborate(tx, pairs);
    await requireWritten(tx, facts);
    await refreshPartnerships(tx, newNodes, [...facts, ...corroborated.edges]);

    const edgeIds = union(
      facts.map((fact) => fact.id),
      corroborated.edges.map((edge) => edge.id),
    );
    const edges: Relationship[] = [];
    for (const id of edgeIds) {
      const written = await readRelationship(tx, id);
      if (written) edges.push(edgeOf(written));
    }
    const [document] = await answer(tx, [docId]);
    if (!document) throw new Error(`document "${docId}" is missing right after it was written`);
    const existingIds = union(
      [...citations.map((c) => c.id), ...countRows.keys(), ...aliases.rows.map((row) => row.id)],
      corroborated.nodeIds,
    ).filter((id) => !newIds.has(id) && id !== docId);
    const nodes = await answer(tx, [...newIds, ...existingIds]);
    const summary: CommitSummaryResult = {
      newNodes: [...newIds],
      linkedNodes: aliases.links,
      corroboratedNodes: existingIds,
      newRelationships: facts.filter((fact) => !stored.has(fact.id)).map((fact) => fact.id),
      corroboratedRelationships: edgeIds.filter((id) => stored.has(id) || !facts.some((fact) => fact.id === id)),
    };
    const result: CommitResult = {
      document,
      alreadyCommitted: false,
      statements: texts.length,
      nodes,
      relationships: edges,
      corroborated: repeated,
      summary,
      dryRun: false,
    };
    return {
      result,
      concerns: [docId, ...new Set([...newIds, ...existingIds])],
      summary:
        `committed document "${title}" (${texts.length} sentences, ${newIds.size} new nodes, ` +
        `${summary.newRelationships.length} new relationships, ${summary.corroboratedRelationships.length} corroborated)`,
      before: null,
      after: { document: docId, nodes: [...newIds], relationships: edgeIds },
    };
  };
  return input.dryRun ? dryRun(db, work) : mutate(db, actor, ChangeAction.CREATE, work);
}
