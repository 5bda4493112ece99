/**
 * The figures of the chaos suite: each scenario appends one JSON line to test-results/chaos/figures.jsonl
 * (jest runs the files in separate module registries, so a file is the one place they can meet); the global
 * teardown prints them as a table and writes figures.md for docs/reliability.md.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FIGURES_DIR = path.join(__dirname, '..', '..', '..', 'test-results', 'chaos');
const FIGURES_FILE = path.join(FIGURES_DIR, 'figures.jsonl');
const TABLE_FILE = path.join(FIGURES_DIR, 'figures.md');

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** A timing target: reported, not asserted. */
  target?: boolean;
}

export interface ScenarioFigures {
  scenario: string;
  requests: number;
  errors: number;
  latency: LatencySummary | null;
  /** Scenario-specific figures (requests/s, outage length...), printed under the table. */
  notes: Record<string, string | number>;
  checks: Check[];
}

/** Nearest-rank percentiles of latencies in milliseconds; null when there are none. */
export function summarize(latenciesMs: readonly number[]): LatencySummary | null {
  if (latenciesMs.length === 0) return null;
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? NaN) };
}

/**
 * One scenario's figures and checks. A test records every check before asserting, so the table shows the
 * whole picture even when the first check fails: `expect(scenario.save().failures()).toEqual([])`.
 */
export class Scenario {
  requests = 0;
  errors = 0;
  readonly latencies: number[] = [];
  readonly notes: Record<string, string | number> = {};
  private readonly checks: Check[] = [];

  constructor(readonly name: string) {}

  check(name: string, ok: boolean, detail = ''): this {
    this.checks.push({ name, ok, detail });
    return this;
  }

  /**
   * A timing target: recorded in the figures as met or missed, without failing the run. Timings on this shared
   * machine swing with its load (the suite asserts what must always hold; how fast goes in the figures).
   */
  target(name: string, ok: boolean, detail = ''): this {
    this.checks.push({ name, ok, detail, target: true });
    return this;
  }

  failures(): string[] {
    return this.checks.filter((check) => !check.ok && !check.target).map((check) => `${check.name}: ${check.detail}`);
  }

  save(): this {
    const figures: ScenarioFigures = {
      scenario: this.name,
      requests: this.requests,
      errors: this.errors,
      latency: summarize(this.latencies),
      notes: this.notes,
      checks: this.checks,
    };
    mkdirSync(FIGURES_DIR, { recursive: true });
    appendFileSync(FIGURES_FILE, `${JSON.stringify(figures)}\n`);
    return this;
  }
}

export function resetFigures(): void {
  rmSync(FIGURES_FILE, { force: true });
  rmSync(TABLE_FILE, { force: true });
}

export function readFigures(): ScenarioFigures[] {
  if (!existsSync(FIGURES_FILE)) return [];
  return readFileSync(FIGURES_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScenarioFigures);
}

const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value}`);

/** The figures as a Markdown table, then each scenario's notes and failed checks. */
export function figuresTable(all: readonly ScenarioFigures[]): string {
  const rows = [
    '| scenario | requests | errors | p50 ms | p95 ms | p99 ms | max ms | outcome |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...all.map((figures) => {
      const checks = figures.checks.filter((check) => !check.target);
      const failed = checks.filter((check) => !check.ok).length;
      const missed = figures.checks.filter((check) => check.target && !check.ok).length;
      const outcome =
        (failed === 0 ? 'pass' : `FAIL (${failed}/${checks.length} checks)`) +
        (missed === 0 ? '' : `, ${missed} timing target${missed === 1 ? '' : 's'} missed`);
      const { latency } = figures;
      return `| ${figures.scenario} | ${figures.requests} | ${figures.errors} | ${ms(latency?.p50)} | ${ms(latency?.p95)} | ${ms(latency?.p99)} | ${ms(latency?.max)} | ${outcome} |`;
    }),
  ];
  const details = all.flatMap((figures) => {
    const notes = Object.entries(figures.notes).map(([key, value]) => `${key}=${value}`);
    const failed = figures.checks
      .filter((check) => !check.ok)
      .map(
        (check) =>
          `  ${check.target ? '○ missed target:' : '✗'} ${check.name}: ${check.detail.replace(/\s+/g, ' ').slice(0, 700)}`,
      );
    if (notes.length === 0 && failed.length === 0) return [];
    return [`- ${figures.scenario}: ${notes.join(', ')}`, ...failed];
  });
  return [...rows, '', ...details].join('\n');
}

export function writeFiguresTable(): string {
  const table = figuresTable(readFigures());
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(TABLE_FILE, `${table}\n`);
  return table;
}
