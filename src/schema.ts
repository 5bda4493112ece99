/** The GraphQL schema: every feature's resolvers, registered in one place. */
import 'reflect-metadata';
import { GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import { resolveNodeType } from './features/nodes/node.types';
import { CurationResolver } from './features/curation/curation.resolver';
import { DocumentsResolver, MentionFieldsResolver } from './features/documents/documents.resolver';
import { GraphQueriesResolver } from './features/graph/graph.resolver';
import { HealthResolver } from './features/health/health.resolver';
import { HistoryResolver } from './features/history/history.resolver';
import { NETWORK_RESOLVERS } from './features/network/network.resolver';
import { MapMutationsResolver, MapsResolver } from './features/maps/maps.resolver';
import { NodeListsResolver, NodeQueriesResolver } from './features/nodes/node-queries.resolver';
import { NODE_FIELD_RESOLVERS } from './features/nodes/node.resolver';
import {
  NodePartnersResolver,
  PartnershipFieldsResolver,
  PartnersQueriesResolver,
} from './features/partners/partners.resolver';
import { SearchResolver } from './features/search/search.resolver';
import type { Context } from './graphql/context';
import { rememberingValidator } from './graphql/validation';
import { requireRole } from './shared/auth';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as Function
export const resolvers: NonEmptyArray<Function> = [
  HealthResolver,
  NodeQueriesResolver,
  NodeListsResolver,
  ...NODE_FIELD_RESOLVERS,
  SearchResolver,
  PartnersQueriesResolver,
  NodePartnersResolver,
  PartnershipFieldsResolver,
  GraphQueriesResolver,
  CurationResolver,
  HistoryResolver,
  ...NETWORK_RESOLVERS,
  MapsResolver,
  MapMutationsResolver,
  DocumentsResolver,
  MentionFieldsResolver,
];

/** @Authorized('editor' | 'admin'): UNAUTHENTICATED without valid credentials, FORBIDDEN for a weaker role. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  requireRole(context.auth, roles);
  return true;
};

export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    // class-validator as type-graphql runs it, with the valid arguments remembered (graphql/validation.ts).
    validateFn: rememberingValidator(),
    // No global middleware: type-graphql would wrap every field, scalars included, in an async chain of promises.
    // Mutations' strings are checked by their own middleware (graphql/mutations.ts).
  });
  // type-graphql wraps every resolveType in an async function; compiled queries (graphql/executor.ts) take the
  // type's name as returned, without awaiting it: the Node interface gets its synchronous resolver back.
  const node = schema.getType('Node');
  if (node instanceof GraphQLInterfaceType) node.resolveType = resolveNodeType;
  return schema;
}
