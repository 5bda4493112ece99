// @ts-check
/*
 * Moving through the graph: opening a node (drawing its neighbourhood when needed), selecting a node or a
 * relationship, the `?focus=` of the address, and starting over.
 */

import { plural } from './format.js';
import { DETAILS_PAGE_SIZE, NEIGHBORHOOD, NODE, SUBGRAPH } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Graph } from './graph.js'
 * @import { createPanels } from './panels.js'
 * @import { createPath } from './path.js'
 * @import { Group, State } from './state.js'
 * @import { Status } from './status.js'
 */

/** The address parameter naming the node the page opens: `/explorer?focus=iecm`. */
const FOCUS_PARAMETER = 'focus';
/** The most ids one subgraph query takes (the API's neighbourhood limit). */
const SUBGRAPH_MAX_IDS = 1000;

/** The node the address asks for, if any. */
export const focusInAddress = () => new URLSearchParams(window.location.search).get(FOCUS_PARAMETER);

/** @param {string | null} id */
function setFocusInAddress(id) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set(FOCUS_PARAMETER, id);
  else url.searchParams.delete(FOCUS_PARAMETER);
  window.history.replaceState(null, '', url);
}

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {ReturnType<typeof createPanels>} deps.panels
 * @param {ReturnType<typeof createPath>} deps.path
 * @param {() => number} deps.refresh applies the filters, returns how many nodes came back into view
 */
export function createNavigation({ graph, state, graphql, status, panels, path, refresh }) {
  const { cy } = graph;

  /**
   * Merges the node's neighbourhood (depth 1) into the graph.
   * @param {string} id
   */
  async function expand(id) {
    const existing = cy.getElementById(id);
    status.show(`Loading the neighbourhood of ${graph.nodeName(id)}…`);
    // A node not drawn yet is asked for first: an unknown id is answered with null, where the neighbourhood
    // would fail with a 404 the browser logs as a failed resource. The details are kept for the panel.
    if (existing.empty() && !state.details.has(id)) {
      const { node } = await graphql(NODE, { id, first: DETAILS_PAGE_SIZE });
      if (!node) throw new Error(`there is no node "${id}"`);
      state.details.set(id, node);
    }
    const { neighborhood } = await graphql(NEIGHBORHOOD, { id });
    const around = existing.nonempty()
      ? existing.position()
      : cy.nodes().nonempty()
        ? { x: cy.nodes().boundingBox().x2 + 200, y: 0 }
        : { x: 0, y: 0 };
    const first = cy.nodes().empty();
    // Nodes the reader hid stay hidden: only searching them again brings them back.
    const wanted = neighborhood.nodes.filter((node) => node.id === id || !state.hiddenNodes.has(node.id));
    const added = graph.merge(wanted, neighborhood.edges, around);
    if (!first && existing.empty()) added.edges += await linkToView(neighborhood.nodes.map((node) => node.id));
    state.expanded.add(id);
    graph.markExpanded(id);
    graph.dimBesideHighlight();
    refresh();
    if (added.nodes > 0 || added.edges > 0) graph.runLayout(first);
    const centre = neighborhood.nodes[0];
    const neighbours = neighborhood.nodes.length - 1;
    status.show(
      `${centre ? centre.name : id}: ${plural(neighbours, 'neighbour')}, ` +
        `${neighborhood.edges.length} relationships; ${plural(added.nodes, 'new node')} drawn.` +
        (neighborhood.truncated ? ' More neighbours exist than are shown.' : '') +
        graph.filterSummary(),
    );
  }

  /**
   * Draws the relationships between newly drawn nodes and the rest of the view: searching a second node shows how
   * it links to what is already on screen.
   * @param {string[]} fresh
   * @returns {Promise<number>} how many relationships were added
   */
  async function linkToView(fresh) {
    const freshIds = new Set(fresh);
    const others = cy
      .nodes()
      .map((node) => node.id())
      .filter((nodeId) => !freshIds.has(nodeId));
    const ids = [...fresh, ...others].slice(0, SUBGRAPH_MAX_IDS);
    const { subgraph } = await graphql(SUBGRAPH, { ids });
    return graph.merge([], subgraph.edges).edges;
  }

  /**
   * Opens a node: draws it with its neighbours when needed and shows its details; `updateUrl` (the default) also
   * makes it the focus, in the address too.
   * @param {string} id
   * @param {{ updateUrl?: boolean }} [options]
   */
  async function openNode(id, { updateUrl = true } = {}) {
    try {
      state.hiddenNodes.delete(id);
      if (!state.expanded.has(id)) await expand(id);
      select('nodes', id);
      if (updateUrl) {
        state.focus = id;
        setFocusInAddress(id);
      }
    } catch (error) {
      status.reportError(`Could not open ${id}`, error);
    }
  }

  /**
   * Selects a drawn node or relationship and shows its details.
   * @param {Group} group
   * @param {string} id
   */
  function select(group, id) {
    const element = cy.getElementById(id);
    if (element.empty()) return;
    cy.elements(':selected').unselect();
    element.select();
    state.selected = { group, id };
    if (graph.isFiltered(element)) refresh(); // a selected node stays in view
    if (group === 'nodes') panels.showNode(id);
    else panels.showEdge(id);
  }

  /**
   * Takes one node off the drawing (its relationships with it); searching it again brings it back.
   * @param {string} id
   */
  function hide(id) {
    const name = graph.nodeName(id);
    graph.remove(id);
    state.expanded.delete(id);
    state.hiddenNodes.add(id);
    if (state.selected?.id === id) state.selected = null;
    panels.showHint(`${name} is hidden. Search for it to draw it again.`);
    refresh();
    status.show(`Hid ${name}.`);
  }

  /** Removes everything drawn and starts over. */
  function clear() {
    cy.elements().remove();
    state.expanded.clear();
    state.hiddenNodes.clear();
    state.selected = null;
    state.focus = null;
    path.reset();
    panels.renderInView();
    panels.showHint('Search for a node to start.');
    setFocusInAddress(null);
    status.show('Cleared the graph.');
  }

  return { openNode, select, hide, clear };
}
