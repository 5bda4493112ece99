/**
 * The explorer router on its own (the page, its Content-Security-Policy, which files the asset route serves), and
 * the GraphQL operations of the page checked against the schema the server builds.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import express from 'express';
import { isEnumType, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { EXPLORER_PUBLIC_DIR, EXPLORER_TITLE, explorerRouter } from '../../src/explorer/explorer';
import { validationRules } from '../../src/graphql/guards';
import { createSchema } from '../../src/schema';
import { loadConfig } from '../../src/shared/config';

interface ExplorerQueries {
  QUERIES: Record<string, string>;
  RELATION_TYPES: string[];
  NODE_KINDS: string[];
}

/** Runs queries.js as the browser does, in a context of its own, and returns what it defines. */
function loadExplorerQueries(): ExplorerQueries {
  const context: { ExplorerQueries?: ExplorerQueries } = {};
  vm.runInNewContext(readFileSync(path.join(EXPLORER_PUBLIC_DIR, 'queries.js'), 'utf8'), context);
  return context.ExplorerQueries!;
}

describe('explorerRouter', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(explorerRouter({ graphqlPath: '/graphql' }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page with its files from /explorer/assets and a nonce for its one inline script', async () => {
    const response = await fetch(`${base}/explorer`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain(`<title>${EXPLORER_TITLE}</title>`);
    for (const asset of ['cytoscape.min.js', 'queries.js', 'explorer.js', 'explorer.css']) {
      expect(html).toMatch(new RegExp(`"/explorer/assets/${asset.replace(/\./g, '\\.')}\\?v=[\\w.-]+"`));
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // Cytoscape injects no <style> element when one with this id exists: the stylesheet link carries it.
    expect(html).toMatch(
      /<link rel="stylesheet" id="__________cytoscape_stylesheet" href="\/explorer\/assets\/explorer\.css/,
    );

    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    expect(inlineScripts).toHaveLength(1);
    expect(inlineScripts[0]![1]).toBe(` nonce="${nonce}"`);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).toContain('window.EXPLORER_CONFIG = {"graphqlPath":"/graphql"};');

    const again = await fetch(`${base}/explorer`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('lets the page reach a GraphQL endpoint on another origin, and escapes its address', async () => {
    const app = express();
    app.use(explorerRouter({ graphqlPath: 'https://api.example.org/graphql?x=</script>' }));
    const other = http.createServer(app);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/explorer`);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' https://api.example.org;");
      const html = await response.text();
      expect(html).not.toContain('x=</script>');
      expect(html).toContain('x=\\u003c/script\\u003e');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('serves Cytoscape.js and its own files with long cache headers', async () => {
    const html = await (await fetch(`${base}/explorer`)).text();
    const types: Record<string, RegExp> = {
      'cytoscape.min.js': /javascript/,
      'queries.js': /javascript/,
      'explorer.js': /javascript/,
      'explorer.css': /text\/css/,
    };
    for (const [name, type] of Object.entries(types)) {
      const url = new RegExp(`"(/explorer/assets/${name.replace(/\./g, '\\.')}\\?v=[\\w.-]+)"`).exec(html)![1]!;
      const response = await fetch(`${base}${url}`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const cytoscape = await (await fetch(`${base}/explorer/assets/cytoscape.min.js`)).text();
    expect(cytoscape).toContain('cytoscape');
    expect(html).toMatch(/cytoscape\.min\.js\?v=3\.\d+\.\d+"/);
  });

  it('serves nothing else: no listing, no other file, no path traversal', async () => {
    for (const path of [
      '/explorer/assets',
      '/explorer/assets/',
      '/explorer/assets/cytoscape.js',
      '/explorer/assets/cytoscape.umd.js',
      '/explorer/assets/explorer.ts',
      '/explorer/assets/package.json',
      '/explorer/assets/..%2fexplorer.ts',
      '/explorer/assets/..%2F..%2F..%2Fpackage.json',
      '/explorer/assets/%2e%2e/%2e%2e/package.json',
      '/explorer/assets/../../package.json',
      '/explorer/assets/public/explorer.js',
      '/explorer/assets/dist/cytoscape.min.js',
      '/explorer/assets/constructor',
      '/explorer/assets/__proto__',
      '/explorer/explorer.js',
      '/explorer/public/explorer.js',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('the operations of the explorer (queries.js)', () => {
  let schema: GraphQLSchema;
  const { QUERIES, RELATION_TYPES, NODE_KINDS } = loadExplorerQueries();

  beforeAll(async () => {
    schema = await createSchema();
  });

  it('covers search, neighbourhood, node details and path', () => {
    expect(Object.keys(QUERIES).sort()).toEqual(['neighborhood', 'node', 'path', 'search']);
  });

  it.each(Object.entries(QUERIES))('%s is a valid operation against the schema the server builds', (_name, query) => {
    const errors = validate(schema, parse(query)).map((error) => error.message);
    expect(errors).toEqual([]);
  });

  const variables: Record<string, Record<string, unknown>> = {
    search: { query: 'iecm' },
    neighborhood: { id: 'iecm' },
    node: { id: 'iecm' },
    path: { from: 'iecm', to: 'tec-de-monterrey' },
  };

  it.each(Object.entries(QUERIES))(
    "%s stays within the server's default depth, alias and complexity limits",
    (name, query) => {
      const { graphqlLimits } = loadConfig({});
      const document = parse(query);
      const errors = validate(schema, document, [...specifiedRules, ...validationRules(graphqlLimits)]);
      expect(errors.map((error) => error.message)).toEqual([]);
      const complexity = getComplexity({
        schema,
        query: document,
        variables: variables[name],
        estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      });
      expect(complexity).toBeLessThanOrEqual(graphqlLimits.maxComplexity);
    },
  );

  it('lists the RelationType and NodeKind enums of the schema, in order', () => {
    const values = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((value) => value.name);
    };
    expect([...RELATION_TYPES]).toEqual(values('RelationType'));
    expect([...NODE_KINDS]).toEqual(values('NodeKind'));
  });
});
