/** "Who matters in this network": the root `networkMetrics` query and the fields that rank and split it. */
import { IsOptional, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { listOf, NETWORK_METRICS_COST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind } from '../../graphql/enums';
import { NodeIdsField } from '../../graphql/fields';
import { badInput, notFound } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { parsePartialDate } from '../../shared/partial-date';
import { IsPartialDate } from '../../shared/validators';
import { selectsField } from '../nodes/lookahead';
import { nodeLoader } from '../nodes/node.loaders';
import { Node } from '../nodes/node.types';
import { PartnershipKind } from '../partners/partners.types';
import { NetworkAnalysis, NetworkMetric } from './network-analysis';
import { NetworkCache } from './network-cache';
import { readSubgraph } from './network.repository';
import { CommunitySplit, NetworkCommunity, NetworkMetrics, NodeMetrics } from './network.types';

@ArgsType()
class SubgraphArgs {
  @Field(() => [NodeKind], {
    nullable: true,
    description: 'Only partnerships between nodes of these kinds (default: all).',
  })
  kinds?: NodeKind[];

  @Field(() => [PartnershipKind], { nullable: true, description: 'Only these ways of partnering (default: all).' })
  via?: PartnershipKind[];

  @Field(() => String, {
    nullable: true,
    description: 'Only what was reported for a period overlapping this date: "2024", "2024-03" or "2024-03-15".',
  })
  @IsOptional()
  @IsPartialDate({ message: 'activeAt must be a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2024" or "2024-03-15"' })
  activeAt?: string;
}

@ArgsType()
class RankArgs {
  @Field(() => NetworkMetric, { defaultValue: NetworkMetric.DEGREE, description: 'Highest first by this measure.' })
  orderBy: NetworkMetric = NetworkMetric.DEGREE;

  @Field(() => Int, { nullable: true, description: `How many nodes (at most ${LIMITS.maxPageSize}).` })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.maxPageSize)
  first?: number;

  @NodeIdsField('Only these nodes, e.g. those on screen (ranked among themselves).', {
    optional: true,
    max: LIMITS.maxPageSize,
  })
  ids?: string[];
}

@ArgsType()
class FirstArgs {
  @Field(() => Int, { nullable: true, description: `How many (at most ${LIMITS.maxPageSize}).` })
  @IsOptional()
  @Min(1)
  @Max(LIMITS.maxPageSize)
  first?: number;
}

const nonEmpty = <T>(list: T[] | undefined): T[] | null => (list && list.length > 0 ? list : null);

/** Betweenness computations one request may start (those already cached are free): aliases cannot multiply them. */
export const MAX_BETWEENNESS_PER_REQUEST = 2;

const cache = new NetworkCache();
/** The analyses whose betweenness each request started, by its context. */
const betweennessStarted = new WeakMap<Context, Set<NetworkAnalysis>>();

function startBetweenness(ctx: Context, analysis: NetworkAnalysis): Promise<void> {
  if (analysis.hasBetweenness) return Promise.resolve();
  const started = betweennessStarted.get(ctx) ?? new Set<NetworkAnalysis>();
  betweennessStarted.set(ctx, started);
  if (!started.has(analysis)) {
    if (started.size >= MAX_BETWEENNESS_PER_REQUEST) {
      throw badInput(
        `One request may compute betweenness on at most ${MAX_BETWEENNESS_PER_REQUEST} different networks: split it`,
        { limit: MAX_BETWEENNESS_PER_REQUEST },
      );
    }
    started.add(analysis);
  }
  return analysis.computeBetweennessOffThread();
}

