/**
 * The graph model in one place: node kinds (each a Neo4j label beside :Entity) and relationship types, with what
 * each means, how each is named and drawn, and which kinds each relationship type may join. Everything else is
 * derived from here: the GraphQL enums and the trivial object types (features/nodes/node.types.ts), the checks of
 * every write (`checkEnds`), the explorer's and the workbench's page configs, and the docs' data-model tables
 * (`npm run docs:model`). Adding a kind: an enum member and its NODE_KINDS entry; adding a relationship type: an
 * enum member and its RELATION_TYPES entry (see docs/data-model.md for the optional extra steps).
 */

export enum NodeKind {
  ORGANIZATION = 'ORGANIZATION',
  UNIVERSITY = 'UNIVERSITY',
  FACULTY = 'FACULTY',
  COMMISSION = 'COMMISSION',
  AGREEMENT = 'AGREEMENT',
  EVENT = 'EVENT',
  CITY = 'CITY',
  COUNTRY = 'COUNTRY',
  GROUP = 'GROUP',
  PERSON = 'PERSON',
  UNIT = 'UNIT',
  REPORT = 'REPORT',
  SOURCE_DOCUMENT = 'SOURCE_DOCUMENT',
}

/**
 * What sort of thing a kind is. Relationship types may name a category instead of listing kinds, and the node
 * fields of a kind default to its category's (relation-fields.ts): a new institution joins every relationship an
 * institution may take part in without touching them.
 */
export enum KindCategory {
  /** A body that acts: an organization, university, faculty, commission or internal unit. */
  INSTITUTION = 'institution',
  /** A group of people or of bodies (a network, the observers, "los OPLE"). */
  GROUP = 'group',
  PERSON = 'person',
  AGREEMENT = 'agreement',
  EVENT = 'event',
  PLACE = 'place',
  /** Where facts are stated: reports and source documents. */
  DOCUMENT = 'document',
}

/** The Cytoscape shapes the explorer draws, each with its own icon in the legend (explorer/public/kinds.js). */
export type NodeShape =
  | 'ellipse'
  | 'hexagon'
  | 'pentagon'
  | 'round-rectangle'
  | 'diamond'
  | 'star'
  | 'triangle'
  | 'octagon'
  | 'rhomboid'
  | 'rectangle'
  | 'tag'
  | 'vee'
  | 'cut-rectangle';

export interface KindMeta {
  /** The GraphQL object type of the kind and its Neo4j label (beside :Entity): `University`, `SourceDocument`. */
  typeName: string;
  category: KindCategory;
  /** How the explorer, the workbench and the docs name it, in English and in Spanish. */
  label: string;
  labelEs: string;
  /** What it is: the NodeKind value's description, and the object type's when the kind has no own fields. */
  description: string;
  /** The explorer's drawing: one colour (Okabe–Ito based, colour-blind friendly) and one shape per kind. */
  color: string;
  shape: NodeShape;
}

