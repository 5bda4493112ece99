import neo4j from 'neo4j-driver';

/**
 * JavaScript numbers reach Neo4j as floats; whole numbers in our data (counts, positions, editions) are
 * sent as Neo4j integers so they are stored as such (19, not 19.0).
 */
export function toNeo4jValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jValue);
  return value;
}

export function toNeo4jProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, toNeo4jValue(value)]));
}
