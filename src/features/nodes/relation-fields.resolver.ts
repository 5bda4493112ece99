/**
 * Field resolvers made from the rows of RELATION_FIELDS, one resolver class per node type, the way type-graphql's
 * resolvers-inheritance example builds resolvers with a class factory. The decorators are applied by hand because
 * the fields are data, not hand-written methods.
 */
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { RELATED_LIST } from '../../graphql/complexity';
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
    const descriptor: PropertyDescriptor = {
      value: (root: Node, ctx: Context) => resolveRelationField(ctx, root.id, field),
      writable: false,
      configurable: true,
    };
    Object.defineProperty(prototype, name, descriptor);
    Root()(prototype, name, 0);
    Ctx()(prototype, name, 1);
    FieldResolver(returnType(field), {
      nullable: field.shape === 'one',
      complexity: field.shape === 'one' ? undefined : RELATED_LIST,
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
