// @ts-check
/*
 * Saved maps: the view saved under a title (node ids, positions, captions, notes, viewport, filters) through the
 * API's createMap (editors), listed and opened by anyone, at /explorer?map=<id> and read-only at
 * /explorer/embed/<id>. A map file (the JSON export) opens the same way. A map whose nodes were merged or deleted
 * since still opens, and says what changed.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { nodeData } from './graph.js';
import { plural } from './format.js';
import { CREATE_MAP, DELETE_MAP, MAP, MAPS, SUBGRAPH, UPDATE_MAP } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Graph } from './graph.js'
 * @import { GraphEdge, GraphNode, MapFile } from './queries.js'
 * @import { State } from './state.js'
 * @import { Status } from './status.js'
 */

/** The address parameter naming the map the page opens: `/explorer?map=<id>`. */
const MAP_PARAMETER = 'map';
/** The read-only view of a map, for articles: `/explorer/embed/<id>`. */
const EMBED_PREFIX = '/explorer/embed/';
/** What a map file says it is, so that any other JSON is refused with a clear message. */
export const MAP_FILE_FORMAT = 'iecm-explorer-map';
const MAPS_LISTED = 50;
/** A map names the relationships drawn up to this many (the API's bound); beyond, every one among its nodes. */
const MAX_EDGE_IDS = 3000;
const PAGE_TITLE = document.title;

/** The map the address asks for (`?map=` or the embed path), and whether the view is the read-only embed. */
export function mapInAddress() {
  const { pathname, search } = window.location;
  if (pathname.startsWith(EMBED_PREFIX))
    return { id: decodeURIComponent(pathname.slice(EMBED_PREFIX.length)), embed: true };
  const id = new URLSearchParams(search).get(MAP_PARAMETER);
  return id ? { id, embed: false } : null;
}

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {() => void} deps.clear removes everything drawn
 * @param {() => number} deps.refresh applies the filters
 * @param {() => void} deps.drawn called once a map is drawn (the controls show its filters)
 * @param {boolean} [deps.embed] whether the page is the read-only embed view
 */
