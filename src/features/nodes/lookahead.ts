/**
 * Lookahead: what a query asks for below the field being resolved, so its Cypher can fetch it in the same round
 * trip (a list's relationship fields, a node's sources, a partnership's evidence).
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { LIMITS } from '../../shared/limits';
import { NodeKind } from '../../graphql/enums';
import type { RelatedSpec, SliceSpec } from './node.repository';
import { NODE_TYPES } from './node.types';
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

/** The kind whose GraphQL type is `type`, or undefined for an interface (its fields depend on each node's kind). */
const KIND_OF_TYPE = new Map<unknown, NodeKind>(Object.values(NodeKind).map((kind) => [NODE_TYPES[kind], kind]));

/** The slices that the relation fields selected in `selections` ask for, against the fields of one kind. */
function slicesAsked(
  selections: readonly FieldNode[],
  table: Record<string, RelationField>,
  info: GraphQLResolveInfo,
): { spec: SliceSpec; row: RelationField; field: FieldNode }[] {
  return selections.flatMap((field) => {
    const row = table[field.name.value];
    if (!row) return [];
    // An out-of-range `first` fails the field's own validation; the prefetch stays within the bound meanwhile.
    const first = Math.min(intArgument(field, 'first', info) ?? LIMITS.defaultRelatedItems, LIMITS.maxRelatedItems);
    const limit = row.shape === 'one' ? 1 : Math.max(1, first);
    const spec: SliceSpec = {
      types: row.types,
      direction: row.direction,
      kinds: row.kinds ?? null,
      offset: 0,
      limit,
      byType: false,
    };
    return [{ spec, row, field }];
  });
}

/**
 * The relationship fields asked for on a connection's nodes (`edges { node { ... } }`), as the slices the list's
 * own query fetches: each field's types, direction and kinds, and as many items as its `first` asks for; and, for
 * a field whose neighbours have one type (agreements, events, cities), the relationship fields asked of those
 * neighbours in turn (an agreement's parties and facilitators). The fields of a neighbour typed by an interface
 * (`Node`), and anything deeper, are left to the loader.
 */
export function requestedRelations(
  info: GraphQLResolveInfo,
  table: Record<string, RelationField>,
  tables: Record<NodeKind, Record<string, RelationField>>,
): RelatedSpec[] {
  const specs = new Map<string, RelatedSpec>();
  const nodes = selectionsAt(info, ['edges', 'node']).flatMap((node) => fieldNodesOf(node.selectionSet, info));
  for (const { spec, row, field } of slicesAsked(nodes, table, info)) {
    const kind = row.shape === 'relationships' ? undefined : KIND_OF_TYPE.get(row.target());
    const nested = kind ? slicesAsked(fieldNodesOf(field.selectionSet, info), tables[kind], info) : [];
    const key = JSON.stringify(spec);
    const known = specs.get(key) ?? { ...spec, nested: [] };
    // The same field asked twice (aliases) fetches once, with what both ask of its neighbours.
    const nestedKeys = new Set(known.nested.map((slice) => JSON.stringify(slice)));
    for (const { spec: slice } of nested) if (!nestedKeys.has(JSON.stringify(slice))) known.nested.push(slice);
    specs.set(key, known);
  }
  return [...specs.values()];
}
