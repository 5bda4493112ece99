/**
 * The curation workbench at /curate: paste or load an article, see what `analyzeDocument` proposes sentence by
 * sentence, accept, edit or reject each proposal, and `commitDocument` it — through the public GraphQL API only.
 * Served like the explorer: its own files only (no CDN, works offline) under a strict Content-Security-Policy.
 *
 *   GET /curate                  the page
 *   GET /curate/assets/<name>    curate.js or curate.css; nothing else is reachable
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { PROJECT_ROOT } from '../shared/paths';
import { escapeHtml, pageRouter, scriptJson, type Asset } from '../web/page-router';
import { CURATE_CONFIG_ID, curateConfig } from './page-config';

export const CURATE_PATH = '/curate';
export const CURATE_ASSETS_PATH = '/curate/assets';
export const CURATE_TITLE = 'IECM relations graph — curation workbench';
const PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'curate', 'public');
const FILES = ['curate.js', 'curate.css'];

function ownAsset(name: string): Asset {
  const file = path.join(PUBLIC_DIR, name);
  return { file, version: createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16) };
}

function page(graphqlPath: string, assetUrl: (name: string) => string, config: string): string {
  return `<!doctype html>
<html lang="es">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(CURATE_TITLE)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${assetUrl('curate.css')}" />
    <script type="application/json" id="${CURATE_CONFIG_ID}">${config}</script>
    <script type="module" src="${assetUrl('curate.js')}"></script>
  </head>
  <body data-graphql="${escapeHtml(graphqlPath)}">
    <header><h1>Curation workbench</h1><a href="/explorer">Explorer</a></header>
    <section id="sign-in-panel">
      <label for="token">Editor token (kept in this tab only)</label>
      <input id="token" type="password" autocomplete="off" />
      <button id="sign-in" type="button">Sign in</button>
      <span id="who"></span>
    </section>
    <section id="document-panel">
      <label for="doc-id">Document id</label><input id="doc-id" />
      <label for="title">Title</label><input id="title" />
      <label for="url">URL</label><input id="url" type="url" />
      <label for="published">Published (YYYY-MM-DD)</label><input id="published" />
      <label for="publisher">Publisher</label><input id="publisher" />
      <label for="text">Text</label><textarea id="text" rows="12"></textarea>
      <label for="file">or load a .txt file</label><input id="file" type="file" accept=".txt,text/plain" />
      <button id="analyze" type="button">Analyse</button>
    </section>
    <p id="status" role="status"></p>
    <section id="legend">
      <span class="mention">known node</span> <span class="candidate">new entity</span>
      <span class="quantity">number</span> — click two highlights to relate them, select text to add an entity,
      click a number to record it as a count.
    </section>
    <section id="select-panel" hidden>
      <label for="select-name">New entity</label><input id="select-name" />
      <label for="select-kind">kind</label><select id="select-kind"></select>
      <button id="select-add" type="button">Add entity</button>
    </section>
    <section id="pick-panel" hidden>
      <span id="picked"></span>
      <label for="pick-type">relationship</label><select id="pick-type"></select>
      <button id="pick-add" type="button">Add relationship</button>
    </section>
    <ol id="sentences" start="0"></ol>
    <section id="commit-panel" hidden>
      <div id="summary" data-ready="false"></div>
      <button id="commit" type="button">Commit document</button>
      <div id="result"></div>
    </section>
    <section id="history-panel">
      <h2>Node history</h2>
      <label for="history-id">Node id</label><input id="history-id" />
      <button id="history-show" type="button">Show history</button>
      <ol id="history"></ol>
    </section>
    <section id="merge-panel">
      <h2>Merge two duplicates (admin)</h2>
      <label for="survivor-id">Keep</label><input id="survivor-id" />
      <label for="merged-id">Merge into it</label><input id="merged-id" />
      <button id="merge" type="button">Merge</button>
      <span id="merge-result"></span>
    </section>
  </body>
</html>`;
}

export function curateRouter(options: { graphqlPath: string }): express.Router {
  const assets = new Map(FILES.map((name): [string, Asset] => [name, ownAsset(name)]));
  // The graph model as the workbench needs it, made once: it is data, not code, so no nonce is needed.
  const config = scriptJson(curateConfig());
  return pageRouter({
    pagePath: CURATE_PATH,
    assetsPath: CURATE_ASSETS_PATH,
    assets,
    graphqlPath: options.graphqlPath,
    render: (_nonce, assetUrl) => page(options.graphqlPath, assetUrl, config),
    directives: ["style-src 'self'", "img-src 'self' data:"],
  });
}
