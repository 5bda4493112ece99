/** HTTP downloads of the graph: GET /export/graph.json, graph.graphml, nodes.csv, edges.csv, sources.json. */
import express from 'express';
import type { Database } from '../../db/database';
import { exportDataset, toCsvFiles, toGraphML } from './export';

const DOWNLOADS: Record<
  string,
  { type: string; render: (dataset: Awaited<ReturnType<typeof exportDataset>>) => string }
> = {
  'graph.json': { type: 'application/json', render: (dataset) => `${JSON.stringify(dataset, null, 2)}\n` },
  'graph.graphml': { type: 'application/graphml+xml', render: toGraphML },
  'nodes.csv': { type: 'text/csv', render: (dataset) => toCsvFiles(dataset)['nodes.csv'] },
  'edges.csv': { type: 'text/csv', render: (dataset) => toCsvFiles(dataset)['edges.csv'] },
  'sources.json': { type: 'application/json', render: (dataset) => toCsvFiles(dataset)['sources.json'] },
};

export function exportRouter(db: Database): express.Router {
  const router = express.Router();
  router.get('/export/:file', async (req, res, next) => {
    // Only our own names: "__proto__" or "constructor" must not reach Object.prototype.
    const download = Object.hasOwn(DOWNLOADS, req.params.file) ? DOWNLOADS[req.params.file] : undefined;
    if (!download) {
      res.status(404).json({ error: `No such export; try one of ${Object.keys(DOWNLOADS).join(', ')}` });
      return;
    }
    try {
      const body = download.render(await exportDataset(db));
      // attachment() guesses a type from the file name; the explicit type comes after it.
      res.attachment(`iecm-${req.params.file}`).type(download.type).send(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
