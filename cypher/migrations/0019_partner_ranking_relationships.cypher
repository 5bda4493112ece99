// Nodes with very many partners keep, beside the ids of their strongest partners (`partnerRanking`), the element ids
// of the PARTNERS relationships to them (`partnerRankingRels`, partnerships.ts), so that a page of their partners
// seeks each pair instead of expanding the hub or its partner. Writes keep it from now on; this fills it once ('' for
// a pair not found, which a read then finds by its ends).
MATCH (x:Entity) WHERE x.partnerRanking IS NOT NULL
SET x.partnerRankingRels = [id IN x.partnerRanking | coalesce(head(COLLECT {
  MATCH (x)-[r:PARTNERS]-(p:Entity {id: id}) RETURN elementId(r)
}), '')];
