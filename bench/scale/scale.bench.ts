/**
 * npm run bench:scale -- [--relationships 1000000] [--seed 1] [--json FILE] [--connections 10,50] [--runs 300]
 *                        [--duration S] [--keep-db DIR] [--heap 4g] [--page-cache 2g] [--budget 60]
 *                        [--warmup 20]
 *                        [--allow-disagreement] [--profile] [--profile-dir DIR] [--no-results] [--questions k1,k2]
 *
 * Issue 11's scale benchmark: a seeded, domain-shaped graph of N relationships (bench/scale/generate.ts) in a
 * throwaway local Neo4j; this API, the peer (@neo4j/graphql, bench/peer) and a minimal HTTP server asked the same
 * questions, beside the best hand-written Cypher. Every answer is first checked to agree across the systems; then
 * warm latency (interleaved rounds: p50/p95/p99), throughput (autocannon at each --connections), the targets
 * met or missed, and for each miss the PROFILE of the Cypher (the API's own queries, captured in its process, and
 * the hand-written one); with --profile also a CPU profile of the API answering that question under load.
 * Writes the "Scale" section of bench/RESULTS.md (unless --no-results) and, with --json, the figures as JSON.
 *
 * The graph is loaded with the import's fast path for an empty database (neo4j-admin, then the partnerships built),
 * as `npm run import -- --empty-database-fast-path` does.
 *
 * Below 1M relationships the defaults make a quick check (--budget 3 s of timed rounds per question, --duration 2 s per
 * throughput cell: 100,000 relationships in about 3 minutes, loading included); from 1M, --budget 60 and --duration 15.
 *
 * --keep-db DIR keeps the loaded database in DIR (a Neo4j home) and reuses it on the next run with the same
 * --relationships and --seed, skipping generation and loading. --questions limits the run to some questions (keys in questions.ts), e.g. while
 * optimising one of them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { RELATION_TYPES } from '../../src/model/graph-model';
import { enableTcpNoDelayForClientSockets } from '../../src/db/tcp-no-delay';
import { PROJECT_ROOT } from '../../src/shared/paths';
import {
  DEFAULT_NEO4J_VERSION,
  freePort,
  QUICK_STOP_SETTINGS,
  start,
  type RunningNeo4j,
} from '../../tools/neo4j/local-neo4j';
import { summarizeProfile } from './cpu-profile';
import { profileCypher } from './db-profile';
import { closeScaleGraph, openScaleGraph } from './graph-database';
import { at, count, isRecord, type Json } from './json';
import { chooseSubjects, single } from './subjects';
import { measureLatency, measureThroughput, percentile, round, type Asker, type Throughput } from './measure';
import {
  MINIMAL_SHARE_TARGET,
  PEER_FACTOR_TARGET,
  QUESTIONS,
  questionByKey,
  RATIO_TARGET,
  THROUGHPUT_KEYS,
  type Normal,
  type Question,
  type Subjects,
} from './questions';
import {
  latencyTable,
  resultsJson,
  throughputTable,
  writeResultsSection,
  type MissProfile,
  type QuestionResult,
  type ScaleResults,
  type ThroughputResult,
} from './report';
import {
  askCypher,
  askGraphQL,
  askMinimal,
  captureApiQueries,
  connect,
  startApi,
  startApiProfile,
  startMinimal,
  startPeer,
  stopApiProfile,
  type ApiChild,
  type Child,
  type SystemName,
} from './systems';

const log = (message: string): void =>
  console.log(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Options {
  relationships: number;
  seed: number;
  json: string | undefined;
  connections: number[];
  runs: number;
  warmup: number;
  budgetSeconds: number;
  durationSeconds: number;
  keepDb: string | undefined;
  heap: string;
  pageCache: string;
  allowDisagreement: boolean;
  profile: boolean;
  profileDir: string;
  results: boolean;
  questions: readonly Question[];
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'string' },
      connections: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      budget: { type: 'string' },
      duration: { type: 'string' },
      'keep-db': { type: 'string' },
      heap: { type: 'string' },
      'page-cache': { type: 'string' },
      'allow-disagreement': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      'no-results': { type: 'boolean', default: false },
      questions: { type: 'string' },
    },
  });
  const relationships = positiveInteger('relationships', values.relationships, 1_000_000);
  const memory = (name: string, value: string | undefined, fallback: string): string => {
    const chosen = value ?? fallback;
    if (!/^\d+[mg]$/i.test(chosen)) throw new Error(`--${name} must be a size such as 2g or 512m, got "${chosen}"`);
    return chosen;
  };
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    relationships,
    seed: positiveInteger('seed', values.seed, 1),
    json: values.json ? path.resolve(base, values.json) : undefined,
    connections: (values.connections ?? '10,50').split(',').map((part) => positiveInteger('connections', part, 10)),
    runs: positiveInteger('runs', values.runs, 300),
    warmup: positiveInteger('warmup', values.warmup, 20),
    budgetSeconds: positiveInteger('budget', values.budget, relationships >= 1_000_000 ? 60 : 3),
    // Below 1M relationships a run is a quick check (100,000: about 3 minutes), from 1M the measurement.
    durationSeconds: positiveInteger('duration', values.duration, relationships >= 1_000_000 ? 15 : 2),
    keepDb: values['keep-db'] ? path.resolve(base, values['keep-db']) : undefined,
    heap: memory('heap', values.heap, '4g'),
    pageCache: memory('page-cache', values['page-cache'], '2g'),
    allowDisagreement: values['allow-disagreement'],
    profile: values.profile,
    profileDir: path.resolve(base, values['profile-dir'] ?? path.join(os.tmpdir(), 'iecm-graph-scale-profiles')),
    results: !values['no-results'],
    questions: values.questions ? values.questions.split(',').map((key) => questionByKey(key.trim())) : QUESTIONS,
  };
}

// ---- the database ----------------------------------------------------------------------------------------------

// ---- agreement -------------------------------------------------------------------------------------------------

/** The first places where two answers differ, as "path: a ≠ b". */
function differences(a: Json, b: Json, where = '', into: string[] = [], limit = 5): string[] {
  if (into.length >= limit) return into;
  const show = (value: Json): string => {
    const textOf = JSON.stringify(value);
    return textOf.length > 160 ? `${textOf.slice(0, 160)}…` : textOf;
  };
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) into.push(`${where || 'answer'}: ${a.length} items ≠ ${b.length} items`);
    for (let i = 0; i < Math.min(a.length, b.length) && into.length < limit; i += 1) {
      differences(a[i] ?? null, b[i] ?? null, `${where}[${i}]`, into, limit);
    }
  } else if (isRecord(a) && isRecord(b) && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      differences(a[key] ?? null, b[key] ?? null, where ? `${where}.${key}` : key, into, limit);
    }
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    into.push(`${where || 'answer'}: ${show(a)} ≠ ${show(b)}`);
  }
  return into;
}

