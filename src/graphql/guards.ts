/**
 * Defences against hostile queries: maximum depth and aliases (validation rules from GraphQL Armor),
 * and a complexity limit (graphql-query-complexity over type-graphql's per-field `complexity`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  GraphQLError,
  OperationTypeNode,
  separateOperations,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Config } from '../shared/config';
import { badInput } from '../shared/errors';
import type { Context } from './context';

/** Report a refusal as a validation error (code GRAPHQL_VALIDATION_FAILED) instead of throwing. */
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** The schema has no subscriptions: say so while validating, rather than fail while executing. */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.SUBSCRIPTION) {
      context.reportError(new GraphQLError('This API has no subscriptions; use a query.', { nodes: [node] }));
    }
  },
});

export function validationRules(limits: Config['graphqlLimits']): ValidationRule[] {
  return [
    noSubscriptions,
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reportAsValidationError }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAsValidationError }),
  ];
}

/**
 * The complexity of an operation, remembered per parsed document (Apollo keeps one DocumentNode per distinct query
 * text in its document store), operation and variables: a repeated query is not walked again.
 */
const complexityCache = new WeakMap<DocumentNode, Map<string, number>>();

function complexityOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number | undefined {
  const key = JSON.stringify([operationName ?? null, variables]);
  const known = complexityCache.get(document)?.get(key);
  if (known !== undefined) return known;
  const operations = separateOperations(document);
  const operation = operationName ? operations[operationName] : Object.values(operations)[0];
  if (!operation) return undefined;
  const complexity = getComplexity({
    schema,
    query: operation,
    operationName: operationName ?? undefined,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  const perDocument = complexityCache.get(document) ?? new Map<string, number>();
  // Variables are endless; keep a bounded number of entries per document.
  if (perDocument.size > 100) perDocument.clear();
  perDocument.set(key, complexity);
  complexityCache.set(document, perDocument);
  return complexity;
}

export function complexityLimitPlugin(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          let complexity: number | undefined;
          try {
            complexity = complexityOf(schema, document, operationName, request.variables ?? {});
          } catch (error) {
            // Estimating reads the variables first; a bad one (e.g. an invalid Date) is the client's error.
            throw badInput(error instanceof Error ? error.message : String(error));
          }
          if (complexity !== undefined && complexity > maxComplexity) {
            throw badInput(`The query is too complex: ${complexity}, the maximum is ${maxComplexity}. Ask for less.`, {
              reason: 'QUERY_TOO_COMPLEX',
              complexity,
              maxComplexity,
            });
          }
        },
      };
    },
  };
}
