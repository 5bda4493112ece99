/**
 * The write operations. Each is one transaction: checks, the write and its history record commit
 * together, so a failing mutation changes nothing.
 */
import type { Database } from '../../db/database';
import { NodeKind, RelationType } from '../../model/graph-model';
import type { Principal } from '../../shared/auth';
import { badInput, notFound } from '../../shared/errors';
import { parsePartialDate } from '../../shared/partial-date';
import { relationshipId, type Dataset, type DatasetRelationship, type PropertyValue } from '../dataset/dataset-format';
import { writeDataset } from '../dataset/dataset.repository';
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
  recordChange,
  requireLiveIds,
  requireUnusedId,
  resolveSources,
  restore,
  softDelete,
  updateDocument,
  updateNodeProperties,
} from './curation.repository';

/** Kinds with a dedicated mutation (createAgreement, createSourceDocument). */
const DEDICATED_KINDS = new Set([NodeKind.AGREEMENT, NodeKind.SOURCE_DOCUMENT]);

const emptyDataset = (): Dataset => ({ format: 'iecm-graph/1', sources: [], nodes: [], relationships: [] });

/** The given details as plain properties (class instances and undefined values left out). */
function detailsOf(details: NodeDetailsInput | undefined): Record<string, PropertyValue> {
  return Object.fromEntries(
    Object.entries(details ?? {}).filter(
      (entry): entry is [string, PropertyValue] => entry[1] !== undefined && entry[1] !== null,
    ),
  );
}

function checkPeriod(start: string | undefined, end: string | undefined): void {
  const first = start ? parsePartialDate(start) : undefined;
  const last = end ? parsePartialDate(end) : undefined;
  if (first && last && first.firstDay > last.lastDay) {
    throw badInput('periodEnd must not be before periodStart', {
      fields: [{ field: 'periodEnd', message: 'before periodStart' }],
    });
  }
}

export async function createNode(db: Database, actor: Principal, input: CreateNodeInput): Promise<string> {
  if (DEDICATED_KINDS.has(input.kind)) {
    throw badInput(
      `kind: use ${input.kind === NodeKind.AGREEMENT ? 'createAgreement' : 'createSourceDocument'} for ${input.kind}`,
    );
  }
  const properties = detailsOf(input.details);
  checkPeriod(input.details?.periodStart, input.details?.periodEnd);
  return db.write(async (tx) => {
    await requireUnusedId(tx, input.id);
    const sources = await resolveSources(tx, input.sources);
    const dataset = emptyDataset();
    dataset.nodes.push({
      id: input.id,
      kind: input.kind,
      name: input.name,
      aliases: input.aliases ?? [],
      sources,
      properties,
    });
    await writeDataset(tx, dataset);
    await recordChange(
      tx,
      actor,
      'CREATE',
      [input.id],
      `created ${input.kind} "${input.name}"`,
      null,
      await readSnapshot(tx, input.id),
    );
    return input.id;
  });
}

export async function updateNode(db: Database, actor: Principal, id: string, input: UpdateNodeInput): Promise<string> {
  return db.write(async (tx) => {
    const before = await readSnapshot(tx, id);
    if (!before) throw notFound('Node', id);
    const details = detailsOf(input.details);
    checkPeriod(
      (details.periodStart ?? before.periodStart) as string | undefined,
      (details.periodEnd ?? before.periodEnd) as string | undefined,
    );
    const sourceRefs = await resolveSources(tx, input.sources);
    await updateNodeProperties(tx, id, before, { name: input.name, aliases: input.aliases, details, sourceRefs });
    await recordChange(
      tx,
      actor,
      'UPDATE',
      [id],
      `updated "${input.name ?? before.name}"`,
      before,
      await readSnapshot(tx, id),
    );
    return id;
  });
}

export async function createSourceDocument(
  db: Database,
  actor: Principal,
  input: CreateSourceDocumentInput,
): Promise<string> {
  return db.write(async (tx) => {
    await requireUnusedId(tx, input.id);
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
    await writeDataset(tx, dataset);
    await recordChange(
      tx,
      actor,
      'CREATE',
      [input.id],
      `created source document "${input.title}"`,
      null,
      await readSnapshot(tx, input.id),
    );
    return input.id;
  });
}

export async function updateSourceDocument(
  db: Database,
  actor: Principal,
  id: string,
  input: UpdateSourceDocumentInput,
): Promise<string> {
  const { addSentences = [], ...rest } = input;
  const fields = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => entry[1] != null),
  );
  return db.write(async (tx) => {
    const before = await readSnapshot(tx, id);
    if (!before) throw notFound('Source document', id);
    if (before.kind !== NodeKind.SOURCE_DOCUMENT)
      throw badInput(`id: "${id}" is not a source document; use updateNode`);
    await updateDocument(tx, id, fields, addSentences);
    const added = addSentences.length > 0 ? ` and ${addSentences.length} sentence(s)` : '';
    await recordChange(
      tx,
      actor,
      'UPDATE',
      [id],
      `updated source document "${String(before.name)}"${added}`,
      before,
      await readSnapshot(tx, id),
    );
    return id;
  });
}

