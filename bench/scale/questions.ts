/**
 * The scale benchmark's questions, each asked three ways: of this API (GraphQL), as the best hand-written Cypher
 * for the same answer (through neo4j-driver, and behind the minimal HTTP server), and of the peer
 * (@neo4j/graphql), where it can ask it. Each way's answer is brought to one comparable shape (`Normal`): the ids
 * in the order the question defines, the totals, and what else the question returns.
 */
import { RELATION_TYPES, RelationType } from '../../src/model/graph-model';
import { at, count, flag, list, only, text, texts, type Json } from './json';

/** The nodes the questions are about, chosen from the loaded graph (see `chooseSubjects`). */
export interface Subjects {
  hub: string;
  hubDegree: number;
  /** A node with the median PARTNERS degree (among nodes with partners) sharing partners with the hub. */
  median: string;
  medianDegree: number;
  /** A node 3 or 4 hops from the hub. */
  far: string;
  farDistance: number;
}

export interface Request {
  query: string;
  variables: Record<string, Json>;
}

export type Normal = Json;

export interface Question {
  key: string;
  label: string;
  /** The API's p95 must be at most this (ms). */
  targetP95: number;
  graphql(subjects: Subjects): Request;
  /** The hand-written Cypher: one text, its parameters for the chosen subjects. */
  cypher: { text: string; params(subjects: Subjects): Record<string, Json> };
  /** The peer's request, or why @neo4j/graphql cannot ask it. */
  peer: ((subjects: Subjects) => Request) | { unavailable: string };
  /** `data` of the API's answer, in the comparable shape. */
  fromGraphQL(data: unknown): Normal;
  /** The rows of the Cypher, in the comparable shape. */
  fromCypher(rows: unknown[]): Normal;
  fromPeer?(data: unknown): Normal;
  /** The comparable shape cut to what the peer returns (e.g. evidence ids without names). */
  peerView?(normal: Normal): Normal;
}

/** Every relationship type the API reads as a fact (never PARTNERS, which is derived from them). */
const FACT_TYPES = Object.keys(RELATION_TYPES).join('|');
/** What `path` walks by default: every fact but the reporting links. */
const PATH_TYPES = Object.values(RelationType)
  .filter((type) => type !== RelationType.REPORTED_IN && type !== RelationType.REPORTS_ON)
  .join('|');

export const PARTNERS_PAGE = 20;
/** The API's default `evidence(first)` and `agreements(first)`. */
export const RELATED_ITEMS = 20;
export const COMMON_PARTNERS_FIRST = 50;
export const NEIGHBOURHOOD_LIMIT = 200;
export const PATH_MAX_HOPS = 4;
export const SEARCH_TEXT = 'univ';

type IdName = { id: string; name: string };
type IdNameKind = { id: string; name: string; kind: string };

const idName = (value: unknown): IdName => ({ id: text(at(value, 'id')), name: text(at(value, 'name')) });
const idNameKind = (value: unknown): IdNameKind => ({
  id: text(at(value, 'id')),
  name: text(at(value, 'name')),
  kind: text(at(value, 'kind')),
});

// ---- partners of a node -------------------------------------------------------------------------------------

// A node with very many partners keeps the strongest ranked (`partnerRankingRels`, partnerships.ts): its first page
// seeks those relationships only; any other node's partnerships are all read and sorted. The page is sorted either
// way, so the order is the full one.
const PARTNERS_CYPHER = `
MATCH (x:Entity {id: $id})
CALL (x) {
  CALL (x) {
    WITH x WHERE size(x.partnerRankingRels) > ${PARTNERS_PAGE}
    UNWIND x.partnerRankingRels[0..${PARTNERS_PAGE}] AS rel
    MATCH (x)-[r:PARTNERS]-(p:Entity) WHERE elementId(r) = rel
    RETURN r, p
    UNION ALL
    WITH x WHERE coalesce(size(x.partnerRankingRels), 0) <= ${PARTNERS_PAGE}
    MATCH (x)-[r:PARTNERS]-(p:Entity)
    RETURN r, p
  }
  WITH r, p ORDER BY r.strength DESC, coalesce(r.lastDate, date('0001-01-01')) DESC, p.sortKey, p.id LIMIT ${PARTNERS_PAGE}
  RETURN collect({
    id: p.id, name: p.name, kind: p.kind, strength: r.strength, ways: r.ways,
    evidence: [id IN r.evidence[0..${RELATED_ITEMS}] | head(COLLECT {
      MATCH (e:Entity {id: id}) RETURN {id: e.id, name: e.name}
    })]
  }) AS partners
}
RETURN COUNT { (x)-[:PARTNERS]-() } AS totalCount, partners`;

