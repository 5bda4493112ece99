/**
 * npm run docs:model: writes the data-model tables of the docs from the graph model (src/model/graph-model.ts),
 * between the markers `<!-- model:kinds:start -->` … `<!-- model:kinds:end -->` and `<!-- model:relations:start -->`
 * … `<!-- model:relations:end -->` of any Markdown file that has them (README.md and docs/data-model.md). A unit
 * test fails when a file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NODE_KINDS, NodeKind, RELATION_TYPES, RelationType, relationEnds } from '../model/graph-model';
import { PROJECT_ROOT } from '../shared/paths';
import { answerHelp } from './args';

/** The files the command writes by default. */
export const MODEL_DOC_FILES = [path.join(PROJECT_ROOT, 'README.md'), path.join(PROJECT_ROOT, 'docs', 'data-model.md')];

/** The blocks a file may carry, by marker name. */
export const MODEL_BLOCKS = ['kinds', 'relations'] as const;
export type ModelBlock = (typeof MODEL_BLOCKS)[number];

export const startMarker = (block: ModelBlock): string => `<!-- model:${block}:start -->`;
export const endMarker = (block: ModelBlock): string => `<!-- model:${block}:end -->`;

const code = (text: string): string => `\`${text}\``;
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** A Markdown table laid out as prettier lays it out (padded columns), so `prettier --check` accepts it. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => [...(row[i] ?? '')].length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((text, i) => text + ' '.repeat((widths[i] ?? 0) - [...text].length)).join(' | ')} |`;
  const [head, ...body] = all;
  return [line(head ?? []), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

/** The kinds table: one row per kind, in the model's order. */
export function kindsTable(): string {
  return markdownTable(
    ['kind', 'type and label', 'category', 'English', 'Spanish', 'what it is', 'explorer'],
    Object.values(NodeKind).map((kind) => {
      const meta = NODE_KINDS[kind];
      return [
        code(kind),
        code(meta.typeName),
        meta.category,
        meta.label,
        meta.labelEs,
        meta.description,
        `${meta.shape}, ${code(meta.color)}`,
      ];
    }),
  );
}

/** The relationship types table: what each joins, each way, in the model's order. */
export function relationsTable(): string {
  return markdownTable(
    ['relationship', 'from', 'to', 'reads', 'partnership', 'English', 'Spanish', 'meaning'],
    Object.values(RelationType).map((type) => {
      const meta = RELATION_TYPES[type];
      const ends = relationEnds(type);
      return [
        code(type),
        ends.from.map(code).join(', '),
        ends.to.map(code).join(', '),
        `${meta.fromRole} → ${meta.toRole}`,
        meta.partnership ? 'yes' : '',
        meta.label,
        meta.labelEs,
        meta.description,
      ];
    }),
  );
}

const BLOCKS: Record<ModelBlock, () => string> = { kinds: kindsTable, relations: relationsTable };

/** `text` with every marked block replaced by the model's table; other text is left as it is. */
export function withModelTables(text: string): string {
  let result = text;
  for (const block of MODEL_BLOCKS) {
    const start = startMarker(block);
    const end = endMarker(block);
    let from = result.indexOf(start);
    while (from !== -1) {
      const to = result.indexOf(end, from);
      if (to === -1) throw new Error(`${start} has no ${end} after it`);
      const generated = `${start}\n\n<!-- Written by \`npm run docs:model\` from src/model/graph-model.ts: edit the model, not this table. -->\n\n${BLOCKS[block]()}\n\n`;
      result = result.slice(0, from) + generated + result.slice(to);
      from = result.indexOf(start, from + generated.length);
    }
  }
  return result;
}

/** The files among `files` whose tables are not the model's. */
export function staleModelDocs(files: readonly string[] = MODEL_DOC_FILES): string[] {
  return files.filter((file) => {
    const text = readFileSync(file, 'utf8');
    return withModelTables(text) !== text;
  });
}

if (require.main === module) {
  answerHelp({
    usage: 'npm run docs:model [-- <file.md>...]',
    description:
      'Writes the node kinds and relationship types tables from src/model/graph-model.ts between the ' +
      '<!-- model:kinds:start/end --> and <!-- model:relations:start/end --> markers of README.md and ' +
      'docs/data-model.md, or of the files given (a test checks they are up to date).',
    example: 'npm run docs:model && git diff README.md docs/',
  });
  const args = process.argv.slice(2);
  for (const file of args.length > 0 ? args.map((arg) => path.resolve(arg)) : MODEL_DOC_FILES) {
    const text = readFileSync(file, 'utf8');
    const updated = withModelTables(text);
    if (updated !== text) writeFileSync(file, updated);
    console.log(`${updated === text ? 'up to date' : 'wrote'} ${path.relative(process.cwd(), file)}`);
  }
}
