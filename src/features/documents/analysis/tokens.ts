/** Word, number and punctuation tokens of a sentence, with offsets and the accent/case-folded form. */
import { normalizeText } from '../../../shared/text';

export type TokenType = 'word' | 'number' | 'punct';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Accent- and case-folded, as search folds names: "Comisión" -> "comision". */
  norm: string;
  type: TokenType;
}

// A word may carry digits after its first letter (G20); a number may carry thousands groups (250,000).
const TOKEN = /([\p{L}\p{M}][\p{L}\p{M}\p{N}]*)|(\p{N}+(?:[.,]\p{N}{3}(?!\p{N}))*)|(\S)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const value = match[0];
    const type: TokenType = match[1] ? 'word' : match[2] ? 'number' : 'punct';
    tokens.push({ text: value, start, end: start + value.length, norm: normalizeText(value), type });
  }
  return tokens;
}

/** Accents removed, case kept: how acronyms are compared ("CDMX" must not match "cdmx"). */
export function foldAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

export const startsUpper = (token: Token | undefined): boolean =>
  token !== undefined && token.type === 'word' && /^\p{Lu}/u.test(token.text);

/** Two or more capitals and no lower-case letter before the last capital: IECM, TECDMX, FCPyS, EE. */
export function isAcronym(text: string): boolean {
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  return capitals >= 2 && /^\p{Lu}{2,}/u.test(text);
}

const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
export const isRomanNumeral = (text: string): boolean => text.length > 0 && ROMAN.test(text);

/** The sentence text between two tokens, inclusive. */
export function textBetween(sentence: string, tokens: readonly Token[], first: number, last: number): string {
  const a = tokens[first];
  const b = tokens[last];
  return a && b ? sentence.slice(a.start, b.end) : '';
}