const partnerNormal = (partner: IdNameKind, strength: unknown, ways: unknown, evidence: Json[]): Json => ({
  ...partner,
  strength: count(strength),
  ways: texts(ways),
  evidence,
});

function partnersQuestion(key: string, label: string, targetP95: number, of: (s: Subjects) => string): Question {
  return {
    key,
    label,
    targetP95,
    graphql: (s) => ({
      query: `query Partners($of: ID!) {
        partners(of: $of, first: ${PARTNERS_PAGE}) {
          totalCount
          edges { node { partner { id name kind } strength kinds evidence { id name } } }
        }
      }`,
      variables: { of: of(s) },
    }),
    cypher: { text: PARTNERS_CYPHER, params: (s) => ({ id: of(s) }) },
    peer: (s) => ({
      query: `query Partners($of: ID!) {
        graphNodes(where: { id: { eq: $of } }) {
          partnersConnection(
            first: ${PARTNERS_PAGE}
            sort: [{ edge: { strength: DESC } }, { edge: { lastDate: DESC } }, { node: { sortKey: ASC } }, { node: { id: ASC } }]
          ) {
            totalCount
            edges { properties { strength ways evidence } node { id name kind } }
          }
        }
      }`,
      variables: { of: of(s) },
    }),
    fromGraphQL: (data) => ({
      totalCount: count(at(data, 'partners', 'totalCount')),
      partners: list(at(data, 'partners', 'edges')).map((edge) => {
        const node = at(edge, 'node');
        return partnerNormal(
          idNameKind(at(node, 'partner')),
          at(node, 'strength'),
          at(node, 'kinds'),
          list(at(node, 'evidence')).map(idName),
        );
      }),
    }),
    fromCypher: (rows) => {
      const row = only(rows);
      return {
        totalCount: count(at(row, 'totalCount')),
        partners: list(at(row, 'partners')).map((partner) =>
          partnerNormal(
            idNameKind(partner),
            at(partner, 'strength'),
            at(partner, 'ways'),
            list(at(partner, 'evidence')).map(idName),
          ),
        ),
      };
    },
    fromPeer: (data) => {
      const connection = at(only(at(data, 'graphNodes')), 'partnersConnection');
      return {
        totalCount: count(at(connection, 'totalCount')),
        partners: list(at(connection, 'edges')).map((edge) =>
          partnerNormal(
            idNameKind(at(edge, 'node')),
            at(edge, 'properties', 'strength'),
            at(edge, 'properties', 'ways'),
            texts(at(edge, 'properties', 'evidence')).slice(0, RELATED_ITEMS),
          ),
        ),
      };
    },
    // The peer reads the evidence ids off the relationship; their names would take a query per id.
    peerView: (normal) => ({
      totalCount: count(at(normal, 'totalCount')),
      partners: list(at(normal, 'partners')).map((partner) =>
        partnerNormal(
          idNameKind(partner),
          at(partner, 'strength'),
          at(partner, 'ways'),
          list(at(partner, 'evidence')).map((evidence) => text(at(evidence, 'id'))),
        ),
      ),
    }),
  };
}

// ---- the questions --------------------------------------------------------------------------------------------

const NODE_WITH_SOURCES: Question = {
  key: 'node',
  label: 'node by id with sources',
  targetP95: 5,
  graphql: (s) => ({
    query: `query Node($id: ID!) { node(id: $id) { id name kind sources { sentence document { title } } } }`,
    variables: { id: s.hub },
  }),
  cypher: {
    text: `
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.name AS name, n.kind AS kind,
       COLLECT {
         UNWIND n.sourceRefs AS ref
         MATCH (s:Statement {id: ref})
         OPTIONAL MATCH (d:Entity {id: s.documentId})
         RETURN {sentence: s.text, title: d.title}
       } AS sources`,
    params: (s) => ({ id: s.hub }),
  },
  peer: (s) => ({
    query: `query Node($id: ID!) {
      graphNodes(where: { id: { eq: $id } }) { id name kind sources { text document { title } } }
    }`,
    variables: { id: s.hub },
  }),
  fromGraphQL: (data) => {
    const node = at(data, 'node');
    return {
      ...idNameKind(node),
      sources: list(at(node, 'sources')).map((source) => ({
        sentence: text(at(source, 'sentence')),
        title: text(at(source, 'document', 'title')),
      })),
    };
  },
  fromCypher: (rows) => {
    const row = only(rows);
    return {
      ...idNameKind(row),
      sources: list(at(row, 'sources')).map((source) => ({
        sentence: text(at(source, 'sentence')),
        title: text(at(source, 'title')),
      })),
    };
  },
  fromPeer: (data) => {
    const node = only(at(data, 'graphNodes'));
    return {
      ...idNameKind(node),
      sources: list(at(node, 'sources')).map((source) => ({
        sentence: text(at(source, 'text')),
        title: text(at(source, 'document', 'title')),
      })),
    };
  },
};

