import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/shared/config';

const projectFile = (name: string): string => readFileSync(join(__dirname, '..', '..', name), 'utf8');

/** Source folders whose code reads the environment, and the compose file that does too. */
const SCANNED = ['src', 'tools', 'bench', 'tests'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|js|mjs|cjs|sh)$/.test(entry.name) ? [full] : [];
  });
}

/** Every variable the code reads from `process.env` (or an `env` object passed instead), and compose from `${…}`. */
function variablesReadInCode(): string[] {
  const root = join(__dirname, '..', '..');
  const names = new Set<string>();
  for (const file of SCANNED.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\benv(?:ironment)?(?:\.([A-Z][A-Z0-9_]+)\b|\[['"]([A-Z][A-Z0-9_]+)['"]\])/g)) {
      names.add(match[1] ?? match[2] ?? '');
    }
  }
  for (const match of projectFile('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]+)/g)) names.add(match[1] ?? '');
  names.delete('');
  return [...names].sort();
}

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.neo4j).toEqual({
      uri: undefined,
      user: 'neo4j',
      password: '',
      database: 'neo4j',
      connectTimeoutMs: 30_000,
      transactionTimeoutMs: 30_000,
      maxTransactionRetryTimeMs: 5_000,
      connectionTimeoutMs: 1_000,
    });
    expect(config.http).toEqual({ port: 4000, host: '127.0.0.1' });
    expect(config.localNeo4j).toEqual({
      boltPort: 7687,
      heap: '512m',
      pageCache: '128m',
      home: '.neo4j',
      version: '5.26.30',
    });
    expect(config.logLevel).toBe('info');
    expect(config.nodeEnv).toBe('production');
    expect(config.introspection).toBe(false); // production, unless GRAPHQL_INTROSPECTION turns it on
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.graphqlLimits.maxTokens).toBe(5_000);
  });

  it('reads a cluster URI, development mode and introspection off', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://cluster.example:7687',
      NODE_ENV: 'development',
      PORT: '8080',
      GRAPHQL_INTROSPECTION: 'false',
    });
    expect(config.neo4j.uri).toBe('neo4j+s://cluster.example:7687');
    expect(config.http.port).toBe(8080);
    expect(config.nodeEnv).toBe('development');
    expect(config.introspection).toBe(false);
  });

  it('reports every bad value at once, one line each', () => {
    let caught: unknown;
    try {
      loadConfig({ NEO4J_URI: 'http://localhost:7474', PORT: 'eighty', LOG_LEVEL: 'loud', NEO4J_LOCAL_HEAP: 'lots' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('NEO4J_URI:'))).toMatch(/scheme "http:" is not one of bolt/);
    expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('NEO4J_LOCAL_HEAP:'))).toMatch(/Java memory size/);
  });

  it('documents every variable of the service in docs/configuration.md and in .env.example', () => {
    const page = projectFile('docs/configuration.md');
    const example = projectFile('.env.example');
    const undocumented = CONFIG_VARIABLES.filter((name) => !page.includes(`| \`${name}\``));
    const missingFromExample = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect({ undocumented, missingFromExample }).toEqual({ undocumented: [], missingFromExample: [] });
  });

  it('documents in docs/configuration.md every environment variable read anywhere in the project', () => {
    const read = variablesReadInCode();
    // The scan itself must work: variables read outside config.ts, by a tool, a test and the compose file.
    expect(read).toEqual(
      expect.arrayContaining(['NEO4J_LOCAL_PLUGINS', 'GRAPH_API_TOKEN', 'CHAOS_SEED', 'PROXY_PORT']),
    );
    const page = projectFile('docs/configuration.md');
    expect(read.filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });

  it('turns introspection off in production unless GRAPHQL_INTROSPECTION turns it on', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('reads EMBED_FRAME_ANCESTORS (default *), refusing what would break out of the CSP directive', () => {
    expect(loadConfig({}).embedFrameAncestors).toBe('*');
    expect(loadConfig({ EMBED_FRAME_ANCESTORS: " 'self'  https://news.example.org " }).embedFrameAncestors).toBe(
      "'self' https://news.example.org",
    );
    for (const bad of ["'none'; script-src *", 'https://a.org,https://b.org', '"x"']) {
      expect(() => loadConfig({ EMBED_FRAME_ANCESTORS: bad })).toThrow(/EMBED_FRAME_ANCESTORS/);
    }
  });

  it('reads PUBLIC_URL without its trailing slash, and refuses one with a query', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ PUBLIC_URL: 'https://graph.example.org/iecm/' }).publicUrl).toBe(
      'https://graph.example.org/iecm',
    );
    expect(() => loadConfig({ PUBLIC_URL: 'https://graph.example.org/?x=1' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'graph.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('reads the export idle timeout and write deadline (30 s and 10 min by default), the deadline not shorter', () => {
    expect(loadConfig({}).exports.timeouts).toEqual({ idleMs: 30_000, deadlineMs: 600_000 });
    expect(loadConfig({ EXPORT_IDLE_TIMEOUT_MS: '1500', EXPORT_WRITE_DEADLINE_MS: '4000' }).exports.timeouts).toEqual({
      idleMs: 1_500,
      deadlineMs: 4_000,
    });
    expect(() => loadConfig({ EXPORT_IDLE_TIMEOUT_MS: '0' })).toThrow(/EXPORT_IDLE_TIMEOUT_MS: must be a whole number/);
    expect(() => loadConfig({ EXPORT_WRITE_DEADLINE_MS: '2.5' })).toThrow(/EXPORT_WRITE_DEADLINE_MS/);
    expect(() => loadConfig({ EXPORT_IDLE_TIMEOUT_MS: '5000', EXPORT_WRITE_DEADLINE_MS: '4000' })).toThrow(
      /EXPORT_WRITE_DEADLINE_MS: must be at least EXPORT_IDLE_TIMEOUT_MS/,
    );
  });
});
