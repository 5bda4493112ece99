/**
 * Numbers stated in a sentence, as digits or words, with the noun they count ("siete giras" -> 7, "giras").
 *
 * Not quantities: dates and years ("2 de junio", "septiembre de 2023", "2025", "2023-2024"), periods ("los
 * últimos 12 meses": a number of time units states a period, which the graph keeps as dates), ordinals
 * ("sexta", "1º"), identifiers ("artículo 41"), decimals, codes ("ACU-12/2024"), and "un/una/uno" alone.
 * A count whose noun is left out ("45 con instancias gubernamentales") counts the noun of the count before it
 * in the sentence, else the subject of a sentence opening "Estos convenios…", else nothing (about: null).
 */
import type { Quantity } from './analysis.types';
import {
  ARTICLES,
  ELLIPSIS_WORDS,
  IDENTIFIER_NOUNS,
  MONTHS,
  SUBJECT_DETERMINERS,
  TIME_UNITS,
  WEEKDAYS,
} from './lexicon';
import { isArticleLikeOne, isNumberWord, parseNumberWords } from './numbers';
import type { Token } from './tokens';

const ADJACENT_JOINERS = new Set(['-', '/', ':', '.', ',']);
const ORDINAL_MARKS = new Set(['º', 'ª', '°', 'o', 'a', 'er', 'ro', 'do', 'to']);
const YEARS = { from: 1900, to: 2100 };
const MULTIPLIER = /^(mil|millon|millones)$/;
/** `Quantity.value` is a GraphQL Int (32 bits): larger amounts ("3 mil millones de pesos") are left out. */
const LARGEST_VALUE = 2_147_483_647;

const touching = (a: Token | undefined, b: Token | undefined): boolean =>
  a !== undefined && b !== undefined && a.end === b.start;

const lowerWord = (token: Token | undefined): token is Token =>
  token !== undefined && token.type === 'word' && /^\p{Ll}/u.test(token.text);

interface NumberAt {
  value: number;
  first: number;
  last: number;
}

function numberAt(tokens: readonly Token[], i: number): NumberAt | undefined {
  const token = tokens[i];
  if (!token) return undefined;
  const following = tokens.slice(i + 1, i + 8).map((t) => t.norm);
  if (token.type === 'number') {
    if (/^0\d/.test(token.text)) return undefined; // postal codes, phone numbers
    const digits = Number(token.text.replace(/[.,]/g, ''));
    // "250 mil", "3 millones", "2 mil millones"
    const multipliers: string[] = [];
    for (const word of following.slice(0, 2)) {
      if (!MULTIPLIER.test(word)) break;
      multipliers.push(word);
    }
    const words = parseNumberWords(multipliers, digits);
    return { value: words?.value ?? digits, first: i, last: i + (words?.used ?? 0) };
  }
  if (token.type !== 'word' || !isNumberWord(token.norm)) return undefined;
  if (isArticleLikeOne(token.norm) && !MULTIPLIER.test(following[0] ?? '')) return undefined;
  const parsed = parseNumberWords([token.norm, ...following]);
  return parsed && { value: parsed.value, first: i, last: i + parsed.used - 1 };
}

const ORDINALS =
  /^(primer|primera|primero|segund[oa]|tercer|tercer[oa]|cuart[oa]|quint[oa]|sext[oa]|septim[oa]|octav[oa]|noven[oa]|decim[oa])s?$/;

