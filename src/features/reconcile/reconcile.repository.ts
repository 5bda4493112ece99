/**
 * The Cypher of the reconciliation service. A whole batch of queries is one round trip: each query is a "probe"
 * (UNWIND), and each probe finds its candidates through the search indexes — names in order from the range index
 * on `sortKey` (exact names first), aliases whole and by prefix from the keyword index on `aliasKeys`, an id from
 * the unique constraint, and any of the words from the `entity_search` full-text index — then reads, for the
 * conditions of its query only, the candidates' cities, countries and related nodes.
 */
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';
import { FACT_RELATIONSHIPS, type NodeKind } from '../../model/graph-model';
import { normalizeText } from '../../shared/text';
import { lastDateOf } from '../partners/partnerships';
import { searchWords, toKeyPrefixQuery } from '../search/search.repository';
import { nodeProjection, type StoredNode } from '../nodes/node.mapper';
import { PropertyId } from './reconcile-model';
import type { CandidateFacts } from './scoring';

/** Values of a relationship condition: entity ids and folded names. */
interface RelatedValues {
  ids: string[];
  keys: string[];
}

/** One search of one query, as Cypher reads it. */
export interface Probe {
  /** The query's key in the batch. */
  query: string;
  /** Folded text for the name and alias indexes; null: no text (a query of conditions only finds nothing here). */
  key: string | null;
  /** The text as sent, looked up as an id. */
  id: string | null;
  aliasExact: string | null;
  aliasPrefix: string | null;
  lucene: string | null;
  /** Hard type filter (type_strict any/all); null: every kind. */
  kinds: NodeKind[] | null;
  /** How many names by prefix, and how many full-text hits, to read. */
  prefixCap: number;
  fill: number;
  places: boolean;
  partners: RelatedValues | null;
  agreements: RelatedValues | null;
  parties: RelatedValues | null;
}

/** Exact aliases are read whole, however many namesakes: up to this many. */
const ALIAS_EXACT_CAP = 200;

