// @ts-check
/* How each node kind looks (colour and shape, from the page config), in the graph, the legend and the lists. */

import config from './config.js';
import { h } from './dom.js';

/** @import { KindStyle, NodeShape } from '../page-config' */

/** @type {KindStyle} */
const UNKNOWN_KIND = { label: 'Other', color: '#999999', shape: 'ellipse' };

/** @type {Map<string, KindStyle>} */
const STYLES = new Map(Object.entries(config.kindStyles));

/**
 * The style of a kind; a kind this page does not know yet (a newer server) is drawn as "Other".
 * @param {string} kind
 * @returns {KindStyle}
 */
export const kindStyle = (kind) => STYLES.get(kind) ?? UNKNOWN_KIND;

/**
 * The legend's drawing of each Cytoscape shape, in a 20 × 20 box.
 * @type {Record<NodeShape, [tag: 'circle' | 'polygon' | 'rect', attributes: Record<string, string | number>]>}
 */
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
  vee: ['polygon', { points: '1,2 10,8 19,2 10,19' }],
  'cut-rectangle': ['polygon', { points: '5,3 15,3 19,7 19,13 15,17 5,17 1,13 1,7' }],
};

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The icon of a kind: its shape filled with its colour.
 * @param {string} kind
 * @param {number} [size]
 * @returns {SVGSVGElement}
 */
export function kindIcon(kind, size = 16) {
  const { color, shape } = kindStyle(kind);
  const [tag, attributes] = SHAPE_ICONS[shape];
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
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

/**
 * The kind's icon and name, as lists and panels show it.
 * @param {string} kind
 */
export function kindBadge(kind) {
  return h('span', { class: 'kind' }, kindIcon(kind, 14), kindStyle(kind).label);
}

/** The legend: every kind of the schema, in its order. */
export function legendItems() {
  return config.nodeKinds.map((kind) =>
    h('li', { 'data-kind': kind }, kindIcon(kind, 18), h('span', {}, kindStyle(kind).label)),
  );
}

/**
 * The colour of a relationship type's edges.
 * @param {string} type
 */
export const relationColor = (type) =>
  Object.entries(config.relationColors).find(([name]) => name === type)?.[1] ?? UNKNOWN_KIND.color;

/**
 * A relationship type in words, as the schema labels it: PARTY_TO → "party to".
 * @param {string} type
 */
export const relationLabel = (type) =>
  Object.entries(config.relationInfo).find(([name]) => name === type)?.[1].label ?? type.toLowerCase();

/**
 * The legend of the relationship types drawn (every type when none is given): a line in the type's colour.
 * @param {Iterable<string>} [types]
 */
export function relationLegendItems(types = config.relationTypes) {
  return [...types].map((type) => h('li', { 'data-type': type }, typeLine(type), h('span', {}, relationLabel(type))));
}

/**
 * A short line in the colour of a relationship type, as the legend draws it.
 * @param {string} type
 */
export function typeLine(type) {
  const line = h('span', { class: 'type-line', 'aria-hidden': 'true' });
  line.style.backgroundColor = relationColor(type);
  return line;
}

/**
 * The legend of the agreements' status: a signed agreement is filled, one in negotiation only outlined (dashed),
 * one whose status no source states grey with a dotted outline.
 */
export function statusLegendItems() {
  const signed = kindIcon('AGREEMENT', 18);
  const negotiation = kindIcon('AGREEMENT', 18);
  negotiation.classList.add('in-negotiation');
  const notStated = kindIcon('AGREEMENT', 18);
  notStated.classList.add('status-not-stated');
  return [
    h('li', { 'data-status': 'SIGNED' }, signed, h('span', {}, 'Agreement signed')),
    h(
      'li',
      { 'data-status': 'NEGOTIATION' },
      negotiation,
      h('span', {}, 'Agreement in negotiation (outlined, dashed)'),
    ),
    h(
      'li',
      { 'data-status': 'NOT_STATED' },
      notStated,
      h('span', {}, 'Agreement, status not stated by any source (grey, dotted)'),
    ),
  ];
}
