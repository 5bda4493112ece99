/**
 * The scale graph's database, shared by the benchmarks that load it (bench:scale, bench:explorer): the marker a
 * kept home (`--keep-db`) carries to be reused, and the subjects chosen from the loaded graph (the hub, a median
 * node, a far node).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { RELATION_TYPES } from '../../src/model/graph-model';
import { HUB_ID } from './generate';
import { at, count, only, text, type Json } from './json';
import type { Subjects } from './questions';
import { askCypher } from './systems';

export const MARKER = 'scale-dataset.json';

export interface Marker {
  relationships: number;
  seed: number;
  generateSeconds: number;
  loadSeconds: number;
  loadMethod: string;
  loadReport: string;
}

export function readMarker(home: string): Marker | null {
  const file = path.join(home, MARKER);
  if (!existsSync(file)) return null;
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return {
    relationships: count(at(value, 'relationships')),
    seed: count(at(value, 'seed')),
    generateSeconds: count(at(value, 'generateSeconds')),
    loadSeconds: count(at(value, 'loadSeconds')),
    loadMethod: text(at(value, 'loadMethod')),
    loadReport: text(at(value, 'loadReport')),
  };
}

/** A home to (re)load: refuses a folder with other contents, so --keep-db never wipes a stranger's files. */
export function prepareKeptHome(home: string, marker: Marker | null): void {
  if (!existsSync(home)) return;
  const entries = readdirSync(home);
  if (entries.length > 0 && !marker) {
    throw new Error(`--keep-db ${home} holds files but no ${MARKER}: give an empty or new folder`);
  }
  for (const entry of entries) rmSync(path.join(home, entry), { recursive: true, force: true });
}

export async function single(driver: Driver, cypherText: string, params: Record<string, Json> = {}): Promise<unknown> {
  return only(await askCypher(driver, cypherText, params));
}

/** The hub, a node of median PARTNERS degree that shares partners with it, and a node 3–4 hops away. */
export async function chooseSubjects(driver: Driver): Promise<Subjects> {
  const hubDegree = count(
    at(
      await single(driver, 'MATCH (h:Entity {id: $hub}) RETURN COUNT { (h)-[:PARTNERS]-() } AS d', { hub: HUB_ID }),
      'd',
    ),
  );
  const medianDegree = count(
    at(
      await single(
        driver,
        `MATCH (n:Entity)
         WITH COUNT { (n)-[:PARTNERS]-() } AS degree WHERE degree > 0
         WITH degree ORDER BY degree
         WITH collect(degree) AS degrees
         RETURN degrees[size(degrees) / 2] AS median`,
      ),
      'median',
    ),
  );
  const medianRows = await askCypher(
    driver,
    `MATCH (n:Entity) WHERE n.id <> $hub AND COUNT { (n)-[:PARTNERS]-() } = $degree
     RETURN n.id AS id, EXISTS { (n)-[:PARTNERS]-(:Entity)-[:PARTNERS]-(:Entity {id: $hub}) } AS shares
     ORDER BY shares DESC, n.id LIMIT 1`,
    { hub: HUB_ID, degree: medianDegree },
  );
  const median = text(at(only(medianRows), 'id'));
  const pathTypes = Object.keys(RELATION_TYPES)
    .filter((type) => type !== 'REPORTED_IN' && type !== 'REPORTS_ON')
    .join('|');
  for (const label of ['Person', 'Unit', 'Group', 'City', 'Faculty']) {
    const rows = await askCypher(
      driver,
      `MATCH (a:Entity {id: $hub})
       MATCH (b:${label}) WITH a, b ORDER BY b.id LIMIT 40
       MATCH p = shortestPath((a)-[:${pathTypes}*..4]-(b))
       RETURN b.id AS id, length(p) AS distance`,
      { hub: HUB_ID },
    );
    const found = [4, 3]
      .map((distance) => rows.find((row) => at(row, 'distance') === distance))
      .find((row) => row !== undefined);
    if (found) {
      return {
        hub: HUB_ID,
        hubDegree,
        median,
        medianDegree,
        far: text(at(found, 'id')),
        farDistance: count(at(found, 'distance')),
      };
    }
  }
  throw new Error('no node 3 or 4 hops from the hub among the candidates');
}
