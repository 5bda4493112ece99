/** "Who partnered with whom": the root `partners` and `commonPartners` queries and `Node.partners`. */
import { ArrayMinSize, IsOptional, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { listOf, pageOf } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind } from '../../graphql/enums';
import { NodeIdField, NodeIdsField } from '../../graphql/fields';
import type { ConnectionShape } from '../../graphql/pagination';
import { badInput, notFound } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { parsePartialDate } from '../../shared/partial-date';
import { IsPartialDate } from '../../shared/validators';
import { fieldsAt, selectsPath } from '../nodes/lookahead';
import { propertiesFor } from '../nodes/node.mapper';
import { RelatedListArgs } from '../nodes/node.inputs';
import { nodeLoader } from '../nodes/node.loaders';
import { Node, Source } from '../nodes/node.types';
import { sourcesOf } from '../nodes/relations';
import { partnersLoader } from './partners.loaders';
import { findCommonPartners, type PartnerCursor, type PartnersKey } from './partners.repository';
import { Partnership, PartnershipConnection, PartnershipKind } from './partners.types';

@ArgsType()
class PartnerFilterArgs {
  @Field(() => Int, { nullable: true, description: `Page size (at most ${LIMITS.maxPageSize}).` })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.maxPageSize)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the partnerships after this cursor.' })
  after?: string;

  @Field(() => [PartnershipKind], { nullable: true, description: 'Only these ways of partnering (default: all).' })
  via?: PartnershipKind[];

  @Field(() => String, {
    nullable: true,
    description:
      'Only what was reported for a period overlapping this date, as precise as you give it: "2024", "2024-03" or "2024-03-15".',
  })
  @IsOptional()
  @IsPartialDate({ message: 'activeAt must be a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2024" or "2024-03-15"' })
  activeAt?: string;

  @Field(() => [NodeKind], { nullable: true, description: 'Only partners of these kinds (e.g. [UNIVERSITY]).' })
  partnerKinds?: NodeKind[];
}

@ArgsType()
class PartnersArgs extends PartnerFilterArgs {
  @NodeIdField('Whose partners: a node id such as "iecm".')
  of!: string;
}

@ArgsType()
class CommonPartnersArgs {
  @NodeIdsField(`Two to ${LIMITS.maxCommonPartnerIds} node ids.`, { max: LIMITS.maxCommonPartnerIds })
  @ArrayMinSize(2)
  ids!: string[];

  @Field(() => Int, { defaultValue: 50, description: `Most partners returned (at most ${LIMITS.maxPageSize}).` })
  @Min(1)
  @Max(LIMITS.maxPageSize)
  first: number = 50;
}

const CURSOR_PREFIX = 'partner:';

function encodeCursor(cursor: PartnerCursor): string {
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string | undefined): PartnerCursor | null {
  if (text === undefined || text === null) return null;
  const decoded = Buffer.from(text, 'base64url').toString();
  try {
    if (!decoded.startsWith(CURSOR_PREFIX)) throw new Error('not ours');
    const value: unknown = JSON.parse(decoded.slice(CURSOR_PREFIX.length));
    if (
      typeof value === 'object' &&
      value !== null &&
      'strength' in value &&
      typeof value.strength === 'number' &&
      Number.isFinite(value.strength) &&
      'lastDate' in value &&
      typeof value.lastDate === 'string' &&
      'sortKey' in value &&
      typeof value.sortKey === 'string' &&
      'id' in value &&
      typeof value.id === 'string'
    ) {
      return { strength: value.strength, lastDate: value.lastDate, sortKey: value.sortKey, id: value.id };
    }
  } catch {
    // Falls through to the coded error below.
  }
  throw badInput(`"${text}" is not a cursor returned by partners`, { argument: 'after' });
}

