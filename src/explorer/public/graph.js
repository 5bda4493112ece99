// @ts-check
/*
 * The drawing: Cytoscape.js with the explorer's styles, the conversion of API nodes and edges into elements, merging
 * them in (none twice), the layout, and the classes that filter, highlight and mark elements. The class names stay
 * in here: other modules go through the functions below.
 */

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { kindStyle, relationColor } from './kinds.js';
import { periodIncludes, plural, shortLabel } from './format.js';

/**
 * @import { Collection, EdgeCollection, EdgeSingular, NodeSingular, Position } from 'cytoscape'
 * @import { NodeShape, NodeKindName, RelationTypeName } from '../page-config'
 * @import { GraphEdge, GraphNode, Period, Source } from './queries.js'
 * @import { State } from './state.js'
 */

/**
 * What a drawn node carries (`node.data()`).
 * @typedef {object} NodeData
 * @property {string} id
 * @property {string} name
 * @property {NodeKindName} kind
 * @property {string[]} aliases
 * @property {string} short the label drawn
 * @property {string} color
 * @property {NodeShape} shape
 * @property {string | null} status an agreement's status (SIGNED, NEGOTIATION, NOT_STATED), else null
 * @property {string} [caption] a saved map's caption, drawn instead of the short label
 *
 * What a drawn edge carries (`edge.data()`).
 * @typedef {object} EdgeData
 * @property {string} id
 * @property {string} source
 * @property {string} target
 * @property {RelationTypeName} type
 * @property {string} label
 * @property {Period | null} period
 * @property {Source[]} sources
 * @property {string} color the type's colour
 */

cytoscape.use(fcose);

/** The classes of elements; none of them leaves this module. */
const FILTERED = 'filtered';
const EXPANDED = 'expanded';
const ON_PATH = 'on-path';
const DIMMED = 'dimmed';
const SHOW_LABEL = 'show-label';
const HOVERED = 'hovered';
/** Nodes a layout has placed: later layouts lock them. */
const PLACED = 'placed';
/** Nodes the reader pinned (or dragged): a re-layout keeps them where they are. */
const PINNED = 'pinned';
/** Room left between a new node's box (label included) and the boxes of the nodes placed before, in model px. */
const LABEL_CLEARANCE = 6;

const FIT_PADDING = 30;

/** @type {cytoscape.StylesheetJson} */
const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      shape: (node) => nodeData(node).shape,
      label: 'data(short)',
      width: 26,
      height: 26,
      'border-width': 1.5,
      'border-color': '#ffffff',
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      'font-size': 12,
      color: '#1a1a1a',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      // Labels never shrink past legibility: below this on-screen size they hide (hover shows them in full).
      'min-zoomed-font-size': 9,
    },
  },
  {
    // An agreement only in negotiation is outlined, not filled (the legend says so).
    selector: 'node[status = "NEGOTIATION"]',
    style: {
      'background-color': '#ffffff',
      'border-color': 'data(color)',
      'border-width': 3,
      'border-style': 'dashed',
    },
  },
  {
    // An agreement no source gives a status is grey with a dotted outline: neither signed nor in negotiation.
    selector: 'node[status = "NOT_STATED"]',
    style: {
      'background-color': '#d9d9d9',
      'border-color': 'data(color)',
      'border-width': 3,
      'border-style': 'dotted',
    },
  },
  {
    selector: `node.${HOVERED}`,
    style: {
      label: 'data(name)',
      'min-zoomed-font-size': 0,
      'font-size': 13,
      'z-index': 20,
      'text-max-width': '240px',
    },
  },
  { selector: `node.${EXPANDED}`, style: { width: 34, height: 34, 'border-width': 2.5, 'border-color': '#1a1a1a' } },
  {
    selector: 'node:selected',
    style: {
      'underlay-color': '#005fcc',
      'underlay-opacity': 0.3,
      'underlay-padding': 9,
      'underlay-shape': 'ellipse',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      'font-size': 9,
      color: '#3d4853',
      'text-rotation': 'autorotate',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
    },
  },
  { selector: `edge.${SHOW_LABEL}`, style: { label: 'data(label)' } },
  {
    selector: 'edge:selected',
    style: { width: 3.5, 'line-color': '#005fcc', 'target-arrow-color': '#005fcc', label: 'data(label)' },
  },
  { selector: `.${DIMMED}`, style: { opacity: 0.2 } },
  {
    selector: `node.${ON_PATH}`,
    style: { 'border-width': 4, 'border-color': '#c00000', opacity: 1, 'z-index': 10 },
  },
  {
    selector: `edge.${ON_PATH}`,
    style: {
      width: 4,
      'line-color': '#c00000',
      'target-arrow-color': '#c00000',
      label: 'data(label)',
      'font-size': 10,
      'font-weight': 'bold',
      color: '#8b0000',
      opacity: 1,
      'z-index': 10,
    },
  },
  { selector: `node.${PINNED}`, style: { 'border-width': 3, 'border-color': '#5a3e00', 'border-style': 'double' } },
  { selector: `.${FILTERED}`, style: { display: 'none' } },
];

