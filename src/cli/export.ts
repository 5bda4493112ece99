/**
 * npm run export -- --format json|csv|graphml <out>
 * json and graphml write one file; csv writes a folder with nodes.csv, edges.csv and sources.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportDataset, toCsvFiles, toGraphML } from '../features/dataset/export';
import { runCli } from './run-cli';

const FORMATS = ['json', 'csv', 'graphml'] as const;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'json' } },
});
const format = values.format as (typeof FORMATS)[number];
if (!FORMATS.includes(format) || positionals.length !== 1) {
  console.error('usage: npm run export -- --format json|csv|graphml <out>');
  process.exit(2);
}
const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);

runCli(async ({ db }) => {
  const dataset = await exportDataset(db);
  if (format === 'csv') {
    mkdirSync(out, { recursive: true });
    for (const [name, content] of Object.entries(toCsvFiles(dataset))) writeFileSync(path.join(out, name), content);
  } else {
    writeFileSync(out, format === 'json' ? `${JSON.stringify(dataset, null, 2)}\n` : toGraphML(dataset));
  }
  console.log(
    `exported ${dataset.nodes.length + dataset.sources.length} nodes and ${dataset.relationships.length} relationships to ${out}`,
  );
});
