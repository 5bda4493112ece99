/**
 * The scale graph in a local Neo4j, opened the same way by every bench that measures it (bench:scale,
 * bench:explorer): a kept home (`--keep-db`) is reused when its marker matches the size and seed, otherwise the graph
 * is generated, loaded with the import's fast path and, in a kept home, marked for the next run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { stop, type RunningNeo4j } from '../../tools/neo4j/local-neo4j';
import { loadGraph, writeDatasetParts } from './load';
import { MARKER, prepareKeptHome, readMarker, type Marker } from './subjects';

/** `load`: the Neo4j the graph is loaded into; `measure`: the one the bench then asks (after the load or reused). */
export type Neo4jPhase = 'load' | 'measure';

export interface ScaleGraphRequest {
  /** The Neo4j home: the kept one (`--keep-db`) or a throwaway folder. */
  home: string;
  relationships: number;
  seed: number;
  /** Whether `home` is kept: only a kept home is reused and marked. */
  keepDb: boolean;
  /** Starts Neo4j in `home`; each bench chooses its heap and settings, possibly per phase. */
  start: (phase: Neo4jPhase) => Promise<RunningNeo4j>;
  log: (message: string) => void;
}

export interface ScaleGraph {
  neo4j: RunningNeo4j;
  /** The generate and load figures; reusing a kept home, those of the run that loaded it. */
  timings: Marker;
  reused: boolean;
}

/** Starts Neo4j holding the scale graph, generating and loading it unless a kept home already holds it. */
export async function openScaleGraph(request: ScaleGraphRequest): Promise<ScaleGraph> {
  const { home, relationships, seed, keepDb, start, log } = request;
  const marker = keepDb ? readMarker(home) : null;
  if (marker?.relationships === relationships && marker.seed === seed) {
    const neo4j = await start('measure');
    log(`reusing the database in ${home} (${relationships} relationships, seed ${seed})`);
    return { neo4j, timings: marker, reused: true };
  }
  if (keepDb) prepareKeptHome(home, marker);
  const partsDir = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-scale-parts-'));
  try {
    log(`generating ${relationships} relationships (seed ${seed})`);
    const generating = performance.now();
    const parts = await writeDatasetParts(partsDir, { relationships, seed });
    const generateSeconds = (performance.now() - generating) / 1000;
    log(
      `generated ${parts.nodes} nodes, ${parts.relationships} relationships in ${generateSeconds.toFixed(1)} s; loading`,
    );
    const loading = await start('load');
    // The fast path replaces the store, then starts Neo4j again through `restart`: that one is kept.
    let restarted: RunningNeo4j | null = null;
    const load = await loadGraph({
      home,
      boltUri: loading.uri,
      files: parts.files,
      restart: async () => (restarted = await start('measure')).uri,
    });
    log(`loaded in ${(load.ms / 1000).toFixed(1)} s: ${load.report}`);
    if (!restarted) throw new Error('the fast path did not start Neo4j again');
    const timings: Marker = {
      relationships,
      seed,
      generateSeconds,
      loadSeconds: load.ms / 1000,
      loadMethod: load.method,
      loadReport: load.report,
    };
    if (keepDb) writeFileSync(path.join(home, MARKER), JSON.stringify(timings, null, 2));
    return { neo4j: restarted, timings, reused: false };
  } finally {
    rmSync(partsDir, { recursive: true, force: true });
  }
}

/**
 * Closes the bench's driver (before its server goes away), stops the Neo4j in `home` and, unless the home is kept,
 * deletes it. Safe after a failed open: each part may be missing.
 */
export async function closeScaleGraph(graph: { home: string; keepDb: boolean; driver: Driver | null }): Promise<void> {
  await graph.driver?.close();
  await stop(graph.home);
  if (!graph.keepDb) rmSync(graph.home, { recursive: true, force: true });
}