const COMMON_PARTNERS: Question = {
  key: 'common-partners',
  label: 'common partners (hub, median node)',
  targetP95: 30,
  graphql: (s) => ({
    query: `query Common($ids: [ID!]!) { commonPartners(ids: $ids, first: ${COMMON_PARTNERS_FIRST}) { id name kind } }`,
    variables: { ids: [s.hub, s.median] },
  }),
  // "Strongest first" for several nodes: by strength with the node that has the fewest partners (the API's order).
  cypher: {
    text: `
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
WITH CASE WHEN COUNT { (a)-[:PARTNERS]-() } <= COUNT { (b)-[:PARTNERS]-() } THEN [a, b] ELSE [b, a] END AS ends
WITH ends[0] AS small, ends[1] AS big
MATCH (small)-[r:PARTNERS]-(p:Entity)
WHERE p <> big AND EXISTS { (big)-[:PARTNERS]-(p) }
WITH p, r ORDER BY r.strength DESC, p.sortKey, p.id LIMIT ${COMMON_PARTNERS_FIRST}
RETURN collect({id: p.id, name: p.name, kind: p.kind}) AS partners`,
    params: (s) => ({ a: s.hub, b: s.median }),
  },
  // The peer walks from the node with fewer partners (the median one), filtered by a partnership with the hub.
  peer: (s) => ({
    query: `query Common($from: ID!, $with: ID!) {
      graphNodes(where: { id: { eq: $from } }) {
        partnersConnection(
          first: ${COMMON_PARTNERS_FIRST}
          where: { node: { partners: { some: { id: { eq: $with } } } } }
          sort: [{ edge: { strength: DESC } }, { node: { sortKey: ASC } }, { node: { id: ASC } }]
        ) { edges { node { id name kind } } }
      }
    }`,
    variables: s.medianDegree <= s.hubDegree ? { from: s.median, with: s.hub } : { from: s.hub, with: s.median },
  }),
  fromGraphQL: (data) => list(at(data, 'commonPartners')).map(idNameKind),
  fromCypher: (rows) => list(at(only(rows), 'partners')).map(idNameKind),
  fromPeer: (data) =>
    list(at(only(at(data, 'graphNodes')), 'partnersConnection', 'edges')).map((edge) => idNameKind(at(edge, 'node'))),
};

const ORGANIZATIONS_PAGE: Question = {
  key: 'organizations',
  label: 'organizations page of 20 by name, with agreements',
  targetP95: 15,
  graphql: () => ({
    query: `query Organizations {
      organizations(first: 20) { totalCount edges { node { id name agreements { id name } } } }
    }`,
    variables: {},
  }),
  cypher: {
    text: `
CALL () { MATCH (n:Organization) RETURN count(n) AS totalCount }
CALL () {
  MATCH (n:Organization)
  WITH n ORDER BY n.sortKey, n.id LIMIT 20
  CALL (n) {
    MATCH (n)-[:PARTY_TO]->(a:Entity)
    WITH DISTINCT a ORDER BY a.sortKey, a.id LIMIT ${RELATED_ITEMS}
    RETURN collect({id: a.id, name: a.name}) AS agreements
  }
  RETURN collect({id: n.id, name: n.name, agreements: agreements}) AS page
}
RETURN totalCount, page`,
    params: () => ({}),
  },
  peer: () => ({
    query: `query Organizations {
      organizationsConnection(first: 20, sort: [{ sortKey: ASC }, { id: ASC }]) {
        totalCount
        edges { node { id name agreements(limit: ${RELATED_ITEMS}, sort: [{ sortKey: ASC }, { id: ASC }]) { id name } } }
      }
    }`,
    variables: {},
  }),
  fromGraphQL: (data) => ({
    totalCount: count(at(data, 'organizations', 'totalCount')),
    page: list(at(data, 'organizations', 'edges')).map((edge) => organization(at(edge, 'node'))),
  }),
  fromCypher: (rows) => {
    const row = only(rows);
    return { totalCount: count(at(row, 'totalCount')), page: list(at(row, 'page')).map(organization) };
  },
  fromPeer: (data) => ({
    totalCount: count(at(data, 'organizationsConnection', 'totalCount')),
    page: list(at(data, 'organizationsConnection', 'edges')).map((edge) => organization(at(edge, 'node'))),
  }),
};