interface Systems {
  api: ApiChild;
  peer: Child;
  minimal: Child;
  driver: Driver;
}

/** Every way's answer to `question`, compared with the hand-written Cypher's; how long each first answer took. */
async function checkAgreement(
  question: Question,
  subjects: Subjects,
  systems: Systems,
): Promise<{ problems: string[]; firstMs: Record<string, number> }> {
  const cypher = question.cypher;
  const params = cypher.params(subjects);
  const firstMs: Record<string, number> = {};
  const timed = async <T>(who: string, ask: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const answer = await ask();
    firstMs[who] = Math.round(performance.now() - started);
    return answer;
  };
  const reference = question.fromCypher(await timed('cypher', () => askCypher(systems.driver, cypher.text, params)));
  const problems: string[] = [];
  const compare = (who: string, answer: Normal, expected: Normal): void => {
    for (const difference of differences(answer, expected)) problems.push(`${who} vs Cypher: ${difference}`);
  };
  const api = await timed('API', () => askGraphQL(systems.api.url, question.graphql(subjects)));
  compare('API', question.fromGraphQL(api), reference);
  const minimal = await timed('minimal', () => askMinimal(systems.minimal.url, question.key, params));
  compare('minimal HTTP', question.fromCypher(minimal), reference);
  if (typeof question.peer === 'function' && question.fromPeer) {
    const request = question.peer(subjects);
    const peerAnswer = question.fromPeer(await timed('peer', () => askGraphQL(systems.peer.url, request)));
    compare('peer', peerAnswer, question.peerView ? question.peerView(reference) : reference);
  }
  return { problems, firstMs };
}

