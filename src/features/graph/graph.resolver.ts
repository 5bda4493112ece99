/** Paths, neighbourhoods and counts: the queries relationship explorers draw from. */
import { ArrayMaxSize, IsOptional, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, Info, Int, Query, Resolver } from 'type-graphql';
import { ALGORITHM_COST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind, RelationType } from '../../graphql/enums';
import { isNodeKind, isRelationType } from '../../model/graph-model';
import { NodeIdField, NodeIdsField } from '../../graphql/fields';
import { notFound } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { readGraphCounts } from '../dataset/dataset.repository';
import { fieldsAt } from '../nodes/lookahead';
import { propertiesFor } from '../nodes/node.mapper';
import { edgePropertiesFor, findNeighborhood, findShortestPath, findSubgraph } from './graph.repository';
import { GraphStats, Path, Subgraph } from './graph.types';

/** Bookkeeping relationships that would otherwise short-circuit every path through the report. */
const NOT_ON_PATHS_BY_DEFAULT = new Set([RelationType.REPORTED_IN, RelationType.REPORTS_ON]);
const DEFAULT_PATH_TYPES = Object.values(RelationType).filter((type) => !NOT_ON_PATHS_BY_DEFAULT.has(type));

@ArgsType()
class PathArgs {
  @NodeIdField('Start node id.')
  from!: string;

  @NodeIdField('End node id.')
  to!: string;

  @Field(() => Int, { defaultValue: 4, description: `Longest path accepted (1 to ${LIMITS.maxPathHops}).` })
  @Min(1)
  @Max(LIMITS.maxPathHops)
  maxHops: number = 4;

  @Field(() => [RelationType], {
    nullable: true,
    description: 'Relationship types the path may use; default: all but REPORTED_IN and REPORTS_ON.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  via?: RelationType[];
}

@ArgsType()
class NeighborhoodArgs {
  @NodeIdField('The centre node id.')
  id!: string;

  @Field(() => Int, { defaultValue: 1, description: `Hops from the centre (1 to ${LIMITS.maxNeighborhoodDepth}).` })
  @Min(1)
  @Max(LIMITS.maxNeighborhoodDepth)
  depth: number = 1;

  @Field(() => [RelationType], { nullable: true, description: 'Only these relationship types (default: all).' })
  @IsOptional()
  @ArrayMaxSize(50)
  relationTypes?: RelationType[];

  @Field(() => [NodeKind], { nullable: true, description: 'Only nodes of these kinds besides the centre.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NodeKind[];

  @Field(() => Int, { defaultValue: 200, description: `Most nodes returned (1 to ${LIMITS.maxNeighborhoodNodes}).` })
  @Min(1)
  @Max(LIMITS.maxNeighborhoodNodes)
  limit: number = 200;
}

@ArgsType()
class SubgraphArgs {
  @NodeIdsField(`Node ids (at most ${LIMITS.maxNeighborhoodNodes}); ids of no live node are left out.`, {
    max: LIMITS.maxNeighborhoodNodes,
  })
  ids!: string[];
}

const nonEmpty = <T>(list: T[] | undefined): T[] | null => (list && list.length > 0 ? list : null);

@Resolver()
export class GraphQueriesResolver {
  @Query(() => Path, {
    nullable: true,
    complexity: ({ childComplexity }) => ALGORITHM_COST + LIMITS.maxPathHops * childComplexity,
    description: 'The shortest path between two nodes, in order; null when there is none within maxHops.',
  })
  async path(@Args() { from, to, maxHops, via }: PathArgs, @Ctx() ctx: Context): Promise<Path | null> {
    const result = await findShortestPath(ctx.db, from, to, nonEmpty(via) ?? DEFAULT_PATH_TYPES);
    if (!result.fromExists) throw notFound('Node', from);
    if (!result.toExists) throw notFound('Node', to);
    if (!result.path || result.path.edges.length > maxHops) return null;
    return { length: result.path.edges.length, ...result.path };
  }

  @Query(() => Subgraph, {
    // Up to `limit` nodes, each asked what the selection asks of it (edges are priced like nodes).
    complexity: ({ args, childComplexity }) =>
      ALGORITHM_COST + (typeof args.limit === 'number' ? args.limit : 200) * childComplexity,
    description: 'The nodes within `depth` hops of a node and the relationships among them, ready to draw.',
  })
  async neighborhood(
    @Args() args: NeighborhoodArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Subgraph> {
    const subgraph = await findNeighborhood(
      ctx.db,
      args.id,
      args.depth,
      nonEmpty(args.relationTypes),
      nonEmpty(args.kinds),
      args.limit,
      // Only what the selection reads of the nodes and edges.
      propertiesFor(fieldsAt(info, ['nodes'])),
      edgePropertiesFor(fieldsAt(info, ['edges'])),
    );
    if (!subgraph) throw notFound('Node', args.id);
    return subgraph;
  }

  @Query(() => Subgraph, {
    complexity: ({ args, childComplexity }) =>
      ALGORITHM_COST + (Array.isArray(args.ids) ? args.ids.length : 1) * childComplexity,
    description:
      'The given nodes and every relationship between two of them: what an explorer draws to link a node to those on screen, or to open a saved map.',
  })
  async subgraph(@Args() { ids }: SubgraphArgs, @Ctx() ctx: Context): Promise<Subgraph> {
    return { ...(await findSubgraph(ctx.db, ids)), truncated: false };
  }

  @Query(() => GraphStats, { description: 'Counts of nodes per kind and relationships per type.' })
  async stats(@Ctx() ctx: Context): Promise<GraphStats> {
    const counts = await readGraphCounts(ctx.db);
    return {
      nodes: counts.nodes,
      relationships: counts.relationships,
      statements: counts.statements,
      nodesByKind: Object.entries(counts.nodesByKind).flatMap(([kind, count]) =>
        isNodeKind(kind) ? [{ kind, count }] : [],
      ),
      relationshipsByType: Object.entries(counts.relationshipsByType).flatMap(([type, count]) =>
        isRelationType(type) ? [{ type, count }] : [],
      ),
    };
  }
}
