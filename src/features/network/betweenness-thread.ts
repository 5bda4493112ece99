/**
 * Betweenness on a worker thread: it takes seconds on a large network (bench:network), and on the request's thread
 * it would stall every other request meanwhile. The worker runs the same graphology-metrics function on a copy of
 * the graph; it is plain JavaScript from node_modules, so it loads the same way from sources, tests and dist.
 */
import { Worker } from 'node:worker_threads';
import type { UndirectedGraph } from 'graphology';

type SerializedGraph = ReturnType<UndirectedGraph['export']>;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { UndirectedGraph } = require(workerData.graphology);
const betweennessCentrality = require(workerData.betweenness);
const graph = UndirectedGraph.from(workerData.graph);
parentPort.postMessage(betweennessCentrality(graph, { getEdgeWeight: null, normalized: false }));
`;

/** Unnormalized betweenness of each node of the serialized undirected graph, in hops. */
export function betweennessOnWorker(graph: SerializedGraph): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        graph,
        graphology: require.resolve('graphology'),
        betweenness: require.resolve('graphology-metrics/centrality/betweenness'),
      },
    });
    worker.once('message', (scores: Record<string, number>) => resolve(scores));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the betweenness worker stopped with code ${code}`));
    });
  });
}
