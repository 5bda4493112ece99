/**
 * The seed against the real Neo4j: idempotent, fully sourced, and holding every fact of the article "IECM
 * fortalece acciones a través de alianzas estratégicas" (2024-09-25), whose sentences the seed stores as the
 * statements of cypher/seed/iecm-alianzas-2024-09-25.json. The expectations below are written from that text.
 */
import type { Database } from '../../src/db/database';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { seed } from '../../src/features/dataset/seed';
import { testDatabase } from '../support/test-server';
import { cypherRows, dumpGraph, resetAndSeed } from '../support/graph';

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
});
afterAll(() => db.close());

const rows = <T extends object = Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}) =>
  cypherRows<T>(db, cypher, params);

/** The id of the one node whose name or alias is `name` (as the article writes it). */
async function idOf(name: string): Promise<string> {
  const found = await rows<{ id: string }>(
    'MATCH (n:Entity) WHERE n.name = $name OR $name IN n.aliases RETURN n.id AS id',
    { name },
  );
  if (found.length !== 1) throw new Error(`expected one node named "${name}", found ${found.length}`);
  return found[0]!.id;
}

describe('seeding', () => {
  it('twice leaves the graph exactly as once', async () => {
    const countsBefore = await readGraphCounts(db);
    const before = await dumpGraph(db);
    await seed(db);
    expect(await readGraphCounts(db)).toEqual(countsBefore);
    expect(await dumpGraph(db)).toEqual(before);
    expect(countsBefore.nodes).toBeGreaterThan(50);
    expect(countsBefore.relationships).toBeGreaterThan(100);
  });
});

describe('provenance', () => {
  it('every node and every relationship cites at least one existing statement', async () => {
    const unsourced = await rows<{ what: string }>(
      `CALL { MATCH (n:Entity) WHERE size(coalesce(n.sourceRefs, [])) = 0 RETURN 'node ' + n.id AS what
              UNION ALL
              MATCH ()-[r]->() WHERE size(coalesce(r.sourceRefs, [])) = 0 AND NOT r:STATES|IN_DOCUMENT
              RETURN 'relationship ' + r.id AS what }
       RETURN what`,
    );
    expect(unsourced).toEqual([]);
    const dangling = await rows<{ ref: string }>(
      `CALL { MATCH (n:Entity) UNWIND n.sourceRefs AS ref RETURN ref
              UNION
              MATCH ()-[r]->() UNWIND r.sourceRefs AS ref RETURN ref }
       WITH ref WHERE NOT EXISTS { MATCH (:Statement {id: ref}) }
       RETURN ref`,
    );
    expect(dangling).toEqual([]);
  });

  it('every statement belongs to a source document with its title, URL and the date and author it prints', async () => {
    const documents = await rows(
      `MATCH (s:Statement) OPTIONAL MATCH (d:SourceDocument {id: s.documentId})
       WITH DISTINCT d
       RETURN d.id AS id, d.title AS title, d.url AS url, d.publishedOn AS publishedOn, d.author AS author, d.genre AS genre
       ORDER BY id`,
    );
    expect(documents).toEqual([
      {
        id: 'cronica-2025-12-09-iecm-instala-covin',
        title: 'IECM instala Comisión de Vinculación Institucional para fortalecer cooperación con organismos externos',
        url: 'https://www.cronica.com.mx/metropoli/2025/12/09/iecm-instala-comision-de-vinculacion-institucional-para-fortalecer-cooperacion-con-organismos-externos',
        publishedOn: '2025-12-09',
        author: null,
        genre: null,
      },
      {
        // The stored copy does not print its date.
        id: 'cronica-2025-iecm-125-convenios',
        title: 'IECM consolida 125 convenios con organismos públicos y privados para fortalecer labores',
        url: 'https://cronica.com.mx/metropoli/iecm-consolida125-convenios-organismos-publicos-privados-fortalecer-labores.html',
        publishedOn: null,
        author: null,
        genre: null,
      },
      {
        id: 'nota-iecm-alianzas-2024-09-25',
        title: 'IECM fortalece acciones a través de alianzas estratégicas',
        url: 'https://pasantesdf.com/mexico/iecm-fortalece-acciones-a-traves-de-alianzas-estrategicas/',
        publishedOn: '2024-09-25',
        author: 'Redacción',
        genre: 'Nota Informativa',
      },
    ]);
  });

  it('a relationship points at the very sentence that supports it', async () => {
    const [fact] = await rows<{ texts: string[] }>(
      `MATCH (:Entity {id: $org})-[r:PARTY_TO]->(:Agreement)
       MATCH (s:Statement) WHERE s.id IN r.sourceRefs
       RETURN collect(s.text) AS texts`,
      { org: await idOf('World Vision México') },
    );
    expect(fact!.texts.join(' ')).toContain('así como el firmado con World Vision México');
  });
});

