/**
 * A seeded, domain-shaped graph for the scale benchmark, in the project's dataset format (iecm-graph/1):
 * institutions (organizations, universities with their faculties), agreements with 2–4 parties, events with
 * organizers, venues, cities and many participants, places, reports, and one hub (`hub`, like the IECM) party
 * to thousands of agreements. Every node and relationship cites a statement of a synthetic source document.
 * Counts scale with the number of relationships N; at N = 1,000,000 there are about 50,000 organizations,
 * universities and faculties and 20,000 agreements. The same seed always gives the same graph.
 *
 *   npm run -s build && node dist/bench/scale/generate.js [--relationships 1000000] [--seed 1] [--out FILE]
 *
 * The file has one record per line (still one JSON document), written as it is generated.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
  DATASET_FORMAT,
  type Dataset,
  type DatasetNode,
  type DatasetRelationship,
  type DatasetSource,
  type PropertyValue,
} from '../../src/features/dataset/dataset-format';
import { AgreementStatus, NodeKind, RelationType } from '../../src/model/graph-model';
import {
  acronym,
  AGREEMENT_TYPES,
  agreementName,
  cityName,
  commissionName,
  personName,
  unitName,
  COUNTRIES,
  EVENT_TYPES,
  eventName,
  facultyName,
  groupName,
  organizationName,
  reportName,
  slug,
  statementText,
  universityName,
} from './names';
import { at, Random, seedFor } from './random';

/**
 * An agreement whose negotiation only is reported. It takes the draw that once picked one of three statuses (two of
 * them outside the model), so that a seed still gives the graph the benchmark results were measured on.
 */
function negotiation(random: Random): AgreementStatus {
  random.int(3);
  return AgreementStatus.NEGOTIATION;
}

export const DEFAULT_RELATIONSHIPS = 1_000_000;
export const DEFAULT_SEED = 1;
export const HUB_ID = 'hub';

export interface ScaleOptions {
  /** Exactly this many relationships (default 1,000,000). */
  relationships?: number;
  seed?: number;
}

/** How many nodes of each kind (and documents) the graph has for a number of relationships. */
export interface ScalePlan {
  relationships: number;
  seed: number;
  countries: number;
  cities: number;
  organizations: number;
  universities: number;
  faculties: number;
  commissions: number;
  units: number;
  groups: number;
  agreements: number;
  events: number;
  reports: number;
  documents: number;
  /** The first documents are long reports that many facts cite. */
  bigDocuments: number;
  bigDocumentStatements: number;
}

export function planFor(options: ScaleOptions = {}): ScalePlan {
  const relationships = options.relationships ?? DEFAULT_RELATIONSHIPS;
  if (!Number.isInteger(relationships) || relationships < 1) {
    throw new RangeError(`relationships must be a positive integer, got ${relationships}`);
  }
  const scale = relationships / DEFAULT_RELATIONSHIPS;
  const count = (atOneMillion: number, min: number): number => Math.max(min, Math.round(atOneMillion * scale));
  return {
    relationships,
    seed: options.seed ?? DEFAULT_SEED,
    countries: Math.min(COUNTRIES.length, Math.max(3, Math.round(COUNTRIES.length * Math.sqrt(scale)))),
    cities: count(2_000, 5),
    organizations: count(32_000, 5),
    universities: count(6_000, 3),
    faculties: count(12_000, 3),
    commissions: count(1_000, 2),
    units: count(1_000, 2),
    groups: count(2_000, 2),
    agreements: count(20_000, 3),
    events: count(60_000, 3),
    reports: count(500, 1),
    documents: count(2_000, 3),
    bigDocuments: 3,
    bigDocumentStatements: count(5_000, 20),
  };
}

/** Share of agreements the hub is party to, and of events it organizes (about 3,000 and 1,800 at 1M). */
const HUB_AGREEMENT_SHARE = 0.15;
const HUB_EVENT_SHARE = 0.03;
const FIRST_YEAR = 2015;
const YEARS = 11;

/** A generated node with what the relationships need to know about it. */
interface Item {
  id: string;
  name: string;
  /** Position among all nodes, for compact duplicate checks. */
  index: number;
}

interface Agreement extends Item {
  parties: Item[];
  /** The university a faculty signs for, by party id. */
  onBehalfOf: Map<string, string>;
  facilitator?: Item;
  report?: Item;
  periodStart?: string;
  periodEnd?: string;
}