/** Lucene's syntax characters and spaces escaped: a keyword-index term for one whole folded key. */
const exactKeyQuery = (key: string): string => key.replace(/[+\-!(){}[\]^"~*?:\\/&| ]/g, (char) => `\\${char}`);

/**
 * The Lucene query of a reconciliation: any of the words (a name in a spreadsheet often carries a word or two the
 * graph does not); Lucene's relevance ranks those sharing the rarer words first. Whole words only, but the last
 * one may be cut short ("Universidad Autónoma Metrop"): a prefix on every word costs several times as much.
 * Null when nothing searchable is left.
 */
export function anyWordQuery(text: string): string | null {
  const words = [...new Set(searchWords(text))];
  const last = words.at(-1);
  if (last === undefined) return null;
  const cut = last.length >= 3 ? ` ${last}*` : '';
  return `${words.join(' ')}${cut}`;
}

/** The probe searching for `text` (a query's name, or an acronym or alias condition's value). */
export function textProbe(
  query: string,
  text: string,
  settings: Omit<Probe, 'query' | 'key' | 'id' | 'aliasExact' | 'aliasPrefix' | 'lucene'>,
): Probe {
  const key = normalizeText(text);
  return {
    query,
    key: key === '' ? null : key,
    id: text.trim(),
    aliasExact: key === '' ? null : exactKeyQuery(key),
    aliasPrefix: key === '' ? null : toKeyPrefixQuery(key),
    lucene: anyWordQuery(text),
    ...settings,
  };
}

export const relatedValues = (values: { key: string; id: string | null }[]): RelatedValues => ({
  ids: values.flatMap((value) => (value.id === null ? [] : [value.id])),
  keys: values.map((value) => value.key),
});

/** Cypher: how many nodes related to `n` through `pattern` (`x` the other end) are among `values`. */
const countAmong = (values: string, pattern: string): string =>
  `CASE WHEN ${values} IS NULL THEN 0 ELSE COUNT {
     MATCH ${pattern}
     WHERE x.id IN ${values}.ids OR x.sortKey IN ${values}.keys OR any(key IN coalesce(x.aliasKeys, []) WHERE key IN ${values}.keys)
   } END`;

/** Cypher: the id and folded names of a place. */
const placeKeys = (variable: string): string =>
  `[${variable}.id, ${variable}.sortKey] + coalesce(${variable}.aliasKeys, [])`;

interface CandidateRow {
  query: string;
  id: string;
  name: string;
  kind: NodeKind;
  aliases: string[] | null;
  sortKey: string | null;
  aliasKeys: string[] | null;
  status: string | null;
  cities: string[][];
  countries: string[][];
  partners: number;
  agreements: number;
  parties: number;
}

const CANDIDATES = cypher<{ probes: Probe[]; aliasExactCap: number; prefixCap: number }, CandidateRow>(
  'reconcile.candidates',
  `UNWIND $probes AS p
   // The lookups are collected inside the subquery, whose aggregate always returns one row: a probe none of them
   // finds ("Tribunal Electoral CDMX", a typo) keeps its row and reaches the full-text search below.
   CALL (p) {
     CALL (p) {
       MATCH (n:Entity) WHERE n.sortKey STARTS WITH p.key AND (p.kinds IS NULL OR n.kind IN p.kinds)
       WITH n ORDER BY n.sortKey, n.id LIMIT toInteger($prefixCap)
       RETURN n
       UNION
       MATCH (n:Entity {id: p.id}) WHERE p.kinds IS NULL OR n.kind IN p.kinds
       RETURN n
       UNION
       WITH p WHERE p.aliasExact IS NOT NULL
       CALL db.index.fulltext.queryNodes('entity_alias_keys', p.aliasExact, {limit: toInteger($aliasExactCap)})
         YIELD node AS n
       WITH p, n WHERE n:Entity AND (p.kinds IS NULL OR n.kind IN p.kinds)
       RETURN n
       UNION
       WITH p WHERE p.aliasPrefix IS NOT NULL
       CALL db.index.fulltext.queryNodes('entity_alias_keys', p.aliasPrefix, {limit: toInteger(p.prefixCap)})
         YIELD node AS n
       WITH p, n WHERE n:Entity AND (p.kinds IS NULL OR n.kind IN p.kinds)
       RETURN n
     }
     RETURN collect(n) AS found
   }
   // Full-text search by any word (the costly part) always fills in when no name, alias or id is exactly the text:
   // every exact candidate, and so whether a match is unambiguous, comes from the index lookups above.
   CALL (p, found) {
     WITH p WHERE p.lucene IS NOT NULL
       AND NOT any(f IN found WHERE f.sortKey = p.key OR f.id = p.id OR p.key IN coalesce(f.aliasKeys, []))
     CALL db.index.fulltext.queryNodes('entity_search', p.lucene, {limit: toInteger(p.fill)}) YIELD node AS n
     WITH p, n WHERE n:Entity AND (p.kinds IS NULL OR n.kind IN p.kinds)
     RETURN collect(n) AS more
   }
   UNWIND found + more AS n
   WITH DISTINCT p, n
   RETURN p.query AS query, n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
          n.sortKey AS sortKey, n.aliasKeys AS aliasKeys, n.status AS status,
          CASE WHEN p.places
            THEN COLLECT { MATCH (n)-[:PART_OF*0..1]->()-[:LOCATED_IN|HELD_IN|VISITED]->(c:City)
                           RETURN DISTINCT ${placeKeys('c')} }
            ELSE [] END AS cities,
          CASE WHEN p.places
            THEN COLLECT { MATCH (n)-[:PART_OF*0..1]->()-[:LOCATED_IN*1..2]->(c:Country)
                           RETURN DISTINCT ${placeKeys('c')} }
            ELSE [] END AS countries,
          ${countAmong('p.partners', '(n)-[:PARTNERS]-(x:Entity)')} AS partners,
          ${countAmong('p.agreements', '(n)-[:PARTY_TO]->(x:Agreement)')} AS agreements,
          ${countAmong('p.parties', '(n)<-[:PARTY_TO]-(x:Entity)')} AS parties`,
);

/** The candidates of every probe, by query key (a query with several probes gets each candidate once). */
export async function findCandidates(db: Database, probes: Probe[]): Promise<Map<string, CandidateFacts[]>> {
  const byQuery = new Map<string, Map<string, CandidateFacts>>();
  if (probes.length === 0) return new Map();
  // LIMIT cannot read a probe's own cap (Cypher computes it statically): the batch's largest serves every probe.
  const prefixCap = Math.max(...probes.map((probe) => probe.prefixCap));
  const rows = await db.query(CANDIDATES, { probes, aliasExactCap: ALIAS_EXACT_CAP, prefixCap });
  for (const row of rows) {
    const found = byQuery.get(row.query) ?? new Map<string, CandidateFacts>();
    byQuery.set(row.query, found);
    // A query with several probes (two acronym values) may find a node twice, with the same facts.
    if (found.has(row.id)) continue;
    found.set(row.id, {
      id: row.id,
      name: row.name,
      kind: row.kind,
      aliases: row.aliases ?? [],
      nameKey: row.sortKey ?? normalizeText(row.name),
      aliasKeys: row.aliasKeys ?? [],
      status: row.status,
      cities: row.cities,
      countries: row.countries,
      related: {
        [PropertyId.PARTNERS]: row.partners,
        [PropertyId.AGREEMENTS]: row.agreements,
        [PropertyId.PARTIES]: row.parties,
      },
    });
  }
  return new Map([...byQuery].map(([query, found]) => [query, [...found.values()]]));
}

/** A node's facts for data extension: each list read only when asked, at most `cap` values each. */
export interface ExtensionRow {
  id: string;
  node: StoredNode;
  cities: EntityRef[];
  countries: EntityRef[];
  partners: EntityRef[];
  agreements: EntityRef[];
  parties: EntityRef[];
}

export interface EntityRef {
  id: string;
  name: string;
}

export interface ExtensionWants {
  places: boolean;
  partners: number;
  agreements: number;
  parties: number;
}

const EXTENSION = cypher<{ ids: string[]; wants: ExtensionWants }, ExtensionRow>(
  'reconcile.extension',
  `UNWIND $ids AS id
   MATCH (n:Entity {id: id})
   RETURN id, ${nodeProjection('n')} AS node,
          CASE WHEN $wants.places
            THEN COLLECT { MATCH (n)-[:PART_OF*0..1]->()-[:LOCATED_IN|HELD_IN|VISITED]->(c:City)
                           WITH DISTINCT c ORDER BY c.sortKey, c.id RETURN c {.id, .name} }
            ELSE [] END AS cities,
          CASE WHEN $wants.places
            THEN COLLECT { MATCH (n)-[:PART_OF*0..1]->()-[:LOCATED_IN*1..2]->(c:Country)
                           WITH DISTINCT c ORDER BY c.sortKey, c.id RETURN c {.id, .name} }
            ELSE [] END AS countries,
          COLLECT { MATCH (n)-[r:PARTNERS]-(x:Entity) WHERE $wants.partners > 0
                    WITH x, r ORDER BY r.strength DESC, ${lastDateOf('r')} DESC, x.sortKey, x.id
                    LIMIT toInteger($wants.partners) RETURN x {.id, .name} } AS partners,
          COLLECT { MATCH (n)-[:PARTY_TO]->(x:Agreement) WHERE $wants.agreements > 0
                    WITH DISTINCT x ORDER BY x.sortKey, x.id
                    LIMIT toInteger($wants.agreements) RETURN x {.id, .name} } AS agreements,
          COLLECT { MATCH (n)<-[:PARTY_TO]-(x:Entity) WHERE $wants.parties > 0
                    WITH DISTINCT x ORDER BY x.sortKey, x.id
                    LIMIT toInteger($wants.parties) RETURN x {.id, .name} } AS parties`,
);

export async function findExtensionRows(
  db: Database,
  ids: string[],
  wants: ExtensionWants,
): Promise<Map<string, ExtensionRow>> {
  const rows = await db.query(EXTENSION, { ids, wants });
  return new Map(rows.map((row) => [row.id, row]));
}

export interface PreviewFacts {
  node: StoredNode;
  cities: EntityRef[];
  partners: number;
  agreements: number;
  relationships: number;
}

const PREVIEW = cypher<
  { id: string },
  { node: StoredNode; cities: EntityRef[]; partners: number; agreements: number; relationships: number }
>(
  'reconcile.preview',
  `MATCH (n:Entity {id: $id})
   RETURN ${nodeProjection('n')} AS node,
          COLLECT { MATCH (n)-[:PART_OF*0..1]->()-[:LOCATED_IN|HELD_IN|VISITED]->(c:City)
                    WITH DISTINCT c ORDER BY c.sortKey LIMIT 3 RETURN c {.id, .name} } AS cities,
          COUNT { (n)-[:PARTNERS]-(:Entity) } AS partners,
          COUNT { (n)-[:PARTY_TO]->(:Agreement) } AS agreements,
          COUNT { (n)-[:${FACT_RELATIONSHIPS}]-() } AS relationships`,
);

export async function findPreview(db: Database, id: string): Promise<PreviewFacts | null> {
  const row = await db.queryOne(PREVIEW, { id });
  return row ?? null;
}
