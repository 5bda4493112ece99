/**
 * GET /metrics: the process's Prometheus metrics (shared/metrics.ts) in the text exposition format. It reveals
 * operation and query names, not data; keep it on the internal network (see docs/operations.md, Metrics).
 */
import express from 'express';
import { collectProcessMetrics, metricsRegistry } from '../../shared/metrics';

export function metricsRouter(): express.Router {
  collectProcessMetrics();
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });
  return router;
}
