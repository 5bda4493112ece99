/**
 * What the explorer page and its browser modules share, declared once: the ids of the page's elements, the colour
 * and shape of each node kind, and the enums the controls are drawn from. explorer.ts writes the page with these
 * ids and serves `explorerConfig()` as the module `config.js`; the browser modules read it and type-check against
 * `ExplorerConfig` (through public/config.d.ts). Imports nothing but the graph model, so the browser's type check
 * can follow it.
 */
import { NodeKind, RELATION_TYPES, RelationType } from '../model/graph-model';

/** The ids of the page's elements, by the name the browser modules use. */
export const EXPLORER_IDS = {
  search: 'search',
  suggestions: 'suggestions',
  searchHint: 'search-hint',
  typeFilters: 'type-filters',
  typeCheckboxes: 'type-checkboxes',
  typesAll: 'types-all',
  typesNone: 'types-none',
  activeAt: 'active-at',
  activeAtHint: 'active-at-hint',
  activeAtClear: 'active-at-clear',
  edgeLabels: 'edge-labels',
  fit: 'fit',
  exportPng: 'export-png',
  exportJson: 'export-json',
  clearGraph: 'clear-graph',
  sizeBy: 'size-by',
  brokers: 'brokers',
  brokersHeading: 'brokers-heading',
  brokersList: 'brokers-list',
  status: 'status',
  cy: 'cy',
  legend: 'legend',
  statusLegend: 'status-legend',
  relationLegend: 'relation-legend',
  mapsPanel: 'maps-panel',
  mapsHeading: 'maps-heading',
  mapTitle: 'map-title',
  mapToken: 'map-token',
  mapSave: 'map-save',
  mapList: 'map-list',
  mapChanges: 'map-changes',
  mapOpenFile: 'map-open-file',
  pathPanel: 'path-panel',
  pathHeading: 'path-heading',
  pathFrom: 'path-from',
  pathTo: 'path-to',
  pathFind: 'path-find',
  pathClear: 'path-clear',
  pathSteps: 'path-steps',
  details: 'details',
  detailsHeading: 'details-heading',
  detailsBody: 'details-body',
  inView: 'in-view',
  inViewHeading: 'in-view-heading',
  inViewCount: 'in-view-count',
  inViewList: 'in-view-list',
  // Created by the browser modules.
  detailsTitle: 'details-title',
  nodeExpand: 'node-expand',
  pathFromHere: 'path-from-here',
  pathToHere: 'path-to-here',
  nodeHide: 'node-hide',
  /** Prefix of the ids of the search suggestions (`suggestion-0`, `suggestion-1`, ...). */
  suggestionPrefix: 'suggestion-',
} as const;

/** The Cytoscape shapes the explorer draws, each with its own icon in the legend (public/kinds.js). */
export type NodeShape =
  | 'ellipse'
  | 'hexagon'
  | 'pentagon'
  | 'round-rectangle'
  | 'diamond'
  | 'star'
  | 'triangle'
  | 'octagon'
  | 'rhomboid'
  | 'rectangle'
  | 'tag'
  | 'vee'
  | 'cut-rectangle';

export interface KindStyle {
  /** The kind as the legend and the panels name it. */
  label: string;
  color: string;
  shape: NodeShape;
}

/** One colour (Okabe–Ito based, colour-blind friendly) and one shape per kind: never colour alone. */
export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  ORGANIZATION: { label: 'Organization', color: '#0072B2', shape: 'ellipse' },
  UNIVERSITY: { label: 'University', color: '#CC79A7', shape: 'hexagon' },
  FACULTY: { label: 'Faculty or campus', color: '#7B3294', shape: 'pentagon' },
  COMMISSION: { label: 'Commission', color: '#009E73', shape: 'round-rectangle' },
  AGREEMENT: { label: 'Agreement', color: '#E69F00', shape: 'diamond' },
  EVENT: { label: 'Event', color: '#D55E00', shape: 'star' },
  CITY: { label: 'City', color: '#56B4E9', shape: 'triangle' },
  COUNTRY: { label: 'Country', color: '#1B7837', shape: 'octagon' },
  GROUP: { label: 'Group of people', color: '#8C564B', shape: 'rhomboid' },
  PERSON: { label: 'Person', color: '#F0E442', shape: 'vee' },
  UNIT: { label: 'Internal unit', color: '#4D9221', shape: 'cut-rectangle' },
  REPORT: { label: 'Report', color: '#6E6E6E', shape: 'rectangle' },
  SOURCE_DOCUMENT: { label: 'Source document', color: '#333333', shape: 'tag' },
};

/**
 * One colour per relationship type, so the kind of tie shows in the drawing and the legend; related types share a
 * hue family (agreements orange, events red, places blue, structure grey, people green).
 */
export const RELATION_COLORS: Record<RelationType, string> = {
  PARTY_TO: '#E69F00',
  FACILITATED: '#B8860B',
  PART_OF: '#7F7F7F',
  LOCATED_IN: '#56B4E9',
  ORGANIZED: '#D55E00',
  HELD_AT: '#A0522D',
  HELD_IN: '#0072B2',
  VISITED: '#1F4E9E',
  PARTICIPATED_IN: '#CC79A7',
  AIMED_AT: '#9467BD',
  AUTHORED_BY: '#4D4D4D',
  REPORTS_ON: '#8C8C8C',
  REPORTED_IN: '#BDBDBD',
  CHAIRS: '#009E73',
  MEMBER_OF: '#66C2A5',
  INSTALLED: '#1B7837',
  CREATED: '#4D9221',
  OVERSEES: '#2CA02C',
};

/** A node kind or relationship type as the API sends it: the enum's value as a string. */
export type NodeKindName = `${NodeKind}`;
export type RelationTypeName = `${RelationType}`;

/** Where the explorer page is served. */
export const EXPLORER_PAGE_PATH = '/explorer';

export interface ExplorerConfig {
  /** Where the page is served (saved maps' addresses are made from it). */
  explorerPath: string;
  /** Where the GraphQL endpoint answers, as the browser sees it: a path such as `/graphql`, or a full URL. */
  graphqlPath: string;
  ids: typeof EXPLORER_IDS;
  /** The NodeKind enum in schema order (the legend's order), and the style of each kind. */
  nodeKinds: NodeKindName[];
  kindStyles: Record<NodeKindName, KindStyle>;
  /** The RelationType enum in schema order (the filters' order), each type's words and colour. */
  relationTypes: RelationTypeName[];
  relationInfo: Record<RelationTypeName, { label: string; description: string }>;
  relationColors: Record<RelationTypeName, string>;
}

export function explorerConfig(graphqlPath: string): ExplorerConfig {
  return {
    graphqlPath,
    explorerPath: EXPLORER_PAGE_PATH,
    ids: EXPLORER_IDS,
    nodeKinds: Object.values(NodeKind),
    kindStyles: KIND_STYLES,
    relationTypes: Object.values(RelationType),
    relationInfo: RELATION_TYPES,
    relationColors: RELATION_COLORS,
  };
}
