/** The IDE router on its own: the page, its Content-Security-Policy, and which files the asset route serves. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse, validate } from 'graphql';
import { createSchema } from '../../src/schema';
import { EXAMPLE_QUERIES, IDE_TITLE, ideRouter } from '../../src/ide/ide';

describe('ideRouter', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(ideRouter({ graphqlPath: '/graphql' }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page with the bundles from /ide/assets and a nonce for its one inline script', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`<title>${IDE_TITLE}</title>`);
    for (const asset of [
      'react.production.min.js',
      'react-dom.production.min.js',
      'graphiql.min.js',
      'graphiql.min.css',
    ]) {
      expect(html).toMatch(new RegExp(`"/ide/assets/${asset.replace(/\./g, '\\.')}\\?v=[\\w.-]+"`));
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    expect(inlineScripts).toHaveLength(1);
    expect(inlineScripts[0]![1]).toBe(` nonce="${nonce}"`);

    const again = await fetch(`${base}/`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('opens every example query as a tab, the first one as the default query', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const config = JSON.parse(/const config = (.*);\n/.exec(html)![1]!) as { url: string; tabs: { query: string }[] };
    expect(config.url).toBe('/graphql');
    expect(config.tabs).toEqual(EXAMPLE_QUERIES.map(({ query }) => ({ query })));
    expect(html).toContain('defaultQuery: config.tabs[0].query');
    expect(html).toContain('defaultTabs: config.tabs');
    expect(html).toContain('defaultEditorToolsVisibility: true');
  });

  it('serves the four bundles and their source maps with long cache headers', async () => {
    const types: Record<string, RegExp> = {
      'react.production.min.js': /javascript/,
      'react-dom.production.min.js': /javascript/,
      'graphiql.min.js': /javascript/,
      'graphiql.min.css': /text\/css/,
      'graphiql.min.js.map': /json/,
      'graphiql.min.css.map': /json/,
    };
    for (const [name, type] of Object.entries(types)) {
      const response = await fetch(`${base}/ide/assets/${name}?v=1`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('serves nothing else: no listing, no other file, no path traversal', async () => {
    for (const path of [
      '/ide/assets',
      '/ide/assets/',
      '/ide/assets/react.development.js',
      '/ide/assets/package.json',
      '/ide/assets/..%2fpackage.json',
      '/ide/assets/..%2F..%2F..%2Fpackage.json',
      '/ide/assets/%2e%2e/%2e%2e/package.json',
      '/ide/assets/../../package.json',
      '/ide/assets/react/umd/react.production.min.js',
      '/ide/assets/constructor',
      '/ide/assets/__proto__',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('EXAMPLE_QUERIES', () => {
  it('are valid operations against the schema the server builds', async () => {
    const schema = await createSchema();
    for (const { query } of EXAMPLE_QUERIES) {
      const errors = validate(schema, parse(query)).map((error) => error.message);
      expect({ query, errors }).toEqual({ query, errors: [] });
    }
  });
});
