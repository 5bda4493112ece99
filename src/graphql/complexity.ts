/**
 * Cost estimates per field for graphql-query-complexity (read through type-graphql's `complexity` option and
 * fieldExtensionsEstimator). Every list is priced by the most items it can return — its `first` argument or its
 * default page size — times what is asked of each item: no multiplier is assumed.
 */
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { LIMITS } from '../shared/limits';

/** A list or page of at most `first` items (or `defaultSize` when the argument is not given). */
export const listOf =
  (defaultSize: number = LIMITS.defaultPageSize): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    1 + (typeof args.first === 'number' ? args.first : defaultSize) * childComplexity;

/** A Relay connection page (its `first` items, plus the page's own fields). */
export const pageOf = listOf;

/** Root queries that run a graph algorithm (search, path, neighbourhood) cost more than a lookup. */
export const ALGORITHM_COST = 10;

/**
 * `networkMetrics` reads up to METRICS_MAX_RELATIONSHIPS partnerships and may run betweenness: a tenth of the
 * default budget (GRAPHQL_MAX_COMPLEXITY), so a request holds a few of them at most and 30 aliases are refused.
 */
export const NETWORK_METRICS_COST = 2_000;
