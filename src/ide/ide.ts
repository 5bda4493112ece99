/**
 * The browser GraphQL IDE: GraphiQL 3 on React 18, both as UMD bundles served from node_modules, so the page
 * works without internet access and loads nothing from a CDN.
 *
 *   GET /                   the IDE page, with the example queries opened as tabs
 *   GET /ide/assets/<name>  one of the bundles below (and their source maps); nothing else is reachable
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { EXPLORER_PATH } from '../explorer/explorer';
import { escapeHtml, pageRouter, scriptJson, type Asset } from '../web/page-router';

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
    query: `# Who partnered with the IECM, how, and the agreements or events that prove it.
# kinds: SIGNED_AGREEMENT and AGREEMENT_IN_NEGOTIATION only where a sentence states the status;
# AGREEMENT_STATUS_NOT_STATED where none does (never counted as negotiation).
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

function idePage(nonce: string, graphqlPath: string, asset: (name: string) => string): string {
  const config = {
    url: graphqlPath,
    explorer: { href: EXPLORER_PATH, text: 'Explorador de relaciones →' },
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
        React.createElement(
          GraphiQL,
          {
            fetcher: GraphiQL.createFetcher({ url: config.url }),
            defaultEditorToolsVisibility: true,
            defaultQuery: config.tabs[0].query,
            defaultTabs: config.tabs,
          },
          // The logo corner links to the relationship explorer, the other way into the same API.
          React.createElement(
            GraphiQL.Logo,
            null,
            React.createElement('a', { href: config.explorer.href, id: 'explorer-link' }, config.explorer.text),
          ),
        ),
      );
    </script>
  </body>
</html>
`;
}

export function ideRouter(options: IdeOptions): express.Router {
  return pageRouter({
    pagePath: '/',
    assetsPath: IDE_ASSETS_PATH,
    assets: resolveAssets(),
    graphqlPath: options.graphqlPath,
    render: (nonce, assetUrl) => idePage(nonce, options.graphqlPath, assetUrl),
    directives: [
      // GraphiQL's dialogs (react-remove-scroll) inject <style> elements at run time, and the bundle keeps its
      // nonce hook private: inline styles must be allowed. (A nonce here would make browsers ignore 'unsafe-inline'.)
      "style-src 'self' 'unsafe-inline'",
      // The fonts are inlined in graphiql.min.css; icons are inline SVG.
      "font-src 'self' data:",
      "img-src 'self' data:",
    ],
  });
}
