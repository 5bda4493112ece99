/**
 * Lookahead: what a query asks for below the field being resolved, so its Cypher can fetch it in the same round
 * trip (a list's relationship fields, a node's sources, a partnership's evidence).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { LIMITS } from '../../shared/limits';
import type { RelatedSpec } from './node.repository';
import type { RelationField } from './relation-fields';

/** The fields of a selection set, looking through inline fragments and fragment spreads. */
function fieldNodesOf(
  selectionSet: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  name?: string,
): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!name || selection.name.value === name) found.push(selection);
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

/** The selections reached from the field being resolved by following `path` (field names, through fragments). */
function selectionsAt(info: GraphQLResolveInfo, path: string[]): readonly FieldNode[] {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) level = level.flatMap((field) => fieldNodesOf(field.selectionSet, info, name));
  return level;
}

/** The names of the fields selected at `path` below the field being resolved, on any type (through fragments). */
export function fieldsAt(info: GraphQLResolveInfo, path: string[]): Set<string> {
  return new Set(
    selectionsAt(info, path)
      .flatMap((field) => fieldNodesOf(field.selectionSet, info))
      .map((field) => field.name.value),
  );
}

/** Whether the field being resolved selects `name` (directly or through fragments). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectionsAt(info, [name]).length > 0;
}

/** Whether the field being resolved selects the field at `path`, e.g. ['edges', 'node', 'evidence']. */
export function selectsPath(info: GraphQLResolveInfo, path: string[]): boolean {
  return selectionsAt(info, path).length > 0;
}

/** The value of integer argument `name` of a field node (a literal or a variable), or undefined. */
function intArgument(field: FieldNode, name: string, info: GraphQLResolveInfo): number | undefined {
  const argument = field.arguments?.find((candidate) => candidate.name.value === name);
  if (!argument) return undefined;
  const value = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const variable: unknown = info.variableValues[value.name.value];
    return typeof variable === 'number' ? variable : undefined;
  }
  return undefined;
}

/**
 * The relationship fields asked for on a connection's nodes (`edges { node { ... } }`), as the slices the list's
 * own query fetches: each field's types, direction and kinds, and as many items as its `first` asks for.
 */
export function requestedRelations(info: GraphQLResolveInfo, table: Record<string, RelationField>): RelatedSpec[] {
  const specs = new Map<string, RelatedSpec>();
  for (const node of selectionsAt(info, ['edges', 'node'])) {
    for (const field of fieldNodesOf(node.selectionSet, info)) {
      const row = table[field.name.value];
      if (!row) continue;
      const limit = row.shape === 'one' ? 1 : (intArgument(field, 'first', info) ?? LIMITS.defaultRelatedItems);
      const spec: RelatedSpec = {
        types: row.types,
        direction: row.direction,
        kinds: row.kinds ?? null,
        offset: 0,
        limit,
        byType: false,
      };
      specs.set(JSON.stringify(spec), spec);
    }
  }
  return [...specs.values()];
}
