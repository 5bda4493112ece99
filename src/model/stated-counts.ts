/**
 * Counts a source states about a node ("una red de 125 convenios", "siete giras"), declared once: each is an integer
 * property of the node, with what it counts as the sources say it, and the total it is a part of when the source
 * breaks a total down ("45 con instancias gubernamentales, 32 con organismos electorales…" of the 125).
 *
 * The sentences that state a count are kept beside the counts, in the node's `countSources` list, one entry per
 * (count, statement): "agreementCount:cronica-2025-iecm-125-convenios#2". A list of strings because Neo4j
 * properties hold no maps; the format is declared here, with the functions that write and read it.
 */
export enum CountProperty {
  AGREEMENT_COUNT = 'agreementCount',
  AGREEMENTS_WITH_GOVERNMENT_BODIES = 'agreementsWithGovernmentBodies',
  AGREEMENTS_WITH_ELECTORAL_BODIES = 'agreementsWithElectoralBodies',
  INTERNATIONAL_AGREEMENTS = 'internationalAgreements',
  AGREEMENTS_WITH_ACADEMIC_INSTITUTIONS = 'agreementsWithAcademicInstitutions',
  AGREEMENTS_WITH_NON_GOVERNMENTAL_ORGANIZATIONS = 'agreementsWithNonGovernmentalOrganizations',
  AGREEMENTS_WITH_PRIVATE_INSTITUTIONS = 'agreementsWithPrivateInstitutions',
  LEGAL_INSTRUMENTS_SIGNED = 'legalInstrumentsSigned',
  EVENT_COUNT = 'eventCount',
  TOUR_COUNT = 'tourCount',
  CITY_COUNT = 'cityCount',
  PARTICIPANT_COUNT = 'participantCount',
  MEMBER_COUNT = 'memberCount',
  WORK_LINE_COUNT = 'workLineCount',
}

export interface CountMeaning {
  /** What it counts, in the words of the (Spanish) sources. */
  label: string;
  description: string;
  /** The total this count is a part of. */
  partOf?: CountProperty;
}

const AGREEMENTS = CountProperty.AGREEMENT_COUNT;

export const STATED_COUNTS: Record<CountProperty, CountMeaning> = {
  agreementCount: { label: 'convenios', description: 'Agreements (convenios) in force, as stated.' },
  agreementsWithGovernmentBodies: {
    label: 'convenios con instancias gubernamentales',
    description: 'Of those agreements, the ones with government bodies.',
    partOf: AGREEMENTS,
  },
  agreementsWithElectoralBodies: {
    label: 'convenios con organismos electorales',
    description: 'Of those agreements, the ones with electoral bodies.',
    partOf: AGREEMENTS,
  },
  internationalAgreements: {
    label: 'convenios internacionales',
    description: 'Of those agreements, the international ones.',
    partOf: AGREEMENTS,
  },
  agreementsWithAcademicInstitutions: {
    label: 'convenios con instituciones académicas',
    description: 'Of those agreements, the ones with academic institutions.',
    partOf: AGREEMENTS,
  },
  agreementsWithNonGovernmentalOrganizations: {
    label: 'convenios con organizaciones no gubernamentales',
    description: 'Of those agreements, the ones with non-governmental organizations.',
    partOf: AGREEMENTS,
  },
  agreementsWithPrivateInstitutions: {
    label: 'convenios con instituciones privadas',
    description: 'Of those agreements, the ones with private institutions.',
    partOf: AGREEMENTS,
  },
  legalInstrumentsSigned: {
    label: 'instrumentos jurídicos suscritos',
    description: 'Legal instruments signed in the period a report covers.',
  },
  eventCount: { label: 'eventos', description: 'Events in a series.' },
  tourCount: { label: 'giras', description: 'Tours of a tour series.' },
  cityCount: { label: 'ciudades', description: 'Cities an event or tour covered.' },
  participantCount: { label: 'personas participantes', description: 'People who took part.' },
  memberCount: { label: 'integrantes', description: 'Members of a group, e.g. the bodies it gathers.' },
  workLineCount: { label: 'líneas de trabajo', description: 'Lines of work of a body.' },
};

/**
 * What a number counts, read from the (Spanish) words after it ("convenios con organismos electorales"): the first
 * pattern that matches wins, so the parts come before their totals. The workbench and the review files propose
 * counts with it.
 */
export const COUNT_WORDS: readonly (readonly [RegExp, CountProperty])[] = [
  [/no gubernamental|sociedad civil/, CountProperty.AGREEMENTS_WITH_NON_GOVERNMENTAL_ORGANIZATIONS],
  [/gubernamental/, CountProperty.AGREEMENTS_WITH_GOVERNMENT_BODIES],
  [/organismos? electoral/, CountProperty.AGREEMENTS_WITH_ELECTORAL_BODIES],
  [/internacional/, CountProperty.INTERNATIONAL_AGREEMENTS],
  [/acad[eé]mic/, CountProperty.AGREEMENTS_WITH_ACADEMIC_INSTITUTIONS],
  [/privad/, CountProperty.AGREEMENTS_WITH_PRIVATE_INSTITUTIONS],
  [/instrumentos? jur/, CountProperty.LEGAL_INSTRUMENTS_SIGNED],
  [/^convenio/, CountProperty.AGREEMENT_COUNT],
  [/^(eventos?|actividades)/, CountProperty.EVENT_COUNT],
  [/^(giras?|visitas?)/, CountProperty.TOUR_COUNT],
  [/^(ciudades|municipios)/, CountProperty.CITY_COUNT],
  [/^(participantes|asistentes|personas)/, CountProperty.PARTICIPANT_COUNT],
  [/^(integrantes|miembros|alcald[ií]as)/, CountProperty.MEMBER_COUNT],
  [/^l[ií]neas/, CountProperty.WORK_LINE_COUNT],
];

/** The count the words after a number state, if any. */
export const countPropertyOf = (words: string): CountProperty | undefined =>
  COUNT_WORDS.find(([pattern]) => pattern.test(words))?.[1];

/** A count's name in the GraphQL enum (AGREEMENT_COUNT for agreementCount): what clients send. */
export const countEnumName = (property: CountProperty): string =>
  Object.entries(CountProperty).find(([, value]) => value === property)?.[0] ?? property;

/** The node property that holds the sentences of every count of the node. */
export const COUNT_SOURCES_PROPERTY = 'countSources';

export const COUNT_PROPERTIES: readonly CountProperty[] = Object.values(CountProperty);

/** An entry of `countSources`: the count and one statement that states it. */
export const countSourceEntry = (property: CountProperty, statementId: string): string => `${property}:${statementId}`;

/** The statements of `property` among the entries of `countSources` (malformed entries are ignored). */
export function countSourcesOf(entries: readonly string[], property: CountProperty): string[] {
  const prefix = `${property}:`;
  return entries.filter((entry) => entry.startsWith(prefix)).map((entry) => entry.slice(prefix.length));
}
