// @ts-check
/*
 * The toolbar and what hangs off it: the filters (relationship types, "active at"), relationship labels, fit, the
 * PNG and JSON exports, clearing the graph; the legend; the graph's keyboard controls.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { humanType } from './format.js';
import {
  kindStyle,
  legendItems,
  relationColor,
  relationLabel,
  relationLegendItems,
  statusLegendItems,
} from './kinds.js';
import { edgeData, nodeData } from './graph.js';
import { MAP_FILE_FORMAT } from './maps.js';

/**
 * @import { Graph } from './graph.js'
 * @import { State } from './state.js'
 * @import { Status } from './status.js'
 * @import { MapFile } from './queries.js'
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
 * @param {{ currentMap: () => MapFile, title: () => string }} deps.maps the view as a map, and its title
 */
export function initControls({ graph, state, status, refresh, clear, maps }) {
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
  const fitButton = byId(ids.fit, HTMLButtonElement);
  fitButton.addEventListener('click', () => graph.fit());
  // Re-layout: the view laid out afresh around the pinned nodes (the details panel's "Pin", or a dragged node).
  fitButton.after(
    h(
      'button',
      {
        type: 'button',
        id: 'relayout',
        onclick: () => {
          const kept = graph.relayout();
          status.show(`Laid out the view again; ${kept} pinned node${kept === 1 ? '' : 's'} kept in place.`);
        },
      },
      'Re-layout',
    ),
  );
  const exportPngButton = byId(ids.exportPng, HTMLButtonElement);
  exportPngButton.addEventListener('click', () => void exportPng());
  byId(ids.exportJson, HTMLButtonElement).addEventListener('click', exportJson);
  byId(ids.clearGraph, HTMLButtonElement).addEventListener('click', clear);
  byId(ids.legend, HTMLElement).replaceChildren(...legendItems());
  byId(ids.statusLegend, HTMLElement).replaceChildren(...statusLegendItems());
  byId(ids.relationLegend, HTMLElement).replaceChildren(...relationLegendItems());

  /** Makes the filter panel and the toggles show what applies (after a map set the state). */
  function sync() {
    typeCheckboxes.querySelectorAll('input').forEach((input) => {
      input.checked = !state.hiddenTypes.has(/** @type {import('../page-config').RelationTypeName} */ (input.value));
    });
    activeAt.value = state.activeAt ?? '';
    edgeLabels.checked = graph.edgeLabelsShown();
  }

  const exportName = () => `iecm-explorer-${state.focus || 'graph'}`;

  /** The view as a PNG under a header (title, date) and over a footer (legend of what is drawn, sources). */
  async function exportPng() {
    if (cy.elements().empty()) return status.show('Nothing to export yet: open a node first.', 'error');
    try {
      const image = new Image();
      // Every label drawn whole, whatever the zoom: none hides below its readable size in the image.
      const nodes = cy.nodes();
      nodes.style({ 'min-zoomed-font-size': 0, 'text-max-width': '160px' });
      try {
        image.src = cy.png({ full: true, bg: 'white', scale: 2 });
      } finally {
        nodes.removeStyle('min-zoomed-font-size text-max-width');
      }
      await image.decode();
      const shortLabels = shortLabelLegend();
      download(await composePng(image, shortLabels), `${exportName()}.png`);
      exportPngButton.dataset.legend = JSON.stringify(shortLabels);
      status.show(
        `Exported the view as ${exportName()}.png with whole labels and a legend of ${shortLabels.length} short labels.`,
      );
    } catch (error) {
      status.reportError('Could not export the PNG', error);
    }
  }

  /**
   * What each short label drawn stands for ("INE: Instituto Nacional Electoral"), by label.
   * @returns {string[]}
   */
  function shortLabelLegend() {
    const entries = graph
      .visible()
      .nodes()
      .map(nodeData)
      .filter((data) => data.short !== data.name)
      .map((data) => `${data.short}: ${data.name}`);
    return [...new Set(entries)].sort((a, b) => a.localeCompare(b));
  }

  /**
   * Draws the graph's image with its title and date above, and below it the legend of the kinds and
   * relationship types drawn, what the short labels stand for, and the documents the relationships are reported in
   * (with publisher and date).
   * @param {HTMLImageElement} graphImage
   * @param {string[]} shortLabels
   * @returns {Promise<Blob>}
   */
  function composePng(graphImage, shortLabels) {
    const drawn = graph.visible();
    const kinds = [...new Set(drawn.nodes().map((node) => nodeData(node).kind))];
    const types = [...new Set(drawn.edges().map((edge) => edgeData(edge).type))];
    const documents = [
      ...new Set(
        drawn
          .edges()
          .map((edge) =>
            edgeData(edge).sources.map(
              ({ document: d }) =>
                `${d.title} — ${d.publisher ?? 'publisher not reported'}, ${d.publishedOn?.value ?? 'date not reported'} — ${d.url}`,
            ),
          )
          .flat(),
      ),
    ];
    const margin = 40;
    const line = 30;
    const width = Math.max(graphImage.width + 2 * margin, 1200);
    const legendRows = Math.ceil(kinds.length / 4) + Math.ceil(types.length / 4);
    const labelRows = shortLabels.length > 0 ? shortLabels.length + 2 : 0;
    const height = graphImage.height + 140 + (legendRows + labelRows + documents.length + 3) * line + margin;
    const canvas = h('canvas', { width, height });
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#1a1a1a';
    context.font = 'bold 34px system-ui, sans-serif';
    context.fillText(maps.title() || `IECM relations: ${state.focus ?? 'graph'}`, margin, margin + 30);
    context.font = '20px system-ui, sans-serif';
    context.fillText(
      `Exported ${new Date().toISOString().slice(0, 10)} from the IECM relations explorer`,
      margin,
      margin + 62,
    );
    let y = 120;
    context.drawImage(graphImage, margin, y);
    y += graphImage.height + line;
    context.font = 'bold 22px system-ui, sans-serif';
    context.fillText('Legend', margin, (y += line));
    context.font = '20px system-ui, sans-serif';
    /** @type {[string, string, boolean][]} colour, words, whether a line (a relationship) */
    const entries = [
      ...kinds.map(
        (kind) => /** @type {[string, string, boolean]} */ ([kindStyle(kind).color, kindStyle(kind).label, false]),
      ),
      ...types.map(
        (type) => /** @type {[string, string, boolean]} */ ([relationColor(type), relationLabel(type), true]),
      ),
    ];
    entries.forEach(([color, words, isLine], i) => {
      const x = margin + (i % 4) * ((width - 2 * margin) / 4);
      if (i % 4 === 0) y += line;
      context.fillStyle = color;
      if (isLine) context.fillRect(x, y - 10, 28, 5);
      else context.fillRect(x, y - 18, 20, 20);
      context.fillStyle = '#1a1a1a';
      context.fillText(words, x + 36, y);
    });
    y += line;
    if (shortLabels.length > 0) {
      context.font = 'bold 22px system-ui, sans-serif';
      context.fillText('Short labels', margin, (y += line));
      context.font = '18px system-ui, sans-serif';
      for (const entry of shortLabels) context.fillText(entry, margin, (y += line), width - 2 * margin);
      y += line;
    }
    context.font = 'bold 22px system-ui, sans-serif';
    context.fillText('Sources', margin, (y += line));
    context.font = '18px system-ui, sans-serif';
    for (const document of documents) context.fillText(document, margin, (y += line), width - 2 * margin);
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
    );
  }

  /**
   * The view as a map file (what a saved map holds; "Open map file" draws it again), with Cytoscape's own JSON
   * of the elements for other tools.
   */
  function exportJson() {
    if (cy.elements().empty()) return status.show('Nothing to export yet: open a node first.', 'error');
    const drawn = graph.visible();
    const payload = {
      format: MAP_FILE_FORMAT,
      generator: 'IECM relations explorer',
      exportedAt: new Date().toISOString(),
      focus: state.focus,
      map: maps.currentMap(),
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

  return { sync };
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
