/**
 * Serving a browser page with its assets, shared by the GraphQL IDE and the explorer: a per-response
 * nonce for the one inline script, a strict Content-Security-Policy, and a fixed list of asset files
 * (long-cached, versioned in their URLs) so that no other file can be reached.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';

export interface Asset {
  file: string;
  /** Added to the asset URL so a long browser cache never serves an old file: a package version or a hash. */
  version: string;
}

export interface PageOptions {
  pagePath: string;
  assetsPath: string;
  assets: Map<string, Asset>;
  /** The page's HTML; `assetUrl` gives the versioned URL of a listed asset. */
  render: (nonce: string, assetUrl: (name: string) => string) => string;
  /** CSP directives beyond the common ones (e.g. style-src, img-src, font-src). */
  directives: string[];
  /** Where the GraphQL endpoint answers, as the browser sees it: a path or a full URL. */
  graphqlPath: string;
}

/** JSON that is safe inside a <script> element: nothing in it can close the element or start a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The GraphQL endpoint's origin when it is on another host; the page may fetch from there too. */
function endpointOrigin(graphqlPath: string): string | undefined {
  if (!/^https?:\/\//i.test(graphqlPath)) return undefined;
  return new URL(graphqlPath).origin;
}

function contentSecurityPolicy(nonce: string, graphqlPath: string, directives: string[]): string {
  const connect = ["'self'", endpointOrigin(graphqlPath)].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    // Files from 'self' and the one inline script carrying this response's nonce; no eval.
    `script-src 'self' 'nonce-${nonce}'`,
    ...directives,
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function pageRouter(options: PageOptions): express.Router {
  const { pagePath, assetsPath, assets, render, directives, graphqlPath } = options;
  const assetUrl = (name: string): string => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`${name} is not in the asset list`);
    return escapeHtml(`${assetsPath}/${name}?v=${encodeURIComponent(asset.version)}`);
  };
  const router = express.Router();

  router.get(pagePath, (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': contentSecurityPolicy(nonce, graphqlPath, directives),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      })
      .send(render(nonce, assetUrl));
  });

  // `:name` is one path segment and is only looked up in the fixed list: no other file can be reached.
  router.get(`${assetsPath}/:name`, (req, res, next) => {
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
