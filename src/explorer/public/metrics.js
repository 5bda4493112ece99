// @ts-check
/*
 * Who matters: nodes sized by a measure of the whole partnership network (degree, shared agreements and events, or
 * betweenness, from the API's networkMetrics), and the list of its top brokers. Sizes follow the graph: nodes drawn
 * later are sized too.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { kindIcon } from './kinds.js';
import { PRIORITY } from './background.js';
import { NODE_MEASURES, TOP_BROKERS } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Background } from './background.js'
 * @import { Graph } from './graph.js'
 * @import { NetworkMetricName, NodeMeasures } from './queries.js'
 * @import { Status } from './status.js'
 */

/** Diameters in px: the least measure gets MIN, the greatest MAX; area grows with the measure. */
const MIN_SIZE = 18;
const MAX_SIZE = 70;
/** The API ranks at most this many given ids at once. */
const MAX_IDS = 100;

/** @type {Record<NetworkMetricName, (m: NodeMeasures) => number>} */
const MEASURE = {
  DEGREE: (m) => m.degree,
  WEIGHTED_DEGREE: (m) => m.weightedDegree,
  BETWEENNESS: (m) => m.betweenness,
};

/** @param {string} value @returns {value is NetworkMetricName} */
const isMetric = (value) => Object.hasOwn(MEASURE, value);

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Background} deps.background sizing waits for a search typed meanwhile
 * @param {(id: string, text: string) => HTMLElement} deps.nodeButton
 */
export function createMetrics({ graph, graphql, status, background, nodeButton }) {
  const select = byId(config.ids.sizeBy, HTMLSelectElement);
  const brokers = byId(config.ids.brokers, HTMLDetailsElement);
  const brokersList = byId(config.ids.brokersList, HTMLOListElement);
  /** Bumped by every sizing: an answer that comes after a newer request is dropped. */
  let generation = 0;

  async function resize() {
    const metric = select.value;
    const current = ++generation;
    if (!isMetric(metric)) {
      graph.setNodeSizes(null);
      return;
    }
    const ids = graph.cy
      .nodes()
      .map((node) => node.id())
      .slice(0, MAX_IDS);
    if (ids.length === 0) return;
    try {
      const answer = await background.run(
        () => (current === generation ? graphql(NODE_MEASURES, { ids, orderBy: metric }) : Promise.resolve(null)),
        PRIORITY.CHOSEN,
      );
      if (current !== generation || !answer) return;
      const { networkMetrics } = answer;
      const values = new Map(networkMetrics.nodes.map((m) => [m.id, MEASURE[metric](m)]));
      const max = Math.max(0, ...values.values());
      /** @type {Map<string, number>} */
      const sizes = new Map();
      // A node outside the partnership network (no partner) measures 0.
      for (const id of ids) {
        const share = max > 0 ? (values.get(id) ?? 0) / max : 0;
        sizes.set(id, Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(share)));
      }
      graph.setNodeSizes(sizes);
    } catch (error) {
      status.reportError('Sizing nodes failed', error);
    }
  }

  let pending = false;
  /** Nodes come in batches: size once per batch. */
  function resizeSoon() {
    if (pending || !isMetric(select.value)) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      void resize();
    });
  }

  async function loadBrokers() {
    if (brokersList.childElementCount > 0) return;
    try {
      // Background work: the node the page opens, and what the reader types, go first.
      const { networkMetrics } = await background.run(() => graphql(TOP_BROKERS, {}));
      brokersList.replaceChildren(
        ...networkMetrics.nodes.map((m) =>
          h(
            'li',
            { 'data-betweenness': m.betweenness },
            kindIcon(m.node.kind, 14),
            nodeButton(m.id, m.node.name),
            ` — ${(m.normalizedBetweenness * 100).toFixed(1)}% of paths, ${m.degree} partners`,
          ),
        ),
      );
    } catch (error) {
      status.reportError('Loading the top brokers failed', error);
    }
  }

  select.addEventListener('change', () => void resize());
  graph.cy.on('add', 'node', resizeSoon);
  brokers.addEventListener('toggle', () => {
    if (brokers.open) void loadBrokers();
  });
}
