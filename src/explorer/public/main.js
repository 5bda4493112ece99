// @ts-check
/*
 * The relationship explorer (served at /explorer): native ES modules, no build step. This entry wires the modules
 * together; each of them says what it does.
 *
 * It reads the graph through the public GraphQL API only (api.js, with the operations of queries.js) and draws it
 * with Cytoscape.js. `window.cy` is the Cytoscape instance (handy in the browser console and for tests).
 */

import { createGraphqlClient } from './api.js';
import { createBackground } from './background.js';
import config from './config.js';
import { initControls } from './controls.js';
import { byId } from './dom.js';
import { createGraph, nodeData } from './graph.js';
import { createMetrics } from './metrics.js';
import { createNetworkPanel } from './network.js';
import { createMaps, mapInAddress } from './maps.js';
import { createNavigation, focusInAddress } from './navigation.js';
import { createPanels } from './panels.js';
import { createPath } from './path.js';
import { initSearch } from './search.js';
import { createState } from './state.js';
import { createStatus } from './status.js';

/** @import { Actions } from './panels.js' */

// For the browser bench (bench/explorer.bench.ts): when every module was loaded and the page starts.
performance.mark('explorer:main');
const status = createStatus();
const graphql = createGraphqlClient(config.graphqlPath, { onPending: status.busy });
const state = createState();
const background = createBackground();
const graph = createGraph(byId(config.ids.cy, HTMLElement));
const { cy } = graph;
Object.assign(window, { cy });

/** Applies the filters and lists what is in view; returns how many nodes came back into view. */
function refresh() {
  const shown = graph.applyFilters(state);
  panels.renderInView();
  return shown;
}

// The panels' buttons call into modules made after them.
/** @type {Actions} */
const actions = {
  openNode: (id) => navigation.openNode(id),
  select: (group, id) => navigation.select(group, id),
  setPathEnd: (end, id) => path.setEnd(end, id),
  hideNode: (id) => navigation.hide(id),
  compare: (id) => network.compare(id),
  drawMore: (id, group) => navigation.drawMore(id, group),
  counted: (id, view) => navigation.counted(id, view),
  togglePin: (id) => {
    const pin = !graph.isPinned(id);
    graph.setPinned(id, pin);
    status.show(
      pin ? `Pinned ${graph.nodeName(id)}: a re-layout keeps it where it is.` : `Unpinned ${graph.nodeName(id)}.`,
    );
    return pin;
  },
};
const panels = createPanels({ graph, state, graphql, status, actions });
const path = createPath({
  graph,
  state,
  graphql,
  status,
  select: actions.select,
  nodeButton: panels.nodeButton,
  refresh,
});
const navigation = createNavigation({ graph, state, graphql, status, background, panels, path, refresh });
initSearch({ graphql, status, background, onChoose: (id) => void navigation.openNode(id) });
const mapToOpen = mapInAddress();
const hooks = { drawn: () => {} };
const maps = createMaps({
  graph,
  state,
  graphql,
  status,
  clear: navigation.clear,
  refresh,
  drawn: () => hooks.drawn(),
  embed: mapToOpen?.embed === true,
});
const controls = initControls({ graph, state, status, refresh, clear: navigation.clear, maps });
hooks.drawn = controls.sync;
createMetrics({ graph, graphql, status, background, nodeButton: panels.nodeButton });
const network = createNetworkPanel({ graph, graphql, status, background, nodeButton: panels.nodeButton });

// A tap opens a node; a shift-tap on another node, with one selected, asks for the path between them.
cy.on('tap', 'node', (event) => {
  const id = nodeData(/** @type {import('cytoscape').NodeSingular} */ (event.target)).id;
  const selected = state.selected;
  if (event.originalEvent?.shiftKey && selected && selected.group === 'nodes' && selected.id !== id) {
    state.pathFrom = selected.id;
    path.setEnd('to', id);
    return;
  }
  void navigation.openNode(id, { updateUrl: false });
});
// A node the reader drags stays where they put it: pinned, a re-layout keeps it.
cy.on('dragfree', 'node', (event) =>
  graph.setPinned(/** @type {import('cytoscape').NodeSingular} */ (event.target).id(), true),
);
cy.on('tap', 'edge', (event) =>
  navigation.select('edges', /** @type {import('cytoscape').EdgeSingular} */ (event.target).id()),
);
new ResizeObserver(() => cy.resize()).observe(byId(config.ids.cy, HTMLElement));

panels.renderInView();
status.busy(0);

// The embed view is the map alone, read-only: the page's controls are hidden (explorer.css).
if (mapToOpen?.embed) document.body.classList.add('embed');
const focus = focusInAddress();
/** @type {Promise<unknown>} */
let opening = Promise.resolve();
if (mapToOpen) {
  opening = maps.openMap(mapToOpen.id);
  background.holdUntil(opening);
} else if (focus) {
  /** @type {() => void} */
  let drawn = () => {};
  // Background work (the top brokers, sizing, …) waits for the first view: it is asked for and drawn first.
  background.holdUntil(new Promise((resolve) => (drawn = () => resolve(undefined))));
  opening = navigation.openNode(focus, { drawn });
} else status.show('Search for an organization, agreement, event or place to start.');
// The list of saved maps waits for the map or node the address opens: it is asked for and drawn first.
const listMaps = () => void background.run(maps.listMaps);
if (!mapToOpen?.embed) opening.then(listMaps, listMaps);