/** Every node kind, declared once: the GraphQL enum and object types, the explorer, the workbench and the docs. */
export const NODE_KINDS: Record<NodeKind, KindMeta> = {
  ORGANIZATION: {
    typeName: 'Organization',
    category: KindCategory.INSTITUTION,
    label: 'Organization',
    labelEs: 'Organización',
    description: 'A public, private, governmental or international body.',
    color: '#0072B2',
    shape: 'ellipse',
  },
  UNIVERSITY: {
    typeName: 'University',
    category: KindCategory.INSTITUTION,
    label: 'University',
    labelEs: 'Universidad',
    description: 'A university or institute of higher education.',
    color: '#CC79A7',
    shape: 'hexagon',
  },
  FACULTY: {
    typeName: 'Faculty',
    category: KindCategory.INSTITUTION,
    label: 'Faculty or campus',
    labelEs: 'Facultad o plantel',
    description: 'A faculty, school or campus of a university.',
    color: '#7B3294',
    shape: 'pentagon',
  },
  COMMISSION: {
    typeName: 'Commission',
    category: KindCategory.INSTITUTION,
    label: 'Commission',
    labelEs: 'Comisión',
    description: 'A commission or internal body of an organization.',
    color: '#009E73',
    shape: 'round-rectangle',
  },
  AGREEMENT: {
    typeName: 'Agreement',
    category: KindCategory.AGREEMENT,
    label: 'Agreement',
    labelEs: 'Convenio',
    description: 'An agreement (convenio) or other legal instrument, signed or negotiated.',
    color: '#E69F00',
    shape: 'diamond',
  },
  EVENT: {
    typeName: 'Event',
    category: KindCategory.EVENT,
    label: 'Event',
    labelEs: 'Evento',
    description: 'An event, series of events, tour or mission.',
    color: '#D55E00',
    shape: 'star',
  },
  CITY: {
    typeName: 'City',
    category: KindCategory.PLACE,
    label: 'City',
    labelEs: 'Ciudad',
    description: 'A city.',
    color: '#56B4E9',
    shape: 'triangle',
  },
  COUNTRY: {
    typeName: 'Country',
    category: KindCategory.PLACE,
    label: 'Country',
    labelEs: 'País',
    description: 'A country.',
    color: '#1B7837',
    shape: 'octagon',
  },
  GROUP: {
    typeName: 'Group',
    category: KindCategory.GROUP,
    label: 'Group of people',
    labelEs: 'Grupo',
    description: 'A group of people, such as a network of observers.',
    color: '#8C564B',
    shape: 'rhomboid',
  },
  PERSON: {
    typeName: 'Person',
    category: KindCategory.PERSON,
    label: 'Person',
    labelEs: 'Persona',
    description: 'A named person, such as an electoral councillor.',
    color: '#F0E442',
    shape: 'vee',
  },
  UNIT: {
    typeName: 'Unit',
    category: KindCategory.INSTITUTION,
    label: 'Internal unit',
    labelEs: 'Unidad interna',
    description:
      'An internal body of an organization that is not a commission: a governing council, directorate or office.',
    color: '#4D9221',
    shape: 'cut-rectangle',
  },
  REPORT: {
    typeName: 'Report',
    category: KindCategory.DOCUMENT,
    label: 'Report',
    labelEs: 'Informe',
    description: 'A report that states facts for a period.',
    color: '#6E6E6E',
    shape: 'rectangle',
  },
  SOURCE_DOCUMENT: {
    typeName: 'SourceDocument',
    category: KindCategory.DOCUMENT,
    label: 'Source document',
    labelEs: 'Documento fuente',
    description: 'A published document the facts are taken from.',
    color: '#333333',
    shape: 'tag',
  },
};

export enum RelationType {
  PARTY_TO = 'PARTY_TO',
  FACILITATED = 'FACILITATED',
  PART_OF = 'PART_OF',
  LOCATED_IN = 'LOCATED_IN',
  ORGANIZED = 'ORGANIZED',
  HELD_AT = 'HELD_AT',
  HELD_IN = 'HELD_IN',
  VISITED = 'VISITED',
  PARTICIPATED_IN = 'PARTICIPATED_IN',
  AIMED_AT = 'AIMED_AT',
  AUTHORED_BY = 'AUTHORED_BY',
  REPORTS_ON = 'REPORTS_ON',
  REPORTED_IN = 'REPORTED_IN',
  CHAIRS = 'CHAIRS',
  MEMBER_OF = 'MEMBER_OF',
  INSTALLED = 'INSTALLED',
  CREATED = 'CREATED',
  OVERSEES = 'OVERSEES',
}

/** An end of a relationship type: a kind, or every kind of a category (resolved when asked, see `endKinds`). */
export type KindEnd = NodeKind | KindCategory;

export interface RelationMeta {
  /** The type in words, read from the `from` node to the `to` node: "party to", "parte de". */
  label: string;
  labelEs: string;
  description: string;
  /** What the node at each end is to the other: the relationship points from `fromRole` to `toRole`. */
  fromRole: string;
  toRole: string;
  /** The kinds a relationship of this type may start at and end at. */
  from: readonly KindEnd[];
  to: readonly KindEnd[];
  /** Whether it ties an actor to an agreement or event it shares with others: partnerships are made of these. */
  partnership: boolean;
  /** The explorer's colour of its edges; related types share a hue family. */
  color: string;
}