// ---- measuring -------------------------------------------------------------------------------------------------

function askersFor(question: Question, subjects: Subjects, systems: Systems): Asker<SystemName>[] {
  const graphql = question.graphql(subjects);
  const params = question.cypher.params(subjects);
  const askers: Asker<SystemName>[] = [
    { system: 'graphql', ask: () => askGraphQL(systems.api.url, graphql) },
    { system: 'cypher', ask: () => askCypher(systems.driver, question.cypher.text, params) },
  ];
  if (typeof question.peer === 'function') {
    const peerRequest = question.peer(subjects);
    askers.push({ system: 'peer', ask: () => askGraphQL(systems.peer.url, peerRequest) });
  }
  return askers;
}

async function measureQuestion(
  question: Question,
  subjects: Subjects,
  systems: Systems,
  options: Options,
  disagreements: string[],
): Promise<QuestionResult> {
  const latency = await measureLatency(askersFor(question, subjects, systems), {
    runs: options.runs,
    warmup: options.warmup,
    budgetMs: options.budgetSeconds * 1000,
    minRuns: Math.min(30, options.runs),
  });
  const at = (system: SystemName, p: number): number | null => round(percentile(latency.samples.get(system) ?? [], p));
  const by = (p: number): QuestionResult['p50'] => ({
    graphql: at('graphql', p),
    cypher: at('cypher', p),
    peer: at('peer', p),
  });
  const p50 = by(50);
  const p95 = by(95);
  const ratioP50 = p50.graphql !== null && p50.cypher ? round(p50.graphql / p50.cypher) : null;
  return {
    key: question.key,
    label: question.label,
    agree: disagreements.length === 0,
    disagreements,
    peerUnavailable: typeof question.peer === 'function' ? null : question.peer.unavailable,
    runs: latency.runs,
    p50,
    p95,
    p99: by(99),
    ratioP50,
    targetP95: question.targetP95,
    metP95: p95.graphql !== null && p95.graphql <= question.targetP95,
    metRatio: ratioP50 !== null && ratioP50 <= RATIO_TARGET,
  };
}

async function measureThroughputOf(
  key: string,
  subjects: Subjects,
  systems: Systems,
  options: Options,
): Promise<ThroughputResult[]> {
  const question = questionByKey(key);
  const api = { url: systems.api.url, body: JSON.stringify(question.graphql(subjects)) };
  const minimal = { url: `${systems.minimal.url}${key}`, body: JSON.stringify(question.cypher.params(subjects)) };
  const peer =
    typeof question.peer === 'function'
      ? { url: systems.peer.url, body: JSON.stringify(question.peer(subjects)) }
      : null;
  const rows: ThroughputResult[] = [];
  for (const connections of options.connections) {
    const seconds = options.durationSeconds;
    log(`throughput ${key} at ${connections} connections (${seconds} s each)`);
    const run = async (target: { url: string; body: string }): Promise<Throughput> => {
      await waitUntilIdle(systems.driver);
      return measureThroughput(target, connections, seconds);
    };
    const graphql = await run(api);
    const http = await run(minimal);
    const peerResult = peer ? await run(peer) : null;
    rows.push({
      key,
      connections,
      graphql: graphql.requestsPerSecond,
      peer: peerResult?.requestsPerSecond ?? null,
      http: http.requestsPerSecond,
      failed: { graphql: graphql.failed, peer: peerResult?.failed ?? null, http: http.failed },
      metPeer: peerResult ? graphql.requestsPerSecond >= PEER_FACTOR_TARGET * peerResult.requestsPerSecond : null,
      metMinimal: graphql.requestsPerSecond >= MINIMAL_SHARE_TARGET * http.requestsPerSecond,
    });
  }
  return rows;
}

/**
 * Waits until Neo4j runs no transaction but this check: requests a load run left in flight (a slow peer under 50
 * connections) would otherwise still be running during the next measurement.
 */
