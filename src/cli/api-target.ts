/** The server the batch commands talk to: `--server`/`--token`, else GRAPH_API_URL/GRAPH_API_TOKEN (also from .env). */
import 'dotenv/config';
import { UsageError } from './args';
import { apiClient, type ApiClient } from './review-files';

export const API_OPTIONS = {
  '--server URL': 'the GraphQL endpoint (default $GRAPH_API_URL, else http://127.0.0.1:4000/graphql)',
  '--token TOKEN': 'an editor token (default $GRAPH_API_TOKEN)',
};

export function apiTarget(values: { server?: string; token?: string }, env = process.env): ApiClient {
  const server = values.server ?? env.GRAPH_API_URL ?? 'http://127.0.0.1:4000/graphql';
  const token = values.token ?? env.GRAPH_API_TOKEN;
  if (!URL.canParse(server)) throw new UsageError(`--server must be a URL, got "${server}"`);
  if (!token) throw new UsageError('an editor token is needed: --token or GRAPH_API_TOKEN');
  return apiClient(server, token);
}
