/** The scale benchmark's results: their shape, the markdown tables, and the "Scale" section of bench/RESULTS.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { ProfileSummary } from './cpu-profile';
import type { PlanCost } from './db-profile';
import { MINIMAL_SHARE_TARGET, PEER_FACTOR_TARGET, RATIO_TARGET, type Subjects } from './questions';

export interface BySystem {
  graphql: number | null;
  cypher: number | null;
  peer: number | null;
}

export interface QuestionResult {
  key: string;
  label: string;
  agree: boolean;
  /** Where the answers differ (empty when they agree). */
  disagreements: string[];
  /** Why the peer cannot ask it (null when it can). */
  peerUnavailable: string | null;
  runs: number;
  p50: BySystem;
  p95: BySystem;
  p99: BySystem;
  /** The API's p50 over the hand-written Cypher's. */
  ratioP50: number | null;
  targetP95: number;
  metP95: boolean;
  metRatio: boolean;
}

export interface ThroughputResult {
  key: string;
  connections: number;
  /** Requests per second. */
  graphql: number;
  peer: number | null;
  /** The minimal HTTP server running the hand-written Cypher. */
  http: number;
  failed: { graphql: number; peer: number | null; http: number };
  metPeer: boolean | null;
  metMinimal: boolean;
}

export interface QueryCost {
  /** The registered query's name (API) or "hand-written". */
  name: string;
  cost: PlanCost;
}

export interface MissProfile {
  key: string;
  /** Each Cypher query one API request sent, in order, with its PROFILE. */
  api: QueryCost[];
  cypher: PlanCost;
  /** CPU profile of the API while answering the question under load (with --profile). */
  cpu: ProfileSummary | null;
  cpuProfileFile: string | null;
}

export interface ScaleResults {
  relationships: number;
  seed: number;
  date: string;
  machine: { cpus: string; cores: number; memoryGiB: number; node: string; platform: string };
  loadAverage: { before: number[]; after: number[] };
  neo4j: { version: string; heap: string; pageCache: string; plugins: string[] };
  graph: { nodes: number; relationships: number; partnerships: number };
  timings: {
    generateSeconds: number | null;
    loadSeconds: number | null;
    loadMethod: string;
    loadReport: string;
    /** Relationships loaded per second, partnerships included. */
    loadRate: number | null;
    reusedDatabase: boolean;
    totalSeconds: number;
    /** Seconds per phase of this run. */
    phases: Record<string, number>;
  };
  subjects: Subjects;
  settings: { runs: number; warmup: number; budgetSeconds: number; durationSeconds: number; connections: number[] };
  questions: QuestionResult[];
  throughput: ThroughputResult[];
  profiles: MissProfile[];
}

const ms = (value: number | null): string => (value === null ? '—' : value.toFixed(value < 10 ? 2 : 1));
const mark = (met: boolean | null): string => (met === null ? '—' : met ? 'met' : '**missed**');
const thousands = (value: number | null): string => (value === null ? '—' : value.toLocaleString('en-US'));

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export function latencyTable(results: ScaleResults): string {
  return table(
    [
      'question',
      'agree',
      'runs',
      'API p50',
      'API p95',
      'API p99',
      'Cypher p50',
      'Cypher p95',
      'Cypher p99',
      'peer p50',
      'peer p95',
      'peer p99',
      'API/Cypher p50',
      `target API p95`,
      `ratio ≤ ${RATIO_TARGET}`,
    ],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    results.questions.map((q) => [
      q.label,
      q.agree ? 'yes' : '**NO**',
      String(q.runs),
      ms(q.p50.graphql),
      ms(q.p95.graphql),
      ms(q.p99.graphql),
      ms(q.p50.cypher),
      ms(q.p95.cypher),
      ms(q.p99.cypher),
      ms(q.p50.peer),
      ms(q.p95.peer),
      ms(q.p99.peer),
      q.ratioP50 === null ? '—' : q.ratioP50.toFixed(2),
      `≤ ${q.targetP95} ms: ${mark(q.metP95)}`,
      mark(q.metRatio),
    ]),
  );
}