function organization(value: unknown): Json {
  return {
    id: text(at(value, 'id')),
    name: text(at(value, 'name')),
    agreements: list(at(value, 'agreements')).map(idName),
  };
}

/**
 * The API's search rule (exact name or alias, then prefix of a name or alias, ties by name then id; relevance only
 * fills a page that has fewer prefix matches, which "univ" with its thousands never does), as one hand-written query.
 */
const SEARCH_RANKED = `
CALL () {
  MATCH (n:Entity) WHERE n.sortKey STARTS WITH $exact
  WITH n ORDER BY n.sortKey, n.id LIMIT 10
  RETURN n
  UNION
  CALL db.index.fulltext.queryNodes('entity_alias_keys', $aliasPrefix, {limit: 2000}) YIELD node AS n
  RETURN n
}
WITH n, CASE WHEN n.sortKey = $exact OR $exact IN coalesce(n.aliasKeys, []) THEN 3 ELSE 2 END AS tier
ORDER BY tier DESC, n.sortKey, n.id
LIMIT 10`;
const SEARCH: Question = {
  key: 'search',
  label: `search "${SEARCH_TEXT}" (prefix), top 10`,
  targetP95: 15,
  graphql: () => ({
    query: `query Search($q: String!) { search(query: $q, first: 10) { node { id name kind } } }`,
    variables: { q: SEARCH_TEXT },
  }),
  cypher: {
    text: `${SEARCH_RANKED}
RETURN n.id AS id, n.name AS name, n.kind AS kind`,
    params: () => ({ exact: SEARCH_TEXT, aliasPrefix: `${SEARCH_TEXT}*` }),
  },
  peer: () => ({
    query: `query Search($exact: String!, $aliasPrefix: String!) { search(exact: $exact, aliasPrefix: $aliasPrefix, limit: 10) { id name kind } }`,
    variables: { exact: SEARCH_TEXT, aliasPrefix: `${SEARCH_TEXT}*` },
  }),
  fromGraphQL: (data) => list(at(data, 'search')).map((hit) => idNameKind(at(hit, 'node'))),
  fromCypher: (rows) => rows.map(idNameKind),
  fromPeer: (data) => list(at(data, 'search')).map(idNameKind),
};

/**
 * The neighbourhood by its definition, stated once in src/features/graph/graph.repository.ts (layers ranked by
 * strength to the previous layer, then sortKey, then id; cut at `limit`; then the relationships among the kept
 * nodes), hand-written for depth 2. tests/integration/neighbourhood-definition.test.ts checks it against the
 * definition on a graph of ties.
 */
