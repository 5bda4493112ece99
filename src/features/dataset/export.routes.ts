/**
 * HTTP downloads of the graph: GET /export/graph.json, sources.json, nodes.csv, edges.csv, graph.graphml,
 * graph.gexf (1.2draft; ?version=1.3 for GEXF 1.3). Each is built from a cursor into an on-disk cache file first,
 * at the disk's pace, and the Neo4j transaction and export slot are released as soon as the file is complete; every
 * client, slow or not, is then served from that file. Until the next write, later requests get the cached file
 * without touching Neo4j, and requests for a file being built wait for that build instead of starting another. At
 * most `concurrency` exports read the graph at once: beyond that the answer is 429 with Retry-After (no queue: a
 * queue would hold connections open for minutes). A download that makes no progress for EXPORT_IDLE_TIMEOUT_MS, or
 * is not done after EXPORT_WRITE_DEADLINE_MS, is cut (logged, and counted in export_downloads_cut_total): idle
 * clients hold a socket, never a slot or a transaction. `access: 'editor'` requires an editor or admin token.
 */
import type { Writable } from 'node:stream';
import express from 'express';
import { Counter } from 'prom-client';
import type { Database } from '../../db/database';
import { Authenticator, hasRole } from '../../shared/auth';
import { ErrorCode } from '../../shared/errors';
import type { Logger } from '../../shared/logger';
import { metricsRegistry } from '../../shared/metrics';
import { ExportCache, graphVersion } from './export-cache';
import { chunked, EXPORT_FILES, GEXF_1_3, GEXF_1_3_FILE, graphRecords } from './export';

export type ExportAccess = 'public' | 'editor';

export interface ExportSettings {
  concurrency: number;
  access: ExportAccess;
  authenticator: Authenticator;
  logger?: Logger;
  cache?: ExportCache;
  /** EXPORT_IDLE_TIMEOUT_MS and EXPORT_WRITE_DEADLINE_MS (src/shared/config.ts). */
  timeouts: ExportTimeouts;
}

/** How long a refused client should wait before asking again. */
const RETRY_AFTER_SECONDS = 10;

const downloadsCut = new Counter({
  name: 'export_downloads_cut_total',
  help: 'Downloads of /export/* cut by the server: reason "idle" (no progress) or "deadline" (too long in all)',
  labelNames: ['reason'],
  registers: [metricsRegistry],
});

/** Resolves when `stream` can take more, or is closed. */
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

export interface ExportTimeouts {
  /** A download's connection is cut after this long without the client reading anything... */
  idleMs: number;
  /** ... and this long after it started, however slowly it reads. */
  deadlineMs: number;
}

/** Serves a complete export file, cutting a connection that stalls or outlives the write deadline. */
function sendBuilt(
  res: express.Response,
  file: string,
  next: express.NextFunction,
  { timeouts, logger }: Pick<ExportSettings, 'timeouts' | 'logger'>,
): void {
  const started = Date.now();
  const cut = (reason: 'idle' | 'deadline'): void => {
    if (res.writableFinished || res.destroyed) return;
    downloadsCut.inc({ reason });
    // Operators see who holds downloads open; the client sees its download end short of Content-Length.
    logger?.warn(
      { file: res.req.params.file, reason, ms: Date.now() - started, bytesWritten: res.socket?.bytesWritten ?? 0 },
      reason === 'idle'
        ? 'export download cut: the client read nothing for too long'
        : 'export download cut: past its deadline',
    );
    res.destroy();
  };
  res.setTimeout(timeouts.idleMs, () => cut('idle'));
  const deadline = setTimeout(() => cut('deadline'), timeouts.deadlineMs);
  res.once('close', () => clearTimeout(deadline));
  res.sendFile(file, (error) => {
    clearTimeout(deadline);
    if (error && !res.headersSent) next(error);
  });
}

export function exportRouter(db: Database, settings: ExportSettings): express.Router {
  const router = express.Router();
  const cache = settings.cache ?? new ExportCache();
  let reading = 0;
  /** Files being built, by cache key: a second request for one waits for it instead of reading the graph again. */
  const building = new Map<string, Promise<string>>();

  /** Builds `name` at `graph` into the cache, at the disk's pace, and answers the file. */
  const build = async (name: string, graph: string, file: NonNullable<ReturnType<typeof EXPORT_FILES.get>>) => {
    const entry = cache.begin(name, graph);
    try {
      for await (const chunk of chunked(file.render(graphRecords(db)))) {
        if (!entry.stream.write(chunk)) await drained(entry.stream);
      }
      await entry.commit();
    } catch (error) {
      entry.discard();
      throw error;
    }
    const built = cache.find(name, graph);
    if (!built) throw new Error(`the export ${name} was built but is not in the cache`);
    return built;
  };

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
    try {
      const graph = await graphVersion(db);
      const cached = cache.find(name, graph);
      if (cached) {
        respond();
        sendBuilt(res, cached, next, settings);
        return;
      }
      const key = `${graph}.${name}`;
      let pending = building.get(key);
      if (!pending) {
        if (reading >= settings.concurrency) {
          res
            .status(429)
            .set('Retry-After', String(RETRY_AFTER_SECONDS))
            .json({ error: `${settings.concurrency} exports are running; retry in ${RETRY_AFTER_SECONDS} s.` });
          return;
        }
        reading += 1;
        pending = build(name, graph, file).finally(() => {
          reading -= 1;
          building.delete(key);
        });
        building.set(key, pending);
      }
      // The slot and the transaction are released when the file is built, whatever this client does.
      const built = await pending;
      if (res.destroyed) return;
      respond();
      sendBuilt(res, built, next, settings);
    } catch (error) {
      if (res.headersSent) {
        settings.logger?.warn({ err: error, file: req.params.file }, 'export stopped');
        res.destroy();
      } else {
        next(error);
      }
    }
  });
  return router;
}