/** The page of partnerships of `id` the arguments ask for; NOT_FOUND when there is no such node. */
async function partnersPage(
  ctx: Context,
  id: string,
  args: PartnerFilterArgs,
  info: GraphQLResolveInfo,
): Promise<ConnectionShape<Partnership>> {
  const period = args.activeAt ? parsePartialDate(args.activeAt) : undefined;
  const key: PartnersKey = {
    id,
    via: args.via && args.via.length > 0 ? args.via : null,
    activeFrom: period?.firstDay ?? null,
    activeTo: period?.lastDay ?? null,
    partnerKinds: args.partnerKinds && args.partnerKinds.length > 0 ? args.partnerKinds : null,
    first: args.first ?? LIMITS.defaultPageSize,
    after: decodeCursor(args.after),
    // Asked for the evidence too: fetch its first nodes in the same query. Nodes carry only what is asked of them.
    evidence: selectsPath(info, ['edges', 'node', 'evidence']) ? LIMITS.defaultRelatedItems : 0,
    sources: selectsPath(info, ['edges', 'node', 'sources']),
    partnerProperties: propertiesFor(fieldsAt(info, ['edges', 'node', 'partner'])),
    evidenceProperties: propertiesFor(fieldsAt(info, ['edges', 'node', 'evidence'])),
  };
  const page = await ctx.loaders.get(partnersLoader).load(key);
  if (!page.exists) throw notFound('Node', id);
  const edges = page.partnerships.map((record) => ({
    cursor: encodeCursor(record.cursor),
    node: Object.assign(new Partnership(), {
      partner: record.partner,
      kinds: record.kinds,
      strength: record.strength,
      period: record.period,
      sources: [],
      evidenceIds: record.evidenceIds,
      prefetchedEvidence: record.evidence,
      sourceRefs: record.sourceRefs,
    }),
  }));
  return {
    totalCount: page.totalCount,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: key.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const PARTNERS_DESCRIPTION =
  'Who partnered with a node, how, and the agreements or events that prove it; strongest first (most shared ' +
  'agreements and events, then the most recent). Partnership is symmetric, and a node acts together with its parts.';

@Resolver()
export class PartnersQueriesResolver {
  @Query(() => PartnershipConnection, { complexity: pageOf(), description: PARTNERS_DESCRIPTION })
  partners(
    @Args() args: PartnersArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Partnership>> {
    return partnersPage(ctx, args.of, args, info);
  }

  @Query(() => [Node], {
    complexity: listOf(50),
    description: 'The partners that all the given nodes share (any way of partnering), strongest first.',
  })
  async commonPartners(@Args() { ids, first }: CommonPartnersArgs, @Ctx() ctx: Context): Promise<Node[]> {
    const unique = [...new Set(ids)];
    if (unique.length < 2) throw badInput('commonPartners needs at least two different ids', { argument: 'ids' });
    const { missing, partners } = await findCommonPartners(ctx.db, unique, first);
    const [unknown] = missing;
    if (unknown) throw notFound('Node', unknown);
    return partners;
  }
}

@Resolver(() => Node)
export class NodePartnersResolver {
  @FieldResolver(() => PartnershipConnection, { complexity: pageOf(), description: PARTNERS_DESCRIPTION })
  partners(
    @Root() node: Node,
    @Args() args: PartnerFilterArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Partnership>> {
    return partnersPage(ctx, node.id, args, info);
  }
}

@Resolver(() => Partnership)
export class PartnershipFieldsResolver {
  @FieldResolver(() => [Node], {
    complexity: listOf(LIMITS.defaultRelatedItems),
    description: 'The agreements or events that prove the partnership, in order.',
  })
  async evidence(
    @Root() partnership: Partnership,
    @Args() { first }: RelatedListArgs,
    @Ctx() ctx: Context,
  ): Promise<Node[]> {
    const ids = partnership.evidenceIds.slice(0, first);
    const prefetched = partnership.prefetchedEvidence;
    if (prefetched && prefetched.length >= ids.length) return prefetched.slice(0, ids.length);
    const nodes = await ctx.loaders.get(nodeLoader).loadMany(ids);
    return nodes.filter((node): node is Node => node !== null && !(node instanceof Error));
  }

  @FieldResolver(() => [Source], { complexity: listOf(LIMITS.defaultRelatedItems) })
  sources(
    @Root() partnership: Partnership,
    @Args() { first }: RelatedListArgs,
    @Ctx() ctx: Context,
  ): Promise<Source[]> {
    return sourcesOf(ctx, partnership.sourceRefs, first);
  }
}
