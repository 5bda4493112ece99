/**
 * HTTP downloads of the graph: GET /export/graph.json, sources.json, nodes.csv, edges.csv, graph.graphml,
 * graph.gexf (1.2draft; ?version=1.3 for GEXF 1.3). Each is streamed from a cursor to the response with back-pressure, and to an on-disk cache at the
 * same time; until the next write, later requests get the cached file without touching Neo4j. At most
 * `concurrency` exports read the graph at once: beyond that the answer is 429 with Retry-After (no queue: a
 * queue would hold connections open for minutes). `access: 'editor'` requires an editor or admin token.
 */
import type { Writable } from 'node:stream';
import express from 'express';
import type { Database } from '../../db/database';
import { Authenticator, hasRole } from '../../shared/auth';
import { ErrorCode } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { ExportCache, graphVersion } from './export-cache';
import { chunked, EXPORT_FILES, GEXF_1_3, GEXF_1_3_FILE, graphRecords } from './export';

export type ExportAccess = 'public' | 'editor';

export interface ExportSettings {
  concurrency: number;
  access: ExportAccess;
  authenticator: Authenticator;
  logger?: Logger;
  cache?: ExportCache;
}

/** How long a refused client should wait before asking again. */
const RETRY_AFTER_SECONDS = 10;

/** Resolves when `stream` can take more, or is closed (a client that went away). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Writes `chunk` to every destination, waiting for each that asks to (back-pressure). */
async function writeAll(destinations: Writable[], chunk: string): Promise<void> {
  await Promise.all(destinations.filter((destination) => !destination.write(chunk)).map(drained));
}

export function exportRouter(db: Database, settings: ExportSettings): express.Router {
  const router = express.Router();
  const cache = settings.cache ?? new ExportCache();
  let reading = 0;

  router.get('/export/:file', async (req, res, next) => {
    let name = req.params.file;
    let file = EXPORT_FILES.get(name);
    if (!file) {
      res.status(404).json({ error: `No such export; try one of ${[...EXPORT_FILES.keys()].join(', ')}` });
      return;
    }
    // GEXF is 1.2draft, which every reader knows; ?version=1.3 asks for 1.3.
    const version = req.query.version;
    if (name === 'graph.gexf' && version !== undefined && version !== '1.2' && version !== '1.2draft') {
      if (version !== '1.3') {
        res.status(400).json({ error: 'version is 1.2draft (the default) or 1.3', code: ErrorCode.BAD_USER_INPUT });
        return;
      }
      name = GEXF_1_3_FILE;
      file = GEXF_1_3;
    }
    if (settings.access === 'editor') {
      const auth = await settings.authenticator.authenticate(req.headers.authorization);
      if (auth.error || !auth.principal || !hasRole(auth.principal, 'editor')) {
        const forbidden = auth.error?.extensions.code === ErrorCode.FORBIDDEN;
        res.status(forbidden ? 403 : 401).json({
          error: auth.error?.message ?? 'Exports need "Authorization: Bearer <token>" of an editor.',
          code: forbidden ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED,
        });
        return;
      }
    }
    // attachment() guesses a type from the file name; the explicit type comes after it.
    const respond = (): void => void res.attachment(`iecm-${req.params.file}`).type(file.contentType);
    let entry: ReturnType<ExportCache['begin']> | undefined;
    let counted = false;
    try {
      const graph = await graphVersion(db);
      const cached = cache.find(name, graph);
      if (cached) {
        respond();
        res.sendFile(cached, (error) => error && next(error));
        return;
      }
      if (reading >= settings.concurrency) {
        res
          .status(429)
          .set('Retry-After', String(RETRY_AFTER_SECONDS))
          .json({ error: `${settings.concurrency} exports are running; retry in ${RETRY_AFTER_SECONDS} s.` });
        return;
      }
      reading += 1;
      counted = true;
      respond();
      entry = cache.begin(name, graph);
      for await (const chunk of chunked(file.render(graphRecords(db)))) {
        if (res.destroyed) throw new Error('the client went away');
        await writeAll([res, entry.stream], chunk);
      }
      await entry.commit();
      entry = undefined;
      res.end();
    } catch (error) {
      entry?.discard();
      if (res.headersSent) {
        settings.logger?.warn({ err: error, file: req.params.file }, 'export stopped');
        res.destroy();
      } else {
        next(error);
      }
    } finally {
      if (counted) reading -= 1;
    }
  });
  return router;
}
