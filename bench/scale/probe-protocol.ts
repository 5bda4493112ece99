/** What the bench and the probe inside the API (api-probe.ts) agree on. */

/** Requests whose GraphQL operation name starts with this have their Cypher captured. */
export const CAPTURE_PREFIX = 'Capture';

export interface CapturedQuery {
  operation: string | null;
  name: string;
  text: string;
  params: unknown;
}
