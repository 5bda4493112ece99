// @ts-check
/* The shortest path panel: its two ends, asking the API for the path, drawing and highlighting it, its steps. */

import config from './config.js';
import { byId, h } from './dom.js';
import { plural } from './format.js';
import { kindBadge, relationLabel } from './kinds.js';
import { PATH } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Graph } from './graph.js'
 * @import { Actions } from './panels.js'
 * @import { GraphPath } from './queries.js'
 * @import { PathEnd, State } from './state.js'
 * @import { Status } from './status.js'
 */

/** The path query's `maxHops`, as the messages say it. */
const MAX_STEPS = 6;
/**
 * What a path does not go through unless asked: places ("located in Mexico City" links everything in the city and
 * answers nothing) and the report every fact is reported in.
 * @type {ReadonlySet<string>}
 */
const OFF_BY_DEFAULT = new Set(['LOCATED_IN', 'HELD_IN', 'REPORTED_IN', 'REPORTS_ON']);

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Actions['select']} deps.select
 * @param {(id: string, text: string) => HTMLButtonElement} deps.nodeButton
 * @param {() => number} deps.refresh applies the filters, returns how many nodes came back into view
 */
export function createPath({ graph, state, graphql, status, select, nodeButton, refresh }) {
  const { ids } = config;
  const fromText = byId(ids.pathFrom, HTMLElement);
  const toText = byId(ids.pathTo, HTMLElement);
  const findButton = byId(ids.pathFind, HTMLButtonElement);
  const steps = byId(ids.pathSteps, HTMLElement);
  const { cy, nodeName } = graph;

  // The relationship types a path may use, chosen under the ends (places and the report left out by default).
  const typeBoxes = config.relationTypes.map((type) =>
    h('input', { type: 'checkbox', value: type, checked: !OFF_BY_DEFAULT.has(type), 'data-path-type': type }),
  );
  byId(ids.pathPanel, HTMLElement)
    .querySelector('.path-ends')
    ?.after(
      h(
        'details',
        { class: 'path-types', id: 'path-types' },
        h('summary', {}, 'Relationship types the path may use'),
        h('p', { class: 'hint' }, 'Places (located in, held in) and “reported in” are left out unless checked.'),
        h(
          'div',
          { class: 'checkboxes' },
          typeBoxes.map((box) => h('label', { class: 'toggle' }, box, ` ${relationLabel(box.value)}`)),
        ),
      ),
    );
  /** @returns {import('../page-config').RelationTypeName[]} */
  const pathTypes = () =>
    config.relationTypes.filter((type) => typeBoxes.some((box) => box.value === type && box.checked));

  function renderEnds() {
    fromText.textContent = state.pathFrom ? nodeName(state.pathFrom) : '—';
    toText.textContent = state.pathTo ? nodeName(state.pathTo) : '—';
    findButton.disabled = !(state.pathFrom && state.pathTo);
  }

  /**
   * Sets one end; with both set, finds the path.
   * @param {PathEnd} end
   * @param {string} id
   */
  function setEnd(end, id) {
    if (end === 'from') state.pathFrom = id;
    else state.pathTo = id;
    renderEnds();
    if (state.pathFrom && state.pathTo) void find();
    else
      status.show(
        `Path ${end} ${nodeName(id)}: now choose the other end (“Path ${end === 'from' ? 'to' : 'from'} here”).`,
      );
  }

  function clearHighlight() {
    graph.clearHighlight();
    steps.replaceChildren();
  }

  async function find() {
    const { pathFrom: from, pathTo: to } = state;
    if (!from || !to) return;
    if (from === to) {
      status.show('Choose two different nodes for a path.', 'error');
      return;
    }
    status.show(`Looking for the shortest path from ${nodeName(from)} to ${nodeName(to)}…`);
    try {
      const via = pathTypes();
      if (via.length === 0) {
        status.show('Check at least one relationship type for the path.', 'error');
        return;
      }
      const { path } = await graphql(PATH, { from, to, via });
      clearHighlight();
      if (!path) {
        steps.replaceChildren(
          h('li', { class: 'hint' }, `No path within ${MAX_STEPS} steps through the relationship types checked.`),
        );
        status.show(`No path of at most ${MAX_STEPS} steps from ${nodeName(from)} to ${nodeName(to)}.`);
        refresh();
        return;
      }
      const added = draw(path);
      refresh();
      if (added > 0) graph.runLayout();
      renderSteps(path);
      status.show(`Shortest path from ${nodeName(from)} to ${nodeName(to)}: ${plural(path.length, 'step')}.`);
    } catch (error) {
      status.reportError('Could not find a path', error);
    }
  }

  /**
   * Merges the path into the graph and highlights it; returns how many elements were added.
   * @param {GraphPath} path
   */
  function draw(path) {
    // New nodes go next to the node before them on the path.
    let added = 0;
    path.nodes.forEach((node, i) => {
      if (cy.getElementById(node.id).nonempty()) return;
      const before = path.nodes[i - 1];
      const previous = before ? cy.getElementById(before.id) : cy.nodes().first();
      const at = previous.nonempty() ? previous.position() : { x: 0, y: 0 };
      added += graph.merge([node], [], { x: at.x + 60, y: at.y + 60 }).nodes;
    });
    added += graph.merge([], path.edges).edges;
    const onPath = cy.collection();
    for (const node of path.nodes) onPath.merge(cy.getElementById(node.id));
    for (const edge of path.edges) onPath.merge(cy.getElementById(edge.id));
    graph.highlight(onPath);
    return added;
  }

  /**
   * The path as a list of its nodes; between two, the relationship and which way it points (↓ or ↑).
   * @param {GraphPath} path
   */
  function renderSteps(path) {
    steps.replaceChildren(
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

  /** Forgets both ends and the highlight. */
  function reset() {
    state.pathFrom = null;
    state.pathTo = null;
    renderEnds();
    clearHighlight();
  }

  findButton.addEventListener('click', () => void find());
  byId(ids.pathClear, HTMLButtonElement).addEventListener('click', () => {
    reset();
    refresh();
    status.show('Cleared the path.');
  });
  renderEnds();

  return { setEnd, reset };
}
