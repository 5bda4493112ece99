/*
 * Every GraphQL operation the relationship explorer sends, and the enums it draws controls from.
 *
 * Plain browser JavaScript, loaded by the page before explorer.js and by tests/unit/explorer.test.ts, which checks
 * each operation against the schema the server builds (and these lists against its enums). The explorer uses the
 * public API only: copy these operations to build your own explorer.
 */
(function (root) {
  'use strict';

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
  sources { statementId sentence position document { id title url } }
}`;

  const QUERIES = {
    /** Type-ahead: the best few nodes for what is typed so far. */
    search: `query ExplorerSearch($query: String!) {
  search(query: $query, first: 8) {
    score
    node { ...NodeFields }
  }
}
${NODE_FIELDS}`,

    /** A node and its direct neighbours, with the relationships among them and their provenance. */
    neighborhood: `query ExplorerNeighborhood($id: ID!) {
  neighborhood(id: $id, depth: 1, limit: 150) {
    truncated
    nodes { ...NodeFields }
    edges { ...EdgeFields }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,

    /** The details panel: the node, the sentences that support it, and its strongest partners. */
    node: `query ExplorerNode($id: ID!) {
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

    /** The shortest path between two nodes, drawn into the graph. */
    path: `query ExplorerPath($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxHops: 6) {
    length
    nodes { ...NodeFields }
    edges { ...EdgeFields }
  }
}
${NODE_FIELDS}
${EDGE_FIELDS}`,
  };

  /** The RelationType enum, in schema order (the unit test keeps it in step with the schema). */
  const RELATION_TYPES = [
    'PARTY_TO',
    'FACILITATED',
    'PART_OF',
    'LOCATED_IN',
    'ORGANIZED',
    'HELD_AT',
    'HELD_IN',
    'VISITED',
    'PARTICIPATED_IN',
    'AIMED_AT',
    'AUTHORED_BY',
    'REPORTS_ON',
    'REPORTED_IN',
    'CHAIRS',
    'MEMBER_OF',
    'INSTALLED',
    'CREATED',
    'OVERSEES',
  ];

  /** The NodeKind enum, in schema order: each kind gets its own colour and shape. */
  const NODE_KINDS = [
    'ORGANIZATION',
    'UNIVERSITY',
    'FACULTY',
    'COMMISSION',
    'AGREEMENT',
    'EVENT',
    'CITY',
    'COUNTRY',
    'GROUP',
    'PERSON',
    'UNIT',
    'REPORT',
    'SOURCE_DOCUMENT',
  ];

  root.ExplorerQueries = Object.freeze({
    QUERIES: Object.freeze(QUERIES),
    RELATION_TYPES: Object.freeze(RELATION_TYPES),
    NODE_KINDS: Object.freeze(NODE_KINDS),
  });
})(globalThis);