@Resolver(() => NetworkMetrics)
export class NetworkResolver {
  @Query(() => NetworkMetrics, {
    complexity: ({ childComplexity }) => NETWORK_METRICS_COST + childComplexity,
    description:
      'Degree, weighted degree, betweenness and communities of the partnership network between the chosen nodes. ' +
      'A network of more partnerships than the server allows (METRICS_MAX_RELATIONSHIPS) is refused: narrow it.',
  })
  async networkMetrics(@Args() args: SubgraphArgs, @Ctx() ctx: Context): Promise<NetworkMetrics> {
    const period = args.activeAt ? parsePartialDate(args.activeAt) : undefined;
    const max = ctx.metrics.maxRelationships;
    const filter = {
      kinds: nonEmpty(args.kinds)?.slice().sort() ?? null,
      via: nonEmpty(args.via)?.slice().sort() ?? null,
      activeFrom: period?.firstDay ?? null,
      activeTo: period?.lastDay ?? null,
    };
    const analysis = await cache.get(JSON.stringify([filter, max]), ctx.db.writeGeneration, async () => {
      const relationships = await readSubgraph(ctx.db, filter, max);
      return relationships && new NetworkAnalysis([], relationships);
    });
    if (!analysis) {
      throw badInput(`The network has more than ${max} partnerships: narrow it with kinds, via or activeAt`, {
        limit: max,
      });
    }
    return new NetworkMetrics(analysis);
  }

  @FieldResolver(() => [NodeMetrics], {
    complexity: listOf(),
    description: 'Its nodes, highest first by the chosen measure (ties by id).',
  })
  async nodes(
    @Root() network: NetworkMetrics,
    @Args() { orderBy, first, ids }: RankArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<NodeMetrics[]> {
    const needsBetweenness =
      orderBy === NetworkMetric.BETWEENNESS ||
      selectsField(info, 'betweenness') ||
      selectsField(info, 'normalizedBetweenness');
    if (needsBetweenness) await startBetweenness(ctx, network.analysis);
    const ranked = network.analysis.ranking(orderBy);
    const wanted = ids ? new Set(ids) : null;
    return (wanted ? ranked.filter((id) => wanted.has(id)) : ranked)
      .slice(0, first ?? LIMITS.defaultPageSize)
      .map((id) => new NodeMetrics(network.analysis, id));
  }

  @FieldResolver(() => CommunitySplit, { description: 'Its split into communities (Louvain, weighted, seeded).' })
  communities(@Root() network: NetworkMetrics): CommunitySplit {
    const split = network.analysis.communities();
    return Object.assign(new CommunitySplit(), {
      modularity: split.modularity,
      count: split.communities.length,
      all: split.communities.map(({ id, members }) =>
        Object.assign(new NetworkCommunity(), { id, size: members.length, memberIds: members }),
      ),
    });
  }
}

@Resolver(() => CommunitySplit)
export class CommunitySplitFieldsResolver {
  @FieldResolver(() => [NetworkCommunity], { complexity: listOf(), description: 'The largest communities first.' })
  communities(@Root() split: CommunitySplit, @Args() { first }: FirstArgs): NetworkCommunity[] {
    return split.all.slice(0, first ?? LIMITS.defaultPageSize);
  }
}

@Resolver(() => NetworkCommunity)
export class NetworkCommunityFieldsResolver {
  @FieldResolver(() => [Node], { complexity: listOf(), description: 'Its members, most tied first.' })
  async members(
    @Root() community: NetworkCommunity,
    @Args() { first }: FirstArgs,
    @Ctx() ctx: Context,
  ): Promise<Node[]> {
    const ids = community.memberIds.slice(0, first ?? LIMITS.defaultPageSize);
    const nodes = await ctx.loaders.get(nodeLoader).loadMany(ids);
    return nodes.flatMap((node) => (node instanceof Node ? [node] : []));
  }
}

@Resolver(() => NodeMetrics)
export class NodeMetricsFieldsResolver {
  @FieldResolver(() => Node, { description: 'The node.' })
  async node(@Root() metrics: NodeMetrics, @Ctx() ctx: Context): Promise<Node> {
    const node = await ctx.loaders.get(nodeLoader).load(metrics.id);
    if (!node) throw notFound('Node', metrics.id);
    return node;
  }
}

export const NETWORK_RESOLVERS = [
  NetworkResolver,
  CommunitySplitFieldsResolver,
  NetworkCommunityFieldsResolver,
  NodeMetricsFieldsResolver,
] as const;
