/**
 * What a document's text and URL become before anything reads or stores them: text in Unicode NFC (a name typed
 * with a combining accent and one typed precomposed are the same name), never with a lone surrogate (Neo4j would
 * store a replacement character instead, so the stored text would differ from the one sent, and an identical
 * retry would conflict), and URLs in one canonical spelling, so that one article is committed once.
 */
import { badInput } from '../../shared/errors';
import { loneSurrogateAt } from '../../shared/text';

export { loneSurrogateAt };

/** `value` in NFC; BAD_USER_INPUT naming `field` and the offset when it holds a lone surrogate. */
export function cleanText(value: string, field: string): string {
  const at = loneSurrogateAt(value);
  if (at >= 0) {
    const message = `holds a lone surrogate (an invalid UTF-16 code unit) at offset ${at}`;
    throw badInput(`${field}: ${message}`, { fields: [{ field, message, offset: at }] });
  }
  return value.normalize('NFC');
}

/** The same for an optional value. */
export const cleanOptional = (value: string | null | undefined, field: string): string | undefined =>
  value === null || value === undefined ? undefined : cleanText(value, field);

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * One spelling per article: scheme and host in lower case, no fragment, no default port, no trailing slash
 * (`HTTPS://Host:443/a/#x` is `https://host/a`). Path and query keep their case: servers may tell them apart.
 */
export function canonicalUrl(value: string, field = 'url'): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput(`${field}: "${value}" is not a URL`, { fields: [{ field, message: 'is not a URL' }] });
  }
  // URL lower-cases the scheme and host and drops a default port already; said here so the rule reads whole.
  const port = url.port && url.port !== DEFAULT_PORTS[url.protocol] ? `:${url.port}` : '';
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol.toLowerCase()}//${credentials}${url.hostname.toLowerCase()}${port}${path}${url.search}`;
}

/** Spellings of the same URL that a document stored before canonical URLs may have: with its trailing slash. */
export const storedSpellings = (canonical: string): string[] => {
  const query = canonical.indexOf('?');
  if (query < 0) return [canonical, `${canonical}/`];
  return [canonical, `${canonical.slice(0, query)}/${canonical.slice(query)}`];
};
