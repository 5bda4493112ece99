/** Reading a node's relationships through the per-request loaders (batched across all parents). */
import type { Context } from '../../graphql/context';
import { Direction } from '../../graphql/enums';
import { RELATION_TYPES } from '../../model/graph-model';
import { relatedLoader, statementLoader } from './node.loaders';
import { toPeriod } from './node.mapper';
import type { RelatedEntry } from './node.repository';
import type { Node, Relationship, Source } from './node.types';
import type { RelationField, RelationSpec } from './relation-fields';

export function relatedEntries(ctx: Context, id: string, { types, direction }: RelationSpec): Promise<RelatedEntry[]> {
  return ctx.loaders.get(relatedLoader).load({ id, types, direction });
}

/** The nodes at the other end of a spec's relationships, without repeats (HELD_IN and VISITED may both lead to a city). */
export async function neighbours(ctx: Context, id: string, spec: RelationSpec): Promise<Node[]> {
  const entries = await relatedEntries(ctx, id, spec);
  const nodes = entries.map((entry) => entry.node).filter((node) => !spec.kinds || spec.kinds.includes(node.kind));
  return [...new Map(nodes.map((node) => [node.id, node])).values()];
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
    sourceRefs: rel.sourceRefs ?? [],
    participantCount: rel.participantCount ?? null,
    note: rel.note ?? null,
  };
}

/** The value of a relationship field of node `id`, in the shape its row declares. */
export async function resolveRelationField(
  ctx: Context,
  id: string,
  field: RelationField,
): Promise<Node[] | Node | Relationship[] | null> {
  switch (field.shape) {
    case 'many':
      return neighbours(ctx, id, field);
    case 'one':
      return (await neighbours(ctx, id, field))[0] ?? null;
    case 'relationships':
      return (await relatedEntries(ctx, id, field))
        .filter((entry) => !field.kinds || field.kinds.includes(entry.node.kind))
        .map(toRelationship);
  }
}

/** Statement ids to sources, through the batched statement loader. */
export async function sourcesOf(ctx: Context, refs: readonly string[]): Promise<Source[]> {
  const statements = await ctx.loaders.get(statementLoader).loadMany(refs);
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
