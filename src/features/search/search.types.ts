import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../nodes/node.types';

@ObjectType({ description: 'A node found by search, with its relevance.' })
export class SearchHit {
  @Field(() => Node, { description: 'The node found.' })
  node!: Node;

  @Field(() => Float, { description: 'Relevance; higher is better. Exact name or alias matches score highest.' })
  score!: number;
}
