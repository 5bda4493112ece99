/**
 * The relationship explorer: a page that draws the graph with Cytoscape.js and reads it through the public
 * GraphQL API only (search, neighborhood, node, partners, path), so it doubles as the example for anyone
 * building their own explorer. Everything it loads is served from here: Cytoscape.js from node_modules and the
 * explorer's own plain browser files from src/explorer/public (no bundler, no CDN, works offline).
 *
 *   GET /explorer                   the page; `?focus=<node id>` opens a node directly
 *   GET /explorer/assets/<name>     one of the files below; nothing else is reachable
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { PROJECT_ROOT } from '../shared/paths';
import { escapeHtml, pageRouter, scriptJson, type Asset } from '../web/page-router';

export interface ExplorerOptions {
  /** Where the GraphQL endpoint answers, as the browser sees it: a path such as `/graphql`, or a full URL. */
  graphqlPath: string;
}

export const EXPLORER_TITLE = 'IECM relations graph — relationship explorer';
export const EXPLORER_PATH = '/explorer';
export const EXPLORER_ASSETS_PATH = '/explorer/assets';

/** The explorer's own browser files (plain JavaScript and CSS, read from the source tree from src/ and dist/). */
export const EXPLORER_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'explorer', 'public');

/** Cytoscape's `exports` lists its dist files but not its package.json: find the manifest next to dist/. */
function cytoscapeAsset(): Asset {
  const file = require.resolve('cytoscape/dist/cytoscape.min.js');
  const manifest = path.join(path.dirname(file), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { file, version };
}

/** Our own files change without a version bump: version them by content. Missing files fail at start-up. */
function ownAsset(name: string): Asset {
  const file = path.join(EXPLORER_PUBLIC_DIR, name);
  const version = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  return { file, version };
}

function resolveAssets(): Map<string, Asset> {
  return new Map<string, Asset>([
    ['cytoscape.min.js', cytoscapeAsset()],
    ['queries.js', ownAsset('queries.js')],
    ['explorer.js', ownAsset('explorer.js')],
    ['explorer.css', ownAsset('explorer.css')],
  ]);
}

function explorerPage(nonce: string, graphqlPath: string, asset: (name: string) => string): string {
  const config = { graphqlPath };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(EXPLORER_TITLE)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" id="__________cytoscape_stylesheet" href="${asset('explorer.css')}" />
  </head>
  <body>
    <a class="skip-link" href="#details">Skip to the details panel</a>
    <header class="topbar">
      <h1>IECM relations explorer</h1>
      <div class="search">
        <label for="search">Search organizations, agreements, places</label>
        <div class="combobox">
          <input
            id="search"
            type="search"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls="suggestions"
            aria-describedby="search-hint"
            autocomplete="off"
            spellcheck="false"
            maxlength="200"
            placeholder="e.g. IECM, INE, UNAM, Chicago"
          />
          <ul id="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
        </div>
        <p id="search-hint" class="hint">Type at least two letters; use the arrow keys and Enter to choose.</p>
      </div>
      <nav aria-label="Other pages"><a href="/">GraphQL IDE</a></nav>
    </header>

    <div class="toolbar" role="toolbar" aria-label="View">
      <details class="filters">
        <summary>Filters</summary>
        <div class="filters-panel">
        <fieldset id="type-filters">
          <legend>Relationship types</legend>
          <div id="type-checkboxes" class="checkboxes"></div>
          <p class="hint">“reported in” starts unchecked: every agreement and event is reported in the same report.</p>
          <div class="row">
            <button type="button" id="types-all">All</button>
            <button type="button" id="types-none">None</button>
          </div>
        </fieldset>
        <div class="row">
          <label for="active-at">Active at</label>
          <input id="active-at" type="date" aria-describedby="active-at-hint" />
          <button type="button" id="active-at-clear">Any time</button>
        </div>
        <p id="active-at-hint" class="hint">Hides relationships whose reported period does not include the day.</p>
        </div>
      </details>
      <label class="toggle"><input type="checkbox" id="edge-labels" /> Relationship labels</label>
      <button type="button" id="fit">Fit</button>
      <button type="button" id="export-png">Export PNG</button>
      <button type="button" id="export-json">Export JSON</button>
      <button type="button" id="clear-graph">Clear</button>
    </div>

    <p id="status" role="status" aria-live="polite"></p>

    <main class="layout">
      <section class="graph-area" aria-label="Graph">
        <div
          id="cy"
          tabindex="0"
          role="img"
          aria-label="Relationship graph: + and - zoom, the arrow keys pan, 0 fits. The side panel lists the nodes in view and each node's relationships."
        ></div>
        <ul id="legend" class="legend" aria-label="Legend: node kinds"></ul>
      </section>
      <aside class="side" aria-label="Details">
        <section id="path-panel" class="panel" aria-labelledby="path-heading">
          <h2 id="path-heading">Shortest path</h2>
          <p class="hint">Choose “Path from” and “Path to” on two nodes, or shift-click a second node.</p>
          <dl class="path-ends">
            <dt>From</dt>
            <dd id="path-from">—</dd>
            <dt>To</dt>
            <dd id="path-to">—</dd>
          </dl>
          <div class="row">
            <button type="button" id="path-find" disabled>Find path</button>
            <button type="button" id="path-clear">Clear path</button>
          </div>
          <ol id="path-steps" class="steps" aria-label="Steps of the path"></ol>
        </section>
        <section id="details" class="panel" tabindex="-1" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <div id="details-body">
            <p class="hint">
              Search for a node to start. Click a node to expand it and see its details, click a relationship to
              see where it is reported.
            </p>
          </div>
        </section>
        <section class="panel" aria-labelledby="in-view-heading">
          <details id="in-view">
            <summary id="in-view-heading">Nodes in view (<span id="in-view-count">0</span>)</summary>
            <ul id="in-view-list" class="node-list"></ul>
          </details>
        </section>
      </aside>
    </main>

    <script nonce="${nonce}">
      window.EXPLORER_CONFIG = ${scriptJson(config)};
    </script>
    <script src="${asset('cytoscape.min.js')}"></script>
    <script src="${asset('queries.js')}"></script>
    <script src="${asset('explorer.js')}"></script>
  </body>
</html>
`;
}

export function explorerRouter(options: ExplorerOptions): express.Router {
  return pageRouter({
    pagePath: EXPLORER_PATH,
    assetsPath: EXPLORER_ASSETS_PATH,
    assets: resolveAssets(),
    graphqlPath: options.graphqlPath,
    render: (nonce, assetUrl) => explorerPage(nonce, options.graphqlPath, assetUrl),
    directives: [
      // Only explorer.css: Cytoscape would inject a <style> element, but skips it when an element with its id
      // exists, and the page's <link> carries that id. Inline styles set through the CSSOM are not affected.
      "style-src 'self'",
      "img-src 'self' data: blob:",
    ],
  });
}
