/** Text and URLs before a document is analysed or stored: NFC, lone surrogates, canonical URLs, linear splitting. */
import { splitSentences } from '../../src/features/documents/analysis';
import { wordBeforeFinalStop } from '../../src/features/documents/analysis/sentences';
import { canonicalUrl, cleanText, loneSurrogateAt, storedSpellings } from '../../src/features/documents/document-text';

describe('cleanText', () => {
  it('answers NFC', () => {
    expect(cleanText('Me\u0301xico', 'title')).toBe('México');
    expect(cleanText('México', 'title')).toBe('México');
  });

  it('keeps surrogate pairs and refuses a lone surrogate naming the field and offset', () => {
    expect(loneSurrogateAt('emoji 😀 ok')).toBe(-1);
    expect(loneSurrogateAt('ab\ud800c')).toBe(2);
    expect(loneSurrogateAt('ab\udc00')).toBe(2);
    expect(loneSurrogateAt('😀\ud83d')).toBe(2);
    expect(() => cleanText('ab\ud800c', 'nodes[3].name')).toThrow(
      'nodes[3].name: holds a lone surrogate (an invalid UTF-16 code unit) at offset 2',
    );
    try {
      cleanText('x\udfff', 'text');
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'text', message: expect.stringContaining('offset 1'), offset: 1 }],
      });
    }
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://Host/a#x', 'https://host/a'],
    ['https://host/a', 'https://host/a'],
    ['https://host/a/', 'https://host/a'],
    ['https://HOST:443/a/b//', 'https://host/a/b'],
    ['http://host:80/', 'http://host'],
    ['http://host:8080/a?b=C#d', 'http://host:8080/a?b=C'],
    ['https://host/a/?q=1', 'https://host/a?q=1'],
    ['https://host/Path/Case', 'https://host/Path/Case'],
  ])('%s is %s', (url, canonical) => {
    expect(canonicalUrl(url)).toBe(canonical);
  });

  it('finds a document stored before, with its trailing slash', () => {
    expect(storedSpellings('https://host/a')).toEqual(['https://host/a', 'https://host/a/']);
    expect(storedSpellings('https://host/a?q=1')).toEqual(['https://host/a?q=1', 'https://host/a/?q=1']);
  });

  it('refuses what is not a URL', () => {
    expect(() => canonicalUrl('no es una url')).toThrow('url: "no es una url" is not a URL');
  });
});

describe('splitSentences', () => {
  it('splits 1 MB of "A. " (initials are joined, up to a bound)', () => {
    const text = 'A. '.repeat(333_334);
    const sentences = splitSentences(text);
    expect(sentences.length).toBeGreaterThan(300);
    expect(sentences.map((s) => s.text).join(' ')).toBe(text.trim());
    for (const sentence of sentences) {
      expect(text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
      expect(sentence.text.length).toBeLessThan(1_100);
    }
  });

  it('gives the same sentences across the windows the segmenter is fed', () => {
    const paragraph =
      'El Lic. Pérez llegó. Vive en Washington D.C. desde 2020. ¿Vino? ¡Sí! J. R. R. Tolkien escribió, etc. y más. ';
    const text = paragraph.repeat(40);
    const sentences = splitSentences(text);
    expect(sentences).toHaveLength(5 * 40);
    expect(sentences.slice(0, 5).map((s) => s.text)).toEqual([
      'El Lic. Pérez llegó.',
      'Vive en Washington D.C. desde 2020.',
      '¿Vino?',
      '¡Sí!',
      'J. R. R. Tolkien escribió, etc. y más.',
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start).startsWith(sentence.text)).toBe(true);
  });

  it('keeps a sentence longer than a window whole', () => {
    const long = `${'palabra '.repeat(600)}fin.`;
    expect(splitSentences(`${long} Otra.`).map((s) => s.text)).toEqual([long, 'Otra.']);
  });

  it('reads the word before a final stop from the end', () => {
    expect(wordBeforeFinalStop('El Lic. ')).toBe('Lic');
    expect(wordBeforeFinalStop('Washington D.C.')).toBe('C');
    expect(wordBeforeFinalStop('en 2020. ')).toBeUndefined();
    expect(wordBeforeFinalStop('sin punto')).toBeUndefined();
  });
});
