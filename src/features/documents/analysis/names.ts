/**
 * Names in one sentence: known nodes, places of the gazetteer, institution names headed by "Instituto",
 * "Comisión"…, people after a title, and a few patterns. Overlapping finds are settled longest first, so
 * "Comisión de Vinculación Institucional" (new) beats the known "Comisión de Vinculación" it starts with.
 */
import { NodeKind } from '../../../model/graph-model';
import { agreementConnectives } from './cues';
import type { KnownName } from './known-index';
import {
  ARTICLES,
  CONNECTORS_BEFORE_ARTICLE,
  GENITIVES,
  isInstitutionHead,
  kindOfInstitution,
  LISTED_HEADS,
  LOCAL_BODY_NOUNS,
  NAME_CONNECTORS,
  OWNER_HEADS,
  PERSON_PARTICLES,
  PEOPLE_LIST_OPENERS,
  PERSON_TITLES,
  ROLE_WORDS,
  TITLE_QUALIFIERS,
} from './lexicon';
import type { NameIndex } from './name-index';
import { placeIndex } from './places';
import { PLACE_KINDS } from './references';
import { normalizeText } from '../../../shared/text';
import { isAcronym, startsUpper, textBetween, type Token } from './tokens';

export interface SentenceText {
  text: string;
  tokens: Token[];
  /** Token indices of everything but full stops. */
  words: number[];
}

type Source =
  'known' | 'not a place' | 'institution' | 'person' | 'local bodies' | 'place' | 'city of' | 'agreement party';

/** Which find wins when two cover the same words: the earlier in this list. */
const PRIORITY: readonly Source[] = [
  'known',
  'not a place',
  'institution',
  'person',
  'local bodies',
  'place',
  'city of',
  'agreement party',
];

export interface NameFind {
  first: number;
  last: number;
  source: Source;
  /** For known names: every node the words name (usually one). */
  known?: KnownName[];
  /** For new names. */
  name?: string;
  kind?: NodeKind;
  confidence: number;
  /** Found by the acronym in parentheses after it, which names it too. */
  definesAcronym?: boolean;
}

const CONFIDENCE: Record<Exclude<Source, 'known' | 'not a place'>, number> = {
  institution: 0.8,
  person: 0.85,
  'local bodies': 0.6,
  place: 0.85,
  'city of': 0.6,
  'agreement party': 0.5,
};

const isWord = (token: Token | undefined, set: ReadonlySet<string>): boolean =>
  token !== undefined && token.type === 'word' && set.has(token.norm);

/**
 * The last token of a run of capitalised words starting at `from`, with connectors between them
 * ("Misiones de Acompañamiento", "World Vision México"); undefined if `from` is not capitalised.
 */
export function capitalisedRun(tokens: readonly Token[], from: number): number | undefined {
  if (!startsUpper(tokens[from])) return undefined;
  let last = from;
  let j = from + 1;
  while (j < tokens.length) {
    const token = tokens[j];
    if (startsUpper(token) && !isAcronym(token?.text ?? '')) {
      last = j++;
      continue;
    }
    if (!isWord(token, NAME_CONNECTORS) || token?.norm === 'y' || token?.norm === 'e') break;
    const k = isWord(tokens[j + 1], ARTICLES) && CONNECTORS_BEFORE_ARTICLE.has(token?.norm ?? '') ? j + 2 : j + 1;
    if (!startsUpper(tokens[k]) || isAcronym(tokens[k]?.text ?? '')) break;
    j = k;
  }
  return last;
}

export function findNames(sentence: SentenceText, known: NameIndex<KnownName>): NameFind[] {
  const finds = [...indexFinds(sentence, known), ...placeFinds(sentence)];
  const knownAt = new Map(finds.filter((f) => f.source === 'known').map((f) => [f.first, f]));
  const places = finds.filter(isPlaceFind);
  finds.push(
    ...institutionFinds(sentence, knownAt, places),
    ...personFinds(sentence),
    ...rolePersonFinds(sentence),
    ...localBodyFinds(sentence, places),
    ...cityOfFinds(sentence),
    ...agreementPartyFinds(sentence),
    ...definedNameFinds(sentence),
    ...listedBodyFinds(sentence),
    ...partyFinds(sentence),
  );
  return settle(finds);
}

