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
 * @property {string | null} [status] an agreement's status: SIGNED, NEGOTIATION (only its negotiation is reported) or
 *   NOT_STATED (no source says which)
 * @property {{ id: string, name: string, aliases: string[] } | null} [partOf] a faculty's university
 *
 * @typedef {object} Period when a fact held: each end as reported (a day, month or year) and the day it comes to
 * @property {{ value: string, firstDay: string } | null} start
 * @property {{ value: string, lastDay: string } | null} end
 *
 * @typedef {object} Source a sentence of a document that states a fact
 * @property {string} statementId
 * @property {string} sentence
 * @property {number} position 0 for the headline
 * @property {{ id: string, title: string, url: string, publisher?: string | null, publishedOn?: { value: string } | null }} document
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
 * @typedef {object} PageInfo
 * @property {boolean} hasNextPage
 * @property {string | null} endCursor
 *
 * @typedef {object} Partnership
 * @property {RelationTypeName[]} kinds
 * @property {number} strength how many agreements and events they share
 * @property {Period | null} period
 * @property {GraphNode} partner
 *
 * @typedef {object} Partners
 * @property {number} totalCount
 * @property {PageInfo} pageInfo
 * @property {{ node: Partnership }[]} edges
 *
 * @typedef {object} Relationship a relationship seen from the node asked about
 * @property {string} id
 * @property {RelationTypeName} type
 * @property {string} label
 * @property {'IN' | 'OUT'} direction
 * @property {GraphNode} node the other end
 * @property {Period | null} period
 * @property {number | null} participantCount
 * @property {string | null} note
 * @property {Source[]} sources
 *
 * @typedef {object} Relationships
 * @property {number} totalCount
 * @property {PageInfo} pageInfo
 * @property {{ node: Relationship }[]} edges
 *
 * @typedef {object} KindFacts what only some kinds carry (null or absent for the others)
 * @property {Period | null} [period]
 * @property {string | null} [agreementType]
 * @property {Source[]} [statusSources] the sentences that state an agreement's status (none when NOT_STATED)
 * @property {{ id: string, name: string, kind: NodeKindName }[]} [parties]
 * @property {{ id: string, name: string, kind: NodeKindName }[]} [facilitators]
 * @property {string | null} [eventType]
 * @property {number | null} [eventCount]
 * @property {number | null} [tourCount]
 * @property {number | null} [cityCount]
 * @property {number | null} [participantCount]
 * @property {number | null} [edition]
 * @property {string | null} [purpose]
 * @property {string | null} [note]
 * @property {{ participantCount: number | null, note: string | null, node: GraphNode }[]} [participants]
 * @property {number | null} [legalInstrumentsSigned]
 * @property {string | null} [summary]
 * @property {string | null} [unitType]
 * @property {{ id: string, name: string, kind: NodeKindName, partOf?: { id: string, name: string } | null }[]} [organizers]
 * @property {{ id: string, name: string, kind: NodeKindName }[]} [units] an organization's commissions and units
 *
 * @typedef {object} StatedCount a number a source states about the node ("una red de 125 convenios")
 * @property {string} property
 * @property {string} label what it counts, in the sources' words
 * @property {number} value
 * @property {string | null} partOf the total it is a part of
 * @property {Source[]} sources
 *
 * @typedef {GraphNode & KindFacts & { sources: Source[], partners: Partners, counts: StatedCount[] }} NodeDetails
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
  ... on Agreement { status }
  ... on Faculty { partOf { id name aliases } }
}`;

const PERIOD = 'period { start { value firstDay } end { value lastDay } }';
const SOURCE_FIELDS = 'statementId sentence position document { id title url publisher publishedOn { value } }';

const PARTNER_FIELDS = `
fragment PartnerFields on PartnershipConnection {
  totalCount
  pageInfo { hasNextPage endCursor }
  edges { node { kinds strength ${PERIOD} partner { ...NodeFields } } }
}`;

const EDGE_FIELDS = `
fragment EdgeFields on Relationship {
  id
  source
  target
  type
  label
  period { start { value firstDay } end { value lastDay } }
  sources(first: 3) { statementId sentence position document { id title url publisher publishedOn { value } } }
}`;

/**
 * Type-ahead: the best nodes for what is typed so far (the explorer lists the first 8 and says how many more).
 * @type {Operation<{ query: string, first: number }, { search: { score: number, node: GraphNode }[] }>}
 */
export const SEARCH = {
  document: `query ExplorerSearch($query: String!, $first: Int!) {
  search(query: $query, first: $first) {
    score
    node { ...NodeFields }
  }
}
${NODE_FIELDS}`,
};

/**
 * How many of each group the first view of a node draws, and each "show more" adds: its strongest partners, its
 * latest relationships from it (an organization's agreements and events) and to it (its units, what reports on it).
 * A few dozen labelled nodes whatever the degree; a node of the seed is drawn whole.
 */
export const DRAWN = Object.freeze({ partners: 12, out: 24, in: 12 });

/**
 * @typedef {object} DrawnFacts a page of a node's relationships one way, each with the node at its other end
 * @property {number} totalCount
 * @property {PageInfo} pageInfo
 * @property {{ node: GraphEdge & Relationship }[]} edges
 *
 * @typedef {object} DrawnPartners a page of a node's partners, each with the first agreement or event that proves it
 * @property {number} totalCount
 * @property {PageInfo} pageInfo
 * @property {{ node: Partnership & { evidence: ProofNode[] } }[]} edges
 *
 * @typedef {GraphNode & { relationships: { edges: { node: GraphEdge }[] } }} ProofNode an agreement or event that
 *   proves a partnership, with the relationships that point to it (its parties, organizers, participants)
 */

// Each relationship with what the details panel lists too (direction, head count, note, its source sentences: 10
// at most, which keeps the first view within the API's complexity limit): the panel is filled from the first view,
// without a request of its own.
const DRAWN_FACT_FIELDS = `totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id source target type label direction participantCount note ${PERIOD}
          sources(first: 10) { ${SOURCE_FIELDS} }
          node { ...NodeFields }
        }
      }`;
const DRAWN_PARTNER_FIELDS = `totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          kinds strength ${PERIOD}
          partner { ...NodeFields }
          evidence(first: 1) { ...NodeFields relationships(first: 20, direction: IN) { edges { node { ...EdgeFields } } } }
        }
      }`;

/**
 * What the details panel shows of the node itself: every fact the API stores (its kind's fields, period, parties,
 * participants), the sentences that support it and the counts its sources state. One node's reads: cheap whatever
 * its degree.
 */
const NODE_FACTS = `sources { ${SOURCE_FIELDS} }
    counts { property label value partOf sources { ${SOURCE_FIELDS} } }
    ... on Agreement {
      agreementType ${PERIOD}
      statusSources { ${SOURCE_FIELDS} }
      parties(first: 100) { id name kind }
      facilitators(first: 100) { id name kind }
    }
    ... on Event {
      eventType eventCount tourCount cityCount participantCount edition purpose note ${PERIOD}
      participants(first: 100) { participantCount note node { ...NodeFields } }
      organizers(first: 20) { id name kind ... on Commission { partOf { id name } } ... on Unit { partOf { id name } } }
    }
    ... on Report { legalInstrumentsSigned summary ${PERIOD} }
    ... on Faculty { unitType }
    ... on Organization { units(first: 50) { id name kind } }`;

/**
 * @typedef {GraphNode & KindFacts & { sources: Source[], counts: StatedCount[], partners: DrawnPartners, partnerList: Partners, out: DrawnFacts, in: DrawnFacts }} FirstView
 */

/**
 * The first view of a node, in one request: what a person can read, not everything. Its strongest partners (the
 * partners' own order), each with the agreement or event that proves it, and its latest relationships from it and
 * to it (newest first within a type); the counts say how much more there is, drawn on demand (DRAW_MORE). It
 * carries the details panel too (the node's facts; its partners and relationships are the pages drawn), so that
 * the panel asks nothing more (its partner list is the first `listed` partners, without their proof): a hub's
 * details never queue behind, or ahead of, what the reader types next.
 * @type {Operation<{ id: string, partners: number, out: number, in: number, listed: number }, { node: FirstView | null }>}
 */
export const FIRST_VIEW = {
  document: `query ExplorerFirstView($id: ID!, $partners: Int!, $out: Int!, $in: Int!, $listed: Int!) {
  node(id: $id) {
    ...NodeFields
    ${NODE_FACTS}
    partnerList: partners(first: $listed) { ...PartnerFields }
    partners(first: $partners) { ${DRAWN_PARTNER_FIELDS} }
    out: relationships(first: $out, direction: OUT) { ${DRAWN_FACT_FIELDS} }
    in: relationships(first: $in, direction: IN) { ${DRAWN_FACT_FIELDS} }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}
${PARTNER_FIELDS}`,
};

/**
 * The next page of one group of a node's first view ("show more"): its partners, or its relationships one way.
 * @type {Operation<{ id: string, first: number, after: string | null, partners: boolean, out: boolean, in: boolean }, { node: { partners?: DrawnPartners, out?: DrawnFacts, in?: DrawnFacts } | null }>}
 */
export const DRAW_MORE = {
  document: `query ExplorerDrawMore($id: ID!, $first: Int!, $after: String, $partners: Boolean!, $out: Boolean!, $in: Boolean!) {
  node(id: $id) {
    partners(first: $first, after: $after) @include(if: $partners) { ${DRAWN_PARTNER_FIELDS} }
    out: relationships(first: $first, after: $after, direction: OUT) @include(if: $out) { ${DRAWN_FACT_FIELDS} }
    in: relationships(first: $first, after: $after, direction: IN) @include(if: $in) { ${DRAWN_FACT_FIELDS} }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
};

/** How many partners the details panel lists at first, and adds with each "show more". */
export const DETAILS_PAGE_SIZE = 50;

/**
 * The next page of a node's partners, after the cursor of the last one listed.
 * @type {Operation<{ id: string, first: number, after: string }, { node: { partners: Partners } | null }>}
 */
export const MORE_PARTNERS = {
  document: `query ExplorerMorePartners($id: ID!, $first: Int!, $after: String!) {
  node(id: $id) { partners(first: $first, after: $after) { ...PartnerFields } }
}
${NODE_FIELDS}
${PARTNER_FIELDS}`,
};

/**
 * The next page of a node's relationships one way (its first page came with the first view), newest first within a
 * type, each with its period, stated head count or note, and the sentences and documents that report it.
 * @type {Operation<{ id: string, first: number, after: string | null, direction: 'IN' | 'OUT' }, { node: { relationships: Relationships } | null }>}
 */
export const RELATIONSHIPS = {
  document: `query ExplorerRelationships($id: ID!, $first: Int!, $after: String, $direction: Direction!) {
  node(id: $id) {
    relationships(first: $first, after: $after, direction: $direction) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id type label direction participantCount note ${PERIOD}
          node { ...NodeFields }
          sources { ${SOURCE_FIELDS} }
        }
      }
    }
  }
}
${NODE_FIELDS}`,
};

/**
 * Every relationship among nodes already drawn: what links a newly searched node to the rest of the view.
 * @type {Operation<{ ids: string[] }, { subgraph: { nodes: GraphNode[], edges: GraphEdge[] } }>}
 */
export const SUBGRAPH = {
  document: `query ExplorerSubgraph($ids: [ID!]!) {
  subgraph(ids: $ids) {
    nodes { ...NodeFields }
    edges { ...EdgeFields }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
};

/**
 * The shortest path between two nodes through the relationship types chosen (`via`), drawn into the graph.
 * @type {Operation<{ from: string, to: string, via: RelationTypeName[] }, { path: GraphPath | null }>}
 */
export const PATH = {
  document: `query ExplorerPath($from: ID!, $to: ID!, $via: [RelationType!]) {
  path(from: $from, to: $to, maxHops: 6, via: $via) {
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
 * @typedef {object} MapFile what a map holds: the saved form, and the explorer's JSON export
 * @property {string} title
 * @property {string | null} [description]
 * @property {{ id: string, x: number, y: number, caption?: string | null }[]} nodes
 * @property {{ text: string, x: number, y: number }[]} [notes]
 * @property {{ zoom: number, x: number, y: number } | null} [viewport]
 * @property {RelationTypeName[]} [hiddenTypes]
 * @property {string | null} [activeAt]
 * @property {string[]} [hiddenNodes] nodes the author hid: not drawn
 * @property {string[]} [expanded] nodes the author opened: in view whatever the filters
 * @property {string[] | null} [edgeIds] the relationships drawn; null or absent: every one among the nodes
 * @property {boolean} [edgeLabels] whether every relationship shows its label
 * @property {NetworkMetricName | null} [sizeBy] what the nodes are sized by
 *
 * @typedef {object} MapNodeChange
 * @property {'MERGED' | 'DELETED' | 'UNKNOWN'} kind
 * @property {string | null} mergedInto
 * @property {string} message
 *
 * @typedef {MapFile & { id: string, version: number, createdAt: string, updatedAt: string, content: { nodes: { id: string, node: GraphNode | null, change: MapNodeChange | null }[], edges: GraphEdge[] } }} SavedMap
 */

const MAP_FIELDS = `id title description version createdAt updatedAt
  nodes { id x y caption } notes { text x y } viewport { zoom x y } hiddenTypes activeAt
  hiddenNodes expanded edgeIds edgeLabels sizeBy`;

/**
 * The saved maps, most recently saved first.
 * @type {Operation<{ first: number }, { maps: { totalCount: number, edges: { node: { id: string, title: string, updatedAt: string } }[] } }>}
 */
export const MAPS = {
  document: `query ExplorerMaps($first: Int!) {
  maps(first: $first) { totalCount edges { node { id title updatedAt } } }
}`,
};

/**
 * A saved map with its nodes as they are today (merged ones as their survivor, deleted ones reported).
 * @type {Operation<{ id: string }, { map: SavedMap | null }>}
 */
export const MAP = {
  document: `query ExplorerMap($id: ID!) {
  map(id: $id) {
    ${MAP_FIELDS}
    content {
      nodes { id node { ...NodeFields } change { kind mergedInto message } }
      edges { ...EdgeFields }
    }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
};

/**
 * Saves the view as a new map (editors only).
 * @type {Operation<{ input: MapFile }, { createMap: { id: string, title: string, version: number } }>}
 */
export const CREATE_MAP = {
  document: `mutation ExplorerCreateMap($input: CreateMapInput!) {
  createMap(input: $input) { id title version }
}`,
};

/**
 * Saves the open map again over the version it was opened at (editors only; CONFLICT when someone saved since).
 * @type {Operation<{ id: string, version: number, input: MapFile }, { updateMap: { id: string, title: string, version: number } }>}
 */
export const UPDATE_MAP = {
  document: `mutation ExplorerUpdateMap($id: ID!, $version: Int!, $input: MapInput!) {
  updateMap(id: $id, version: $version, input: $input) { id title version }
}`,
};

/**
 * Deletes a saved map (editors only).
 * @type {Operation<{ id: string }, { deleteMap: boolean }>}
 */
export const DELETE_MAP = {
  document: `mutation ExplorerDeleteMap($id: ID!) {
  deleteMap(id: $id)
}`,
};

/**
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
 * The partners that every one of the chosen nodes has (any way of partnering), strongest first.
 * @type {Operation<{ ids: string[] }, { commonPartners: GraphNode[] }>}
 */
export const COMMON_PARTNERS = {
  document: `query ExplorerCommonPartners($ids: [ID!]!) {
  commonPartners(ids: $ids, first: 100) { ...NodeFields }
}
${NODE_FIELDS}`,
};

/**
 * @typedef {object} Community a community of the partnership network (Louvain)
 * @property {number} id
 * @property {number} size
 * @property {{ id: string, name: string, aliases: string[] }[]} members the first few, strongest first
 */

/**
 * The communities of the partnership network and the community of each node on screen (at most 100 ids).
 * @type {Operation<{ ids: string[] }, { networkMetrics: { nodes: { id: string, community: number, degree: number, betweenness: number }[], communities: { count: number, modularity: number | null, communities: Community[] } } }>}
 */
export const COMMUNITIES = {
  document: `query ExplorerCommunities($ids: [ID!]!) {
  networkMetrics {
    nodes(ids: $ids, orderBy: DEGREE, first: 100) { id community degree betweenness }
    communities { count modularity communities(first: 20) { id size members(first: 4) { id name aliases } } }
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
