/**
 * Cost estimates per field for graphql-query-complexity (read through type-graphql's `complexity`
 * option and fieldExtensionsEstimator). A list costs its items times what is asked of each item.
 */
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { LIMITS } from '../shared/limits';

/** Relationship lists on a node: assume about 5 items. */
export const RELATED_LIST: ComplexityEstimator = ({ childComplexity }) => 2 + 5 * childComplexity;

/** A page of `first` items (or the default page size). */
export const pageOf =
  (defaultSize: number = LIMITS.defaultPageSize): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    5 + (typeof args.first === 'number' ? args.first : defaultSize) * childComplexity;

/** Root queries that run a graph algorithm (search, path, neighbourhood) cost more than a lookup. */
export const ALGORITHM_COST = 10;