function indexFinds(sentence: SentenceText, known: NameIndex<KnownName>): NameFind[] {
  const finds: NameFind[] = [];
  for (let at = 0; at < sentence.words.length; at++) {
    const match = known.longestAt(sentence.tokens, sentence.words, at);
    // "Consejo General del Instituto | Electoral de X": a known alias cut inside a longer name is not that node.
    const cut =
      match &&
      isInstitutionHead(sentence.tokens[match.last]?.norm ?? '') &&
      startsUpper(sentence.tokens[match.last + 1]);
    if (match && !cut)
      finds.push({ first: match.first, last: match.last, source: 'known', known: match.values, confidence: 1 });
  }
  return finds;
}

function placeFinds(sentence: SentenceText): NameFind[] {
  const finds: NameFind[] = [];
  for (let at = 0; at < sentence.words.length; at++) {
    const match = placeIndex().longestAt(sentence.tokens, sentence.words, at);
    const [place] = match?.values ?? [];
    if (!match) continue;
    if (place === null || place === undefined) {
      finds.push({ first: match.first, last: match.last, source: 'not a place', confidence: 0 });
      continue;
    }
    const { first, last } = match;
    finds.push({ first, last, source: 'place', name: place.name, kind: place.kind, confidence: CONFIDENCE.place });
  }
  return finds;
}

/**
 * "Instituto Electoral de la Ciudad de México", "Cámara Nacional de Comercio, Servicios y Turismo…": a
 * capitalised head and the capitalised words and connectors after it. The name stops before "de/del" and a
 * body of its own ("Consejo General | del Instituto", "Dirección… | del IECM"), and before "y" and another body.
 */
const isPlaceFind = (find: NameFind): boolean =>
  find.source === 'place' || (find.source === 'known' && PLACE_KINDS.has(find.known?.[0]?.kind ?? NodeKind.EVENT));

function institutionFinds(
  sentence: SentenceText,
  knownAt: Map<number, NameFind>,
  places: readonly NameFind[],
): NameFind[] {
  const placeEnds = new Set(places.map((place) => place.last));
  const placeStarts = new Set(places.map((place) => place.first));
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  // An owning body is definite ("del Instituto", "de la Universidad…"); "de Organización Electoral" is part of a name.
  const startsBody = (k: number, definite: boolean): boolean => {
    const token = tokens[k];
    const knownHere = knownAt.get(k)?.known?.[0];
    return (
      (definite && token !== undefined && OWNER_HEADS.has(token.norm)) ||
      isAcronym(token?.text ?? '') ||
      (knownHere !== undefined && !PLACE_KINDS.has(knownHere.kind))
    );
  };
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i];
    if (!head || !startsUpper(head) || !isInstitutionHead(head.norm)) continue;
    let last = i;
    let attached = false;
    let j = i + 1;
    while (j < tokens.length) {
      const token = tokens[j];
      if (!token) break;
      if (startsUpper(token)) {
        if (isAcronym(token.text)) break;
        last = j++;
        continue;
      }
      // A place closes a name ("Colegio de Notarios de la Ciudad de México | para la Jornada…"), unless
      // another place follows "en" ("Consulado de México en Chicago").
      const closedByPlace = placeEnds.has(j - 1) && !(token.norm === 'en' && placeStarts.has(j + 1));
      if (token.type === 'word' && NAME_CONNECTORS.has(token.norm) && !closedByPlace) {
        // "y de Participación Ciudadana": a coordinated complement inside the name.
        const and = token.norm === 'y' || token.norm === 'e';
        const connector = and && isWord(tokens[j + 1], GENITIVES) ? j + 1 : j;
        const norm = tokens[connector]?.norm ?? '';
        const withArticle = CONNECTORS_BEFORE_ARTICLE.has(norm) && isWord(tokens[connector + 1], ARTICLES);
        const k = withArticle ? connector + 2 : connector + 1;
        const next = tokens[k];
        if (!startsUpper(next)) break;
        if (GENITIVES.has(norm) && startsBody(k, withArticle || norm === 'del')) {
          attached = true;
          break;
        }
        if (and && isInstitutionHead(next?.norm ?? '')) break;
        j = k;
        continue;
      }
      if (token.text === ',' && continuesEnumeration(tokens, j)) {
        j++;
        continue;
      }
      break;
    }
    if (last === i) continue; // a bare head refers back ("la Comisión"); see anaphora
    // "un Comité Académico": an indefinite head and one adjective describe a body, they do not name one.
    if (isWord(tokens[i - 1], INDEFINITES) && last === i + 1) continue;
    const kind = kindOfInstitution(head.norm, tokens[i + 1]?.norm, attached);
    const name = textBetween(sentence.text, tokens, i, last);
    finds.push({ first: i, last, source: 'institution', name, kind, confidence: CONFIDENCE.institution });
    i = last;
  }
  return finds;
}

