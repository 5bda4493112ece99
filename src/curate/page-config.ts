/**
 * What the curation workbench's browser module knows of the graph model, made from it at start-up: the kinds a
 * proposal may take and the relationship types (with the kinds each joins), the counts and the words that say
 * what a number counts. curate.ts writes it into the page as JSON; curate.js reads it and type-checks against
 * `CurateConfig` (through public/config.d.ts). Imports nothing but the graph model, so the browser's type check
 * can follow it.
 */
import { NODE_KINDS, NodeKind, RELATION_TYPES, RelationType, relationEnds } from '../model/graph-model';
import { COUNT_PROPERTIES, COUNT_WORDS, countEnumName, STATED_COUNTS } from '../model/stated-counts';

/** The id of the page's JSON block that carries the configuration. */
export const CURATE_CONFIG_ID = 'curate-config';

/** A regular expression as JSON carries it. */
export interface Pattern {
  source: string;
  flags: string;
}

export interface CurateConfig {
  /** The kinds a proposed node may take, in the model's order (not SOURCE_DOCUMENT: that is the document itself). */
  nodeKinds: { kind: string; label: string; labelEs: string }[];
  /** Every relationship type, in the model's order, with the kinds it may join. */
  relationTypes: { type: string; label: string; from: string[]; to: string[] }[];
  /** The counts, by their GraphQL enum name (AGREEMENT_COUNT), with what each counts. */
  countProperties: { name: string; label: string }[];
  /** What a number counts, read from the words after it: the first match wins. */
  countWords: { pattern: Pattern; property: string }[];
  /** A first guess at the kind of a selected name, from its first words; the first match wins. */
  kindGuesses: { pattern: Pattern; kind: string }[];
}

const pattern = (expression: RegExp): Pattern => ({ source: expression.source, flags: expression.flags });

/**
 * The workbench's guesses at what a selected name is (the picker beside it corrects it); a kind with no guess is
 * still offered. Typed by the model, so a renamed kind fails the build here.
 */
export const KIND_GUESSES: readonly (readonly [RegExp, NodeKind])[] = [
  [/^(Comisi[oó]n|Comit[eé])\b/, NodeKind.COMMISSION],
  [/^Universidad\b/, NodeKind.UNIVERSITY],
  [/^(Facultad|Escuela)\b/, NodeKind.FACULTY],
  [/^(Consejo|Direcci[oó]n|Unidad|Junta|Sala|Mesa|Coordinaci[oó]n|Secretar[ií]a Ejecutiva)\b/, NodeKind.UNIT],
  [/^(Convenio|Acuerdo)\b/, NodeKind.AGREEMENT],
  [/^(Foro|Congreso|Encuentro|Seminario|Jornada|Feria|Proceso)\b/, NodeKind.EVENT],
  [
    /^(Instituto|Tribunal|Secretar[ií]a|Fiscal[ií]a|Organizaci[oó]n|Asociaci[oó]n|Fundaci[oó]n|Gobierno)\b/,
    NodeKind.ORGANIZATION,
  ],
  [/^(\p{Lu}[\p{L}'-]+\s+){1,4}\p{Lu}[\p{L}'-]+$/u, NodeKind.PERSON],
];

export function curateConfig(): CurateConfig {
  return {
    nodeKinds: Object.values(NodeKind)
      .filter((kind) => kind !== NodeKind.SOURCE_DOCUMENT)
      .map((kind) => ({ kind, label: NODE_KINDS[kind].label, labelEs: NODE_KINDS[kind].labelEs })),
    relationTypes: Object.values(RelationType).map((type) => ({
      type,
      label: RELATION_TYPES[type].label,
      ...relationEnds(type),
    })),
    countProperties: COUNT_PROPERTIES.map((property) => ({
      name: countEnumName(property),
      label: STATED_COUNTS[property].label,
    })),
    countWords: COUNT_WORDS.map(([words, property]) => ({
      pattern: pattern(words),
      property: countEnumName(property),
    })),
    kindGuesses: KIND_GUESSES.map(([words, kind]) => ({ pattern: pattern(words), kind })),
  };
}
