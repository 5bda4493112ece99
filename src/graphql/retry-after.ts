/** A DB_UNAVAILABLE answer (503: the database is down, hung or busy) says when to come back: `Retry-After`. */
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../shared/errors';
import type { Context } from './context';

/** Seconds: the breaker probes every 250 ms, and a busy pool frees up within the acquisition timeout. */
export const DB_RETRY_AFTER_SECONDS = 1;

export const retryAfterPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, errors }) {
        if (errors?.some((error) => error.extensions?.code === ErrorCode.DB_UNAVAILABLE)) {
          response.http.headers.set('retry-after', String(DB_RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};
