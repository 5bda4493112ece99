// @ts-check
/*
 * Moving through the graph: opening a node (drawing its first view when needed), drawing more of it on demand,
 * selecting a node or a relationship, the `?focus=` of the address, and starting over.
 *
 * A node's first view is what a person can read, whatever its degree: its strongest partners (each with the
 * agreement or event that proves it) and its latest relationships each way, a few dozen labelled nodes, asked in
 * one request. The rest is drawn a page at a time ("Show more" in the details panel, with the counts the API gives).
 * Only the new nodes are laid out; what is drawn stays where it is.
 */

import { afterPaint, PRIORITY } from './background.js';
import { FOCUS_PARAMETER, firstViewVariables, takeEarlyFirstView } from './boot.js';
import { plural } from './format.js';
import { edgeData } from './graph.js';
import { DRAW_MORE, DRAWN, FIRST_VIEW, SUBGRAPH } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Background } from './background.js'
 * @import { Graph } from './graph.js'
 * @import { createPanels } from './panels.js'
 * @import { createPath } from './path.js'
 * @import { DrawnFacts, DrawnPartners, FirstView, GraphEdge, GraphNode } from './queries.js'
 * @import { DrawnGroup, DrawnPage, Group, State } from './state.js'
 * @import { Status } from './status.js'
 */

/** How many pages "Show more" reads at most for a saved map's group before one draws something new. */
const COUNTED_PAGES_READ = 5;
/** The most ids one subgraph query takes (the API's neighbourhood limit). */
const SUBGRAPH_MAX_IDS = 1000;

export { focusInAddress } from './boot.js';

/** @param {string | null} id */
function setFocusInAddress(id) {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set(FOCUS_PARAMETER, id);
  else url.searchParams.delete(FOCUS_PARAMETER);
  window.history.replaceState(null, '', url);
}

/**
 * The nodes and relationships of a page of partners (each partner with the agreement or event that proves it) or
 * of relationships (each with the node at its other end).
 * @param {DrawnPartners | DrawnFacts} page
 * @returns {{ nodes: GraphNode[], edges: GraphEdge[] }}
 */
function elementsOf(page) {
  /** @type {GraphNode[]} */
  const nodes = [];
  /** @type {GraphEdge[]} */
  const edges = [];
  for (const { node: item } of page.edges) {
    if ('partner' in item) {
      // The proof comes with the relationships to it: the node and its partner are linked without another request.
      for (const { relationships, ...proof } of item.evidence) {
        nodes.push(proof);
        edges.push(...relationships.edges.map((edge) => edge.node));
      }
      nodes.push(item.partner);
    } else {
      const { node, ...edge } = item;
      nodes.push(node);
      edges.push(edge);
    }
  }
  return { nodes, edges };
}

/**
 * @param {DrawnPartners | DrawnFacts} page
 * @param {number} [before] how many were drawn before this page
 */
const pageState = (page, before = 0) => ({
  totalCount: page.totalCount,
  drawn: before + page.edges.length,
  endCursor: page.pageInfo.endCursor,
  hasNextPage: page.pageInfo.hasNextPage,
});

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Background} deps.background the relationships among the drawn nodes are background work: they wait for
 *   a search typed meanwhile
 * @param {ReturnType<typeof createPanels>} deps.panels
 * @param {ReturnType<typeof createPath>} deps.path
 * @param {() => number} deps.refresh applies the filters, returns how many nodes came back into view
 */
