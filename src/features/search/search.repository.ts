/** Full-text search over names and aliases, ranked so that exact and prefix matches of a name come first. */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import type { NodeKind } from '../../model/graph-model';
import { normalizeText } from '../../shared/text';
import { nodeProjection, toNode, type StoredNode } from '../nodes/node.mapper';
import type { Node } from '../nodes/node.types';

/** Lucene's query syntax characters: typed text must never be read as syntax. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/**
 * The Lucene query for what a user typed: every word must match, as a whole word (boosted) or as a
 * prefix, so "fisc" finds "Fiscalía" while typing. Words are folded like the index ("Á" -> "a").
 * Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string): string | null {
  const words = normalizeText(text).replace(LUCENE_SPECIAL, ' ').split(' ').filter(Boolean);
  if (words.length === 0) return null;
  return words.map((word) => `+(${word}^2 ${word}*)`).join(' ');
}

export interface SearchResult {
  node: Node;
  score: number;
}

/** How many index hits are ranked before `first` are kept: enough for exact matches to surface. */
const CANDIDATES = 200;

const SEARCH = cypher<
  { lucene: string; candidates: number; kinds: NodeKind[] | null; exact: string; first: number },
  { node: StoredNode; score: number }
>(
  'search.nodes',
  `CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: toInteger($candidates)}) YIELD node AS n, score
   WHERE $kinds IS NULL OR n.kind IN $kinds
   WITH n, score
        + CASE WHEN $exact IN n.searchKeys THEN 10 ELSE 0 END
        + CASE WHEN any(key IN n.searchKeys WHERE key STARTS WITH $exact) THEN 5 ELSE 0 END AS rank
   RETURN ${nodeProjection('n')} AS node, rank AS score
   ORDER BY score DESC, n.sortKey
   LIMIT toInteger($first)`,
);

export async function searchNodes(
  db: Database,
  text: string,
  lucene: string,
  kinds: NodeKind[] | null,
  first: number,
): Promise<SearchResult[]> {
  const rows = await db.query(SEARCH, { lucene, candidates: CANDIDATES, kinds, exact: normalizeText(text), first });
  return rows.map((row) => ({ node: toNode(row.node), score: row.score }));
}
