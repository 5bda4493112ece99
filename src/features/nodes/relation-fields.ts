/**
 * The relationship fields of every node type, one row per field: which relationship types, which way, which
 * kinds of node at the other end, what GraphQL returns, and what the field means. The field resolvers are made
 * from these rows (relation-fields.resolver.ts), and list queries read the same rows to fetch the fields a query
 * asks for in the list's own Cypher query. Adding a relationship field is adding a row.
 */
import { Direction, NodeKind, RelationType } from '../../graphql/enums';
import { KindCategory, NODE_KINDS } from '../../model/graph-model';
import { Agreement, City, Country, Event, Node, Person, SourceDocument } from './node.types';

/** What to fetch for a field: relationship types and direction, seen from the node asked about. */
export interface RelationSpec {
  types: RelationType[];
  direction: Direction;
  /** Only neighbours of these kinds (filtered after fetching). */
  kinds?: NodeKind[];
}

type NodeClass = abstract new () => Node;

export interface RelationField extends RelationSpec {
  /** The GraphQL type of the node at the other end. */
  target: () => NodeClass;
  /** many: the neighbours; one: the first neighbour or null; relationships: the relationships, with their properties. */
  shape: 'many' | 'one' | 'relationships';
  description: string;
}

const { OUT, IN } = Direction;
const {
  PARTY_TO,
  FACILITATED,
  PART_OF,
  LOCATED_IN,
  ORGANIZED,
  HELD_AT,
  HELD_IN,
  VISITED,
  PARTICIPATED_IN,
  AIMED_AT,
  AUTHORED_BY,
  REPORTS_ON,
  REPORTED_IN,
  CHAIRS,
  MEMBER_OF,
  INSTALLED,
  CREATED,
  OVERSEES,
} = RelationType;

const field =
  (shape: RelationField['shape']) =>
  (
    types: RelationType[],
    direction: Direction,
    target: () => NodeClass,
    description: string,
    kinds?: NodeKind[],
  ): RelationField => ({ types, direction, kinds, target, shape, description });
const many = field('many');
const one = field('one');
const relationships = field('relationships');

/** The row constructors, for adding fields: `many` neighbours, the first one (`one`), or the `relationships`. */
export const relationField = { many, one, relationships };

const ALL_KINDS = Object.values(NodeKind);

/** Institutions (organizations, universities, faculties, commissions, units) and groups share these fields. */
const institution = (what: string): Record<string, RelationField> => ({
  agreements: many([PARTY_TO], OUT, () => Agreement, `Agreements this ${what} is party to.`),
  facilitatedAgreements: many(
    [FACILITATED],
    OUT,
    () => Agreement,
    `Agreements this ${what} helped negotiate without being a party.`,
  ),
  partOf: one([PART_OF], OUT, () => Node, `What this ${what} is part of.`),
  units: many([PART_OF], IN, () => Node, `Units of this ${what}: faculties, campuses, commissions, networks.`),
  location: one([LOCATED_IN], OUT, () => Node, `The city or country this ${what} is located in.`),
  organizedEvents: many([ORGANIZED], OUT, () => Event, `Events this ${what} organized.`),
  hostedEvents: many([HELD_AT], IN, () => Event, `Events held at this ${what}.`),
  participatedIn: many([PARTICIPATED_IN], OUT, () => Event, `Events this ${what} took part in.`),
  installed: many([INSTALLED], OUT, () => Node, `Commissions this ${what} installed.`),
  created: many([CREATED], OUT, () => Node, `Commissions this ${what} created or approved the creation of.`),
  members: many([MEMBER_OF], IN, () => Person, `People who sit on this ${what}.`),
});

