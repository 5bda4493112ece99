/**
 * The preview of an entity that reconciliation clients show in an iframe (OpenRefine: on hovering a candidate):
 * a small self-contained HTML page. Everything from the graph is escaped; the page loads nothing, and its
 * Content-Security-Policy allows its one stylesheet (by hash) and nothing else. It may be framed by any page.
 */
import { createHash } from 'node:crypto';
import { labelOf } from '../../model/graph-model';
import { escapeHtml } from '../../web/page-router';
import type { PreviewFacts } from './reconcile.repository';

/** The iframe size the manifest announces. */
export const PREVIEW_SIZE = { width: 420, height: 220 };

const STYLE = `body{margin:0;padding:8px 10px;font:13px/1.35 system-ui,sans-serif;color:#1f2933;background:#fff}
h1{font-size:15px;margin:0 0 2px}p{margin:0 0 6px}.kind{color:#52606d}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0 0 6px}dt{color:#52606d}dd{margin:0}
a{color:#0b6bcb}`;

export const PREVIEW_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** A text cut to `max` characters at most, with an ellipsis when cut. */
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>
`;
}

/** The page for one entity; `entityUrl` is where the explorer shows it. */
export function previewPage(
  { node, cities, partners, agreements, relationships }: PreviewFacts,
  entityUrl: string,
): string {
  const facts: [string, string][] = [];
  if (cities.length > 0) facts.push(['City', cities.map((city) => city.name).join(', ')]);
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  const [start, end] = [text(node.periodStart), text(node.periodEnd)];
  if (start || end) facts.push(['Period', `${start ?? '…'} – ${end ?? '…'}`]);
  const status = text(node.status);
  if (status) facts.push(['Status', status]);
  if (partners > 0) facts.push(['Partners', String(partners)]);
  if (agreements > 0) facts.push(['Agreements', String(agreements)]);
  facts.push(['Relationships', String(relationships)]);
  const about = text(node.summary) ?? text(node.purpose) ?? text(node.note);
  const names = node.aliases ?? [];
  const aliases = names.length > 0 ? `<p>Also: ${escapeHtml(clip(names.join(' · '), 160))}</p>` : '';
  return page(
    node.name,
    `<h1>${escapeHtml(node.name)}</h1>
<p class="kind">${escapeHtml(labelOf(node.kind))} · <code>${escapeHtml(node.id)}</code></p>
${aliases}
<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
${about ? `<p>${escapeHtml(clip(about, 200))}</p>` : ''}
<p><a href="${escapeHtml(entityUrl)}" target="_blank" rel="noopener">Open in the explorer</a></p>`,
  );
}

export function missingPreviewPage(id: string): string {
  return page('Not found', `<h1>Not found</h1><p>No entity has the id <code>${escapeHtml(id)}</code>.</p>`);
}
