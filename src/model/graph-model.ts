/**
 * The graph model in one place: node kinds (each a Neo4j label beside :Entity) and relationship types,
 * with what each means. The GraphQL enums, the loader's validation and the README are built on these.
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

export const NODE_KINDS: Record<NodeKind, { label: string; description: string }> = {
  ORGANIZATION: { label: 'Organization', description: 'A public, private, governmental or international body.' },
  UNIVERSITY: { label: 'University', description: 'A university or institute of higher education.' },
  FACULTY: { label: 'Faculty', description: 'A faculty, school or campus of a university.' },
  COMMISSION: { label: 'Commission', description: 'A commission or internal body of an organization.' },
  AGREEMENT: {
    label: 'Agreement',
    description: 'An agreement (convenio) or other legal instrument, signed or negotiated.',
  },
  EVENT: { label: 'Event', description: 'An event, series of events, tour or mission.' },
  CITY: { label: 'City', description: 'A city.' },
  COUNTRY: { label: 'Country', description: 'A country.' },
  GROUP: { label: 'Group', description: 'A group of people, such as a network of observers.' },
  PERSON: { label: 'Person', description: 'A named person, such as an electoral councillor.' },
  UNIT: {
    label: 'Unit',
    description:
      'An internal body of an organization that is not a commission: a governing council, directorate or office.',
  },
  REPORT: { label: 'Report', description: 'A report that states facts for a period.' },
  SOURCE_DOCUMENT: { label: 'SourceDocument', description: 'A published document the facts are taken from.' },
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

export const RELATION_TYPES: Record<RelationType, { label: string; description: string }> = {
  PARTY_TO: { label: 'party to', description: 'An organization or unit is a party to an agreement.' },
  FACILITATED: {
    label: 'helped negotiate',
    description: 'Accompanied the liaison, negotiation or processing of an agreement without being a party.',
  },
  PART_OF: { label: 'part of', description: 'A unit, commission, network or event belongs to a larger one.' },
  LOCATED_IN: { label: 'located in', description: 'An organization or place lies in a city or country.' },
  ORGANIZED: { label: 'organized', description: 'Organized an event, series, tour or mission.' },
  HELD_AT: { label: 'held at', description: 'An event took place at an institution or campus (e.g. a stand).' },
  HELD_IN: { label: 'held in', description: 'An event took place in a city.' },
  VISITED: { label: 'visited', description: 'A tour or mission visited a city.' },
  PARTICIPATED_IN: { label: 'participated in', description: 'A group took part in an event; may carry a head count.' },
  AIMED_AT: { label: 'aimed at', description: 'An event or programme was addressed to a group of people.' },
  AUTHORED_BY: { label: 'authored by', description: 'A report was issued by a body.' },
  REPORTS_ON: { label: 'reports on', description: 'A report gives account of the work of an organization.' },
  REPORTED_IN: { label: 'reported in', description: 'A fact-bearing node is reported in a report or source document.' },
  CHAIRS: { label: 'chairs', description: 'A person chairs a commission.' },
  MEMBER_OF: { label: 'member of', description: 'A person sits on a commission or body.' },
  INSTALLED: { label: 'installed', description: 'An organization installed a commission.' },
  CREATED: { label: 'created', description: 'A body created or approved the creation of a commission.' },
  OVERSEES: { label: 'oversees', description: "A commission follows up or oversees a unit's work." },
};

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

export const labelOf = (kind: NodeKind): string => NODE_KINDS[kind].label;

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
