/**
 * The explorer router on its own (the page, its Content-Security-Policy, which files the asset route serves), and
 * the GraphQL operations of the page checked against the schema the server builds.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import express from 'express';
import { isEnumType, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import ts from 'typescript';
import {
  EXPLORER_CONFIG_MODULE,
  EXPLORER_ENTRY,
  EXPLORER_PUBLIC_DIR,
  EXPLORER_TITLE,
  explorerRouter,
} from '../../src/explorer/explorer';
import { EXPLORER_IDS, explorerConfig, kindStyles, type ExplorerConfig } from '../../src/explorer/page-config';
import { validationRules } from '../../src/graphql/guards';
import { createSchema } from '../../src/schema';
import { loadConfig } from '../../src/shared/config';

/**
 * Runs a browser module that imports nothing (queries.js) in a context of its own and returns its exports. Jest
 * runs CommonJS here, so TypeScript first turns its `export`s into CommonJS ones; the code itself is run as it is.
 */
function loadBrowserModule(name: string): Record<string, unknown> {
  const source = readFileSync(path.join(EXPLORER_PUBLIC_DIR, name), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const context = { exports: {} };
  vm.runInNewContext(outputText, context);
  return context.exports;
}

/** The operations queries.js exports (each an object with its `document`), by export name. */
function loadExplorerQueries(): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const [name, value] of Object.entries(loadBrowserModule('queries.js'))) {
    if (typeof value === 'object' && value !== null && 'document' in value && typeof value.document === 'string') {
      queries[name] = value.document;
    }
  }
  return queries;
}

/** The explorer's own modules: every *.js file of public/. */
const OWN_MODULES = readdirSync(EXPLORER_PUBLIC_DIR).filter((name) => name.endsWith('.js'));

/** `config.js` is `export default <JSON>;`. */
function parseConfigModule(text: string): ExplorerConfig {
  const json = /^export default (.*);\n$/s.exec(text)?.[1];
  if (json === undefined) throw new Error(`config.js is not "export default <JSON>;": ${text.slice(0, 80)}`);
  return JSON.parse(json) as ExplorerConfig;
}

/** The versioned URL of an asset, as the page names it (in a src, an href or the import map). */
function assetUrlIn(html: string, name: string): string {
  const url = new RegExp(`"(/explorer/assets/${name.replace(/\./g, '\\.')}\\?v=[\\w.-]+)"`).exec(html)?.[1];
  if (!url) throw new Error(`the page names no versioned URL of ${name}`);
  return url;
}

/** The page's import map. */
function importMapIn(html: string): { imports: Record<string, string> } {
  const json = /<script type="importmap"[^>]*>([^<]*)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error('the page has no import map');
  return JSON.parse(json) as { imports: Record<string, string> };
}

