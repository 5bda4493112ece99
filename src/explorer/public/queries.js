// @ts-check
/*
 * Every GraphQL operation the relationship explorer sends, with the types of its variables and of its answer.
 *
 * tests/unit/explorer.test.ts checks each operation against the schema the server builds and its limits. The
 * explorer uses the public API only: copy these operations to build your own explorer.
 */

/**
 * @import { Operation } from './api.js'
 * @import { NodeKindName, RelationTypeName } from '../page-config'
 */

/**
 * @typedef {object} GraphNode
 * @property {string} id
 * @property {string} name
 * @property {NodeKindName} kind
 * @property {string[]} aliases
 *
 * @typedef {object} Period when a fact held: each end as reported (a day, month or year) and the day it comes to
 * @property {{ value: string, firstDay: string } | null} start
 * @property {{ value: string, lastDay: string } | null} end
 *
 * @typedef {object} Source a sentence of a document that states a fact
 * @property {string} statementId
 * @property {string} sentence
 * @property {number} position 0 for the headline
 * @property {{ id: string, title: string, url: string }} document
 *
 * @typedef {object} GraphEdge
 * @property {string} id
 * @property {string} source
 * @property {string} target
 * @property {RelationTypeName} type
 * @property {string} label
 * @property {Period | null} period
 * @property {Source[]} sources
 *
 * @typedef {object} Partners
 * @property {number} totalCount
 * @property {{ node: { kinds: RelationTypeName[], partner: GraphNode, evidence: { id: string, name: string, kind: NodeKindName }[] } }[]} edges
 *
 * @typedef {GraphNode & { sources: Source[], partners: Partners }} NodeDetails
 *
 * @typedef {object} GraphPath
 * @property {number} length
 * @property {GraphNode[]} nodes
 * @property {GraphEdge[]} edges
 */

const NODE_FIELDS = `
fragment NodeFields on Node {
  id
  name
  kind
  aliases
}`;

const EDGE_FIELDS = `
fragment EdgeFields on GraphEdge {
  id
  source
  target
  type
  label
  period { start { value firstDay } end { value lastDay } }
  sources(first: 3) { statementId sentence position document { id title url } }
}`;

/**
 * Type-ahead: the best few nodes for what is typed so far.
 * @type {Operation<{ query: string }, { search: { score: number, node: GraphNode }[] }>}
 */
export const SEARCH = {
  document: `query ExplorerSearch($query: String!) {
  search(query: $query, first: 8) {
    score
    node { ...NodeFields }
  }
}
${NODE_FIELDS}`,
};

/**
 * A node and its direct neighbours, with the relationships among them and their provenance.
 * @type {Operation<{ id: string }, { neighborhood: { truncated: boolean, nodes: GraphNode[], edges: GraphEdge[] } }>}
 */
export const NEIGHBORHOOD = {
  document: `query ExplorerNeighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1, limit: 150) {
    truncated
    nodes { ...NodeFields }
    edges { ...EdgeFields }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
};

/**
 * The details panel: the node, the sentences that support it, and its strongest partners.
 * @type {Operation<{ id: string }, { node: NodeDetails | null }>}
 */
export const NODE = {
  document: `query ExplorerNode($id: ID!) {
  node(id: $id) {
    ...NodeFields
    sources { statementId sentence position document { id title url } }
    partners(first: 10) {
      totalCount
      edges { node { kinds partner { ...NodeFields } evidence { id name kind } } }
    }
  }
}
${NODE_FIELDS}`,
};

/**
 * The shortest path between two nodes, drawn into the graph.
 * @type {Operation<{ from: string, to: string }, { path: GraphPath | null }>}
 */
export const PATH = {
  document: `query ExplorerPath($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 6) {
    length
    nodes { ...NodeFields }
    edges { ...EdgeFields }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
};

/**
 * @typedef {'DEGREE' | 'WEIGHTED_DEGREE' | 'BETWEENNESS'} NetworkMetricName
 * @typedef {object} NodeMeasures a node's measures in the whole partnership network
 * @property {string} id
 * @property {number} degree
 * @property {number} weightedDegree
 * @property {number} betweenness
 * @property {number} normalizedBetweenness
 */

/**
 * Sizing: the measures of the nodes on screen (at most 100), in the whole partnership network.
 * @type {Operation<{ ids: string[], orderBy: NetworkMetricName }, { networkMetrics: { nodes: NodeMeasures[] } }>}
 */
export const NODE_MEASURES = {
  document: `query ExplorerNodeMeasures($ids: [ID!]!, $orderBy: NetworkMetric!) {
  networkMetrics {
    nodes(ids: $ids, orderBy: $orderBy, first: 100) { id degree weightedDegree betweenness normalizedBetweenness }
  }
}`,
};

/**
 * The top brokers of the partnership network: highest betweenness first.
 * @type {Operation<Record<string, never>, { networkMetrics: { nodes: (NodeMeasures & { node: GraphNode })[] } }>}
 */
export const TOP_BROKERS = {
  document: `query ExplorerTopBrokers {
  networkMetrics {
    nodes(orderBy: BETWEENNESS, first: 10) { id degree weightedDegree betweenness normalizedBetweenness node { ...NodeFields } }
  }
}
${NODE_FIELDS}`,
};
