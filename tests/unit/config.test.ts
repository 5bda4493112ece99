import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/shared/config';

const projectFile = (name: string): string => readFileSync(join(__dirname, '..', '..', name), 'utf8');

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

  it('documents every variable in the README and in .env.example', () => {
    const readme = projectFile('README.md');
    const example = projectFile('.env.example');
    const undocumented = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\``));
    const missingFromExample = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example));
    expect({ undocumented, missingFromExample }).toEqual({ undocumented: [], missingFromExample: [] });
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
});
