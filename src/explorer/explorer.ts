/**
 * The relationship explorer: a page that draws the graph with Cytoscape.js and reads it through the public
 * GraphQL API only (search, neighborhood, node, partners, path), so it doubles as the example for anyone
 * building their own explorer. Everything it loads is served from here: Cytoscape.js from node_modules and the
 * explorer's own browser modules from src/explorer/public (native ES modules, no bundler, no CDN, works offline).
 *
 *   GET /explorer                   the page; `?focus=<node id>` opens a node directly
 *   GET /explorer/assets/<name>     one of the files below; nothing else is reachable
 *
 * Assets are cached for a year under versioned URLs (`?v=<hash>`). A module's own `import './api.js'` would name
 * the unversioned URL, so the page carries an import map that sends each module URL to its versioned URL.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { PROJECT_ROOT } from '../shared/paths';
import { escapeHtml, pageRouter, scriptJson, versionedAssetUrl, type Asset } from '../web/page-router';
import { EXPLORER_IDS, EXPLORER_PAGE_PATH, explorerConfig } from './page-config';

export interface ExplorerOptions {
  /** Where the GraphQL endpoint answers, as the browser sees it: a path such as `/graphql`, or a full URL. */
  graphqlPath: string;
  /** CSP frame-ancestors of the embed page (EMBED_FRAME_ANCESTORS); unset: 'none', as every other page. */
  embedFrameAncestors?: string;
}

export const EXPLORER_TITLE = 'IECM relations graph — relationship explorer';
export const EXPLORER_PATH = EXPLORER_PAGE_PATH;
/** The explorer opening one node: append the node's id (URI-encoded). navigation.js reads `focus`. */
export const EXPLORER_NODE_PATH = `${EXPLORER_PATH}?focus=`;
/** The read-only view of a saved map, for articles: the same page, which hides its controls there. */
export const EXPLORER_EMBED_PATH = `${EXPLORER_PAGE_PATH}/embed/:id`;
export const EXPLORER_ASSETS_PATH = '/explorer/assets';

/** The explorer's own browser files (ES modules and CSS, read from the source tree from src/ and dist/). */
export const EXPLORER_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'explorer', 'public');

/** The module the page starts; it imports the others. */
export const EXPLORER_ENTRY = 'main.js';
/**
 * Run first, as soon as it and its few imports are loaded (async): asks for the first view of the address's node
 * while Cytoscape and the other modules still load.
 */
export const EXPLORER_BOOT = 'boot.js';
/** The page configuration (page-config.ts), made at start-up and served as a module like the others. */
export const EXPLORER_CONFIG_MODULE = 'config.js';
/** Cytoscape's ES module build, imported by the bare name `cytoscape` through the import map. */
const CYTOSCAPE_MODULE = 'cytoscape.esm.min.mjs';
const STYLESHEET = 'explorer.css';

/**
 * The fcose layout (incremental, with fixed nodes) and the two libraries it is built on ship as UMD bundles only.
 * Each is served as an ES module that gives the bundle a CommonJS `module` and a `require` of the one before it,
 * and imported by its package name through the import map.
 */
const UMD_MODULES = [
  { name: 'layout-base', file: 'layout-base/layout-base.js', requires: [] },
  { name: 'cose-base', file: 'cose-base/cose-base.js', requires: ['layout-base'] },
  { name: 'cytoscape-fcose', file: 'cytoscape-fcose/cytoscape-fcose.js', requires: ['cose-base'] },
] as const;
const umdAssetName = (name: string): string => `${name}.mjs`;

const contentHash = (content: string | Buffer): string =>
  createHash('sha256').update(content).digest('hex').slice(0, 16);

