import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { readDatabaseComponent } from './health.repository';
import { Health } from './health.types';

@Resolver()
export class HealthResolver {
  @Query(() => Health, { description: 'Is the API up, and which Neo4j answers it?' })
  async health(@Ctx() { db }: Context): Promise<Health> {
    const started = performance.now();
    const component = await readDatabaseComponent(db);
    return {
      status: 'ok',
      database: { ...component, database: db.name, latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