const sha16 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex').slice(0, 16);

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
    for (const asset of ['cytoscape.esm.min.mjs', EXPLORER_CONFIG_MODULE, ...OWN_MODULES, 'explorer.css']) {
      expect(html).toMatch(new RegExp(`"/explorer/assets/${asset.replace(/\./g, '\\.')}\\?v=[\\w.-]+"`));
    }
    expect(html).toContain(`<script type="module" src="${assetUrlIn(html, EXPLORER_ENTRY)}"></script>`);
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
    // The one inline script is the import map (which the CSP treats as a script), with this response's nonce.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    expect(inlineScripts).toHaveLength(1);
    expect(inlineScripts[0]![1]).toBe(` type="importmap" nonce="${nonce}"`);
    expect(html).not.toMatch(/<style|\sstyle=/);

    const again = await fetch(`${base}/explorer`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('lets only the embed page be framed, by the sources of EMBED_FRAME_ANCESTORS', async () => {
    const app = express();
    app.use(explorerRouter({ graphqlPath: '/graphql', embedFrameAncestors: 'https://news.example.org' }));
    const other = http.createServer(app);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const at = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const csp = async (path: string): Promise<string> =>
        (await fetch(`${at}${path}`)).headers.get('content-security-policy') ?? '';
      expect(await csp('/explorer/embed/mapa-1')).toContain('frame-ancestors https://news.example.org');
      expect(await csp('/explorer')).toContain("frame-ancestors 'none'");
      // Without the setting (the router's own default), the embed page is not framable either.
      expect((await fetch(`${base}/explorer/embed/mapa-1`)).headers.get('content-security-policy')).toContain(
        "frame-ancestors 'none'",
      );
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('lets the page reach a GraphQL endpoint on another origin, and escapes its address', async () => {
    const app = express();
    app.use(explorerRouter({ graphqlPath: 'https://api.example.org/graphql?x=</script>' }));
    const other = http.createServer(app);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/explorer`);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' https://api.example.org;");
      const html = await response.text();
      expect(html).not.toContain('x=</script>');
      // The address reaches the page in config.js, a module of its own (never inside the HTML).
      const config = await fetch(`http://127.0.0.1:${port}${assetUrlIn(html, EXPLORER_CONFIG_MODULE)}`);
      expect(parseConfigModule(await config.text()).graphqlPath).toBe('https://api.example.org/graphql?x=</script>');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('serves Cytoscape.js, its own files and its config with long cache headers', async () => {
    const html = await (await fetch(`${base}/explorer`)).text();
    const cytoscapeFile = path.join(
      path.dirname(require.resolve('cytoscape/dist/cytoscape.min.js')),
      'cytoscape.esm.min.mjs',
    );
    const files: Record<string, { type: RegExp; file?: string }> = {
      'cytoscape.esm.min.mjs': { type: /javascript/, file: cytoscapeFile },
      [EXPLORER_CONFIG_MODULE]: { type: /javascript/ },
      'explorer.css': { type: /text\/css/, file: path.join(EXPLORER_PUBLIC_DIR, 'explorer.css') },
      ...Object.fromEntries(
        OWN_MODULES.map((name) => [name, { type: /javascript/, file: path.join(EXPLORER_PUBLIC_DIR, name) }]),
      ),
    };
    for (const [name, { type, file }] of Object.entries(files)) {
      const response = await fetch(`${base}${assetUrlIn(html, name)}`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await response.arrayBuffer());
      if (file) expect({ name, same: body.equals(readFileSync(file)) }).toEqual({ name, same: true });
      else expect(parseConfigModule(body.toString('utf8')).graphqlPath).toBe('/graphql');
    }
    expect(html).toMatch(/cytoscape\.esm\.min\.mjs\?v=3\.\d+\.\d+"/);
    // fcose and the libraries under it ship as UMD only: each is served as an ES module with a default export.
    for (const name of ['layout-base.mjs', 'cose-base.mjs', 'cytoscape-fcose.mjs']) {
      const response = await fetch(`${base}${assetUrlIn(html, name)}`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      await expect(response.text()).resolves.toMatch(/\nexport default module\.exports;\n$/);
    }
  });

  it('versions every module through the import map, so that no import reaches an unversioned URL', async () => {
    const html = await (await fetch(`${base}/explorer`)).text();
    const { imports } = importMapIn(html);
    // Our own modules are versioned by their content: a changed file is a new URL.
    for (const name of OWN_MODULES) {
      const content = readFileSync(path.join(EXPLORER_PUBLIC_DIR, name));
      expect({ name, url: imports[`/explorer/assets/${name}`] }).toEqual({
        name,
        url: `/explorer/assets/${name}?v=${sha16(content)}`,
      });
    }
    expect(imports[`/explorer/assets/${EXPLORER_CONFIG_MODULE}`]).toBe(assetUrlIn(html, EXPLORER_CONFIG_MODULE));
    expect(imports.cytoscape).toBe(assetUrlIn(html, 'cytoscape.esm.min.mjs'));
    for (const name of ['layout-base', 'cose-base', 'cytoscape-fcose'])
      expect(imports[name]).toBe(assetUrlIn(html, `${name}.mjs`));

    // Every import of every module is either relative (resolved against /explorer/assets/) or a mapped bare name,
    // and lands on a mapped, versioned URL that the server serves.
    const imported = new Set<string>();
    // The UMD bundles served as modules import the one under them by its bare name.
    const wrapped = await Promise.all(
      ['layout-base.mjs', 'cose-base.mjs', 'cytoscape-fcose.mjs'].map(async (name): Promise<[string, string]> => [
        name,
        await (await fetch(`${base}${assetUrlIn(html, name)}`)).text(),
      ]),
    );
    const sources: [string, string][] = [
      ...OWN_MODULES.map((name): [string, string] => [
        name,
        readFileSync(path.join(EXPLORER_PUBLIC_DIR, name), 'utf8'),
      ]),
      ...wrapped,
    ];
    for (const [name, source] of sources) {
      const { importedFiles } = ts.preProcessFile(source, true, false);
      for (const { fileName: specifier } of importedFiles) {
        const key = specifier.startsWith('./') ? `/explorer/assets/${specifier.slice(2)}` : specifier;
        const mapped = imports[key];
        expect({ in: name, specifier, mapped: mapped !== undefined }).toEqual({ in: name, specifier, mapped: true });
        imported.add(mapped!);
      }
    }
    // ...and every mapped module but the entry is imported by another (no dead module, no missing mapping).
    const entry = assetUrlIn(html, EXPLORER_ENTRY);
    expect([...imported].sort()).toEqual([...new Set(Object.values(imports))].filter((url) => url !== entry).sort());
    for (const url of imported) {
      expect(url).toMatch(/\?v=[\w.-]+$/);
      const response = await fetch(`${base}${url}`);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
    }
  });

  it('writes each id of the page from the one list the browser modules get in their config', async () => {
    const html = await (await fetch(`${base}/explorer`)).text();
    const idsInPage = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    const made = new Set<string>([
      EXPLORER_IDS.detailsTitle,
      EXPLORER_IDS.nodeExpand,
      EXPLORER_IDS.pathFromHere,
      EXPLORER_IDS.pathToHere,
      EXPLORER_IDS.nodeHide,
      EXPLORER_IDS.suggestionPrefix,
    ]);
    const listed = Object.values(EXPLORER_IDS).filter((id) => !made.has(id));
    expect(idsInPage.filter((id) => id !== '__________cytoscape_stylesheet').sort()).toEqual([...listed].sort());
    const config = await (await fetch(`${base}${assetUrlIn(html, EXPLORER_CONFIG_MODULE)}`)).text();
    expect(parseConfigModule(config).ids).toEqual(EXPLORER_IDS);
  });

  it('serves nothing else: no listing, no other file, no path traversal', async () => {
    for (const path of [
      '/explorer/assets',
      '/explorer/assets/',
      '/explorer/assets/cytoscape.js',
      '/explorer/assets/cytoscape.umd.js',
      '/explorer/assets/cytoscape.min.js',
      '/explorer/assets/explorer.js',
      '/explorer/assets/explorer.ts',
      '/explorer/assets/page-config.ts',
      '/explorer/assets/config.d.ts',
      '/explorer/assets/tsconfig.json',
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

describe('the operations of the explorer (queries.js) and its config', () => {
  let schema: GraphQLSchema;
  const QUERIES = loadExplorerQueries();

  beforeAll(async () => {
    schema = await createSchema();
  });

  it("covers search, a node's first view and its pages, node details and their pages, path, subgraph, maps, common partners and the network measures", () => {
    expect(Object.keys(QUERIES).sort()).toEqual([
      'COMMON_PARTNERS',
      'COMMUNITIES',
      'CREATE_MAP',
      'DELETE_MAP',
      'DRAW_MORE',
      'FIRST_VIEW',
      'MAP',
      'MAPS',
      'MORE_PARTNERS',
      'NODE_MEASURES',
      'PATH',
      'RELATIONSHIPS',
      'SEARCH',
      'SUBGRAPH',
      'TOP_BROKERS',
      'UPDATE_MAP',
    ]);
  });

  it.each(Object.entries(QUERIES))('%s is a valid operation against the schema the server builds', (_name, query) => {
    const errors = validate(schema, parse(query)).map((error) => error.message);
    expect(errors).toEqual([]);
  });

  const variables: Record<string, Record<string, unknown>> = {
    SEARCH: { query: 'iecm', first: 50 },
    FIRST_VIEW: { id: 'iecm', partners: 12, out: 24, in: 12, listed: 50 },
    DRAW_MORE: { id: 'iecm', first: 12, after: 'YXJyYXljb25uZWN0aW9uOjEx', partners: false, out: true, in: false },
    MORE_PARTNERS: { id: 'iecm', first: 50, after: 'YXJyYXljb25uZWN0aW9uOjQ5' },
    RELATIONSHIPS: { id: 'iecm', first: 50, after: 'YXJyYXljb25uZWN0aW9uOjIz', direction: 'OUT' },
    PATH: { from: 'iecm', to: 'tec-de-monterrey', via: ['PARTY_TO', 'ORGANIZED'] },
    NODE_MEASURES: { ids: ['iecm', 'unam'], orderBy: 'BETWEENNESS' },
    TOP_BROKERS: {},
    SUBGRAPH: { ids: ['iecm', 'ine'] },
    MAPS: { first: 50 },
    MAP: { id: 'un-mapa' },
    CREATE_MAP: { input: { title: 'Un mapa', nodes: [{ id: 'iecm', x: 0, y: 0 }] } },
    UPDATE_MAP: { id: 'un-mapa', version: 1, input: { title: 'Un mapa', nodes: [{ id: 'iecm', x: 0, y: 0 }] } },
    DELETE_MAP: { id: 'un-mapa' },
    COMMON_PARTNERS: { ids: ['iecm', 'unam'] },
    COMMUNITIES: { ids: ['iecm', 'unam'] },
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

  it('gives the page the RelationType and NodeKind enums of the schema, in order, each kind a style of its own', () => {
    const values = (name: string) => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((value) => value.name);
    };
    const config = explorerConfig('/graphql');
    expect(config.relationTypes).toEqual(values('RelationType'));
    expect(config.nodeKinds).toEqual(values('NodeKind'));
    expect(Object.keys(config.kindStyles).sort()).toEqual([...config.nodeKinds].sort());
    // Never colour alone: each kind has its own colour and its own shape.
    const styles = Object.values(kindStyles());
    expect(new Set(styles.map((style) => style.color)).size).toBe(styles.length);
    expect(new Set(styles.map((style) => style.shape)).size).toBe(styles.length);
  });
});
