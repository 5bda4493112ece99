// @ts-check
/*
 * The side panels: the details of the selected node (facts, sources, partners, relationships in view) or
 * relationship (where it is reported), and the list of the nodes in view.
 */

import config from './config.js';
import { byId, h } from './dom.js';
import { humanType, periodText, plural } from './format.js';
import { edgeData, nodeData } from './graph.js';
import { kindBadge, kindIcon, typeLine } from './kinds.js';
import { DETAILS_PAGE_SIZE, DRAWN, FIRST_VIEW, MORE_PARTNERS, RELATIONSHIPS } from './queries.js';

/**
 * @import { Graph } from './graph.js'
 * @import { FirstView, NodeDetails, Partners, Relationship, Relationships, Source, StatedCount } from './queries.js'
 * @import { State } from './state.js'
 * @import { Status } from './status.js'
 * @import { Graphql } from './api.js'
 * @import { DrawnGroup, Group, PathEnd } from './state.js'
 */

/**
 * What the panels' buttons ask the explorer to do (main.js wires them to the modules that do it).
 * @typedef {object} Actions
 * @property {(id: string) => Promise<void>} openNode draws the node with its neighbours if needed and selects it
 * @property {(group: Group, id: string) => void} select shows an element's details
 * @property {(end: PathEnd, id: string) => void} setPathEnd
 * @property {(id: string) => void} hideNode removes the node from the drawing
 * @property {(id: string) => void} compare adds the node to those whose common partners are listed
 * @property {(id: string) => boolean} togglePin pins the node where it is (a re-layout keeps it), or unpins it
 * @property {(id: string, group: DrawnGroup) => Promise<void>} drawMore draws the next page of a group of the node
 * @property {(id: string, view: FirstView) => void} counted the first view of a node drawn another way (a saved
 *   map) arrived: its counts say how much of each group the drawing holds
 */

/** @type {[DrawnGroup, string][]} the groups of a node's drawing, in the order the panel lists them */
const DRAWN_GROUPS = [
  ['partners', 'Partners, strongest first'],
  ['out', 'Relationships from it, latest first'],
  ['in', 'Relationships to it, latest first'],
];

/** How many relationships each "show more" of the details panel's list adds. */
const RELATIONSHIPS_PAGE_SIZE = 50;
/** @type {['out' | 'in', string][]} the two ways of the relationship list */
const WAYS = [
  ['out', 'from it'],
  ['in', 'to it'],
];

/**
 * @param {object} deps
 * @param {Graph} deps.graph
 * @param {State} deps.state
 * @param {Graphql} deps.graphql
 * @param {Status} deps.status
 * @param {Actions} deps.actions
 */