interface GraphEvent extends Item {
  organizers: Item[];
  city: Item;
  venue?: Item;
  visited: Item[];
  aimedAt?: Item;
  partOf?: Item;
  report?: Item;
  date: string;
}

/** Everything but the participations, decided up front so names can mention parties and places. */
interface Skeleton {
  documentIds: string[];
  statementCounts: number[];
  nodes: DatasetNode[];
  countries: Item[];
  cities: (Item & { country: Item })[];
  organizations: (Item & { place: Item })[];
  universities: (Item & { city: Item })[];
  faculties: (Item & { university: Item; city?: Item })[];
  commissions: (Item & { organization: Item })[];
  units: (Item & { organization: Item })[];
  /** Each commission's chair and two members. */
  people: (Item & { commission: Item; chairs: boolean })[];
  groups: (Item & { organization?: Item })[];
  agreements: Agreement[];
  events: GraphEvent[];
  reports: (Item & { author: Item; about: Item; document: string })[];
}

const month = (random: Random): string => String(random.between(1, 12)).padStart(2, '0');
const day = (random: Random): string => String(random.between(1, 28)).padStart(2, '0');

/** Statement references ("<document>#<n>"): half from the few long reports, half from any document. */
function citer(random: Random, plan: ScalePlan, documentIds: string[], statementCounts: number[]) {
  const one = (): string => {
    const document = random.chance(0.5) ? random.int(plan.bigDocuments) : random.int(documentIds.length);
    return `${at(documentIds, document)}#${random.int(at(statementCounts, document))}`;
  };
  return (): string[] => {
    const first = one();
    if (!random.chance(0.1)) return [first];
    const second = one();
    return second === first ? [first] : [first, second];
  };
}

