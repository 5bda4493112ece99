/**
 * The write operations. Each is one `mutate`: checks, the write, the read of its result and its history record
 * commit together, so a failing mutation changes nothing and a committed one answers with what it wrote.
 */
import type { Database, Tx } from '../../db/database';
import { NodeKind, RelationType, relationshipId } from '../../model/graph-model';
import { badInput, notFound } from '../../shared/errors';
import { parsePartialDate } from '../../shared/partial-date';
import { DATASET_FORMAT, type Dataset, type DatasetRelationship, type PropertyValue } from '../dataset/dataset-format';
import { writeDataset } from '../dataset/dataset.repository';
import { toEdge } from '../graph/graph.repository';
import {
  EVIDENCE_KINDS,
  refreshAfterRelationship,
  refreshEvidence,
  refreshNodes,
  rerankAround,
} from '../partners/partnerships';
import type { Relationship } from '../nodes/node.types';
import type { Actor } from '../history/history.repository';
import { ChangeAction } from '../history/change-action';
import { mutate, type Mutation } from '../history/mutate';
import type {
  CreateAgreementInput,
  CreateNodeInput,
  CreateSourceDocumentInput,
  LinkInput,
  NodeDetailsInput,
  UpdateNodeInput,
  UpdateSourceDocumentInput,
} from './curation.inputs';
import {
  deleteRelationship,
  mergeInto,
  readDeleted,
  readRelationship,
  readSnapshot,
  requireEnds,
  requireLiveIds,
  claimId,
  lockDocument,
  resolveSources,
  restore,
  softDelete,
  updateDocument,
  updateNodeProperties,
  type Snapshot,
  type StoredRelationship,
} from './curation.repository';

/** Keeps partnerships exact after nodes of `kind` were deleted, restored or merged. */
async function refreshAfterNodeChange(tx: Tx, kind: NodeKind, ids: string[]): Promise<void> {
  if (EVIDENCE_KINDS.has(kind)) await refreshEvidence(tx, ids);
  else await refreshNodes(tx, ids);
}

/** Kinds with a dedicated mutation (createAgreement, createSourceDocument). */
const DEDICATED_KINDS = new Set([NodeKind.AGREEMENT, NodeKind.SOURCE_DOCUMENT]);

const emptyDataset = (): Dataset => ({ format: DATASET_FORMAT, sources: [], nodes: [], relationships: [] });

/** A dataset that writes one new node from a creation input. */
function newNodeDataset(node: {
  id: string;
  kind: NodeKind;
  name: string;
  aliases?: string[] | null;
  sources: string[];
  properties: Record<string, PropertyValue>;
}): Dataset {
  const { id, kind, name, aliases, sources, properties } = node;
  // A client may send `aliases: null`: no aliases.
  return { ...emptyDataset(), nodes: [{ id, kind, name, aliases: aliases ?? [], sources, properties }] };
}

/** The given details as plain properties (class instances and undefined values left out). */
function detailsOf(details: NodeDetailsInput | undefined): Record<string, PropertyValue> {
  return Object.fromEntries(
    Object.entries(details ?? {}).filter(
      (entry): entry is [string, PropertyValue] => entry[1] !== undefined && entry[1] !== null,
    ),
  );
}

function checkPeriod(start: unknown, end: unknown): void {
  const first = typeof start === 'string' ? parsePartialDate(start) : undefined;
  const last = typeof end === 'string' ? parsePartialDate(end) : undefined;
  if (first && last && first.firstDay > last.lastDay) {
    throw badInput('periodEnd must not be before periodStart', {
      fields: [{ field: 'periodEnd', message: 'before periodStart' }],
    });
  }
}

/** The live node `id` as stored; NOT_FOUND when there is none. */
async function existing(tx: Tx, id: string, what = 'Node'): Promise<Snapshot> {
  const snapshot = await readSnapshot(tx, id);
  if (!snapshot) throw notFound(what, id);
  return snapshot;
}

/** The node `id` as just written; it must exist, since the transaction wrote it. */
async function written(tx: Tx, id: string): Promise<Snapshot> {
  const snapshot = await readSnapshot(tx, id);
  if (!snapshot) throw new Error(`node "${id}" is missing right after it was written`);
  return snapshot;
}

/** Writes a dataset that creates node `id`; the mutation answers with the node as written. */
async function create(
  tx: Tx,
  id: string,
  dataset: Dataset,
  summary: string,
  { concerns = [id], evidence = false }: { concerns?: string[]; evidence?: boolean } = {},
): Promise<Mutation<Snapshot>> {
  await writeDataset(tx, dataset);
  // A new agreement (or event) with its actors makes them partners.
  if (evidence) await refreshEvidence(tx, [id]);
  const after = await written(tx, id);
  return { result: after, concerns, summary, before: null, after };
}

/** The mutation of node `before.id` once it is changed: it answers with the node as written. */
async function changed(tx: Tx, before: Snapshot, summary: (after: Snapshot) => string): Promise<Mutation<Snapshot>> {
  const after = await written(tx, before.id);
  return { result: after, concerns: [before.id], summary: summary(after), before, after };
}