/** ", Servicios y Turismo": a comma inside a name is followed by capitalised words closed by "y" and another. */
function continuesEnumeration(tokens: readonly Token[], comma: number): boolean {
  const next = tokens[comma + 1];
  if (!startsUpper(next) || isInstitutionHead(next?.norm ?? '')) return false;
  for (let m = comma + 2; m <= comma + 6; m++) {
    const token = tokens[m];
    if (!token || token.type === 'punct') return false;
    if ((token.norm === 'y' || token.norm === 'e') && startsUpper(tokens[m + 1])) return true;
    if (!startsUpper(token)) return false;
  }
  return false;
}

/** Two or more capitalised words, with particles between them: "María de la Luz Pérez". */
function personName(tokens: readonly Token[], from: number): number | undefined {
  let last: number | undefined;
  let count = 0;
  let j = from;
  while (j < tokens.length) {
    const token = tokens[j];
    const word = token?.norm ?? '';
    // A title is not part of the name: "Licenciada X", "X, Consejera Presidenta".
    if (startsUpper(token) && !isAcronym(token?.text ?? '') && !isInstitutionHead(word) && !PERSON_TITLES.has(word)) {
      last = j++;
      count++;
      continue;
    }
    if (count > 0 && isWord(token, PERSON_PARTICLES) && token?.norm !== 'y') {
      let k = j + 1;
      while (isWord(tokens[k], PERSON_PARTICLES) && tokens[k]?.norm !== 'y') k++;
      if (startsUpper(tokens[k])) {
        j = k;
        continue;
      }
    }
    break;
  }
  return count >= 2 ? last : undefined;
}

/**
 * People after a title: "la consejera Sonia Pérez Pérez", "las consejeras X y Y", "la consejera presidenta de
 * la Comisión, Cecilia Aída Hernández Cruz", "Lic. Juan Pérez".
 */
function personFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const opensList = PEOPLE_LIST_OPENERS.test(tokens[i]?.norm ?? '') && tokens[i + 1]?.norm === 'por';
    if (!isWord(tokens[i], PERSON_TITLES) && !opensList) continue;
    let j = opensList ? i + 2 : i + 1;
    while (
      isWord(tokens[j], PERSON_TITLES) ||
      isWord(tokens[j], TITLE_QUALIFIERS) ||
      (opensList && isWord(tokens[j], ARTICLES)) ||
      tokens[j]?.text === '.'
    )
      j++;
    if (isWord(tokens[j], GENITIVES)) {
      // "presidenta de la Comisión, X", "magistrado de la Sala Superior del TEPJF, X": skip the office, then
      // the name follows a comma.
      const office = officeEnd(tokens, j);
      if (office === undefined || tokens[office + 1]?.text !== ',') continue;
      j = office + 2;
      while (isWord(tokens[j], PERSON_TITLES) || tokens[j]?.text === '.') j++;
    } else if (tokens[j]?.text === ',') j++;
    for (;;) {
      const last = personName(tokens, j);
      if (last === undefined) break;
      const name = textBetween(sentence.text, tokens, j, last);
      finds.push({ first: j, last, source: 'person', name, kind: NodeKind.PERSON, confidence: CONFIDENCE.person });
      const separator = tokens[last + 1];
      const listGoesOn = separator?.norm === 'y' || separator?.norm === 'e' || separator?.text === ',';
      if (!listGoesOn || tokens[last + 2]?.norm === 'asi') break;
      j = last + 2;
    }
    i = Math.max(i, j - 1);
  }
  return finds;
}

/** The last token of an office after a title: "de la Comisión X", "de la Sala Superior del TEPJF" (genitives,
 * capitalised words and acronyms, up to 12 tokens). */
