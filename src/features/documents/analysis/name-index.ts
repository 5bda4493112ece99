/**
 * Names indexed by their first two folded words, for longest-match lookup at each word of a sentence.
 * Full stops are ignored on both sides, so "Washington D.C" matches "Washington D.C.".
 */
import { foldAccents, isAcronym, startsUpper, tokenize, type Token } from './tokens';

/**
 * How much of the name's capitalisation the text must repeat. Acronyms always match exactly (the city
 * alias "LA" must not match the article "la"); beyond that: nothing, the first word, or every capitalised word.
 */
export type CapitalRule = 'none' | 'first' | 'all';

interface IndexedName<T> {
  words: readonly string[];
  surface: readonly string[];
  endsWithDot: boolean;
  capitals: CapitalRule;
  value: T;
}

export interface NameMatch<T> {
  /** Token indices of the match, inclusive. */
  first: number;
  last: number;
  values: T[];
}

/** The word tokens of a sentence: everything but full stops, by token index. */
export const wordPositions = (tokens: readonly Token[]): number[] =>
  tokens.flatMap((token, index) => (token.text === '.' ? [] : [index]));

export class NameIndex<T> {
  private readonly byPair = new Map<string, IndexedName<T>[]>();
  private readonly bySingle = new Map<string, IndexedName<T>[]>();
  private readonly unsorted = new Set<IndexedName<T>[]>();

  /** Adds a name; returns false when it has no words. */
  add(name: string, value: T, capitals: CapitalRule): boolean {
    const tokens = tokenize(name).filter((token) => token.text !== '.');
    const [w0, w1] = tokens;
    if (!w0) return false;
    const entry: IndexedName<T> = {
      words: tokens.map((token) => token.norm),
      surface: tokens.map((token) => foldAccents(token.text)),
      endsWithDot: name.trimEnd().endsWith('.'),
      capitals,
      value,
    };
    const [map, key] = w1 ? [this.byPair, `${w0.norm} ${w1.norm}`] : [this.bySingle, w0.norm];
    const bucket = map.get(key) ?? [];
    if (bucket.length === 0) map.set(key, bucket);
    bucket.push(entry);
    this.unsorted.add(bucket);
    return true;
  }

  /** The longest name starting at word `at` of `words` (positions from `wordPositions`) that `accept` takes. */
  longestAt(
    tokens: readonly Token[],
    words: readonly number[],
    at: number,
    accept: (value: T) => boolean = () => true,
  ): NameMatch<T> | undefined {
    this.sortBuckets();
    const t0 = tokens[words[at] ?? -1];
    if (!t0) return undefined;
    const t1 = tokens[words[at + 1] ?? -1];
    let best: IndexedName<T>[] = [];
    let bestLength = 0;
    const consider = (bucket: IndexedName<T>[] | undefined): void => {
      for (const entry of bucket ?? []) {
        if (entry.words.length < bestLength) break; // buckets are sorted longest first
        if (!accept(entry.value) || !this.matches(entry, tokens, words, at)) continue;
        if (entry.words.length > bestLength) [best, bestLength] = [[entry], entry.words.length];
        else best.push(entry);
      }
    };
    if (t1) consider(this.byPair.get(`${t0.norm} ${t1.norm}`));
    if (bestLength === 0) consider(this.bySingle.get(t0.norm));
    const [firstEntry] = best;
    const lastWord = words[at + bestLength - 1];
    if (!firstEntry || lastWord === undefined) return undefined;
    const next = tokens[lastWord + 1];
    const last = best.some((e) => e.endsWithDot) && next?.text === '.' ? lastWord + 1 : lastWord;
    return { first: words[at] ?? lastWord, last, values: best.map((entry) => entry.value) };
  }

  private matches(entry: IndexedName<T>, tokens: readonly Token[], words: readonly number[], at: number): boolean {
    for (let k = 0; k < entry.words.length; k++) {
      const token = tokens[words[at + k] ?? -1];
      const surface = entry.surface[k] ?? '';
      if (!token || token.norm !== entry.words[k]) return false;
      if (isAcronym(surface) && foldAccents(token.text) !== surface) return false;
      const capitalised = /^\p{Lu}/u.test(surface);
      if (capitalised && entry.capitals === 'all' && !startsUpper(token)) return false;
      if (capitalised && entry.capitals === 'first' && k === 0 && !startsUpper(token) && token.type !== 'number')
        return false;
    }
    return true;
  }

  private sortBuckets(): void {
    for (const bucket of this.unsorted) bucket.sort((a, b) => b.words.length - a.words.length);
    this.unsorted.clear();
  }
}
