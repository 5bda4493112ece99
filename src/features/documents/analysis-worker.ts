/**
 * The body of an analysis worker thread (started by analysis-pool.ts). It keeps one analyzer, built from the known
 * entities of one version of the graph, and analyses the documents it is sent; the pool sends the entities again
 * only when the graph changed.
 */
import { parentPort } from 'node:worker_threads';
import { createAnalyzer, type Analyzer } from './analysis';
import type { WorkerReply, WorkerRequest } from './analysis-protocol';

let current: { version: string; analyzer: Analyzer } | null = null;

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.known) current = { version: request.version, analyzer: createAnalyzer(request.known) };
    if (!current || current.version !== request.version) {
      throw new Error(`the worker has no index of graph version ${request.version}`);
    }
    reply = {
      id: request.id,
      version: current.version,
      analysis: current.analyzer.analyze(request.text, request.context),
    };
  } catch (error) {
    reply = {
      id: request.id,
      version: current?.version ?? null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  parentPort?.postMessage(reply);
});
