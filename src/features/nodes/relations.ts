/** Reading a node's relationships through the per-request loaders (batched across all parents). */
import type { Context } from '../../graphql/context';
import { Direction } from '../../graphql/enums';
import { RELATION_TYPES } from '../../model/graph-model';
import { toPeriod } from './node.mapper';
import type { RelatedEntry } from './node.repository';
import type { Node, Relationship, Source } from './node.types';
import type { RelationSpec } from './relation-fields';

export function relatedEntries(ctx: Context, id: string, { types, direction }: RelationSpec): Promise<RelatedEntry[]> {
  return ctx.loaders.related.load({ id, types, direction });
}

/** The nodes at the other end of a relationship field's relationships. */
export async function neighbours<T extends Node = Node>(ctx: Context, id: string, spec: RelationSpec): Promise<T[]> {
  const entries = await relatedEntries(ctx, id, spec);
  const nodes = entries.map((entry) => entry.node).filter((node) => !spec.kinds || spec.kinds.includes(node.kind));
  // The same neighbour can be reached by two relationship types (e.g. HELD_IN and VISITED).
  return [...new Map(nodes.map((node) => [node.id, node as T])).values()];
}

export async function firstNeighbour<T extends Node = Node>(
  ctx: Context,
  id: string,
  spec: RelationSpec,
): Promise<T | null> {
  return (await neighbours<T>(ctx, id, spec))[0] ?? null;
}

export function toRelationship(entry: RelatedEntry): Relationship {
  const { rel, node } = entry;
  return {
    id: rel.id,
    type: rel.type,
    label: RELATION_TYPES[rel.type]?.label ?? rel.type,
    direction: rel.out ? Direction.OUT : Direction.IN,
    node,
    period: toPeriod(rel.periodStart, rel.periodEnd),
    sources: [],
    sourceRefs: (rel.sourceRefs as string[] | undefined) ?? [],
    participantCount: (rel.participantCount as number | undefined) ?? null,
    note: (rel.note as string | undefined) ?? null,
  };
}

/** Statement ids to sources, through the batched statement loader. */
export async function sourcesOf(ctx: Context, refs: readonly string[]): Promise<Source[]> {
  const statements = await ctx.loaders.statement.loadMany(refs);
  return statements.flatMap((statement) =>
    statement && !(statement instanceof Error)
      ? [
          {
            statementId: statement.id,
            position: statement.position,
            sentence: statement.text,
            documentId: statement.documentId,
          },
        ]
      : [],
  );
}
