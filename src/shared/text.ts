/** Lower-case, accents removed, single spaces: "Fiscalía  General" -> "fiscalia general". */
export function normalizeText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalized name and aliases of a node, stored as `searchKeys` for exact and prefix ranking. */
export function searchKeys(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, ...aliases].map(normalizeText))];
}

/** UTF-16 offset of the first surrogate that is not half of a pair, or -1. */
export function loneSurrogateAt(value: string): number {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/** Control characters other than tab and line breaks (C0, DEL, C1): never part of a name or a text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Bidirectional embeddings, overrides and isolates: they make a name display as another ("Trojan Source"). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** Characters that show as nothing: a name of only these (and spaces) is blank. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u00ad\u180e]/gu;

/**
 * Why `value` cannot be stored as text, or null: a lone surrogate (no character at all), a control character, a
 * bidirectional override; for a name (`name: true`), blank after trimming or made only of zero-width characters.
 */
export function textProblem(value: string, { name = false }: { name?: boolean } = {}): string | null {
  const lone = loneSurrogateAt(value);
  if (lone >= 0) return `holds a lone surrogate (an invalid UTF-16 code unit) at offset ${lone}`;
  const control = CONTROL.exec(value);
  if (control) return `holds a control character (U+${hex(control[0])})`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `holds a bidirectional control character (U+${hex(bidi[0])})`;
  if (name && value.replace(INVISIBLE, '') === '') return 'is blank (empty, spaces or zero-width characters only)';
  return null;
}

const hex = (char: string): string => (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');

/** Text as stored: Unicode NFC (a name typed with combining accents equals the precomposed one); names trimmed. */
export function storedText(value: string, { name = false }: { name?: boolean } = {}): string {
  const nfc = value.normalize('NFC');
  return name ? nfc.trim() : nfc;
}