export async function createAgreement(db: Database, actor: Principal, input: CreateAgreementInput): Promise<string> {
  checkPeriod(input.periodStart, input.periodEnd);
  const parties = [...new Set(input.parties)];
  const facilitators = [...new Set(input.facilitators ?? [])];
  if (parties.length < 2) throw badInput('parties: an agreement needs at least two different parties');
  return db.write(async (tx) => {
    await requireUnusedId(tx, input.id);
    await requireLiveIds(tx, [
      ...parties.map((id, i) => ({ field: `parties[${i}]`, id })),
      ...facilitators.map((id, i) => ({ field: `facilitators[${i}]`, id })),
    ]);
    const sources = await resolveSources(tx, input.sources);
    const period = { periodStart: input.periodStart, periodEnd: input.periodEnd };
    const properties: Record<string, PropertyValue> = { status: input.status, agreementType: input.agreementType };
    if (input.periodStart) properties.periodStart = input.periodStart;
    if (input.periodEnd) properties.periodEnd = input.periodEnd;
    const dataset = emptyDataset();
    dataset.nodes.push({
      id: input.id,
      kind: NodeKind.AGREEMENT,
      name: input.name,
      aliases: input.aliases ?? [],
      sources,
      properties,
    });
    const relationship = (from: string, type: RelationType): DatasetRelationship => ({
      from,
      type,
      to: input.id,
      sources,
      ...period,
    });
    dataset.relationships.push(
      ...parties.map((id) => relationship(id, RelationType.PARTY_TO)),
      ...facilitators.map((id) => relationship(id, RelationType.FACILITATED)),
    );
    await writeDataset(tx, dataset);
    await recordChange(
      tx,
      actor,
      'CREATE',
      [input.id, ...parties, ...facilitators],
      `created agreement "${input.name}" between ${parties.join(', ')}`,
      null,
      await readSnapshot(tx, input.id),
    );
    return input.id;
  });
}

export async function link(db: Database, actor: Principal, input: LinkInput): Promise<string> {
  checkPeriod(input.periodStart, input.periodEnd);
  if (input.from === input.to) throw badInput('to: a relationship needs two different nodes');
  return db.write(async (tx) => {
    await requireLiveIds(tx, [
      { field: 'from', id: input.from },
      { field: 'to', id: input.to },
    ]);
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
    await recordChange(
      tx,
      actor,
      'LINK',
      [input.from, input.to],
      `${input.from} ${input.type} ${input.to}`,
      before,
      await readRelationship(tx, id),
    );
    return id;
  });
}

export async function unlink(db: Database, actor: Principal, id: string): Promise<boolean> {
  return db.write(async (tx) => {
    const before = await readRelationship(tx, id);
    if (!before) throw notFound('Relationship', id);
    await deleteRelationship(tx, id);
    await recordChange(
      tx,
      actor,
      'UNLINK',
      [before.from, before.to],
      `removed ${before.from} ${before.type} ${before.to}`,
      before,
      null,
    );
    return true;
  });
}

export async function mergeNodes(
  db: Database,
  actor: Principal,
  survivorId: string,
  mergedId: string,
): Promise<string> {
  if (survivorId === mergedId) throw badInput('mergedId: a node cannot be merged into itself');
  return db.write(async (tx) => {
    const survivor = await readSnapshot(tx, survivorId);
    if (!survivor) throw notFound('Node', survivorId);
    const merged = await readSnapshot(tx, mergedId);
    if (!merged) throw notFound('Node', mergedId);
    if (survivor.kind !== merged.kind) {
      throw badInput(
        `mergedId: "${mergedId}" is ${String(merged.kind)}, "${survivorId}" is ${String(survivor.kind)}; only nodes of one kind merge`,
      );
    }
    await mergeInto(tx, survivorId, mergedId, merged.kind as NodeKind);
    await recordChange(
      tx,
      actor,
      'MERGE',
      [survivorId, mergedId],
      `merged "${String(merged.name)}" (${mergedId}) into "${String(survivor.name)}" (${survivorId})`,
      { survivor, merged },
      await readSnapshot(tx, survivorId),
    );
    return survivorId;
  });
}

export async function deleteNode(db: Database, actor: Principal, id: string): Promise<boolean> {
  return db.write(async (tx) => {
    const before = await readSnapshot(tx, id);
    if (!before) throw notFound('Node', id);
    await softDelete(tx, id, before.kind as NodeKind);
    await recordChange(tx, actor, 'DELETE', [id], `deleted "${String(before.name)}"`, before, null);
    return true;
  });
}

export async function restoreNode(db: Database, actor: Principal, id: string): Promise<string> {
  return db.write(async (tx) => {
    const before = await readDeleted(tx, id);
    if (!before) throw notFound('Deleted node', id);
    await restore(tx, id, before.kind as NodeKind);
    await recordChange(
      tx,
      actor,
      'RESTORE',
      [id],
      `restored "${String(before.name)}"`,
      null,
      await readSnapshot(tx, id),
    );
    return id;
  });
}