function officeEnd(tokens: readonly Token[], genitive: number): number | undefined {
  let last: number | undefined;
  let j = genitive;
  while (j < genitive + 12 && isWord(tokens[j], GENITIVES)) {
    const k = isWord(tokens[j + 1], ARTICLES) ? j + 2 : j + 1;
    const run = capitalisedRun(tokens, k) ?? (isAcronym(tokens[k]?.text ?? '') ? k : undefined);
    if (run === undefined) break;
    last = run;
    j = run + 1;
    if (tokens[j]?.text === '(' && tokens[j + 2]?.text === ')') {
      last = j + 2;
      j += 3;
    }
  }
  return last;
}

/** "Rodrigo Pérez, titular de la Secretaría", "Ana Ruiz Sol, como su presidenta; Luis Gil Paz, integrante". */
function rolePersonFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!startsUpper(tokens[i]) || isWord(tokens[i], PERSON_TITLES)) continue;
    if (i > 0 && startsUpper(tokens[i - 1]) && !isWord(tokens[i - 1], PERSON_TITLES)) continue;
    const last = personName(tokens, i);
    if (last === undefined || last - i > 5 || tokens[last + 1]?.text !== ',') continue;
    let k = last + 2;
    if (tokens[k]?.norm === 'como') k += tokens[k + 1]?.norm === 'su' ? 2 : 1;
    if (isWord(tokens[k], ARTICLES)) k++;
    if (!isWord(tokens[k], ROLE_WORDS)) continue;
    const name = textBetween(sentence.text, tokens, i, last);
    finds.push({ first: i, last, source: 'person', name, kind: NodeKind.PERSON, confidence: CONFIDENCE.person });
    i = last;
  }
  return finds;
}

/**
 * "la Tecnológica de la Selva (UTS)", "la Intercultural de Chiapas (Unich)": a name without its head (the
 * head of the list it is in), given away by the article before it and the acronym defined after it.
 */
function definedNameFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (!isWord(tokens[i - 1], ARTICLES) || !startsUpper(tokens[i]) || isAcronym(tokens[i]?.text ?? '')) continue;
    if (isWord(tokens[i], PERSON_TITLES) || isInstitutionHead(tokens[i]?.norm ?? '')) continue;
    const last = capitalisedRun(tokens, i);
    if (last === undefined || last === i) continue;
    const acronym = tokens[last + 2];
    if (tokens[last + 1]?.text !== '(' || tokens[last + 3]?.text !== ')' || !acronym) continue;
    if (
      !/^\p{Lu}[\p{L}]{1,7}$/u.test(acronym.text) ||
      ((acronym.text.match(/\p{Lu}/gu)?.length ?? 0) < 2 && !/^\p{Lu}\p{Ll}{2,5}$/u.test(acronym.text))
    )
      continue;
    const name = textBetween(sentence.text, tokens, i, last);
    finds.push({
      first: i,
      last,
      source: 'agreement party',
      name,
      kind: NodeKind.ORGANIZATION,
      confidence: 0.6,
      definesAcronym: true,
    });
    i = last;
  }
  return finds;
}

/**
 * "las comisiones de Educación Cívica, de Igualdad y de Archivo": one body per name of the list, each named
 * with the singular head ("Comisión de Educación Cívica").
 */
function listedBodyFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const singular = LISTED_HEADS[tokens[i]?.norm ?? ''];
    if (!singular || tokens[i + 1]?.norm !== 'de') continue;
    const kind = kindOfInstitution(normalizeText(singular), undefined, false);
    let j = i + 2;
    for (;;) {
      const last = capitalisedRun(tokens, j);
      if (last === undefined) break;
      const name = `${singular} de ${textBetween(sentence.text, tokens, j, last)}`;
      finds.push({ first: j, last, source: 'institution', name, kind, confidence: CONFIDENCE.institution });
      const separator = tokens[last + 1];
      if (separator?.text !== ',' && separator?.norm !== 'y' && separator?.norm !== 'e') break;
      j = last + 2;
      if (tokens[j]?.norm === 'de') j++;
      if (isWord(tokens[j], ARTICLES)) j++;
    }
    i = Math.max(i, j - 1);
  }
  return finds;
}

const INDEFINITES = new Set(['un', 'una', 'unos', 'unas']);

const LEGISLATORS = /^(diputad[oa]s?|senador(a|as|es)?|regidor(a|as|es)?|legislador(a|as|es)?)$/;

