/**
 * Betweenness on worker threads: it takes seconds on a large network (bench:network), and on the request's thread
 * it would stall every other request meanwhile. A fixed pool of workers serves a bounded queue: however many
 * requests (or aliases) ask at once, the process runs at most BETWEENNESS_WORKERS computations and holds at most
 * BETWEENNESS_QUEUE graphs waiting; past that, the caller is told to come back (DB_UNAVAILABLE, 503). The workers
 * run the same graphology-metrics function on a copy of the graph; it is plain JavaScript from node_modules, so
 * it loads the same way from sources, tests and dist.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UndirectedGraph } from 'graphology';
import { appError, ErrorCode } from '../../shared/errors';

type SerializedGraph = ReturnType<UndirectedGraph['export']>;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { UndirectedGraph } = require(workerData.graphology);
const betweennessCentrality = require(workerData.betweenness);
parentPort.on('message', (graph) => {
  parentPort.postMessage(betweennessCentrality(UndirectedGraph.from(graph), { getEdgeWeight: null, normalized: false }));
});
`;

/** One core is left to the event loop (health checks, every other request). */
export const BETWEENNESS_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Graphs waiting for a worker; each holds a copy of a network of up to METRICS_MAX_RELATIONSHIPS. */
export const BETWEENNESS_QUEUE = 8;

interface Job {
  graph: SerializedGraph;
  resolve: (scores: Record<string, number>) => void;
  reject: (error: unknown) => void;
}

class BetweennessPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private started = 0;

  constructor(
    private readonly size: number,
    private readonly maxQueued: number,
  ) {}

  run(graph: SerializedGraph): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      if (this.queue.length >= this.maxQueued) {
        reject(
          appError(ErrorCode.DB_UNAVAILABLE, 'The server is computing other networks right now; retry shortly.', {
            reason: 'BETWEENNESS_QUEUE_FULL',
          }),
        );
        return;
      }
      this.queue.push({ graph, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.runOn(worker, job);
    }
  }

  private spawn(): Worker {
    this.started += 1;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        graphology: require.resolve('graphology'),
        betweenness: require.resolve('graphology-metrics/centrality/betweenness'),
      },
    });
    // An idle worker must not keep a process (a test, a tool) alive.
    worker.unref();
    return worker;
  }

  private runOn(worker: Worker, job: Job): void {
    const done = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (scores: Record<string, number>): void => {
      done();
      job.resolve(scores);
      this.idle.push(worker);
      this.dispatch();
    };
    const onError = (error: unknown): void => {
      done();
      job.reject(error);
      // A worker that failed is not reused; its place is free for a new one.
      this.started -= 1;
      void worker.terminate();
      this.dispatch();
    };
    const onExit = (code: number): void => onError(new Error(`the betweenness worker stopped with code ${code}`));
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(job.graph);
  }
}

const pool = new BetweennessPool(BETWEENNESS_WORKERS, BETWEENNESS_QUEUE);

/** Unnormalized betweenness of each node of the serialized undirected graph, in hops. */
export function betweennessOnWorker(graph: SerializedGraph): Promise<Record<string, number>> {
  return pool.run(graph);
}
