/**
 * Defences against hostile queries: maximum depth and aliases (validation rules from GraphQL Armor),
 * and a complexity limit (graphql-query-complexity over type-graphql's per-field `complexity`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  separateOperations,
  type GraphQLError,
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

export function validationRules(limits: Config['graphqlLimits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reportAsValidationError }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAsValidationError }),
  ];
}

export function complexityLimitPlugin(schema: GraphQLSchema, maxComplexity: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName }) {
          const operations = separateOperations(document);
          const operation = operationName ? operations[operationName] : Object.values(operations)[0];
          if (!operation) return;
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: operation,
              operationName: operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Estimating reads the variables first; a bad one (e.g. an invalid Date) is the client's error.
            throw badInput((error as Error).message);
          }
          if (complexity > maxComplexity) {
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
