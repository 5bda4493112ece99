import { Field, ID, Int, ObjectType } from 'type-graphql';
import { NodeKind, RelationType } from '../../graphql/enums';
import { Node, Period, Source } from '../nodes/node.types';

@ObjectType({ description: 'A directed relationship, drawable as it is by Cytoscape.js or vis-network.' })
export class GraphEdge {
  @Field(() => ID, { description: 'Stable id of the relationship.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the node it starts from.' })
  source!: string;

  @Field(() => ID, { description: 'Id of the node it points to.' })
  target!: string;

  @Field(() => RelationType, { description: 'Type of the relationship.' })
  type!: RelationType;

  @Field({ description: 'Human-readable label of the type, e.g. "party to".' })
  label!: string;

  @Field(() => Period, { nullable: true, description: 'The period it is reported for.' })
  period!: Period | null;

  @Field(() => [Source], { description: 'The sentences that support it (its provenance).' })
  sources!: Source[];

  @Field(() => Int, { nullable: true, description: 'A head count stated for it (e.g. participants).' })
  participantCount!: number | null;

  @Field(() => String, { nullable: true, description: 'A note stated for it (e.g. "diversos planteles").' })
  note!: string | null;

  sourceRefs!: string[];
}

@ObjectType({ description: 'The shortest path between two nodes.' })
export class Path {
  @Field(() => Int, { description: 'Number of relationships on the path.' })
  length!: number;

  @Field(() => [Node], { description: 'The nodes in order, from `from` to `to`.' })
  nodes!: Node[];

  @Field(() => [GraphEdge], { description: 'The relationships in order; each may point either way along the path.' })
  edges!: GraphEdge[];
}

@ObjectType({ description: 'Part of the graph: nodes and the relationships between them.' })
export class Subgraph {
  @Field(() => [Node], { description: 'The nodes; the first one is the centre.' })
  nodes!: Node[];

  @Field(() => [GraphEdge], { description: 'Relationships among the nodes; both ends of each are in `nodes`.' })
  edges!: GraphEdge[];

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
