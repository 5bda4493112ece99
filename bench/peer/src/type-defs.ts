/**
 * The project's graph described for @neo4j/graphql 7: the same labels (:Entity plus one kind label), properties
 * and relationship types as the project's loader writes, so the peer reads the very same database.
 * Each kind is a type implementing the `Entity` interface; relationships whose far end may be of several kinds
 * point at the interface. Sources are @cypher fields, since statements are linked by id, not by relationships.
 */

/** Relationship properties: every relationship carries its id, citations and optional reported period. */
const FACT = `
type Fact @relationshipProperties {
  id: ID!
  sourceRefs: [String!]!
  periodStart: String
  periodEnd: String
  periodStartDate: Date
  periodEndDate: Date
  onBehalfOf: String
  activity: String
  format: String
  participantCount: Int
  note: String
}`;

/** Properties of a PARTNERS relationship, as partnerships.ts writes them (the per-entry lists are left out). */
const PARTNERSHIP = `
type Partnership @relationshipProperties {
  strength: Int!
  lastDate: Date
  ways: [String!]!
  evidence: [String!]!
  periodStart: String
  periodEnd: String
  sourceRefs: [String!]!
}`;

const ENTITY_FIELDS = `
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]!
  sourceRefs: [String!]!
  sortKey: String!
  periodStart: String
  periodEnd: String
  periodStartDate: Date
  periodEndDate: Date`;

/** In the order the node cites them, as the project's API gives them. */
const SOURCES_FIELD = `
  sources: [Statement!]!
    @cypher(statement: "UNWIND this.sourceRefs AS ref MATCH (s:Statement {id: ref}) RETURN s", columnName: "s")`;

const rel = (field: string, target: string, type: string, direction: 'IN' | 'OUT'): string =>
  `\n  ${field}: [${target}!]! @relationship(type: "${type}", direction: ${direction}, properties: "Fact")`;

/** Fields of the bodies that take part in agreements and events (organizations, universities, ...). */
const ACTOR_RELATIONSHIPS =
  rel('agreements', 'Agreement', 'PARTY_TO', 'OUT') +
  rel('facilitatedAgreements', 'Agreement', 'FACILITATED', 'OUT') +
  rel('partOf', 'Entity', 'PART_OF', 'OUT') +
  rel('units', 'Entity', 'PART_OF', 'IN') +
  rel('locatedIn', 'Entity', 'LOCATED_IN', 'OUT') +
  rel('organized', 'Event', 'ORGANIZED', 'OUT') +
  rel('eventsHeldHere', 'Event', 'HELD_AT', 'IN') +
  rel('participatedIn', 'Event', 'PARTICIPATED_IN', 'OUT') +
  rel('reportedIn', 'Entity', 'REPORTED_IN', 'OUT');

/**
 * A kind: a type with the kind's label and :Entity, the common fields, and its own. Each kind can be searched
 * through the project's fulltext index, e.g. `organizationsSearch`; the query runs on the whole index (name and
 * aliases), `fields` only names what the directive checks, and it accepts no list field such as aliases.
 */
const kind = (label: string, plural: string, fields: string): string => `
type ${label} implements Entity
  @node(labels: ["${label}", "Entity"])
  @fulltext(indexes: [{ indexName: "entity_search", fields: ["name"], queryName: "${plural}Search" }]) {${ENTITY_FIELDS}${SOURCES_FIELD}${fields}
}`;

