/** PROFILE of a Cypher query: total database hits and rows, and the operators that cost the most. */
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';

export interface OperatorCost {
  operator: string;
  details: string;
  dbHits: number;
  rows: number;
}

export interface PlanCost {
  dbHits: number;
  /** Rows the query returned. */
  rows: number;
  /** The costliest operators, most database hits first. */
  operators: OperatorCost[];
}

function flatten(plan: ProfiledPlan, into: ProfiledPlan[] = []): ProfiledPlan[] {
  into.push(plan);
  for (const child of plan.children) flatten(child, into);
  return into;
}

const detailsOf = (plan: ProfiledPlan): string => {
  const details = plan.arguments.Details;
  return typeof details === 'string' ? details.replace(/\s+/g, ' ').slice(0, 160) : '';
};

export async function profileCypher(driver: Driver, text: string, params: unknown, top = 6): Promise<PlanCost> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${text}`, params ?? {});
    const plan = result.summary.profile;
    if (!plan) throw new Error('PROFILE returned no plan');
    const operators = flatten(plan);
    return {
      dbHits: operators.reduce((sum, operator) => sum + operator.dbHits, 0),
      rows: result.records.length,
      operators: operators
        .map((operator) => ({
          operator: operator.operatorType.replace(/@neo4j$/, ''),
          details: detailsOf(operator),
          dbHits: operator.dbHits,
          rows: operator.rows,
        }))
        .sort((a, b) => b.dbHits - a.dbHits)
        .slice(0, top),
    };
  } finally {
    await session.close();
  }
}
