// @ts-check
/*
 * The side panels: the details of the selected node (facts, sources, partners, relationships in view) or
 * relationship (where it is reported), and the list of the nodes in view.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { humanType, periodText } from './format.js';
import { edgeData, nodeData } from './graph.js';
import { kindBadge, kindIcon } from './kinds.js';
import { NODE } from './queries.js';

/**
 * @import { Graph } from './graph.js'
 * @import { Partners, Source } from './queries.js'
 * @import { State } from './state.js'
 * @import { Status } from './status.js'
 * @import { Graphql } from './api.js'
 * @import { Group, PathEnd } from './state.js'
 */

/**
 * What the panels' buttons ask the explorer to do (main.js wires them to the modules that do it).
 * @typedef {object} Actions
 * @property {(id: string) => Promise<void>} openNode draws the node with its neighbours if needed and selects it
 * @property {(group: Group, id: string) => void} select shows an element's details
 * @property {(end: PathEnd, id: string) => void} setPathEnd
 */

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Actions} deps.actions
 */
export function createPanels({ graph, state, graphql, status, actions }) {
  const { ids } = config;
  const detailsBody = byId(ids.detailsBody, HTMLElement);
  const inViewCount = byId(ids.inViewCount, HTMLElement);
  const inViewList = byId(ids.inViewList, HTMLElement);
  const { cy } = graph;

  /**
   * A link-like button that opens a node.
   * @param {string} id
   * @param {string} text
   */
  function nodeButton(id, text) {
    return h(
      'button',
      { type: 'button', class: 'linkish', 'data-node': id, onclick: () => void actions.openNode(id) },
      text,
    );
  }

  /**
   * @param {string} title
   * @param {...Node} content
   */
  function panel(title, ...content) {
    detailsBody.replaceChildren(h('h3', { id: ids.detailsTitle }, title), ...content);
  }

  /** @param {string} text */
  function showHint(text) {
    detailsBody.replaceChildren(h('p', { class: 'hint' }, text));
  }

  /**
   * @param {string} id
   */
  function showNode(id) {
    const data = nodeData(cy.getElementById(id));
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
          { type: 'button', id: ids.nodeExpand, disabled: expanded, onclick: () => void actions.openNode(id) },
          expanded ? 'Expanded' : 'Expand',
        ),
        h(
          'button',
          { type: 'button', id: ids.pathFromHere, onclick: () => actions.setPathEnd('from', id) },
          'Path from here',
        ),
        h(
          'button',
          { type: 'button', id: ids.pathToHere, onclick: () => actions.setPathEnd('to', id) },
          'Path to here',
        ),
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
    if (!details) void loadDetails(id);
  }

  /** @param {string} id */
  async function loadDetails(id) {
    try {
      const { node } = await graphql(NODE, { id });
      if (!node) throw new Error(`no node with id ${id}`);
      state.details.set(id, node);
      if (state.selected && state.selected.group === 'nodes' && state.selected.id === id) showNode(id);
    } catch (error) {
      status.reportError(`Could not load the details of ${graph.nodeName(id)}`, error);
    }
  }

  /** @param {string} id */
  function showEdge(id) {
    const data = edgeData(cy.getElementById(id));
    const from = graph.nodeName(data.source);
    const to = graph.nodeName(data.target);
    panel(
      `${from} — ${data.label} → ${to}`,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Relationship'),
        h('dd', {}, `${data.label} `, h('code', {}, data.type)),
        h('dt', {}, 'From'),
        h('dd', {}, nodeButton(data.source, from)),
        h('dt', {}, 'To'),
        h('dd', {}, nodeButton(data.target, to)),
        h('dt', {}, 'Period'),
        h('dd', { class: 'period' }, periodText(data.period)),
      ),
      h('h4', {}, 'Where it is reported'),
      sourcesList(data.sources),
    );
  }

  /**
   * The relationships of a node in view, each a button that shows it.
   * @param {string} id
   */
  function relationshipsInView(id) {
    const edges = graph.visibleEdgesOf(id);
    if (edges.empty()) return h('p', { class: 'hint' }, 'None in view.');
    return h(
      'ul',
      { class: 'relations' },
      edges
        .map(edgeData)
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((edge) => {
          const outgoing = edge.source === id;
          const other = graph.nodeName(outgoing ? edge.target : edge.source);
          const text = outgoing ? `${edge.label} → ${other}` : `← ${edge.label} — ${other}`;
          return h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'linkish',
                'data-edge': edge.id,
                onclick: () => actions.select('edges', edge.id),
              },
              text,
            ),
          );
        }),
    );
  }

  /** Every node in view, by name, each a button that opens it. */
  function renderInView() {
    const nodes = graph
      .visible()
      .nodes()
      .map(nodeData)
      .sort((a, b) => a.name.localeCompare(b.name));
    inViewCount.textContent = String(nodes.length);
    inViewList.replaceChildren(
      ...nodes.map((node) => h('li', {}, kindIcon(node.kind, 14), nodeButton(node.id, node.name))),
    );
  }

  /**
   * The strongest partners of a node, with how they are related.
   * @param {Partners} partners
   */
  function partnersList(partners) {
    if (partners.totalCount === 0) return h('p', { class: 'hint' }, 'No partners recorded.');
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
            h('span', { class: 'hint' }, ` ${node.kinds.map(humanType).join(', ')}`),
          ),
        ),
      ),
      partners.totalCount > partners.edges.length
        ? h('p', { class: 'hint' }, `${partners.totalCount - partners.edges.length} more not listed.`)
        : null,
    );
  }

  return { nodeButton, showNode, showEdge, showHint, renderInView };
}

/**
 * Sources grouped by document: the title links to the document, the sentences are quoted under it.
 * @param {Source[]} sources
 */
function sourcesList(sources) {
  if (sources.length === 0) return h('p', { class: 'hint' }, 'No source sentences recorded.');
  /** @type {Map<string, { document: Source['document'], sentences: Source[] }>} */
  const byDocument = new Map();
  for (const source of sources) {
    const key = source.document.id || source.document.url;
    const group = byDocument.get(key) ?? { document: source.document, sentences: [] };
    group.sentences.push(source);
    byDocument.set(key, group);
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