export function createPanels({ graph, state, graphql, status, actions }) {
  const { ids } = config;
  const detailsBody = byId(ids.detailsBody, HTMLElement);
  const inViewCount = byId(ids.inViewCount, HTMLElement);
  const inViewList = byId(ids.inViewList, HTMLElement);
  const { cy } = graph;

  /**
   * A link-like button that opens a node.
   * @param {string} id
   * @param {string} text
   */
  function nodeButton(id, text) {
    return h(
      'button',
      { type: 'button', class: 'linkish', 'data-node': id, onclick: () => void actions.openNode(id) },
      text,
    );
  }

  /**
   * @param {string} title
   * @param {...(Node | null)} content
   */
  function panel(title, ...content) {
    detailsBody.replaceChildren(
      h('h3', { id: ids.detailsTitle }, title),
      ...content.filter(/** @returns {part is Node} */ (part) => part !== null),
    );
  }

  /** @param {string} text */
  function showHint(text) {
    detailsBody.replaceChildren(h('p', { class: 'hint' }, text));
  }

  /**
   * Every fact of the node: its kind's fields, its sources, its partners strongest first and all its
   * relationships, grouped by type (each list pages through the API's cursors with "Show more").
   * @param {string} id
   */
  function showNode(id) {
    const data = nodeData(cy.getElementById(id));
    const details = state.details.get(id);
    const relationships = state.relationships.get(id);
    const expanded = state.expanded.has(id);
    panel(
      data.name,
      h(
        'dl',
        { class: 'facts' },
        fact(
          'Kind',
          kindBadge(data.kind),
          data.status ? h('span', { class: 'status-tag' }, statusText(data.status)) : null,
        ),
        fact('Id', h('code', {}, id)),
        fact('Aliases', data.aliases.length > 0 ? data.aliases.join(', ') : '—'),
        details ? kindFacts(details) : null,
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'button', id: ids.nodeExpand, disabled: expanded, onclick: () => void actions.openNode(id) },
          expanded ? 'Expanded' : 'Expand',
        ),
        h(
          'button',
          { type: 'button', id: ids.pathFromHere, onclick: () => actions.setPathEnd('from', id) },
          'Path from here',
        ),
        h(
          'button',
          { type: 'button', id: ids.pathToHere, onclick: () => actions.setPathEnd('to', id) },
          'Path to here',
        ),
        h(
          'button',
          { type: 'button', onclick: () => cy.animate({ center: { eles: cy.getElementById(id) } }) },
          'Center',
        ),
        h('button', { type: 'button', id: ids.nodeHide, onclick: () => actions.hideNode(id) }, 'Hide'),
        h('button', { type: 'button', class: 'node-compare', onclick: () => actions.compare(id) }, 'Compare'),
        h(
          'button',
          {
            type: 'button',
            class: 'node-pin',
            'aria-pressed': String(graph.isPinned(id)),
            onclick: (event) => {
              const pinned = actions.togglePin(id);
              const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
              button.setAttribute('aria-pressed', String(pinned));
              button.textContent = pinned ? 'Unpin' : 'Pin';
            },
          },
          graph.isPinned(id) ? 'Unpin' : 'Pin',
        ),
      ),
      drawnGroups(id),
      details && details.counts.length > 0 ? h('h4', {}, 'Stated counts') : null,
      details && details.counts.length > 0 ? countsList(details.counts) : null,
      h('h4', {}, 'Sources'),
      details ? sourcesList(details.sources) : h('p', { class: 'hint' }, 'Loading…'),
      h('h4', {}, 'Partners, strongest first'),
      details ? partnersList(id, details.partners) : h('p', { class: 'hint' }, 'Loading…'),
      h(
        'h4',
        {},
        relationships
          ? `All relationships (${(relationships.out.totalCount + relationships.in.totalCount).toLocaleString('en')})`
          : 'All relationships',
      ),
      relationships ? relationshipList(id, relationships) : h('p', { class: 'hint' }, 'Loading…'),
    );
    if (!details || !relationships) void loadDetails(id);
  }

  /**
   * Keeps what the details panel shows of a node from its first view: its facts, its partners and its
   * relationships each way (the pages drawn, which "Show more" continues).
   * @param {string} id
   * @param {FirstView} view
   */
  function remember(id, view) {
    state.details.set(id, { ...view, partners: view.partnerList });
    state.relationships.set(id, { out: view.out, in: view.in });
  }

  /**
   * How much of each group of the node is drawn ("12 of 23,542"), each with "Show more" while more remains.
   * @param {string} id
   */
  function drawnGroups(id) {
    const pages = state.drawn.get(id);
    if (!pages) return null;
    return h(
      'section',
      { class: 'drawn-groups', 'aria-label': 'In the drawing' },
      h('h4', {}, 'In the drawing'),
      h(
        'ul',
        { class: 'drawn' },
        DRAWN_GROUPS.map(([group, label]) => {
          const page = pages[group];
          return h(
            'li',
            { 'data-group': group },
            `${label}: ${page.drawn.toLocaleString('en')} of ${page.totalCount.toLocaleString('en')} drawn `,
            page.hasNextPage
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'show-more draw-more',
                    onclick: (event) => {
                      /** @type {HTMLButtonElement} */ (event.currentTarget).disabled = true;
                      void actions.drawMore(id, group);
                    },
                  },
                  `Show more (${(page.totalCount - page.drawn).toLocaleString('en')} not drawn)`,
                )
              : null,
          );
        }),
      ),
    );
  }

  /** Shows the node again if the panel still shows it (after a page arrived). @param {string} id */
  function reshow(id) {
    if (state.selected && state.selected.group === 'nodes' && state.selected.id === id) showNode(id);
  }

  /**
   * The details of a node drawn without its first view (a saved map's, a path's): its first view, the same one
   * request, not drawn.
   * @param {string} id
   */
  async function loadDetails(id) {
    if (loading.has(id)) return;
    loading.add(id);
    try {
      const { node } = await graphql(FIRST_VIEW, { id, ...DRAWN, listed: DETAILS_PAGE_SIZE });
      if (!node) throw new Error(`no node with id ${id}`);
      remember(id, node);
      actions.counted(id, node);
      reshow(id);
    } catch (error) {
      status.reportError(`Could not load the details of ${graph.nodeName(id)}`, error);
    } finally {
      loading.delete(id);
    }
  }
  /** The nodes whose details are on their way: a node shown again meanwhile does not ask twice. */
  /** @type {Set<string>} */
  const loading = new Set();

  /**
   * Loads the next page of the node's partners after the last one listed.
   * @param {string} id
   */
  async function morePartners(id) {
    const details = state.details.get(id);
    const after = details?.partners.pageInfo.endCursor;
    if (!details || !after) return;
    try {
      const answer = await graphql(MORE_PARTNERS, { id, first: DETAILS_PAGE_SIZE, after });
      if (!answer.node) throw new Error(`no node with id ${id}`);
      const page = answer.node.partners;
      details.partners = { ...page, edges: [...details.partners.edges, ...page.edges] };
      reshow(id);
    } catch (error) {
      status.reportError(`Could not load more partners of ${graph.nodeName(id)}`, error);
    }
  }

  /**
   * Loads the next page of the node's relationships one way and adds it to those listed.
   * @param {string} id
   * @param {'out' | 'in'} way
   */
  async function moreRelationships(id, way) {
    const known = state.relationships.get(id);
    const after = known?.[way].pageInfo.endCursor;
    if (!known || !after) return;
    try {
      const direction = way === 'out' ? 'OUT' : 'IN';
      const answer = await graphql(RELATIONSHIPS, { id, first: RELATIONSHIPS_PAGE_SIZE, after, direction });
      if (!answer.node) throw new Error(`no node with id ${id}`);
      const page = answer.node.relationships;
      known[way] = { ...page, edges: [...known[way].edges, ...page.edges] };
      reshow(id);
    } catch (error) {
      status.reportError(`Could not load the relationships of ${graph.nodeName(id)}`, error);
    }
  }

  /**
   * The node's relationships loaded so far (from it, then to it), grouped by type, the latest first within a type,
   * each with its period, head count or note and its sources; "Show more" loads the next page of either way.
   * @param {string} id
   * @param {Record<'out' | 'in', Relationships>} relationships
   */
  function relationshipList(id, relationships) {
    if (relationships.out.totalCount + relationships.in.totalCount === 0)
      return h('p', { class: 'hint' }, 'No relationships recorded.');
    /** @type {Map<string, Relationship[]>} */
    const byType = new Map();
    for (const { node: relationship } of [...relationships.out.edges, ...relationships.in.edges]) {
      const key = `${relationship.label}${relationship.direction === 'IN' ? ' (by)' : ''}`;
      byType.set(key, [...(byType.get(key) ?? []), relationship]);
    }
    return h(
      'div',
      { class: 'relationship-groups' },
      [...byType.entries()].map(([label, group]) =>
        h(
          'section',
          { class: 'relationship-group', 'data-type': group[0]?.type },
          h('h5', {}, typeLine(group[0]?.type ?? ''), `${label} (${group.length})`),
          h(
            'ul',
            { class: 'relations' },
            [...group].sort(byLatestFirst).map((relationship) => relationshipItem(relationship)),
          ),
        ),
      ),
      WAYS.map(([way, words]) => {
        const page = relationships[way];
        return page.pageInfo.hasNextPage
          ? h(
              'button',
              {
                type: 'button',
                class: 'show-more',
                'data-way': way,
                onclick: (event) => {
                  /** @type {HTMLButtonElement} */ (event.currentTarget).disabled = true;
                  void moreRelationships(id, way);
                },
              },
              `Show more ${words} (${(page.totalCount - page.edges.length).toLocaleString('en')} not listed)`,
            )
          : null;
      }),
    );
  }

  /** @param {Relationship} relationship */
  function relationshipItem(relationship) {
    const arrow = relationship.direction === 'OUT' ? '→' : '←';
    const counts = [
      relationship.participantCount !== null ? `${relationship.participantCount} people` : null,
      relationship.note,
    ].filter(Boolean);
    return h(
      'li',
      { 'data-relationship': relationship.id },
      `${arrow} `,
      nodeButton(relationship.node.id, relationship.node.name),
      h('span', { class: 'hint' }, ` ${periodText(relationship.period, '')}`),
      // A tour's visits are reported for the tour's period: no city has a date of its own.
      relationship.type === 'VISITED' && !isOneDay(relationship.period)
        ? h('span', { class: 'hint not-reported' }, ' · date of the visit not reported')
        : null,
      counts.length > 0 ? h('span', { class: 'count' }, ` ${counts.join('; ')}`) : null,
      relationship.sources.length > 0
        ? h(
            'details',
            { class: 'fact-sources' },
            h('summary', {}, plural(relationship.sources.length, 'source sentence')),
            sourcesList(relationship.sources),
          )
        : null,
    );
  }

  /** @param {string} id */
  function showEdge(id) {
    const data = edgeData(cy.getElementById(id));
    const from = graph.nodeName(data.source);
    const to = graph.nodeName(data.target);
    panel(
      `${from} — ${data.label} → ${to}`,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Relationship'),
        h('dd', {}, `${data.label} `, h('code', {}, data.type)),
        h('dt', {}, 'From'),
        h('dd', {}, nodeButton(data.source, from)),
        h('dt', {}, 'To'),
        h('dd', {}, nodeButton(data.target, to)),
        h('dt', {}, 'Period'),
        h('dd', { class: 'period' }, periodText(data.period)),
      ),
      h('h4', {}, 'Where it is reported'),
      sourcesList(data.sources),
    );
  }

  /** Every node in view, by name, each a button that opens it. */
  function renderInView() {
    const nodes = graph
      .visible()
      .nodes()
      .map(nodeData)
      .sort((a, b) => a.name.localeCompare(b.name));
    inViewCount.textContent = String(nodes.length);
    inViewList.replaceChildren(
      ...nodes.map((node) => h('li', {}, kindIcon(node.kind, 14), nodeButton(node.id, node.name))),
    );
  }

  /**
   * The partners of a node, strongest first (most shared agreements and events, then the latest), with how they
   * are related; "Show more" pages through the API's cursor.
   * @param {string} id
   * @param {Partners} partners
   */
  function partnersList(id, partners) {
    if (partners.totalCount === 0) return h('p', { class: 'hint' }, 'No partners recorded.');
    return h(
      'div',
      {},
      h(
        'ol',
        { class: 'partners' },
        partners.edges.map(({ node }) =>
          h(
            'li',
            {},
            nodeButton(node.partner.id, node.partner.name),
            h(
              'span',
              { class: 'hint' },
              ` ${node.kinds.map(humanType).join(', ')}; ${plural(node.strength, 'shared agreement or event', 'shared agreements or events')}`,
              node.period ? `; ${periodText(node.period)}` : '',
            ),
          ),
        ),
      ),
      partners.pageInfo.hasNextPage
        ? h(
            'button',
            { type: 'button', class: 'show-more', onclick: () => void morePartners(id) },
            `Show more (${partners.totalCount - partners.edges.length} not listed)`,
          )
        : null,
    );
  }

  return { nodeButton, showNode, showEdge, showHint, renderInView, reshow, remember };
}

