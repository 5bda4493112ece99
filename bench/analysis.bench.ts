/**
 * npm run bench:analysis [-- --words 5000 --runs 20]
 * npm run bench:analysis -- --corpus DIR [--json FILE] [--quiet]
 *
 * With --corpus, it scores the analysis on a labelled corpus (<name>.txt + <name>.labels.json), counting as the
 * corpus's reference scorer does (bench/analysis-score.ts), against the seed graph's nodes (those a fresh
 * `npm start` serves): per article and in total, entities P/R, relations (typed) P/R and quantities P/R, and
 * the misses. Without it, it times the analysis on a document of about that many words (the three labelled articles
 * repeated), against 100 and against 50,000 known entities: building the index once, then each analysis.
 * The 50,000 are the seed's nodes plus generated institutions, people and acronyms that share first words
 * ("Instituto", "Comisión", "Universidad"…) with the articles, so lookups hit crowded index buckets.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAnalyzer, type KnownEntity } from '../src/features/documents/analysis';
import { validateDataset } from '../src/features/dataset/dataset-format';
import { NodeKind } from '../src/model/graph-model';
import { PROJECT_ROOT } from '../src/shared/paths';
import { seedFiles } from '../src/features/dataset/seed';
import {
  addToTotals,
  emptyTotals,
  parseCorpusFile,
  ratio,
  scoreArticle,
  summaryOf,
  type ArticleScore,
  type CorpusLabels,
  type ScoredSentence,
} from './analysis-score';

const { values } = parseArgs({
  options: {
    words: { type: 'string' },
    runs: { type: 'string' },
    corpus: { type: 'string' },
    json: { type: 'string' },
    quiet: { type: 'boolean' },
  },
});
const wordTarget = Number(values.words ?? 5000);
const runs = Number(values.runs ?? 20);

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same entities. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function seedNodes(): KnownEntity[] {
  const file = path.join(PROJECT_ROOT, 'cypher', 'seed', 'iecm-alianzas-2024-09-25.json');
  const { dataset } = validateDataset(JSON.parse(readFileSync(file, 'utf8')));
  return (dataset?.nodes ?? []).map((n) => ({ id: n.id, kind: n.kind, name: n.name, aliases: n.aliases ?? [] }));
}

function articleText(): string {
  const dir = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'analysis');
  const read = (id: string): { sentences: { text: string }[] } =>
    JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8')) as { sentences: { text: string }[] };
  return ['nota-iecm-alianzas-2024-09-25', 'cronica-2025-iecm-125-convenios', 'cronica-2025-12-09-iecm-instala-covin']
    .flatMap((id) => read(id).sentences.map((s) => s.text))
    .join('\n');
}

function documentOf(words: number): string {
  const article = articleText();
  const perArticle = article.split(/\s+/).length;
  return Array.from({ length: Math.ceil(words / perArticle) }, () => article).join('\n\n');
}

const HEADS = ['Instituto', 'Comisión', 'Universidad', 'Secretaría', 'Dirección', 'Consejo', 'Fiscalía', 'Colegio'];
const WORDS = [
  'Nacional',
  'Estatal',
  'Electoral',
  'de Vinculación',
  'de Estudios',
  'Superiores',
  'de Seguridad',
  'Ciudadana',
  'de la Ciudad de México',
  'de Organismos',
  'Externos',
  'para el Desarrollo',
  'Técnico',
  'de Justicia',
  'General',
  'Autónoma',
  'Metropolitana',
  'de Gestión',
  'Pública',
  'de Cultura',
  'Cívica',
  'de Participación',
  'Social',
];
const GIVEN = ['Sonia', 'Erika', 'Ernesto', 'Cecilia', 'María', 'Juan', 'Ana', 'Pedro', 'Lucía', 'Carlos'];
const SURNAMES = ['Pérez', 'Estrada', 'Ramos', 'Hernández', 'Ruiz', 'Mega', 'Cruz', 'López', 'García', 'Soto'];

function generated(count: number, next: () => number): KnownEntity[] {
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)] ?? '';
  return Array.from({ length: count }, (_, i) => {
    if (i % 5 === 4) {
      const name = `${pick(GIVEN)} ${pick(SURNAMES)} ${pick(SURNAMES)} ${i}`;
      return { id: `person-${i}`, kind: NodeKind.PERSON, name, aliases: [] };
    }
    const words = Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(WORDS));
    const name = `${pick(HEADS)} ${words.join(' ')} ${i}`;
    const acronym = `X${i.toString(36).toUpperCase()}`;
    return { id: `org-${i}`, kind: NodeKind.ORGANIZATION, name, aliases: [acronym] };
  });
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Every node of the seed graph, as the service reads it after `npm run db:seed` (later files update a node). */
function allSeedNodes(): KnownEntity[] {
  const byId = new Map<string, KnownEntity>();
  for (const file of seedFiles()) {
    const { dataset } = validateDataset(JSON.parse(readFileSync(file, 'utf8')));
    for (const n of dataset?.nodes ?? [])
      byId.set(n.id, { id: n.id, kind: n.kind, name: n.name, aliases: n.aliases ?? [] });
  }
  return [...byId.values()];
}

