/** Field resolvers of the node types: thin, reading through the batched loaders. */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RELATED_LIST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { RelationType } from '../../graphql/enums';
import { RelationshipArgs } from './node.inputs';
import { nodeLoader } from './node.loaders';
import { Node, Relationship, Source, SourceDocument } from './node.types';
import { relationFieldResolvers } from './relation-fields.resolver';
import { relatedEntries, sourcesOf, toRelationship } from './relations';

const ALL_TYPES = Object.values(RelationType);

@Resolver(() => Node)
export class NodeFieldsResolver {
  @FieldResolver(() => [Source], { complexity: RELATED_LIST })
  sources(@Root() node: Node, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, node.sourceRefs);
  }

  @FieldResolver(() => [Relationship], {
    complexity: RELATED_LIST,
    description: 'Every relationship of this node, optionally filtered: the generic way to walk the graph.',
  })
  async relationships(
    @Root() node: Node,
    @Args() args: RelationshipArgs,
    @Ctx() ctx: Context,
  ): Promise<Relationship[]> {
    const entries = await relatedEntries(ctx, node.id, { types: args.types ?? ALL_TYPES, direction: args.direction });
    return entries.filter((entry) => !args.kinds || args.kinds.includes(entry.node.kind)).map(toRelationship);
  }
}

@Resolver(() => Relationship)
export class RelationshipFieldsResolver {
  @FieldResolver(() => [Source], { complexity: RELATED_LIST })
  sources(@Root() relationship: Relationship, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, relationship.sourceRefs);
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
  SourceFieldsResolver,
  ...relationFieldResolvers(),
];
