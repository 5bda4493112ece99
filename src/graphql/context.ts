import type { Database } from '../db/database';
import type { Logger } from '../shared/logger';

/** What every resolver receives; built once per request. */
export interface Context {
  db: Database;
  logger: Logger;
}
