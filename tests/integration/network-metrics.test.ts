/**
 * networkMetrics and agreement statuses over HTTP against the seeded real Neo4j (cypher/seed): the IECM is the
 * hub of its partnership network; a network past METRICS_MAX_RELATIONSHIPS is refused with a code.
 */
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

let api: TestServer;
beforeAll(async () => {
  const db = testDatabase();
  await resetAndSeed(db);
  await db.close();
  api = await startTestServer();
});
afterAll(() => api.close());

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await api.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

interface Ranked {
  id: string;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  normalizedBetweenness: number;
  community: number;
}
interface MetricsData {
  networkMetrics: {
    nodeCount: number;
    relationshipCount: number;
    byDegree: Ranked[];
    byBetweenness: Ranked[];
    communities: {
      modularity: number | null;
      count: number;
      communities: { id: number; size: number; members: { id: string }[] }[];
    };
  };
}
const METRICS = `query ($kinds: [NodeKind!], $via: [PartnershipKind!], $activeAt: String) {
  networkMetrics(kinds: $kinds, via: $via, activeAt: $activeAt) {
    nodeCount relationshipCount
    byDegree: nodes(orderBy: DEGREE, first: 100) { id degree weightedDegree betweenness normalizedBetweenness community }
    byBetweenness: nodes(orderBy: BETWEENNESS, first: 3) { id degree weightedDegree betweenness normalizedBetweenness community }
    communities { modularity count communities(first: 100) { id size members(first: 100) { id } } }
  }
}`;

describe('the whole partnership network of the seed', () => {
  let metrics: MetricsData['networkMetrics'];
  beforeAll(async () => {
    metrics = (await data<MetricsData>(METRICS)).networkMetrics;
  });

  it('has the IECM as its highest-degree node and its top broker', () => {
    expect(metrics.byDegree[0]?.id).toBe('iecm');
    expect(metrics.byBetweenness[0]?.id).toBe('iecm');
    const iecm = metrics.byDegree[0];
    expect(iecm?.degree).toBeGreaterThan(metrics.byDegree[1]?.degree ?? Infinity);
    expect(iecm?.normalizedBetweenness).toBeGreaterThan(0);
    expect(iecm?.normalizedBetweenness).toBeLessThanOrEqual(1);
  });

  it('counts every node once, ranked by degree, with weights at least the degree', () => {
    expect(metrics.byDegree).toHaveLength(Math.min(100, metrics.nodeCount));
    const degrees = metrics.byDegree.map((node) => node.degree);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    for (const node of metrics.byDegree) expect(node.weightedDegree).toBeGreaterThanOrEqual(node.degree);
    // Handshakes: the degrees add up to twice the partnerships (when every node is listed).
    if (metrics.nodeCount <= 100) expect(degrees.reduce((a, b) => a + b, 0)).toBe(2 * metrics.relationshipCount);
  });

  it("agrees with the IECM's partners query on its degree", async () => {
    const { partners } = await data<{ partners: { totalCount: number } }>('{ partners(of: "iecm") { totalCount } }');
    expect(metrics.byDegree[0]?.degree).toBe(partners.totalCount);
  });

  it('splits it into communities that cover every node once, as each node says', () => {
    const { communities, count, modularity } = metrics.communities;
    expect(count).toBe(communities.length);
    expect(modularity).not.toBeNull();
    const members = communities.flatMap((c) => c.members.map((m) => m.id));
    expect(new Set(members).size).toBe(members.length);
    expect(communities.reduce((sum, c) => sum + c.size, 0)).toBe(metrics.nodeCount);
    const communityOf = new Map(communities.flatMap((c) => c.members.map((m) => [m.id, c.id] as const)));
    for (const node of metrics.byDegree) expect(communityOf.get(node.id)).toBe(node.community);
  });
});

it('narrows the network by kinds, ways of partnering and date', async () => {
  const all = (await data<MetricsData>(METRICS)).networkMetrics;
  const universities = (await data<MetricsData>(METRICS, { kinds: ['ORGANIZATION', 'UNIVERSITY'] })).networkMetrics;
  expect(universities.relationshipCount).toBeGreaterThan(0);
  expect(universities.relationshipCount).toBeLessThan(all.relationshipCount);
  const signed = (await data<MetricsData>(METRICS, { via: ['SIGNED_AGREEMENT'] })).networkMetrics;
  expect(signed.byDegree[0]?.id).toBe('iecm');
  expect(signed.relationshipCount).toBeLessThan(all.relationshipCount);
  // In 1990 only facts without a period hold (the 2025 articles state agreements without dates): the network keeps
  // exactly the partnerships that partners(activeAt) keeps.
  const before = (await data<MetricsData>(METRICS, { activeAt: '1990' })).networkMetrics;
  expect(before.relationshipCount).toBeLessThan(all.relationshipCount);
  for (const id of ['iecm', 'ine', 'unam']) {
    const { partners } = await data<{ partners: { totalCount: number } }>(
      'query ($id: ID!) { partners(of: $id, activeAt: "1990") { totalCount } }',
      { id },
    );
    expect({ id, degree: before.byDegree.find((node) => node.id === id)?.degree ?? 0 }).toEqual({
      id,
      degree: partners.totalCount,
    });
  }
});

