// @ts-check
/*
 * The network panel, at the top of the side panels: the API's network answers on screen. Common partners of two
 * or more nodes chosen for comparison (commonPartners); the communities of the partnership network as node colours
 * with their legend (networkMetrics.communities); the measures of the selected node.
 */

import { h } from './dom.js';
import { shortLabel } from './format.js';
import { PRIORITY } from './background.js';
import { COMMON_PARTNERS, COMMUNITIES, NODE_MEASURES } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Background } from './background.js'
 * @import { Graph } from './graph.js'
 * @import { Community } from './queries.js'
 * @import { Status } from './status.js'
 */

/** Colours of the communities, largest first (Okabe–Ito, distinct for colour-blind readers); then grey. */
const COMMUNITY_COLOURS = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#000000'];
const OUTSIDE_COLOUR = '#bbbbbb';
/** The API measures at most this many given ids at once. */
const MAX_IDS = 100;

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Background} deps.background the selected node's measures and the community colours wait for a search
 *   typed meanwhile
 * @param {(id: string, text: string) => HTMLElement} deps.nodeButton
 */
export function createNetworkPanel({ graph, graphql, status, background, nodeButton }) {
  const { cy } = graph;
  /** The nodes chosen for comparison, in the order chosen. @type {Map<string, string>} id → name */
  const compared = new Map();
  const comparedList = h('ul', { id: 'compare-list', class: 'node-list', 'aria-label': 'Nodes compared' });
  const commonList = h('ol', { id: 'common-partners', class: 'node-list', 'aria-label': 'Common partners' });
  const commonHint = h('p', { class: 'hint', id: 'common-hint' }, 'Choose “Compare” on two or more nodes.');
  const colourToggle = h('input', { type: 'checkbox', id: 'colour-communities' });
  const communityLegend = h('ul', { id: 'community-legend', class: 'legend', 'aria-label': 'Legend: communities' });
  const measures = h('p', { id: 'node-metrics', class: 'hint' }, 'Select a node to see its measures.');
  /** Bumped by each request of a kind: a late answer to an older one is dropped. */
  const generation = { common: 0, communities: 0, measures: 0 };

  const panel = h(
    'section',
    { class: 'panel network', id: 'network-panel', 'aria-labelledby': 'network-heading' },
    h('h2', { id: 'network-heading' }, 'Network'),
    h('h3', {}, 'Selected node'),
    measures,
    h('h3', {}, 'Common partners'),
    comparedList,
    commonHint,
    commonList,
    h('h3', {}, 'Communities'),
    h('label', { class: 'toggle' }, colourToggle, ' Colour nodes by community'),
    communityLegend,
  );
  const side = document.querySelector('aside.side');
  side?.prepend(panel);
  // The top brokers come right after, unfolded: the metrics are in view, not at the bottom of the page.
  const brokers = document.getElementById('brokers');
  const brokersSection = brokers?.closest('section');
  if (brokersSection) panel.after(brokersSection);
  if (brokers instanceof HTMLDetailsElement) brokers.open = true;

  function renderCompared() {
    comparedList.replaceChildren(
      ...[...compared].map(([id, name]) =>
        h(
          'li',
          { 'data-compared': id },
          nodeButton(id, name),
          ' ',
          h(
            'button',
            { type: 'button', class: 'linkish', 'aria-label': `Stop comparing ${name}`, onclick: () => drop(id) },
            '×',
          ),
        ),
      ),
    );
  }

  async function findCommon() {
    const ids = [...compared.keys()];
    const current = ++generation.common;
    commonList.replaceChildren();
    if (ids.length < 2) {
      commonHint.textContent =
        ids.length === 0 ? 'Choose “Compare” on two or more nodes.' : 'Choose “Compare” on one more node.';
      return;
    }
    commonHint.textContent = 'Looking for common partners…';
    try {
      const { commonPartners } = await graphql(COMMON_PARTNERS, { ids: ids.slice(0, 10) });
      if (current !== generation.common) return;
      commonHint.textContent =
        commonPartners.length === 0
          ? 'No partner in common.'
          : `${commonPartners.length} partner${commonPartners.length === 1 ? '' : 's'} in common, strongest first:`;
      commonList.replaceChildren(
        ...commonPartners.map((node) => h('li', { 'data-node': node.id }, nodeButton(node.id, node.name))),
      );
    } catch (error) {
      if (current === generation.common) status.reportError('Could not find the common partners', error);
    }
  }

  /** @param {string} id */
  function drop(id) {
    compared.delete(id);
    renderCompared();
    void findCommon();
  }

  /**
   * Adds a node to the comparison (at most 10, the API's bound).
   * @param {string} id
   */
  function compare(id) {
    if (compared.has(id)) return;
    if (compared.size >= 10) return status.show('At most 10 nodes are compared at once.', 'error');
    compared.set(id, graph.nodeName(id));
    renderCompared();
    void findCommon();
    status.show(`Comparing ${[...compared.values()].join(', ')}.`);
  }

  /** Colours the nodes drawn by their community and lists the communities with their largest members. */
  async function colourCommunities() {
    const current = ++generation.communities;
    if (!colourToggle.checked) {
      cy.nodes().removeStyle('background-color');
      communityLegend.replaceChildren();
      return;
    }
    const ids = cy
      .nodes()
      .map((node) => node.id())
      .slice(0, MAX_IDS);
    try {
      const { networkMetrics } = await background.run(() => graphql(COMMUNITIES, { ids }), PRIORITY.CHOSEN);
      if (current !== generation.communities || !colourToggle.checked) return;
      const listed = networkMetrics.communities.communities;
      /** @type {Map<number, string>} */
      const colours = new Map(listed.map((community, i) => [community.id, COMMUNITY_COLOURS[i] ?? OUTSIDE_COLOUR]));
      const communityOf = new Map(networkMetrics.nodes.map((m) => [m.id, m.community]));
      cy.batch(() => {
        cy.nodes().forEach((node) => {
          const community = communityOf.get(node.id());
          node.style(
            'background-color',
            community === undefined ? OUTSIDE_COLOUR : (colours.get(community) ?? OUTSIDE_COLOUR),
          );
        });
      });
      communityLegend.replaceChildren(
        ...listed.map((community, i) => legendItem(community, COMMUNITY_COLOURS[i] ?? OUTSIDE_COLOUR)),
        h('li', { 'data-community': 'none' }, swatch(OUTSIDE_COLOUR), h('span', {}, 'Not in the partnership network')),
      );
    } catch (error) {
      if (current === generation.communities) status.reportError('Could not colour the communities', error);
    }
  }

  /**
   * @param {Community} community
   * @param {string} colour
   */
  function legendItem(community, colour) {
    const names = community.members.map((member) => shortLabel(member)).join(', ');
    const more = community.size > community.members.length ? ', …' : '';
    return h(
      'li',
      { 'data-community': community.id },
      swatch(colour),
      h('span', {}, `Community ${community.id + 1} (${community.size}): ${names}${more}`),
    );
  }

  /**
   * The measures of a node in the whole partnership network.
   * @param {string} id
   */
  async function showMeasures(id) {
    const current = ++generation.measures;
    const name = graph.nodeName(id);
    measures.textContent = `${name}: measuring…`;
    try {
      // Background work: a node selected while the reader types is measured once the suggestions are listed.
      const answer = await background.run(
        () =>
          current === generation.measures
            ? graphql(NODE_MEASURES, { ids: [id], orderBy: 'DEGREE' })
            : Promise.resolve(null),
        PRIORITY.CHOSEN,
      );
      if (current !== generation.measures || !answer) return;
      const m = answer.networkMetrics.nodes[0];
      measures.textContent = m
        ? `${name}: ${m.degree} partners, ${m.weightedDegree} shared agreements and events, on ` +
          `${(m.normalizedBetweenness * 100).toFixed(1)}% of the shortest paths between others (betweenness ` +
          `${m.betweenness.toFixed(1)}).`
        : `${name}: not in the partnership network (no partner).`;
      measures.dataset.node = id;
    } catch (error) {
      if (current === generation.measures) status.reportError(`Could not measure ${name}`, error);
    }
  }

  colourToggle.addEventListener('change', () => void colourCommunities());
  let pending = false;
  // Nodes drawn later are coloured too, once per batch.
  cy.on('add', 'node', () => {
    if (pending || !colourToggle.checked) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      void colourCommunities();
    });
  });
  cy.on(
    'select',
    'node',
    (event) => void showMeasures(/** @type {import('cytoscape').NodeSingular} */ (event.target).id()),
  );

  return { compare };
}

/** @param {string} colour */
function swatch(colour) {
  const box = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  box.style.backgroundColor = colour;
  return box;
}
