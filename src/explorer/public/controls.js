// @ts-check
/*
 * The toolbar and what hangs off it: the filters (relationship types, "active at"), relationship labels, fit, the
 * PNG and JSON exports, clearing the graph; the legend; the graph's keyboard controls.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { humanType } from './format.js';
import { legendItems } from './kinds.js';

/**
 * @import { Graph } from './graph.js'
 * @import { State } from './state.js'
 * @import { Status } from './status.js'
 */

/** How long an export's object URL lives: long enough for the browser to start the download. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;
/** How far one arrow key pans the graph, in pixels, and how much + or - zooms. */
const PAN_STEP = 60;
const ZOOM_STEP = 1.25;

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Status} deps.status
 * @param {() => number} deps.refresh applies the filters, returns how many nodes came back into view
 * @param {() => void} deps.clear removes everything drawn
 */
export function initControls({ graph, state, status, refresh, clear }) {
  const { ids } = config;
  const { cy } = graph;
  const typeCheckboxes = byId(ids.typeCheckboxes, HTMLElement);
  const activeAt = byId(ids.activeAt, HTMLInputElement);
  const edgeLabels = byId(ids.edgeLabels, HTMLInputElement);

  function filtersChanged() {
    if (refresh() > 0) graph.runLayout();
    status.show(`Filters applied.${graph.filterSummary() || ' Nothing hidden.'}`);
  }

  typeCheckboxes.replaceChildren(
    ...config.relationTypes.map((type) => {
      const checkbox = h('input', {
        type: 'checkbox',
        value: type,
        checked: !state.hiddenTypes.has(type),
        onchange: () => {
          if (checkbox.checked) state.hiddenTypes.delete(type);
          else state.hiddenTypes.add(type);
          filtersChanged();
        },
      });
      return h('label', { class: 'toggle' }, checkbox, ` ${humanType(type)}`);
    }),
  );

  /** @param {boolean} checked */
  function setAllTypes(checked) {
    state.hiddenTypes = new Set(checked ? [] : config.relationTypes);
    typeCheckboxes.querySelectorAll('input').forEach((input) => (input.checked = checked));
    filtersChanged();
  }

  byId(ids.typesAll, HTMLButtonElement).addEventListener('click', () => setAllTypes(true));
  byId(ids.typesNone, HTMLButtonElement).addEventListener('click', () => setAllTypes(false));
  activeAt.addEventListener('change', () => {
    state.activeAt = activeAt.value || null;
    filtersChanged();
  });
  byId(ids.activeAtClear, HTMLButtonElement).addEventListener('click', () => {
    activeAt.value = '';
    state.activeAt = null;
    filtersChanged();
  });

  // The browser may restore the checkbox on reload: start from what it shows.
  graph.setEdgeLabels(edgeLabels.checked);
  edgeLabels.addEventListener('change', () => graph.setEdgeLabels(edgeLabels.checked));
  byId(ids.fit, HTMLButtonElement).addEventListener('click', () => graph.fit());
  byId(ids.exportPng, HTMLButtonElement).addEventListener('click', exportPng);
  byId(ids.exportJson, HTMLButtonElement).addEventListener('click', exportJson);
  byId(ids.clearGraph, HTMLButtonElement).addEventListener('click', clear);
  byId(ids.legend, HTMLElement).replaceChildren(...legendItems());

  const exportName = () => `iecm-explorer-${state.focus || 'graph'}`;

  function exportPng() {
    if (cy.elements().empty()) return status.show('Nothing to export yet: open a node first.', 'error');
    try {
      download(cy.png({ full: true, bg: 'white', scale: 2, output: 'blob' }), `${exportName()}.png`);
      status.show(`Exported the view as ${exportName()}.png.`);
    } catch (error) {
      status.reportError('Could not export the PNG', error);
    }
  }

  /** What is in view, as Cytoscape's own JSON of the elements, with the filters that applied. */
  function exportJson() {
    if (cy.elements().empty()) return status.show('Nothing to export yet: open a node first.', 'error');
    const drawn = graph.visible();
    const payload = {
      generator: 'IECM relations explorer',
      exportedAt: new Date().toISOString(),
      focus: state.focus,
      filters: { hiddenTypes: [...state.hiddenTypes], activeAt: state.activeAt },
      elements: { nodes: drawn.nodes().jsons(), edges: drawn.edges().jsons() },
    };
    download(new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' }), `${exportName()}.json`);
    status.show(
      `Exported ${drawn.nodes().length} nodes and ${drawn.edges().length} relationships as ${exportName()}.json.`,
    );
  }

  // The graph itself from the keyboard: + and - zoom, the arrow keys pan, 0 fits everything in view.
  const container = byId(ids.cy, HTMLElement);
  /** @type {Record<string, [number, number]>} */
  const PANS = {
    ArrowLeft: [PAN_STEP, 0],
    ArrowRight: [-PAN_STEP, 0],
    ArrowUp: [0, PAN_STEP],
    ArrowDown: [0, -PAN_STEP],
  };
  container.addEventListener('keydown', (event) => {
    const pan = PANS[event.key];
    const centre = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
    if (pan) cy.panBy({ x: pan[0], y: pan[1] });
    else if (event.key === '+' || event.key === '=')
      cy.zoom({ level: cy.zoom() * ZOOM_STEP, renderedPosition: centre });
    else if (event.key === '-') cy.zoom({ level: cy.zoom() / ZOOM_STEP, renderedPosition: centre });
    else if (event.key === '0') graph.fit();
    else return;
    event.preventDefault();
  });
}

/**
 * Saves a blob under a file name through a temporary link.
 * @param {Blob} blob
 * @param {string} fileName
 */
function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
}
