/**
 * Which relationship fields a list query asks for on each of its nodes (`edges { node { ... } }`), so
 * the list's own Cypher query can fetch them: one round trip for the page and its relationships.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { RelationSpec } from './relation-fields';

/** The field names of a selection set, looking through inline fragments and fragment spreads. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, name?: string) {
  const found: { name: string; selectionSet?: SelectionSetNode }[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!name || selection.name.value === name)
          found.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return found;
}

/** Whether the field being resolved selects `name` (directly or through fragments). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((field) => fieldsOf(field.selectionSet, info, name).length > 0);
}

/** The distinct relationship specs behind the fields asked for on a connection's nodes. */
export function requestedRelations(
  info: GraphQLResolveInfo,
  table: Record<string, RelationSpec>,
): Pick<RelationSpec, 'types' | 'direction'>[] {
  const nodeSelections = info.fieldNodes
    .flatMap((field) => fieldsOf(field.selectionSet, info, 'edges'))
    .flatMap((edges) => fieldsOf(edges.selectionSet, info, 'node'));
  const specs = new Map<string, Pick<RelationSpec, 'types' | 'direction'>>();
  for (const node of nodeSelections) {
    for (const field of fieldsOf(node.selectionSet, info)) {
      const spec = table[field.name];
      // Only what the Cypher needs: the rows also hold GraphQL metadata that is no query parameter.
      if (spec)
        specs.set(`${spec.types.join(',')}|${spec.direction}`, { types: spec.types, direction: spec.direction });
    }
  }
  return [...specs.values()];
}