export function createMaps({ graph, state, graphql, status, clear, refresh, drawn, embed = false }) {
  const { ids } = config;
  const { cy } = graph;
  const title = byId(ids.mapTitle, HTMLInputElement);
  const token = byId(ids.mapToken, HTMLInputElement);
  const list = byId(ids.mapList, HTMLElement);
  const changes = byId(ids.mapChanges, HTMLElement);
  const sizeBy = byId(ids.sizeBy, HTMLSelectElement);
  const saveButton = byId(ids.mapSave, HTMLButtonElement);

  // The rest of the editor: caption, notes, sharing and deleting (made here, beside the title).
  const caption = h('textarea', { id: 'map-caption', rows: 2, maxlength: 2000 });
  const notes = h('textarea', { id: 'map-notes', rows: 3, maxlength: 20000 });
  const share = h('input', { id: 'map-share', type: 'text', readonly: true, 'aria-label': 'Share link or embed code' });
  const copyLink = h('button', { type: 'button', id: 'map-copy-link', disabled: true }, 'Copy share link');
  const copyEmbed = h('button', { type: 'button', id: 'map-copy-embed', disabled: true }, 'Copy embed code');
  const remove = h('button', { type: 'button', id: 'map-delete', disabled: true }, 'Delete map');
  const saveAsNew = h('button', { type: 'button', id: 'map-save-new', disabled: true }, 'Save as new map');
  token.after(
    h('label', { for: 'map-caption' }, 'Caption (shown with the map and its embed)'),
    caption,
    h('label', { for: 'map-notes' }, 'Notes (one per line)'),
    notes,
  );
  const saveRow = saveButton.parentElement;
  saveButton.after(saveAsNew);
  saveRow?.after(h('div', { class: 'row map-share' }, copyLink, copyEmbed, remove), share);

  /** The map on screen: its id and the version it was opened or saved at (null: not saved yet). */
  /** @type {{ id: string, version: number, title: string, updatedAt: string } | null} */
  let open = null;

  function setOpen(/** @type {typeof open} */ next) {
    open = next;
    for (const button of [copyLink, copyEmbed, remove, saveAsNew]) button.disabled = open === null;
  }

  /**
   * The view as a map: every node drawn where it is (those the filters hide too: the filters are saved with it),
   * the nodes hidden and opened, the relationships drawn, the labels and sizing, the viewport's centre and zoom.
   */
  function currentMap() {
    const extent = cy.extent();
    const box = cy.nodes().nonempty() ? cy.nodes().boundingBox({}) : { x1: 0, y2: 0 };
    const edgeIds = cy.edges().map((edge) => edge.id());
    const metric = sizeBy.value;
    /** @type {MapFile} */
    const map = {
      title: title.value.trim() || open?.title || 'Untitled map',
      description: caption.value.trim() || null,
      nodes: cy.nodes().map((node) => ({
        id: node.id(),
        x: node.position('x'),
        y: node.position('y'),
        caption: nodeData(node).caption ?? null,
      })),
      // Notes sit under the drawing, one a line, in the order written.
      notes: notes.value
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .map((text, i) => ({ text, x: box.x1, y: box.y2 + 40 + i * 24 })),
      viewport: { zoom: cy.zoom(), x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 },
      hiddenTypes: [...state.hiddenTypes],
      activeAt: state.activeAt,
      hiddenNodes: [...state.hiddenNodes].filter((id) => cy.getElementById(id).empty()),
      expanded: [...state.expanded].filter((id) => cy.getElementById(id).nonempty()),
      edgeIds: edgeIds.length <= MAX_EDGE_IDS ? edgeIds : null,
      edgeLabels: graph.edgeLabelsShown(),
      sizeBy: metric === 'DEGREE' || metric === 'WEIGHTED_DEGREE' || metric === 'BETWEENNESS' ? metric : null,
    };
    return map;
  }

  /** @param {{ asNew?: boolean }} [options] */
  async function save({ asNew = false } = {}) {
    const map = currentMap();
    if (map.nodes.length === 0) return status.show('Nothing to save yet: open a node first.', 'error');
    const bearer = token.value.trim();
    /** @type {Record<string, string>} */
    const headers = bearer ? { authorization: `Bearer ${bearer}` } : {};
    try {
      const saved =
        open && !asNew
          ? (await graphql(UPDATE_MAP, { id: open.id, version: open.version, input: map }, headers)).updateMap
          : (await graphql(CREATE_MAP, { input: map }, headers)).createMap;
      setOpen({ id: saved.id, version: saved.version, title: saved.title, updatedAt: new Date().toISOString() });
      setMapInAddress(saved.id);
      status.show(`Saved the map “${saved.title}”: ${mapUrl(saved.id)}`);
      await listMaps();
    } catch (error) {
      status.reportError('Could not save the map', error);
    }
  }

  async function deleteOpen() {
    if (!open) return;
    const { id, title: named } = open;
    if (!window.confirm(`Delete the map “${named}”? Its address and embed stop working.`)) return;
    const bearer = token.value.trim();
    try {
      await graphql(DELETE_MAP, { id }, bearer ? { authorization: `Bearer ${bearer}` } : {});
      setOpen(null);
      const url = new URL(window.location.href);
      url.searchParams.delete(MAP_PARAMETER);
      window.history.replaceState(null, '', url);
      share.value = '';
      status.show(`Deleted the map “${named}”. The drawing stays on screen, unsaved.`);
      await listMaps();
    } catch (error) {
      status.reportError('Could not delete the map', error);
    }
  }

  /**
   * Shows the text to share in the field (and selects it) and copies it when the browser lets the page.
   * @param {string} text
   * @param {string} what
   */
  async function offer(text, what) {
    share.value = text;
    share.select();
    try {
      await navigator.clipboard.writeText(text);
      status.show(`Copied the ${what}.`);
    } catch {
      status.show(`The ${what} is selected in the field under the buttons: copy it from there.`);
    }
  }

  async function listMaps() {
    try {
      const { maps } = await graphql(MAPS, { first: MAPS_LISTED });
      list.replaceChildren(
        ...maps.edges.map(({ node }) =>
          h(
            'li',
            {},
            h('a', { href: `${config.explorerPath}?${MAP_PARAMETER}=${encodeURIComponent(node.id)}` }, node.title),
            h('span', { class: 'hint' }, ` ${node.updatedAt.slice(0, 10)}`),
          ),
        ),
      );
    } catch (error) {
      status.reportError('Could not list the saved maps', error);
    }
  }

  /**
   * Draws a map as its author saw it: its nodes where they were saved (merged ones as their survivor), hidden ones
   * left out, the relationships that were drawn, its filters, labels, sizing, opened nodes and viewport; what
   * changed since it was saved is said above the panel.
   * @param {MapFile & { updatedAt?: string }} map
   * @param {GraphNode[]} nodes the map's nodes as they are today
   * @param {GraphEdge[]} edges
   * @param {string[]} notices what changed since it was saved
   * @param {Set<string>} [renamed] ids drawn for a node saved under another id (merged since)
   */
  function draw(map, nodes, edges, notices, renamed = new Set()) {
    clear();
    title.value = map.title;
    caption.value = map.description ?? '';
    notes.value = (map.notes ?? []).map((note) => note.text).join('\n');
    state.hiddenTypes = new Set(map.hiddenTypes ?? []);
    state.activeAt = map.activeAt ?? null;
    state.hiddenNodes = new Set(map.hiddenNodes ?? []);
    const shown = nodes.filter((node) => !state.hiddenNodes.has(node.id));
    // The relationships drawn when it was saved; a merged node's relationships have new ids, so they are kept.
    const edgeIds = map.edgeIds ? new Set(map.edgeIds) : null;
    const drawnEdges = edgeIds
      ? edges.filter((edge) => edgeIds.has(edge.id) || renamed.has(edge.source) || renamed.has(edge.target))
      : edges;
    graph.setEdgeLabels(map.edgeLabels ?? false);
    graph.merge(shown, drawnEdges);
    /** @type {Map<string, { x: number, y: number }>} */
    const positions = new Map();
    for (const saved of map.nodes) positions.set(saved.id, { x: saved.x, y: saved.y });
    // A node merged since stands at its saved place unless its survivor was saved too.
    graph.place(
      new Map(
        shown.flatMap((node) => {
          const at = positions.get(node.id);
          return at ? [[node.id, at]] : [];
        }),
      ),
    );
    for (const saved of map.nodes)
      if (saved.caption) cy.getElementById(saved.id).data({ caption: saved.caption, short: saved.caption });
    for (const id of map.expanded ?? map.nodes.map((node) => node.id)) {
      if (cy.getElementById(id).empty()) continue;
      state.expanded.add(id);
      graph.markExpanded(id);
    }
    refresh();
    sizeBy.value = map.sizeBy ?? '';
    sizeBy.dispatchEvent(new Event('change'));
    drawn();
    // The embed fits its frame (a phone is narrower than the author's screen); the page keeps the saved view.
    if (map.viewport && !embed) {
      const { zoom, x, y } = map.viewport;
      cy.zoom(zoom);
      cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
    } else graph.fit();
    changes.hidden = notices.length === 0;
    changes.textContent = notices.length > 0 ? `Changed since this map was saved: ${notices.join('; ')}.` : '';
    document.title = `${map.title} — ${PAGE_TITLE}`;
    if (embed) showEmbedHeader(map, drawnEdges);
  }

  /**
   * The embed's header: title, caption, notes, date saved, and the documents its relationships are reported in
   * (publisher and date beside each).
   * @param {MapFile & { updatedAt?: string }} map
   * @param {GraphEdge[]} edges
   */
  function showEmbedHeader(map, edges) {
    /** @type {Map<string, GraphEdge['sources'][number]['document']>} */
    const documents = new Map();
    for (const edge of edges) for (const source of edge.sources) documents.set(source.document.url, source.document);
    const header = h(
      'header',
      { class: 'embed-header', id: 'embed-header' },
      h('h1', { class: 'embed-title' }, map.title),
      map.description ? h('p', { class: 'embed-caption' }, map.description) : null,
      (map.notes ?? []).length > 0
        ? h(
            'ul',
            { class: 'embed-notes' },
            (map.notes ?? []).map((note) => h('li', {}, note.text)),
          )
        : null,
      h(
        'p',
        { class: 'embed-date hint' },
        map.updatedAt ? `Saved ${map.updatedAt.slice(0, 10)}` : 'Date not reported',
        ' · IECM relations explorer',
      ),
      h(
        'details',
        { class: 'embed-sources', open: true },
        h('summary', {}, `Sources (${documents.size})`),
        h(
          'ul',
          {},
          [...documents.values()].map((document) =>
            h(
              'li',
              {},
              /^https?:\/\//i.test(document.url)
                ? h('a', { href: document.url, target: '_blank', rel: 'noopener noreferrer' }, document.title)
                : document.title,
              ` — ${document.publisher ?? 'publisher not reported'}, ${document.publishedOn?.value ?? 'date not reported'}`,
            ),
          ),
        ),
      ),
    );
    document.getElementById('embed-header')?.remove();
    document.querySelector('.graph-area')?.prepend(header);
  }

  /**
   * Opens a saved map by its id.
   * @param {string} id
   */
  async function openMap(id) {
    try {
      const { map } = await graphql(MAP, { id });
      if (!map) throw new Error(`there is no map "${id}"`);
      const byId = new Map(map.content.nodes.map((entry) => [entry.id, entry]));
      const nodes = map.content.nodes.flatMap((entry) => (entry.node ? [entry.node] : []));
      const unique = [...new Map(nodes.map((node) => [node.id, node])).values()];
      /** @type {Set<string>} */
      const renamed = new Set();
      // Survivors take the saved place of the node merged into them.
      const saved = map.nodes.map((node) => {
        const survivor = byId.get(node.id)?.node;
        if (survivor && survivor.id !== node.id) renamed.add(survivor.id);
        return survivor ? { ...node, id: survivor.id } : node;
      });
      const expanded = (map.expanded ?? []).map((nodeId) => byId.get(nodeId)?.node?.id ?? nodeId);
      const notices = map.content.nodes.flatMap((entry) => (entry.change ? [entry.change.message] : []));
      draw({ ...map, nodes: saved, expanded }, unique, map.content.edges, notices, renamed);
      setOpen({ id: map.id, version: map.version, title: map.title, updatedAt: map.updatedAt });
      const shown = graph.visible().nodes().length;
      status.show(
        `Opened the map “${map.title}” (${plural(shown, 'node')} in view).` +
          (notices.length > 0 ? ` Changed since it was saved: ${notices.join('; ')}.` : ''),
      );
    } catch (error) {
      status.reportError(`Could not open the map ${id}`, error);
    }
  }

  /**
   * Opens a map file (the JSON export): its nodes and the relationships among them, read from the API today.
   * @param {File} file
   */
  async function openFile(file) {
    try {
      const parsed = /** @type {unknown} */ (JSON.parse(await file.text()));
      const map = asMapFile(parsed);
      const { subgraph } = await graphql(SUBGRAPH, { ids: map.nodes.map((node) => node.id) });
      const found = new Set(subgraph.nodes.map((node) => node.id));
      const missing = map.nodes.filter((node) => !found.has(node.id)).map((node) => `"${node.id}" is gone`);
      draw(map, subgraph.nodes, subgraph.edges, missing);
      setOpen(null);
      status.show(`Opened the map file ${file.name} (${plural(graph.visible().nodes().length, 'node')} in view).`);
    } catch (error) {
      status.reportError(`Could not open ${file.name}`, error);
    }
  }

  saveButton.addEventListener('click', () => void save());
  saveAsNew.addEventListener('click', () => void save({ asNew: true }));
  remove.addEventListener('click', () => void deleteOpen());
  copyLink.addEventListener('click', () => {
    if (open) void offer(mapUrl(open.id), 'share link');
  });
  copyEmbed.addEventListener('click', () => {
    if (open) void offer(embedCode(open.id, open.title), 'embed code');
  });
  const fileInput = byId(ids.mapOpenFile, HTMLInputElement);
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void openFile(file);
    fileInput.value = '';
  });

  return { currentMap, openMap, listMaps, title: () => open?.title || title.value.trim() };
}

