/**
 * What the reconciliation service exposes of the graph model: its types (the node kinds) and its properties, each
 * with what it can do — refine a reconciliation query (a condition), be fetched by data extension, or both.
 */
import { KindCategory, kindsIn, NODE_KINDS, NodeKind, isNodeKind, labelOf } from '../../model/graph-model';
import { normalizeText } from '../../shared/text';

export interface ReconcileType {
  id: NodeKind;
  name: string;
  description: string;
}

/** Every node kind is a type; its id is the kind (`ORGANIZATION`), its name the label (`Organization`). */
export const TYPES: ReconcileType[] = Object.values(NodeKind).map((kind) => ({
  id: kind,
  name: labelOf(kind),
  description: NODE_KINDS[kind].description,
}));

/** A type named by a client: the kind's id or its label, in any case ("university", "University"). */
export function kindOf(type: string): NodeKind | undefined {
  const upper = type.trim().toUpperCase();
  if (isNodeKind(upper)) return upper;
  const key = normalizeText(type).replace(/\s/g, '');
  return TYPES.find((candidate) => normalizeText(candidate.name) === key)?.id;
}

/**
 * How a condition weighs when the candidate's values do not include the one asked for: `contradicts` lowers the
 * score and rules out a match (a node has one kind, one city); `neutral` only forgoes the bonus (a node's list of
 * partners or aliases is never known to be complete).
 */
export type Mismatch = 'contradicts' | 'neutral';

export enum PropertyId {
  ACRONYM = 'acronym',
  ALIASES = 'aliases',
  KIND = 'kind',
  CITY = 'city',
  COUNTRY = 'country',
  PARTNERS = 'partners',
  AGREEMENTS = 'agreements',
  PARTIES = 'parties',
  STATUS = 'status',
  PERIOD = 'period',
  PERIOD_START = 'period_start',
  PERIOD_END = 'period_end',
}

export interface ReconcileProperty {
  id: PropertyId;
  name: string;
  description: string;
  /** The kinds whose nodes have this property; null: every kind. */
  kinds: readonly NodeKind[] | null;
  /** As a condition of a reconciliation query; null: not usable as one. */
  condition: Mismatch | null;
  /** What data extension returns: strings, dates, or references to nodes of the graph. */
  values: 'string' | 'date' | 'entity';
  /** The kind of the nodes referred to, when there is only one, for the data extension's metadata. */
  entityType?: NodeKind;
}

/** Whoever acts: institutions, groups and people (the graph model's categories). */
const ACTORS = kindsIn(KindCategory.INSTITUTION, KindCategory.GROUP, KindCategory.PERSON);
const PLACED = [...ACTORS, NodeKind.EVENT, NodeKind.CITY];
const DATED = [NodeKind.AGREEMENT, NodeKind.EVENT, NodeKind.REPORT];

export const PROPERTIES: readonly ReconcileProperty[] = [
  {
    id: PropertyId.ACRONYM,
    name: 'Acronym',
    description: 'Short forms in capitals among the names (IECM, UNAM, FCPyS).',
    kinds: null,
    condition: 'contradicts',
    values: 'string',
  },
  {
    id: PropertyId.ALIASES,
    name: 'Also known as',
    description: 'Other names: acronyms, short, former and English names.',
    kinds: null,
    condition: 'neutral',
    values: 'string',
  },
  {
    id: PropertyId.KIND,
    name: 'Kind',
    description: 'The kind of node (Organization, University, City...).',
    kinds: null,
    condition: 'contradicts',
    values: 'string',
  },
  {
    id: PropertyId.CITY,
    name: 'City',
    description: 'The city it is located or held in, or that of the body it is part of.',
    kinds: PLACED,
    condition: 'contradicts',
    values: 'entity',
    entityType: NodeKind.CITY,
  },
  {
    id: PropertyId.COUNTRY,
    name: 'Country',
    description: 'The country it is located in, directly or through its city.',
    kinds: [...PLACED, NodeKind.CITY],
    condition: 'contradicts',
    values: 'entity',
    entityType: NodeKind.COUNTRY,
  },
  {
    id: PropertyId.PARTNERS,
    name: 'Partners',
    description: 'Who it partnered with through agreements and events, strongest first.',
    kinds: ACTORS,
    condition: 'neutral',
    values: 'entity',
  },
  {
    id: PropertyId.AGREEMENTS,
    name: 'Agreements',
    description: 'The agreements it is a party to.',
    kinds: ACTORS,
    condition: 'neutral',
    values: 'entity',
    entityType: NodeKind.AGREEMENT,
  },
  {
    id: PropertyId.PARTIES,
    name: 'Parties',
    description: 'The parties to an agreement.',
    kinds: [NodeKind.AGREEMENT],
    condition: 'neutral',
    values: 'entity',
  },
  {
    id: PropertyId.STATUS,
    name: 'Status',
    description: 'Where an agreement stands: SIGNED, NEGOTIATION...',
    kinds: [NodeKind.AGREEMENT],
    condition: 'contradicts',
    values: 'string',
  },
  {
    id: PropertyId.PERIOD,
    name: 'Period',
    description: 'The reported period as an ISO 8601 interval with its precision kept ("2023-09/2024-09").',
    kinds: DATED,
    condition: null,
    values: 'string',
  },
  {
    id: PropertyId.PERIOD_START,
    name: 'Period start',
    description: 'The first day of the reported period.',
    kinds: DATED,
    condition: null,
    values: 'date',
  },
  {
    id: PropertyId.PERIOD_END,
    name: 'Period end',
    description: 'The last day of the reported period.',
    kinds: DATED,
    condition: null,
    values: 'date',
  },
];

const PROPERTY_IDS: ReadonlySet<string> = new Set(Object.values(PropertyId));
const isPropertyId = (id: string): id is PropertyId => PROPERTY_IDS.has(id);

export const propertyOf = (id: string): ReconcileProperty | undefined =>
  isPropertyId(id) ? PROPERTIES.find((property) => property.id === id) : undefined;

export const appliesTo = (property: ReconcileProperty, kind: NodeKind): boolean =>
  property.kinds === null || property.kinds.includes(kind);

/**
 * Whether a name is an acronym: two capitals or more and nothing lower-case but a joining "y" (FCPyS); dots,
 * hyphens and spaces allowed (EE. UU., UAM-I, FGJ CDMX).
 */
export function isAcronym(name: string): boolean {
  const letters = name.replace(/[\s.\-&]/g, '');
  if ((letters.match(/\p{Lu}/gu) ?? []).length < 2) return false;
  return /^[\p{Lu}\d]+(?:y[\p{Lu}\d]+)*$/u.test(letters);
}

/** The acronyms among a node's name and aliases, folded like every search key ("EE. UU." -> "ee. uu."). */
export function acronymKeys(name: string, aliases: readonly string[]): string[] {
  return [...new Set([name, ...aliases].filter(isAcronym).map(normalizeText))];
}