/** The fields of each kind that has fields of its own (or its own words for them). */
const OWN_FIELDS: Partial<Record<NodeKind, Record<string, RelationField>>> = {
  ORGANIZATION: institution('organization'),
  UNIVERSITY: institution('university'),
  FACULTY: institution('faculty'),
  COMMISSION: {
    ...institution('commission'),
    chair: one([CHAIRS], IN, () => Person, 'The person who chairs the commission.'),
    installedBy: one([INSTALLED], IN, () => Node, 'Who installed the commission.'),
    createdBy: many([CREATED], IN, () => Node, 'Who created the commission or approved its creation.'),
    oversees: many([OVERSEES], OUT, () => Node, 'Units whose work the commission follows up.'),
  },
  UNIT: {
    ...institution('unit'),
    overseenBy: many([OVERSEES], IN, () => Node, 'Commissions that follow up the work of this unit.'),
  },
  PERSON: {
    chairs: many([CHAIRS], OUT, () => Node, 'Commissions this person chairs.'),
    memberOf: many([MEMBER_OF], OUT, () => Node, 'Commissions and bodies this person sits on.'),
  },
  GROUP: institution('group'),
  AGREEMENT: {
    parties: many([PARTY_TO], IN, () => Node, 'The parties to the agreement.'),
    facilitators: many(
      [FACILITATED],
      IN,
      () => Node,
      'Who helped negotiate it (accompanied the liaison, negotiation or processing).',
    ),
    reportedIn: many([REPORTED_IN], OUT, () => Node, 'Reports that state it.'),
  },
  EVENT: {
    organizers: many([ORGANIZED], IN, () => Node, 'Who organized it.'),
    venues: many([HELD_AT], OUT, () => Node, 'Institutions or campuses it was held at.'),
    cities: many([HELD_IN, VISITED], OUT, () => City, 'Cities it was held in or visited.', [NodeKind.CITY]),
    participants: relationships(
      [PARTICIPATED_IN],
      IN,
      () => Node,
      'Groups that took part, each with its stated head count.',
    ),
    audience: many([AIMED_AT], OUT, () => Node, 'Groups of people it was addressed to.'),
    partOf: one([PART_OF], OUT, () => Event, 'The series this event belongs to.', [NodeKind.EVENT]),
    parts: many([PART_OF], IN, () => Event, 'Named events of this series.', [NodeKind.EVENT]),
    reportedIn: many([REPORTED_IN], OUT, () => Node, 'Reports that state it.'),
  },
  CITY: {
    country: one([LOCATED_IN], OUT, () => Country, 'The country of the city.', [NodeKind.COUNTRY]),
    locatedHere: many([LOCATED_IN], IN, () => Node, 'Organizations located in the city.'),
    events: many([HELD_IN, VISITED], IN, () => Event, 'Events held in or visiting the city.'),
  },
  COUNTRY: {
    cities: many([LOCATED_IN], IN, () => City, 'Cities of the country in the graph.', [NodeKind.CITY]),
    locatedHere: many(
      [LOCATED_IN],
      IN,
      () => Node,
      'Organizations located directly in the country.',
      ALL_KINDS.filter((kind) => kind !== NodeKind.CITY),
    ),
  },
  REPORT: {
    authors: many([AUTHORED_BY], OUT, () => Node, 'Who issued the report.'),
    reportsOn: many([REPORTS_ON], OUT, () => Node, 'Whose work it gives account of.'),
    facts: many([REPORTED_IN], IN, () => Node, 'Agreements and events it states.'),
    reportedIn: many([REPORTED_IN], OUT, () => SourceDocument, 'Documents that report on it.', [
      NodeKind.SOURCE_DOCUMENT,
    ]),
  },
  SOURCE_DOCUMENT: {
    reports: many([REPORTED_IN], IN, () => Node, 'Reports this document reports on.'),
  },
};

/**
 * What a kind without a row above gets: its category's fields, described with the kind's English label. A new
 * kind of an existing category needs no row.
 */
const CATEGORY_FIELDS: Record<KindCategory, (what: string) => Record<string, RelationField>> = {
  [KindCategory.INSTITUTION]: institution,
  [KindCategory.GROUP]: institution,
  [KindCategory.PERSON]: () => OWN_FIELDS.PERSON ?? {},
  [KindCategory.AGREEMENT]: () => OWN_FIELDS.AGREEMENT ?? {},
  [KindCategory.EVENT]: () => OWN_FIELDS.EVENT ?? {},
  [KindCategory.PLACE]: (what) => ({
    locatedHere: many([LOCATED_IN], IN, () => Node, `What is located in this ${what}.`),
    events: many([HELD_IN, VISITED], IN, () => Event, `Events held in or visiting this ${what}.`),
  }),
  [KindCategory.DOCUMENT]: (what) => ({
    facts: many([REPORTED_IN], IN, () => Node, `What this ${what} states.`),
  }),
};

export const RELATION_FIELDS = Object.fromEntries(
  Object.values(NodeKind).map((kind) => {
    const { category, label } = NODE_KINDS[kind];
    return [kind, OWN_FIELDS[kind] ?? CATEGORY_FIELDS[category](label.toLowerCase())];
  }),
) as Record<NodeKind, Record<string, RelationField>>;