/**
 * The numbers the sources state, each total with its parts and their sentences: "125 = 45 + 32 + 19 + 14 + 11 + 4",
 * then each part in the sources' words. A part whose total is not stored is listed on its own.
 * @param {StatedCount[]} counts
 */
function countsList(counts) {
  const totals = counts.filter((count) => count.partOf === null || !counts.some((c) => c.property === count.partOf));
  return h(
    'ul',
    { class: 'stated-counts' },
    totals.map((total) => {
      const parts = counts.filter((count) => count.partOf === total.property);
      const sum = parts.reduce((acc, part) => acc + part.value, 0);
      /** @type {Map<string, Source>} */
      const sentences = new Map();
      for (const count of [total, ...parts]) for (const s of count.sources) sentences.set(s.statementId, s);
      return h(
        'li',
        { 'data-count': total.property },
        h(
          'p',
          { class: 'count-line' },
          h('strong', {}, `${total.value} ${total.label}`),
          parts.length > 0
            ? h('span', { class: 'count-sum' }, ` ${total.value} = ${parts.map((part) => part.value).join(' + ')}`)
            : null,
          parts.length > 0 && sum !== total.value
            ? h('span', { class: 'hint' }, ` (the parts add up to ${sum}, as the source states them)`)
            : null,
        ),
        parts.length > 0
          ? h(
              'ul',
              { class: 'count-parts' },
              parts.map((part) => h('li', { 'data-count': part.property }, `${part.value} ${part.label}`)),
            )
          : null,
        sourcesList([...sentences.values()]),
      );
    }),
  );
}

