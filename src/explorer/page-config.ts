/**
 * What the explorer page and its browser modules share, declared once: the ids of the page's elements, the colour
 * and shape of each node kind and the colour of each relationship type (from the graph model), and the enums the
 * controls are drawn from. explorer.ts writes the page with these
 * ids and serves `explorerConfig()` as the module `config.js`; the browser modules read it and type-check against
 * `ExplorerConfig` (through public/config.d.ts). Imports nothing but the graph model, so the browser's type check
 * can follow it.
 */
import { NODE_KINDS, NodeKind, RELATION_TYPES, RelationType, type NodeShape } from '../model/graph-model';

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

export type { NodeShape };

export interface KindStyle {
  /** The kind as the legend and the panels name it. */
  label: string;
  color: string;
  shape: NodeShape;
}

const mapKinds = <T>(value: (kind: NodeKind) => T): Record<NodeKind, T> =>
  Object.fromEntries(Object.values(NodeKind).map((kind) => [kind, value(kind)])) as Record<NodeKind, T>;
const mapTypes = <T>(value: (type: RelationType) => T): Record<RelationType, T> =>
  Object.fromEntries(Object.values(RelationType).map((type) => [type, value(type)])) as Record<RelationType, T>;

/** Each kind's drawing, from the graph model: one colour and one shape per kind, never colour alone. */
export const kindStyles = (): Record<NodeKind, KindStyle> =>
  mapKinds((kind) => ({ label: NODE_KINDS[kind].label, color: NODE_KINDS[kind].color, shape: NODE_KINDS[kind].shape }));

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
    kindStyles: kindStyles(),
    relationTypes: Object.values(RelationType),
    relationInfo: mapTypes((type) => ({
      label: RELATION_TYPES[type].label,
      description: RELATION_TYPES[type].description,
    })),
    relationColors: mapTypes((type) => RELATION_TYPES[type].color),
  };
}
