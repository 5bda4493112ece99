/** Prints the figures table of the chaos suite (also in test-results/chaos/figures.md), then stops the shared Neo4j. */
import sharedTeardown from '../../support/global-teardown';
import { writeFiguresTable } from './figures';

export default async function chaosTeardown(): Promise<void> {
  console.log(`\nChaos suite figures (latencies in ms):\n\n${writeFiguresTable()}\n`);
  await sharedTeardown();
}