const { INSTITUTION, GROUP, PERSON, AGREEMENT, EVENT, PLACE, DOCUMENT } = KindCategory;
/** Bodies and groups: whoever can sign, host, be part of something or sit on it. */
const BODIES = [INSTITUTION, GROUP] as const;
/** Whoever acts: bodies, groups and people. */
const ACTORS = [INSTITUTION, GROUP, PERSON] as const;

/** Every relationship type, declared once: the GraphQL enum, the checks of every write, the explorer and the docs. */
export const RELATION_TYPES: Record<RelationType, RelationMeta> = {
  PARTY_TO: {
    label: 'party to',
    labelEs: 'parte de (convenio)',
    description: 'An organization or unit is a party to an agreement.',
    fromRole: 'party',
    toRole: 'agreement',
    from: BODIES,
    to: [AGREEMENT],
    partnership: true,
    color: '#E69F00',
  },
  FACILITATED: {
    label: 'helped negotiate',
    labelEs: 'acompañó la negociación de',
    description: 'Accompanied the liaison, negotiation or processing of an agreement without being a party.',
    fromRole: 'facilitator',
    toRole: 'agreement',
    from: ACTORS,
    to: [AGREEMENT],
    partnership: true,
    color: '#B8860B',
  },
  PART_OF: {
    label: 'part of',
    labelEs: 'parte de',
    description: 'A unit, commission, network or event belongs to a larger one.',
    fromRole: 'part',
    toRole: 'whole',
    from: [...BODIES, EVENT],
    to: [...BODIES, EVENT],
    partnership: false,
    color: '#7F7F7F',
  },
  LOCATED_IN: {
    label: 'located in',
    labelEs: 'ubicado en',
    description: 'An organization or place lies in a city or country.',
    fromRole: 'located',
    toRole: 'place',
    from: [...BODIES, NodeKind.CITY],
    to: [PLACE],
    partnership: false,
    color: '#56B4E9',
  },
  ORGANIZED: {
    label: 'organized',
    labelEs: 'organizó',
    description: 'Organized an event, series, tour or mission.',
    fromRole: 'organizer',
    toRole: 'event',
    from: ACTORS,
    to: [EVENT],
    partnership: true,
    color: '#D55E00',
  },
  HELD_AT: {
    label: 'held at',
    labelEs: 'celebrado en (sede)',
    description: 'An event took place at an institution or campus (e.g. a stand).',
    fromRole: 'event',
    toRole: 'venue',
    from: [EVENT],
    to: BODIES,
    partnership: true,
    color: '#A0522D',
  },
  HELD_IN: {
    label: 'held in',
    labelEs: 'celebrado en',
    description: 'An event took place in a city.',
    fromRole: 'event',
    toRole: 'place',
    from: [EVENT],
    to: [PLACE],
    partnership: false,
    color: '#0072B2',
  },
  VISITED: {
    label: 'visited',
    labelEs: 'visitó',
    description: 'A tour or mission visited a city.',
    fromRole: 'tour or mission',
    toRole: 'place',
    from: [EVENT],
    to: [PLACE],
    partnership: false,
    color: '#1F4E9E',
  },
  PARTICIPATED_IN: {
    label: 'participated in',
    labelEs: 'participó en',
    description: 'A group took part in an event; may carry a head count.',
    fromRole: 'participant',
    toRole: 'event',
    from: ACTORS,
    to: [EVENT],
    partnership: true,
    color: '#CC79A7',
  },
  AIMED_AT: {
    label: 'aimed at',
    labelEs: 'dirigido a',
    description: 'An event or programme was addressed to a group of people.',
    fromRole: 'event',
    toRole: 'audience',
    from: [EVENT],
    to: ACTORS,
    partnership: false,
    color: '#9467BD',
  },
  AUTHORED_BY: {
    label: 'authored by',
    labelEs: 'elaborado por',
    description: 'A report was issued by a body.',
    fromRole: 'report',
    toRole: 'author',
    from: [DOCUMENT],
    to: ACTORS,
    partnership: false,
    color: '#4D4D4D',
  },
  REPORTS_ON: {
    label: 'reports on',
    labelEs: 'informa sobre',
    description: 'A report gives account of the work of an organization.',
    fromRole: 'report',
    toRole: 'subject',
    from: [DOCUMENT],
    to: [...BODIES, EVENT, AGREEMENT],
    partnership: false,
    color: '#8C8C8C',
  },
  REPORTED_IN: {
    label: 'reported in',
    labelEs: 'reportado en',
    description: 'A fact-bearing node is reported in a report or source document.',
    fromRole: 'fact',
    toRole: 'report',
    from: [AGREEMENT, EVENT, DOCUMENT],
    to: [DOCUMENT],
    partnership: false,
    color: '#BDBDBD',
  },
  CHAIRS: {
    label: 'chairs',
    labelEs: 'preside',
    description: 'A person chairs a commission.',
    fromRole: 'chair',
    toRole: 'body',
    from: [NodeKind.PERSON],
    to: [NodeKind.COMMISSION, NodeKind.UNIT, NodeKind.GROUP],
    partnership: false,
    color: '#009E73',
  },
  MEMBER_OF: {
    label: 'member of',
    labelEs: 'integrante de',
    description: 'A person sits on a commission or body.',
    fromRole: 'member',
    toRole: 'body',
    from: [NodeKind.PERSON],
    to: BODIES,
    partnership: false,
    color: '#66C2A5',
  },
  INSTALLED: {
    label: 'installed',
    labelEs: 'instaló',
    description: 'An organization installed a commission.',
    fromRole: 'installer',
    toRole: 'commission',
    from: BODIES,
    to: [NodeKind.COMMISSION, NodeKind.UNIT],
    partnership: false,
    color: '#1B7837',
  },
  CREATED: {
    label: 'created',
    labelEs: 'creó',
    description: 'A body created or approved the creation of a commission.',
    fromRole: 'creator',
    toRole: 'commission',
    from: BODIES,
    to: [NodeKind.COMMISSION, NodeKind.UNIT],
    partnership: false,
    color: '#4D9221',
  },
  OVERSEES: {
    label: 'oversees',
    labelEs: 'da seguimiento a',
    description: "A commission follows up or oversees a unit's work.",
    fromRole: 'overseer',
    toRole: 'overseen',
    from: [NodeKind.COMMISSION, NodeKind.UNIT],
    to: [INSTITUTION],
    partnership: false,
    color: '#2CA02C',
  },
};

