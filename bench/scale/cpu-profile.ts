/** Summaries of a V8 CPU profile (.cpuprofile JSON): where the time went, by function and by package. */
import { at, count, isRecord, list, text } from './json';

export interface SelfTime {
  name: string;
  selfMs: number;
  /** Share of the sampled time (idle excluded), 0..1. */
  share: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded (ms). */
  busyMs: number;
  idleMs: number;
  /** By function (name and place), most self time first. */
  functions: SelfTime[];
  /** By npm package, `node:` internals, the project's folders ("src/features/partners"), or V8 itself. */
  packages: SelfTime[];
}

/** Where a script lives, short: "graphql", "@apollo/server", "src/db", "node:internal", "" for V8. */
export function packageOf(url: string): string {
  if (url === '') return '(V8/native)';
  if (url.startsWith('node:')) return 'node:internal';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    const [first = '', second = ''] = parts;
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const project = /\/dist\/((?:src|bench)\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(url);
  return project?.[1] ?? url.replace(/^file:\/\//, '');
}

const shortPlace = (url: string, line: number): string => {
  const modules = url.lastIndexOf('node_modules/');
  const dist = url.lastIndexOf('/dist/');
  const short =
    modules >= 0 ? url.slice(modules + 'node_modules/'.length) : dist >= 0 ? url.slice(dist + '/dist/'.length) : url;
  return short ? `${short}:${line + 1}` : '';
};

function top(map: Map<string, number>, busyMs: number, limit: number): SelfTime[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => ({ name, selfMs: Math.round(ms * 10) / 10, share: busyMs > 0 ? ms / busyMs : 0 }));
}

/** Self time of each function and package in `profile` (the JSON of Profiler.stop or a .cpuprofile file). */
export function summarizeProfile(profile: unknown, limit = 15): ProfileSummary {
  const nodes = list(at(profile, 'nodes'));
  const hits = nodes.map((node) => (isRecord(node) && typeof node.hitCount === 'number' ? node.hitCount : 0));
  const totalHits = hits.reduce((sum, value) => sum + value, 0);
  const spanMs = (count(at(profile, 'endTime')) - count(at(profile, 'startTime'))) / 1000;
  const msPerHit = totalHits > 0 ? spanMs / totalHits : 0;
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let idleMs = 0;
  nodes.forEach((node, i) => {
    const ms = (hits[i] ?? 0) * msPerHit;
    if (ms === 0) return;
    const frame = at(node, 'callFrame');
    const name = text(at(frame, 'functionName')) || '(anonymous)';
    const url = text(at(frame, 'url'));
    if (name === '(idle)') {
      idleMs += ms;
      return;
    }
    const key = `${name} ${shortPlace(url, count(at(frame, 'lineNumber')))}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + ms);
    const owner = name.startsWith('(') && url === '' ? name : packageOf(url);
    packages.set(owner, (packages.get(owner) ?? 0) + ms);
  });
  const busyMs = spanMs - idleMs;
  return {
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
    functions: top(functions, busyMs, limit),
    packages: top(packages, busyMs, limit),
  };
}
