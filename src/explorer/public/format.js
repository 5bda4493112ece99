// @ts-check
/* Words and dates as the explorer shows them; no DOM, no state. */

/** @import { GraphNode, Period } from './queries.js' */

const MAX_LABEL = 28;

/**
 * A relationship type as words: PARTY_TO → "party to".
 * @param {string} type
 */
export const humanType = (type) => type.toLowerCase().replace(/_/g, ' ');

/**
 * "1 step", "3 steps".
 * @param {number} count
 * @param {string} noun
 * @param {string} [nouns] the plural, when it is not the noun with an s
 */
export const plural = (count, noun, nouns = `${noun}s`) => `${count} ${count === 1 ? noun : nouns}`;

/**
 * An acronym such as IECM, INE, FCPyS or CDMX: one word, at least two capitals.
 * @param {string} text
 */
function isAcronym(text) {
  return /^[\p{Lu}\d][\p{L}\d.-]{1,11}$/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/**
 * The label drawn on a node: its acronym, else its name when short, else a short alias, else the whole name (the
 * drawing wraps it: a label is never cut). A faculty's label names its university: "FCPyS · UNAM".
 * @param {Pick<GraphNode, 'name' | 'aliases'> & { partOf?: GraphNode['partOf'] }} node
 * @returns {string}
 */
export function shortLabel(node) {
  const own = ownLabel(node);
  return node.partOf ? `${own} · ${ownLabel(node.partOf)}` : own;
}

/** @param {Pick<GraphNode, 'name' | 'aliases'>} node */
function ownLabel(node) {
  const first = node.aliases[0];
  if (first && isAcronym(first)) return first;
  if (node.name.length <= MAX_LABEL) return node.name;
  const short = node.aliases.find((alias) => alias.length <= MAX_LABEL && alias.length >= 3);
  return short ?? node.name;
}

/**
 * @param {Period | null | undefined} period
 * @param {string} [none] the text when no period is stated
 */
export function periodText(period, none = 'not stated (a lasting fact)') {
  if (!period || (!period.start && !period.end)) return none;
  const start = period.start ? period.start.value : '…';
  const end = period.end ? period.end.value : '…';
  return start === end ? start : `${start} – ${end}`;
}

/**
 * Whether a reported period includes the day (YYYY-MM-DD); facts without a period always do.
 * @param {Period | null | undefined} period
 * @param {string | null} day
 */
export function periodIncludes(period, day) {
  if (!day || !period) return true;
  const first = period.start ? period.start.firstDay : null;
  const last = period.end ? period.end.lastDay : null;
  return (!first || first <= day) && (!last || day <= last);
}
