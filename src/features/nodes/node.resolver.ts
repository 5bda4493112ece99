/** Field resolvers of the node types: thin, reading through the batched loaders. */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { listOf, pageOf } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { RelationType } from '../../graphql/enums';
import { offsetAfter, toConnection, type ConnectionShape } from '../../graphql/pagination';
import { LIMITS } from '../../shared/limits';
import { RelatedListArgs, RelationshipArgs } from './node.inputs';
import { nodeLoader, relatedLoader } from './node.loaders';
import {
  Agreement,
  Node,
  Relationship,
  RelationshipConnection,
  Source,
  SourceDocument,
  StatedCount,
} from './node.types';
import { relationFieldResolvers } from './relation-fields.resolver';
import { relationshipOf, sourcesOf } from './relations';

const ALL_TYPES = Object.values(RelationType);
const SOURCES = { complexity: listOf(LIMITS.defaultRelatedItems), description: 'The sentences that support it.' };

@Resolver(() => Node)
export class NodeFieldsResolver {
  @FieldResolver(() => [Source], SOURCES)
  sources(@Root() node: Node, @Args() { first }: RelatedListArgs, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, node.sourceRefs, first);
  }

  @FieldResolver(() => RelationshipConnection, {
    complexity: pageOf(),
    description:
      'The relationships of this node, a page at a time: grouped by type, newest first within a type. The generic ' +
      'way to walk the graph.',
  })
  async relationships(
    @Root() node: Node,
    @Args() args: RelationshipArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<Relationship>> {
    const offset = offsetAfter(args.after);
    const { entries, totalCount } = await ctx.loaders.get(relatedLoader).load({
      id: node.id,
      types: args.types && args.types.length > 0 ? args.types : ALL_TYPES,
      direction: args.direction,
      kinds: args.kinds && args.kinds.length > 0 ? args.kinds : null,
      offset,
      limit: args.first ?? LIMITS.defaultPageSize,
      byType: true,
    });
    return toConnection(
      entries.map((entry) => relationshipOf(node.id, entry)),
      offset,
      totalCount,
    );
  }
}

@Resolver(() => Relationship)
export class RelationshipFieldsResolver {
  @FieldResolver(() => [Source], SOURCES)
  sources(
    @Root() relationship: Relationship,
    @Args() { first }: RelatedListArgs,
    @Ctx() ctx: Context,
  ): Promise<Source[]> {
    return sourcesOf(ctx, relationship.sourceRefs, first);
  }
}

@Resolver(() => StatedCount)
export class StatedCountFieldsResolver {
  @FieldResolver(() => [Source], SOURCES)
  sources(@Root() count: StatedCount, @Args() { first }: RelatedListArgs, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, count.sourceRefs, first);
  }
}

@Resolver(() => Agreement)
export class AgreementFieldsResolver {
  @FieldResolver(() => [Source], {
    complexity: listOf(LIMITS.defaultRelatedItems),
    description:
      'The sentences that state its status: "ha consolidado una red de 125 convenios" for one signed. Empty when ' +
      'the status is NOT_STATED.',
  })
  statusSources(
    @Root() agreement: Agreement,
    @Args() { first }: RelatedListArgs,
    @Ctx() ctx: Context,
  ): Promise<Source[]> {
    return sourcesOf(ctx, agreement.statusSourceRefs ?? [], first);
  }
}

@Resolver(() => Source)
export class SourceFieldsResolver {
  @FieldResolver(() => SourceDocument, { description: 'The document the sentence belongs to.' })
  async document(@Root() source: Source, @Ctx() ctx: Context): Promise<Node | null> {
    return ctx.loaders.get(nodeLoader).load(source.documentId);
  }
}

export const NODE_FIELD_RESOLVERS = [
  NodeFieldsResolver,
  RelationshipFieldsResolver,
  StatedCountFieldsResolver,
  AgreementFieldsResolver,
  SourceFieldsResolver,
  ...relationFieldResolvers(),
];