describe('time', () => {
  it('facts reported by the 2024 note carry the Sept 2023 - Sept 2024 period, with its first and last day', async () => {
    const periods = await rows(
      `MATCH (:Entity {id: 'iecm'})-[r:PARTY_TO]->()
       WHERE any(ref IN r.sourceRefs WHERE ref STARTS WITH 'nota-iecm-alianzas-2024-09-25#')
       RETURN DISTINCT r.periodStart AS start, r.periodEnd AS end, toString(r.periodStartDate) AS first, toString(r.periodEndDate) AS last`,
    );
    expect(periods).toEqual([{ start: '2023-09', end: '2024-09', first: '2023-09-01', last: '2024-09-30' }]);
  });

  it('the source document keeps its date to the day and the report its period to the month', async () => {
    const [report] = await rows(
      `MATCH (r:Report)-[:REPORTED_IN]->(d:SourceDocument)
       RETURN r.periodStart AS start, r.periodEnd AS end, d.publishedOn AS published`,
    );
    expect(report).toEqual({ start: '2023-09', end: '2024-09', published: '2024-09-25' });
  });
});

describe('stated numbers', () => {
  it('are stored as integers, as are statement positions', async () => {
    const [types] = await rows(
      `MATCH (e:Event {eventCount: 19}), (r:Report)
       MATCH (s:Statement)
       RETURN valueType(e.eventCount) AS eventCount, valueType(r.legalInstrumentsSigned) AS instruments,
              collect(DISTINCT valueType(s.position)) AS positions`,
    );
    expect(types).toEqual({
      eventCount: 'INTEGER NOT NULL',
      instruments: 'INTEGER NOT NULL',
      positions: ['INTEGER NOT NULL'],
    });
  });
});

