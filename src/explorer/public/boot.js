// @ts-check
/*
 * The first thing the page runs (an async module, before main.js): when the address opens a node
 * (`/explorer?focus=<id>`), its first view is asked for at once, while Cytoscape and the other modules still load
 * and start. It imports only the small modules the request needs; navigation.js takes the answer when it opens the
 * node, so the request is sent once.
 */

import { createGraphqlClient } from './api.js';
import config from './config.js';
import { DETAILS_PAGE_SIZE, DRAWN, FIRST_VIEW } from './queries.js';

/** @import { FirstView } from './queries.js' */

/** The address parameter naming the node the page opens: `/explorer?focus=iecm`. */
export const FOCUS_PARAMETER = 'focus';

/** The node the address asks for, if any. */
export const focusInAddress = () => new URLSearchParams(window.location.search).get(FOCUS_PARAMETER);

/** The variables of a node's first view. @param {string} id */
export const firstViewVariables = (id) => ({ id, ...DRAWN, listed: DETAILS_PAGE_SIZE });

/** @type {{ id: string, answer: Promise<{ node: FirstView | null }> } | null} */
let early = null;

// A saved map's address draws the map, not the focus: nothing to ask for then.
const focus = focusInAddress();
if (focus && !new URLSearchParams(window.location.search).has('map') && !window.location.pathname.includes('/embed/')) {
  const answer = createGraphqlClient(config.graphqlPath)(FIRST_VIEW, firstViewVariables(focus));
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  answer.catch(() => {});
  early = { id: focus, answer };
}

/**
 * The first view asked for as the page opened, if it was this node's; once only (a node opened again later is
 * asked for afresh).
 * @param {string} id
 */
export function takeEarlyFirstView(id) {
  if (early?.id !== id) return null;
  const { answer } = early;
  early = null;
  return answer;
}