export function throughputTable(results: ScaleResults): string {
  return table(
    [
      'question',
      'connections',
      'API req/s',
      'peer req/s',
      'minimal HTTP req/s',
      'API/peer',
      'API/minimal',
      `≥ ${PEER_FACTOR_TARGET}× peer`,
      `≥ ${MINIMAL_SHARE_TARGET}× minimal`,
      'failed (API/peer/minimal)',
    ],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l', 'l'],
    results.throughput.map((t) => [
      t.key,
      String(t.connections),
      thousands(t.graphql),
      thousands(t.peer),
      thousands(t.http),
      t.peer ? (t.graphql / t.peer).toFixed(2) : '—',
      t.http ? (t.graphql / t.http).toFixed(2) : '—',
      mark(t.metPeer),
      mark(t.metMinimal),
      `${t.failed.graphql}/${t.failed.peer ?? '—'}/${t.failed.http}`,
    ]),
  );
}

function profilesSection(results: ScaleResults): string {
  if (results.profiles.length === 0) return '';
  const parts = ['### Where the missed targets go', ''];
  for (const profile of results.profiles) {
    const label = results.questions.find((q) => q.key === profile.key)?.label ?? profile.key;
    parts.push(`**${label}**`, '');
    const costs = [
      ...profile.api.map((query) => ({ who: `API \`${query.name}\``, cost: query.cost })),
      { who: 'hand-written Cypher', cost: profile.cypher },
    ];
    parts.push(
      table(
        ['query', 'db hits', 'rows', 'costliest operators (db hits)'],
        ['l', 'r', 'r', 'l'],
        costs.map(({ who, cost }) => [
          who,
          thousands(cost.dbHits),
          String(cost.rows),
          cost.operators
            .slice(0, 3)
            .map((op) => `${op.operator} ${thousands(op.dbHits)}`)
            .join('; '),
        ]),
      ),
      '',
    );
    if (profile.cpu) {
      const cpu = profile.cpu;
      const share = (value: number): string => `${(value * 100).toFixed(1)}%`;
      parts.push(
        `API CPU under load: ${cpu.busyMs} ms busy, ${cpu.idleMs} ms idle. By package: ` +
          cpu.packages
            .slice(0, 8)
            .map((p) => `${p.name} ${share(p.share)}`)
            .join(', ') +
          '. Top self time: ' +
          cpu.functions
            .slice(0, 8)
            .map((f) => `\`${f.name}\` ${share(f.share)}`)
            .join(', ') +
          '.',
        '',
      );
    }
  }
  return parts.join('\n');
}