/**
 * Moves each new node that sits on a box (label included) of a node placed before to the nearest free place: the
 * first of rings of candidate places around it, ever wider, where its box overlaps none. Nodes placed this way
 * count as placed for the next ones.
 * @param {import('cytoscape').NodeCollection} fresh
 * @param {import('cytoscape').NodeCollection} placed
 */
function clearOfLabels(fresh, placed) {
  /** @typedef {{ x1: number, x2: number, y1: number, y2: number }} Box */
  /** @type {Box[]} */
  const boxes = placed.map((node) => node.boundingBox({ includeLabels: true }));
  /** @param {Box} box @param {number} dx @param {number} dy */
  const free = (box, dx, dy) =>
    boxes.every(
      (other) =>
        box.x2 + dx + LABEL_CLEARANCE <= other.x1 ||
        other.x2 + LABEL_CLEARANCE <= box.x1 + dx ||
        box.y2 + dy + LABEL_CLEARANCE <= other.y1 ||
        other.y2 + LABEL_CLEARANCE <= box.y1 + dy,
    );
  fresh.forEach((node) => {
    const box = node.boundingBox({ includeLabels: true });
    let offset = free(box, 0, 0) ? { dx: 0, dy: 0 } : null;
    for (let radius = 12; !offset && radius <= 3000; radius += 12) {
      const steps = Math.max(12, Math.round(radius / 6));
      for (let i = 0; i < steps && !offset; i++) {
        const angle = (2 * Math.PI * i) / steps;
        const dx = radius * Math.cos(angle);
        const dy = radius * Math.sin(angle);
        if (free(box, dx, dy)) offset = { dx, dy };
      }
    }
    if (offset && (offset.dx !== 0 || offset.dy !== 0)) {
      const { x, y } = node.position();
      node.position({ x: x + offset.dx, y: y + offset.dy });
    }
    boxes.push(node.boundingBox({ includeLabels: true }));
  });
}

/**
 * The data of a drawn node or edge. Only nodeElement() and edgeElement() below make elements, so the data has
 * these shapes; Cytoscape types it as `any`.
 * @param {NodeSingular} node
 * @returns {NodeData}
 */
export const nodeData = (node) => /** @type {NodeData} */ (node.data());
/**
 * @param {EdgeSingular} edge
 * @returns {EdgeData}
 */
export const edgeData = (edge) => /** @type {EdgeData} */ (edge.data());

/**
 * @param {GraphNode} node
 * @param {Position} position
 * @returns {cytoscape.ElementDefinition}
 */
function nodeElement(node, position) {
  const { color, shape } = kindStyle(node.kind);
  /** @type {NodeData} */
  const data = {
    id: node.id,
    name: node.name,
    kind: node.kind,
    aliases: node.aliases,
    short: shortLabel(node),
    color,
    shape,
    status: node.status ?? null,
  };
  return { group: 'nodes', data, position };
}

/**
 * @param {GraphEdge} edge
 * @param {boolean} showLabel
 * @returns {cytoscape.ElementDefinition}
 */
function edgeElement(edge, showLabel) {
  /** @type {EdgeData} */
  const data = {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: edge.type,
    label: edge.label,
    period: edge.period,
    sources: edge.sources,
    color: relationColor(edge.type),
  };
  return { group: 'edges', data, classes: showLabel ? [SHOW_LABEL] : [] };
}

/**
 * The graph on the page. `cy` is Cytoscape itself, for what the functions here do not cover (events, panning).
 * @param {HTMLElement} container
 */
