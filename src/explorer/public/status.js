// @ts-check
/* The status line (what happened, and every failure) and the busy state while requests are on their way. */

import config from './config.js';
import { byId } from './dom.js';

/**
 * @typedef {object} Status
 * @property {(text: string, kind?: 'info' | 'error') => void} show
 * @property {(what: string, error: unknown) => void} reportError every failure ends up here: nothing is swallowed
 * @property {(delta: number) => void} busy counts the requests on their way (+1, -1)
 */

/** @returns {Status} */
export function createStatus() {
  const line = byId(config.ids.status, HTMLElement);
  const graph = byId(config.ids.cy, HTMLElement);
  let pending = 0;

  /** @type {Status['show']} */
  function show(text, kind = 'info') {
    line.textContent = text;
    line.dataset.kind = kind;
  }

  /** @type {Status['busy']} */
  function busy(delta) {
    pending += delta;
    // `data-pending` lets scripts and tests see requests on their way; `aria-busy` tells assistive technology.
    document.body.dataset.pending = String(pending);
    graph.setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
  }

  return {
    show,
    reportError(what, error) {
      show(`${what}: ${error instanceof Error ? error.message : String(error)}`, 'error');
      console.warn(`[explorer] ${what}`, error);
    },
    busy,
  };
}
