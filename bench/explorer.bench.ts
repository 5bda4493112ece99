/**
 * The relationship explorer on a large graph, in a real browser: `npm run bench:explorer -- --relationships N`.
 *
 * Generates the scale graph (bench/scale/generate.ts) and loads it as bench:scale does (bench/scale/load.ts, the
 * import's fast path), picks the same subjects (the hub and a median node, bench/scale/subjects.ts), starts the API
 * (`node dist/src/main.js`, production) and drives Debian's Chromium through playwright-core, as the browser tests
 * do. Each run opens a fresh browser context (nothing cached) and times, in the page's own clock:
 *
 * - a median node drawn after the page opens (`/explorer?focus=<median>`: navigation start to the frame after its
 *   first view is laid out, the `explorer:drawn` mark);
 * - the hub drawn after the page opens, the same way;
 * - search suggestions with the hub on screen: from the text typed (the first right after the hub is drawn, while
 *   the relationships among its nodes still load) to the suggestions listed (the `explorer:suggestions` mark),
 *   debounce included.
 *
 * Prints p50/p95 over the runs against the targets of issue 21, with the machine's load (`uptime`).
 *
 * Options: --relationships N (default 1,000,000), --seed, --runs (default 5), --keep-db DIR (reuse a graph loaded
 * by an earlier run of this bench or of bench:scale with the same size and seed), --heap, --page-cache.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, QUICK_STOP_SETTINGS, start, type RunningNeo4j } from '../tools/neo4j/local-neo4j';
import { at, text } from './scale/json';
import { closeScaleGraph, openScaleGraph } from './scale/graph-database';
import { percentile, round } from './scale/measure';
import { chooseSubjects } from './scale/subjects';
import { askCypher, connect, startApi, type Child } from './scale/systems';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'];
/** The targets of issue 21 at 1M relationships, in ms. */
const TARGETS = { median: 1000, hub: 2000, suggestions: 300 } as const;
/** How many texts are typed with the hub on screen in each run. */
const TEXTS_PER_RUN = 3;
const WAIT_MS = 120_000;

const log = (message: string): void =>
  console.log(`[bench:explorer ${new Date().toISOString().slice(11, 19)}] ${message}`);

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      relationships: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'keep-db': { type: 'string' },
      heap: { type: 'string' },
      'page-cache': { type: 'string' },
    },
  });
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    relationships: positiveInteger('relationships', values.relationships, 1_000_000),
    seed: positiveInteger('seed', values.seed, 1),
    runs: positiveInteger('runs', values.runs, 5),
    keepDb: values['keep-db'] ? path.resolve(base, values['keep-db']) : undefined,
    heap: values.heap ?? '2g',
    pageCache: values['page-cache'] ?? '1g',
  };
}

/** Starts Neo4j in `home` with the explorer's memory, the same for loading and for measuring. */
function startNeo4j(options: ReturnType<typeof parseOptions>, home: string): () => Promise<RunningNeo4j> {
  return async () =>
    start(
      {
        home,
        boltPort: await freePort(),
        heap: options.heap,
        pageCache: options.pageCache,
        settings: { ...QUICK_STOP_SETTINGS },
      },
      log,
    );
}

/** Texts a reader might type: the first word (at most 6 letters) of a few node names, spread over the ids. */
async function searchTexts(driver: Driver, count: number): Promise<string[]> {
  const rows = await askCypher(
    driver,
    `MATCH (n:Entity) WHERE n.name IS NOT NULL WITH n ORDER BY n.id
     WITH collect(n.name) AS names
     UNWIND range(0, $count - 1) AS i
     RETURN names[toInteger((i + 0.5) * size(names) / $count)] AS name`,
    { count },
  );
  return rows.map((row) => {
    const word =
      text(at(row, 'name'))
        .split(/\s+/)
        .find((part) => /^[\p{L}\p{N}]{3,}/u.test(part)) ?? 'Inst';
    return word.slice(0, 6);
  });
}

