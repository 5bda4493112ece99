/**
 * The browser GraphQL IDE: GraphiQL 3 on React 18, both as UMD bundles served from node_modules, so the page
 * works without internet access and loads nothing from a CDN.
 *
 *   GET /                   the IDE page, with the example queries opened as tabs
 *   GET /ide/assets/<name>  one of the bundles below (and their source maps); nothing else is reachable
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

export interface IdeOptions {
  /** Where the GraphQL endpoint answers, as the browser sees it: a path such as `/graphql`, or a full URL. */
  graphqlPath: string;
}

export interface ExampleQuery {
  /** The operation, with a leading comment explaining it; GraphiQL names its tab after the operation. */
  query: string;
  /** The variables as JSON text, when the operation takes any. */
  variables?: string;
}

export const IDE_TITLE = 'IECM relations graph — GraphQL IDE';

/** Opened as tabs, in this order; the first one is also the default query. */
export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    query: `# Who partnered with the IECM, how, and the agreements or events that prove it
query IecmPartners {
  partners(of: "iecm", first: 50) {
    totalCount
    edges {
      node {
        partner { id name kind }
        kinds
        evidence { id name kind }
      }
    }
  }
}
`,
  },
  {
    query: `# The shortest path from the IECM to a university
query PathToUniversity {
  path(from: "iecm", to: "tec-de-monterrey") {
    length
    nodes { id name kind }
    edges { source target type label }
  }
}
`,
  },
  {
    query: `# Search names, acronyms and aliases; accents and case do not matter, prefixes work
query Search {
  search(query: "fisc") {
    score
    node { id name kind aliases }
  }
}
`,
  },
];

export const IDE_ASSETS_PATH = '/ide/assets';

interface Asset {
  file: string;
  /** The package's version, added to the asset URLs so a long browser cache never serves an old bundle. */
  version: string;
}

/** The package's own folder. React 18's `exports` does not list its UMD files, so resolve its package.json. */
function packageDir(name: string): { dir: string; version: string } {
  const manifest = require.resolve(`${name}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

function resolveAssets(): Map<string, Asset> {
  const react = packageDir('react');
  const reactDom = packageDir('react-dom');
  const graphiql = packageDir('graphiql');
  const entries: [string, Asset][] = [
    ['react.production.min.js', { file: path.join(react.dir, 'umd/react.production.min.js'), version: react.version }],
    [
      'react-dom.production.min.js',
      { file: path.join(reactDom.dir, 'umd/react-dom.production.min.js'), version: reactDom.version },
    ],
    ['graphiql.min.js', { file: require.resolve('graphiql/graphiql.min.js'), version: graphiql.version }],
    ['graphiql.min.css', { file: require.resolve('graphiql/graphiql.min.css'), version: graphiql.version }],
    // Fetched by the browser's developer tools only, through the bundles' sourceMappingURL comments.
    ['graphiql.min.js.map', { file: require.resolve('graphiql/graphiql.min.js.map'), version: graphiql.version }],
    ['graphiql.min.css.map', { file: require.resolve('graphiql/graphiql.min.css.map'), version: graphiql.version }],
  ];
  return new Map(entries);
}

/** JSON that is safe inside a <script> element: nothing in it can close the element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The GraphQL endpoint's origin when it is on another host; the page may fetch from there too. */
function endpointOrigin(graphqlPath: string): string | undefined {
  if (!/^https?:\/\//i.test(graphqlPath)) return undefined;
  return new URL(graphqlPath).origin;
}

function contentSecurityPolicy(nonce: string, graphqlPath: string): string {
  const connect = ["'self'", endpointOrigin(graphqlPath)].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    // The bundles from 'self' and the one inline script carrying this response's nonce; no eval.
    `script-src 'self' 'nonce-${nonce}'`,
    // GraphiQL's dialogs (react-remove-scroll) inject <style> elements at run time, and the bundle keeps its
    // nonce hook private: inline styles must be allowed. (A nonce here would make browsers ignore 'unsafe-inline'.)
    "style-src 'self' 'unsafe-inline'",
    // The fonts are inlined in graphiql.min.css; icons are inline SVG.
    "font-src 'self' data:",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function idePage(nonce: string, graphqlPath: string, assets: Map<string, Asset>): string {
  const asset = (name: string) => {
    const { version } = assets.get(name)!;
    return escapeHtml(`${IDE_ASSETS_PATH}/${name}?v=${encodeURIComponent(version)}`);
  };
  const config = {
    url: graphqlPath,
    tabs: EXAMPLE_QUERIES.map(({ query, variables }) => (variables === undefined ? { query } : { query, variables })),
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(IDE_TITLE)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset('graphiql.min.css')}" />
    <style>
      html, body, #graphiql { height: 100%; margin: 0; }
    </style>
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL IDE…</div>
    <script src="${asset('react.production.min.js')}"></script>
    <script src="${asset('react-dom.production.min.js')}"></script>
    <script src="${asset('graphiql.min.js')}"></script>
    <script nonce="${nonce}">
      const config = ${scriptJson(config)};
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
          fetcher: GraphiQL.createFetcher({ url: config.url }),
          defaultEditorToolsVisibility: true,
          defaultQuery: config.tabs[0].query,
          defaultTabs: config.tabs,
        }),
      );
    </script>
  </body>
</html>
`;
}

export function ideRouter(options: IdeOptions): express.Router {
  const { graphqlPath } = options;
  const assets = resolveAssets();
  const router = express.Router();

  router.get('/', (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': contentSecurityPolicy(nonce, graphqlPath),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(idePage(nonce, graphqlPath, assets));
  });

  // `:name` is one path segment and is only looked up in the fixed list: no other file can be reached.
  router.get(`${IDE_ASSETS_PATH}/:name`, (req, res, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      next();
      return;
    }
    res.set('X-Content-Type-Options', 'nosniff');
    res.sendFile(asset.file, { maxAge: '365d', immutable: true }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });

  return router;
}
