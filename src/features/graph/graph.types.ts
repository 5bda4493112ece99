import { Field, Int, ObjectType } from 'type-graphql';
import { NodeKind, RelationType } from '../../graphql/enums';
import { Node, Relationship } from '../nodes/node.types';

@ObjectType({ description: 'The shortest path between two nodes.' })
export class Path {
  @Field(() => Int, { description: 'Number of relationships on the path.' })
  length!: number;

  @Field(() => [Node], { description: 'The nodes in order, from `from` to `to`.' })
  nodes!: Node[];

  @Field(() => [Relationship], { description: 'The relationships in order; each may point either way along the path.' })
  edges!: Relationship[];
}

@ObjectType({ description: 'Part of the graph: nodes and the relationships between them.' })
export class Subgraph {
  @Field(() => [Node], { description: 'The nodes; the first one is the centre.' })
  nodes!: Node[];

  @Field(() => [Relationship], { description: 'Relationships among the nodes; both ends of each are in `nodes`.' })
  edges!: Relationship[];

  @Field({ description: 'Whether more nodes were in reach than `limit` allowed.' })
  truncated!: boolean;
}

@ObjectType({ description: 'How many nodes of a kind the graph holds.' })
export class KindCount {
  @Field(() => NodeKind, { description: 'The kind.' })
  kind!: NodeKind;

  @Field(() => Int, { description: 'Number of nodes.' })
  count!: number;
}

@ObjectType({ description: 'How many relationships of a type the graph holds.' })
export class TypeCount {
  @Field(() => RelationType, { description: 'The type.' })
  type!: RelationType;

  @Field(() => Int, { description: 'Number of relationships.' })
  count!: number;
}

@ObjectType({ description: 'Size of the graph.' })
export class GraphStats {
  @Field(() => Int, { description: 'All nodes.' })
  nodes!: number;

  @Field(() => Int, { description: 'All relationships.' })
  relationships!: number;

  @Field(() => Int, { description: 'Supporting sentences of source documents.' })
  statements!: number;

  @Field(() => [KindCount], { description: 'Nodes per kind.' })
  nodesByKind!: KindCount[];

  @Field(() => [TypeCount], { description: 'Relationships per type.' })
  relationshipsByType!: TypeCount[];
}
