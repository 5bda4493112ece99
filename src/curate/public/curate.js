// The curation workbench: analyse a document through the public GraphQL API, review what it proposes, commit it.
// Plain ES module, no dependencies; checked by `tsc -p src/curate/public` through its JSDoc types.

/**
 * @typedef {{ nodeId: string | null, name: string }} Ref
 * @typedef {{ text: string, start: number, end: number, confidence: number, node: { id: string, kind: string, name: string } }} Mention
 * @typedef {{ name: string, kind: string, aliases: string[], start: number, end: number }} Candidate
 * @typedef {{ type: string, source: Ref, target: Ref, cue: string }} Relation
 * @typedef {{ value: number, text: string, start: number, end: number, about: string | null }} Quantity
 * @typedef {{ index: number, text: string, knownStatements: { statementId: string }[], mentions: Mention[],
 *   candidates: Candidate[], relations: Relation[], quantities: Quantity[] }} Sentence
 * @typedef {{ id: string, name: string, kind: string }} Existing
 * @typedef {{ key: string, kind: string, name: string, id: string, aliases: string[], sentences: Set<number>,
 *   accepted: boolean, sameAs: Existing | null }} NodeProposal
 * @typedef {{ id: string, name: string, kind: string, sentences: Set<number>, accepted: boolean }} Citation
 * @typedef {{ key: number, from: string, type: string, to: string, sentences: Set<number>, accepted: boolean,
 *   cue: string }} LinkProposal
 * @typedef {{ key: number, node: string, property: string, value: number, text: string, sentences: Set<number>,
 *   accepted: boolean }} CountProposal
 * @typedef {{ start: number, end: number, ref: string }} AddedSpan
 * @typedef {{ from: string, type: string, to: string, sentences: number[], periodStart?: string, periodEnd?: string,
 *   label: string }} PlannedLink
 * @typedef {{ newNodes: NodeProposal[], linked: NodeProposal[], links: PlannedLink[],
 *   counts: { nodeId: string, property: string, value: number, sentences: number[], label: string }[],
 *   invalid: string[] }} Plan
 * @import { CurateConfig } from '../page-config'
 */

const TOKEN_KEY = 'curate.token';
// References to a relationship end: an existing node by its id, or a proposed node as "new:<key>".
const NEW = 'new:';
/**
 * The page's configuration (page-config.ts, written into the page by curate.ts): the graph model's kinds and
 * relationship types, the counts and the words that say what a number counts.
 * @type {CurateConfig}
 */
const CONFIG = JSON.parse(document.getElementById('curate-config')?.textContent ?? 'null');
const RELATION_TYPES = CONFIG.relationTypes.map((relation) => relation.type);
const NODE_KINDS = CONFIG.nodeKinds.map((node) => node.kind);
const COUNT_PROPERTIES = CONFIG.countProperties.map((count) => count.name);
/** @param {{ source: string, flags: string }} pattern */
const regExp = (pattern) => new RegExp(pattern.source, pattern.flags);
/** What a number counts, read from the words after it ("convenios con organismos electorales"). */
const COUNT_WORDS = CONFIG.countWords.map(
  ({ pattern, property }) => /** @type {const} */ ([regExp(pattern), property]),
);
/** A first guess at what a selected name is; the picker beside it corrects it. */
const KIND_GUESSES = CONFIG.kindGuesses.map(({ pattern, kind }) => /** @type {const} */ ([regExp(pattern), kind]));

const ANALYZE = `mutation ($input: AnalyzeDocumentInput!) { analyzeDocument(input: $input) { sentences {
  index text knownStatements { statementId }
  mentions { text start end confidence node { id kind name } }
  candidates { name kind aliases start end }
  relations { type source { nodeId name } target { nodeId name } cue }
  quantities { value text start end about } } } }`;
const COMMIT = `mutation ($input: CommitDocumentInput!) { commitDocument(input: $input) {
  alreadyCommitted statements document { id } nodes { id } relationships { id } } }`;
const SEARCH = `query ($query: String!) { search(query: $query, first: 8) { node { id name kind } } }`;
const STORED_PAGE = `relationships(first: 100, after: $after, direction: OUT, types: $types) {
  pageInfo { hasNextPage endCursor } edges { node { type node { id } period { start { value } end { value } } } } }`;
const STORED = `query ($ids: [ID!]!, $types: [RelationType!], $after: String) { nodes(ids: $ids) { id ${STORED_PAGE} } }`;
const TAKEN = `query ($ids: [ID!]!) { nodes(ids: $ids) { id name kind } }`;
const STORED_MORE = `query ($id: ID!, $types: [RelationType!], $after: String) { node(id: $id) { id ${STORED_PAGE} } }`;