/** "la diputada del Verde", "el senador de Morena": a party named by one word after a legislator's title. */
function partyFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!LEGISLATORS.test(tokens[i]?.norm ?? '') || !isWord(tokens[i + 1], GENITIVES)) continue;
    const k = isWord(tokens[i + 2], ARTICLES) ? i + 3 : i + 2;
    const word = tokens[k];
    if (!startsUpper(word) || isInstitutionHead(word?.norm ?? '') || startsUpper(tokens[k + 1])) continue;
    if (isWord(tokens[k + 1], NAME_CONNECTORS) && startsUpper(tokens[k + 2])) continue;
    const name = word?.text ?? '';
    finds.push({ first: k, last: k, source: 'agreement party', name, kind: NodeKind.ORGANIZATION, confidence: 0.5 });
  }
  return finds;
}

/** "las 16 alcaldías de la Ciudad de México": the bodies of a place, as one group. */
function localBodyFinds(sentence: SentenceText, places: readonly NameFind[]): NameFind[] {
  const { tokens } = sentence;
  const placesByStart = new Map(places.map((place) => [place.first, place]));
  const finds: NameFind[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i];
    if (!head || !LOCAL_BODY_NOUNS.has(head.norm) || !isWord(tokens[i + 1], GENITIVES)) continue;
    const k = isWord(tokens[i + 2], ARTICLES) ? i + 3 : i + 2;
    // "51 ayuntamientos del estado": the bodies of the state the text is in, as one group.
    if (tokens[i + 1]?.norm === 'del' && tokens[i + 2]?.norm === 'estado' && !startsUpper(tokens[i + 3])) {
      const name = textBetween(sentence.text, tokens, i, i + 2);
      finds.push({ first: i, last: i + 2, source: 'local bodies', name, kind: NodeKind.GROUP, confidence: 0.6 });
      continue;
    }
    const place = placesByStart.get(k);
    if (!place) continue;
    const rest = textBetween(sentence.text, tokens, i + 1, place.last);
    const name = `${head.text.charAt(0).toUpperCase()}${head.text.slice(1)} ${rest}`;
    finds.push({
      first: i,
      last: place.last,
      source: 'local bodies',
      name,
      kind: NodeKind.GROUP,
      confidence: CONFIDENCE['local bodies'],
    });
  }
  return finds;
}

/** "la ciudad de Puebla": a city, whether or not the gazetteer knows it. */
function cityOfFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    // "la ciudad de Puebla", "el presidente municipal de Tepic".
    if ((tokens[i]?.text !== 'ciudad' && tokens[i]?.norm !== 'municipal') || tokens[i + 1]?.norm !== 'de') continue;
    const last = capitalisedRun(tokens, i + 2);
    if (last === undefined) continue;
    const name = textBetween(sentence.text, tokens, i + 2, last);
    finds.push({ first: i + 2, last, source: 'city of', name, kind: NodeKind.CITY, confidence: CONFIDENCE['city of'] });
  }
  return finds;
}

/** "… firmado con World Vision México": the other party of an agreement is a body, whatever its name. */
function agreementPartyFinds(sentence: SentenceText): NameFind[] {
  const { tokens } = sentence;
  const finds: NameFind[] = [];
  for (const con of agreementConnectives(tokens)) {
    const from = isWord(tokens[con.index + 1], ARTICLES) ? con.index + 2 : con.index + 1;
    const last = capitalisedRun(tokens, from);
    if (last === undefined || last === from || isInstitutionHead(tokens[from]?.norm ?? '')) continue;
    const name = textBetween(sentence.text, tokens, from, last);
    finds.push({
      first: from,
      last,
      source: 'agreement party',
      name,
      kind: NodeKind.ORGANIZATION,
      confidence: CONFIDENCE['agreement party'],
    });
  }
  return finds;
}

/** Longest first; on equal length the more trusted source; no two finds share a token. */
function settle(finds: NameFind[]): NameFind[] {
  const rank = (find: NameFind): number => PRIORITY.indexOf(find.source);
  const ordered = [...finds].sort(
    (a, b) => b.last - b.first - (a.last - a.first) || rank(a) - rank(b) || a.first - b.first,
  );
  const taken: NameFind[] = [];
  const used = new Set<number>();
  for (const find of ordered) {
    let free = true;
    for (let i = find.first; i <= find.last && free; i++) free = !used.has(i);
    if (!free) continue;
    for (let i = find.first; i <= find.last; i++) used.add(i);
    taken.push(find);
  }
  return taken.filter((find) => find.source !== 'not a place').sort((a, b) => a.first - b.first);
}
