/**
 * Search over names and aliases, ranked by one rule and returning its true top N:
 *   1. exact matches: the text (accents and case folded) is the node's name or one of its aliases;
 *   2. prefix matches: the name or an alias begins with the text;
 *   3. other matches of every word, as whole words or word prefixes, by relevance (Lucene's score).
 * Ties go by name, then id: an index gives that order, so thousands of equal matches (every "Universidad ..." for
 * "univ") cost no more than the page. Names come in order from the range index on `sortKey`; aliases from a keyword
 * full-text index on `aliasKeys` (alias matches are few); relevance from the `entity_search` full-text index.
 *
 * A text that is a word for an agreement status ("firmado", "signed", "en negociación": AGREEMENT_STATUSES) also
 * finds the agreements with that status, first, as exact matches of what they are.
 */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { SortDirection } from '../../graphql/enums';
import { AGREEMENT_STATUSES, AgreementStatus, NodeKind } from '../../model/graph-model';
import { normalizeText } from '../../shared/text';
import { listNodes, NodeSortField } from '../nodes/node.repository';
import { selectedProjection, toSelectedNode, type SelectedNode } from '../nodes/node.mapper';
import type { Node } from '../nodes/node.types';

/** Lucene's query syntax characters: typed text must never be read as syntax. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** The words of what a user typed, folded like the index ("Á" -> "a"), with no Lucene syntax left in them. */
export function searchWords(text: string): string[] {
  return normalizeText(text).replace(LUCENE_SPECIAL, ' ').split(' ').filter(Boolean);
}

/**
 * The Lucene query for what a user typed: every word must match, as a whole word (boosted) or as a
 * prefix, so "fisc" finds "Fiscalía" while typing. Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((word) => `+(${word}^2 ${word}*)`).join(' ');
}

/** A Lucene prefix query for a whole key of the keyword index: syntax characters and spaces escaped. */
export function toKeyPrefixQuery(key: string): string {
  return `${key.replace(/[+\-!(){}[\]^"~*?:\\/&| ]/g, (char) => `\\${char}`)}*`;
}

export interface SearchResult {
  node: Node;
  score: number;
}

/** Scores of the two first tiers; relevance scores are mapped below 1. */
const EXACT = 3;
const PREFIX = 2;
/** Alias matches read whole (they are few): at most this many. */
const ALIAS_CAP = 2_000;

interface Hit {
  node: SelectedNode;
  tier: number;
  score: number;
}

const SEARCH = cypher<
  {
    key: string;
    aliasQuery: string;
    lucene: string;
    kinds: NodeKind[] | null;
    first: number;
    fill: number;
    aliasCap: number;
    properties: string[];
  },
  { ranked: Hit[]; relevant: Hit[]; relevantFetched: number }
>(
  'search.nodes',
  `CALL () {
     MATCH (n:Entity) WHERE n.sortKey STARTS WITH $key AND ($kinds IS NULL OR n.kind IN $kinds)
     WITH n ORDER BY n.sortKey, n.id LIMIT toInteger($first)
     RETURN n
     UNION
     CALL db.index.fulltext.queryNodes('entity_alias_keys', $aliasQuery, {limit: toInteger($aliasCap)}) YIELD node AS n
     WITH n WHERE n:Entity AND ($kinds IS NULL OR n.kind IN $kinds)
     RETURN n
   }
   WITH n, CASE WHEN n.sortKey = $key OR $key IN coalesce(n.aliasKeys, []) THEN ${EXACT} ELSE ${PREFIX} END AS tier
   ORDER BY tier DESC, n.sortKey, n.id
   LIMIT toInteger($first)
   WITH collect(n) AS found,
        collect({node: ${selectedProjection('n', '$properties')}, tier: tier, score: toFloat(tier)}) AS ranked
   CALL (found) {
     WITH found WHERE size(found) < $first
     CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: toInteger($fill)}) YIELD node AS n, score
     WITH n, score WHERE n:Entity AND ($kinds IS NULL OR n.kind IN $kinds) AND NOT n IN found
     WITH n, score ORDER BY score DESC, n.sortKey, n.id
     RETURN collect({node: ${selectedProjection('n', '$properties')}, tier: 1, score: score}) AS relevant,
            count(*) AS relevantFetched
   }
   RETURN ranked, coalesce(relevant, []) AS relevant, coalesce(relevantFetched, 0) AS relevantFetched`,
);

const STATUS_BY_TERM = new Map(
  Object.values(AgreementStatus).flatMap((status) =>
    AGREEMENT_STATUSES[status].searchTerms.map((term) => [normalizeText(term), status] as const),
  ),
);

/** The agreement status a searched text names ("Firmados", "en negociación"), if it names one. */
export const statusNamedBy = (text: string): AgreementStatus | undefined => STATUS_BY_TERM.get(normalizeText(text));

export async function searchNodes(
  db: Database,
  text: string,
  lucene: string,
  kinds: NodeKind[] | null,
  first: number,
  /** The stored properties asked of each node (see `propertiesFor`). */
  properties: string[],
): Promise<SearchResult[]> {
  const request: NameSearch = { text, lucene, kinds, first, properties };
  const status = kinds === null || kinds.includes(NodeKind.AGREEMENT) ? statusNamedBy(text) : undefined;
  if (!status) return searchNames(db, request);
  const [withStatus, named] = await Promise.all([
    listNodes(
      db,
      { kind: NodeKind.AGREEMENT, status },
      { field: NodeSortField.NAME, direction: SortDirection.ASC },
      0,
      first,
      [],
      false,
      properties,
    ),
    searchNames(db, request),
  ]);
  const found = new Set(withStatus.nodes.map((node) => node.id));
  return [
    ...withStatus.nodes.map((node) => ({ node, score: EXACT })),
    ...named.filter((hit) => !found.has(hit.node.id)),
  ].slice(0, first);
}

/** What `searchNodes` was asked. */
interface NameSearch {
  text: string;
  lucene: string;
  kinds: NodeKind[] | null;
  first: number;
  properties: string[];
}

/** Matches of the text in names and aliases, ranked by the three tiers above. */
async function searchNames(db: Database, request: NameSearch): Promise<SearchResult[]> {
  const { text, lucene, kinds, first, properties } = request;
  const key = normalizeText(text);
  // Relevance ties at the page's edge: fetch more until the last kept score is strictly above the next one.
  for (let fill = first * 4; ; fill *= 8) {
    const row = await db.queryOne(SEARCH, {
      key,
      aliasQuery: toKeyPrefixQuery(key),
      lucene,
      kinds,
      first,
      fill,
      aliasCap: ALIAS_CAP,
      properties,
    });
    const ranked = row?.ranked ?? [];
    const relevant = row?.relevant ?? [];
    const room = first - ranked.length;
    const edge = relevant[room - 1]?.score;
    const exhausted = (row?.relevantFetched ?? 0) < fill || room <= 0;
    if (exhausted || relevant.length <= room || relevant[room]?.score !== edge || fill >= 50_000) {
      return [...ranked, ...relevant.slice(0, Math.max(0, room))].map((hit) => ({
        node: toSelectedNode(hit.node, properties),
        // Exact 3, prefix 2, then relevance mapped into (0, 1): higher is always better.
        score: hit.tier > 1 ? hit.score : hit.score / (1 + hit.score),
      }));
    }
  }
}