const isCategory = (end: KindEnd): end is KindCategory => Object.values<string>(KindCategory).includes(end);

/** The kinds of a category, in the model's order. */
export const kindsIn = (...categories: KindCategory[]): NodeKind[] =>
  (Object.keys(NODE_KINDS) as NodeKind[]).filter((kind) => categories.includes(NODE_KINDS[kind].category));

/** The kinds a list of ends stands for (categories expanded), in the model's order. */
export function endKinds(ends: readonly KindEnd[]): NodeKind[] {
  const named = new Set<NodeKind>();
  for (const end of ends) for (const kind of isCategory(end) ? kindsIn(end) : [end]) named.add(kind);
  return (Object.keys(NODE_KINDS) as NodeKind[]).filter((kind) => named.has(kind));
}

/** The kinds a relationship type may join: `from` at its start, `to` at its end. */
export const relationEnds = (type: RelationType): { from: NodeKind[]; to: NodeKind[] } => ({
  from: endKinds(RELATION_TYPES[type].from),
  to: endKinds(RELATION_TYPES[type].to),
});

/**
 * Whether a relationship of `type` may join a node of `fromKind` to one of `toKind`: null when it may, else the
 * problem in words ("CHAIRS joins PERSON → COMMISSION, UNIT, GROUP; got CITY → ORGANIZATION"). Every write that
 * makes relationships (link, createAgreement, imports, commitDocument) asks this one function.
 */
export function checkEnds(type: RelationType, fromKind: NodeKind, toKind: NodeKind): string | null {
  const { from, to } = relationEnds(type);
  if (from.includes(fromKind) && to.includes(toKind)) return null;
  return `${type} joins ${from.join(', ')} → ${to.join(', ')}; got ${fromKind} → ${toKind}`;
}

