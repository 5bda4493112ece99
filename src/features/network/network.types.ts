/** GraphQL types of the network metrics: who matters in a partnership subgraph, and how it splits. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NetworkMetric, type NetworkAnalysis } from './network-analysis';

registerEnumType(NetworkMetric, {
  name: 'NetworkMetric',
  description: 'A measure of how much a node matters in a network.',
  valuesConfig: {
    DEGREE: { description: 'How many partners it has.' },
    WEIGHTED_DEGREE: { description: 'How many agreements and events it shares with its partners, added up.' },
    BETWEENNESS: { description: 'How often it lies on the shortest paths between others: a broker.' },
  },
});

@ObjectType({ description: "A node's measures in the network it was computed on." })
export class NodeMetrics {
  constructor(
    private readonly analysis: NetworkAnalysis,
    id: string,
  ) {
    this.id = id;
  }

  @Field(() => ID, { description: "The node's id (`node` resolves it)." })
  id: string;

  @Field(() => Int, { description: 'How many partners it has in this network.' })
  get degree(): number {
    return this.analysis.degree(this.id);
  }

  @Field(() => Int, { description: 'How many agreements and events it shares with them, added up.' })
  get weightedDegree(): number {
    return this.analysis.weightedDegree(this.id);
  }

  @Field(() => Float, {
    description: 'Over every pair of other nodes, the share of their shortest paths (in hops) through it, added up.',
  })
  get betweenness(): number {
    return this.analysis.betweenness(this.id);
  }

  @Field(() => Float, { description: 'Betweenness divided by the number of pairs of other nodes: from 0 to 1.' })
  get normalizedBetweenness(): number {
    return this.analysis.normalizedBetweenness(this.id);
  }

  @Field(() => Int, { description: 'Its community in `communities` (Louvain).' })
  get community(): number {
    return this.analysis.communityOf(this.id) ?? -1;
  }
}

@ObjectType({ description: 'A group of nodes more tied to each other than to the rest (Louvain).' })
export class NetworkCommunity {
  @Field(() => Int, { description: '0 for the largest community, then by size.' })
  id!: number;

  @Field(() => Int, { description: 'How many nodes it has.' })
  size!: number;

  /** Member ids, strongest first; `members` resolves a page of them. */
  memberIds!: string[];
}

@ObjectType({ description: 'The communities of the network.' })
export class CommunitySplit {
  @Field(() => Float, {
    nullable: true,
    description: 'How much more the communities are tied inside than chance would give (Louvain modularity).',
  })
  modularity!: number | null;

  @Field(() => Int, { description: 'How many communities there are.' })
  count!: number;

  /** All communities, largest first; `communities` serves the first ones. */
  all!: NetworkCommunity[];
}

@ObjectType({
  description:
    'Measures of the partnership network between the chosen nodes. Nodes with no partnership in it are not part of it.',
})
export class NetworkMetrics {
  constructor(analysis: NetworkAnalysis) {
    this.analysis = analysis;
  }

  /** The computed network; the fields compute each measure when first asked. */
  readonly analysis: NetworkAnalysis;

  @Field(() => Int, { description: 'How many nodes the network has.' })
  get nodeCount(): number {
    return this.analysis.nodeCount;
  }

  @Field(() => Int, { description: 'How many partnerships (pairs of partners) it has.' })
  get relationshipCount(): number {
    return this.analysis.relationshipCount;
  }
}