export function createNavigation({ graph, state, graphql, status, background, panels, path, refresh }) {
  const { cy } = graph;

  /**
   * Draws nodes and relationships of `id` (a first view or a page of it) and lays out the new nodes only.
   * @param {string} id
   * @param {GraphNode[]} nodes
   * @param {GraphEdge[]} edges
   * @returns {{ nodes: number, edges: number, fresh: string[] }} how many were added, and the new nodes' ids
   */
  function draw(id, nodes, edges) {
    const existing = cy.getElementById(id);
    const around = existing.nonempty()
      ? existing.position()
      : cy.nodes().nonempty()
        ? { x: cy.nodes().boundingBox().x2 + 200, y: 0 }
        : { x: 0, y: 0 };
    const first = cy.nodes().empty();
    // Nodes the reader hid stay hidden: only searching them again brings them back.
    const wanted = nodes.filter((node) => node.id === id || !state.hiddenNodes.has(node.id));
    const fresh = [...new Set(wanted.map((node) => node.id))].filter((nodeId) => cy.getElementById(nodeId).empty());
    const added = graph.merge(wanted, edges, around);
    graph.dimBesideHighlight();
    refresh();
    if (added.nodes > 0 || added.edges > 0) graph.runLayout(first);
    return { ...added, fresh };
  }

  /**
   * Then every relationship between the new nodes and those on screen (and among the new ones): searching a second
   * node shows how it links to what is already drawn. Nothing moves; a node that only these relationships bring
   * into view is laid out.
   * @param {string[]} fresh
   * @returns {Promise<number>} how many relationships were added
   */
  async function link(fresh) {
    if (fresh.length === 0) return 0;
    // Background work, one request at a time, after the suggestions of a search typed meanwhile.
    const edges = await background.run(() => edgesAmong(fresh), PRIORITY.LINKS);
    // A search typed while it loaded goes first again: the merge and a layout would hold up its suggestions.
    await background.quiet();
    const added = graph.merge([], edges).edges;
    if (added > 0) {
      graph.dimBesideHighlight();
      if (refresh() > 0) graph.runLayout(false, { fit: false });
    }
    return added;
  }

  /**
   * The relationships between new nodes, and between them and the rest of the view: a partner's proof links it
   * to the node, and searching a second node shows how it links to what is already on screen.
   * @param {string[]} fresh
   * @returns {Promise<GraphEdge[]>}
   */
  async function edgesAmong(fresh) {
    const freshIds = new Set(fresh);
    const others = cy
      .nodes()
      .map((node) => node.id())
      .filter((nodeId) => !freshIds.has(nodeId));
    const ids = [...fresh, ...others].slice(0, SUBGRAPH_MAX_IDS);
    const { subgraph } = await graphql(SUBGRAPH, { ids });
    return subgraph.edges;
  }

  /** The partners the API named so far for each node counted on the drawing (its listed and drawn pages). */
  /** @type {Map<string, Set<string>>} */
  const knownPartners = new Map();

  /**
   * How much of one group of a node the drawing holds, counted on the drawing itself (a saved map is not drawn page
   * by page): its relationships from it or to it drawn, or its partners drawn among those the API named (the
   * strongest listed in the details panel, and every page drawn since).
   * @param {string} id
   * @param {DrawnGroup} group
   */
  function countDrawn(id, group) {
    const node = cy.getElementById(id);
    if (group === 'out') return node.connectedEdges().filter((edge) => edgeData(edge).source === id).length;
    if (group === 'in') return node.connectedEdges().filter((edge) => edgeData(edge).target === id).length;
    return [...(knownPartners.get(id) ?? [])].filter((partner) => cy.getElementById(partner).nonempty()).length;
  }

  /**
   * @param {string} id
   * @param {{ edges: { node: { partner: GraphNode } }[] }} page
   */
  function namePartners(id, page) {
    const known = knownPartners.get(id) ?? new Set();
    for (const { node } of page.edges) known.add(node.partner.id);
    knownPartners.set(id, known);
  }

  /**
   * A group as the drawing holds it, with the API's count: its next page starts from the first.
   * @param {string} id
   * @param {DrawnGroup} group
   * @param {number} totalCount
   * @returns {DrawnPage}
   */
  function countedPage(id, group, totalCount) {
    const drawn = Math.min(countDrawn(id, group), totalCount);
    return { totalCount, drawn, endCursor: null, hasNextPage: drawn < totalCount, counted: true };
  }

  /**
   * The first view of a node drawn another way (a saved map's node, opened in the details panel) arrived: "In the
   * drawing" says, with its counts, how much of each group the drawing holds.
   * @param {string} id
   * @param {FirstView} view
   */
  function counted(id, view) {
    if (!state.expanded.has(id) || state.drawn.has(id) || cy.getElementById(id).empty()) return;
    namePartners(id, view.partnerList);
    namePartners(id, view.partners);
    state.drawn.set(id, {
      partners: countedPage(id, 'partners', view.partners.totalCount),
      out: countedPage(id, 'out', view.out.totalCount),
      in: countedPage(id, 'in', view.in.totalCount),
    });
  }

  /**
   * Draws the node's first view: its strongest partners and its latest relationships each way, and says so in the
   * status line. Resolves once it is on screen, to the linking of the new nodes with the rest of the view
   * (background work).
   * @param {string} id
   * @returns {Promise<{ linking: Promise<void> }>}
   */
  async function expand(id) {
    status.show(`Loading ${graph.nodeName(id)}…`);
    // The page's own node was asked for as the page opened (boot.js).
    const { node } = await (takeEarlyFirstView(id) ?? graphql(FIRST_VIEW, firstViewVariables(id)));
    if (!node) throw new Error(`there is no node "${id}"`);
    performance.mark('explorer:answered', { detail: id });
    // The details panel is filled from the same answer: it sends nothing of its own.
    panels.remember(id, node);
    state.drawn.set(id, {
      partners: pageState(node.partners),
      out: pageState(node.out),
      in: pageState(node.in),
    });
    const parts = [node.partners, node.out, node.in].map(elementsOf);
    const added = draw(
      id,
      [node, ...parts.flatMap((part) => part.nodes)],
      parts.flatMap((part) => part.edges),
    );
    state.expanded.add(id);
    graph.markExpanded(id);
    // For the browser bench (bench/explorer.bench.ts): when the first view was on screen (the frame after layout).
    // The details panel waits for that frame: the drawing is painted first.
    await afterPaint(() => performance.mark('explorer:drawn', { detail: id }));
    // Said now, not once the links are in: a status the reader caused meanwhile (a path) is not overwritten.
    finishedStatus(node, added.nodes);
    // (Wrapped: an async function returning the promise itself would wait for it.)
    return { linking: link(added.fresh).then(() => undefined) };
  }

  /**
   * What the first view drew, in the status line.
   * @param {FirstView} node
   * @param {number} nodes how many new nodes were drawn
   */
  function finishedStatus(node, nodes) {
    const relationships = node.out.totalCount + node.in.totalCount;
    const drawnFacts = node.out.edges.length + node.in.edges.length;
    status.show(
      `${node.name}: its ${plural(node.partners.edges.length, 'strongest partner')} of ${node.partners.totalCount} ` +
        `and ${drawnFacts} latest of ${plural(relationships, 'relationship')}; ${plural(nodes, 'new node')} drawn.` +
        (node.partners.pageInfo.hasNextPage || node.out.pageInfo.hasNextPage || node.in.pageInfo.hasNextPage
          ? ' “Show more” in the details panel draws the rest.'
          : '') +
        graph.filterSummary(),
    );
  }

  /**
   * Draws the next page of one group of a node: its partners, or its relationships from it or to it.
   * @param {string} id
   * @param {DrawnGroup} group
   */
  async function drawMore(id, group) {
    const pages = state.drawn.get(id);
    const page = pages?.[group];
    if (!pages || !page?.hasNextPage) return;
    try {
      status.show(`Drawing more of ${graph.nodeName(id)}…`);
      let after = page.endCursor;
      let added = { nodes: 0, edges: 0 };
      /** @type {DrawnPage} */
      let next = page;
      // A counted group (a saved map's) pages from the first: pages the map holds already add nothing, so the next
      // ones are read until something is drawn (a few pages at most).
      for (let read = 0; read < (page.counted ? COUNTED_PAGES_READ : 1); read++) {
        const answer = await graphql(DRAW_MORE, {
          id,
          first: DRAWN[group],
          after,
          partners: group === 'partners',
          out: group === 'out',
          in: group === 'in',
        });
        const more = answer.node?.[group];
        if (!more) throw new Error(`there is no node "${id}"`);
        if (group === 'partners') namePartners(id, /** @type {DrawnPartners} */ (more));
        const { nodes, edges } = elementsOf(more);
        const drawn = draw(id, nodes, edges);
        drawn.edges += await link(drawn.fresh);
        added = { nodes: added.nodes + drawn.nodes, edges: added.edges + drawn.edges };
        // A counted group is counted again on the drawing: a page may hold some of what was drawn already.
        next = page.counted
          ? { ...pageState(more), drawn: Math.min(countDrawn(id, group), more.totalCount), counted: true }
          : pageState(more, next.drawn);
        after = more.pageInfo.endCursor;
        if (added.nodes + added.edges > 0 || !more.pageInfo.hasNextPage) break;
      }
      pages[group] = next;
      panels.reshow(id);
      status.show(
        `${graph.nodeName(id)}: ${plural(added.nodes, 'new node')} drawn, ` +
          `${next.drawn} of ${next.totalCount} ${group === 'partners' ? 'partners' : 'relationships'} ` +
          `${group === 'in' ? 'to it' : group === 'out' ? 'from it' : ''} so far.`.replace(' .', '.'),
      );
    } catch (error) {
      status.reportError(`Could not draw more of ${graph.nodeName(id)}`, error);
    }
  }

  /**
   * Opens a node: draws it with its neighbours when needed and shows its details; `updateUrl` (the default) also
   * makes it the focus, in the address too. `drawn` is called once its first view is on screen (or it failed).
   * @param {string} id
   * @param {{ updateUrl?: boolean, drawn?: () => void }} [options]
   */
  async function openNode(id, { updateUrl = true, drawn } = {}) {
    try {
      state.hiddenNodes.delete(id);
      const expanded = state.expanded.has(id) ? null : await expand(id);
      drawn?.();
      // The details at once; the relationships with the rest of the view follow.
      select('nodes', id);
      if (updateUrl) {
        state.focus = id;
        setFocusInAddress(id);
      }
      await expanded?.linking;
    } catch (error) {
      status.reportError(`Could not open ${id}`, error);
    } finally {
      drawn?.();
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
    state.drawn.delete(id);
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
    state.drawn.clear();
    state.hiddenNodes.clear();
    state.selected = null;
    state.focus = null;
    path.reset();
    panels.renderInView();
    panels.showHint('Search for a node to start.');
    setFocusInAddress(null);
    status.show('Cleared the graph.');
  }

  return { openNode, select, hide, clear, drawMore, counted };
}
