/**
 * Sentences of a document: every line on its own (a headline has no full stop), each line split by
 * Intl.Segmenter, then segments re-joined where the segmenter stopped after an abbreviation or an initial
 * ("Lic.", "D.C.", "EE. UU.", "J. R."), which never end a sentence.
 *
 * Linear in the text. V8's segmenter costs time proportional to the whole string for every segment it yields
 * (quadratic: 1 MB of "A. " took minutes), so it is given windows of WINDOW characters, each ending where the
 * window's last segment starts. Whether to join looks at the last segment only (never at the sentence built so
 * far), and a sentence's segments are joined once, at the end. A run of initials longer than MAX_JOINED characters
 * is cut: 1 MB of "A. " is a thousand sentences, not one that every later step would scan again and again.
 */
import { ABBREVIATIONS, SOFT_ABBREVIATIONS } from './lexicon';

export interface SentenceSpan {
  text: string;
  /** Offset of the sentence in the document. */
  start: number;
}

const segmenter = new Intl.Segmenter('es', { granularity: 'sentence' });

/** Characters given to the segmenter at once; doubled while a single sentence is longer. */
const WINDOW = 1_024;

/**
 * The segmenter's segments of `line`, read window by window. A window's last segment may be cut by the window's
 * end, so the next window starts where it starts; the segmenter's rules look only a few characters past a full
 * stop, which the rest of the window provides.
 */
function* segments(line: string): Generator<{ segment: string; index: number }> {
  let at = 0;
  while (at < line.length) {
    for (let size = WINDOW; ; size *= 2) {
      let end = Math.min(line.length, at + size);
      const last = line.charCodeAt(end - 1);
      if (end < line.length && last >= 0xd800 && last <= 0xdbff) end -= 1; // never split a surrogate pair
      const found = [...segmenter.segment(line.slice(at, end))];
      const tail = found[found.length - 1];
      if (end === line.length || !tail) {
        for (const { segment, index } of found) yield { segment, index: at + index };
        at = end;
        break;
      }
      if (found.length >= 2) {
        for (const { segment, index } of found.slice(0, -1)) yield { segment, index: at + index };
        at += tail.index;
        break;
      }
    }
  }
}

/** No real sentence is this long; past it, an abbreviation or initial ends the sentence after all. */
const MAX_JOINED = 1_000;

const isLetter = (char: string): boolean => /\p{L}/u.test(char);
const isSpace = (char: string): boolean => /\s/u.test(char);

/** The word before a final full stop, if the segment ends with one (read backwards from its end: O(word)). */
export function wordBeforeFinalStop(segment: string): string | undefined {
  let end = segment.length;
  while (end > 0 && isSpace(segment[end - 1] ?? '')) end -= 1;
  if (segment[end - 1] !== '.') return undefined;
  end -= 1;
  let start = end;
  // Letters are read by code point: a letter outside the BMP is two code units.
  while (start > 0) {
    const low = segment.charCodeAt(start - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && start > 1 ? 2 : 1;
    if (!isLetter(segment.slice(start - width, start))) break;
    start -= width;
  }
  return start < end ? segment.slice(start, end) : undefined;
}

function continuesAfter(segment: string, next: string): boolean {
  const word = wordBeforeFinalStop(segment);
  if (word === undefined) return false;
  const folded = word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  if (ABBREVIATIONS.has(folded)) return true;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "D.C.", "J. R. R. Tolkien", "C.P."
  return SOFT_ABBREVIATIONS.has(folded) && /^\s*\p{Ll}/u.test(next);
}

interface Piece {
  start: number;
  parts: string[];
  length: number;
  /** The last segment joined: what decides whether the next one continues it. */
  last: string;
}

export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  const lines = /[^\r\n]+/g;
  for (const line of text.matchAll(lines)) {
    const lineStart = line.index ?? 0;
    const pieces: Piece[] = [];
    for (const { segment, index } of segments(line[0])) {
      const previous = pieces[pieces.length - 1];
      if (previous && previous.length < MAX_JOINED && continuesAfter(previous.last, segment)) {
        previous.parts.push(segment);
        previous.length += segment.length;
        previous.last = segment;
      } else {
        pieces.push({ start: lineStart + index, parts: [segment], length: segment.length, last: segment });
      }
    }
    for (const piece of pieces) {
      const joined = piece.parts.join('');
      const leading = joined.length - joined.trimStart().length;
      const trimmed = joined.trim();
      if (trimmed) sentences.push({ text: trimmed, start: piece.start + leading });
    }
  }
  return sentences;
}