function buildSkeleton(plan: ScalePlan): Skeleton {
  const random = new Random(seedFor(plan.seed, 'skeleton'));
  const documentIds = Array.from({ length: plan.documents }, (_, d) =>
    d < plan.bigDocuments ? `informe-vinculacion-${FIRST_YEAR + d}` : `boletin-${d}`,
  );
  const statementCounts = documentIds.map((_, d) =>
    d < plan.bigDocuments ? plan.bigDocumentStatements : random.between(3, 30),
  );
  const cite = citer(random, plan, documentIds, statementCounts);
  const nodes: DatasetNode[] = [];

  const add = (
    kind: NodeKind,
    name: string,
    options: { id?: string; aliases?: string[]; properties?: Record<string, PropertyValue> } = {},
  ): Item => {
    const index = nodes.length;
    const id = options.id ?? `${slug(name).slice(0, 60).replace(/-+$/, '')}-${index}`;
    const node: DatasetNode = { id, kind, name, aliases: options.aliases ?? [], sources: cite() };
    if (options.properties) node.properties = options.properties;
    nodes.push(node);
    return { id, name, index };
  };
  /** An acronym alias for most institutions, as the real ones have. */
  const aliasesOf = (name: string): string[] => {
    const short = acronym(name);
    return short.length >= 2 && random.chance(0.8) ? [short] : [];
  };

  const countries = COUNTRIES.slice(0, plan.countries).map((country) =>
    add(NodeKind.COUNTRY, country.name, { id: slug(country.name), aliases: country.aliases }),
  );
  const cities = Array.from({ length: plan.cities }, (_, c) => {
    const { name, country } = cityName(c, plan.countries, random);
    return { ...add(NodeKind.CITY, name), country: at(countries, country) };
  });
  /** Institutions gather in the big cities. */
  const someCity = (): Skeleton['cities'][number] => at(cities, random.skewed(cities.length, 2));

  const hubCity = at(cities, 0);
  const organizations: Skeleton['organizations'] = [
    {
      ...add(NodeKind.ORGANIZATION, 'Instituto Electoral de la Ciudad de México', {
        id: HUB_ID,
        aliases: ['IECM', 'Instituto Electoral CDMX'],
      }),
      place: hubCity,
    },
  ];
  while (organizations.length < plan.organizations) {
    const city = someCity();
    const name = organizationName(random, city.name);
    const international = name.includes('Internacional');
    organizations.push({
      ...add(NodeKind.ORGANIZATION, name, { aliases: aliasesOf(name) }),
      place: international ? city.country : city,
    });
  }
  const universities = Array.from({ length: plan.universities }, () => {
    const city = someCity();
    const name = universityName(random, city.name);
    return { ...add(NodeKind.UNIVERSITY, name, { aliases: aliasesOf(name) }), city };
  });
  const faculties = Array.from({ length: plan.faculties }, () => {
    // A few big universities have many faculties and campuses.
    const university = at(universities, random.skewed(universities.length, 2));
    const name = facultyName(random, university.name);
    const unitType = name.startsWith('Campus') ? 'CAMPUS' : name.startsWith('Facultad') ? 'FACULTY' : 'SCHOOL';
    const item = add(NodeKind.FACULTY, name, { aliases: aliasesOf(name), properties: { unitType } });
    return { ...item, university: university, city: random.chance(0.5) ? university.city : undefined };
  });
  const hubCommissions = Math.min(8, Math.ceil(plan.commissions / 4));
  const commissions = Array.from({ length: plan.commissions }, (_, c) => {
    const organization =
      c < hubCommissions ? at(organizations, 0) : at(organizations, random.skewed(organizations.length));
    const name = commissionName(random, organization.name);
    const properties = { provisional: random.chance(0.3) };
    return { ...add(NodeKind.COMMISSION, name.slice(0, 290), { properties }), organization: organization };
  });
  const units = Array.from({ length: plan.units }, (_, u) => {
    const organization =
      u < hubCommissions ? at(organizations, 0) : at(organizations, random.skewed(organizations.length));
    return { ...add(NodeKind.UNIT, unitName(random, organization.name).slice(0, 290)), organization };
  });
  const people = commissions.flatMap((commission) =>
    [true, false, false].map((chairs) => ({ ...add(NodeKind.PERSON, personName(random)), commission, chairs })),
  );
  const groups = Array.from({ length: plan.groups }, () => {
    const city = someCity();
    const organization = random.chance(0.5) ? at(organizations, random.skewed(organizations.length)) : undefined;
    return { ...add(NodeKind.GROUP, groupName(random, city.name)), organization };
  });

  const reports = Array.from({ length: plan.reports }, () => {
    const author = at(commissions, random.skewed(commissions.length));
    const year = FIRST_YEAR + random.int(YEARS);
    const properties = {
      periodStart: `${year}-01`,
      periodEnd: `${year}-12`,
      legalInstrumentsSigned: random.between(1, 60),
    };
    const item = add(NodeKind.REPORT, reportName(random, author.name, year), { properties });
    return { ...item, author: author, about: author.organization, document: random.pick(documentIds) };
  });
  const someReport = (): Item | undefined => (random.chance(0.5) ? random.pick(reports) : undefined);

  /** Parties other than the hub: popular institutions sign many agreements. */
  const someInstitution = (): Item => {
    const pool = random.next();
    if (pool < 0.55) return at(organizations, 1 + random.skewed(organizations.length - 1, 2));
    if (pool < 0.8) return at(universities, random.skewed(universities.length, 2));
    return at(faculties, random.skewed(faculties.length, 2));
  };
  const universityOf = new Map(faculties.map((faculty) => [faculty.id, faculty.university.id]));

  const agreements = Array.from({ length: plan.agreements }, (): Agreement => {
    const wanted = random.between(2, 4);
    const parties: Item[] = random.chance(HUB_AGREEMENT_SHARE) ? [at(organizations, 0)] : [];
    while (parties.length < wanted) {
      const party = someInstitution();
      if (!parties.some((known) => known.id === party.id)) parties.push(party);
    }
    const type = random.pick(AGREEMENT_TYPES);
    const year = FIRST_YEAR + random.int(YEARS);
    const dated = random.chance(0.7);
    const periodStart = dated ? `${year}-${month(random)}` : undefined;
    const periodEnd = dated ? `${year + random.between(1, 4)}-${month(random)}` : undefined;
    const properties: Record<string, PropertyValue> = {
      status: random.chance(0.75) ? AgreementStatus.SIGNED : negotiation(random),
      agreementType: type,
      highlighted: random.chance(0.05),
    };
    if (periodStart && periodEnd) Object.assign(properties, { periodStart, periodEnd });
    const name = agreementName(
      type,
      parties.map((party) => (party.id === HUB_ID ? 'IECM' : acronym(party.name) || party.name)),
    );
    const onBehalfOf = new Map<string, string>();
    for (const party of parties) {
      const university = universityOf.get(party.id);
      if (university && random.chance(0.5)) onBehalfOf.set(party.id, university);
    }
    const facilitator = random.chance(0.3)
      ? parties[0]?.id === HUB_ID
        ? at(commissions, random.int(hubCommissions))
        : random.pick(commissions)
      : undefined;
    return {
      ...add(NodeKind.AGREEMENT, name, { aliases: [`Convenio ${year}-${random.int(10_000)}`], properties }),
      parties,
      onBehalfOf,
      facilitator,
      report: someReport(),
      periodStart,
      periodEnd,
    };
  });

  const someVenue = (): Item => {
    const pool = random.next();
    if (pool < 0.5) return at(universities, random.skewed(universities.length, 2));
    if (pool < 0.8) return at(faculties, random.skewed(faculties.length, 2));
    return at(organizations, random.skewed(organizations.length, 2));
  };
  const someOrganizer = (): Item => {
    const pool = random.next();
    if (pool < 0.5) return at(organizations, 1 + random.skewed(organizations.length - 1, 2));
    if (pool < 0.8) return at(universities, random.skewed(universities.length, 2));
    return at(commissions, random.skewed(commissions.length, 2));
  };
  const events: GraphEvent[] = [];
  for (let e = 0; e < plan.events; e += 1) {
    const type = random.pick(EVENT_TYPES);
    const city = someCity();
    const year = FIRST_YEAR + random.int(YEARS);
    const date = `${year}-${month(random)}-${day(random)}`;
    const organizers: Item[] = random.chance(HUB_EVENT_SHARE)
      ? [random.chance(0.5) ? at(organizations, 0) : at(commissions, random.int(hubCommissions))]
      : [someOrganizer()];
    if (random.chance(0.4)) {
      const other = someOrganizer();
      if (other.id !== organizers[0]?.id) organizers.push(other);
    }
    const visited: Item[] = [];
    if (type === 'GIRA' || type === 'MISION' || random.chance(0.02)) {
      const stops = random.between(3, 8);
      for (let s = 0; s < stops; s += 1) {
        const stop = someCity();
        if (stop.id !== city.id && !visited.some((known) => known.id === stop.id)) visited.push(stop);
      }
    }
    const properties: Record<string, PropertyValue> = { eventType: type, periodStart: date, periodEnd: date };
    if (random.chance(0.2)) properties.edition = random.between(1, 30);
    events.push({
      ...add(NodeKind.EVENT, eventName(random, type, city.name, year), { properties }),
      organizers,
      city,
      venue: random.chance(0.6) ? someVenue() : undefined,
      visited,
      aimedAt: random.chance(0.15) ? random.pick(groups) : undefined,
      // A series: an event part of an earlier one.
      partOf: e > 0 && random.chance(0.1) ? at(events, random.int(e)) : undefined,
      report: random.chance(0.3) ? someReport() : undefined,
      date,
    });
  }
  return {
    documentIds,
    statementCounts,
    nodes,
    countries,
    cities,
    organizations,
    universities,
    faculties,
    commissions,
    units,
    people,
    groups,
    agreements,
    events,
    reports,
  };
}

