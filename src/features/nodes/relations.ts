/** Reading a node's relationships through the per-request loaders (batched across all parents). */
import type { Context } from '../../graphql/context';
import { relatedLoader, statementLoader } from './node.loaders';
import { toRelationship } from './node.mapper';
import type { RelatedEntry, RelatedKey } from './node.repository';
import type { Node, Relationship, Source } from './node.types';
import type { RelationField, RelationSpec } from './relation-fields';

/** The key of a relationship field's first `limit` relationships of node `id`, as the loader and lists use it. */
export const fieldKey = (id: string, spec: RelationSpec, limit: number): RelatedKey => ({
  id,
  types: spec.types,
  direction: spec.direction,
  kinds: spec.kinds ?? null,
  offset: 0,
  limit,
  byType: false,
});

export async function relatedEntries(ctx: Context, key: RelatedKey): Promise<RelatedEntry[]> {
  return (await ctx.loaders.get(relatedLoader).load(key)).entries;
}

/** The nodes at the other end, without repeats (HELD_IN and VISITED may both lead to one city). */
function neighbourNodes(entries: RelatedEntry[]): Node[] {
  return [...new Map(entries.map((entry) => [entry.node.id, entry.node])).values()];
}

/** A relationship of node `id`, read from that end. */
export function relationshipOf(id: string, entry: RelatedEntry): Relationship {
  const { rel, node } = entry;
  const [source, target] = rel.out ? [id, node.id] : [node.id, id];
  return toRelationship({ ...rel, source, target }, { id, other: node });
}

/** The value of a relationship field of node `id` (at most `first` items), in the shape its row declares. */
export async function resolveRelationField(
  ctx: Context,
  id: string,
  field: RelationField,
  first: number,
): Promise<Node[] | Node | Relationship[] | null> {
  switch (field.shape) {
    case 'many':
      return neighbourNodes(await relatedEntries(ctx, fieldKey(id, field, first)));
    case 'one':
      return (await relatedEntries(ctx, fieldKey(id, field, 1)))[0]?.node ?? null;
    case 'relationships':
      return (await relatedEntries(ctx, fieldKey(id, field, first))).map((entry) => relationshipOf(id, entry));
  }
}

/** Statement ids to sources (the first `first`), through the batched statement loader. */
export async function sourcesOf(ctx: Context, refs: readonly string[], first: number): Promise<Source[]> {
  const statements = await ctx.loaders.get(statementLoader).loadMany(refs.slice(0, first));
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