/**
 * When and by whom a document was published, each "not reported" when the document does not say.
 * @param {Source['document']} document
 */
const publication = (document) =>
  `${document.publisher ?? 'publisher not reported'}, ${document.publishedOn?.value ?? 'date not reported'}`;

/**
 * Sources grouped by document: the title links to the document, with its publisher and date; the sentences are
 * quoted under it.
 * @param {Source[]} sources
 */
function sourcesList(sources) {
  if (sources.length === 0) return h('p', { class: 'hint' }, 'No source sentences recorded.');
  /** @type {Map<string, { document: Source['document'], sentences: Source[] }>} */
  const byDocument = new Map();
  for (const source of sources) {
    const key = source.document.id || source.document.url;
    const group = byDocument.get(key) ?? { document: source.document, sentences: [] };
    group.sentences.push(source);
    byDocument.set(key, group);
  }
  return h(
    'ul',
    { class: 'sources' },
    [...byDocument.values()].map(({ document, sentences }) =>
      h(
        'li',
        {},
        // Only web addresses become links (never javascript: or data: URLs from the data).
        /^https?:\/\//i.test(document.url)
          ? h(
              'a',
              { href: document.url, target: '_blank', rel: 'noopener noreferrer', class: 'document' },
              document.title,
            )
          : h('span', { class: 'document' }, document.title),
        h('span', { class: 'publication' }, ` — ${publication(document)}`),
        sentences
          .sort((a, b) => a.position - b.position)
          .map((source) =>
            h(
              'blockquote',
              { cite: document.url },
              h('p', {}, source.sentence),
              h('footer', {}, source.position === 0 ? 'Headline' : `Sentence ${source.position}`),
            ),
          ),
      ),
    ),
  );
}

