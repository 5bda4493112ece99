/**
 * Every Cypher query the service declares (src/db/cypher.ts keeps them in one registry) is EXPLAINed against the
 * seeded schema: none may scan all nodes or relationships of any type, nor every node of a label unless it states
 * why (an export reads everything). A new query that forgets its index fails here, not in production.
 * tests/support/queries.ts loads every module that declares queries, so none is left out because no module here
 * happens to import it; the last test checks that every registered query was EXPLAINed.
 */
import { registeredQueries, type AnyCypher } from '../../src/db/cypher';
import type { Database } from '../../src/db/database';
import { allQueries } from '../support/queries';
import { resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';

interface PlanStep {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanStep[];
}

function* steps(plan: PlanStep): Generator<PlanStep> {
  yield plan;
  for (const child of plan.children) yield* steps(child);
}

const details = (step: PlanStep): string => (typeof step.arguments.Details === 'string' ? step.arguments.Details : '');

/** What is wrong with a plan, or nothing. */
export function scanProblems(query: AnyCypher, plan: PlanStep): string[] {
  const problems: string[] = [];
  for (const step of steps(plan)) {
    const operator = step.operatorType.replace(/@.*$/, '');
    if (operator === 'AllNodesScan') problems.push(`AllNodesScan (${details(step)})`);
    if (/AllRelationshipsScan$/.test(operator)) problems.push(`${operator}: relationships of any type`);
    if (/LabelScan$|LabelsScan$/.test(operator) && !query.options.fullScan) {
      problems.push(`${operator} (${details(step)})`);
    }
  }
  return problems;
}

let db: Database;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
});
afterAll(() => db.close());

describe('query plans', () => {
  const queries = allQueries();
  /** The registered queries the test below EXPLAINed. */
  const explained = new Set<string>();

  it('finds the declared queries', () => {
    expect(queries.length).toBeGreaterThan(30);
    expect(new Set(queries.map((query) => query.name)).size).toBe(queries.length);
  });

  it('flags a scan (the check itself can fail)', async () => {
    const plan = await explain({ name: 'test.scan', text: 'MATCH (n) WHERE n.id = $id RETURN n', options: {} });
    expect(plan.length).toBeGreaterThan(0);
    const labelScan = await explain({ name: 'test.labelScan', text: 'MATCH (n:Entity) RETURN n', options: {} });
    expect(labelScan.join()).toMatch(/NodeByLabelScan \(n:Entity\)/);
  });

  it.each(queries.map((query) => [query.name, query] as const))('%s uses its indexes', async (_name, query) => {
    const problems = await explain(query);
    explained.add(query.name);
    expect(problems).toEqual([]);
  });

  // Runs after the EXPLAINs: a query registered late (a module loaded by another) would be missing from them.
  it('EXPLAINed every registered query', () => {
    expect([...explained].sort()).toEqual(
      registeredQueries()
        .map((query) => query.name)
        .sort(),
    );
    expect(explained.size).toBe(registeredQueries().length);
  });
});

async function explain(query: AnyCypher): Promise<string[]> {
  const session = db.driver.session({ database: db.name });
  try {
    const result = await session.run(`EXPLAIN ${query.text}`);
    const plan = result.summary.plan;
    if (!plan) throw new Error(`no plan for ${query.name}`);
    return scanProblems(query, plan);
  } finally {
    await session.close();
  }
}
