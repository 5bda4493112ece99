/**
 * Every Cypher query the service sends is declared here through `cypher()`: a name, the text, and the types of
 * its parameters and rows. Declaring them in one registry lets a test EXPLAIN every one of them against the real
 * schema (tests/integration/query-plans.test.ts), and lets `Database.query` return typed rows without casts at
 * the call sites. User input never enters the text: it travels as parameters.
 */

export interface CypherOptions {
  /**
   * Why this query may read every node of a label (exports and counts read the whole graph by design). Queries
   * without a reason must be index-backed: the plan test fails on any label scan otherwise.
   */
  fullScan?: string;
}

/** A declared query. `Params` and `Row` exist only for the type checker. */
export interface Cypher<Params extends object, Row extends object> {
  readonly name: string;
  readonly text: string;
  readonly options: CypherOptions;
  /** Phantom member carrying the parameter and row types; never set. */
  readonly types?: { params: Params; row: Row };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds queries of every shape
export type AnyCypher = Cypher<any, any>;

const registry = new Map<string, AnyCypher>();

/** Declares (and registers) a query. Names are unique, so a copy-pasted declaration fails at start-up. */
export function cypher<Params extends object, Row extends object>(
  name: string,
  text: string,
  options: CypherOptions = {},
): Cypher<Params, Row> {
  if (registry.has(name)) throw new Error(`Cypher query "${name}" is declared twice`);
  const query: Cypher<Params, Row> = { name, text, options };
  registry.set(name, query);
  return query;
}

/**
 * A statement that is not one of the service's queries (the text of a migration file, a test's set-up), so it is
 * not registered for the plan test.
 */
export function adHoc<Params extends object = Record<string, never>, Row extends object = Record<string, never>>(
  text: string,
  name = 'statement',
): Cypher<Params, Row> {
  return { name, text, options: {} };
}

/** Every registered query, for the plan test. */
export function registeredQueries(): AnyCypher[] {
  return [...registry.values()];
}

/** Cypher: adds the items of list expression `list` to list expression `target`, keeping order and skipping repeats. */
export const unionList = (target: string, list: string): string =>
  `reduce(acc = coalesce(${target}, []), item IN coalesce(${list}, []) | CASE WHEN item IN acc THEN acc ELSE acc + item END)`;
