/**
 * npm run export -- --format json|csv|graphml|gexf <out>
 * json, graphml and gexf write one file; csv writes a folder with nodes.csv, edges.csv and sources.json.
 * Files are streamed from the database: memory stays constant whatever the size of the graph.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { chunked, EXPORT_FILES, graphRecords } from '../features/dataset/export';
import { answerHelp } from './args';
import { runCli } from './run-cli';

answerHelp({
  usage: 'npm run export -- [--format json|csv|graphml|gexf] <out>',
  description:
    'Writes the whole graph, streamed from Neo4j. json (the import format), graphml and gexf write the file <out>; ' +
    'csv writes the folder <out> with nodes.csv, edges.csv and sources.json.',
  options: { '--format F': 'json (default), csv, graphml (yEd) or gexf (Gephi)' },
  example: 'npm run export -- --format gexf graph.gexf',
});

const FILES_OF_FORMAT: Record<string, string[]> = {
  json: ['graph.json'],
  csv: ['sources.json', 'nodes.csv', 'edges.csv'],
  graphml: ['graph.graphml'],
  gexf: ['graph.gexf'],
};
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'json' } },
});
const names = Object.hasOwn(FILES_OF_FORMAT, values.format) ? FILES_OF_FORMAT[values.format] : undefined;
const [target] = positionals;
if (!names || !target || positionals.length !== 1) {
  console.error(`usage: npm run export -- --format ${Object.keys(FILES_OF_FORMAT).join('|')} <out>`);
  process.exit(2);
}
const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);

runCli(async ({ db }) => {
  const graph = graphRecords(db);
  if (names.length > 1) mkdirSync(out, { recursive: true });
  for (const name of names) {
    const file = EXPORT_FILES.get(name);
    if (!file) throw new Error(`No export named ${name}`);
    const destination = names.length > 1 ? path.join(out, name) : out;
    await pipeline(Readable.from(chunked(file.render(graph))), createWriteStream(destination));
    console.log(`exported ${destination}`);
  }
});