/**
 * A term and its description in the facts list.
 * @param {string} term
 * @param {...(Node | string | null)} description
 */
function fact(term, ...description) {
  return [h('dt', {}, term), h('dd', {}, ...description)];
}

/** @param {string} status */
export const statusText = (status) =>
  status === 'SIGNED'
    ? 'signed'
    : status === 'NEGOTIATION'
      ? 'in negotiation'
      : status === 'NOT_STATED'
        ? 'status not stated by any source'
        : status.toLowerCase();

/**
 * The facts only some kinds carry: an agreement's status, parties and facilitators, an event's counts and
 * participants, a report's figures, the period of any of them. Absent facts are left out.
 * @param {NodeDetails} node
 */
function kindFacts(node) {
  /** @param {{ name: string }[] | undefined} nodes */
  const names = (nodes) => (nodes && nodes.length > 0 ? nodes.map((other) => other.name).join('; ') : null);
  /** @type {[string, string | number | null | undefined][]} */
  const rows = [
    ['Period', node.period ? periodText(node.period) : null],
    ['Instrument', node.agreementType],
    ['Parties', names(node.parties)],
    // An event hangs off the commission that organized it: say whose commission it is.
    [
      'Organized by',
      node.organizers && node.organizers.length > 0
        ? node.organizers
            .map((organizer) =>
              organizer.partOf ? `${organizer.name} (part of ${organizer.partOf.name})` : organizer.name,
            )
            .join('; ')
        : null,
    ],
    ['Facilitators', names(node.facilitators)],
    ['Event type', node.eventType],
    ['Edition', node.edition],
    ['Events', node.eventCount],
    ['Tours', node.tourCount],
    ['Cities', node.cityCount],
    ['Participants', participantsText(node)],
    ['Purpose', node.purpose],
    ['Note', node.note],
    ['Legal instruments signed', node.legalInstrumentsSigned],
    ['Summary', node.summary],
    ['Unit type', node.unitType],
    [
      'Units',
      node.units && node.units.length > 0
        ? `${names(node.units)} — events and agreements of a unit are drawn on the unit; its partners count here too`
        : null,
    ],
  ];
  return [
    // An agreement's status with the sentences that state it; NOT_STATED says that none does.
    ...(node.status
      ? fact(
          'Status',
          h('span', { 'data-fact': 'Status' }, statusText(node.status)),
          node.statusSources && node.statusSources.length > 0
            ? h(
                'details',
                { class: 'fact-sources status-sources' },
                h('summary', {}, `stated by ${plural(node.statusSources.length, 'sentence')}`),
                sourcesList(node.statusSources),
              )
            : h('span', { class: 'hint' }, ' — no sentence states whether it was signed or is in negotiation'),
        )
      : []),
    ...rows.flatMap(([term, value]) =>
      value === null || value === undefined ? [] : fact(term, h('span', { 'data-fact': term }, String(value))),
    ),
  ];
}