export function createGraph(container) {
  const cy = cytoscape({
    container,
    boxSelectionEnabled: false,
    selectionType: 'single',
    minZoom: 0.15,
    maxZoom: 3,
    style: STYLE,
  });
  let showLabels = false;
  // Hovering a node shows its whole name, whatever the zoom.
  cy.on('mouseover', 'node', (event) => /** @type {NodeSingular} */ (event.target).addClass(HOVERED));
  cy.on('mouseout', 'node', (event) => /** @type {NodeSingular} */ (event.target).removeClass(HOVERED));

  /** What is not hidden by the filters. */
  const visible = () => cy.elements().not(`.${FILTERED}`);

  /**
   * The layout itself (see runLayout).
   * @param {boolean} first
   * @param {boolean} fit
   */
  function layOut(first, fit) {
    const inView = visible();
    if (inView.empty()) return;
    // Only the new nodes are laid out, with the placed nodes they touch held fixed: the cost follows the page
    // drawn (a few dozen nodes), not the whole drawing.
    const fresh = inView.nodes().not(`.${PLACED}`);
    const scope = first ? inView.nodes() : fresh.union(fresh.neighborhood().nodes().intersection(inView));
    const elements = scope.union(scope.edgesWith(scope).intersection(inView));
    if (elements.empty()) return;
    if (first) elements.layout({ name: 'concentric', animate: false, fit: false, minNodeSpacing: 40 }).run();
    // fcose places the new nodes around the fixed ones: a node placed before never moves.
    const placed = first ? cy.collection() : elements.nodes(`.${PLACED}`);
    /** @type {Map<string, Position>} */
    const fixed = new Map(placed.map((node) => [node.id(), { ...node.position() }]));
    // Cytoscape's types know fcose's name only, not its options: a named object passes where a literal would not.
    const options = {
      name: 'fcose',
      animate: false,
      randomize: false,
      // A page of a few dozen nodes around fixed ones: the default quality is enough, and several times faster.
      quality: 'default',
      fit,
      padding: FIT_PADDING,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: 70,
      nodeRepulsion: 8000,
      fixedNodeConstraint: [...fixed].map(([nodeId, position]) => ({ nodeId, position })),
      // fcose may shift the whole drawing by a few pixels: the fixed nodes are put back exactly where they were.
      /** @type {(node: NodeSingular, position: Position) => Position} */
      transform: (node, position) => fixed.get(node.id()) ?? position,
    };
    if (fresh.nonempty() || first) elements.layout(options).run();
    // New nodes never sit on a label already drawn.
    if (!first) {
      clearOfLabels(fresh, inView.nodes(`.${PLACED}`));
      if (fit) cy.fit(inView, FIT_PADDING);
    }
    cy.nodes().addClass(PLACED);
  }

  return {
    cy,
    visible,

    /**
     * @param {string} id
     * @returns {string} the node's name, or its id when it is not drawn
     */
    nodeName: (id) => {
      const node = cy.getElementById(id);
      return node.nonempty() ? nodeData(node).name : id;
    },

    /**
     * The relationships of a node that are in view.
     * @param {string} id
     * @returns {EdgeCollection}
     */
    visibleEdgesOf(id) {
      return cy.getElementById(id).connectedEdges().not(`.${FILTERED}`);
    },

    /** @param {{ hasClass(name: string): boolean }} element a node or an edge */
    isFiltered: (element) => element.hasClass(FILTERED),

    /**
     * Adds the nodes and edges not drawn yet (none twice), new nodes on a circle around `around`.
     * @param {GraphNode[]} nodes
     * @param {GraphEdge[]} edges
     * @param {Position} [around]
     * @returns {{ nodes: number, edges: number }} how many were added
     */
    merge(nodes, edges, around = { x: 0, y: 0 }) {
      const fresh = nodes.filter((node) => cy.getElementById(node.id).empty());
      const radius = 90 + fresh.length * 6;
      cy.add(
        fresh.map((node, i) => {
          const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
          return nodeElement(node, { x: around.x + radius * Math.cos(angle), y: around.y + radius * Math.sin(angle) });
        }),
      );
      const freshEdges = edges.filter(
        (edge) =>
          cy.getElementById(edge.id).empty() &&
          cy.getElementById(edge.source).nonempty() &&
          cy.getElementById(edge.target).nonempty(),
      );
      cy.add(freshEdges.map((edge) => edgeElement(edge, showLabels)));
      return { nodes: fresh.length, edges: freshEdges.length };
    },

    /**
     * Lays out what is in view. A first drawing starts from rings around the centre; later ones place only the
     * new nodes: every node placed before is locked, so adding nodes never moves what the reader has seen.
     * @param {boolean} [first]
     * @param {{ fit?: boolean }} [options]
     */
    runLayout(first = false, { fit = true } = {}) {
      const started = performance.now();
      try {
        layOut(first, fit);
      } finally {
        // For the browser bench (bench/explorer.bench.ts): how long each layout held the main thread.
        performance.measure('explorer:layout', { start: started, detail: cy.nodes().length });
      }
    },

    /**
     * Lays out everything in view afresh; pinned nodes stay exactly where they are.
     * @returns {number} how many nodes stayed pinned
     */
    relayout() {
      const elements = visible();
      if (elements.empty()) return 0;
      const pinned = elements.nodes(`.${PINNED}`);
      /** @type {Map<string, Position>} */
      const fixed = new Map(pinned.map((node) => [node.id(), { ...node.position() }]));
      const options = {
        name: 'fcose',
        animate: false,
        randomize: true,
        quality: 'proof',
        fit: true,
        padding: FIT_PADDING,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: 90,
        nodeRepulsion: 9000,
        fixedNodeConstraint: [...fixed].map(([nodeId, position]) => ({ nodeId, position })),
        /** @type {(node: NodeSingular, position: Position) => Position} */
        transform: (node, position) => fixed.get(node.id()) ?? position,
      };
      elements.layout(options).run();
      cy.nodes().addClass(PLACED);
      return pinned.length;
    },

    /**
     * Pins a node where it is, or unpins it.
     * @param {string} id
     * @param {boolean} pin
     */
    setPinned(id, pin) {
      cy.getElementById(id).toggleClass(PINNED, pin);
    },

    /** @param {string} id */
    isPinned: (id) => cy.getElementById(id).hasClass(PINNED),

    /**
     * Places nodes where a saved map had them; they count as placed (later layouts keep them there).
     * @param {Map<string, Position>} positions
     */
    place(positions) {
      cy.batch(() => {
        for (const [id, position] of positions) cy.getElementById(id).position(position).addClass(PLACED);
      });
    },

    /**
     * Removes a node and the relationships that end at it.
     * @param {string} id
     */
    remove(id) {
      cy.getElementById(id).remove();
    },

    /**
     * Hides the edges the filters exclude, then the nodes left without a visible edge (unless opened, selected
     * or on the path).
     * @param {Pick<State, 'hiddenTypes' | 'activeAt' | 'expanded'>} filters
     * @returns {number} how many nodes came back into view
     */
    applyFilters({ hiddenTypes, activeAt, expanded }) {
      let shown = 0;
      cy.batch(() => {
        cy.edges().forEach((edge) => {
          const { type, period } = edgeData(edge);
          const excluded = hiddenTypes.has(type) || !periodIncludes(period, activeAt);
          edge.toggleClass(FILTERED, excluded && !edge.hasClass(ON_PATH));
        });
        cy.nodes().forEach((node) => {
          const keep =
            node.hasClass(ON_PATH) ||
            node.selected() ||
            expanded.has(node.id()) ||
            node.connectedEdges().not(`.${FILTERED}`).nonempty();
          if (keep && node.hasClass(FILTERED)) shown++;
          node.toggleClass(FILTERED, !keep);
        });
      });
      return shown;
    },

    /** @returns {string} how many relationships the filters hide, as a sentence (empty when none) */
    filterSummary() {
      const hidden = cy.edges(`.${FILTERED}`).length;
      return hidden > 0 ? ` ${plural(hidden, 'relationship')} hidden by the filters.` : '';
    },

    /** @param {string} id */
    markExpanded(id) {
      cy.getElementById(id).addClass(EXPANDED);
    },

    /**
     * Highlights these elements and dims the rest.
     * @param {Collection} elements
     */
    highlight(elements) {
      elements.addClass(ON_PATH);
      cy.elements().not(elements).addClass(DIMMED);
    },

    /** While a path is highlighted, what is drawn later is dimmed with the rest. */
    dimBesideHighlight() {
      const highlighted = cy.elements(`.${ON_PATH}`);
      if (highlighted.nonempty()) cy.elements().not(highlighted).addClass(DIMMED);
    },

    clearHighlight() {
      cy.elements().removeClass(`${ON_PATH} ${DIMMED}`);
    },

    /** Whether every relationship shows its label. */
    edgeLabelsShown: () => showLabels,

    /** @param {boolean} show whether every relationship shows its label (new ones included) */
    setEdgeLabels(show) {
      showLabels = show;
      cy.edges().toggleClass(SHOW_LABEL, show);
    },

    fit() {
      cy.fit(visible(), FIT_PADDING);
    },

    /** @param {Map<string, number> | null} sizes diameters in px by node id; others (all, when null) as styled */
    setNodeSizes(sizes) {
      cy.nodes().forEach((node) => {
        const size = sizes?.get(node.id());
        if (size === undefined) node.removeStyle('width height');
        else node.style({ width: size, height: size });
      });
    },
  };
}

/** @typedef {ReturnType<typeof createGraph>} Graph */
