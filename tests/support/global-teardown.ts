import { rmSync } from 'node:fs';
import { stop } from '../../tools/neo4j/local-neo4j';
import { STATE_KEY, type TestNeo4jState } from './global-setup';

/** Stops the throwaway Neo4j and removes its data; jest runs this also when tests failed. */
export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[STATE_KEY] as TestNeo4jState | undefined;
  if (!state?.home) return;
  await stop(state.home);
  rmSync(state.home, { recursive: true, force: true });
}
