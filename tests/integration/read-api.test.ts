/**
 * The read API's contract over HTTP against the seeded real Neo4j. Expected answers come from the article of
 * 2024-09-25 whose sentences are the statements of cypher/seed/iecm-alianzas-2024-09-25.json: who signed with the
 * IECM, whom it helped negotiate with, where its events were held.
 */
import { resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

let api: TestServer;
beforeAll(async () => {
  const db = testDatabase();
  // Its expectations are written from the 2024-09-25 note, the first seed file.
  await resetAndSeedFirstDocument(db);
  await db.close();
  api = await startTestServer();
});
afterAll(() => api.close());

/** Posts a query and fails the test on any error. */
async function data<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await api.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

const SIGNED_WITH_IECM = [
  'canaco-cdmx',
  'colegio-de-notarios',
  'fes-aragon',
  'fgj-cdmx',
  'ficeda',
  'gobierno-cdmx',
  'ige',
  'ine',
  'secretaria-contraloria-general-cdmx',
  'ssc-cdmx',
  'unam',
  'world-vision-mexico',
];
const NEGOTIATION_ACCOMPANIED = ['indetec', 'itam', 'oei', 'registro-civil', 'uam'];
const STAND_VENUES = [
  'fcpys-unam',
  'tec-de-monterrey',
  'uam-iztapalapa',
  'universidad-insurgentes',
  'universidad-tres-culturas',
];

interface PartnersData {
  partners: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { partner: { id: string }; kinds: string[]; evidence: { id: string }[] } }[];
  };
}
const PARTNERS = `query ($of: ID!, $via: [PartnershipKind!], $activeAt: String, $first: Int, $after: String) {
  partners(of: $of, via: $via, activeAt: $activeAt, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { partner { id } kinds evidence { id } } }
  }
}`;
const partnerIds = (result: PartnersData): string[] => result.partners.edges.map((edge) => edge.node.partner.id).sort();

describe('node', () => {
  it('returns a node by id with its kind-specific type', async () => {
    const result = await data<{
      node: { __typename: string; id: string; name: string; kind: string; aliases: string[] };
    }>('{ node(id: "iecm") { __typename id name kind aliases } }');
    expect(result.node).toMatchObject({
      __typename: 'Organization',
      name: 'Instituto Electoral de la Ciudad de México',
      kind: 'ORGANIZATION',
    });
    expect(result.node.aliases).toContain('IECM');
  });

  it('is null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(await data('{ node(id: "no-such-node") { id } }')).toEqual({ node: null });
    expect(codeOf(await api.graphql('{ node(id: "Not a slug!") { id } }'))).toBe('BAD_USER_INPUT');
  });

  it('names its sources: the document and the supporting sentence', async () => {
    const result = await data<{
      node: {
        sources: {
          position: number;
          sentence: string;
          document: { url: string; publishedOn: { value: string; precision: string } };
        }[];
      };
    }>('{ node(id: "ige") { sources { position sentence document { url publishedOn { value precision } } } } }');
    expect(result.node.sources).toEqual([
      {
        position: 4,
        sentence: expect.stringContaining('Instituto de Gestión Electoral de Buenos Aires (IGE)'),
        document: {
          url: 'https://pasantesdf.com/mexico/iecm-fortalece-acciones-a-traves-de-alianzas-estrategicas/',
          publishedOn: { value: '2024-09-25', precision: 'DAY' },
        },
      },
    ]);
  });
});