export function createNode(db: Database, actor: Actor, input: CreateNodeInput): Promise<Snapshot> {
  if (DEDICATED_KINDS.has(input.kind)) {
    throw badInput(
      `kind: use ${input.kind === NodeKind.AGREEMENT ? 'createAgreement' : 'createSourceDocument'} for ${input.kind}`,
    );
  }
  const properties = detailsOf(input.details);
  checkPeriod(input.details?.periodStart, input.details?.periodEnd);
  return mutate(db, actor, ChangeAction.CREATE, async (tx) => {
    await claimId(tx, input.id, input.kind);
    const sources = await resolveSources(tx, input.sources);
    const dataset = newNodeDataset({ ...input, kind: input.kind, sources, properties });
    return create(tx, input.id, dataset, `created ${input.kind} "${input.name}"`);
  });
}

export function updateNode(db: Database, actor: Actor, id: string, input: UpdateNodeInput): Promise<Snapshot> {
  return mutate(db, actor, ChangeAction.UPDATE, async (tx) => {
    const before = await existing(tx, id);
    const details = detailsOf(input.details);
    checkPeriod(details.periodStart ?? before.periodStart, details.periodEnd ?? before.periodEnd);
    const sourceRefs = await resolveSources(tx, input.sources);
    await updateNodeProperties(tx, before, { name: input.name, aliases: input.aliases, details, sourceRefs });
    // A new name moves the node in its partners' rankings.
    if (input.name !== undefined && input.name !== before.name) await rerankAround(tx, id);
    return changed(tx, before, (after) => `updated "${after.name}"`);
  });
}

export function createSourceDocument(db: Database, actor: Actor, input: CreateSourceDocumentInput): Promise<Snapshot> {
  return mutate(db, actor, ChangeAction.CREATE, async (tx) => {
    await claimId(tx, input.id, NodeKind.SOURCE_DOCUMENT);
    const dataset = emptyDataset();
    dataset.sources.push({
      id: input.id,
      title: input.title,
      url: input.url,
      publishedOn: input.publishedOn,
      author: input.author,
      genre: input.genre,
      publisher: input.publisher,
      language: input.language,
      statements: [input.title, ...input.sentences].map((text, n) => ({ n, text })),
    });
    return create(tx, input.id, dataset, `created source document "${input.title}"`);
  });
}

export function updateSourceDocument(
  db: Database,
  actor: Actor,
  id: string,
  input: UpdateSourceDocumentInput,
): Promise<Snapshot> {
  const { addSentences = [], ...rest } = input;
  const fields = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return mutate(db, actor, ChangeAction.UPDATE, async (tx) => {
    const before = await existing(tx, id, 'Source document');
    if (before.kind !== NodeKind.SOURCE_DOCUMENT) {
      throw badInput(`id: "${id}" is not a source document; use updateNode`);
    }
    await lockDocument(tx, id);
    await updateDocument(tx, id, fields, addSentences);
    const added = addSentences.length > 0 ? ` and ${addSentences.length} sentence(s)` : '';
    return changed(tx, before, () => `updated source document "${before.name}"${added}`);
  });
}

export function createAgreement(db: Database, actor: Actor, input: CreateAgreementInput): Promise<Snapshot> {
  checkPeriod(input.periodStart, input.periodEnd);
  const parties = [...new Set(input.parties)];
  const facilitators = [...new Set(input.facilitators ?? [])];
  if (parties.length < 2) throw badInput('parties: an agreement needs at least two different parties');
  return mutate(db, actor, ChangeAction.CREATE, async (tx) => {
    await claimId(tx, input.id, NodeKind.AGREEMENT);
    const kinds = new Map(
      await requireLiveIds(tx, [
        ...parties.map((id, i) => ({ field: `parties[${i}]`, id })),
        ...facilitators.map((id, i) => ({ field: `facilitators[${i}]`, id })),
      ]),
    ).set(input.id, NodeKind.AGREEMENT);
    requireEnds(
      [
        ...parties.map((id, i) => ({ field: `parties[${i}]`, from: id, type: RelationType.PARTY_TO, to: input.id })),
        ...facilitators.map((id, i) => ({
          field: `facilitators[${i}]`,
          from: id,
          type: RelationType.FACILITATED,
          to: input.id,
        })),
      ],
      kinds,
    );
    const sources = await resolveSources(tx, input.sources);
    const properties: Record<string, PropertyValue> = { status: input.status, agreementType: input.agreementType };
    if (input.periodStart) properties.periodStart = input.periodStart;
    if (input.periodEnd) properties.periodEnd = input.periodEnd;
    const dataset = newNodeDataset({ ...input, kind: NodeKind.AGREEMENT, sources, properties });
    const relationship = (from: string, type: RelationType): DatasetRelationship => ({
      from,
      type,
      to: input.id,
      sources,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    });
    dataset.relationships.push(
      ...parties.map((id) => relationship(id, RelationType.PARTY_TO)),
      ...facilitators.map((id) => relationship(id, RelationType.FACILITATED)),
    );
    return create(tx, input.id, dataset, `created agreement "${input.name}" between ${parties.join(', ')}`, {
      concerns: [input.id, ...parties, ...facilitators],
      evidence: true,
    });
  });
}