async function waitUntilIdle(driver: Driver, timeoutMs = 120_000): Promise<void> {
  const started = performance.now();
  for (;;) {
    const running = count(
      at(
        await single(
          driver,
          `SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
           RETURN count(*) AS running`,
        ),
        'running',
      ),
    );
    const waited = performance.now() - started;
    if (running === 0) {
      if (waited > 1000) log(`waited ${(waited / 1000).toFixed(1)} s for Neo4j to finish the requests left in flight`);
      return;
    }
    if (waited > timeoutMs) throw new Error(`Neo4j still runs ${running} transaction(s) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** For a missed target: the PROFILE of the API's queries and of the hand-written Cypher, and the API's CPU. */
async function profileMiss(
  question: Question,
  subjects: Subjects,
  systems: Systems,
  options: Options,
): Promise<MissProfile> {
  const captured = await captureApiQueries(systems.api, question.graphql(subjects), question.key);
  const api = [];
  for (const query of captured) {
    api.push({ name: query.name, cost: await profileCypher(systems.driver, query.text, query.params) });
  }
  const cypher = await profileCypher(systems.driver, question.cypher.text, question.cypher.params(subjects));
  let cpu: MissProfile['cpu'] = null;
  let cpuProfileFile: string | null = null;
  if (options.profile) {
    await waitUntilIdle(systems.driver);
    await startApiProfile(systems.api);
    await measureThroughput(
      { url: systems.api.url, body: JSON.stringify(question.graphql(subjects)) },
      10,
      Math.min(options.durationSeconds, 10),
    );
    const profile = await stopApiProfile(systems.api);
    mkdirSync(options.profileDir, { recursive: true });
    cpuProfileFile = path.join(options.profileDir, `api-${options.relationships}-${question.key}.cpuprofile`);
    writeFileSync(cpuProfileFile, JSON.stringify(profile));
    cpu = summarizeProfile(profile);
  }
  return { key: question.key, api, cypher, cpu, cpuProfileFile };
}

// ---- the run ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions();
  const started = performance.now();
  const loadBefore = os.loadavg();
  enableTcpNoDelayForClientSockets();

  const home = options.keepDb ?? mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-scale-'));
  const children: Child[] = [];
  let driver: Driver | null = null;
  try {
    const startNeo4j = async (heap: string, settings: Record<string, string> = {}): Promise<RunningNeo4j> => {
      const running = await start(
        {
          home,
          boltPort: await freePort(),
          heap,
          pageCache: options.pageCache,
          settings: { ...QUICK_STOP_SETTINGS, ...settings },
        },
        log,
      );
      log(`Neo4j at ${running.uri} (home ${home}, heap ${heap}, page cache ${options.pageCache})`);
      return running;
    };

    const { neo4j, timings, reused } = await openScaleGraph({
      home,
      relationships: options.relationships,
      seed: options.seed,
      keepDb: options.keepDb !== undefined,
      // One heap for loading and measuring; the phase is where they would part.
      start: () => startNeo4j(options.heap),
      log,
    });
    driver = connect(neo4j.uri);

    const graph = await single(
      driver,
      `CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
       CALL () { MATCH ()-[r:${Object.keys(RELATION_TYPES).join('|')}]->() RETURN count(r) AS relationships }
       CALL () { MATCH ()-[r:PARTNERS]->() RETURN count(r) AS partnerships }
       RETURN nodes, relationships, partnerships`,
    );
    if (count(at(graph, 'partnerships')) === 0) throw new Error('the loaded graph has no PARTNERS relationships');
    log('warming the page cache');
    await askCypher(driver, 'MATCH (n) RETURN count(n.id) AS nodes, sum(size(coalesce(n.name, ""))) AS names');
    await askCypher(driver, 'MATCH ()-[r]->() RETURN count(r.id) AS relationships');

    const subjects = await chooseSubjects(driver);
    log(`subjects: ${JSON.stringify(subjects)}`);

    const phases: Record<string, number> = {};
    let phaseStart = started;
    const phaseDone = (name: string): void => {
      const now = performance.now();
      phases[name] = round((now - phaseStart) / 1000, 1) ?? 0;
      phaseStart = now;
    };
    phaseDone('database (start, generate, load, warm, subjects)');
    log('starting the API, the peer and the minimal HTTP server');
    const starting = performance.now();
    const [api, peer, minimal] = await Promise.all([
      startApi(neo4j.uri),
      startPeer(neo4j.uri),
      startMinimal(neo4j.uri),
    ]);
    children.push(api, peer, minimal);
    const systems: Systems = { api, peer, minimal, driver };
    log(`all three answer (${((performance.now() - starting) / 1000).toFixed(1)} s)`);

    const disagreements = new Map<string, string[]>();
    for (const question of options.questions) {
      const { problems, firstMs } = await checkAgreement(question, subjects, systems);
      log(`answers to "${question.label}" compared; first answers in ms: ${JSON.stringify(firstMs)}`);
      disagreements.set(question.key, problems);
      if (problems.length > 0) {
        console.error(`\n!!! DISAGREEMENT: ${question.label}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      }
    }
    const disagreeing = [...disagreements.values()].filter((problems) => problems.length > 0).length;
    if (disagreeing > 0 && !options.allowDisagreement) {
      throw new Error(
        `${disagreeing} question(s) answered differently (above); --allow-disagreement to measure anyway`,
      );
    }
    log(disagreeing === 0 ? 'every answer agrees' : `${disagreeing} question(s) disagree; measuring anyway`);

    phaseDone('systems and agreement');
    const questions: QuestionResult[] = [];
    for (const question of options.questions) {
      await waitUntilIdle(driver);
      log(`latency: ${question.label}`);
      questions.push(
        await measureQuestion(question, subjects, systems, options, disagreements.get(question.key) ?? []),
      );
    }
    phaseDone('latency');
    const throughput: ThroughputResult[] = [];
    for (const key of THROUGHPUT_KEYS.filter((k) => options.questions.some((q) => q.key === k))) {
      throughput.push(...(await measureThroughputOf(key, subjects, systems, options)));
    }

    const missed = new Set([
      ...questions.filter((q) => !q.metP95 || !q.metRatio).map((q) => q.key),
      ...throughput.filter((t) => t.metPeer === false || !t.metMinimal).map((t) => t.key),
    ]);
    phaseDone('throughput');
    const profiles: MissProfile[] = [];
    for (const key of missed) {
      log(`profiling ${key}${options.profile ? ' (PROFILE and CPU)' : ' (PROFILE)'}`);
      profiles.push(await profileMiss(questionByKey(key), subjects, systems, options));
    }

    phaseDone('profiles');
    const results: ScaleResults = {
      relationships: options.relationships,
      seed: options.seed,
      date: new Date().toISOString().slice(0, 10),
      machine: {
        cpus: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.versions.node,
        platform: `${os.platform()} ${os.release()}`,
      },
      loadAverage: { before: loadBefore.map((v) => round(v) ?? 0), after: os.loadavg().map((v) => round(v) ?? 0) },
      neo4j: {
        version: DEFAULT_NEO4J_VERSION,
        heap: options.heap,
        pageCache: options.pageCache,
        plugins: [],
      },
      graph: {
        nodes: count(at(graph, 'nodes')),
        relationships: count(at(graph, 'relationships')),
        partnerships: count(at(graph, 'partnerships')),
      },
      timings: {
        // Reusing a kept database, these are the figures of the run that loaded it.
        generateSeconds: round(timings.generateSeconds, 1),
        loadSeconds: round(timings.loadSeconds, 1),
        loadMethod: timings.loadMethod,
        loadReport: timings.loadReport,
        loadRate: Math.round(options.relationships / timings.loadSeconds),
        reusedDatabase: reused,
        totalSeconds: round((performance.now() - started) / 1000, 1) ?? 0,
        phases,
      },
      subjects,
      settings: {
        runs: options.runs,
        warmup: options.warmup,
        budgetSeconds: options.budgetSeconds,
        durationSeconds: options.durationSeconds,
        connections: options.connections,
      },
      questions,
      throughput,
      profiles,
    };
    console.log(`\n${latencyTable(results)}\n\n${throughputTable(results)}\n`);
    if (options.results) {
      const file = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');
      await writeResultsSection(file, results);
      log(`wrote the Scale section of ${file}`);
    }
    if (options.json) {
      writeFileSync(options.json, `${JSON.stringify(resultsJson(results), null, 2)}\n`);
      log(`wrote ${options.json}`);
    }
    log(`done in ${results.timings.totalSeconds} s`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await closeScaleGraph({ home, keepDb: options.keepDb !== undefined, driver });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
