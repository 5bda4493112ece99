/**
 * Serving a browser page with its assets, shared by the GraphQL IDE and the explorer: a per-response
 * nonce for the one inline script, a strict Content-Security-Policy, and a fixed list of asset files
 * (long-cached, versioned in their URLs) so that no other file can be reached.
 */
import { randomBytes } from 'node:crypto';
import express from 'express';

/**
 * A file served as it is, or a text made at start-up (such as a page's configuration as a module). `version` is
 * added to the asset URL so that a long browser cache never serves an old file: a package version or a hash.
 */
export type Asset = { file: string; version: string } | { text: string; contentType: string; version: string };

/** Versioned URLs never change content: browsers may keep them for a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface PageOptions {
  /** The page's path, or several paths that serve the same page. */
  pagePath: string | string[];
  assetsPath: string;
  assets: Map<string, Asset>;
  /** The page's HTML; `assetUrl` gives the versioned URL of a listed asset. */
  render: (nonce: string, assetUrl: (name: string) => string) => string;
  /** CSP directives beyond the common ones (e.g. style-src, img-src, font-src). */
  directives: string[];
  /** Where the GraphQL endpoint answers, as the browser sees it: a path or a full URL. */
  graphqlPath: string;
  /**
   * Pages other sites may frame: path and CSP frame-ancestors sources (the explorer's embed page and
   * EMBED_FRAME_ANCESTORS). Every other page answers frame-ancestors 'none'.
   */
  framable?: { pagePath: string; frameAncestors: string };
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

function contentSecurityPolicy(
  nonce: string,
  graphqlPath: string,
  directives: string[],
  frameAncestors = "'none'",
): string {
  const connect = ["'self'", endpointOrigin(graphqlPath)].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    // Files from 'self' and the one inline script carrying this response's nonce; no eval.
    `script-src 'self' 'nonce-${nonce}'`,
    ...directives,
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Where the browser fetches a listed asset: its URL with the version, so that a new version is a new URL. */
export function versionedAssetUrl(assetsPath: string, assets: Map<string, Asset>, name: string): string {
  const asset = assets.get(name);
  if (!asset) throw new Error(`${name} is not in the asset list`);
  return `${assetsPath}/${name}?v=${encodeURIComponent(asset.version)}`;
}

export function pageRouter(options: PageOptions): express.Router {
  const { pagePath, assetsPath, assets, render, directives, graphqlPath, framable } = options;
  const assetUrl = (name: string): string => escapeHtml(versionedAssetUrl(assetsPath, assets, name));
  const router = express.Router();

  const page =
    (frameAncestors?: string): express.RequestHandler =>
    (_req, res) => {
      const nonce = randomBytes(16).toString('base64');
      res
        .status(200)
        .set({
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': contentSecurityPolicy(nonce, graphqlPath, directives, frameAncestors),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        })
        .send(render(nonce, assetUrl));
    };
  if (framable) router.get(framable.pagePath, page(framable.frameAncestors));
  router.get(pagePath, page());

  // `:name` is one path segment and is only looked up in the fixed list: no other file can be reached.
  router.get(`${assetsPath}/:name`, (req, res, next) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      next();
      return;
    }
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': IMMUTABLE });
    if ('text' in asset) {
      res.type(asset.contentType).send(asset.text);
      return;
    }
    res.sendFile(asset.file, { cacheControl: false }, (error) => {
      if (error && !res.headersSent) {
        res.removeHeader('Cache-Control'); // an error is no version to keep
        next(error);
      }
    });
  });

  return router;
}
