// @ts-check
/*
 * The search box: a type-ahead combobox (the WAI-ARIA pattern: arrow keys move through the suggestions, Enter
 * chooses, Escape closes) over the API's search.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { plural } from './format.js';
import { kindBadge, kindStyle } from './kinds.js';
import { SEARCH } from './queries.js';

/**
 * @import { Graphql } from './api.js'
 * @import { Background } from './background.js'
 * @import { GraphNode } from './queries.js'
 * @import { Status } from './status.js'
 */

/** Typing pauses this long before a search goes out: fewer requests, each answer still well under 300 ms. */
const DEBOUNCE_MS = 120;
/** Suggestions listed at first; "Show all" lists every hit asked for. */
const FIRST_SHOWN = 8;
/** Hits asked for (the API's bound): more than this is said as "50 or more". */
const MAX_HITS = 50;
/** How long the suggestions stay after the box loses focus, so that a click on one still lands. */
const CLOSE_ON_BLUR_MS = 150;

/**
 * @param {object} deps
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Background} deps.background told when a search is typed and when it is answered: the background work
 *   (measures, the relationships among the drawn nodes, layouts) waits for the suggestions
 * @param {(id: string) => void} deps.onChoose opens the node chosen
 */
export function initSearch({ graphql, status, background, onChoose }) {
  const { ids } = config;
  const input = byId(ids.search, HTMLInputElement);
  const listbox = byId(ids.suggestions, HTMLElement);
  // Under the list: how many of how many are listed, and "Show all".
  const showAll = h(
    'button',
    {
      type: 'button',
      class: 'linkish',
      id: 'search-show-all',
      onmousedown: (event) => event.preventDefault(),
      onclick: () => render(allHits, true),
    },
    'Show all',
  );
  const countLine = h('p', { id: 'search-count', class: 'search-count hint', 'aria-live': 'polite', hidden: true });
  listbox.after(countLine);
  /** The text whose answer is listed. */
  let answered = '';

  /** @type {GraphNode[]} the suggestions listed */
  let hits = [];
  /** @type {GraphNode[]} every hit of the answer */
  let allHits = [];
  let active = -1;
  /** Numbers the searches: only the latest one's answer is shown. */
  let sequence = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** Cancels the search on its way when the text changes: a stale answer never holds up the server or the page. */
  /** @type {AbortController | null} */
  let inFlight = null;

  function close() {
    listbox.hidden = true;
    countLine.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  /** @param {number} index */
  function setActive(index) {
    active = index;
    listbox.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      if (i === index) {
        input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    });
  }

  /**
   * Lists the first suggestions (all of them with `all`) and says how many there are.
   * @param {GraphNode[]} nodes
   * @param {boolean} [all]
   */
  function render(nodes, all = false) {
    const shown = all ? nodes : nodes.slice(0, FIRST_SHOWN);
    hits = shown;
    active = -1;
    const total = nodes.length >= MAX_HITS ? `${MAX_HITS} or more` : String(nodes.length);
    countLine.replaceChildren(
      shown.length < nodes.length ? `${shown.length} of ${total} matches for “${answered}” · ` : '',
      shown.length < nodes.length ? showAll : `${plural(nodes.length, 'match', 'matches')} for “${answered}”`,
    );
    allHits = nodes;
    listbox.replaceChildren(
      ...shown.map((node, i) =>
        h(
          'li',
          {
            id: `${ids.suggestionPrefix}${i}`,
            role: 'option',
            'aria-label': [node.name, kindStyle(node.kind).label, ...node.aliases].join(', '),
            'aria-selected': 'false',
            'data-id': node.id,
            onmousedown: (event) => event.preventDefault(),
            onclick: () => choose(i),
          },
          h('span', { class: 'name' }, node.name),
          kindBadge(node.kind),
          node.aliases.length > 0 ? h('span', { class: 'aliases' }, node.aliases.join(' · ')) : null,
        ),
      ),
    );
    input.removeAttribute('aria-activedescendant');
    const open = nodes.length > 0;
    listbox.hidden = !open;
    countLine.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  }

  /** @param {string} text */
  async function run(text) {
    const mine = ++sequence;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const { search } = await graphql(SEARCH, { query: text, first: MAX_HITS }, {}, controller.signal);
      if (mine !== sequence) return; // a newer search is on its way
      answered = text;
      render(search.map((hit) => hit.node));
      // For the browser bench (bench/explorer.bench.ts): when the suggestions for this text were on screen.
      performance.mark('explorer:suggestions', { detail: text });
      const total = search.length >= MAX_HITS ? `${MAX_HITS} or more` : String(search.length);
      status.show(
        search.length > 0
          ? `${Math.min(search.length, FIRST_SHOWN)} of ${total} suggestions for “${text}”.`
          : `Nothing matches “${text}”.`,
      );
    } catch (error) {
      if (mine === sequence && !controller.signal.aborted) status.reportError('Search failed', error);
    } finally {
      if (inFlight === controller) inFlight = null;
      // The latest search is answered (or failed): the background work goes on. An overtaken one leaves it waiting.
      if (mine === sequence) background.searchSettled();
    }
  }

  /** @param {number} index */
  function choose(index) {
    const node = hits[index];
    if (!node) return;
    close();
    input.value = node.name;
    onChoose(node.id);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    // The suggestions of an earlier text go at once: none lingers while the new search loads.
    sequence++;
    inFlight?.abort();
    hits = [];
    listbox.replaceChildren();
    close();
    if (text.length < 2 || !/[\p{L}\p{N}]/u.test(text)) {
      sequence++;
      hits = [];
      close();
      background.searchSettled();
      return;
    }
    background.searchPending();
    timer = setTimeout(() => run(text), DEBOUNCE_MS);
  });

  input.addEventListener('keydown', (event) => {
    const count = hits.length;
    const open = !listbox.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (count === 0) return;
      event.preventDefault();
      if (!open) {
        listbox.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === 'Enter') {
      if (open && count > 0) {
        event.preventDefault();
        choose(active >= 0 ? active : 0);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        close();
      }
    }
  });

  input.addEventListener('blur', () => setTimeout(close, CLOSE_ON_BLUR_MS));
}
