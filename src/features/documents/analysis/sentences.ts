/**
 * Sentences of a document: every line on its own (a headline has no full stop), each line split by
 * Intl.Segmenter, then segments re-joined where the segmenter stopped after an abbreviation or an initial
 * ("Lic.", "D.C.", "EE. UU.", "J. R."), which never end a sentence.
 */
import { ABBREVIATIONS, SOFT_ABBREVIATIONS } from './lexicon';

export interface SentenceSpan {
  text: string;
  /** Offset of the sentence in the document. */
  start: number;
}

const segmenter = new Intl.Segmenter('es', { granularity: 'sentence' });

/** The word before a final full stop, if the segment ends with one. */
function wordBeforeFinalStop(segment: string): string | undefined {
  return /(?:^|[^\p{L}])(\p{L}+)\.\s*$/u.exec(segment)?.[1];
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

export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  const lines = /[^\r\n]+/g;
  for (const line of text.matchAll(lines)) {
    const lineStart = line.index ?? 0;
    const pieces: { start: number; text: string }[] = [];
    for (const piece of segmenter.segment(line[0])) {
      const previous = pieces[pieces.length - 1];
      if (previous && continuesAfter(previous.text, piece.segment)) previous.text += piece.segment;
      else pieces.push({ start: lineStart + piece.index, text: piece.segment });
    }
    for (const piece of pieces) {
      const leading = piece.text.length - piece.text.trimStart().length;
      const trimmed = piece.text.trim();
      if (trimmed) sentences.push({ text: trimmed, start: piece.start + leading });
    }
  }
  return sentences;
}
