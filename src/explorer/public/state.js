// @ts-check
/* What the explorer knows beyond what Cytoscape draws: one object, made by main.js and shared by the modules. */

/**
 * @import { NodeDetails, Relationships } from './queries.js'
 * @import { RelationTypeName } from '../page-config'
 */

/**
 * @typedef {'nodes' | 'edges'} Group a Cytoscape element group
 * @typedef {'from' | 'to'} PathEnd
 * @typedef {'partners' | 'out' | 'in'} DrawnGroup a group of a node's drawing paged on demand: its partners, its
 *   relationships from it, its relationships to it
 * @typedef {object} DrawnPage how much of a group is drawn, and where its next page starts
 * @property {number} totalCount
 * @property {number} drawn
 * @property {string | null} endCursor null with more to draw: the drawing was not made page by page (a saved map),
 *   so the next page starts from the first
 * @property {boolean} hasNextPage
 * @property {boolean} [counted] `drawn` is counted on the drawing (a saved map), not summed page by page
 *
 * @typedef {object} State
 * @property {Set<RelationTypeName>} hiddenTypes relationship types unchecked in the filters
 * @property {string | null} activeAt the "Active at" day (YYYY-MM-DD), or null for any time
 * @property {Set<string>} expanded nodes whose first view has been merged into the graph
 * @property {Map<string, Record<DrawnGroup, DrawnPage>>} drawn how much of each opened node's groups is drawn
 * @property {Set<string>} hiddenNodes nodes the reader hid: opening a neighbour does not draw them again
 * @property {string | null} pathFrom
 * @property {string | null} pathTo
 * @property {{ group: Group, id: string } | null} selected what the details panel shows
 * @property {Map<string, NodeDetails>} details node details fetched so far, by id (partners: the pages so far)
 * @property {Map<string, Record<'out' | 'in', Relationships>>} relationships each node's relationships fetched so far,
 *   from it and to it (the first view's pages, then those "Show more" added)
 * @property {string | null} focus the node opened last through search, a link or the URL (names the exports)
 */

/** @returns {State} */
export function createState() {
  return {
    // Every agreement and event is reported in the report: REPORTED_IN would tie everything to one hub, so it
    // starts hidden (the path query leaves it out by default too).
    hiddenTypes: new Set(['REPORTED_IN']),
    activeAt: null,
    expanded: new Set(),
    drawn: new Map(),
    hiddenNodes: new Set(),
    pathFrom: null,
    pathTo: null,
    selected: null,
    details: new Map(),
    relationships: new Map(),
    focus: null,
  };
}