/** A relationship as stored, as the API shows it. */
export const edgeOf = (stored: StoredRelationship): Relationship =>
  toEdge({
    id: stored.id,
    type: stored.type,
    source: stored.from,
    target: stored.to,
    periodStart: typeof stored.properties.periodStart === 'string' ? stored.properties.periodStart : null,
    periodEnd: typeof stored.properties.periodEnd === 'string' ? stored.properties.periodEnd : null,
    sourceRefs: Array.isArray(stored.properties.sourceRefs)
      ? stored.properties.sourceRefs.filter((ref): ref is string => typeof ref === 'string')
      : [],
  });

export function link(db: Database, actor: Actor, input: LinkInput): Promise<Relationship> {
  checkPeriod(input.periodStart, input.periodEnd);
  if (input.from === input.to) throw badInput('to: a relationship needs two different nodes');
  return mutate(db, actor, ChangeAction.LINK, async (tx) => {
    const kinds = await requireLiveIds(tx, [
      { field: 'from', id: input.from },
      { field: 'to', id: input.to },
    ]);
    requireEnds([{ field: 'type', from: input.from, type: input.type, to: input.to }], kinds);
    const sources = await resolveSources(tx, input.sources);
    const properties: Record<string, PropertyValue> = {};
    if (input.participantCount !== undefined && input.participantCount !== null)
      properties.participantCount = input.participantCount;
    if (input.note) properties.note = input.note;
    const relationship: DatasetRelationship = {
      from: input.from,
      type: input.type,
      to: input.to,
      sources,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      properties,
    };
    const id = relationshipId(relationship);
    const before = await readRelationship(tx, id);
    const dataset = emptyDataset();
    dataset.relationships.push(relationship);
    await writeDataset(tx, dataset);
    await refreshAfterRelationship(tx, input.type, input.from, input.to);
    const after = await readRelationship(tx, id);
    if (!after) throw new Error(`relationship "${id}" is missing right after it was written`);
    return {
      result: edgeOf(after),
      concerns: [input.from, input.to],
      summary: `${input.from} ${input.type} ${input.to}`,
      before,
      after,
    };
  });
}

export function unlink(db: Database, actor: Actor, id: string): Promise<boolean> {
  return mutate(db, actor, ChangeAction.UNLINK, async (tx) => {
    const before = await readRelationship(tx, id);
    if (!before) throw notFound('Relationship', id);
    await deleteRelationship(tx, id);
    await refreshAfterRelationship(tx, before.type, before.from, before.to);
    return {
      result: true,
      concerns: [before.from, before.to],
      summary: `removed ${before.from} ${before.type} ${before.to}`,
      before,
      after: null,
    };
  });
}

export function mergeNodes(db: Database, actor: Actor, survivorId: string, mergedId: string): Promise<Snapshot> {
  if (survivorId === mergedId) throw badInput('mergedId: a node cannot be merged into itself');
  return mutate(db, actor, ChangeAction.MERGE, async (tx) => {
    const survivor = await existing(tx, survivorId);
    const merged = await existing(tx, mergedId);
    if (survivor.kind !== merged.kind) {
      throw badInput(
        `mergedId: "${mergedId}" is ${merged.kind}, "${survivorId}" is ${survivor.kind}; only nodes of one kind merge`,
      );
    }
    await mergeInto(tx, survivorId, mergedId, merged.kind);
    await refreshAfterNodeChange(tx, survivor.kind, [survivorId, mergedId]);
    const after = await written(tx, survivorId);
    return {
      result: after,
      concerns: [survivorId, mergedId],
      summary: `merged "${merged.name}" (${mergedId}) into "${survivor.name}" (${survivorId})`,
      before: { survivor, merged },
      after,
    };
  });
}

export function deleteNode(db: Database, actor: Actor, id: string): Promise<boolean> {
  return mutate(db, actor, ChangeAction.DELETE, async (tx) => {
    const before = await existing(tx, id);
    await softDelete(tx, id, before.kind);
    await refreshAfterNodeChange(tx, before.kind, [id]);
    return { result: true, concerns: [id], summary: `deleted "${before.name}"`, before, after: null };
  });
}

export function restoreNode(db: Database, actor: Actor, id: string): Promise<Snapshot> {
  return mutate(db, actor, ChangeAction.RESTORE, async (tx) => {
    const before = await readDeleted(tx, id);
    if (!before) throw notFound('Deleted node', id);
    await restore(tx, id, before.kind);
    await refreshAfterNodeChange(tx, before.kind, [id]);
    const after = await written(tx, id);
    return { result: after, concerns: [id], summary: `restored "${before.name}"`, before: null, after };
  });
}