/** Cytoscape's `exports` lists its dist files but not its package.json: find the manifest next to dist/. */
function cytoscapeAsset(): Asset {
  const dist = path.dirname(require.resolve('cytoscape/dist/cytoscape.min.js'));
  const manifest = path.join(dist, '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { file: path.join(dist, CYTOSCAPE_MODULE), version };
}

/** A UMD bundle of node_modules as an ES module whose default export is what the bundle exports. */
function umdAsset(file: string, requires: readonly string[]): Asset {
  const text = [
    ...requires.map((name, i) => `import dependency${i} from '${name}';`),
    `const dependencies = { ${requires.map((name, i) => `'${name}': dependency${i}`).join(', ')} };`,
    'const module = { exports: {} };',
    'const exports = module.exports;',
    'const require = (name) => dependencies[name];',
    readFileSync(require.resolve(file), 'utf8'),
    'export default module.exports;',
    '',
  ].join('\n');
  return { text, contentType: 'text/javascript; charset=utf-8', version: contentHash(text) };
}

/** Our own files change without a version bump: version them by content. Missing files fail at start-up. */
function ownAsset(name: string): Asset {
  const file = path.join(EXPLORER_PUBLIC_DIR, name);
  return { file, version: contentHash(readFileSync(file)) };
}

/** Every module of public/ (each *.js file there), read once at start-up. */
function ownModules(): string[] {
  const names = readdirSync(EXPLORER_PUBLIC_DIR)
    .filter((name) => name.endsWith('.js'))
    .sort();
  if (names.includes(EXPLORER_CONFIG_MODULE)) throw new Error(`public/${EXPLORER_CONFIG_MODULE} would hide the config`);
  return names;
}

function resolveAssets(graphqlPath: string): Map<string, Asset> {
  const config = `export default ${JSON.stringify(explorerConfig(graphqlPath))};\n`;
  return new Map<string, Asset>([
    [CYTOSCAPE_MODULE, cytoscapeAsset()],
    ...UMD_MODULES.map(({ name, file, requires }): [string, Asset] => [umdAssetName(name), umdAsset(file, requires)]),
    [
      EXPLORER_CONFIG_MODULE,
      { text: config, contentType: 'text/javascript; charset=utf-8', version: contentHash(config) },
    ],
    ...ownModules().map((name): [string, Asset] => [name, ownAsset(name)]),
    [STYLESHEET, ownAsset(STYLESHEET)],
  ]);
}

/** The modules the page loads: every asset but the stylesheet. */
const moduleNames = (assets: Map<string, Asset>): string[] => [...assets.keys()].filter((name) => name !== STYLESHEET);

/**
 * Maps the URL each module names another by (`/explorer/assets/api.js`) to its versioned URL, and Cytoscape's bare
 * name to its file; `import './api.js'` thus loads `api.js?v=<its hash>`.
 */
function explorerImportMap(assets: Map<string, Asset>): { imports: Record<string, string> } {
  const versioned = (name: string): string => versionedAssetUrl(EXPLORER_ASSETS_PATH, assets, name);
  const imports: Record<string, string> = { cytoscape: versioned(CYTOSCAPE_MODULE) };
  for (const { name } of UMD_MODULES) imports[name] = versioned(umdAssetName(name));
  for (const name of moduleNames(assets)) imports[`${EXPLORER_ASSETS_PATH}/${name}`] = versioned(name);
  return { imports };
}

function explorerPage(nonce: string, assets: Map<string, Asset>, asset: (name: string) => string): string {
  const id = EXPLORER_IDS;
  // The import map comes first: a module (or a modulepreload) that starts loading before it would not use it.
  const preloads = moduleNames(assets)
    .map((name) => `<link rel="modulepreload" href="${asset(name)}" />`)
    .join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(EXPLORER_TITLE)}</title>
    <link rel="icon" href="data:," />
    <script type="importmap" nonce="${nonce}">
      ${scriptJson(explorerImportMap(assets))}
    </script>
    ${preloads}
    <script type="module" async src="${asset(EXPLORER_BOOT)}"></script>
    <link rel="stylesheet" id="__________cytoscape_stylesheet" href="${asset(STYLESHEET)}" />
  </head>
  <body>
    <a class="skip-link" href="#${id.details}">Skip to the details panel</a>
    <header class="topbar">
      <h1>IECM relations explorer</h1>
      <div class="search">
        <label for="${id.search}">Search organizations, agreements, places</label>
        <div class="combobox">
          <input
            id="${id.search}"
            class="search-input"
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls="${id.suggestions}"
            aria-describedby="${id.searchHint}"
            autocomplete="off"
            spellcheck="false"
            maxlength="200"
            placeholder="e.g. IECM, INE, UNAM, Chicago"
          />
          <ul id="${id.suggestions}" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
        </div>
        <p id="${id.searchHint}" class="hint">Type at least two letters; use the arrow keys and Enter to choose.</p>
      </div>
      <nav aria-label="Other pages"><a href="/">GraphQL IDE</a></nav>
    </header>

    <div class="toolbar" role="toolbar" aria-label="View">
      <details class="filters">
        <summary>Filters</summary>
        <div class="filters-panel">
        <fieldset id="${id.typeFilters}">
          <legend>Relationship types</legend>
          <div id="${id.typeCheckboxes}" class="checkboxes"></div>
          <p class="hint">“reported in” starts unchecked: every agreement and event is reported in the same report.</p>
          <div class="row">
            <button type="button" id="${id.typesAll}">All</button>
            <button type="button" id="${id.typesNone}">None</button>
          </div>
        </fieldset>
        <div class="row">
          <label for="${id.activeAt}">Active at</label>
          <input id="${id.activeAt}" type="date" aria-describedby="${id.activeAtHint}" />
          <button type="button" id="${id.activeAtClear}">Any time</button>
        </div>
        <p id="${id.activeAtHint}" class="hint">Hides relationships whose reported period does not include the day.</p>
        </div>
      </details>
      <label class="toggle"><input type="checkbox" id="${id.edgeLabels}" /> Relationship labels</label>
      <label
        >Size by
        <select id="${id.sizeBy}">
          <option value="">nothing</option>
          <option value="DEGREE">partners (degree)</option>
          <option value="WEIGHTED_DEGREE">shared agreements and events</option>
          <option value="BETWEENNESS">brokerage (betweenness)</option>
        </select></label
      >
      <button type="button" id="${id.fit}">Fit</button>
      <button type="button" id="${id.exportPng}">Export PNG</button>
      <button type="button" id="${id.exportJson}">Export JSON</button>
      <button type="button" id="${id.clearGraph}">Clear</button>
    </div>

    <p id="${id.status}" class="status" role="status" aria-live="polite"></p>

    <main class="layout">
      <section class="graph-area" aria-label="Graph">
        <div
          id="${id.cy}"
          class="graph"
          tabindex="0"
          role="img"
          aria-label="Relationship graph: + and - zoom, the arrow keys pan, 0 fits. The side panel lists the nodes in view and each node's relationships."
        ></div>
        <div class="legends">
          <ul id="${id.legend}" class="legend" aria-label="Legend: node kinds"></ul>
          <ul id="${id.statusLegend}" class="legend" aria-label="Legend: agreement status"></ul>
          <details class="legend-types">
            <summary>Relationship colours</summary>
            <ul id="${id.relationLegend}" class="legend" aria-label="Legend: relationship types"></ul>
          </details>
        </div>
      </section>
      <aside class="side" aria-label="Details">
        <section id="${id.pathPanel}" class="panel" aria-labelledby="${id.pathHeading}">
          <h2 id="${id.pathHeading}">Shortest path</h2>
          <p class="hint">Choose “Path from” and “Path to” on two nodes, or shift-click a second node.</p>
          <dl class="path-ends">
            <dt>From</dt>
            <dd id="${id.pathFrom}">—</dd>
            <dt>To</dt>
            <dd id="${id.pathTo}">—</dd>
          </dl>
          <div class="row">
            <button type="button" id="${id.pathFind}" disabled>Find path</button>
            <button type="button" id="${id.pathClear}">Clear path</button>
          </div>
          <ol id="${id.pathSteps}" class="steps" aria-label="Steps of the path"></ol>
        </section>
        <section id="${id.mapsPanel}" class="panel maps" aria-labelledby="${id.mapsHeading}">
          <h2 id="${id.mapsHeading}">Maps</h2>
          <p id="${id.mapChanges}" class="map-changes" role="note" hidden></p>
          <div class="map-editor">
            <label for="${id.mapTitle}">Title</label>
            <input id="${id.mapTitle}" type="text" maxlength="200" />
            <label for="${id.mapToken}">Editor token</label>
            <input id="${id.mapToken}" type="password" autocomplete="off" />
            <div class="row">
              <button type="button" id="${id.mapSave}">Save map</button>
              <label class="file-button">Open map file <input id="${id.mapOpenFile}" type="file" accept=".json,application/json" /></label>
            </div>
          </div>
          <details>
            <summary>Saved maps</summary>
            <ul id="${id.mapList}" class="node-list" aria-label="Saved maps"></ul>
          </details>
        </section>
        <section id="${id.details}" class="panel details" tabindex="-1" aria-labelledby="${id.detailsHeading}">
          <h2 id="${id.detailsHeading}">Details</h2>
          <div id="${id.detailsBody}">
            <p class="hint">
              Search for a node to start. Click a node to expand it and see its details, click a relationship to
              see where it is reported.
            </p>
          </div>
        </section>
        <section class="panel" aria-labelledby="${id.brokersHeading}">
          <details id="${id.brokers}">
            <summary id="${id.brokersHeading}">Top brokers (betweenness)</summary>
            <ol id="${id.brokersList}" class="node-list"></ol>
          </details>
        </section>
        <section class="panel" aria-labelledby="${id.inViewHeading}">
          <details id="${id.inView}" class="in-view">
            <summary id="${id.inViewHeading}">Nodes in view (<span id="${id.inViewCount}">0</span>)</summary>
            <ul id="${id.inViewList}" class="node-list"></ul>
          </details>
        </section>
      </aside>
    </main>

    <script type="module" src="${asset(EXPLORER_ENTRY)}"></script>
  </body>
</html>
`;
}

export function explorerRouter(options: ExplorerOptions): express.Router {
  const assets = resolveAssets(options.graphqlPath);
  return pageRouter({
    pagePath: EXPLORER_PATH,
    // Only the embed page may be framed by other sites (EMBED_FRAME_ANCESTORS, default *).
    framable: { pagePath: EXPLORER_EMBED_PATH, frameAncestors: options.embedFrameAncestors ?? "'none'" },
    assetsPath: EXPLORER_ASSETS_PATH,
    assets,
    graphqlPath: options.graphqlPath,
    render: (nonce, assetUrl) => explorerPage(nonce, assets, assetUrl),
    directives: [
      // Only explorer.css: Cytoscape would inject a <style> element, but skips it when an element with its id
      // exists, and the page's <link> carries that id. Inline styles set through the CSSOM are not affected.
      "style-src 'self'",
      "img-src 'self' data: blob:",
    ],
  });
}
