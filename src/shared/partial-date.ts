/**
 * Dates that keep their precision: "2024", "2024-09" or "2024-09-25". A partial date covers a range of
 * days; queries such as "active at" compare against its first and last day.
 */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface PartialDate {
  value: string;
  precision: DatePrecision;
  /** First day covered, as YYYY-MM-DD. */
  firstDay: string;
  /** Last day covered, as YYYY-MM-DD. */
  lastDay: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Parses a partial ISO date; returns undefined when it is not one (wrong shape, month 13, 31 February...). */
export function parsePartialDate(value: string): PartialDate | undefined {
  const match = PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) return undefined;
  if (month === undefined) return { value, precision: 'YEAR', firstDay: `${year}-01-01`, lastDay: `${year}-12-31` };
  if (day === undefined) {
    return {
      value,
      precision: 'MONTH',
      firstDay: `${year}-${pad(month)}-01`,
      lastDay: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
    };
  }
  return { value, precision: 'DAY', firstDay: value, lastDay: value };
}
