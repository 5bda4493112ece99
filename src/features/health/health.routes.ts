/** Liveness and readiness for orchestrators and load balancers: `{status}` only; details go to the log. */
import express from 'express';
import type { Database } from '../../db/database';
import type { Logger } from '../../shared/logger';

/** Readiness must answer before a load balancer gives up on it. */
const READINESS_TIMEOUT_MS = 2_000;

export function healthRouter(db: Database, logger: Logger): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready only when a real query answers on the configured database, not merely when Bolt accepts a connection:
  // a Neo4j that is shutting down still connects, but fails every read.
  router.get('/readyz', async (_req, res) => {
    try {
      await db.ping(READINESS_TIMEOUT_MS);
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'not ready: Neo4j does not answer');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