it('ranks only the asked nodes, e.g. those on screen', async () => {
  const { networkMetrics } = await data<{ networkMetrics: { nodes: { id: string; node: { name: string } }[] } }>(
    '{ networkMetrics { nodes(ids: ["unam", "iecm", "no-such-node"]) { id node { name } } } }',
  );
  expect(networkMetrics.nodes.map((n) => n.id)).toEqual(['iecm', 'unam']);
  expect(networkMetrics.nodes[0]?.node.name).toMatch(/Instituto Electoral/);
});

it('refuses a bad activeAt naming the format', async () => {
  const response = await api.graphql(METRICS, { activeAt: '2024-13' });
  expect(codeOf(response)).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(response.errors?.[0]?.extensions)).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/);
});

it('refuses a network past METRICS_MAX_RELATIONSHIPS with BAD_USER_INPUT, and serves a narrower one', async () => {
  const small = await startTestServer({ METRICS_MAX_RELATIONSHIPS: '5' });
  try {
    const refused = await small.graphql('{ networkMetrics { nodeCount } }');
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/more than 5 partnerships/);
    const narrow = await small.graphql<{ networkMetrics: { relationshipCount: number } }>(
      '{ networkMetrics(kinds: [CITY]) { relationshipCount } }',
    );
    expect(narrow.errors).toBeUndefined();
    expect(narrow.data?.networkMetrics.relationshipCount).toBeLessThanOrEqual(5);
  } finally {
    await small.close();
  }
});

describe('bounded work', () => {
  const alias = (i: number, args = ''): string =>
    `m${i}: networkMetrics${args} { nodes(orderBy: BETWEENNESS, first: 3) { id betweenness } }`;

  it('refuses 30 aliases of networkMetrics by complexity, before any work', async () => {
    // The GraphQL-over-HTTP media type answers a request error with 4xx (application/json with 200).
    const response = await api.request(
      `{ ${Array.from({ length: 30 }, (_, i) => alias(i)).join(' ')} }`,
      {},
      {
        accept: 'application/graphql-response+json',
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/complex/i);
  });

  it('answers aliases of one network from one computation, with the same scores', async () => {
    const { m0, m1, m2 } = await data<Record<string, { nodes: { id: string; betweenness: number }[] }>>(
      `{ ${[0, 1, 2].map((i) => alias(i)).join(' ')} }`,
    );
    expect(m0?.nodes[0]?.id).toBe('iecm');
    expect(m1).toEqual(m0);
    expect(m2).toEqual(m0);
  });

  it('computes betweenness on at most 2 different networks per request', async () => {
    const response = await api.graphql(
      `{ ${alias(0, '(activeAt: "2001")')} ${alias(1, '(activeAt: "2002")')} ${alias(2, '(activeAt: "2003")')} }`,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.errors)).toMatch(/at most 2 different networks/);
  });
});

describe('agreement status', () => {
  it('is an enum: a string is refused, not silently answered with nothing', async () => {
    const response = await api.graphql('{ agreements(filter: { status: "signed" }) { totalCount } }');
    expect(response.errors?.[0]?.message).toMatch(/AgreementStatus/);
    const { signed } = await data<{ signed: { totalCount: number } }>(
      '{ signed: agreements(filter: { status: SIGNED }) { totalCount } }',
    );
    expect(signed.totalCount).toBeGreaterThan(0);
  });

  it.each(['firmado', 'Firmados', 'signed', 'suscrito'])('"%s" finds the signed agreements first', async (word) => {
    const { search } = await data<{ search: { node: { __typename: string; status?: string } }[] }>(
      `{ search(query: "${word}", first: 5) { node { __typename ... on Agreement { status } } } }`,
    );
    expect(search.length).toBeGreaterThan(0);
    expect(search[0]?.node).toEqual({ __typename: 'Agreement', status: 'SIGNED' });
  });

  it.each(['en negociación', 'negotiation'])('"%s" finds agreements in negotiation first', async (word) => {
    const { search } = await data<{ search: { node: { status?: string } }[] }>(
      `{ search(query: "${word}", first: 3) { node { ... on Agreement { status } } } }`,
    );
    expect(search[0]?.node.status).toBe('NEGOTIATION');
  });
});
