/** Spanish numbers written in words: "siete", "dieciséis", "treinta y dos", "ciento veinticinco", "dos mil". */
const SMALL: Record<string, number> = {
  cero: 0,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
};
const THOUSAND = 'mil';
const MILLIONS = new Set(['millon', 'millones']);

export const isNumberWord = (norm: string): boolean => norm in SMALL || norm === THOUSAND || MILLIONS.has(norm);
/** "un", "una", "uno" alone are articles or pronouns ("una de las Misiones"), not counts. */
export const isArticleLikeOne = (norm: string): boolean => norm === 'un' || norm === 'una' || norm === 'uno';

export interface ParsedNumber {
  value: number;
  /** How many of the given words it used. */
  used: number;
}

/**
 * Reads the longest number at the start of `words` (folded). A leading `digits` value (from "3 millones",
 * "250 mil") multiplies the words that follow.
 */
export function parseNumberWords(words: readonly string[], digits?: number): ParsedNumber | undefined {
  let total = 0;
  let current = digits ?? 0;
  let used = 0;
  let lastSmall: number | undefined = digits;
  for (let k = 0; k < words.length; k++) {
    const word = words[k] ?? '';
    if (word in SMALL) {
      const value = SMALL[word] ?? 0;
      // "ciento veinticinco", "treinta y dos", "dos mil quinientos"; not "dos tres".
      if (lastSmall !== undefined && !(value < lastSmall && (lastSmall >= 100 || (lastSmall % 10 === 0 && value < 10))))
        break;
      current += value;
      lastSmall = value;
    } else if (word === THOUSAND) {
      current = (current || 1) * 1000;
      total += current;
      current = 0;
      lastSmall = 1000;
    } else if (MILLIONS.has(word)) {
      total = (total + current || 1) * 1_000_000;
      current = 0;
      lastSmall = 1_000_000;
    } else if (word === 'y' && lastSmall !== undefined && lastSmall % 10 === 0 && lastSmall < 100) {
      const next = SMALL[words[k + 1] ?? ''];
      if (next === undefined || next >= 10) break;
      continue;
    } else break;
    used = k + 1;
  }
  if (used === 0) return undefined;
  return { value: total + current, used };
}
