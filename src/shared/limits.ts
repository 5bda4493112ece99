/** Caps that keep any single request bounded, whatever the client asks for. */
export const LIMITS = {
  /** Largest `first` of a connection or list. */
  maxPageSize: 100,
  defaultPageSize: 20,
  maxSearchResults: 50,
  /** `path(maxHops)`. */
  maxPathHops: 6,
  /** `neighborhood(depth)`. */
  maxNeighborhoodDepth: 3,
  /** `neighborhood(limit)`: nodes in one subgraph. */
  maxNeighborhoodNodes: 1_000,
  /** `commonPartners(ids)`. */
  maxCommonPartnerIds: 10,
  maxSearchQueryLength: 200,
  /** Lists on a node (its agreements, sources, a partnership's evidence...): default and largest `first`. */
  defaultRelatedItems: 20,
  maxRelatedItems: 200,
} as const;
