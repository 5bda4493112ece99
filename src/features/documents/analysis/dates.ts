/**
 * The day a news text dates its facts to: "hoy" is the day of the dateline ("Morelia, Mich., 9 de junio de
 * 2023.-") or else of the document's date; "este martes" is the last Tuesday on or before that day.
 */
import { normalizeText } from '../../../shared/text';

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const WEEKDAYS = ['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado'];
/** How far into the text a dateline may start (after a title line and a place). */
const DATELINE_REACH = 400;
const DAY_MONTH_YEAR = /\b(\d{1,2})\s+de\s+([a-z]+)\s+(?:de|del)\s+(\d{4})\b/;

const iso = (date: Date): string => date.toISOString().slice(0, 10);

function validDay(value: string | null | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || iso(date) !== value ? undefined : date;
}

/** The dateline's day: the first "9 de junio de 2023" of the text's opening, followed by a dash or a stop. */
export function datelineDay(text: string): string | undefined {
  const opening = normalizeText(text.slice(0, DATELINE_REACH));
  const match = DAY_MONTH_YEAR.exec(opening);
  if (!match) return undefined;
  const after = opening.slice(match.index + match[0].length, match.index + match[0].length + 3);
  if (!/^\s*[.\-–—,(]/.test(after)) return undefined;
  const month = MONTHS.indexOf(match[2] ?? '');
  if (month < 0) return undefined;
  const day = `${match[3]}-${String(month + 1).padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
  return validDay(day) ? day : undefined;
}

/** The day of the document: its dateline, else its stated date. */
export function documentDay(text: string, publishedAt: string | null | undefined): string | undefined {
  return datelineDay(text) ?? (validDay(publishedAt) ? (publishedAt ?? undefined) : undefined);
}

/** The day a sentence's "hoy" / "este martes" / "ayer" names, given the document's day. */
export function sentenceDay(folded: string, day: string | undefined): string | undefined {
  const base = validDay(day);
  if (!base) return undefined;
  if (/\bhoy\b/.test(folded)) return iso(base);
  if (/\bayer\b/.test(folded)) return iso(new Date(base.getTime() - 86_400_000));
  const weekday = /\beste (lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b/.exec(folded)?.[1];
  if (!weekday) return undefined;
  const back = (base.getUTCDay() - WEEKDAYS.indexOf(weekday) + 7) % 7;
  return iso(new Date(base.getTime() - back * 86_400_000));
}