/** The relationship types that tie actors to the agreements and events through which they partner. */
export const partnershipTypes = (): RelationType[] =>
  (Object.keys(RELATION_TYPES) as RelationType[]).filter((type) => RELATION_TYPES[type].partnership);

/** What an agreement's `status` property holds: the GraphQL enum AgreementStatus has exactly these values. */
export enum AgreementStatus {
  SIGNED = 'SIGNED',
  NEGOTIATION = 'NEGOTIATION',
  /** No sentence says whether it was signed or is being negotiated: never counted as either. */
  NOT_STATED = 'NOT_STATED',
}

/**
 * Each status with its meaning and the words a search finds it by (Spanish and English; accents and case are
 * ignored). Filters take the enum only: the words are for people typing in a search box.
 */
export const AGREEMENT_STATUSES: Record<AgreementStatus, { description: string; searchTerms: readonly string[] }> = {
  SIGNED: {
    description: 'Signed (firmado, suscrito).',
    searchTerms: [
      'firmado',
      'firmada',
      'firmados',
      'firmadas',
      'suscrito',
      'suscritos',
      'signado',
      'signados',
      'signed',
    ],
  },
  NEGOTIATION: {
    description: 'Only its negotiation is reported (en negociación).',
    searchTerms: [
      'en negociación',
      'negociación',
      'en proceso de negociación',
      'negotiation',
      'in negotiation',
      'under negotiation',
      'being negotiated',
    ],
  },
  NOT_STATED: {
    description: 'No source states whether it was signed or is being negotiated; never counted as either.',
    searchTerms: ['estatus no declarado', 'sin estatus', 'status not stated', 'not stated'],
  },
};

/** An agreement's property listing the statements that state its status (SIGNED or NEGOTIATION). */
export const STATUS_SOURCES_PROPERTY = 'statusSources';

export const isAgreementStatus = (value: unknown): value is AgreementStatus =>
  typeof value === 'string' && Object.hasOwn(AGREEMENT_STATUSES, value);

/** The kind's Neo4j label (beside :Entity) and GraphQL object type: `University`, `SourceDocument`. */
export const labelOf = (kind: NodeKind): string => NODE_KINDS[kind].typeName;

/**
 * Cypher: every relationship type of the model, as a pattern's type list (`[r:PARTY_TO|...]`). An expand over it
 * reads the facts only, never the derived PARTNERS relationships or the history's CONCERNS.
 */
export const FACT_RELATIONSHIPS = Object.keys(RELATION_TYPES).join('|');

export const isRelationType = (value: string): value is RelationType => Object.hasOwn(RELATION_TYPES, value);
export const isNodeKind = (value: string): value is NodeKind => Object.hasOwn(NODE_KINDS, value);

/** Stable, human-readable ids: lower-case slugs such as `iecm` or `convenio-iecm-ine`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

/** A sentence of a source document is cited as "<document id>#<position>". */
export const statementId = (documentId: string, position: number): string => `${documentId}#${position}`;
export const STATEMENT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*#\d+$/;

export interface RelationshipKey {
  from: string;
  type: RelationType;
  to: string;
  /** The start of the reported period: the same two nodes may be related once per period. */
  periodStart?: string;
}

/** A relationship's stable id, "<from>:<TYPE>:<to>[:<periodStart>]": one per (from, type, to) and reported period. */
export function relationshipId(key: RelationshipKey): string {
  return [key.from, key.type, key.to, key.periodStart].filter(Boolean).join(':');
}

/** The parts of a relationship id, so it can be found from its end nodes' index; null when it is not one. */
export function parseRelationshipId(id: string): RelationshipKey | null {
  const [from, type, to, periodStart, ...rest] = id.split(':');
  if (!from || !to || !type || rest.length > 0 || !SLUG_PATTERN.test(from) || !SLUG_PATTERN.test(to)) return null;
  if (!isRelationType(type)) return null;
  return { from, type, to, ...(periodStart ? { periodStart } : {}) };
}