export const typeDefs = `
extend schema @mutation(operations: [])

type Query {
  """
  Search ranked as the project's API ranks it: exact name or alias, then names and aliases starting with \`exact\`
  (the name index in name order, the alias keyword index), ties by name then id.
  """
  search(exact: String!, aliasPrefix: String!, limit: Int! = 10): [Entity!]!
    @cypher(
      statement: """
      CALL () {
        MATCH (n:Entity) WHERE n.sortKey STARTS WITH $exact
        WITH n ORDER BY n.sortKey, n.id LIMIT $limit
        RETURN n
        UNION
        CALL db.index.fulltext.queryNodes('entity_alias_keys', $aliasPrefix, {limit: 2000}) YIELD node AS n
        RETURN n
      }
      WITH n, CASE WHEN n.sortKey = $exact OR $exact IN coalesce(n.aliasKeys, []) THEN 3 ELSE 2 END AS tier
      ORDER BY tier DESC, n.sortKey, n.id LIMIT $limit
      RETURN n AS node
      """
      columnName: "node"
    )
}

"""Every node of the graph (:Entity); one type per kind label."""
interface Entity {${ENTITY_FIELDS}
  sources: [Statement!]!
}
${FACT}
${PARTNERSHIP}

"""
Every node of the graph as one type (label :Entity), for questions about any node by id. Asking through the
\`Entity\` interface instead makes @neo4j/graphql plan a UNION over every kind, and a relationship to the
interface a UNION over every kind again (13 × 13 branches): 20 to 90 s to plan the first time, measured at 100,000
relationships. The materialised partnerships (one PARTNERS relationship per pair, from the lower id to the higher)
are read both ways, as the project's API reads them.
"""
type GraphNode @node(labels: ["Entity"]) {${ENTITY_FIELDS}${SOURCES_FIELD}
  partners: [GraphNode!]!
    @relationship(type: "PARTNERS", direction: OUT, queryDirection: UNDIRECTED, properties: "Partnership")
}

"""A sentence of a source document; nodes and relationships cite them by id in sourceRefs."""
type Statement @node(labels: ["Statement"]) {
  id: ID!
  documentId: String!
  position: Int!
  text: String!
  document: SourceDocument
    @cypher(statement: "MATCH (d:Entity {id: this.documentId}) WHERE d:SourceDocument RETURN d", columnName: "d")
}
${kind('Organization', 'organizations', ACTOR_RELATIONSHIPS)}
${kind('University', 'universities', ACTOR_RELATIONSHIPS)}
${kind('Faculty', 'faculties', ACTOR_RELATIONSHIPS + '\n  unitType: String')}
${kind('Commission', 'commissions', ACTOR_RELATIONSHIPS + '\n  provisional: Boolean')}
${kind('Group', 'groups', ACTOR_RELATIONSHIPS + rel('addressedBy', 'Event', 'AIMED_AT', 'IN'))}
${kind(
  'Agreement',
  'agreements',
  `
  status: String
  agreementType: String
  highlighted: Boolean` +
    rel('parties', 'Entity', 'PARTY_TO', 'IN') +
    rel('facilitators', 'Entity', 'FACILITATED', 'IN') +
    rel('reportedIn', 'Entity', 'REPORTED_IN', 'OUT'),
)}
${kind(
  'Event',
  'events',
  `
  eventType: String
  eventCount: Int
  tourCount: Int
  cityCount: Int
  participantCount: Int
  edition: Int
  purpose: String
  note: String` +
    rel('organizers', 'Entity', 'ORGANIZED', 'IN') +
    rel('heldAt', 'Entity', 'HELD_AT', 'OUT') +
    rel('heldIn', 'City', 'HELD_IN', 'OUT') +
    rel('visited', 'City', 'VISITED', 'OUT') +
    rel('participants', 'Entity', 'PARTICIPATED_IN', 'IN') +
    rel('aimedAt', 'Group', 'AIMED_AT', 'OUT') +
    rel('partOf', 'Event', 'PART_OF', 'OUT') +
    rel('parts', 'Event', 'PART_OF', 'IN') +
    rel('reportedIn', 'Entity', 'REPORTED_IN', 'OUT'),
)}
${kind(
  'City',
  'cities',
  rel('country', 'Country', 'LOCATED_IN', 'OUT') +
    rel('locatedHere', 'Entity', 'LOCATED_IN', 'IN') +
    rel('eventsHeldIn', 'Event', 'HELD_IN', 'IN') +
    rel('visitedBy', 'Event', 'VISITED', 'IN'),
)}
${kind('Country', 'countries', rel('locatedHere', 'Entity', 'LOCATED_IN', 'IN'))}
${kind(
  'Report',
  'reports',
  `
  summary: String
  legalInstrumentsSigned: Int` +
    rel('authoredBy', 'Entity', 'AUTHORED_BY', 'OUT') +
    rel('reportsOn', 'Entity', 'REPORTS_ON', 'OUT') +
    rel('reportedIn', 'Entity', 'REPORTED_IN', 'OUT') +
    rel('reports', 'Entity', 'REPORTED_IN', 'IN'),
)}
${kind(
  'SourceDocument',
  'sourceDocuments',
  `
  title: String!
  url: String!
  publishedOn: String!
  author: String
  genre: String
  publisher: String
  language: String
  statements: [Statement!]!
    @cypher(statement: "MATCH (s:Statement {documentId: this.id}) RETURN s ORDER BY s.position", columnName: "s")` +
    rel('reports', 'Entity', 'REPORTED_IN', 'IN'),
)}
`;
