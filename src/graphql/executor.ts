/**
 * How an operation is executed once Apollo has parsed, validated and checked it (limits, complexity): queries run
 * as graphql-jit compiled functions, plugged in through Apollo Server's gateway interface (the way Apollo users do
 * since Apollo 4 dropped its `executor` option: apollo-server PR #7981, graphql-jit issue #219). A query is
 * compiled once per document and operation and kept in a bounded LRU; graphql-js's `execute` still runs:
 * - mutations (few, and serial by definition: not worth a second engine),
 * - introspection (`__schema`, `__type`: the IDE's, rare),
 * - operations graphql-jit cannot compile, and every request whose variables it refuses: graphql-js then answers,
 *   so the errors (messages, BAD_USER_INPUT, HTTP 400) stay exactly the standard ones,
 * - everything while OpenTelemetry tracing is on (its GraphQL instrumentation patches graphql-js's `execute`).
 */
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, OperationTypeNode, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Context } from './context';

type Gateway = ApolloServerOptionsWithGateway<Context>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Distinct (document, operation) pairs kept compiled; the least recently used one goes first. */
export const COMPILED_QUERIES = 1_000;

/** Operations that read the schema itself go to graphql-js (`__typename` does not count). */
const INTROSPECTION = /\b__(schema|type)\b/;

/** A Map kept in use order: a hit moves to the end, the first entry is the least recently used. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** What a (document, operation) pair runs with: its compiled query, or graphql-js when it cannot be compiled. */
type Plan = CompiledQuery | 'standard';

export interface CompiledExecution {
  /** What to pass as ApolloServer's `gateway` (instead of `schema`). */
  gateway: Gateway;
  /** How many operations are held compiled (for tests). */
  readonly compiled: number;
}

/**
 * The gateway that serves `schema` and executes as described above. With `compile: false` every operation goes to
 * graphql-js (tracing on).
 */
export function compiledExecution(schema: GraphQLSchema, { compile }: { compile: boolean }): CompiledExecution {
  const plans = new Lru<Plan>(COMPILED_QUERIES);

  const standard = (
    document: DocumentNode,
    contextValue: Context,
    variableValues: Record<string, unknown> | undefined,
    operationName: string | null | undefined,
  ): Promise<ExecutionResult> | ExecutionResult =>
    execute({ schema, document, contextValue, variableValues, operationName });

  const planFor = (document: DocumentNode, key: string, operationName: string | undefined): Plan => {
    const known = plans.get(key);
    if (known) return known;
    const compiled = compileQuery(schema, document, operationName);
    const plan: Plan = isCompiledQuery(compiled) ? compiled : 'standard';
    plans.set(key, plan);
    return plan;
  };

  const executor: Executor = async ({
    document,
    operation,
    operationName,
    queryHash,
    source,
    request,
    context: raw,
  }) => {
    // Apollo hands the context built by app.ts through the gateway untyped.
    const context = raw as Context;
    const variables = request.variables;
    const name = request.operationName ?? undefined;
    // No operation: the document has none by the name asked (Apollo still calls the gateway, typed or not);
    // graphql-js answers with its "Unknown operation named …" error.
    const resolved = operation as typeof operation | undefined;
    if (
      !compile ||
      resolved?.operation !== OperationTypeNode.QUERY ||
      (source !== undefined && INTROSPECTION.test(source))
    ) {
      return standard(document, context, variables, name);
    }
    const plan = planFor(document, `${queryHash}\u0000${operationName ?? ''}`, name);
    if (plan === 'standard') return standard(document, context, variables, name);
    const result = await plan.query(undefined, context, variables);
    // No `data` at all: the variables were refused before anything ran. graphql-js says why, in its own words.
    if (!('data' in result)) return standard(document, context, variables, name);
    return result;
  };

  const gateway: Gateway = {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
  return {
    gateway,
    get compiled() {
      return plans.size;
    },
  };
}