const HISTORY = `query ($id: ID!) { history(id: $id, first: 20) { at actor action summary } }`;
const MERGE = `mutation ($survivorId: ID!, $mergedId: ID!) { mergeNodes(survivorId: $survivorId, mergedId: $mergedId) { id name } }`;

/** @param {string} id */
function element(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing`);
  return found;
}
/** @param {string} id */
const input = (id) => /** @type {HTMLInputElement} */ (element(id));

/** @param {string} text */
function slug(text) {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

/** @param {string} message */
function say(message) {
  element('status').textContent = message;
}

/**
 * @param {string} tag @param {string} [className] @param {string} [text]
 * @returns {HTMLElement}
 */
function make(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/**
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @returns {Promise<any>}
 */
async function graphql(query, variables) {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const response = await fetch(document.body.dataset.graphql ?? '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length)
    throw new Error(body.errors.map((/** @type {{message: string}} */ e) => e.message).join('; '));
  return body.data;
}

/** @type {Sentence[]} */
let sentences = [];
/** @type {Map<string, NodeProposal>} */
const nodes = new Map();
/** @type {Map<string, Citation>} */
const citations = new Map();
/** @type {Map<number, LinkProposal>} */
const links = new Map();
/** @type {Map<number, CountProposal>} */
const counts = new Map();
/** Entities added by selecting text, highlighted like the candidates. @type {Map<number, AddedSpan[]>} */
const added = new Map();
/** The highlights clicked to relate them, with their sentence. @type {{ ref: string, label: string, sentence: number }[]} */
let picked = [];
let nextKey = 1;

/** @param {string} ref */
const proposalOf = (ref) => (ref.startsWith(NEW) ? nodes.get(ref.slice(NEW.length)) : undefined);

/** The id a reference commits as: an existing node, the node a proposal is the same as, or the proposal's id. */
function endId(/** @type {string} */ ref) {
  const node = proposalOf(ref);
  if (!ref.startsWith(NEW)) return ref;
  return node ? (node.sameAs?.id ?? node.id) : '';
}

/** @param {string} ref */
function endName(ref) {
  const node = proposalOf(ref);
  if (node) return node.name;
  return citations.get(ref)?.name ?? ref.replace(NEW, '');
}

/** Why an end cannot be written, or '' when it can. @param {string} ref @param {Set<string>} [unwritten] */
function endProblem(ref, unwritten = new Set()) {
  if (!ref.startsWith(NEW)) return '';
  const node = proposalOf(ref);
  if (!node) return `«${ref.slice(NEW.length)}» is not an entity of this document`;
  if (!node.accepted) return `«${node.name}» is rejected`;
  return unwritten.has(node.key) ? `«${node.name}» cannot be written` : '';
}

/** The kind of an end: a proposal's (or that of the node it is the same as), or a cited node's; '' when unknown. */
function endKind(/** @type {string} */ ref) {
  const node = proposalOf(ref);
  if (node) return node.sameAs?.kind ?? node.kind;
  return citations.get(ref)?.kind ?? '';
}

/**
 * Why a relationship's ends are of kinds its type does not join (the graph model's rule, from the page config), or
 * '' when they are or a kind is unknown (the server checks again).
 * @param {string} type @param {string} from @param {string} to
 */
function kindProblem(type, from, to) {
  const rule = CONFIG.relationTypes.find((relation) => relation.type === type);
  const [fromKind, toKind] = [endKind(from), endKind(to)];
  if (!rule || !fromKind || !toKind || (rule.from.includes(fromKind) && rule.to.includes(toKind))) return '';
  return `${type} joins ${rule.from.join(', ')} → ${rule.to.join(', ')}; got ${fromKind} → ${toKind}`;
}

/** @param {string} from @param {string} type @param {string} to @param {number} sentence @param {string} cue */
function proposeLink(from, type, to, sentence, cue) {
  const same = [...links.values()].find((l) => l.from === from && l.type === type && l.to === to);
  const link = same ?? { key: nextKey++, from, type, to, sentences: new Set(), accepted: true, cue };
  link.sentences.add(sentence);
  links.set(link.key, link);
  return link;
}

/** @param {string} name @param {string} kind @param {number} sentence @param {string[]} [aliases] */
function proposeNode(name, kind, sentence, aliases = []) {
  const key = slug(name);
  const node = nodes.get(key) ?? {
    key,
    kind,
    name,
    id: key,
    aliases: [],
    sentences: new Set(),
    accepted: true,
    sameAs: null,
  };
  node.sentences.add(sentence);
  for (const alias of aliases) if (!node.aliases.includes(alias)) node.aliases.push(alias);
  nodes.set(key, node);
  return node;
}

/** @param {Ref} ref */
const refOf = (ref) => ref.nodeId ?? `${NEW}${slug(ref.name)}`;

/** @param {Sentence} sentence */
function collect(sentence) {
  for (const candidate of sentence.candidates)
    proposeNode(candidate.name, candidate.kind, sentence.index, candidate.aliases);
  for (const mention of sentence.mentions) {
    const { id, name, kind } = mention.node;
    const citation = citations.get(id) ?? { id, name, kind, sentences: new Set(), accepted: true };
    citation.sentences.add(sentence.index);
    citations.set(id, citation);
  }
  for (const relation of sentence.relations) {
    const from = refOf(relation.source);
    const to = refOf(relation.target);
    if (relation.type === 'AGREEMENT_WITH') {
      // An agreement between the two ends: a new agreement node both ends are party to.
      const agreement = proposeNode(
        `Convenio entre ${relation.source.name} y ${relation.target.name}`,
        'AGREEMENT',
        sentence.index,
      );
      proposeLink(from, 'PARTY_TO', `${NEW}${agreement.key}`, sentence.index, relation.cue);
      proposeLink(to, 'PARTY_TO', `${NEW}${agreement.key}`, sentence.index, relation.cue);
    } else {
      proposeLink(from, relation.type, to, sentence.index, relation.cue);
    }
  }
}

/** The node a number in this sentence most likely counts: the first known node it names. @param {Sentence} sentence */
function countedNode(sentence) {
  return sentence.mentions[0]?.node.id ?? [...nodes.values()].find((n) => n.sentences.has(sentence.index))?.key ?? '';
}

/** @param {Sentence} sentence @param {Quantity} quantity */
function proposeCount(sentence, quantity) {
  const about = quantity.about ?? '';
  const property = COUNT_WORDS.find(([words]) => words.test(about))?.[1] ?? 'AGREEMENT_COUNT';
  const node = countedNode(sentence);
  const count = {
    key: nextKey++,
    node: citations.has(node) || !node ? node : `${NEW}${node}`,
    property,
    value: quantity.value,
    text: `${quantity.text} ${about}`.trim(),
    sentences: new Set([sentence.index]),
    accepted: true,
  };
  counts.set(count.key, count);
}

/**
 * The sentence with its highlights; overlapping spans keep the first.
 * @param {Sentence} sentence
 */
function highlighted(sentence) {
  /** @type {{ start: number, end: number, cls: string, ref: string, title: string, quantity?: Quantity }[]} */
  const spans = [
    ...sentence.mentions.map((m) => ({
      start: m.start,
      end: m.end,
      cls: 'mention',
      ref: m.node.id,
      title: `${m.node.name} (${m.node.kind})`,
    })),
    ...sentence.candidates.map((c) => ({
      start: c.start,
      end: c.end,
      cls: 'candidate',
      ref: `${NEW}${slug(c.name)}`,
      title: `new ${c.kind}: ${c.name}`,
    })),
    ...(added.get(sentence.index) ?? []).map((a) => ({
      ...a,
      cls: 'candidate added',
      title: `added: ${endName(a.ref)}`,
    })),
    ...sentence.quantities.map((q) => ({
      start: q.start,
      end: q.end,
      cls: 'quantity',
      ref: '',
      title: `${q.value} ${q.about ?? ''} — click to record it as a count`,
      quantity: q,
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const paragraph = make('div', 'sentence-text');
  paragraph.dataset.sentence = String(sentence.index);
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    paragraph.append(sentence.text.slice(at, span.start));
    const mark = make('span', span.cls, sentence.text.slice(span.start, span.end));
    mark.title = span.title;
    mark.dataset.sentence = String(sentence.index);
    const { quantity } = span;
    if (span.ref) {
      mark.dataset.ref = span.ref;
      mark.addEventListener('click', () => pick(mark));
    } else if (quantity) {
      mark.addEventListener('click', () => {
        proposeCount(sentence, quantity);
        renderProposals();
      });
    }
    paragraph.append(mark);
    at = span.end;
  }
  paragraph.append(sentence.text.slice(at));
  return paragraph;
}

/** @param {HTMLElement} mark */
function pick(mark) {
  const ref = mark.dataset.ref ?? '';
  mark.classList.add('picked');
  picked = [...picked, { ref, label: mark.textContent ?? ref, sentence: Number(mark.dataset.sentence ?? '0') }].slice(
    -2,
  );
  element('pick-panel').hidden = picked.length < 2;
  element('picked').textContent = picked.map((p) => p.label).join(' → ');
}

/**
 * A checkbox row that accepts or rejects a proposal, followed by its editable parts.
 * @param {string} className @param {{ accepted: boolean }} proposal @param {(string | HTMLElement)[]} parts
 */
function proposalRow(className, proposal, parts) {
  const row = make('div', `proposal ${className}`);
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.className = 'accept';
  box.checked = proposal.accepted;
  row.classList.toggle('rejected', !proposal.accepted);
  box.addEventListener('change', () => {
    proposal.accepted = box.checked;
    renderProposals();
  });
  row.append(box, ' ', ...parts.flatMap((part) => [part, ' ']));
  return row;
}

/**
 * @param {string} className @param {string[] | [string, string][]} options @param {string} value
 * @param {(value: string) => void} onChange
 */
function picker(className, options, value, onChange) {
  const select = document.createElement('select');
  select.className = className;
  for (const option of options) {
    const [optionValue, label] = typeof option === 'string' ? [option, option] : option;
    select.append(new Option(label, optionValue, false, optionValue === value));
  }
  if (!options.some((o) => (typeof o === 'string' ? o : o[0]) === value))
    select.append(new Option(`${endName(value)} (not accepted)`, value, false, true));
  select.addEventListener('change', () => {
    onChange(select.value);
    renderProposals();
  });
  return select;
}

/** The ends a relationship or a count can name: accepted entities and known nodes. @returns {[string, string][]} */
function endOptions() {
  /** @type {[string, string][]} */
  const options = [];
  for (const node of nodes.values())
    if (node.accepted)
      options.push([`${NEW}${node.key}`, node.sameAs ? `${node.name} = ${node.sameAs.name}` : `${node.name} (new)`]);
  for (const citation of citations.values()) if (citation.accepted) options.push([citation.id, citation.name]);
  return options;
}

/** @param {NodeProposal} node */
function idField(node) {
  const field = document.createElement('input');
  field.value = node.id;
  field.className = 'node-id';
  field.addEventListener('change', () => {
    node.id = field.value.trim();
    renderSummary();
  });
  return field;
}

/**
 * Search-as-you-type for the existing node a proposal is: debounced, and an answer that is no longer the latest
 * is dropped, so a slow early answer cannot replace the one for what the user typed last.
 * @param {NodeProposal} node
 */
function sameAsField(node) {
  const box = make('span', 'same-as');
  if (node.sameAs) {
    const { id, name } = node.sameAs;
    const clear = make('button', 'same-as-clear', '×');
    clear.title = 'create it as a new node instead';
    clear.addEventListener('click', () => {
      node.sameAs = null;
      renderProposals();
    });
    box.append(make('span', 'same-as-chosen', `= ${name} (${id})`), clear);
    return box;
  }
  const owner = taken.get(node.id);
  if (owner) {
    const suggested = make('button', 'same-as-suggested', `= ${owner.name} (${owner.id})?`);
    suggested.title = 'its id is taken by this node: link the proposal to it';
    suggested.addEventListener('click', () => {
      node.sameAs = owner;
      renderProposals();
    });
    box.append(suggested);
  }
  const field = document.createElement('input');
  field.type = 'search';
  field.className = 'same-as-search';
  field.placeholder = 'same as an existing node…';
  const hits = make('ul', 'hits');
  let latest = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  field.addEventListener('input', () => {
    clearTimeout(timer);
    const query = field.value.trim();
    const asked = ++latest;
    if (!query) {
      hits.replaceChildren();
      return;
    }
    timer = setTimeout(() => {
      graphql(SEARCH, { query })
        .then((data) => {
          if (asked !== latest) return;
          /** @type {{ node: Existing }[]} */
          const found = data.search;
          hits.replaceChildren(
            ...found.map(({ node: hit }) => {
              const item = make('li');
              const choose = make('button', 'hit', `${hit.name} (${hit.kind}, ${hit.id})`);
              choose.addEventListener('click', () => {
                node.sameAs = hit;
                renderProposals();
              });
              item.append(choose);
              return item;
            }),
          );
          if (found.length === 0) hits.append(make('li', 'no-hit', 'nothing found'));
        })
        .catch((/** @type {unknown} */ error) =>
          say(`Search failed: ${error instanceof Error ? error.message : String(error)}`),
        );
    }, 250);
  });
  box.append(field, hits);
  return box;
}

/** @param {NodeProposal} node */
function nodeRow(node) {
  const kind = picker('node-kind', NODE_KINDS, node.kind, (value) => (node.kind = value));
  return proposalRow('node', node, [
    'new',
    kind,
    make('span', 'node-name', `«${node.name}»`),
    'id:',
    idField(node),
    sameAsField(node),
  ]);
}

/** @param {LinkProposal} link */
function linkRow(link) {
  const ends = endOptions();
  const row = proposalRow('link', link, [
    'relationship',
    picker('link-from', ends, link.from, (value) => (link.from = value)),
    picker('link-type', RELATION_TYPES, link.type, (value) => (link.type = value)),
    picker('link-to', ends, link.to, (value) => (link.to = value)),
    make('small', 'cue', link.cue ? `«${link.cue}»` : 'added by hand'),
  ]);
  row.dataset.label = `${endName(link.from)} ${link.type} ${endName(link.to)}`;
  return row;
}

/** @param {CountProposal} count */
function countRow(count) {
  const value = document.createElement('input');
  value.type = 'number';
  value.className = 'count-value';
  value.value = String(count.value);
  value.addEventListener('change', () => {
    count.value = Number(value.value);
    renderSummary();
  });
  return proposalRow('count', count, [
    'count',
    picker('count-node', endOptions(), count.node, (v) => (count.node = v)),
    picker('count-property', COUNT_PROPERTIES, count.property, (v) => (count.property = v)),
    '=',
    value,
    make('small', 'cue', `«${count.text}»`),
  ]);
}

function renderSentences() {
  const list = element('sentences');
  list.replaceChildren(
    ...sentences.map((sentence) => {
      const item = make('li');
      item.dataset.index = String(sentence.index);
      item.append(highlighted(sentence));
      if (sentence.knownStatements.length > 0)
        item.append(
          make('small', '', ` also stated by ${sentence.knownStatements.map((s) => s.statementId).join(', ')}`),
        );
      return item;
    }),
  );
}

function renderProposals() {
  const first = (/** @type {{ sentences: Set<number> }} */ p) => Math.min(...p.sentences);
  for (const item of element('sentences').querySelectorAll('li')) {
    const index = Number(item.dataset.index);
    const box = make('div', 'proposals');
    for (const node of nodes.values()) if (first(node) === index) box.append(nodeRow(node));
    for (const link of links.values()) if (first(link) === index) box.append(linkRow(link));
    for (const count of counts.values()) if (first(count) === index) box.append(countRow(count));
    item.querySelector('.proposals')?.remove();
    item.append(box);
  }
  renderSummary();
}

/** @param {{ accepted: boolean }} p */
const accepted = (p) => p.accepted;

/** What the commit will write, and the accepted items it cannot write, each with the reason. @returns {Plan} */
function plan() {
  /** @type {string[]} */
  const invalid = [];
  const acceptedNodes = [...nodes.values()].filter(accepted);
  /** New nodes that cannot be written: not sent, and neither is what names them. @type {Set<string>} */
  const unwritten = new Set();
  const seen = new Set();
  for (const node of acceptedNodes.filter((n) => !n.sameAs)) {
    const owner = taken.get(node.id);
    let problem = '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(node.id)) problem = `"${node.id}" is not a slug id`;
    else if (owner)
      problem = `the id "${node.id}" is taken by «${owner.name}» (${owner.kind}): link it (same as) or change its id`;
    else if (seen.has(node.id) || citations.has(node.id)) problem = `the id "${node.id}" is used twice`;
    seen.add(node.id);
    if (problem) {
      invalid.push(`new node «${node.name}»: ${problem}`);
      unwritten.add(node.key);
    }
  }
  const newNodes = acceptedNodes.filter((n) => !n.sameAs && !unwritten.has(n.key));
  /** @type {Map<string, PlannedLink>} */
  const planned = new Map();
  for (const link of [...links.values()].filter(accepted)) {
    const label = `${endName(link.from)} ${link.type} ${endName(link.to)}`;
    const problem =
      endProblem(link.from, unwritten) || endProblem(link.to, unwritten) || kindProblem(link.type, link.from, link.to);
    const from = endId(link.from);
    const to = endId(link.to);
    if (problem) invalid.push(`relationship ${label}: ${problem}`);
    else if (from === to) invalid.push(`relationship ${label}: both ends are the same node`);
    else {
      const key = `${from}|${link.type}|${to}`;
      const same = planned.get(key);
      if (same) same.sentences = [...new Set([...same.sentences, ...link.sentences])].sort((a, b) => a - b);
      else planned.set(key, { from, type: link.type, to, sentences: [...link.sentences].sort((a, b) => a - b), label });
    }
  }
  const plannedCounts = [];
  for (const count of [...counts.values()].filter(accepted)) {
    const label = `${endName(count.node)} ${count.property} = ${count.value}`;
    const problem = count.node ? endProblem(count.node, unwritten) : 'no node chosen';
    if (problem) invalid.push(`count ${label}: ${problem}`);
    else if (!Number.isSafeInteger(count.value) || count.value < 0) invalid.push(`count ${label}: not a whole number`);
    else
      plannedCounts.push({
        nodeId: endId(count.node),
        property: count.property,
        value: count.value,
        sentences: [...count.sentences],
        label,
      });
  }
  return {
    newNodes,
    linked: acceptedNodes.filter((n) => n.sameAs),
    links: [...planned.values()],
    counts: plannedCounts,
    invalid,
  };
}

/** Stored relationships of existing nodes, by `from|type|to`, with their period; filled by `lookUpStored`. */
/** @type {Map<string, { periodStart?: string, periodEnd?: string }>} */
let stored = new Map();
let storedFor = '';
/** Ids of proposed new nodes that the graph already uses, with their node; filled by `lookUpStored`. */
/** @type {Map<string, Existing>} */
let taken = new Map();
let lookups = 0;

/** The ids of existing nodes the plan's relationships start from (a new node has nothing stored). @param {Plan} p */
function existingFroms(p) {
  const newIds = new Set(p.newNodes.map((n) => n.id));
  return [...new Set(p.links.filter((l) => !newIds.has(l.from) && !newIds.has(l.to)).map((l) => l.from))].sort();
}

/** A proposed relationship that equals a stored one (same ends and type) gains a source instead of a new edge. */
function storedMatch(/** @type {PlannedLink} */ link) {
  return stored.get(`${link.from}|${link.type}|${link.to}`);
}

/**
 * @typedef {{ id: string, relationships: { pageInfo: { hasNextPage: boolean, endCursor: string | null },
 *   edges: { node: { type: string, node: { id: string },
 *   period: { start: { value: string } | null, end: { value: string } | null } | null } }[] } }} StoredPage
 */

/**
 * Reads the stored relationships of the plan's existing ends, of the proposed types only, every page of them, and
 * which proposed ids the graph already uses; an answer for an older plan is dropped.
 * @returns {Promise<boolean>} whether the taken ids changed
 */
async function lookUpStored() {
  const p = plan();
  const froms = existingFroms(p);
  const types = [...new Set(p.links.map((l) => l.type))].sort();
  const proposedIds = [...new Set([...nodes.values()].filter((n) => n.accepted && !n.sameAs).map((n) => n.id))].sort();
  const wanted = `${froms.join(',')}|${types.join(',')}|${proposedIds.join(',')}`;
  if (wanted === storedFor) return false;
  const asked = ++lookups;
  /** @type {Map<string, { periodStart?: string, periodEnd?: string }>} */
  const found = new Map();
  /** @param {StoredPage} node */
  const keep = (node) => {
    for (const { node: rel } of node.relationships.edges)
      found.set(`${node.id}|${rel.type}|${rel.node.id}`, {
        ...(rel.period?.start ? { periodStart: rel.period.start.value } : {}),
        ...(rel.period?.end ? { periodEnd: rel.period.end.value } : {}),
      });
  };
  for (let i = 0; i < froms.length; i += 100) {
    /** @type {StoredPage[]} */
    const nodesFound = (await graphql(STORED, { ids: froms.slice(i, i + 100), types, after: null })).nodes;
    for (let node of nodesFound) {
      keep(node);
      while (node.relationships.pageInfo.hasNextPage) {
        const after = node.relationships.pageInfo.endCursor;
        node = (await graphql(STORED_MORE, { id: node.id, types, after })).node;
        keep(node);
      }
    }
  }
  /** @type {Map<string, Existing>} */
  const owners = new Map();
  for (let i = 0; i < proposedIds.length; i += 100) {
    /** @type {Existing[]} */
    const existing = (await graphql(TAKEN, { ids: proposedIds.slice(i, i + 100) })).nodes;
    for (const node of existing) owners.set(node.id, node);
  }
  if (asked !== lookups) return false;
  const takenChanged = [...owners.keys()].join(',') !== [...taken.keys()].join(',');
  stored = found;
  taken = owners;
  storedFor = wanted;
  return takenChanged;
}

/** @param {string} title @param {string[]} items @param {string} className */
function summaryList(title, items, className) {
  const section = make('div', `summary-part ${className}`);
  section.append(make('h3', '', `${title} (${items.length})`));
  const list = make('ul');
  list.append(...items.map((item) => make('li', '', item)));
  section.append(list);
  return section;
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let summaryTimer;

/** Shows what the commit will write; the stored relationships are read after a pause in the editing. */
function renderSummary() {
  const summary = element('summary');
  summary.dataset.ready = 'false';
  const draw = () => {
    const p = plan();
    const gaining = p.links.filter((l) => storedMatch(l));
    const fresh = p.links.filter((l) => !storedMatch(l));
    summary.replaceChildren(
      make('h2', '', 'What the commit will write'),
      summaryList(
        'New nodes',
        p.newNodes.map((n) => `${n.kind} «${n.name}» (${n.id})`),
        'new-nodes',
      ),
      summaryList(
        'Linked to existing nodes',
        p.linked.map((n) => `«${n.name}» = ${n.sameAs?.name} (${n.sameAs?.id})`),
        'linked',
      ),
      summaryList(
        'New relationships',
        fresh.map((l) => l.label),
        'new-links',
      ),
      summaryList(
        'Stored facts that gain this document as a source',
        gaining.map((l) => l.label),
        'gaining',
      ),
      summaryList(
        'Counts',
        p.counts.map((c) => c.label),
        'counts',
      ),
      summaryList('Accepted but invalid: will not be written', p.invalid, 'invalid'),
    );
    element('commit').textContent =
      p.invalid.length > 0 ? `Commit document without the ${p.invalid.length} invalid item(s)` : 'Commit document';
  };
  draw();
  clearTimeout(summaryTimer);
  summaryTimer = setTimeout(() => {
    lookUpStored()
      .then((takenChanged) => {
        // A proposal whose id is taken gets a suggestion in its row: the rows are drawn again.
        if (takenChanged) renderProposals();
        else {
          draw();
          summary.dataset.ready = 'true';
        }
      })
      .catch((/** @type {unknown} */ error) =>
        say(`Could not read the stored relationships: ${error instanceof Error ? error.message : String(error)}`),
      );
  }, 300);
}

/** Selecting text in a sentence offers to add it as an entity, its name prefilled from the selection. */
function onSelection() {
  const selection = document.getSelection();
  const panel = element('select-panel');
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  const start = range.startContainer.parentElement?.closest('.sentence-text');
  const end = range.endContainer.parentElement?.closest('.sentence-text');
  if (!(start instanceof HTMLElement) || start !== end) return;
  const before = document.createRange();
  before.setStart(start, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const raw = range.toString();
  const name = raw.trim().replace(/[.,;:]+$/, '');
  if (!name) return;
  const offset = before.toString().length + (raw.length - raw.trimStart().length);
  panel.hidden = false;
  panel.dataset.sentence = start.dataset.sentence ?? '0';
  panel.dataset.start = String(offset);
  input('select-name').value = name;
  const kind = KIND_GUESSES.find(([pattern]) => pattern.test(name))?.[1] ?? 'ORGANIZATION';
  /** @type {HTMLSelectElement} */ (element('select-kind')).value = kind;
}

/** Adds the selected text as a new entity, highlighted wherever the document names it. */
function addSelected() {
  const name = input('select-name').value.trim();
  const kind = /** @type {HTMLSelectElement} */ (element('select-kind')).value;
  const panel = element('select-panel');
  if (!name) return;
  const node = proposeNode(name, kind, Number(panel.dataset.sentence ?? '0'));
  node.kind = kind;
  node.accepted = true;
  const ref = `${NEW}${node.key}`;
  for (const sentence of sentences) {
    for (let at = sentence.text.indexOf(name); at >= 0; at = sentence.text.indexOf(name, at + name.length)) {
      node.sentences.add(sentence.index);
      const spans = added.get(sentence.index) ?? [];
      spans.push({ start: at, end: at + name.length, ref });
      added.set(sentence.index, spans);
    }
  }
  panel.hidden = true;
  document.getSelection()?.removeAllRanges();
  renderSentences();
  renderProposals();
  say(`Added ${kind} «${name}».`);
}

async function analyze() {
  nodes.clear();
  citations.clear();
  links.clear();
  counts.clear();
  added.clear();
  stored = new Map();
  taken = new Map();
  storedFor = '';
  say('Analysing…');
  const title = input('title').value.trim();
  if (!input('doc-id').value) input('doc-id').value = slug(title);
  const data = await graphql(ANALYZE, { input: { title, text: input('text').value } });
  sentences = data.analyzeDocument.sentences;
  for (const sentence of sentences) collect(sentence);
  renderSentences();
  renderProposals();
  element('commit-panel').hidden = false;
  say(
    `${sentences.length} sentences analysed: ${nodes.size} new entities, ${citations.size} known nodes, ${links.size} relationships proposed.`,
  );
}

async function commit() {
  const p = plan();
  const published = input('published').value.trim();
  const publisher = input('publisher').value.trim();
  const commitInput = {
    id: input('doc-id').value.trim(),
    title: input('title').value.trim(),
    url: input('url').value.trim(),
    ...(published ? { publishedAt: published } : {}),
    ...(publisher ? { publisher } : {}),
    text: input('text').value,
    nodes: [...p.newNodes, ...p.linked].map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      aliases: n.aliases,
      sentences: [...n.sentences],
      ...(n.sameAs ? { sameAs: n.sameAs.id } : {}),
    })),
    citations: [...citations.values()]
      .filter((c) => c.accepted)
      .map((c) => ({ nodeId: c.id, sentences: [...c.sentences] })),
    // A fact already stored is sent with its stored period, so that it gains a source instead of a second edge.
    relationships: p.links.map((l) => ({
      from: l.from,
      type: l.type,
      to: l.to,
      sentences: l.sentences,
      ...storedMatch(l),
    })),
    counts: p.counts.map(({ label: _label, ...count }) => count),
  };
  say('Committing…');
  const data = await graphql(COMMIT, { input: commitInput });
  const answer = data.commitDocument;
  const result = element('result');
  const link = document.createElement('a');
  link.id = 'open-explorer';
  // The first node the document names: the explorer draws it with its neighbours.
  link.href = `/explorer?focus=${encodeURIComponent(answer.nodes[0]?.id ?? answer.document.id)}`;
  link.textContent = 'See the document in the explorer';
  result.replaceChildren(
    `${answer.alreadyCommitted ? 'Already committed' : 'Committed'}: ${answer.statements} sentences, ` +
      `${answer.nodes.length} nodes, ${answer.relationships.length} relationships` +
      (p.invalid.length > 0 ? `; not written: ${p.invalid.join('; ')}` : '') +
      '. ',
    link,
  );
  say('Committed.');
}

/** Reads a .txt file: optional "source:", "url:" and "date:" header lines before a blank line, then the title line and the text. @param {File} file */
async function load(file) {
  let text = (await file.text()).replace(/\r\n/g, '\n');
  const header = /^(?:[a-z]+: .*\n)+\n/.exec(text);
  if (header) {
    const url = /^url: (.*)$/m.exec(header[0])?.[1];
    const date = /^date: (\d{4}(?:-\d{2}){0,2})\b/m.exec(header[0])?.[1];
    if (url) input('url').value = url.trim();
    if (date) input('published').value = date;
    text = text.slice(header[0].length);
  }
  const [title = '', ...rest] = text.trim().split('\n');
  input('title').value = title.trim();
  input('text').value = rest.join('\n').trim();
  input('doc-id').value = '';
}

/** @param {() => Promise<void>} action */
const guarded = (action) => () => {
  action().catch((/** @type {unknown} */ error) =>
    say(`Error: ${error instanceof Error ? error.message : String(error)}`),
  );
};

async function showHistory() {
  const data = await graphql(HISTORY, { id: input('history-id').value.trim() });
  /** @type {{ at: string, actor: string, action: string, summary: string }[]} */
  const changes = data.history;
  element('history').replaceChildren(
    ...changes.map((change) => make('li', '', `${change.at} ${change.actor} ${change.action}: ${change.summary}`)),
  );
}

async function merge() {
  const data = await graphql(MERGE, {
    survivorId: input('survivor-id').value.trim(),
    mergedId: input('merged-id').value.trim(),
  });
  element('merge-result').textContent = `Merged into ${data.mergeNodes.name} (${data.mergeNodes.id}).`;
}

function start() {
  const select = /** @type {HTMLSelectElement} */ (element('pick-type'));
  for (const type of RELATION_TYPES) select.append(new Option(type, type));
  const kinds = /** @type {HTMLSelectElement} */ (element('select-kind'));
  for (const kind of NODE_KINDS) kinds.append(new Option(kind, kind));
  element('who').textContent = sessionStorage.getItem(TOKEN_KEY) ? 'signed in' : '';
  element('sign-in').addEventListener('click', () => {
    sessionStorage.setItem(TOKEN_KEY, input('token').value.trim());
    input('token').value = '';
    element('who').textContent = 'signed in';
  });
  element('analyze').addEventListener('click', guarded(analyze));
  element('commit').addEventListener('click', guarded(commit));
  element('history-show').addEventListener('click', guarded(showHistory));
  element('merge').addEventListener('click', guarded(merge));
  element('select-add').addEventListener('click', addSelected);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let selecting;
  document.addEventListener('selectionchange', () => {
    clearTimeout(selecting);
    selecting = setTimeout(onSelection, 150);
  });
  input('file').addEventListener(
    'change',
    guarded(async () => {
      const file = input('file').files?.[0];
      if (file) await load(file);
    }),
  );
  element('pick-add').addEventListener('click', () => {
    const [from, to] = picked;
    if (!from || !to) return;
    // It cites the sentence of its first end: click the subject where the sentence states the fact.
    proposeLink(from.ref, select.value, to.ref, from.sentence, '');
    picked = [];
    for (const mark of document.querySelectorAll('.picked')) mark.classList.remove('picked');
    element('pick-panel').hidden = true;
    renderProposals();
  });
}

start();
