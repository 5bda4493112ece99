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
import { CREATE_MAP, MAP, MAPS, SUBGRAPH } from './queries.js';

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
 */
export function createMaps({ graph, state, graphql, status, clear, refresh }) {
  const { ids } = config;
  const { cy } = graph;
  const title = byId(ids.mapTitle, HTMLInputElement);
  const token = byId(ids.mapToken, HTMLInputElement);
  const list = byId(ids.mapList, HTMLElement);
  const changes = byId(ids.mapChanges, HTMLElement);
  /** The title of the map on screen, for the exports. */
  let openTitle = '';

  /**
   * The view as a map: every node drawn where it is (those the filters hide too: the filters are saved with it),
   * the viewport's centre and zoom.
   */
  function currentMap() {
    const extent = cy.extent();
    /** @type {MapFile} */
    const map = {
      title: title.value.trim() || openTitle || 'Untitled map',
      nodes: cy.nodes().map((node) => ({
        id: node.id(),
        x: node.position('x'),
        y: node.position('y'),
        caption: nodeData(node).caption ?? null,
      })),
      notes: [],
      viewport: { zoom: cy.zoom(), x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 },
      hiddenTypes: [...state.hiddenTypes],
      activeAt: state.activeAt,
    };
    return map;
  }

  async function save() {
    const map = currentMap();
    if (map.nodes.length === 0) return status.show('Nothing to save yet: open a node first.', 'error');
    const bearer = token.value.trim();
    try {
      const { createMap } = await graphql(
        CREATE_MAP,
        { input: map },
        bearer ? { authorization: `Bearer ${bearer}` } : {},
      );
      openTitle = createMap.title;
      setMapInAddress(createMap.id);
      status.show(`Saved the map “${createMap.title}”: ${mapUrl(createMap.id)}`);
      await listMaps();
    } catch (error) {
      status.reportError('Could not save the map', error);
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
   * Draws a map: its nodes where they were saved (merged ones as their survivor), the relationships among them,
   * its filters and viewport; what changed since it was saved is said above the panel.
   * @param {MapFile} map
   * @param {GraphNode[]} nodes the map's nodes as they are today
   * @param {GraphEdge[]} edges
   * @param {string[]} notices what changed since it was saved
   */
  function draw(map, nodes, edges, notices) {
    clear();
    openTitle = map.title;
    title.value = map.title;
    state.hiddenTypes = new Set(map.hiddenTypes ?? []);
    state.activeAt = map.activeAt ?? null;
    graph.merge(nodes, edges);
    /** @type {Map<string, { x: number, y: number }>} */
    const positions = new Map();
    for (const saved of map.nodes) positions.set(saved.id, { x: saved.x, y: saved.y });
    // A node merged since stands at its saved place unless its survivor was saved too.
    graph.place(
      new Map(
        nodes.flatMap((node) => {
          const at = positions.get(node.id);
          return at ? [[node.id, at]] : [];
        }),
      ),
    );
    for (const saved of map.nodes)
      if (saved.caption) cy.getElementById(saved.id).data({ caption: saved.caption, short: saved.caption });
    for (const node of nodes) state.expanded.add(node.id);
    refresh();
    if (map.viewport) {
      const { zoom, x, y } = map.viewport;
      cy.zoom(zoom);
      cy.pan({ x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom });
    } else graph.fit();
    changes.hidden = notices.length === 0;
    changes.textContent = notices.length > 0 ? `Changed since this map was saved: ${notices.join('; ')}.` : '';
    document.title = `${map.title} — ${PAGE_TITLE}`;
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
      // Survivors take the saved place of the node merged into them.
      const saved = map.nodes.map((node) => {
        const survivor = byId.get(node.id)?.node;
        return survivor ? { ...node, id: survivor.id } : node;
      });
      const notices = map.content.nodes.flatMap((entry) => (entry.change ? [entry.change.message] : []));
      draw({ ...map, nodes: saved }, unique, map.content.edges, notices);
      status.show(
        `Opened the map “${map.title}” (${unique.length} nodes).` +
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
      status.show(`Opened the map file ${file.name} (${subgraph.nodes.length} nodes).`);
    } catch (error) {
      status.reportError(`Could not open ${file.name}`, error);
    }
  }

  byId(ids.mapSave, HTMLButtonElement).addEventListener('click', () => void save());
  const fileInput = byId(ids.mapOpenFile, HTMLInputElement);
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void openFile(file);
    fileInput.value = '';
  });

  return { currentMap, openMap, listMaps, title: () => openTitle || title.value.trim() };
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
