/**
 * The chaos suite's set-up: the shared throwaway Neo4j of tests/support/global-setup.ts, and (meanwhile) a fresh
 * build of dist/, since several scenarios run the real `node dist/src/main.js`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import sharedSetup from '../../support/global-setup';
import { resetFigures } from './figures';

const PROJECT_ROOT = path.join(__dirname, '..', '..', '..');

async function build(): Promise<void> {
  const started = Date.now();
  try {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: PROJECT_ROOT,
    });
  } catch (error) {
    const { stdout = '' } = error as { stdout?: string };
    throw new Error(`npm run build failed:\n${stdout}`);
  }
  console.log(`built dist/ in ${Date.now() - started} ms`);
}

export default async function chaosSetup(): Promise<void> {
  resetFigures();
  await Promise.all([build(), sharedSetup()]);
}
