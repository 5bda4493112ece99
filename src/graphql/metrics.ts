/**
 * Prometheus instruments for GraphQL operations: requests and their latency by operation name and outcome, and
 * errors by code. Operation names are chosen by clients, so they go through a BoundedLabel; codes are ours.
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

export function metricsPlugin(): ApolloServerPlugin<Context> {
  const operations = new BoundedLabel(200);
  const codes = new BoundedLabel(50);
  return {
    async requestDidStart() {
      const end = requestDuration.startTimer();
      return {
        async willSendResponse({ operationName, errors: failures }) {
          const operation = operations.value(operationName ?? ANONYMOUS);
          const outcome = failures?.length ? 'error' : 'ok';
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
