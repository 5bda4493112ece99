/**
 * Field resolvers made from the rows of RELATION_FIELDS, one resolver class per node type, the way type-graphql's
 * resolvers-inheritance example builds resolvers with a class factory. The decorators are applied by hand because
 * the fields are data, not hand-written methods.
 */
import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { listOf } from '../../graphql/complexity';
import { LIMITS } from '../../shared/limits';
import { RelatedListArgs } from './node.inputs';
import type { Context } from '../../graphql/context';
import { NodeKind } from '../../graphql/enums';
import { NODE_TYPES, Relationship, type Node } from './node.types';
import { RELATION_FIELDS, type RelationField } from './relation-fields';
import { resolveRelationField } from './relations';

/** What type-graphql's FieldResolver takes: a class, or a list of one. */
function returnType(field: RelationField): () => object {
  if (field.shape === 'relationships') return () => [Relationship];
  if (field.shape === 'one') return field.target;
  return () => [field.target()];
}

/** One resolver class declaring `fields` on `type`. */
export function relationFieldsResolver(type: ClassType<Node>, fields: Record<string, RelationField>): ClassType {
  @Resolver(() => type)
  class RelationFieldsResolver {}
  const prototype: object = RelationFieldsResolver.prototype;

  for (const [name, field] of Object.entries(fields)) {
    const single = field.shape === 'one';
    const descriptor: PropertyDescriptor = single
      ? { value: (root: Node, ctx: Context) => resolveRelationField(ctx, root.id, field, 1), configurable: true }
      : {
          value: (root: Node, args: RelatedListArgs, ctx: Context) =>
            resolveRelationField(ctx, root.id, field, args.first),
          configurable: true,
        };
    Object.defineProperty(prototype, name, descriptor);
    Root()(prototype, name, 0);
    // Lists take `first` and are priced by it; a single neighbour needs no argument.
    if (!single) Args(() => RelatedListArgs)(prototype, name, 1);
    Ctx()(prototype, name, single ? 1 : 2);
    FieldResolver(returnType(field), {
      nullable: single,
      complexity: single ? undefined : listOf(LIMITS.defaultRelatedItems),
      description: field.description,
    })(prototype, name, descriptor);
  }
  Object.defineProperty(RelationFieldsResolver, 'name', { value: `${type.name}RelationFieldsResolver` });
  return RelationFieldsResolver;
}

/** The relationship field resolvers of every node type, from the table. */
export function relationFieldResolvers(
  table: Record<NodeKind, Record<string, RelationField>> = RELATION_FIELDS,
): ClassType[] {
  return Object.values(NodeKind).map((kind) => relationFieldsResolver(NODE_TYPES[kind], table[kind]));
}