describe('search', () => {
  const search = (query: string, extra = '') =>
    data<{ search: { score: number; node: { id: string; kind: string } }[] }>(
      `query ($q: String!) { search(query: $q${extra}) { score node { id kind } } }`,
      { q: query },
    );

  it.each([
    ['fisc', 'fgj-cdmx'],
    ['FISCALÍA', 'fgj-cdmx'],
    ['fiscalia general', 'fgj-cdmx'],
    ['iecm', 'iecm'],
    ['IGE', 'ige'],
    ['Tec de Monterrey', 'tec-de-monterrey'],
    ['nueva york', 'nueva-york'],
    ['New York', 'nueva-york'],
    ['canaco', 'canaco-cdmx'],
    ['Cámara Nacional de Comercio', 'canaco-cdmx'],
    ['unam', 'unam'],
  ])('"%s" finds %s first', async (query, id) => {
    const { search: hits } = await search(query);
    expect(hits[0]?.node.id).toBe(id);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });

  it('filters by kind and honours first', async () => {
    const { search: hits } = await search('universidad', ', kinds: [UNIVERSITY], first: 3');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((hit) => hit.node.kind))).toEqual(new Set(['UNIVERSITY']));
  });

  it('treats Lucene syntax as text and refuses empty or oversized requests', async () => {
    expect((await search('fisc*) OR (a:b')).search).toBeDefined();
    expect(codeOf(await api.graphql('{ search(query: "!!!") { score } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql('{ search(query: "ine", first: 500) { score } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('partners', () => {
  it('of the IECM: the 12 signatories, the 5 accompanied negotiations, the 5 stand venues and the foreign visitors', async () => {
    const all = await data<PartnersData>(PARTNERS, { of: 'iecm', first: 100 });
    expect(all.partners.totalCount).toBe(23);
    const signed = await data<PartnersData>(PARTNERS, { of: 'iecm', via: ['SIGNED_AGREEMENT'], first: 100 });
    expect(partnerIds(signed)).toEqual(SIGNED_WITH_IECM);
    const facilitated = await data<PartnersData>(PARTNERS, { of: 'iecm', via: ['FACILITATED_AGREEMENT'], first: 100 });
    expect(partnerIds(facilitated)).toEqual(NEGOTIATION_ACCOMPANIED);
    // A university partners through its campus or faculty: the UNAM through the FCPyS, the UAM through Iztapalapa.
    const venues = await data<PartnersData>(PARTNERS, { of: 'iecm', via: ['EVENT_VENUE'], first: 100 });
    expect(partnerIds(venues)).toEqual([...STAND_VENUES, 'uam', 'unam'].sort());
    const participants = await data<PartnersData>(PARTNERS, { of: 'iecm', via: ['EVENT_PARTICIPATION'], first: 100 });
    expect(partnerIds(participants)).toEqual(['personas-visitantes-extranjeras']);
  });

  it('gives the agreement that proves each partnership', async () => {
    const result = await data<PartnersData>(PARTNERS, { of: 'iecm', via: ['SIGNED_AGREEMENT'], first: 100 });
    const byPartner = new Map(result.partners.edges.map((edge) => [edge.node.partner.id, edge.node]));
    expect(byPartner.get('ine')?.evidence).toEqual([{ id: 'convenio-iecm-ine' }]);
    expect(byPartner.get('gobierno-cdmx')?.evidence).toEqual([{ id: 'convenio-iecm-contraloria-gobierno-cdmx' }]);
    expect(byPartner.get('itam')).toBeUndefined();
  });

  it('cites only the facts a filter keeps', async () => {
    // The UNAM partners the IECM through a signed agreement (its FES Aragón) and as a stand venue (its FCPyS).
    const SOURCES = `query ($via: [PartnershipKind!]) {
      partners(of: "iecm", via: $via, first: 100) { edges { node { partner { id } kinds sources(first: 50) { statementId } } } }
    }`;
    type SourcesData = {
      partners: { edges: { node: { partner: { id: string }; kinds: string[]; sources: { statementId: string }[] } }[] };
    };
    const unam = async (via?: string[]): Promise<{ kinds: string[]; sources: string[] }> => {
      const edge = (await data<SourcesData>(SOURCES, { via })).partners.edges.find(
        (candidate) => candidate.node.partner.id === 'unam',
      );
      return { kinds: edge?.node.kinds ?? [], sources: (edge?.node.sources ?? []).map((s) => s.statementId).sort() };
    };
    const all = await unam();
    const signed = await unam(['SIGNED_AGREEMENT']);
    const venue = await unam(['EVENT_VENUE']);
    expect(all.kinds).toEqual(expect.arrayContaining(['SIGNED_AGREEMENT', 'EVENT_VENUE']));
    expect(signed.kinds).toEqual(['SIGNED_AGREEMENT']);
    expect(signed.sources.length).toBeGreaterThan(0);
    expect(venue.sources.length).toBeGreaterThan(0);
    // Each filtered answer cites part of what the whole partnership cites, and together they cite all of it.
    expect(all.sources).toEqual(expect.arrayContaining([...signed.sources, ...venue.sources]));
    expect([...new Set([...signed.sources, ...venue.sources])].sort()).toEqual(all.sources);
    expect(signed.sources).not.toEqual(all.sources);
  });

  it('works from the partner side too', async () => {
    const result = await data<PartnersData>(PARTNERS, { of: 'ine' });
    expect(partnerIds(result)).toEqual(['iecm']);
    expect(result.partners.edges[0]?.node.kinds).toEqual(['SIGNED_AGREEMENT']);
  });

  it('filters by the reported period with activeAt', async () => {
    expect(
      (await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2024-01-15', first: 100 })).partners.totalCount,
    ).toBe(23);
    expect(
      (await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2023-09-01', first: 100 })).partners.totalCount,
    ).toBe(23);
    expect((await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2023-08-31' })).partners.totalCount).toBe(0);
    expect((await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2024-10-01' })).partners.totalCount).toBe(0);
    // A partial date covers its whole year or month.
    expect((await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2023' })).partners.totalCount).toBe(23);
    expect((await data<PartnersData>(PARTNERS, { of: 'iecm', activeAt: '2024-10' })).partners.totalCount).toBe(0);
  });

  it('pages with Relay cursors through every partner exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: PartnersData = await data<PartnersData>(PARTNERS, { of: 'iecm', first: 5, after });
      expect(page.partners.totalCount).toBe(23);
      seen.push(...page.partners.edges.map((edge) => edge.node.partner.id));
      after = page.partners.pageInfo.hasNextPage ? page.partners.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
  });

  it('refuses unknown ids, bad cursors and oversized pages with codes', async () => {
    expect(codeOf(await api.graphql(PARTNERS, { of: 'nobody' }))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(PARTNERS, { of: 'iecm', after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(PARTNERS, { of: 'iecm', first: 1000 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(PARTNERS, { of: 'iecm', activeAt: '2024-13-01' }))).toBe('BAD_USER_INPUT');
  });

  it('is also a field of every node', async () => {
    const result = await data<{ node: { partners: { totalCount: number } } }>(
      '{ node(id: "unam") { partners { totalCount } } }',
    );
    expect(result.node.partners.totalCount).toBeGreaterThan(0);
  });
});

describe('commonPartners', () => {
  it('finds the IECM as the partner that INE and World Vision México share', async () => {
    const result = await data<{ commonPartners: { id: string }[] }>(
      '{ commonPartners(ids: ["ine", "world-vision-mexico"]) { id } }',
    );
    expect(result.commonPartners).toEqual([{ id: 'iecm' }]);
  });

  it('needs two existing ids', async () => {
    expect(codeOf(await api.graphql('{ commonPartners(ids: ["ine"]) { id } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql('{ commonPartners(ids: ["ine", "ine"]) { id } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql('{ commonPartners(ids: ["ine", "ghost"]) { id } }'))).toBe('NOT_FOUND');
  });
});

describe('path', () => {
  interface PathData {
    path: {
      length: number;
      nodes: { id: string }[];
      edges: { source: string; target: string; type: string; label: string }[];
    } | null;
  }
  const PATH = `query ($from: ID!, $to: ID!, $maxHops: Int, $via: [RelationType!]) {
    path(from: $from, to: $to, maxHops: $maxHops, via: $via) { length nodes { id } edges { source target type label } }
  }`;

  it('from the IECM to the UNAM goes through their agreement, in order', async () => {
    const { path } = await data<PathData>(PATH, { from: 'iecm', to: 'unam' });
    expect(path).toEqual({
      length: 2,
      nodes: [{ id: 'iecm' }, { id: 'convenio-iecm-unam-fes-aragon' }, { id: 'unam' }],
      edges: [
        { source: 'iecm', target: 'convenio-iecm-unam-fes-aragon', type: 'PARTY_TO', label: 'party to' },
        { source: 'unam', target: 'convenio-iecm-unam-fes-aragon', type: 'PARTY_TO', label: 'party to' },
      ],
    });
  });

  it('every edge joins consecutive nodes of the path', async () => {
    const { path } = await data<PathData>(PATH, { from: 'iecm', to: 'tec-de-monterrey' });
    expect(path!.length).toBe(3);
    path!.edges.forEach((edge, i) => {
      const ends = [path!.nodes[i]!.id, path!.nodes[i + 1]!.id].sort();
      expect([edge.source, edge.target].sort()).toEqual(ends);
    });
  });

  it('keeps to the given relationship types and to maxHops', async () => {
    const { path } = await data<PathData>(PATH, { from: 'iecm', to: 'ine', via: ['LOCATED_IN'] });
    expect(path?.nodes.map((node) => node.id)).toEqual(['iecm', 'ciudad-de-mexico', 'mexico', 'ine']);
    expect((await data<PathData>(PATH, { from: 'iecm', to: 'unam', maxHops: 1 })).path).toBeNull();
    expect((await data<PathData>(PATH, { from: 'chicago', to: 'ine', via: ['PARTY_TO'] })).path).toBeNull();
  });

  it('refuses unknown ids and hop counts over the cap', async () => {
    expect(codeOf(await api.graphql(PATH, { from: 'iecm', to: 'atlantis' }))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(PATH, { from: 'iecm', to: 'unam', maxHops: 99 }))).toBe('BAD_USER_INPUT');
  });
});

describe('neighborhood', () => {
  interface SubgraphData {
    neighborhood: {
      nodes: { id: string; kind: string }[];
      edges: { id: string; source: string; target: string; type: string }[];
      truncated: boolean;
    };
  }
  const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $types: [RelationType!], $kinds: [NodeKind!], $limit: Int) {
    neighborhood(id: $id, depth: $depth, relationTypes: $types, kinds: $kinds, limit: $limit) {
      nodes { id kind } edges { id source target type } truncated
    }
  }`;
  const expectDrawable = ({ neighborhood }: SubgraphData): void => {
    const ids = new Set(neighborhood.nodes.map((node) => node.id));
    expect(ids.size).toBe(neighborhood.nodes.length);
    for (const edge of neighborhood.edges) {
      expect(ids.has(edge.source)).toBe(true);
      expect(ids.has(edge.target)).toBe(true);
    }
    expect(new Set(neighborhood.edges.map((edge) => edge.id)).size).toBe(neighborhood.edges.length);
  };

  it('of the IECM at depth 1: the centre first, its agreements, place, commission and network', async () => {
    const result = await data<SubgraphData>(NEIGHBORHOOD, { id: 'iecm' });
    expectDrawable(result);
    const ids = result.neighborhood.nodes.map((node) => node.id);
    expect(ids[0]).toBe('iecm');
    expect(ids).toEqual(
      expect.arrayContaining([
        'convenio-iecm-ine',
        'convenio-iecm-ige',
        'ciudad-de-mexico',
        'comision-vinculacion-organismos-externos',
        'red-de-observacion-iecm',
      ]),
    );
    expect(ids).not.toContain('ine');
    expect(result.neighborhood.truncated).toBe(false);
  });

  it('reaches further with depth and stays drawable under limit, type and kind filters', async () => {
    const deep = await data<SubgraphData>(NEIGHBORHOOD, { id: 'iecm', depth: 2 });
    expectDrawable(deep);
    expect(deep.neighborhood.nodes.map((node) => node.id)).toContain('ine');

    const limited = await data<SubgraphData>(NEIGHBORHOOD, { id: 'iecm', depth: 2, limit: 5 });
    expectDrawable(limited);
    expect(limited.neighborhood.nodes).toHaveLength(5);
    expect(limited.neighborhood.truncated).toBe(true);

    const places = await data<SubgraphData>(NEIGHBORHOOD, {
      id: 'iecm',
      depth: 3,
      types: ['LOCATED_IN'],
      kinds: ['CITY', 'COUNTRY'],
    });
    expectDrawable(places);
    expect(places.neighborhood.nodes.map((node) => node.id).sort()).toEqual(['ciudad-de-mexico', 'iecm', 'mexico']);
    expect(new Set(places.neighborhood.edges.map((edge) => edge.type))).toEqual(new Set(['LOCATED_IN']));
  });

  it('refuses unknown ids and depth or limit over the caps', async () => {
    expect(codeOf(await api.graphql(NEIGHBORHOOD, { id: 'atlantis' }))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(NEIGHBORHOOD, { id: 'iecm', depth: 9 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(NEIGHBORHOOD, { id: 'iecm', limit: 100000 }))).toBe('BAD_USER_INPUT');
  });
});

describe('lists', () => {
  it('organizations: count, filters, sorting and pages', async () => {
    const all = await data<{ organizations: { totalCount: number; edges: { node: { id: string } }[] } }>(
      '{ organizations(first: 100) { totalCount edges { node { id } } } }',
    );
    expect(all.organizations.totalCount).toBe(14);
    const secretarias = await data<{ organizations: { edges: { node: { id: string } }[] } }>(
      '{ organizations(filter: { nameContains: "SECRETARIA" }) { edges { node { id } } } }',
    );
    expect(secretarias.organizations.edges.map((edge) => edge.node.id)).toEqual([
      'secretaria-contraloria-general-cdmx',
      'ssc-cdmx',
    ]);
    const local = await data<{ organizations: { edges: { node: { id: string } }[] } }>(
      '{ organizations(first: 100, filter: { locatedIn: "ciudad-de-mexico" }) { edges { node { id } } } }',
    );
    expect(local.organizations.edges.map((edge) => edge.node.id)).toEqual(
      expect.arrayContaining(['iecm', 'fgj-cdmx', 'ssc-cdmx', 'canaco-cdmx', 'gobierno-cdmx']),
    );
    const inMexico = await data<{ organizations: { totalCount: number } }>(
      '{ organizations(filter: { locatedIn: "mexico" }) { totalCount } }',
    );
    expect(inMexico.organizations.totalCount).toBeGreaterThan(local.organizations.edges.length);

    const descending = await data<{
      organizations: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      '{ organizations(first: 3, orderBy: { field: NAME, direction: DESC }) { edges { node { name } } pageInfo { hasNextPage } } }',
    );
    expect(descending.organizations.edges.map((edge) => edge.node.name)).toEqual([
      'World Vision México',
      'Secretaría de Seguridad Ciudadana de la Ciudad de México',
      'Secretaría de la Contraloría General',
    ]);
    expect(descending.organizations.pageInfo.hasNextPage).toBe(true);
  });

  it('agreements by status, events by type, universities, cities by country', async () => {
    const counts = await data<Record<string, { totalCount: number }>>(`{
      signed: agreements(filter: { status: SIGNED }) { totalCount }
      negotiated: agreements(filter: { status: NEGOTIATION }) { totalCount }
      series: events(filter: { eventType: "SERIES" }) { totalCount }
      universities { totalCount }
      usCities: cities(filter: { locatedIn: "estados-unidos" }) { totalCount }
    }`);
    expect(counts).toEqual({
      signed: { totalCount: 10 },
      negotiated: { totalCount: 5 },
      series: { totalCount: 2 },
      universities: { totalCount: 6 },
      usCities: { totalCount: 9 },
    });
  });
});

describe('relationship fields', () => {
  it("an agreement's parties and facilitators", async () => {
    const result = await data<{
      unam: { parties: { id: string }[] };
      itam: { facilitators: { id: string }[]; status: string };
    }>(`{
      unam: node(id: "convenio-iecm-unam-fes-aragon") { ... on Agreement { parties { id } } }
      itam: node(id: "convenio-iecm-itam") { ... on Agreement { status facilitators { id } } }
    }`);
    expect(result.unam.parties.map((party) => party.id).sort()).toEqual(['fes-aragon', 'iecm', 'unam']);
    expect(result.itam).toEqual({
      status: 'NEGOTIATION',
      facilitators: [{ id: 'comision-vinculacion-organismos-externos' }],
    });
  });

  it("an event's venues, cities, organizer and counts", async () => {
    const result = await data<{
      tours: { tourCount: number; cityCount: number; cities: { name: string }[]; organizers: { id: string }[] };
      mission: { participantCount: number; participants: { participantCount: number; node: { id: string } }[] };
      stands: { eventCount: number; venues: { id: string }[] };
    }>(`{
      tours: node(id: "giras-estados-unidos-2023-2024") { ... on Event { tourCount cityCount cities { name } organizers { id } } }
      mission: node(id: "mision-acompanamiento-2023-2024") { ... on Event { participantCount participants { participantCount node { id } } } }
      stands: node(id: "eventos-universidades-2023-2024") { ... on Event { eventCount venues { id } } }
    }`);
    expect(result.tours.tourCount).toBe(7);
    expect(result.tours.cities).toHaveLength(9);
    expect(result.tours.cityCount).toBe(result.tours.cities.length);
    expect(result.tours.organizers).toEqual([{ id: 'comision-vinculacion-organismos-externos' }]);
    expect(result.mission.participantCount).toBe(89);
    expect(result.mission.participants.map((p) => p.participantCount).reduce((a, b) => a + b, 0)).toBe(89);
    expect(result.stands.eventCount).toBe(19);
    expect(result.stands.venues.map((venue) => venue.id).sort()).toEqual(STAND_VENUES);
  });

  it("an organization's agreements, units, location and partners", async () => {
    const result = await data<{
      node: {
        agreements: { id: string }[];
        units: { id: string }[];
        location: { id: string; country: { id: string } };
      };
      ige: { location: { name: string; country: { name: string } } };
    }>(`{
      node(id: "iecm") { ... on Organization { agreements { id } units { id } location { id ... on City { country { id } } } } }
      ige: node(id: "ige") { ... on Organization { location { name ... on City { country { name } } } } }
    }`);
    expect(result.node.agreements).toHaveLength(15);
    expect(result.node.units.map((unit) => unit.id).sort()).toEqual([
      'comision-vinculacion-organismos-externos',
      'red-de-observacion-iecm',
    ]);
    expect(result.node.location).toEqual({ id: 'ciudad-de-mexico', country: { id: 'mexico' } });
    expect(result.ige.location).toEqual({ name: 'Buenos Aires', country: { name: 'Argentina' } });
  });

  it('generic relationships with direction, period and sources', async () => {
    interface RelationshipsPage {
      node: {
        relationships: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: {
            node: {
              type: string;
              direction: string;
              node: { id: string };
              period: { start: { value: string } };
              sources: { position: number }[];
            };
          }[];
        };
      };
    }
    const result = await data<RelationshipsPage>(
      `{ node(id: "ine") { relationships(types: [PARTY_TO]) {
          totalCount edges { node { type direction node { id } period { start { value } } sources { position } } } } } }`,
    );
    expect(result.node.relationships.totalCount).toBe(1);
    expect(result.node.relationships.edges.map((edge) => edge.node)).toEqual([
      {
        type: 'PARTY_TO',
        direction: 'OUT',
        node: { id: 'convenio-iecm-ine' },
        period: { start: { value: '2023-09' } },
        sources: [{ position: 5 }],
      },
    ]);
  });

  it('pages through every relationship of a node, grouped by type', async () => {
    const PAGE = `query ($after: String) { node(id: "iecm") { relationships(first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id type } } } } }`;
    const seen: { id: string; type: string }[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: RelationshipsPageOfIds = await data<RelationshipsPageOfIds>(PAGE, { after });
      total = page.node.relationships.totalCount;
      seen.push(...page.node.relationships.edges.map((edge) => edge.node));
      after = page.node.relationships.pageInfo.hasNextPage ? page.node.relationships.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((relationship) => relationship.id)).size).toBe(total);
    // Grouped: once a type is left behind, it does not come back.
    const types = seen.map((relationship) => relationship.type);
    expect(types).toEqual([...types].sort());
  });
});

interface RelationshipsPageOfIds {
  node: {
    relationships: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: { id: string; type: string } }[];
    };
  };
}

describe('stats', () => {
  it('counts nodes per kind and relationships per type', async () => {
    const { stats } = await data<{
      stats: {
        nodes: number;
        relationships: number;
        nodesByKind: { kind: string; count: number }[];
        relationshipsByType: { type: string; count: number }[];
      };
    }>('{ stats { nodes relationships nodesByKind { kind count } relationshipsByType { type count } } }');
    expect(stats.nodes).toBe(64);
    expect(stats.relationships).toBe(108);
    expect(stats.nodesByKind).toContainEqual({ kind: 'AGREEMENT', count: 15 });
    expect(stats.relationshipsByType).toContainEqual({ type: 'PARTY_TO', count: 32 });
    expect(stats.nodesByKind.reduce((sum, entry) => sum + entry.count, 0)).toBe(stats.nodes);
  });
});

describe('round trips', () => {
  const NESTED = `query ($first: Int) {
    organizations(first: $first) {
      edges { node {
        name
        sources { sentence document { title } }
        location { name }
        agreements { name parties { name } facilitators { name } }
        partners(first: 3) { totalCount edges { node { partner { name } evidence { name } } } }
      } }
    }
  }`;

  it('stay the same however many nodes a nested query returns', async () => {
    const small = await api.graphql(NESTED, { first: 1 });
    const large = await api.graphql(NESTED, { first: 14 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    const smallTrips = small.extensions?.stats?.roundTrips;
    const largeTrips = large.extensions?.stats?.roundTrips;
    // One query for the list, then one batch per nesting level and loader.
    expect(largeTrips).toBe(smallTrips);
    expect(largeTrips).toBeLessThanOrEqual(8);
  });

  it('a list fetches the relationship fields it asks for in its own query, with the same answers', async () => {
    const list = await api.graphql<{
      agreements: { edges: { node: { id: string; parties: { id: string }[]; facilitators: { id: string }[] } }[] };
    }>(
      `{ agreements(first: 20) { edges { node { id ...Sides } } } }
       fragment Sides on Agreement { parties { id } facilitators { id } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(list.extensions?.stats?.roundTrips).toBe(1);
    // The same fields through the loader, one node at a time, give the same lists in the same order.
    for (const { node } of list.data!.agreements.edges) {
      const single = await data<{ node: { parties: { id: string }[]; facilitators: { id: string }[] } }>(
        'query ($id: ID!) { node(id: $id) { ... on Agreement { parties { id } facilitators { id } } } }',
        { id: node.id },
      );
      expect({ parties: node.parties, facilitators: node.facilitators }).toEqual(single.node);
    }
  });

  it('the organizations page, with agreements and their parties and facilitators, is one query', async () => {
    type Side = { id: string; name: string };
    type Page = {
      organizations: {
        totalCount: number;
        edges: { node: { id: string; agreements: { id: string; parties: Side[]; facilitators: Side[] }[] } }[];
      };
    };
    const response = await api.graphql<Page>(
      `query ($first: Int) { organizations(first: $first) { totalCount edges { node { id name
         agreements(first: 5) { id name parties { id name } facilitators(first: 2) { id name } } } } } }`,
      { first: 20 },
    );
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.stats?.roundTrips).toBe(1);
    const page = response.data!.organizations;
    const agreements = page.edges.flatMap((edge) => edge.node.agreements);
    // The page reaches the second level: a page without parties would not test it.
    expect(agreements.some((agreement) => agreement.parties.length > 1)).toBe(true);
    expect(agreements.some((agreement) => agreement.facilitators.length > 0)).toBe(true);
    // The same fields through the loaders, one node at a time (two round trips a node), give the same answers.
    for (const { node } of page.edges) {
      const single = await api.graphql<{ node: Page['organizations']['edges'][number]['node'] }>(
        `query ($id: ID!) { node(id: $id) { id name ... on Organization {
           agreements(first: 5) { id name parties { id name } facilitators(first: 2) { id name } } } } }`,
        { id: node.id },
      );
      if (node.agreements.some((agreement) => agreement.parties.length > 0)) {
        expect(single.extensions?.stats?.roundTrips).toBeGreaterThan(1);
      }
      expect(single.data?.node).toEqual(node);
    }
    const { stats } = await data<{ stats: { nodesByKind: { kind: string; count: number }[] } }>(
      '{ stats { nodesByKind { kind count } } }',
    );
    expect(page.totalCount).toBe(stats.nodesByKind.find((entry) => entry.kind === 'ORGANIZATION')?.count);
  });

  it('a filtered page counts its matches in the same query, and an empty page still has its total', async () => {
    const filtered = await api.graphql<{ organizations: { totalCount: number; edges: unknown[] } }>(
      '{ organizations(first: 2, filter: { nameContains: "instituto" }) { totalCount edges { node { id } } } }',
    );
    expect(filtered.extensions?.stats?.roundTrips).toBe(1);
    const all = await data<{ organizations: { edges: unknown[] } }>(
      '{ organizations(first: 100, filter: { nameContains: "instituto" }) { edges { node { id } } } }',
    );
    expect(filtered.data?.organizations.totalCount).toBe(all.organizations.edges.length);
    expect(all.organizations.edges.length).toBeGreaterThan(2);
    const beyond = await data<{ organizations: { totalCount: number; edges: unknown[] } }>(
      '{ organizations(first: 5, after: "b2Zmc2V0Ojk5OTk") { totalCount edges { node { id } } } }',
    );
    expect(beyond.organizations.edges).toEqual([]);
    expect(beyond.organizations.totalCount).toBeGreaterThan(0);
  });

  it('a node with its sources and their documents is one query', async () => {
    const response = await api.graphql(
      '{ node(id: "ige") { id name sources { sentence position document { title url } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.stats?.roundTrips).toBe(1);
    expect(response.data).toEqual(
      await data(
        'query ($id: ID!) { nodes(ids: [$id]) { id name sources { sentence position document { title url } } } }',
        {
          id: 'ige',
        },
      ).then((result) => ({ node: (result as { nodes: unknown[] }).nodes[0] })),
    );
  });

  it('one query for a root field without nested relationships', async () => {
    const response = await api.graphql('{ search(query: "unam") { node { id name } } }');
    expect(response.extensions?.stats?.roundTrips).toBe(1);
  });
});