/** The page-clock time (ms since navigation start) of the first mark `name` whose detail is `detail`. */
async function markTime(page: Page, name: string, detail: string): Promise<number> {
  try {
    await page.waitForFunction(
      ([mark, wanted]) =>
        performance.getEntriesByName(mark).some((entry) => (entry as PerformanceMark).detail === wanted),
      [name, detail] as const,
      { timeout: WAIT_MS, polling: 20 },
    );
  } catch (error) {
    const status = await page.locator('#status').textContent();
    throw new Error(`no ${name} mark for "${detail}"; status line: "${status}"\n${String(error)}`);
  }
  return page.evaluate(
    ([mark, wanted]) =>
      performance.getEntriesByName(mark).find((entry) => (entry as PerformanceMark).detail === wanted)!.startTime,
    [name, detail] as const,
  );
}

/** Opens the explorer on one node in a fresh context: ms from navigation start to its first view drawn. */
async function openNode(browser: Browser, origin: string, id: string): Promise<{ page: Page; ms: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The main thread's long tasks (over 50 ms): what holds up typing while a node is drawn.
  await page.addInitScript(() => {
    const tasks: string[] = [];
    // Each GraphQL request by its operation's name, with when it left and when its answer was read.
    const operations: string[] = [];
    const fetching = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const name = /(?:query|mutation) (\w+)/.exec(typeof init?.body === 'string' ? init.body : '')?.[1] ?? 'other';
      const start = Math.round(performance.now());
      try {
        return await fetching(input, init);
      } finally {
        operations.push(`${name.replace(/^Explorer/, '')} ${start}–${Math.round(performance.now())}`);
      }
    };
    Object.assign(window, { longTasks: tasks, operations });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(`${Math.round(entry.startTime)}+${Math.round(entry.duration)}`);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${origin}/explorer?focus=${encodeURIComponent(id)}`);
  const ms = await markTime(page, 'explorer:drawn', id);
  if (errors.length > 0) throw new Error(`errors in the page: ${errors.join('; ')}`);
  return { page, ms };
}

/**
 * Where the time went on a page, in its own clock: each GraphQL request by its operation, from when it left to
 * when its headers came back, in the order answered (e.g. `requests FirstView 412–655, Maps 414–470, …`), the
 * page's marks (main.js started, the first view's answer read, each layout with its duration) and the main
 * thread's long tasks.
 */
async function requestTimeline(page: Page): Promise<string> {
  const spans = await page.evaluate(() => (window as unknown as { operations: string[] }).operations);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: string[] }).longTasks);
  // The page's own marks and measures (main.js started, the first view answered, each layout: start+duration).
  const marks = await page.evaluate(() =>
    performance
      .getEntries()
      .filter((entry) => entry.name.startsWith('explorer:') && entry.name !== 'explorer:suggestions')
      .map((entry) => {
        const at = Math.round(entry.startTime);
        const label = entry.name.slice('explorer:'.length);
        return entry.entryType === 'measure' ? `${label} ${at}+${Math.round(entry.duration)}` : `${label} ${at}`;
      }),
  );
  return `requests ${spans.join(', ')}; marks ${marks.join(', ')}; long tasks ${tasks.join(', ')}`;
}

/** Types `typed` into the search box at once and answers ms until its suggestions are listed. */
async function suggest(page: Page, typed: string): Promise<number> {
  const search = page.locator('#search');
  await search.fill('');
  const origin = await page.evaluate(() => performance.timeOrigin);
  const typedAt = Date.now();
  await search.focus();
  await page.keyboard.insertText(typed);
  const listed = await markTime(page, 'explorer:suggestions', typed);
  return origin + listed - typedAt;
}

interface Row {
  what: string;
  samples: number[];
  target: number;
}

function table(rows: Row[], load: string): string {
  const lines = [
    '| measure | runs | p50 ms | p95 ms | target | met |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map(({ what, samples, target }) => {
      const p50 = percentile(samples, 50) ?? Number.NaN;
      const p95 = percentile(samples, 95) ?? Number.NaN;
      return `| ${what} | ${samples.length} | ${round(p50, 0)} | ${round(p95, 0)} | ≤ ${target} | ${p95 <= target ? 'met' : p50 <= target ? 'p50 only' : 'missed'} |`;
    }),
  ];
  return `${lines.join('\n')}\n\nLoad (uptime): ${load}`;
}

const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();

async function main(): Promise<void> {
  const options = parseOptions();
  const loadBefore = uptime();
  const home = options.keepDb ?? mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-explorer-'));
  const children: Child[] = [];
  let driver: Driver | null = null;
  let browser: Browser | null = null;
  try {
    const { neo4j } = await openScaleGraph({
      home,
      relationships: options.relationships,
      seed: options.seed,
      keepDb: options.keepDb !== undefined,
      start: startNeo4j(options, home),
      log,
    });
    driver = connect(neo4j.uri);
    await askCypher(driver, 'MATCH (n) RETURN count(n.id) AS nodes, sum(size(coalesce(n.name, ""))) AS names');
    await askCypher(driver, 'MATCH ()-[r]->() RETURN count(r.id) AS relationships');
    const subjects = await chooseSubjects(driver);
    log(`subjects: ${JSON.stringify(subjects)}`);
    const texts = await searchTexts(driver, options.runs * TEXTS_PER_RUN);
    const api = await startApi(neo4j.uri);
    children.push(api);
    const origin = new URL(api.url).origin;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

    // One run unmeasured: the API's and Neo4j's caches warm, as a reader's second visit finds them.
    log('warm-up run');
    await (await openNode(browser, origin, subjects.median)).page.context().close();
    await (await openNode(browser, origin, subjects.hub)).page.context().close();

    const median: number[] = [];
    const hub: number[] = [];
    const suggestions: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const opened = await openNode(browser, origin, subjects.median);
      median.push(opened.ms);
      const medianTimeline = await requestTimeline(opened.page);
      await opened.page.context().close();
      const withHub = await openNode(browser, origin, subjects.hub);
      hub.push(withHub.ms);
      for (const typed of texts.slice(run * TEXTS_PER_RUN, (run + 1) * TEXTS_PER_RUN)) {
        suggestions.push(await suggest(withHub.page, typed));
      }
      const timeline = await requestTimeline(withHub.page);
      const drawn = await withHub.page.evaluate(
        () => (window as unknown as { cy: { nodes(): { length: number } } }).cy.nodes().length,
      );
      await withHub.page.context().close();
      log(
        `run ${run + 1}: median ${round(opened.ms, 0)} ms, hub ${round(withHub.ms, 0)} ms (${drawn} nodes drawn), ` +
          `median page ${medianTimeline}; suggestions ${suggestions
            .slice(-TEXTS_PER_RUN)
            .map((ms) => round(ms, 0))
            .join(', ')} ms; hub page ${timeline}`,
      );
    }
    const rows: Row[] = [
      {
        what: `median node (${subjects.median}, ${subjects.medianDegree} partners) drawn`,
        samples: median,
        target: TARGETS.median,
      },
      { what: `hub (${subjects.hub}, ${subjects.hubDegree} partners) drawn`, samples: hub, target: TARGETS.hub },
      { what: 'suggestions with the hub on screen', samples: suggestions, target: TARGETS.suggestions },
    ];
    console.log(
      `\nThe explorer at ${options.relationships.toLocaleString('en')} relationships (seed ${options.seed}), ` +
        `Chromium ${browser.version()}, ms after the page opens / after typing:\n\n` +
        `${table(rows, `before ${loadBefore}; after ${uptime()}`)}\n`,
    );
  } finally {
    await browser?.close();
    await Promise.all(children.map((child) => child.stop()));
    await closeScaleGraph({ home, keepDb: options.keepDb !== undefined, driver });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
