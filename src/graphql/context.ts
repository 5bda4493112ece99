import type { Database } from '../db/database';
import type { QueryStats } from '../db/request-scope';
import type { AuthState } from '../shared/auth';
import type { Config } from '../shared/config';
import type { Logger } from '../shared/logger';
import type { LoaderRegistry } from './loaders';
import type { ServerResources } from './resources';

/** What every resolver receives; built once per request. */
export interface Context {
  db: Database;
  logger: Logger;
  loaders: LoaderRegistry;
  /** Counts this operation's Neo4j round trips (reported in `extensions.stats` outside production). */
  stats: QueryStats;
  /** Who is calling; reads ignore it, writes require a role. */
  auth: AuthState;
  /** Bounds of the network metrics (METRICS_MAX_RELATIONSHIPS). */
  metrics: Config['metrics'];
  /** Long-lived helpers of the server (the documents' analysis pool), closed when it stops. */
  resources: ServerResources;
}
