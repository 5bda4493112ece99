/**
 * neo4j-admin on the same Maven jars as the local server: `org.neo4j.cli.AdminTool` (what the `neo4j-admin`
 * launcher of a Neo4j distribution ends up running) with the home's conf/neo4j.conf. Used for bulk loading
 * (`database import full`) and for copying a store (`database dump` / `database load`); all of them need
 * the server of that home to be stopped.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_NEO4J_VERSION,
  ensureInstalled,
  JAVA_MODULE_FLAGS,
  javaBinary,
  lastLines,
  LocalNeo4jError,
  prepareHome,
  status,
} from './local-neo4j';

export interface AdminOptions {
  version?: string;
  /** Java heap of the admin tool, e.g. "1g" (the importer works mostly off-heap). */
  heap?: string;
  /** Receives the tool's output as it comes (progress of a long import). */
  onOutput?: (chunk: string) => void;
}

/** Output kept for the result and for error messages: the importer prints a lot of progress. */
const MAX_KEPT_OUTPUT = 256 * 1024;

/** Runs `neo4j-admin <args>` against the instance home `home` (its server stopped) and returns its output. */
export async function runAdmin(home: string, args: readonly string[], options: AdminOptions = {}): Promise<string> {
  const resolvedHome = path.resolve(home);
  const running = await status(resolvedHome);
  if (running) {
    throw new LocalNeo4jError(
      `The Neo4j of ${resolvedHome} is running (pid ${running.pid}); stop it before neo4j-admin ${args.join(' ')}.`,
    );
  }
  const classpath = await ensureInstalled(options.version ?? DEFAULT_NEO4J_VERSION);
  prepareHome(resolvedHome);
  const javaArgs = [
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    '-Dfile.encoding=UTF-8',
    ...JAVA_MODULE_FLAGS,
    '-cp',
    classpath,
    'org.neo4j.cli.AdminTool',
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(javaBinary(), javaArgs, {
      cwd: resolvedHome,
      env: { ...process.env, NEO4J_HOME: resolvedHome, NEO4J_CONF: path.join(resolvedHome, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (data: Buffer): void => {
      const chunk = data.toString('utf8');
      options.onOutput?.(chunk);
      output = (output + chunk).slice(-MAX_KEPT_OUTPUT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => reject(new LocalNeo4jError(`Could not run neo4j-admin: ${error.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new LocalNeo4jError(`neo4j-admin ${args.join(' ')} failed with exit code ${code}:\n${lastLines(output, 30)}`),
        );
    });
  });
}

export interface ImportFiles {
  database?: string;
  /** `--nodes` values: a CSV file, or "Label1:Label2=header.csv,part1.csv" as neo4j-admin reads them. */
  nodes: readonly string[];
  /** `--relationships` values, likewise ("TYPE=header.csv,part1.csv"). */
  relationships: readonly string[];
  /** Further import options, e.g. "--array-delimiter=|" or "--threads=2". */
  extraArgs?: readonly string[];
}

/** Replaces a database with the CSV files (`database import full --overwrite-destination`). */
export function importDatabase(home: string, files: ImportFiles, options: AdminOptions = {}): Promise<string> {
  return runAdmin(
    home,
    [
      'database',
      'import',
      'full',
      files.database ?? 'neo4j',
      ...files.nodes.map((file) => `--nodes=${file}`),
      ...files.relationships.map((file) => `--relationships=${file}`),
      '--overwrite-destination=true',
      ...(files.extraArgs ?? []),
    ],
    options,
  );
}

/** Writes `<toDir>/<database>.dump` (replacing an older one) and returns its path. */
export async function dumpDatabase(
  home: string,
  toDir: string,
  database = 'neo4j',
  options: AdminOptions = {},
): Promise<string> {
  const dir = path.resolve(toDir);
  mkdirSync(dir, { recursive: true });
  await runAdmin(home, ['database', 'dump', database, `--to-path=${dir}`, '--overwrite-destination=true'], options);
  return path.join(dir, `${database}.dump`);
}

/** Replaces a database with `<fromDir>/<database>.dump`. */
export function loadDatabase(
  home: string,
  fromDir: string,
  database = 'neo4j',
  options: AdminOptions = {},
): Promise<string> {
  return runAdmin(
    home,
    ['database', 'load', database, `--from-path=${path.resolve(fromDir)}`, '--overwrite-destination=true'],
    options,
  );
}