/**
 * The HTML to paste into an article: the embed view in a frame that fits a phone's width.
 * @param {string} id
 * @param {string} title
 */
export function embedCode(id, title) {
  const src = `${window.location.origin}${EMBED_PREFIX}${encodeURIComponent(id)}`;
  const escaped = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${src}" title="${escaped}" style="width:100%;max-width:960px;height:640px;border:0" loading="lazy"></iframe>`;
}

/** @param {string} id */
function setMapInAddress(id) {
  const url = new URL(window.location.href);
  url.searchParams.set(MAP_PARAMETER, id);
  url.searchParams.delete('focus');
  window.history.replaceState(null, '', url);
}

/** @param {string} id */
const mapUrl = (id) => `${window.location.origin}${config.explorerPath}?${MAP_PARAMETER}=${encodeURIComponent(id)}`;

/**
 * Reads a parsed file as a map file the explorer wrote: the nodes with their positions are required, the rest
 * (title, viewport, filters) is taken when well formed. The API checks the ids when it draws them.
 * @param {unknown} value
 * @returns {MapFile}
 */
function asMapFile(value) {
  const file = record(value);
  const map = record(file?.map);
  if (!file || file.format !== MAP_FILE_FORMAT || !map)
    throw new Error(`not a map file of this explorer (no "format": "${MAP_FILE_FORMAT}")`);
  const nodes = Array.isArray(map.nodes) ? map.nodes.map(record) : [];
  /** @type {MapFile['nodes']} */
  const placed = nodes.flatMap((node) =>
    node && typeof node.id === 'string' && Number.isFinite(node.x) && Number.isFinite(node.y)
      ? [
          {
            id: node.id,
            x: Number(node.x),
            y: Number(node.y),
            caption: typeof node.caption === 'string' ? node.caption : null,
          },
        ]
      : [],
  );
  if (placed.length === 0) throw new Error('the map file lists no nodes with positions');
  const viewport = record(map.viewport);
  const hiddenTypes = Array.isArray(map.hiddenTypes) ? map.hiddenTypes : [];
  return {
    title: typeof map.title === 'string' ? map.title : 'Untitled map',
    nodes: placed,
    viewport:
      viewport && Number.isFinite(viewport.zoom) && Number.isFinite(viewport.x) && Number.isFinite(viewport.y)
        ? { zoom: Number(viewport.zoom), x: Number(viewport.x), y: Number(viewport.y) }
        : null,
    hiddenTypes: config.relationTypes.filter((type) => hiddenTypes.includes(type)),
    activeAt: typeof map.activeAt === 'string' ? map.activeAt : null,
    description: typeof map.description === 'string' ? map.description : null,
    notes: (Array.isArray(map.notes) ? map.notes.map(record) : []).flatMap((note) =>
      note && typeof note.text === 'string' && Number.isFinite(note.x) && Number.isFinite(note.y)
        ? [{ text: note.text, x: Number(note.x), y: Number(note.y) }]
        : [],
    ),
    hiddenNodes: strings(map.hiddenNodes) ?? [],
    expanded: strings(map.expanded) ?? undefined,
    edgeIds: strings(map.edgeIds),
    edgeLabels: map.edgeLabels === true,
    sizeBy:
      map.sizeBy === 'DEGREE' || map.sizeBy === 'WEIGHTED_DEGREE' || map.sizeBy === 'BETWEENNESS' ? map.sizeBy : null,
  };
}

/**
 * The value as an object whose properties can be read, or null.
 * @param {unknown} value
 * @returns {Record<string, unknown> | null}
 */
function record(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : null;
}

/**
 * The value as a list of strings, or null when it is not one.
 * @param {unknown} value
 * @returns {string[] | null}
 */
function strings(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : null;
}