/** The text the service analyses (documents.service's documentText, without its input checks, which pull in the
 * GraphQL layer): the title is sentence 0 unless the body opens with it. */
function documentText(title: string, text: string): string {
  const body = text.trim();
  const firstLine = body.split('\n', 1)[0]?.trim() ?? '';
  return firstLine === title.trim() ? body : `${title.trim()}\n${body}`;
}

function corpusBench(dir: string): void {
  const known = allSeedNodes();
  const byId = new Map(known.map((n) => [n.id, n]));
  const analyzer = createAnalyzer(known);
  let tot = emptyTotals();
  const rows: ArticleScore[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const labels = JSON.parse(
      readFileSync(path.join(dir, file.replace(/\.txt$/, '.labels.json')), 'utf8'),
    ) as CorpusLabels;
    const doc = parseCorpusFile(readFileSync(path.join(dir, file), 'utf8'));
    const { sentences } = analyzer.analyze(documentText(doc.title, doc.text), { publishedAt: doc.publishedAt });
    // The same shape the GraphQL answer gives the reference scorer: mentions carry their node's names.
    const scored: ScoredSentence[] = sentences.map((s) => ({
      ...s,
      mentions: s.mentions.map((m) => {
        const node = byId.get(m.nodeId);
        return { text: m.text, node: { id: m.nodeId, name: node?.name ?? '', aliases: node?.aliases ?? [] } };
      }),
    }));
    const row = scoreArticle(file, labels, scored);
    rows.push(row);
    tot = addToTotals(tot, row);
    const { entities: e, relations: r, quantities: q } = row;
    console.log(
      `${file}: entities ${e.found}/${e.want} found, ${e.right}/${e.proposed} right; relations ${r.typed}/${r.want} typed, ${r.untyped} untyped, ${r.right}/${r.proposed} right; quantities ${q.found}/${q.want}, ${q.right}/${q.proposed} right`,
    );
    if (!values.quiet) {
      const list = (label: string, items: readonly (string | number)[]): void => {
        if (items.length) console.log(`    ${label}: ${items.join(' | ')}`);
      };
      list('missing entities', e.missing);
      list('wrong entities', e.wrong);
      list('missed relations', r.missed);
      list('wrong relations', r.wrong);
      list('missed quantities', q.missed);
      list('wrong quantities', q.wrong);
    }
  }
  const summary = summaryOf(tot);
  console.log(
    `corpus ${rows.length} articles: entities P ${summary.entityPrecision} R ${summary.entityRecall}; relations P ${summary.relationPrecision} R ${summary.relationRecallTyped} typed / ${summary.relationRecallUntyped} untyped; quantities P ${summary.quantityPrecision} R ${summary.quantityRecall}`,
  );
  console.log('');
  console.log(
    '| article | entities P | entities R | relations P | relations R (typed) | quantities P | quantities R |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { file, entities: e, relations: r, quantities: q } of rows)
    console.log(
      `| ${file.replace(/\.txt$/, '')} | ${ratio(e.right, e.proposed)} | ${ratio(e.found, e.want)} | ${ratio(r.right, r.proposed)} | ${ratio(r.typed, r.want)} | ${ratio(q.right, q.proposed)} | ${ratio(q.found, q.want)} |`,
    );
  console.log(
    `| **total** | ${summary.entityPrecision} | ${summary.entityRecall} | ${summary.relationPrecision} | ${summary.relationRecallTyped} | ${summary.quantityPrecision} | ${summary.quantityRecall} |`,
  );
  if (values.json) writeFileSync(values.json, JSON.stringify({ summary: { ...summary, totals: tot }, rows }, null, 2));
}

function timingBench(): void {
  const text = documentOf(wordTarget);
  const wordCount = text.split(/\s+/).filter(Boolean).length;
  const rows: string[] = [];
  for (const knownCount of [100, 50_000]) {
    const seed = seedNodes();
    const known = [...seed, ...generated(knownCount - seed.length, random(7))];
    const built = performance.now();
    const analyzer = createAnalyzer(known);
    const buildMs = performance.now() - built;
    analyzer.analyze(text); // warm-up
    const samples = Array.from({ length: runs }, () => {
      const start = performance.now();
      analyzer.analyze(text);
      return performance.now() - start;
    });
    rows.push(
      `| ${String(known.length).padStart(6)} | ${String(wordCount).padStart(5)} | ${buildMs.toFixed(0).padStart(8)} | ${median(samples).toFixed(1).padStart(9)} | ${Math.max(
        ...samples,
      )
        .toFixed(1)
        .padStart(7)} |`,
    );
  }
  console.log(`Document analysis, ${runs} runs after one warm-up (Node ${process.version})`);
  console.log('|  known | words | index ms | median ms |  max ms |');
  console.log('| -----: | ----: | -------: | --------: | ------: |');
  for (const row of rows) console.log(row);
}

if (values.corpus) corpusBench(values.corpus);
else timingBench();
