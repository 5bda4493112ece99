/**
 * Prometheus instruments for GraphQL operations: requests and their latency by operation name and outcome, and
 * errors by code. Operation names are chosen by clients, so they go through a BoundedLabel: a name gets its own
 * label only once an operation of that name has succeeded (up to OPERATION_LABELS names, never evicted), every
 * other name is "other": requests with junk names, which fail, cannot push real operations out. Codes are ours.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import { BoundedLabel, metricsRegistry } from '../shared/metrics';
import type { Context } from './context';

const registers = [metricsRegistry];

const requests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL operations answered, by operation name and outcome (ok, error)',
  labelNames: ['operation', 'outcome'],
  registers,
});

const requestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its answer, by operation name and outcome',
  labelNames: ['operation', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers,
});

const errors = new Counter({
  name: 'graphql_errors_total',
  help: 'Errors in GraphQL answers, by operation name and error code',
  labelNames: ['operation', 'code'],
  registers,
});

/** Operations without a name, and documents that did not parse, have no name to report. */
const ANONYMOUS = '(anonymous)';

/** Operation names that get a label of their own; the rest are "other". */
export const OPERATION_LABELS = 200;

export function metricsPlugin(): ApolloServerPlugin<Context> {
  const operations = new BoundedLabel(OPERATION_LABELS);
  const codes = new BoundedLabel(50);
  return {
    async requestDidStart() {
      const end = requestDuration.startTimer();
      return {
        async willSendResponse({ operationName, errors: failures }) {
          const outcome = failures?.length ? 'error' : 'ok';
          // A name earns its label by succeeding; a failing one is counted under it only if it had.
          const name = operationName ?? ANONYMOUS;
          const operation = outcome === 'ok' ? operations.value(name) : operations.known(name);
          end({ operation, outcome });
          requests.inc({ operation, outcome });
          for (const failure of failures ?? []) {
            const code = failure.extensions?.code;
            errors.inc({ operation, code: codes.value(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
}