const NEIGHBOURHOOD: Question = {
  key: 'neighbourhood',
  label: `neighbourhood of the hub, depth 2, limit ${NEIGHBOURHOOD_LIMIT}`,
  targetP95: 50,
  graphql: (s) => ({
    query: `query Neighbourhood($id: ID!) {
      neighborhood(id: $id, depth: 2, limit: ${NEIGHBOURHOOD_LIMIT}) { nodes { id } edges { id } truncated }
    }`,
    variables: { id: s.hub },
  }),
  cypher: {
    text: `
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)-[r:${FACT_TYPES}]-(m:Entity) WHERE m <> c
  WITH m, count(r) AS strength ORDER BY strength DESC, m.sortKey, m.id
  RETURN collect(m) AS reached1
}
WITH c, reached1[0..$limit - 1] AS layer1, size(reached1) > $limit - 1 AS cut1
WITH c, layer1, cut1, [c] + layer1 AS kept1
CALL (kept1, layer1) {
  WITH kept1, layer1 WHERE size(kept1) < $limit
  UNWIND layer1 AS f
  MATCH (f)-[r:${FACT_TYPES}]-(m:Entity) WHERE NOT m IN kept1
  WITH m, count(r) AS strength ORDER BY strength DESC, m.sortKey, m.id
  RETURN collect(m) AS reached2
}
WITH kept1 + reached2[0..$limit - size(kept1)] AS kept,
     CASE WHEN cut1 THEN true
          WHEN size(kept1) >= $limit THEN any(f IN layer1 WHERE EXISTS {
            MATCH (f)-[:${FACT_TYPES}]-(m:Entity) WHERE NOT m IN kept1 })
          ELSE size(reached2) > $limit - size(kept1) END AS truncated
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r:${FACT_TYPES}]->(b) WHERE b IN kept
  RETURN collect(DISTINCT r.id) AS edges
}
RETURN [n IN kept | n.id] AS nodes, edges, truncated`,
    params: (s) => ({ id: s.hub, limit: NEIGHBOURHOOD_LIMIT }),
  },
  peer: {
    unavailable:
      '@neo4j/graphql generates one-hop relationship fields only; a bounded breadth-first expansion ranked per ' +
      'layer needs a hand-written @cypher field, i.e. the raw Cypher itself',
  },
  // Nodes in order (centre, then each layer strongest first); edges as a set.
  fromGraphQL: (data) => ({
    nodes: list(at(data, 'neighborhood', 'nodes')).map((node) => text(at(node, 'id'))),
    edges: list(at(data, 'neighborhood', 'edges'))
      .map((edge) => text(at(edge, 'id')))
      .sort(),
    truncated: flag(at(data, 'neighborhood', 'truncated')),
  }),
  fromCypher: (rows) => {
    const row = only(rows);
    return {
      nodes: texts(at(row, 'nodes')),
      edges: texts(at(row, 'edges')).sort(),
      truncated: flag(at(row, 'truncated')),
    };
  },
};

const PATH: Question = {
  key: 'path',
  label: `shortest path, hub to a far node (≤ ${PATH_MAX_HOPS} hops)`,
  targetP95: 100,
  graphql: (s) => ({
    query: `query Path($from: ID!, $to: ID!) {
      path(from: $from, to: $to, maxHops: ${PATH_MAX_HOPS}) { length nodes { id } edges { id } }
    }`,
    variables: { from: s.hub, to: s.far },
  }),
  cypher: {
    text: `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:${PATH_TYPES}*..${PATH_MAX_HOPS}]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodes`,
    params: (s) => ({ from: s.hub, to: s.far }),
  },
  peer: {
    unavailable:
      '@neo4j/graphql has no path or variable-length traversal; only a hand-written @cypher field could ask it',
  },
  // Several shortest paths may exist and none is preferred: compare the length and the ends.
  fromGraphQL: (data) => {
    const nodes = list(at(data, 'path', 'nodes')).map((node) => text(at(node, 'id')));
    return { length: count(at(data, 'path', 'length')), from: nodes[0] ?? null, to: nodes.at(-1) ?? null };
  },
  fromCypher: (rows) => {
    const row = only(rows);
    const nodes = texts(at(row, 'nodes'));
    return { length: count(at(row, 'length')), from: nodes[0] ?? null, to: nodes.at(-1) ?? null };
  },
};

export const QUESTIONS: readonly Question[] = [
  NODE_WITH_SOURCES,
  partnersQuestion('partners-hub', `partners of the hub (first ${PARTNERS_PAGE} + totalCount)`, 20, (s) => s.hub),
  partnersQuestion(
    'partners-median',
    `partners of a median node (first ${PARTNERS_PAGE} + totalCount)`,
    10,
    (s) => s.median,
  ),
  COMMON_PARTNERS,
  ORGANIZATIONS_PAGE,
  SEARCH,
  NEIGHBOURHOOD,
  PATH,
];

/** The questions whose throughput is measured. */
export const THROUGHPUT_KEYS: readonly string[] = ['node', 'partners-hub', 'partners-median'];

export function questionByKey(key: string): Question {
  const question = QUESTIONS.find((candidate) => candidate.key === key);
  if (!question) throw new Error(`no question "${key}"`);
  return question;
}

/** The API's p50 may be at most this many times the hand-written Cypher's. */
export const RATIO_TARGET = 1.5;
/** Throughput: at least this many times the peer's, and this share of the minimal HTTP server's. */
export const PEER_FACTOR_TARGET = 2;
export const MINIMAL_SHARE_TARGET = 0.5;