describe('the article, fact by fact', () => {
  const signedWith: [string, string[]][] = [
    ['Convenio de Apoyo y Colaboración con el IGE', ['Instituto de Gestión Electoral de Buenos Aires']],
    ['el firmado con World Vision México', ['World Vision México']],
    ['INE', ['Instituto Nacional Electoral']],
    ['Contraloría y Gobierno', ['Secretaría de la Contraloría General', 'Gobierno de la Ciudad de México']],
    ['Colegio de Notarios', ['Colegio de Notarios']],
    ['Fiscalía capitalina', ['Fiscalía General de Justicia capitalina']],
    ['SSC local', ['Secretaría de Seguridad Ciudadana']],
    ['CANACO', ['Cámara Nacional de Comercio, Servicios y Turismo de la Ciudad de México']],
    ['FICEDA', ['Fideicomiso para la Construcción y Operación de la Central de Abasto']],
    ['UNAM a través de la FES Aragón', ['UNAM', 'Facultad de Estudios Superiores Aragón']],
  ];
  it.each(signedWith)('IECM signed an agreement (%s) with %j', async (_label, partners) => {
    const partnerIds = await Promise.all(partners.map(idOf));
    const agreements = await rows<{ id: string; status: string }>(
      `MATCH (:Entity {id: 'iecm'})-[:PARTY_TO]->(a:Agreement)
       WHERE all(p IN $partners WHERE EXISTS { MATCH (:Entity {id: p})-[:PARTY_TO]->(a) })
       RETURN a.id AS id, a.status AS status`,
      { partners: partnerIds },
    );
    expect(agreements).toHaveLength(1);
    expect(agreements[0]!.status).toBe('SIGNED');
  });

  it('the IGE and World Vision México agreements are the highlighted ones', async () => {
    const highlighted = await rows<{ partner: string }>(
      `MATCH (a:Agreement {highlighted: true})<-[:PARTY_TO]-(p:Entity) WHERE p.id <> 'iecm'
       RETURN p.name AS partner ORDER BY partner`,
    );
    expect(highlighted.map((row) => row.partner)).toEqual([
      'Instituto de Gestión Electoral de Buenos Aires',
      'World Vision México',
    ]);
  });

  it.each(['Dirección General del Registro Civil', 'ITAM', 'Indetec', 'UAM', 'OEI'])(
    'the Commission helped negotiate an agreement between the IECM and %s',
    async (partner) => {
      const found = await rows(
        `MATCH (c:Commission)-[:FACILITATED]->(a:Agreement)<-[:PARTY_TO]-(:Entity {id: $partner})
       MATCH (:Entity {id: 'iecm'})-[:PARTY_TO]->(a)
       RETURN c.name AS commission, a.status AS status`,
        { partner: await idOf(partner) },
      );
      expect(found).toEqual([
        { commission: 'Comisión Provisional de Vinculación con Organismos Externos', status: 'NEGOTIATION' },
      ]);
    },
  );

  it('the Commission is part of the IECM and authored the final report of 16 legal instruments', async () => {
    const [report] = await rows(
      `MATCH (r:Report)-[:AUTHORED_BY]->(c:Commission)-[:PART_OF]->(:Entity {id: 'iecm'})
       RETURN r.name AS name, r.legalInstrumentsSigned AS instruments`,
    );
    expect(report).toEqual({
      name: 'Informe Final de la Comisión Provisional de Vinculación con Organismos Externos',
      instruments: 16,
    });
  });

  it.each([
    ['Facultad de Estudios Superiores Aragón', 'UNAM'],
    ['Facultad de Ciencias Políticas y Sociales', 'UNAM'],
    ['UAM Iztapalapa', 'UAM'],
  ])('%s is part of %s', async (unit, university) => {
    const found = await rows(
      'MATCH (:Faculty {id: $unit})-[:PART_OF]->(u:University {id: $university}) RETURN u.id AS id',
      { unit: await idOf(unit), university: await idOf(university) },
    );
    expect(found).toHaveLength(1);
  });

  it('19 events at universities of the capital, with stands at the five named venues', async () => {
    const [series] = await rows<{ count: number; venues: string[]; organizer: string; city: string }>(
      `MATCH (e:Event {eventCount: 19})
       MATCH (e)-[:HELD_AT]->(v)
       MATCH (o)-[:ORGANIZED]->(e)
       MATCH (e)-[:HELD_IN]->(c:City)
       RETURN e.eventCount AS count, collect(DISTINCT v.id) AS venues, o.id AS organizer, c.name AS city`,
    );
    const expectedVenues = await Promise.all(
      [
        'Facultad de Ciencias Políticas y Sociales',
        'UAM Iztapalapa',
        'Tecnológico de Monterrey',
        'Universidad Insurgentes',
        'Universidad Tres Culturas',
      ].map(idOf),
    );
    expect(series!.venues.sort()).toEqual(expectedVenues.sort());
    expect(series!.organizer).toBe('comision-vinculacion-organismos-externos');
    expect(series!.city).toBe('Ciudad de México');
  });

  it('seven tours over nine US cities', async () => {
    const [tours] = await rows<{ tours: number; cities: number; visited: string[]; countries: string[] }>(
      `MATCH (e:Event {tourCount: 7})-[:VISITED]->(c:City)-[:LOCATED_IN]->(country:Country)
       RETURN e.tourCount AS tours, e.cityCount AS cities, collect(c.name) AS visited, collect(DISTINCT country.name) AS countries`,
    );
    expect(tours!.tours).toBe(7);
    expect(tours!.cities).toBe(9);
    expect(tours!.countries).toEqual(['Estados Unidos']);
    expect(tours!.visited.sort()).toEqual(
      [
        'Chicago',
        'Dallas',
        'Los Ángeles',
        'Las Vegas',
        'Houston',
        'Austin',
        'Washington D.C.',
        'Atlanta',
        'Nueva York',
      ].sort(),
    );
  });

  it('the accompaniment mission: 89 people, 52 from the observers network and citizens, 37 foreign visitors', async () => {
    const [mission] = await rows<{ total: number; parts: { group: string; count: number }[] }>(
      `MATCH (:Commission)-[:ORGANIZED]->(m:Event {eventType: 'OBSERVATION_MISSION'})
       MATCH (g:Group)-[p:PARTICIPATED_IN]->(m)
       WITH m, g, p ORDER BY p.participantCount DESC
       RETURN m.participantCount AS total, collect({group: g.name, count: p.participantCount}) AS parts`,
    );
    expect(mission).toEqual({
      total: 89,
      parts: [
        { group: 'Red de Observación del IECM', count: 52 },
        { group: 'Personas visitantes extranjeras', count: 37 },
      ],
    });
    const [network] = await rows('MATCH (:Group {id: $id})-[:PART_OF]->(o) RETURN o.id AS id', {
      id: await idOf('Red de Observación del IECM'),
    });
    expect(network).toEqual({ id: 'iecm' });
  });

  it('56 institutional events, among them the Vota Film Fest ceremony and the book presentation', async () => {
    const [series] = await rows<{ count: number; named: string[] }>(
      `MATCH (e:Event {eventCount: 56})<-[:PART_OF]-(named:Event)
       RETURN e.eventCount AS count, collect(named.id) AS named`,
    );
    expect(series!.count).toBe(56);
    expect(series!.named.sort()).toEqual(
      [
        await idOf('Vota Film Fest'),
        await idOf('Voto de Personas en Prisión Preventiva en la Ciudad de México'),
      ].sort(),
    );
    const [ceremony] = await rows('MATCH (e:Event {id: $id}) RETURN e.edition AS edition', {
      id: await idOf('Vota Film Fest'),
    });
    expect(ceremony).toEqual({ edition: 6 });
  });

  it('places: the IECM in Mexico City, the IGE in Buenos Aires', async () => {
    const located = await rows(
      `MATCH (o:Entity)-[:LOCATED_IN]->(c:City)-[:LOCATED_IN]->(k:Country) WHERE o.id IN ['iecm', 'ige']
       RETURN o.id AS org, c.name AS city, k.name AS country ORDER BY org`,
    );
    expect(located).toEqual([
      { org: 'iecm', city: 'Ciudad de México', country: 'México' },
      { org: 'ige', city: 'Buenos Aires', country: 'Argentina' },
    ]);
  });

  it('the tours address the Mexico City citizens living abroad', async () => {
    const [target] = await rows('MATCH (:Event {tourCount: 7})-[:AIMED_AT]->(g:Group) RETURN g.name AS name');
    expect(target).toEqual({ name: 'Ciudadanía de la Ciudad de México residente en el extranjero' });
  });
});

describe('full-text search index', () => {
  async function search(query: string): Promise<string[]> {
    const found = await rows<{ id: string }>(
      "CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node RETURN node.id AS id LIMIT 5",
      { query },
    );
    return found.map((row) => row.id);
  }

  it.each([
    ['fiscalia', 'fgj-cdmx'],
    ['FISCALÍA', 'fgj-cdmx'],
    ['Fiscalía', 'fgj-cdmx'],
    ['camara comercio', 'canaco-cdmx'],
    ['CÁMARA', 'canaco-cdmx'],
    ['nueva york', 'nueva-york'],
    ['New York', 'nueva-york'],
    ['los angeles', 'los-angeles'],
    ['indetec', 'indetec'],
    ['INSTITUTO ELECTORAL DE LA CIUDAD DE MEXICO', 'iecm'],
  ])('"%s" finds %s', async (query, id) => {
    expect(await search(query)).toContain(id);
  });

  it('finds acronyms from the aliases', async () => {
    expect(await search('OEI')).toContain('oei');
    expect(await search('ficeda')).toContain('ficeda');
  });
});