export interface ScaleGraph {
  plan: ScalePlan;
  /** The source documents with their statements. */
  sources(): Generator<DatasetSource>;
  nodes(): Generator<DatasetNode>;
  /** Exactly `plan.relationships` relationships (fewer only if the structure alone exceeds a tiny N). */
  relationships(): Generator<DatasetRelationship>;
}

/** The graph as three re-playable sections, generated as they are read (only the node skeleton is kept). */
export function scaleGraph(options: ScaleOptions = {}): ScaleGraph {
  const plan = planFor(options);
  const skeleton = buildSkeleton(plan);

  function* sources(): Generator<DatasetSource> {
    const random = new Random(seedFor(plan.seed, 'sources'));
    const subjects = skeleton.organizations.slice(0, 200).map((organization) => organization.name);
    const places = skeleton.cities.slice(0, 100).map((city) => city.name);
    for (const [d, id] of skeleton.documentIds.entries()) {
      const big = d < plan.bigDocuments;
      const year = FIRST_YEAR + (big ? d : random.int(YEARS));
      const statements = Array.from({ length: at(skeleton.statementCounts, d) }, (_, n) => ({
        n,
        text: statementText(random, random.pick(subjects), random.pick(places), year),
      }));
      yield big
        ? {
            id,
            title: `Informe Anual de Vinculación Institucional ${year}`,
            url: `https://example.org/informes/${id}`,
            publishedOn: `${year + 1}-01-31`,
            genre: 'Informe',
            publisher: 'Instituto Electoral de la Ciudad de México',
            language: 'es',
            statements,
          }
        : {
            id,
            title: `Boletín ${d}: ${at(statements, 0).text}`.slice(0, 480),
            url: `https://example.org/boletines/${d}`,
            publishedOn: `${year}-${month(random)}`,
            genre: 'Nota Informativa',
            language: 'es',
            statements,
          };
    }
  }

  function* nodes(): Generator<DatasetNode> {
    yield* skeleton.nodes;
  }

  function* structure(random: Random): Generator<DatasetRelationship> {
    const cite = citer(random, plan, skeleton.documentIds, skeleton.statementCounts);
    const rel = (
      from: Item,
      type: RelationType,
      to: Item | string,
      extra: Partial<Pick<DatasetRelationship, 'periodStart' | 'periodEnd' | 'properties'>> = {},
    ): DatasetRelationship => ({
      from: from.id,
      type,
      to: typeof to === 'string' ? to : to.id,
      sources: cite(),
      ...extra,
    });
    const since = (): Pick<DatasetRelationship, 'periodStart'> =>
      random.chance(0.2) ? { periodStart: String(FIRST_YEAR + random.int(YEARS)) } : {};

    for (const city of skeleton.cities) yield rel(city, RelationType.LOCATED_IN, city.country);
    for (const organization of skeleton.organizations) {
      yield rel(organization, RelationType.LOCATED_IN, organization.place);
    }
    for (const university of skeleton.universities) yield rel(university, RelationType.LOCATED_IN, university.city);
    for (const faculty of skeleton.faculties) {
      yield rel(faculty, RelationType.PART_OF, faculty.university, since());
      if (faculty.city) yield rel(faculty, RelationType.LOCATED_IN, faculty.city);
    }
    for (const commission of skeleton.commissions) {
      yield rel(commission, RelationType.PART_OF, commission.organization, since());
      yield rel(commission.organization, RelationType.INSTALLED, commission, since());
      // A governing council approves some commissions, and commissions follow up units' work.
      if (random.chance(0.3)) yield rel(random.pick(skeleton.units), RelationType.CREATED, commission);
      if (random.chance(0.3)) yield rel(commission, RelationType.OVERSEES, random.pick(skeleton.units));
    }
    for (const unit of skeleton.units) yield rel(unit, RelationType.PART_OF, unit.organization, since());
    for (const person of skeleton.people) {
      yield rel(person, person.chairs ? RelationType.CHAIRS : RelationType.MEMBER_OF, person.commission, since());
    }
    for (const group of skeleton.groups) {
      if (group.organization) yield rel(group, RelationType.PART_OF, group.organization, since());
    }
    for (const report of skeleton.reports) {
      yield rel(report, RelationType.AUTHORED_BY, report.author);
      yield rel(report, RelationType.REPORTS_ON, report.about);
      yield rel(report, RelationType.REPORTED_IN, report.document);
    }
    for (const agreement of skeleton.agreements) {
      const period = agreement.periodStart
        ? { periodStart: agreement.periodStart, periodEnd: agreement.periodEnd }
        : {};
      for (const party of agreement.parties) {
        const onBehalfOf = agreement.onBehalfOf.get(party.id);
        yield rel(party, RelationType.PARTY_TO, agreement, {
          ...period,
          ...(onBehalfOf ? { properties: { onBehalfOf } } : {}),
        });
      }
      if (agreement.facilitator) {
        yield rel(agreement.facilitator, RelationType.FACILITATED, agreement, {
          ...period,
          properties: { activity: 'vinculación, negociación y/o gestiones' },
        });
      }
      if (agreement.report) yield rel(agreement, RelationType.REPORTED_IN, agreement.report);
    }
    for (const event of skeleton.events) {
      for (const organizer of event.organizers) yield rel(organizer, RelationType.ORGANIZED, event);
      yield rel(event, RelationType.HELD_IN, event.city);
      if (event.venue) {
        const format = random.pick(['PRESENCIAL', 'STAND', 'HIBRIDO']);
        yield rel(event, RelationType.HELD_AT, event.venue, { properties: { format } });
      }
      for (const city of event.visited) {
        yield rel(event, RelationType.VISITED, city, { periodStart: event.date, periodEnd: event.date });
      }
      if (event.aimedAt) yield rel(event, RelationType.AIMED_AT, event.aimedAt);
      if (event.partOf) yield rel(event, RelationType.PART_OF, event.partOf);
      if (event.report) yield rel(event, RelationType.REPORTED_IN, event.report);
    }
  }

  /** Participations fill the rest: groups and institutions taking part in events, big events drawing many. */
  function* participations(random: Random, count: number): Generator<DatasetRelationship> {
    const cite = citer(random, plan, skeleton.documentIds, skeleton.statementCounts);
    const pools: readonly (readonly Item[])[] = [
      skeleton.groups,
      skeleton.organizations,
      skeleton.universities,
      skeleton.faculties,
    ];
    const seen = new Set<number>();
    const nodeCount = skeleton.nodes.length;
    let attempts = 0;
    for (let made = 0; made < count;) {
      if ((attempts += 1) > 20 * count + 1_000) {
        throw new RangeError(`Cannot place ${count} participations among the generated events without repeats`);
      }
      const event = at(skeleton.events, random.skewed(skeleton.events.length, 1.6));
      const pool = at(pools, random.skewed(pools.length, 1.5));
      const participant = at(pool, random.skewed(pool.length, 1.5));
      const key = participant.index * nodeCount + event.index;
      if (seen.has(key)) continue;
      seen.add(key);
      made += 1;
      const relationship: DatasetRelationship = {
        from: participant.id,
        type: RelationType.PARTICIPATED_IN,
        to: event.id,
        sources: cite(),
      };
      if (pool === skeleton.groups && random.chance(0.3)) {
        relationship.properties = { participantCount: random.between(5, 500) };
      }
      yield relationship;
    }
  }

  function* relationships(): Generator<DatasetRelationship> {
    let made = 0;
    for (const relationship of structure(new Random(seedFor(plan.seed, 'structure')))) {
      if (made >= plan.relationships) return;
      made += 1;
      yield relationship;
    }
    yield* participations(new Random(seedFor(plan.seed, 'participations')), plan.relationships - made);
  }

  return { plan, sources, nodes, relationships };
}

