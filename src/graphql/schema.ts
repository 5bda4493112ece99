import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import { CurationResolver } from '../features/curation/curation.resolver';
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
import { requireRole } from '../shared/auth';
import type { Context } from './context';

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
  CurationResolver,
];

/** @Authorized('editor' | 'admin'): UNAUTHENTICATED without valid credentials, FORBIDDEN for a weaker role. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  requireRole(context.auth, roles);
  return true;
};

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, authChecker, validate: { forbidUnknownValues: false } });
}
