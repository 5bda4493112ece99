/**
 * Who matters in a network: degree, weighted degree, betweenness and a community split (Louvain) of an undirected,
 * weighted graph, computed with graphology, graphology-metrics and graphology-communities-louvain. Pure: built from
 * the nodes and relationships the repository reads, and the same input always gives the same answers (nodes and
 * relationships are added in id order, Louvain draws from a seeded generator, ties are broken by id).
 *
 * Each metric is computed the first time it is asked for, once: a query for degrees never runs betweenness.
 */
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { xoroshiro128plus } from 'pure-rand';
import { betweennessOnWorker } from './betweenness-thread';

export enum NetworkMetric {
  DEGREE = 'DEGREE',
  WEIGHTED_DEGREE = 'WEIGHTED_DEGREE',
  BETWEENNESS = 'BETWEENNESS',
}

/** One relationship of the network: the two nodes (ids) and its weight (a positive whole number). */
export interface WeightedRelationship {
  source: string;
  target: string;
  weight: number;
}

export interface Community {
  /** 0 for the largest community, then by size (ties: by the smallest member id). */
  id: number;
  /** Member ids, highest weighted degree first (ties by id). */
  members: string[];
}

export interface CommunitySplit {
  /** Louvain's modularity of the split; null when the network has no relationship. */
  modularity: number | null;
  communities: Community[];
}

/** Louvain visits nodes in a random order: always the same one, drawn from this seed. */
export const LOUVAIN_SEED = 1;

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class NetworkAnalysis {
  private readonly graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  private betweennessByNode: Map<string, number> | undefined;
  private betweennessDone: Promise<void> | undefined;
  private split: CommunitySplit | undefined;
  private communityByNode: Map<string, number> | undefined;

  /**
   * `nodes` may list nodes without any relationship (they score 0); the relationships' ends are added too. A pair
   * given twice keeps one relationship, with the weights added.
   */
  constructor(nodes: Iterable<string>, relationships: readonly WeightedRelationship[]) {
    const ids = new Set(nodes);
    for (const { source, target } of relationships) ids.add(source).add(target);
    for (const id of [...ids].sort(byId)) this.graph.addNode(id);
    const ordered = relationships
      .map(({ source, target, weight }) =>
        source <= target ? { source, target, weight } : { source: target, target: source, weight },
      )
      .sort((a, b) => byId(a.source, b.source) || byId(a.target, b.target));
    for (const { source, target, weight } of ordered) {
      if (source === target) continue;
      this.graph.updateUndirectedEdge(source, target, (attributes) => ({ weight: (attributes.weight ?? 0) + weight }));
    }
  }

  get nodeCount(): number {
    return this.graph.order;
  }

  get relationshipCount(): number {
    return this.graph.size;
  }

  has(id: string): boolean {
    return this.graph.hasNode(id);
  }

  /** How many partners the node has in the network. */
  degree(id: string): number {
    return this.graph.hasNode(id) ? this.graph.degree(id) : 0;
  }

  /** The sum of the weights of the node's relationships. */
  weightedDegree(id: string): number {
    if (!this.graph.hasNode(id)) return 0;
    return this.graph.reduceEdges(id, (sum, _edge, attributes) => sum + attributes.weight, 0);
  }

  /**
   * Betweenness: over every pair of other nodes, the share of their shortest paths (counted in hops, weights
   * ignored) that pass through the node, added up. A node all paths between two groups go through scores high.
   */
  betweenness(id: string): number {
    // graphology-metrics throws on a graph without nodes: an empty network has no betweenness to compute.
    this.betweennessByNode ??= new Map(
      this.graph.order === 0
        ? []
        : Object.entries(betweennessCentrality(this.graph, { getEdgeWeight: null, normalized: false })),
    );
    return this.betweennessByNode.get(id) ?? 0;
  }

  /**
   * Computes betweenness on a worker thread (betweenness-thread.ts), so that a large network does not stall the
   * server; `betweenness` then answers from it. Once per analysis, however many fields ask.
   */
  computeBetweennessOffThread(): Promise<void> {
    if (this.graph.order === 0) this.betweennessByNode ??= new Map();
    if (this.betweennessByNode) return Promise.resolve();
    this.betweennessDone ??= betweennessOnWorker(this.graph.export()).then(
      (scores) => {
        this.betweennessByNode = new Map(Object.entries(scores));
      },
      (error: unknown) => {
        // Not remembered: a later request (the analysis is cached) tries again.
        this.betweennessDone = undefined;
        throw error;
      },
    );
    return this.betweennessDone;
  }

  /** Whether betweenness is already known (computing it costs nothing more). */
  get hasBetweenness(): boolean {
    return this.betweennessByNode !== undefined;
  }

  /** Betweenness divided by the number of pairs of other nodes, (n - 1)(n - 2) / 2: from 0 to 1. */
  normalizedBetweenness(id: string): number {
    const n = this.graph.order;
    return n <= 2 ? 0 : this.betweenness(id) / (((n - 1) * (n - 2)) / 2);
  }

  value(metric: NetworkMetric, id: string): number {
    switch (metric) {
      case NetworkMetric.DEGREE:
        return this.degree(id);
      case NetworkMetric.WEIGHTED_DEGREE:
        return this.weightedDegree(id);
      case NetworkMetric.BETWEENNESS:
        return this.betweenness(id);
    }
  }

  /** Node ids by the metric, highest first; ties by id. */
  ranking(metric: NetworkMetric): string[] {
    const values = new Map(this.graph.nodes().map((id) => [id, this.value(metric, id)]));
    return [...values.keys()].sort((a, b) => (values.get(b) ?? 0) - (values.get(a) ?? 0) || byId(a, b));
  }

  /** Louvain communities, weighted by the relationships' weights, at resolution 1. */
  communities(): CommunitySplit {
    if (this.split) return this.split;
    const generator = xoroshiro128plus(LOUVAIN_SEED);
    const detailed = louvain.detailed(this.graph, {
      getEdgeWeight: 'weight',
      rng: () => (generator.unsafeNext() >>> 0) / 2 ** 32,
    });
    const groups = new Map<number, string[]>();
    for (const id of this.graph.nodes()) {
      const community = detailed.communities[id] ?? -1;
      const members = groups.get(community) ?? [];
      members.push(id);
      groups.set(community, members);
    }
    const strength = new Map(this.graph.nodes().map((id) => [id, this.weightedDegree(id)]));
    const ordered = [...groups.values()]
      .map((members) => members.sort((a, b) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0) || byId(a, b)))
      .sort((a, b) => b.length - a.length || byId(a.reduce(min), b.reduce(min)));
    this.split = {
      modularity: Number.isFinite(detailed.modularity) ? detailed.modularity : null,
      communities: ordered.map((members, id) => ({ id, members })),
    };
    this.communityByNode = new Map(this.split.communities.flatMap((c) => c.members.map((id) => [id, c.id] as const)));
    return this.split;
  }

  /** The community (its id in `communities()`) the node belongs to. */
  communityOf(id: string): number | null {
    if (!this.communityByNode) this.communities();
    return this.communityByNode?.get(id) ?? null;
  }
}

const min = (a: string, b: string): string => (a < b ? a : b);