/** The whole graph in memory (for tests and small benchmarks). */
export function generateScaleDataset(options: ScaleOptions = {}): Dataset {
  const graph = scaleGraph(options);
  return {
    format: DATASET_FORMAT,
    sources: [...graph.sources()],
    nodes: [...graph.nodes()],
    relationships: [...graph.relationships()],
  };
}

export interface WriteSummary {
  file: string;
  bytes: number;
  plan: ScalePlan;
  sources: number;
  statements: number;
  nodesByKind: Record<string, number>;
  relationshipsByType: Record<string, number>;
}

const FLUSH_AT = 1 << 20;

/**
 * Writes the graph to `file` as it is generated: one record per line, flushed in chunks of about 1 MB with
 * back-pressure, so a 1M-relationship file never exists as one string.
 */
export async function writeScaleDataset(file: string, options: ScaleOptions = {}): Promise<WriteSummary> {
  const graph = scaleGraph(options);
  const out = createWriteStream(file);
  let bytes = 0;
  let buffer = '';
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(buffer);
    const more = out.write(buffer);
    buffer = '';
    if (!more) await once(out, 'drain');
  };
  const tally = (counts: Record<string, number>, key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  const summary: WriteSummary = {
    file,
    bytes: 0,
    plan: graph.plan,
    sources: 0,
    statements: 0,
    nodesByKind: {},
    relationshipsByType: {},
  };
  const section = async <T>(name: string, items: Iterable<T>, count: (item: T) => void, last = false) => {
    buffer += `${JSON.stringify(name)}:[`;
    let separator = '\n';
    for (const item of items) {
      count(item);
      buffer += separator + JSON.stringify(item);
      separator = ',\n';
      if (buffer.length >= FLUSH_AT) await flush();
    }
    buffer += `\n]${last ? '}\n' : ',\n'}`;
  };

  try {
    buffer += `{"format":${JSON.stringify(DATASET_FORMAT)},\n`;
    await section('sources', graph.sources(), (source) => {
      summary.sources += 1;
      summary.statements += source.statements.length;
    });
    await section('nodes', graph.nodes(), (node) => tally(summary.nodesByKind, node.kind));
    await section(
      'relationships',
      graph.relationships(),
      (relationship) => tally(summary.relationshipsByType, relationship.type),
      true,
    );
    await flush();
  } finally {
    out.end();
  }
  await finished(out);
  return { ...summary, bytes };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const relationships = Number(values.relationships ?? DEFAULT_RELATIONSHIPS);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const file = path.resolve(values.out ?? path.join(os.tmpdir(), `iecm-graph-scale-${relationships}-seed${seed}.json`));
  const started = performance.now();
  const summary = await writeScaleDataset(file, { relationships, seed });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ ...summary, megabytes: Math.round(summary.bytes / 1e5) / 10, seconds }, null, 2));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
