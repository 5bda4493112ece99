/** "Who partnered with whom": the root `partners` and `commonPartners` queries and `Node.partners`. */
import { ArrayMinSize } from 'class-validator';
import { GraphQLDate } from 'graphql-scalars';
import { Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { pageOf, RELATED_LIST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { PageArgs, paginateList, type ConnectionShape } from '../../graphql/pagination';
import { NodeIdField, NodeIdsField } from '../../graphql/fields';
import { badInput, notFound } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { Node, Source } from '../nodes/node.types';
import { sourcesOf } from '../nodes/relations';
import { partnersLoader } from './partners.loaders';
import { Partnership, PartnershipConnection, PartnershipKind } from './partners.types';

@ArgsType()
class PartnerFilterArgs extends PageArgs {
  @Field(() => [PartnershipKind], { nullable: true, description: 'Only these ways of partnering (default: all).' })
  via?: PartnershipKind[];

  @Field(() => GraphQLDate, {
    nullable: true,
    description: 'Only partnerships whose reported period includes this day (YYYY-MM-DD).',
  })
  activeAt?: Date;
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
}

/** The partnerships of `id`; NOT_FOUND when there is no such node (known from the same query). */
async function partnershipsOf(ctx: Context, id: string, args: PartnerFilterArgs): Promise<Partnership[]> {
  const { exists, partnerships } = await ctx.loaders.get(partnersLoader).load({
    id,
    via: args.via && args.via.length > 0 ? args.via : null,
    activeAt: args.activeAt ? args.activeAt.toISOString().slice(0, 10) : null,
  });
  if (!exists) throw notFound('Node', id);
  return partnerships;
}

@Resolver()
export class PartnersQueriesResolver {
  @Query(() => PartnershipConnection, {
    complexity: pageOf(),
    description:
      'Who partnered with a node, how, and the agreements or events that prove it; strongest first (most evidence).',
  })
  async partners(@Args() args: PartnersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<Partnership>> {
    return paginateList(await partnershipsOf(ctx, args.of, args), args);
  }

  @Query(() => [Node], {
    complexity: RELATED_LIST,
    description: 'The partners that all the given nodes share (any way of partnering).',
  })
  async commonPartners(@Args() { ids }: CommonPartnersArgs, @Ctx() ctx: Context): Promise<Node[]> {
    const unique = [...new Set(ids)];
    if (unique.length < 2) throw badInput('commonPartners needs at least two different ids', { argument: 'ids' });
    const lists = await Promise.all(unique.map((id) => partnershipsOf(ctx, id, {})));
    const [first = new Map<string, Node>(), ...others] = lists.map(
      (list) => new Map(list.map((p) => [p.partner.id, p.partner])),
    );
    return [...first.values()].filter(
      (partner) => !unique.includes(partner.id) && others.every((other) => other.has(partner.id)),
    );
  }
}

@Resolver(() => Node)
export class NodePartnersResolver {
  @FieldResolver(() => PartnershipConnection, {
    complexity: pageOf(),
    description: 'Who partnered with this node, how, and what proves it.',
  })
  async partners(
    @Root() node: Node,
    @Args() args: PartnerFilterArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Partnership>> {
    return paginateList(await partnershipsOf(ctx, node.id, args), args);
  }
}

@Resolver(() => Partnership)
export class PartnershipFieldsResolver {
  @FieldResolver(() => [Source], { complexity: RELATED_LIST })
  sources(@Root() partnership: Partnership, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, partnership.sourceRefs);
  }
}