/**
 * An event's head count and where it comes from: "89 = 52 Red de observación + 37 Visitantes extranjeros".
 * @param {NodeDetails} node
 */
function participantsText(node) {
  const counted = (node.participants ?? [])
    .filter((participant) => participant.participantCount !== null)
    .sort((a, b) => (b.participantCount ?? 0) - (a.participantCount ?? 0));
  const parts = counted.map((participant) => `${participant.participantCount} ${participant.node.name}`);
  const listed = (node.participants ?? []).map((participant) => participant.node.name);
  if (node.participantCount === null || node.participantCount === undefined)
    return parts.length > 0 ? parts.join(' + ') : listed.length > 0 ? listed.join('; ') : null;
  return parts.length > 0 ? `${node.participantCount} = ${parts.join(' + ')}` : String(node.participantCount);
}

/**
 * Whether a period is one day, stated as such.
 * @param {Relationship['period']} period
 */
const isOneDay = (period) =>
  Boolean(period?.start && period.end && period.start.value === period.end.value && period.start.value.length === 10);

/**
 * Latest first by the start of the period; facts without a period last.
 * @param {Relationship} a
 * @param {Relationship} b
 */
function byLatestFirst(a, b) {
  const start = (/** @type {Relationship} */ relationship) => relationship.period?.start?.firstDay ?? '';
  return start(b).localeCompare(start(a));
}
