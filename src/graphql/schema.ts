import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { GraphEdgeFieldsResolver, GraphQueriesResolver } from '../features/graph/graph.resolver';
import { HealthResolver } from '../features/health/health.resolver';
import { NodeQueriesResolver } from '../features/nodes/node-queries.resolver';
import { NODE_FIELD_RESOLVERS } from '../features/nodes/node.resolver';
import {
  NodePartnersResolver,
  PartnershipFieldsResolver,
  PartnersQueriesResolver,
} from '../features/partners/partners.resolver';
import { SearchResolver } from '../features/search/search.resolver';

/** Every feature's resolvers, registered in one place. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  NodeQueriesResolver,
  ...NODE_FIELD_RESOLVERS,
  SearchResolver,
  PartnersQueriesResolver,
  NodePartnersResolver,
  PartnershipFieldsResolver,
  GraphQueriesResolver,
  GraphEdgeFieldsResolver,
];

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false } });
}