/** The "## Scale" section of RESULTS.md. */
export function scaleSection(results: ScaleResults): string {
  const r = results;
  const missedLatency = r.questions.filter((q) => !q.metP95 || !q.metRatio).map((q) => q.key);
  const missedThroughput = r.throughput.filter((t) => t.metPeer === false || !t.metMinimal);
  const disagreements = r.questions.filter((q) => !q.agree);
  // Where even the hand-written Cypher misses the API's target, the query (or the data model) must change.
  const cypherMisses = r.questions.filter((q) => q.p95.cypher !== null && q.p95.cypher > q.targetP95).map((q) => q.key);
  const load =
    r.timings.loadSeconds === null
      ? '—'
      : `${r.timings.loadSeconds.toFixed(0)} s with ${r.timings.loadMethod} (${thousands(r.timings.loadRate)} relationships/s, partnerships included)` +
        (r.timings.reusedDatabase ? ', by an earlier run whose database this one reused (--keep-db)' : '');
  const lines = [
    `## Scale: ${thousands(r.relationships)} relationships (\`npm run bench:scale -- --relationships ${r.relationships}\`)`,
    '',
    `Measured ${r.date} on ${r.machine.cores} cores (${r.machine.cpus}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ` +
      `Neo4j ${r.neo4j.version} Community (heap ${r.neo4j.heap}, page cache ${r.neo4j.pageCache}` +
      `${r.neo4j.plugins.length ? `, ${r.neo4j.plugins.join(', ')}` : ', no plugins'}). Load average (1/5/15 min) ` +
      `${r.loadAverage.before.map((v) => v.toFixed(1)).join('/')} before, ${r.loadAverage.after.map((v) => v.toFixed(1)).join('/')} after: ` +
      'the machine is shared, so absolute figures are noisy; ratios taken in the same interleaved runs are steadier.',
    '',
    `Graph: seed ${r.seed}, ${thousands(r.graph.nodes)} nodes, ${thousands(r.graph.relationships)} relationships ` +
      `(${thousands(r.graph.partnerships)} of them PARTNERS). Generation ${r.timings.generateSeconds === null ? '—' : `${r.timings.generateSeconds.toFixed(1)} s`}; ` +
      `load ${load}. Whole run ${r.timings.totalSeconds.toFixed(0)} s (` +
      Object.entries(r.timings.phases)
        .map(([phase, seconds]) => `${phase} ${seconds.toFixed(0)} s`)
        .join(', ') +
      ').',
    '',
    `Subjects: hub \`${r.subjects.hub}\` (${thousands(r.subjects.hubDegree)} partners), median node \`${r.subjects.median}\` ` +
      `(${thousands(r.subjects.medianDegree)} partners), far node \`${r.subjects.far}\` (${r.subjects.farDistance} hops from the hub).`,
    '',
    `Warm latency in ms: each system asked in turn (round-robin, first one rotating), ${r.settings.warmup} warm-up rounds, ` +
      `up to ${r.settings.runs} timed rounds or ${r.settings.budgetSeconds} s per question. API = this GraphQL API over HTTP ` +
      '(a child process, production mode); Cypher = the best hand-written Cypher through neo4j-driver; peer = ' +
      '@neo4j/graphql 7.6.3 over HTTP.',
    '',
    latencyTable(r),
    '',
    `Throughput (autocannon, ${r.settings.durationSeconds} s per cell, POST with keep-alive; the minimal HTTP server is ` +
      'node:http + neo4j-driver running the hand-written Cypher):',
    '',
    throughputTable(r),
    '',
    `Targets: ${missedLatency.length === 0 ? 'every latency target met' : `latency missed for ${missedLatency.join(', ')}`}; ` +
      `${missedThroughput.length === 0 ? 'every throughput target met' : `throughput missed in ${missedThroughput.length} of ${r.throughput.length} cells`}` +
      `${disagreements.length === 0 ? '; every answer agrees.' : `; **answers disagree** for ${disagreements.map((q) => q.key).join(', ')}.`}` +
      (cypherMisses.length > 0
        ? ` Even the hand-written Cypher's p95 is over the target for ${cypherMisses.join(', ')}.`
        : ''),
    '',
  ];
  for (const q of disagreements) {
    lines.push(`Disagreement, ${q.label}:`, '', ...q.disagreements.map((d) => `- ${d}`), '');
  }
  const unavailable = r.questions.filter((q) => q.peerUnavailable);
  if (unavailable.length > 0) {
    lines.push(
      'The peer cannot ask: ' + unavailable.map((q) => `${q.label} (${q.peerUnavailable ?? ''})`).join('; ') + '.',
      '',
    );
  }
  const profiles = profilesSection(r);
  if (profiles) lines.push(profiles);
  return lines.join('\n').trimEnd() + '\n';
}

/**
 * Replaces the Scale section for this size in `file` (or appends it), keeping every other section, and formats the
 * file as the project's Prettier does (aligned tables), so `npm run lint` stays clean.
 */
export async function writeResultsSection(file: string, results: ScaleResults): Promise<void> {
  const section = scaleSection(results);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const heading = `## Scale: ${thousands(results.relationships)} relationships`;
  const start = current.indexOf(heading);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const end = current.indexOf('\n## ', start + heading.length);
    const after = end < 0 ? '' : current.slice(end + 1);
    next = `${current.slice(0, start)}${section}${after ? `\n${after}` : ''}`;
  }
  const config = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...config, filepath: file }));
}

/** The JSON the issue asks for (ms, req/s; peer null where it cannot answer), with the details beside. */
export function resultsJson(results: ScaleResults): unknown {
  return {
    relationships: results.relationships,
    questions: results.questions.map((q) => ({
      key: q.key,
      label: q.label,
      agree: q.agree,
      p50: q.p50,
      p95: q.p95,
      p99: q.p99,
      runs: q.runs,
      ratioP50: q.ratioP50,
      targetP95: q.targetP95,
      metP95: q.metP95,
      metRatio: q.metRatio,
      disagreements: q.disagreements,
      peerUnavailable: q.peerUnavailable,
    })),
    throughput: results.throughput,
    details: {
      seed: results.seed,
      date: results.date,
      machine: results.machine,
      loadAverage: results.loadAverage,
      neo4j: results.neo4j,
      graph: results.graph,
      timings: results.timings,
      subjects: results.subjects,
      settings: results.settings,
      profiles: results.profiles,
    },
  };
}
