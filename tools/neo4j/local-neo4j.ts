/**
 * A local Neo4j Community server with no Docker: Maven fetches the server's jars from Maven Central
 * into ~/.m2, and we start `org.neo4j.server.CommunityEntryPoint` on that class path with a given
 * Bolt port, home folder (data, logs, pid) and a modest heap. Optional plugins (APOC) are resolved
 * the same way into a plugins folder.
 *
 * Used by `npm run db:*`, by `npm start` when NEO4J_URI is not set, and by the jest global set-up.
 */
import { execFile, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/shared/paths';

const execFileAsync = promisify(execFile);

export const DEFAULT_NEO4J_VERSION = '5.26.30';
const POM = path.join(PROJECT_ROOT, 'tools', 'neo4j', 'pom.xml');
const MIN_JAVA_MAJOR = 17;

/** Plugins the local server can load, each resolved from its own Maven manifest. */
export const PLUGINS = {
  apoc: {
    pom: path.join(PROJECT_ROOT, 'tools', 'neo4j', 'plugin-apoc.pom.xml'),
    // APOC's procedures touch internals (the kernel transaction, files), which Neo4j allows only when listed.
    procedures: 'apoc.*',
  },
} as const;
export type Neo4jPlugin = keyof typeof PLUGINS;

/** Reads a comma-separated plugin list such as "apoc" (NEO4J_LOCAL_PLUGINS, --plugins); refuses unknown names. */
export function parsePlugins(text: string | undefined): Neo4jPlugin[] {
  const names = (text ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const known = Object.keys(PLUGINS);
  const plugins: Neo4jPlugin[] = [];
  for (const name of names) {
    const plugin = known.find((candidate): candidate is Neo4jPlugin => candidate === name);
    if (!plugin) throw new LocalNeo4jError(`Unknown Neo4j plugin "${name}": choose from ${known.join(', ')}.`);
    if (!plugins.includes(plugin)) plugins.push(plugin);
  }
  return plugins;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

/**
 * Makes a stop take half a second instead of ten: Neo4j waits 5 s for the Bolt worker threads after the
 * databases have already checkpointed and closed, so nothing is lost by not waiting. For throwaway
 * instances (tests, benchmarks) that start and stop often.
 */
export const QUICK_STOP_SETTINGS: Readonly<Record<string, string>> = {
  'internal.server.bolt.thread_pool_shutdown_wait_time': '0s',
};

export interface LocalNeo4jOptions {
  /** Folder holding data/, logs/, conf/ and the pid file of this instance. */
  home: string;
  boltPort: number;
  /** Java heap, e.g. "512m". */
  heap?: string;
  /** Page cache (the store files kept in memory), e.g. "2g"; 128m by default. */
  pageCache?: string;
  version?: string;
  /** Plugins to load, e.g. ['apoc']; none by default. */
  plugins?: readonly Neo4jPlugin[];
  /** Further neo4j.conf settings, e.g. for a benchmark; they win over the defaults above. */
  settings?: Readonly<Record<string, string>>;
  /** Keep running after this Node process exits (npm start, db:start); tests use false. */
  detached?: boolean;
  startTimeoutMs?: number;
}

export interface RunningNeo4j {
  pid: number;
  boltPort: number;
  uri: string;
  home: string;
  version: string;
}

/** Where the resolved class path of each version is cached, outside the tracked files. */
function cacheDir(version: string): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'iecm-graph', `neo4j-${version}`);
}

export function javaBinary(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export async function checkJava(): Promise<number> {
  let output: string;
  try {
    const { stdout, stderr } = await execFileAsync(javaBinary(), ['-version']);
    output = `${stderr}${stdout}`;
  } catch (error) {
    throw new LocalNeo4jError(
      `Java was not found (${(error as Error).message}). The local Neo4j needs Java ${MIN_JAVA_MAJOR} or newer: ` +
        `install a JDK (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME, or set NEO4J_URI to an existing Neo4j.`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!Number.isFinite(major) || major < MIN_JAVA_MAJOR) {
    throw new LocalNeo4jError(
      `Java ${MIN_JAVA_MAJOR} or newer is needed for Neo4j 5.26, found: ${output.split('\n')[0]?.trim()}. ` +
        'Set JAVA_HOME to a newer JDK.',
    );
  }
  return major;
}

/** Runs Maven on `pom` to write the class path of its dependencies (`what`, for messages) to `outputFile`. */
async function resolveClasspath(
  what: string,
  pom: string,
  properties: Record<string, string>,
  outputFile: string,
): Promise<string> {
  try {
    await execFileAsync('mvn', ['-v']);
  } catch (error) {
    throw new LocalNeo4jError(
      `Maven was not found (${(error as Error).message}). The local Neo4j is fetched from Maven Central with Maven: ` +
        'install it (e.g. apt-get install maven), or set NEO4J_URI to an existing Neo4j.',
    );
  }
  mkdirSync(path.dirname(outputFile), { recursive: true });
  try {
    await execFileAsync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        ...Object.entries(properties).map(([key, value]) => `-D${key}=${value}`),
        'dependency:build-classpath',
        `-Dmdep.outputFile=${outputFile}`,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new LocalNeo4jError(`Maven could not resolve ${what}:\n${lastLines(`${stdout}\n${stderr}`, 20)}`);
  }
  return readFileSync(outputFile, 'utf8').trim();
}

/** The cached class path in `file`, if every jar it names is still there. */
function cachedClasspath(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const classpath = readFileSync(file, 'utf8').trim();
  return classpath && classpath.split(path.delimiter).every((jar) => existsSync(jar)) ? classpath : undefined;
}

/** Resolves the server's jars with Maven (downloading them the first time) and returns the class path. */
export async function ensureInstalled(
  version = DEFAULT_NEO4J_VERSION,
  log: (line: string) => void = () => {},
): Promise<string> {
  const classpathFile = path.join(cacheDir(version), 'classpath.txt');
  const cached = cachedClasspath(classpathFile);
  if (cached) return cached;
  log(`Fetching Neo4j Community ${version} from Maven Central (first run only)...`);
  return resolveClasspath(`org.neo4j:neo4j:${version}`, POM, { 'neo4j.version': version }, classpathFile);
}

/** A jar's Maven coordinates without the version ("org/neo4j/procedure/apoc-core"), read from its ~/.m2 path. */
function artifactKey(jar: string): string {
  return path.dirname(path.dirname(jar));
}

export interface InstalledPlugins {
  /** The folder for `server.directories.plugins`, where Neo4j looks for procedures. */
  dir: string;
  /** The same jars as a class path: a plugin's kernel extensions (APOC's configuration) are found only there. */
  classpath: string;
}

/**
 * Resolves the plugins' jars and copies them into a plugins folder of their own (one per server version and
 * plugin set), leaving out the libraries the server already has: the server's class loader would win anyway.
 * Neo4j's own launcher likewise puts plugins/* on the class path beside lib/*.
 */
export async function ensurePlugins(
  plugins: readonly Neo4jPlugin[],
  version = DEFAULT_NEO4J_VERSION,
  log: (line: string) => void = () => {},
): Promise<InstalledPlugins> {
  const names = [...new Set(plugins)].sort();
  const dir = path.join(cacheDir(version), `plugins-${names.join('-')}`);
  const manifest = path.join(dir, 'jars.txt');
  const cached = cachedClasspath(manifest);
  if (cached) return { dir, classpath: cached };

  const serverArtifacts = new Set((await ensureInstalled(version, log)).split(path.delimiter).map(artifactKey));
  // Filled aside and renamed into place, so a concurrent start (another test run) never sees half a folder.
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const copied: string[] = [];
  for (const name of names) {
    log(`Fetching the Neo4j plugin ${name} from Maven Central (first run only)...`);
    const classpath = await resolveClasspath(
      `the ${name} plugin (${path.basename(PLUGINS[name].pom)})`,
      PLUGINS[name].pom,
      {},
      path.join(staging, `${name}-classpath.txt`),
    );
    for (const jar of classpath.split(path.delimiter)) {
      if (serverArtifacts.has(artifactKey(jar))) continue;
      copyFileSync(jar, path.join(staging, path.basename(jar)));
      copied.push(path.join(dir, path.basename(jar)));
    }
  }
  const classpath = copied.join(path.delimiter);
  writeFileSync(path.join(staging, 'jars.txt'), classpath);
  if (!cachedClasspath(manifest)) {
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      if (!cachedClasspath(manifest)) throw error; // not just another process finishing first
    }
  }
  rmSync(staging, { recursive: true, force: true });
  return { dir, classpath };
}

function pidFile(home: string): string {
  return path.join(home, 'run', 'instance.json');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portIsOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A port nobody listens on right now (for throwaway test instances). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function logTail(home: string, count = 25): string {
  const parts: string[] = [];
  for (const file of ['logs/neo4j.log', 'logs/console.log']) {
    const full = path.join(home, file);
    if (existsSync(full)) {
      const text = readFileSync(full, 'utf8');
      if (text.trim()) parts.push(`--- ${file} ---\n${lastLines(text, count)}`);
    }
  }
  return parts.join('\n') || '(Neo4j wrote no log)';
}

/**
 * Creates the folders of an instance home and its (empty) neo4j.conf. The server gets its settings on the
 * command line; the admin tool reads this file, and both use the default folders under the home.
 */
export function prepareHome(home: string): void {
  for (const dir of ['data', 'logs', 'conf', 'run', 'import']) mkdirSync(path.join(home, dir), { recursive: true });
  const conf = path.join(home, 'conf', 'neo4j.conf');
  if (!existsSync(conf))
    writeFileSync(conf, '# Settings are passed on the command line by tools/neo4j/local-neo4j.ts\n');
}

/** The instance recorded in `home`, if its process is still alive. */
export async function status(home: string): Promise<RunningNeo4j | undefined> {
  const file = pidFile(home);
  if (!existsSync(file)) return undefined;
  const instance = JSON.parse(readFileSync(file, 'utf8')) as RunningNeo4j;
  if (!isAlive(instance.pid)) return undefined;
  return instance;
}

/** JVM flags for Neo4j's code on Java 17+, for the server and the admin tool alike. */
export const JAVA_MODULE_FLAGS: readonly string[] = [
  // Neo4j reaches into JDK internals; Java 17 refuses that without these.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
];

interface ServerSettings {
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  pluginsDir?: string;
  plugins: readonly Neo4jPlugin[];
  settings: Readonly<Record<string, string>>;
}

function serverArguments(options: ServerSettings, classpath: string): string[] {
  const { home, boltPort, heap, pageCache, pluginsDir, plugins, settings: extraSettings } = options;
  const settings: Record<string, string> = {
    'server.bolt.listen_address': `127.0.0.1:${boltPort}`,
    'server.bolt.advertised_address': `127.0.0.1:${boltPort}`,
    'server.http.enabled': 'false',
    'server.https.enabled': 'false',
    // Loopback only, so authentication is off; point NEO4J_URI at a real deployment for anything else.
    'dbms.security.auth_enabled': 'false',
    'dbms.usage_report.enabled': 'false',
    'server.memory.pagecache.size': pageCache,
    'server.directories.data': path.join(home, 'data'),
    'server.directories.logs': path.join(home, 'logs'),
    'server.directories.run': path.join(home, 'run'),
    'server.directories.import': path.join(home, 'import'),
  };
  if (pluginsDir && plugins.length > 0) {
    const procedures = plugins.map((plugin) => PLUGINS[plugin].procedures).join(',');
    settings['server.directories.plugins'] = pluginsDir;
    settings['dbms.security.procedures.unrestricted'] = procedures;
    settings['dbms.security.procedures.allowlist'] = procedures;
  }
  Object.assign(settings, extraSettings);
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    ...JAVA_MODULE_FLAGS,
    '-cp',
    classpath,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${home}`,
    `--config-dir=${path.join(home, 'conf')}`,
    ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ];
}

/** Starts Neo4j (or returns the instance already running from `home`) and waits until Bolt answers. */
export async function start(options: LocalNeo4jOptions, log: (line: string) => void = () => {}): Promise<RunningNeo4j> {
  const home = path.resolve(options.home);
  const version = options.version ?? DEFAULT_NEO4J_VERSION;
  const running = await status(home);
  if (running && (await portIsOpen(running.boltPort))) return running;

  if (await portIsOpen(options.boltPort)) {
    throw new LocalNeo4jError(
      `Port ${options.boltPort} is already in use by another process: choose another Bolt port ` +
        '(NEO4J_LOCAL_BOLT_PORT or --port), or point NEO4J_URI at the server that listens there.',
    );
  }
  await checkJava();
  const classpath = await ensureInstalled(version, log);
  const plugins = options.plugins ?? [];
  const installedPlugins = plugins.length > 0 ? await ensurePlugins(plugins, version, log) : undefined;

  prepareHome(home);

  const args = serverArguments(
    {
      home,
      boltPort: options.boltPort,
      heap: options.heap ?? '512m',
      pageCache: options.pageCache ?? '128m',
      pluginsDir: installedPlugins?.dir,
      plugins,
      settings: options.settings ?? {},
    },
    installedPlugins ? `${classpath}${path.delimiter}${installedPlugins.classpath}` : classpath,
  );
  const consoleLog = openSync(path.join(home, 'logs', 'console.log'), 'w');
  const child = spawn(javaBinary(), args, {
    cwd: home,
    detached: options.detached ?? false,
    stdio: ['ignore', consoleLog, consoleLog],
  });
  closeSync(consoleLog);
  child.unref();
  if (child.pid === undefined) throw new LocalNeo4jError('Could not spawn Java for Neo4j.');

  const instance: RunningNeo4j = {
    pid: child.pid,
    boltPort: options.boltPort,
    uri: `bolt://127.0.0.1:${options.boltPort}`,
    home,
    version,
  };
  writeFileSync(pidFile(home), JSON.stringify(instance, null, 2));

  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      rmSync(pidFile(home), { force: true });
      throw new LocalNeo4jError(`Neo4j exited with code ${String(exitCode)} while starting.\n${logTail(home)}`);
    }
    if (await portIsOpen(options.boltPort)) return instance;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(home);
  throw new LocalNeo4jError(
    `Neo4j did not open Bolt port ${options.boltPort} within ${timeoutMs / 1000} s.\n${logTail(home)}`,
  );
}

/** Stops the instance of `home` (SIGTERM, then SIGKILL after `graceMs`). Returns false when none ran. */
export async function stop(home: string, graceMs = 30_000): Promise<boolean> {
  const resolvedHome = path.resolve(home);
  const instance = await status(resolvedHome);
  rmSync(pidFile(resolvedHome), { force: true });
  if (!instance) return false;
  process.kill(instance.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(instance.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(instance.pid)) process.kill(instance.pid, 'SIGKILL');
  return true;
}
