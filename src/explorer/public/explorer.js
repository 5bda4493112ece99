/*
 * The relationship explorer (served at /explorer): plain browser JavaScript, no build step.
 *
 * It reads the graph through the public GraphQL API only, with the operations in queries.js, and draws it with
 * Cytoscape.js. `window.cy` is the Cytoscape instance (handy in the browser console and for tests).
 */
(function () {
  'use strict';

  const { QUERIES, RELATION_TYPES, NODE_KINDS } = window.ExplorerQueries;
  const config = window.EXPLORER_CONFIG || { graphqlPath: '/graphql' };

  /** One colour (Okabe–Ito based, colour-blind friendly) and one shape per kind: never colour alone. */
  const KIND_STYLES = {
    ORGANIZATION: { label: 'Organization', color: '#0072B2', shape: 'ellipse' },
    UNIVERSITY: { label: 'University', color: '#CC79A7', shape: 'hexagon' },
    FACULTY: { label: 'Faculty or campus', color: '#7B3294', shape: 'pentagon' },
    COMMISSION: { label: 'Commission', color: '#009E73', shape: 'round-rectangle' },
    AGREEMENT: { label: 'Agreement', color: '#E69F00', shape: 'diamond' },
    EVENT: { label: 'Event', color: '#D55E00', shape: 'star' },
    CITY: { label: 'City', color: '#56B4E9', shape: 'triangle' },
    COUNTRY: { label: 'Country', color: '#1B7837', shape: 'octagon' },
    GROUP: { label: 'Group of people', color: '#8C564B', shape: 'rhomboid' },
    REPORT: { label: 'Report', color: '#6E6E6E', shape: 'rectangle' },
    SOURCE_DOCUMENT: { label: 'Source document', color: '#333333', shape: 'tag' },
  };
  const UNKNOWN_KIND = { label: 'Other', color: '#999999', shape: 'ellipse' };
  const kindStyle = (kind) => KIND_STYLES[kind] || UNKNOWN_KIND;

  /** The legend's drawing of each Cytoscape shape, in a 20 × 20 box. */
  const SHAPE_ICONS = {
    ellipse: ['circle', { cx: 10, cy: 10, r: 8.5 }],
    hexagon: ['polygon', { points: '5,2 15,2 19,10 15,18 5,18 1,10' }],
    pentagon: ['polygon', { points: '10,1 19,8 15.5,19 4.5,19 1,8' }],
    'round-rectangle': ['rect', { x: 1, y: 3, width: 18, height: 14, rx: 4 }],
    diamond: ['polygon', { points: '10,1 19,10 10,19 1,10' }],
    star: ['polygon', { points: '10,1 12.4,7.4 19,7.6 13.8,11.7 15.6,18.2 10,14.4 4.4,18.2 6.2,11.7 1,7.6 7.6,7.4' }],
    triangle: ['polygon', { points: '10,2 19,18 1,18' }],
    octagon: ['polygon', { points: '6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6' }],
    rhomboid: ['polygon', { points: '6,3 19,3 14,17 1,17' }],
    rectangle: ['rect', { x: 2, y: 3, width: 16, height: 14 }],
    tag: ['polygon', { points: '1,3 13,3 19,10 13,17 1,17' }],
  };

  const MAX_LABEL = 28;
  const SEARCH_DEBOUNCE_MS = 200;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  const dom = {
    search: $('search'),
    suggestions: $('suggestions'),
    status: $('status'),
    cy: $('cy'),
    legend: $('legend'),
    typeCheckboxes: $('type-checkboxes'),
    typesAll: $('types-all'),
    typesNone: $('types-none'),
    activeAt: $('active-at'),
    activeAtClear: $('active-at-clear'),
    edgeLabels: $('edge-labels'),
    fit: $('fit'),
    exportPng: $('export-png'),
    exportJson: $('export-json'),
    clear: $('clear-graph'),
    pathFrom: $('path-from'),
    pathTo: $('path-to'),
    pathFind: $('path-find'),
    pathClear: $('path-clear'),
    pathSteps: $('path-steps'),
    details: $('details'),
    detailsBody: $('details-body'),
    inViewCount: $('in-view-count'),
    inViewList: $('in-view-list'),
  };

  const state = {
    /**
     * Relationship types unchecked in the filters. REPORTED_IN (every agreement and event is reported in the
     * report) is off at first: it ties everything to one hub. The path query leaves it out by default too.
     */
    hiddenTypes: new Set(['REPORTED_IN']),
    /** "Active at" day (YYYY-MM-DD) or null. */
    activeAt: null,
    /** Nodes whose neighbourhood has been merged into the graph. */
    expanded: new Set(),
    pathFrom: null,
    pathTo: null,
    /** What the details panel shows: { group: 'nodes' | 'edges', id }. */
    selected: null,
    /** Node details fetched so far, by id. */
    details: new Map(),
    focus: null,
    pending: 0,
  };

  // ---------------------------------------------------------------------------------------------- helpers

  /** Creates an element: attributes (class, aria-*, data-*, ...) and children (strings become text, never HTML). */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  /** The legend's icon of a kind: its shape filled with its colour. */
  function kindIcon(kind, size) {
    const { color, shape } = kindStyle(kind);
    const [tag, attributes] = SHAPE_ICONS[shape] || SHAPE_ICONS.ellipse;
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 20 20');
    svg.setAttribute('width', String(size || 16));
    svg.setAttribute('height', String(size || 16));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'kind-icon');
    const figure = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attributes)) figure.setAttribute(name, String(value));
    figure.setAttribute('fill', color);
    figure.setAttribute('stroke', '#1a1a1a');
    figure.setAttribute('stroke-width', '0.8');
    svg.append(figure);
    return svg;
  }

  function kindBadge(kind) {
    return h('span', { class: 'kind' }, kindIcon(kind, 14), kindStyle(kind).label);
  }

  const humanType = (type) => type.toLowerCase().replace(/_/g, ' ');

  /** An acronym such as IECM, INE, FCPyS or CDMX: one word, at least two capitals. */
  function isAcronym(text) {
    return /^[\p{Lu}\d][\p{L}\d.-]{1,11}$/u.test(text) && (text.match(/\p{Lu}/gu) || []).length >= 2;
  }

  /** The label drawn on a node: its acronym, else its name, else a short alias, else the name truncated. */
  function shortLabel(node) {
    const first = (node.aliases || [])[0];
    if (first && isAcronym(first)) return first;
    if (node.name.length <= MAX_LABEL) return node.name;
    if (first && first.length <= MAX_LABEL) return first;
    return node.name.slice(0, MAX_LABEL - 1).trimEnd() + '…';
  }

  function periodText(period) {
    if (!period || (!period.start && !period.end)) return 'not stated (a lasting fact)';
    const start = period.start ? period.start.value : '…';
    const end = period.end ? period.end.value : '…';
    return start === end ? start : `${start} – ${end}`;
  }

  /** Whether a reported period includes the day (YYYY-MM-DD); facts without a period always do. */
  function periodIncludes(period, day) {
    if (!day || !period) return true;
    const first = period.start ? period.start.firstDay : null;
    const last = period.end ? period.end.lastDay : null;
    return (!first || first <= day) && (!last || day <= last);
  }

  function nodeName(id) {
    const node = cy.getElementById(id);
    return node.nonempty() ? node.data('name') : id;
  }

  // ---------------------------------------------------------------------------------------------- status

  function setStatus(text, kind) {
    dom.status.textContent = text;
    dom.status.dataset.kind = kind || 'info';
  }

  /** Every failure ends up here, in the status line: nothing is swallowed. */
  function reportError(what, error) {
    setStatus(`${what}: ${error && error.message ? error.message : String(error)}`, 'error');
    console.warn(`[explorer] ${what}`, error);
  }

  function busy(delta) {
    state.pending += delta;
    document.body.dataset.pending = String(state.pending);
    dom.cy.setAttribute('aria-busy', state.pending > 0 ? 'true' : 'false');
  }

  // ---------------------------------------------------------------------------------------------- GraphQL

  class GraphQLRequestError extends Error {}

  /** Posts one operation of queries.js; rejects with every error message the API or the network gave. */
  async function graphql(operation, variables) {
    const query = QUERIES[operation];
    if (!query) throw new GraphQLRequestError(`unknown operation ${operation}`);
    busy(+1);
    try {
      let response;
      try {
        response = await fetch(config.graphqlPath, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        throw new GraphQLRequestError(`the GraphQL API could not be reached (${error.message})`);
      }
      let body;
      try {
        body = await response.json();
      } catch {
        throw new GraphQLRequestError(
          `the GraphQL API answered ${response.status} ${response.statusText} without JSON`,
        );
      }
      if (Array.isArray(body.errors) && body.errors.length > 0) {
        const code = body.errors[0].extensions && body.errors[0].extensions.code;
        const messages = body.errors.map((error) => error.message).join('; ');
        throw new GraphQLRequestError(code ? `${messages} (${code})` : messages);
      }
      if (!response.ok || !body.data) {
        throw new GraphQLRequestError(`the GraphQL API answered ${response.status} ${response.statusText}`);
      }
      return body.data;
    } finally {
      busy(-1);
    }
  }

  // ---------------------------------------------------------------------------------------------- the graph

  const cy = cytoscape({
    container: dom.cy,
    boxSelectionEnabled: false,
    selectionType: 'single',
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          shape: 'data(shape)',
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
          'text-max-width': 120,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
        },
      },
      { selector: 'node.expanded', style: { width: 34, height: 34, 'border-width': 2.5, 'border-color': '#1a1a1a' } },
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
          width: 1.5,
          'line-color': '#9aa5b1',
          'target-arrow-color': '#9aa5b1',
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
      { selector: 'edge.show-label', style: { label: 'data(label)' } },
      {
        selector: 'edge:selected',
        style: { width: 3.5, 'line-color': '#005fcc', 'target-arrow-color': '#005fcc', label: 'data(label)' },
      },
      { selector: '.dimmed', style: { opacity: 0.2 } },
      {
        selector: 'node.on-path',
        style: { 'border-width': 4, 'border-color': '#c00000', opacity: 1, 'z-index': 10 },
      },
      {
        selector: 'edge.on-path',
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
      { selector: '.filtered', style: { display: 'none' } },
    ],
  });
  window.cy = cy;

  function nodeElement(node, position) {
    const style = kindStyle(node.kind);
    return {
      group: 'nodes',
      data: {
        id: node.id,
        name: node.name,
        kind: node.kind,
        aliases: node.aliases || [],
        short: shortLabel(node),
        color: style.color,
        shape: style.shape,
      },
      position,
    };
  }

  function edgeElement(edge) {
    return {
      group: 'edges',
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: edge.type,
        label: edge.label,
        period: edge.period,
        sources: edge.sources || [],
      },
      classes: dom.edgeLabels.checked ? ['show-label'] : [],
    };
  }

  /**
   * Adds the nodes and edges not drawn yet (none twice), new nodes on a circle around `around`;
   * returns how many nodes were added.
   */
  function merge(nodes, edges, around) {
    const fresh = nodes.filter((node) => cy.getElementById(node.id).empty());
    const centre = around || { x: 0, y: 0 };
    const radius = 90 + fresh.length * 6;
    const elements = fresh.map((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      return nodeElement(node, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
    cy.add(elements);
    const freshEdges = edges.filter(
      (edge) =>
        cy.getElementById(edge.id).empty() &&
        cy.getElementById(edge.source).nonempty() &&
        cy.getElementById(edge.target).nonempty(),
    );
    cy.add(freshEdges.map(edgeElement));
    return { nodes: fresh.length, edges: freshEdges.length };
  }

  /** Lays out what is in view; a first drawing starts from rings around the centre, later ones from where nodes are. */
  function runLayout(first) {
    const visible = cy.elements().not('.filtered');
    if (visible.empty()) return;
    if (first) {
      visible.layout({ name: 'concentric', animate: false, fit: false, minNodeSpacing: 40 }).run();
    }
    visible
      .layout({
        name: 'cose',
        animate: false,
        randomize: false,
        fit: true,
        padding: 30,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 60,
        nodeRepulsion: () => 8000,
        edgeElasticity: () => 100,
        nodeOverlap: 12,
        gravity: 0.4,
        numIter: 2500,
        componentSpacing: 60,
      })
      .run();
  }

  /**
   * Hides the edges the filters exclude, then the nodes left without a visible edge (unless opened or selected);
   * returns how many nodes came back into view.
   */
  function applyFilters() {
    let shown = 0;
    cy.batch(() => {
      cy.edges().forEach((edge) => {
        const excluded =
          state.hiddenTypes.has(edge.data('type')) || !periodIncludes(edge.data('period'), state.activeAt);
        edge.toggleClass('filtered', excluded && !edge.hasClass('on-path'));
      });
      cy.nodes().forEach((node) => {
        const keep =
          node.hasClass('on-path') ||
          node.selected() ||
          state.expanded.has(node.id()) ||
          node.connectedEdges().some((edge) => !edge.hasClass('filtered'));
        if (keep && node.hasClass('filtered')) shown++;
        node.toggleClass('filtered', !keep);
      });
    });
    renderInView();
    return shown;
  }

  function filterSummary() {
    const hidden = cy.edges('.filtered').length;
    return hidden > 0 ? ` ${hidden} relationship${hidden === 1 ? '' : 's'} hidden by the filters.` : '';
  }

  /** Merges the node's neighbourhood (depth 1) into the graph. */
  async function expand(id) {
    const existing = cy.getElementById(id);
    setStatus(`Loading the neighbourhood of ${existing.nonempty() ? existing.data('name') : id}…`);
    const { neighborhood } = await graphql('neighborhood', { id });
    const around = existing.nonempty()
      ? existing.position()
      : cy.nodes().nonempty()
        ? { x: cy.nodes().boundingBox().x2 + 200, y: 0 }
        : { x: 0, y: 0 };
    const first = cy.nodes().empty();
    const added = merge(neighborhood.nodes, neighborhood.edges, around);
    state.expanded.add(id);
    cy.getElementById(id).addClass('expanded');
    // While a path is highlighted, what is drawn later is dimmed with the rest.
    if (cy.elements('.on-path').nonempty()) cy.elements().not('.on-path').addClass('dimmed');
    applyFilters();
    if (added.nodes > 0 || added.edges > 0) runLayout(first);
    const centre = neighborhood.nodes[0];
    const neighbours = neighborhood.nodes.length - 1;
    setStatus(
      `${centre ? centre.name : id}: ${neighbours} neighbour${neighbours === 1 ? '' : 's'}, ` +
        `${neighborhood.edges.length} relationships; ${added.nodes} new node${added.nodes === 1 ? '' : 's'} drawn.` +
        (neighborhood.truncated ? ' More neighbours exist than are shown.' : '') +
        filterSummary(),
    );
  }

  /** Opens a node: draws it with its neighbours when needed and shows its details. */
  async function openNode(id, options) {
    const { updateUrl = true } = options || {};
    try {
      if (!state.expanded.has(id)) await expand(id);
      select('nodes', id);
      if (updateUrl) {
        state.focus = id;
        const url = new URL(window.location.href);
        url.searchParams.set('focus', id);
        window.history.replaceState(null, '', url);
      }
    } catch (error) {
      reportError(`Could not open ${id}`, error);
    }
  }

  // ---------------------------------------------------------------------------------------------- selection and panels

  function select(group, id) {
    const element = cy.getElementById(id);
    if (element.empty()) return;
    cy.elements(':selected').unselect();
    element.select();
    state.selected = { group, id };
    if (element.hasClass('filtered')) applyFilters(); // a selected node stays in view
    if (group === 'nodes') showNode(id);
    else showEdge(id);
  }

  function panel(title, ...content) {
    dom.detailsBody.replaceChildren(h('h3', { id: 'details-title' }, title), ...content);
  }

  function nodeButton(id, text) {
    return h('button', { type: 'button', class: 'linkish', 'data-node': id, onclick: () => openNode(id) }, text);
  }

  /** Sources grouped by document: the title links to the document, the sentences are quoted under it. */
  function sourcesList(sources) {
    if (!sources || sources.length === 0) return h('p', { class: 'hint' }, 'No source sentences recorded.');
    const byDocument = new Map();
    for (const source of sources) {
      const key = source.document.id || source.document.url;
      if (!byDocument.has(key)) byDocument.set(key, { document: source.document, sentences: [] });
      byDocument.get(key).sentences.push(source);
    }
    return h(
      'ul',
      { class: 'sources' },
      [...byDocument.values()].map(({ document, sentences }) =>
        h(
          'li',
          {},
          // Only web addresses become links (never javascript: or data: URLs from the data).
          /^https?:\/\//i.test(document.url)
            ? h(
                'a',
                { href: document.url, target: '_blank', rel: 'noopener noreferrer', class: 'document' },
                document.title,
              )
            : h('span', { class: 'document' }, document.title),
          sentences
            .sort((a, b) => a.position - b.position)
            .map((source) =>
              h(
                'blockquote',
                { cite: document.url },
                h('p', {}, source.sentence),
                h('footer', {}, source.position === 0 ? 'Headline' : `Sentence ${source.position}`),
              ),
            ),
        ),
      ),
    );
  }

  function relationshipsInView(id) {
    const edges = cy.getElementById(id).connectedEdges().not('.filtered');
    if (edges.empty()) return h('p', { class: 'hint' }, 'None in view.');
    return h(
      'ul',
      { class: 'relations' },
      edges
        .sort((a, b) => a.data('label').localeCompare(b.data('label')))
        .map((edge) => {
          const outgoing = edge.data('source') === id;
          const other = outgoing ? edge.data('target') : edge.data('source');
          const text = outgoing
            ? `${edge.data('label')} → ${nodeName(other)}`
            : `← ${edge.data('label')} — ${nodeName(other)}`;
          return h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'linkish', 'data-edge': edge.id(), onclick: () => select('edges', edge.id()) },
              text,
            ),
          );
        }),
    );
  }

  function showNode(id) {
    const data = cy.getElementById(id).data();
    const details = state.details.get(id);
    const expanded = state.expanded.has(id);
    panel(
      data.name,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Kind'),
        h('dd', {}, kindBadge(data.kind)),
        h('dt', {}, 'Id'),
        h('dd', {}, h('code', {}, id)),
        h('dt', {}, 'Aliases'),
        h('dd', {}, data.aliases.length > 0 ? data.aliases.join(', ') : '—'),
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', id: 'node-expand', disabled: expanded, onclick: () => openNode(id) },
          expanded ? 'Expanded' : 'Expand',
        ),
        h('button', { type: 'button', id: 'path-from-here', onclick: () => setPathEnd('from', id) }, 'Path from here'),
        h('button', { type: 'button', id: 'path-to-here', onclick: () => setPathEnd('to', id) }, 'Path to here'),
        h(
          'button',
          { type: 'button', onclick: () => cy.animate({ center: { eles: cy.getElementById(id) } }) },
          'Center',
        ),
      ),
      h('h4', {}, 'Sources'),
      details ? sourcesList(details.sources) : h('p', { class: 'hint' }, 'Loading…'),
      h('h4', {}, 'Partners'),
      details ? partnersList(details.partners) : h('p', { class: 'hint' }, 'Loading…'),
      h('h4', {}, 'Relationships in view'),
      relationshipsInView(id),
    );
    if (!details) loadDetails(id);
  }

  function partnersList(partners) {
    if (!partners || partners.totalCount === 0) return h('p', { class: 'hint' }, 'No partners recorded.');
    const kinds = (list) => list.map(humanType).join(', ');
    return h(
      'div',
      {},
      h(
        'ul',
        { class: 'partners' },
        partners.edges.map(({ node }) =>
          h(
            'li',
            {},
            nodeButton(node.partner.id, node.partner.name),
            h('span', { class: 'hint' }, ` ${kinds(node.kinds)}`),
          ),
        ),
      ),
      partners.totalCount > partners.edges.length
        ? h('p', { class: 'hint' }, `${partners.totalCount - partners.edges.length} more not listed.`)
        : null,
    );
  }

  async function loadDetails(id) {
    try {
      const { node } = await graphql('node', { id });
      if (!node) throw new Error(`no node with id ${id}`);
      state.details.set(id, node);
      if (state.selected && state.selected.group === 'nodes' && state.selected.id === id) showNode(id);
    } catch (error) {
      reportError(`Could not load the details of ${nodeName(id)}`, error);
    }
  }

  function showEdge(id) {
    const data = cy.getElementById(id).data();
    panel(
      `${nodeName(data.source)} — ${data.label} → ${nodeName(data.target)}`,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Relationship'),
        h('dd', {}, `${data.label} `, h('code', {}, data.type)),
        h('dt', {}, 'From'),
        h('dd', {}, nodeButton(data.source, nodeName(data.source))),
        h('dt', {}, 'To'),
        h('dd', {}, nodeButton(data.target, nodeName(data.target))),
        h('dt', {}, 'Period'),
        h('dd', { class: 'period' }, periodText(data.period)),
      ),
      h('h4', {}, 'Where it is reported'),
      sourcesList(data.sources),
    );
  }

  // ---------------------------------------------------------------------------------------------- paths

  function renderPathEnds() {
    dom.pathFrom.textContent = state.pathFrom ? nodeName(state.pathFrom) : '—';
    dom.pathTo.textContent = state.pathTo ? nodeName(state.pathTo) : '—';
    dom.pathFind.disabled = !(state.pathFrom && state.pathTo);
  }

  function setPathEnd(end, id) {
    if (end === 'from') state.pathFrom = id;
    else state.pathTo = id;
    renderPathEnds();
    if (state.pathFrom && state.pathTo) findPath();
    else
      setStatus(
        `Path ${end} ${nodeName(id)}: now choose the other end (“Path ${end === 'from' ? 'to' : 'from'} here”).`,
      );
  }

  function clearHighlight() {
    cy.elements().removeClass('on-path dimmed');
    dom.pathSteps.replaceChildren();
  }

  async function findPath() {
    const { pathFrom: from, pathTo: to } = state;
    if (!from || !to) return;
    if (from === to) {
      setStatus('Choose two different nodes for a path.', 'error');
      return;
    }
    setStatus(`Looking for the shortest path from ${nodeName(from)} to ${nodeName(to)}…`);
    try {
      const { path } = await graphql('path', { from, to });
      clearHighlight();
      if (!path) {
        dom.pathSteps.replaceChildren(h('li', { class: 'hint' }, 'No path within 6 steps.'));
        setStatus(`No path of at most 6 steps from ${nodeName(from)} to ${nodeName(to)}.`);
        applyFilters();
        return;
      }
      // New nodes go next to the node before them on the path.
      let added = 0;
      path.nodes.forEach((node, i) => {
        if (cy.getElementById(node.id).nonempty()) return;
        const previous = i > 0 ? cy.getElementById(path.nodes[i - 1].id) : cy.nodes().first();
        const at = previous.nonempty() ? previous.position() : { x: 0, y: 0 };
        added += merge([node], [], { x: at.x + 60, y: at.y + 60 }).nodes;
      });
      added += merge([], path.edges).edges;
      const onPath = cy.collection();
      for (const node of path.nodes) onPath.merge(cy.getElementById(node.id));
      for (const edge of path.edges) onPath.merge(cy.getElementById(edge.id));
      onPath.addClass('on-path');
      cy.elements().not(onPath).addClass('dimmed');
      applyFilters();
      if (added > 0) runLayout();
      renderSteps(path);
      setStatus(
        `Shortest path from ${nodeName(from)} to ${nodeName(to)}: ${path.length} step${path.length === 1 ? '' : 's'}.`,
      );
    } catch (error) {
      reportError('Could not find a path', error);
    }
  }

  /** The path as a list of its nodes; between two, the relationship and which way it points (↓ or ↑). */
  function renderSteps(path) {
    dom.pathSteps.replaceChildren(
      ...path.nodes.map((node, i) => {
        const edge = path.edges[i];
        const next = path.nodes[i + 1];
        let via = null;
        if (edge && next) {
          const forward = edge.source === node.id;
          const sentence = forward
            ? `${node.name} — ${edge.label} → ${next.name}`
            : `${next.name} — ${edge.label} → ${node.name}`;
          via = h(
            'button',
            {
              type: 'button',
              class: 'linkish relation',
              'data-edge': edge.id,
              title: sentence,
              'aria-label': `Relationship: ${sentence}`,
              onclick: () => select('edges', edge.id),
            },
            forward ? `↓ ${edge.label}` : `↑ ${edge.label}`,
          );
        }
        return h('li', { 'data-node': node.id }, nodeButton(node.id, node.name), ' ', kindBadge(node.kind), via);
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------- search

  const search = { hits: [], active: -1, sequence: 0, timer: null };

  function closeSuggestions() {
    dom.suggestions.hidden = true;
    dom.search.setAttribute('aria-expanded', 'false');
    dom.search.removeAttribute('aria-activedescendant');
    search.active = -1;
  }

  function setActive(index) {
    search.active = index;
    dom.suggestions.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      if (i === index) {
        dom.search.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    });
  }

  function renderSuggestions(hits) {
    search.hits = hits;
    search.active = -1;
    dom.suggestions.replaceChildren(
      ...hits.map(({ node }, i) =>
        h(
          'li',
          {
            id: `suggestion-${i}`,
            role: 'option',
            'aria-label': [node.name, kindStyle(node.kind).label, ...node.aliases].join(', '),
            'aria-selected': 'false',
            'data-id': node.id,
            onmousedown: (event) => event.preventDefault(),
            onclick: () => choose(i),
          },
          h('span', { class: 'name' }, node.name),
          kindBadge(node.kind),
          node.aliases.length > 0 ? h('span', { class: 'aliases' }, node.aliases.join(' · ')) : null,
        ),
      ),
    );
    dom.search.removeAttribute('aria-activedescendant');
    const open = hits.length > 0;
    dom.suggestions.hidden = !open;
    dom.search.setAttribute('aria-expanded', String(open));
  }

  async function runSearch(text) {
    const sequence = ++search.sequence;
    try {
      const { search: hits } = await graphql('search', { query: text });
      if (sequence !== search.sequence) return; // a newer search is on its way
      renderSuggestions(hits);
      setStatus(
        hits.length > 0
          ? `${hits.length} suggestion${hits.length === 1 ? '' : 's'} for “${text}”.`
          : `Nothing matches “${text}”.`,
      );
    } catch (error) {
      if (sequence === search.sequence) reportError('Search failed', error);
    }
  }

  function choose(index) {
    const hit = search.hits[index];
    if (!hit) return;
    closeSuggestions();
    dom.search.value = hit.node.name;
    openNode(hit.node.id);
  }

  dom.search.addEventListener('input', () => {
    clearTimeout(search.timer);
    const text = dom.search.value.trim();
    if (text.length < 2 || !/[\p{L}\p{N}]/u.test(text)) {
      search.sequence++;
      search.hits = [];
      closeSuggestions();
      return;
    }
    search.timer = setTimeout(() => runSearch(text), SEARCH_DEBOUNCE_MS);
  });

  dom.search.addEventListener('keydown', (event) => {
    const count = search.hits.length;
    const open = !dom.suggestions.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      if (!open) {
        dom.suggestions.hidden = false;
        dom.search.setAttribute('aria-expanded', 'true');
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(search.active < 0 && step < 0 ? count - 1 : (search.active + step + count) % count);
    } else if (event.key === 'Enter') {
      if (open && count > 0) {
        event.preventDefault();
        choose(search.active >= 0 ? search.active : 0);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        closeSuggestions();
      }
    }
  });

  dom.search.addEventListener('blur', () => setTimeout(closeSuggestions, 150));

  // ---------------------------------------------------------------------------------------------- controls

  function renderLegend() {
    dom.legend.replaceChildren(
      ...NODE_KINDS.map((kind) =>
        h('li', { 'data-kind': kind }, kindIcon(kind, 18), h('span', {}, kindStyle(kind).label)),
      ),
    );
  }

  function renderTypeFilters() {
    dom.typeCheckboxes.replaceChildren(
      ...RELATION_TYPES.map((type) =>
        h(
          'label',
          { class: 'toggle' },
          h('input', {
            type: 'checkbox',
            value: type,
            checked: !state.hiddenTypes.has(type),
            onchange: (event) => {
              if (event.target.checked) state.hiddenTypes.delete(type);
              else state.hiddenTypes.add(type);
              filtersChanged();
            },
          }),
          ` ${humanType(type)}`,
        ),
      ),
    );
  }

  function filtersChanged() {
    if (applyFilters() > 0) runLayout();
    setStatus(`Filters applied.${filterSummary() || ' Nothing hidden.'}`);
  }

  function setAllTypes(checked) {
    state.hiddenTypes = new Set(checked ? [] : RELATION_TYPES);
    dom.typeCheckboxes.querySelectorAll('input').forEach((input) => (input.checked = checked));
    filtersChanged();
  }

  function renderInView() {
    const nodes = cy
      .nodes()
      .not('.filtered')
      .sort((a, b) => a.data('name').localeCompare(b.data('name')));
    dom.inViewCount.textContent = String(nodes.length);
    dom.inViewList.replaceChildren(
      ...nodes.map((node) => h('li', {}, kindIcon(node.data('kind'), 14), nodeButton(node.id(), node.data('name')))),
    );
  }

  /** Saves a blob under a file name through a temporary link. */
  function download(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  const exportName = () => `iecm-explorer-${state.focus || 'graph'}`;

  function exportPng() {
    if (cy.elements().empty()) return setStatus('Nothing to export yet: open a node first.', 'error');
    try {
      download(cy.png({ full: true, bg: 'white', scale: 2, output: 'blob' }), `${exportName()}.png`);
      setStatus(`Exported the view as ${exportName()}.png.`);
    } catch (error) {
      reportError('Could not export the PNG', error);
    }
  }

  function exportJson() {
    if (cy.elements().empty()) return setStatus('Nothing to export yet: open a node first.', 'error');
    const drawn = cy.elements().not('.filtered');
    const payload = {
      generator: 'IECM relations explorer',
      exportedAt: new Date().toISOString(),
      focus: state.focus,
      filters: { hiddenTypes: [...state.hiddenTypes], activeAt: state.activeAt },
      elements: { nodes: drawn.nodes().jsons(), edges: drawn.edges().jsons() },
    };
    download(new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' }), `${exportName()}.json`);
    setStatus(
      `Exported ${drawn.nodes().length} nodes and ${drawn.edges().length} relationships as ${exportName()}.json.`,
    );
  }

  function clearGraph() {
    cy.elements().remove();
    state.expanded.clear();
    state.selected = null;
    state.pathFrom = null;
    state.pathTo = null;
    state.focus = null;
    renderPathEnds();
    clearHighlight();
    renderInView();
    dom.detailsBody.replaceChildren(h('p', { class: 'hint' }, 'Search for a node to start.'));
    const url = new URL(window.location.href);
    url.searchParams.delete('focus');
    window.history.replaceState(null, '', url);
    setStatus('Cleared the graph.');
  }

  dom.typesAll.addEventListener('click', () => setAllTypes(true));
  dom.typesNone.addEventListener('click', () => setAllTypes(false));
  dom.activeAt.addEventListener('change', () => {
    state.activeAt = dom.activeAt.value || null;
    filtersChanged();
  });
  dom.activeAtClear.addEventListener('click', () => {
    dom.activeAt.value = '';
    state.activeAt = null;
    filtersChanged();
  });
  dom.edgeLabels.addEventListener('change', () => cy.edges().toggleClass('show-label', dom.edgeLabels.checked));
  dom.fit.addEventListener('click', () => cy.fit(cy.elements().not('.filtered'), 30));
  dom.exportPng.addEventListener('click', exportPng);
  dom.exportJson.addEventListener('click', exportJson);
  dom.clear.addEventListener('click', clearGraph);
  dom.pathFind.addEventListener('click', findPath);
  dom.pathClear.addEventListener('click', () => {
    state.pathFrom = null;
    state.pathTo = null;
    renderPathEnds();
    clearHighlight();
    applyFilters();
    setStatus('Cleared the path.');
  });

  cy.on('tap', 'node', (event) => {
    const id = event.target.id();
    const original = event.originalEvent;
    if (
      original &&
      original.shiftKey &&
      state.selected &&
      state.selected.group === 'nodes' &&
      state.selected.id !== id
    ) {
      state.pathFrom = state.selected.id;
      setPathEnd('to', id);
      return;
    }
    openNode(id, { updateUrl: false });
  });
  cy.on('tap', 'edge', (event) => select('edges', event.target.id()));

  // The canvas itself from the keyboard: + and - zoom, the arrow keys pan, 0 fits everything in view.
  dom.cy.addEventListener('keydown', (event) => {
    const pan = { ArrowLeft: [60, 0], ArrowRight: [-60, 0], ArrowUp: [0, 60], ArrowDown: [0, -60] }[event.key];
    const centre = { x: dom.cy.clientWidth / 2, y: dom.cy.clientHeight / 2 };
    if (pan) cy.panBy({ x: pan[0], y: pan[1] });
    else if (event.key === '+' || event.key === '=') cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: centre });
    else if (event.key === '-') cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: centre });
    else if (event.key === '0') cy.fit(cy.elements().not('.filtered'), 30);
    else return;
    event.preventDefault();
  });

  if (typeof ResizeObserver === 'function') new ResizeObserver(() => cy.resize()).observe(dom.cy);

  renderLegend();
  renderTypeFilters();
  renderPathEnds();
  renderInView();
  busy(0);

  const focus = new URLSearchParams(window.location.search).get('focus');
  if (focus) openNode(focus);
  else setStatus('Search for an organization, agreement, event or place to start.');
})();
