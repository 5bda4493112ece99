/** Root queries over nodes: look-up by id and the filtered, sorted, paginated lists. */
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Info, Query, Resolver, type ClassType } from 'type-graphql';
import { pageOf } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind, type AgreementStatus } from '../../graphql/enums';
import { Connection, offsetAfter, toConnection, type ConnectionShape } from '../../graphql/pagination';
import { NodeIdField, NodeIdsField } from '../../graphql/fields';
import { LIMITS } from '../../shared/limits';
import { normalizeText } from '../../shared/text';
import { AgreementListArgs, EventListArgs, NodeListArgs, NodeOrder, type NodeFilter } from './node.inputs';
import { fieldsAt, requestedRelations, selectsField } from './lookahead';
import { propertiesFor } from './node.mapper';
import { nodeLoader, primeStatements, relatedLoader } from './node.loaders';
import { findNodeWithSources, listNodes, type RelatedEntry, type RelatedKey, type SliceSpec } from './node.repository';
import { Agreement, City, Event, Node, Organization, University } from './node.types';
import { RELATION_FIELDS } from './relation-fields';

/** One list query: the field, the kind it lists, its filters (an ArgsType), and what it lists. */
interface NodeList {
  field: string;
  kind: NodeKind;
  type: ClassType<Node>;
  what: string;
  args: ClassType<NodeListArgs | AgreementListArgs | EventListArgs>;
  description: string;
}

const NODE_LISTS: NodeList[] = [
  {
    field: 'organizations',
    kind: NodeKind.ORGANIZATION,
    type: Organization,
    what: 'organization',
    args: NodeListArgs,
    description: 'Organizations (not universities).',
  },
  {
    field: 'universities',
    kind: NodeKind.UNIVERSITY,
    type: University,
    what: 'university',
    args: NodeListArgs,
    description: 'Universities.',
  },
  {
    field: 'agreements',
    kind: NodeKind.AGREEMENT,
    type: Agreement,
    what: 'agreement',
    args: AgreementListArgs,
    description: 'Agreements, signed or negotiated.',
  },
  {
    field: 'events',
    kind: NodeKind.EVENT,
    type: Event,
    what: 'event',
    args: EventListArgs,
    description: 'Events, series, tours and missions.',
  },
  { field: 'cities', kind: NodeKind.CITY, type: City, what: 'city', args: NodeListArgs, description: 'Cities.' },
];

@ArgsType()
class NodeIdsArgs {
  @NodeIdsField(`Node ids (at most ${LIMITS.maxPageSize}).`, { max: LIMITS.maxPageSize })
  ids!: string[];
}

@ArgsType()
class NodeIdArgs {
  @NodeIdField('The node id, e.g. "iecm".')
  id!: string;
}

/** The loader's key for `spec`'s slice of node `id` (a list's spec carries more than the key). */
const fieldSlice = (id: string, spec: SliceSpec): RelatedKey => ({
  id,
  types: spec.types,
  direction: spec.direction,
  kinds: spec.kinds,
  offset: spec.offset,
  limit: spec.limit,
  byType: spec.byType,
});

async function page(
  ctx: Context,
  info: GraphQLResolveInfo,
  kind: NodeKind,
  args: {
    first?: number;
    after?: string;
    filter?: NodeFilter & { status?: AgreementStatus; eventType?: string };
    orderBy?: NodeOrder;
  },
): Promise<ConnectionShape<Node>> {
  const offset = offsetAfter(args.after);
  const first = args.first ?? LIMITS.defaultPageSize;
  const { nameContains, ...filter } = args.filter ?? {};
  const order = args.orderBy ?? new NodeOrder();
  const prefetch = requestedRelations(info, RELATION_FIELDS[kind], RELATION_FIELDS);
  const result = await listNodes(
    ctx.db,
    { kind, ...filter, nameContains: nameContains === undefined ? undefined : normalizeText(nameContains) },
    { field: order.field, direction: order.direction },
    offset,
    first,
    prefetch,
    selectsField(info, 'totalCount'),
    propertiesFor(fieldsAt(info, ['edges', 'node'])),
  );
  // The field resolvers find these in the loader: no round trip for the page's relationships, nor for those of
  // their neighbours. Each slice is the whole answer to its key (the same order and limit as the loader's query);
  // its total is not known here and not needed (relationship fields are lists).
  const related = ctx.loaders.get(relatedLoader);
  const prime = (id: string, spec: SliceSpec, entries: RelatedEntry[]): void => {
    related.prime(fieldSlice(id, spec), { entries, totalCount: entries.length });
  };
  result.nodes.forEach((node, i) =>
    prefetch.forEach((spec, k) => {
      const entries = result.related[i]?.[k] ?? [];
      prime(node.id, spec, entries);
      for (const entry of entries) {
        spec.nested.forEach((slice, j) => prime(entry.node.id, slice, entry.related[j] ?? []));
      }
    }),
  );
  // Not asked for, the total is not counted; the field then says how many are known: up to this page.
  const known = offset + result.nodes.length + (result.hasNextPage ? 1 : 0);
  return toConnection(result.nodes, offset, result.totalCount ?? known, result.hasNextPage);
}

@Resolver()
export class NodeQueriesResolver {
  @Query(() => Node, { nullable: true, description: 'The node with this id, or null when there is none.' })
  async node(@Args() { id }: NodeIdArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Node | null> {
    const nodes = ctx.loaders.get(nodeLoader);
    if (!selectsField(info, 'sources')) return nodes.load(id);
    // Asked for its sources too: fetch them with the node, one round trip instead of two.
    const { node, statements } = await findNodeWithSources(ctx.db, id);
    if (node) nodes.prime(id, node);
    primeStatements(ctx.loaders, statements);
    return node;
  }

  @Query(() => [Node], {
    complexity: ({ args, childComplexity }) => 1 + (Array.isArray(args.ids) ? args.ids.length : 1) * childComplexity,
    description: 'Several nodes by id, in the order asked; unknown ids are left out.',
  })
  async nodes(@Args() { ids }: NodeIdsArgs, @Ctx() ctx: Context): Promise<Node[]> {
    const found = await ctx.loaders.get(nodeLoader).loadMany(ids);
    return found.filter((node): node is Node => node !== null && !(node instanceof Error));
  }
}

/** The list queries of NODE_LISTS, each a Relay connection of its kind. */
function nodeListsResolver(lists: NodeList[]): ClassType {
  @Resolver()
  class NodeListsResolver {}
  const prototype: object = NodeListsResolver.prototype;
  for (const list of lists) {
    const descriptor: PropertyDescriptor = {
      value: (args: NodeListArgs, ctx: Context, info: GraphQLResolveInfo) => page(ctx, info, list.kind, args),
      configurable: true,
    };
    Object.defineProperty(prototype, list.field, descriptor);
    Args(() => list.args)(prototype, list.field, 0);
    Ctx()(prototype, list.field, 1);
    Info()(prototype, list.field, 2);
    const connection = Connection(list.type, list.type.name, list.what);
    Query(() => connection, { complexity: pageOf(), description: list.description })(prototype, list.field, descriptor);
  }
  return NodeListsResolver;
}

export const NodeListsResolver = nodeListsResolver(NODE_LISTS);
