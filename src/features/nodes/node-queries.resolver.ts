/** Root queries over nodes: look-up by id and the filtered, sorted, paginated lists. */
import { Matches } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, Info, Query, Resolver } from 'type-graphql';
import { pageOf } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind } from '../../graphql/enums';
import { Connection, offsetAfter, toConnection, type ConnectionShape } from '../../graphql/pagination';
import { SLUG_PATTERN } from '../../model/graph-model';
import { LIMITS } from '../../shared/limits';
import { normalizeText } from '../../shared/text';
import { AgreementListArgs, EventListArgs, NodeListArgs, NodeOrder, type NodeFilter } from './node.inputs';
import { requestedRelations, selectsField } from './lookahead';
import { nodeLoader, primeStatements, relatedLoader } from './node.loaders';
import { findNodeWithSources, listNodes } from './node.repository';
import { Agreement, City, Event, Node, Organization, University } from './node.types';
import { RELATION_FIELDS } from './relation-fields';

export const OrganizationConnection = Connection(Organization, 'Organization', 'organization');
export const UniversityConnection = Connection(University, 'University', 'university');
export const AgreementConnection = Connection(Agreement, 'Agreement', 'agreement');
export const EventConnection = Connection(Event, 'Event', 'event');
export const CityConnection = Connection(City, 'City', 'city');

@ArgsType()
class NodeIdArgs {
  @Field(() => ID, { description: 'The node id, e.g. "iecm".' })
  @Matches(SLUG_PATTERN, { message: 'id must be a slug such as "iecm"' })
  id!: string;
}

async function page(
  ctx: Context,
  info: GraphQLResolveInfo,
  kind: NodeKind,
  args: {
    first?: number;
    after?: string;
    filter?: NodeFilter & { status?: string; eventType?: string };
    orderBy?: NodeOrder;
  },
): Promise<ConnectionShape<Node>> {
  const offset = offsetAfter(args.after);
  const first = args.first ?? LIMITS.defaultPageSize;
  const { nameContains, ...filter } = args.filter ?? {};
  const order = args.orderBy ?? new NodeOrder();
  const prefetch = requestedRelations(info, RELATION_FIELDS[kind]);
  const result = await listNodes(
    ctx.db,
    { kind, ...filter, nameContains: nameContains === undefined ? undefined : normalizeText(nameContains) },
    { field: order.field, direction: order.direction },
    offset,
    first,
    prefetch,
  );
  // The field resolvers find these in the loader: no second round trip for the page's relationships.
  const related = ctx.loaders.get(relatedLoader);
  result.nodes.forEach((node, i) =>
    prefetch.forEach(({ types, direction }, k) =>
      related.prime({ id: node.id, types, direction }, result.related[i]?.[k] ?? []),
    ),
  );
  return toConnection(result.nodes, offset, result.totalCount);
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

  @Query(() => OrganizationConnection, { complexity: pageOf(), description: 'Organizations (not universities).' })
  organizations(
    @Args() args: NodeListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Node>> {
    return page(ctx, info, NodeKind.ORGANIZATION, args);
  }

  @Query(() => UniversityConnection, { complexity: pageOf(), description: 'Universities.' })
  universities(
    @Args() args: NodeListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Node>> {
    return page(ctx, info, NodeKind.UNIVERSITY, args);
  }

  @Query(() => AgreementConnection, { complexity: pageOf(), description: 'Agreements, signed or negotiated.' })
  agreements(
    @Args() args: AgreementListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Node>> {
    return page(ctx, info, NodeKind.AGREEMENT, args);
  }

  @Query(() => EventConnection, { complexity: pageOf(), description: 'Events, series, tours and missions.' })
  events(
    @Args() args: EventListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Node>> {
    return page(ctx, info, NodeKind.EVENT, args);
  }

  @Query(() => CityConnection, { complexity: pageOf(), description: 'Cities.' })
  cities(
    @Args() args: NodeListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Node>> {
    return page(ctx, info, NodeKind.CITY, args);
  }

  @Query(() => [Node], { description: 'Several nodes by id, in the order asked; unknown ids are left out.' })
  async nodes(
    @Arg('ids', () => [ID], { description: `Node ids (at most ${LIMITS.maxPageSize}).` }) ids: string[],
    @Ctx() ctx: Context,
  ): Promise<Node[]> {
    const found = await ctx.loaders.get(nodeLoader).loadMany(ids.slice(0, LIMITS.maxPageSize));
    return found.filter((node): node is Node => node !== null && !(node instanceof Error));
  }
}