/** Why a number is not a count, if it is not. */
function isNotACount(tokens: readonly Token[], found: NumberAt): boolean {
  const { first, last, value } = found;
  const [before, after, twoBefore, twoAfter] = [
    tokens[first - 1],
    tokens[last + 1],
    tokens[first - 2],
    tokens[last + 2],
  ];
  const token = tokens[first];
  if (!token) return true;
  // Codes, ranges, times and decimals: "2023-2024", "ACU-12/2024", "10:30", "1,5".
  if (touching(before, token) && ADJACENT_JOINERS.has(before?.text ?? '')) return true;
  if (touching(tokens[last], after) && ADJACENT_JOINERS.has(after?.text ?? '') && touching(after, twoAfter))
    return true;
  if (touching(tokens[last], after) && ORDINAL_MARKS.has(after?.text ?? '')) return true;
  // Dates: "2 de junio", "martes 3", "septiembre de 2023", "junio 2024".
  if (MONTHS.has(after?.norm ?? '') || (after?.norm === 'de' && MONTHS.has(twoAfter?.norm ?? ''))) return true;
  if (WEEKDAYS.has(before?.norm ?? '') || MONTHS.has(before?.norm ?? '')) return true;
  if (before?.norm === 'de' && MONTHS.has(twoBefore?.norm ?? '')) return true;
  if (IDENTIFIER_NOUNS.has(before?.norm ?? '')) return true;
  // "No. 67", "Núm. 3": an identifier after an abbreviated noun.
  if (before?.text === '.' && IDENTIFIER_NOUNS.has(twoBefore?.norm ?? '')) return true;
  // "1ra vez", "2do lugar", "3er informe": an ordinal written with its ending.
  if (touching(tokens[last], after) && /^(ra|ro|er|era|da|do|ta|to|va|vo|na|no|ma|mo)$/.test(after?.norm ?? ''))
    return true;
  // "una segunda adenda", "un primer curso": an ordinal, not one thing.
  if (ORDINALS.test(after?.norm ?? '')) return true;
  // "1." or "2)" opening a line: a list marker.
  if (first === 0 && (after === undefined || after.text === '.' || after.text === ')')) return true;
  // A bare year: "en 2024", "de 2025"; "2,000 personas" and "2000 personas" are counts.
  const isYear = value >= YEARS.from && value <= YEARS.to && !/[.,]/.test(token.text);
  return (
    isYear &&
    !(lowerWord(after) && after.norm.endsWith('s') && after.norm.length > 3 && !ELLIPSIS_WORDS.has(after.norm))
  );
}

/** The noun after the number, with a "de + noun" complement ("líneas de trabajo"); undefined if left out. */
function countedNoun(tokens: readonly Token[], last: number): { about: string; head: string } | undefined {
  let k = last + 1;
  if (tokens[k]?.text === '%') return { about: 'por ciento', head: 'ciento' };
  if (tokens[k]?.norm === 'por' && tokens[k + 1]?.norm === 'ciento') return { about: 'por ciento', head: 'ciento' };
  if (tokens[k]?.norm === 'de' && /^(mil|millon|millones)$/.test(tokens[last]?.norm ?? '')) k++;
  const head = tokens[k];
  if (
    !head ||
    head.type !== 'word' ||
    ELLIPSIS_WORDS.has(head.norm) ||
    ARTICLES.has(head.norm) ||
    isNumberWord(head.norm)
  )
    return undefined;
  const complement = tokens[k + 2];
  const withComplement =
    tokens[k + 1]?.norm === 'de' &&
    lowerWord(complement) &&
    !ARTICLES.has(complement.norm) &&
    !ELLIPSIS_WORDS.has(complement.norm) &&
    !isNumberWord(complement.norm);
  const about = withComplement ? `${head.text} de ${complement.text}` : head.text;
  return { about: about.toLowerCase(), head: head.norm };
}

/** "Estos convenios abarcan…" -> "convenios". */
function subjectNoun(tokens: readonly Token[]): string | undefined {
  const [determiner, noun] = tokens;
  return determiner && SUBJECT_DETERMINERS.has(determiner.norm) && lowerWord(noun) ? noun.text : undefined;
}

/** `insideName(i)`: token i belongs to a name ("Universidad Tres Culturas"), so it counts nothing. */
export function findQuantities(text: string, tokens: readonly Token[], insideName: (i: number) => boolean): Quantity[] {
  const quantities: Quantity[] = [];
  let previousAbout: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (insideName(i)) continue;
    const found = numberAt(tokens, i);
    if (!found) continue;
    i = found.last;
    if (found.value > LARGEST_VALUE || isNotACount(tokens, found)) continue;
    const noun = countedNoun(tokens, found.last);
    // "12 meses" is a period; "treinta días naturales / hábiles" is a stated term, counted.
    const term = /^(naturales|habiles)$/.test(tokens[found.last + 2]?.norm ?? '');
    if (noun && TIME_UNITS.has(noun.head) && !term) continue;
    const about: string | null = noun?.about ?? previousAbout ?? subjectNoun(tokens) ?? null;
    previousAbout = about;
    const [first, last] = [tokens[found.first], tokens[found.last]];
    if (!first || !last) continue;
    quantities.push({
      value: found.value,
      text: text.slice(first.start, last.end),
      start: first.start,
      end: last.end,
      about,
    });
  }
  return quantities;
}
