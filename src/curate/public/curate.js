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
 * @typedef {{ key: string, kind: string, name: string, id: string, aliases: string[], sentences: Set<number>,
 *   accepted: boolean }} NodeProposal
 * @typedef {{ from: string, type: string, to: string, sentences: Set<number>, accepted: boolean, label: string }} LinkProposal
 */

const TOKEN_KEY = 'curate.token';
const RELATION_TYPES = [
  'PARTY_TO',
  'PART_OF',
  'CHAIRS',
  'MEMBER_OF',
  'INSTALLED',
  'CREATED',
  'OVERSEES',
  'LOCATED_IN',
  'ORGANIZED',
  'HELD_IN',
  'FACILITATED',
  'PARTICIPATED_IN',
];

const ANALYZE = `mutation ($input: AnalyzeDocumentInput!) { analyzeDocument(input: $input) { sentences {
  index text knownStatements { statementId }
  mentions { text start end confidence node { id kind name } }
  candidates { name kind aliases start end }
  relations { type source { nodeId name } target { nodeId name } cue }
  quantities { value text start end about } } } }`;
const COMMIT = `mutation ($input: CommitDocumentInput!) { commitDocument(input: $input) {
  alreadyCommitted statements document { id } nodes { id } relationships { id } } }`;

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

/** @type {Map<string, NodeProposal>} */
const nodes = new Map();
/** @type {Map<string, { id: string, sentences: Set<number>, accepted: boolean }>} */
const citations = new Map();
/** @type {Map<string, LinkProposal>} */
const links = new Map();
/** @type {{ ref: string, label: string }[]} */
let picked = [];

/** The id a relationship end refers to: a known node, or the (editable) id of a proposed node. @param {Ref} ref */
function refId(ref) {
  if (ref.nodeId) return ref.nodeId;
  return nodes.get(slug(ref.name))?.id ?? slug(ref.name);
}

/** @param {string} from @param {string} type @param {string} to @param {number} sentence @param {string} label */
function proposeLink(from, type, to, sentence, label) {
  const key = `${from}|${type}|${to}`;
  const link = links.get(key) ?? { from, type, to, sentences: new Set(), accepted: true, label };
  link.sentences.add(sentence);
  links.set(key, link);
}

/** @param {Sentence} sentence */
function collect(sentence) {
  for (const candidate of sentence.candidates) {
    const key = slug(candidate.name);
    const node = nodes.get(key) ?? {
      key,
      kind: candidate.kind,
      name: candidate.name,
      id: key,
      aliases: [],
      sentences: new Set(),
      accepted: true,
    };
    node.sentences.add(sentence.index);
    for (const alias of candidate.aliases) if (!node.aliases.includes(alias)) node.aliases.push(alias);
    nodes.set(key, node);
  }
  for (const mention of sentence.mentions) {
    const citation = citations.get(mention.node.id) ?? { id: mention.node.id, sentences: new Set(), accepted: true };
    citation.sentences.add(sentence.index);
    citations.set(mention.node.id, citation);
  }
  for (const relation of sentence.relations) {
    const from = refId(relation.source);
    const to = refId(relation.target);
    const label = `${relation.source.name} ${relation.type} ${relation.target.name} («${relation.cue}»)`;
    if (relation.type === 'AGREEMENT_WITH') {
      // An agreement between the two ends: a new agreement node both ends are party to.
      const key = `convenio-${from}-${to}`.slice(0, 110);
      const node = nodes.get(key) ?? {
        key,
        kind: 'AGREEMENT',
        name: `Convenio entre ${relation.source.name} y ${relation.target.name}`,
        id: key,
        aliases: [],
        sentences: new Set(),
        accepted: true,
      };
      node.sentences.add(sentence.index);
      nodes.set(key, node);
      proposeLink(from, 'PARTY_TO', key, sentence.index, label);
      proposeLink(to, 'PARTY_TO', key, sentence.index, label);
    } else {
      proposeLink(from, relation.type, to, sentence.index, label);
    }
  }
}

/**
 * The sentence with its highlights; overlapping spans keep the first.
 * @param {Sentence} sentence
 */
function highlighted(sentence) {
  /** @type {{ start: number, end: number, cls: string, ref: string, title: string }[]} */
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
      ref: slug(c.name),
      title: `new ${c.kind}: ${c.name}`,
    })),
    ...sentence.quantities.map((q) => ({
      start: q.start,
      end: q.end,
      cls: 'quantity',
      ref: '',
      title: `${q.value} ${q.about ?? ''}`,
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const paragraph = document.createElement('div');
  paragraph.className = 'sentence-text';
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    paragraph.append(sentence.text.slice(at, span.start));
    const mark = document.createElement('span');
    mark.className = span.cls;
    mark.title = span.title;
    mark.textContent = sentence.text.slice(span.start, span.end);
    if (span.ref) {
      mark.dataset.ref = span.ref;
      mark.dataset.sentence = String(sentence.index);
      mark.addEventListener('click', () => pick(mark));
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
  const id = citations.has(ref) ? ref : (nodes.get(ref)?.id ?? ref);
  mark.classList.add('picked');
  picked = [...picked, { ref: id, label: mark.textContent ?? id }].slice(-2);
  const panel = element('pick-panel');
  panel.hidden = picked.length < 2;
  element('picked').textContent = picked.map((p) => p.label).join(' → ');
  panel.dataset.sentence = mark.dataset.sentence ?? '0';
}

/**
 * A checkbox row that accepts or rejects a proposal, with an optional editable field.
 * @param {string} text @param {{ accepted: boolean }} proposal @param {HTMLElement} [extra]
 */
function proposalRow(text, proposal, extra) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = proposal.accepted;
  box.addEventListener('change', () => {
    proposal.accepted = box.checked;
    label.classList.toggle('rejected', !box.checked);
  });
  label.append(box, ` ${text} `);
  if (extra) label.append(extra);
  return label;
}

/** @param {NodeProposal} node */
function idField(node) {
  const field = document.createElement('input');
  field.value = node.id;
  field.className = 'node-id';
  field.addEventListener('change', () => {
    const old = node.id;
    node.id = field.value.trim();
    for (const link of links.values()) {
      if (link.from === old) link.from = node.id;
      if (link.to === old) link.to = node.id;
    }
  });
  return field;
}

function renderProposals() {
  const list = element('sentences');
  for (const item of list.querySelectorAll('li')) {
    const index = Number(item.dataset.index);
    const box = document.createElement('div');
    box.className = 'proposals';
    for (const node of nodes.values()) {
      if ([...node.sentences][0] === index)
        box.append(proposalRow(`new ${node.kind} «${node.name}» id:`, node, idField(node)));
    }
    for (const link of links.values()) {
      if ([...link.sentences][0] === index) box.append(proposalRow(`relationship ${link.label}`, link));
    }
    item.querySelector('.proposals')?.remove();
    item.append(box);
  }
}

async function analyze() {
  nodes.clear();
  citations.clear();
  links.clear();
  say('Analysing…');
  const title = input('title').value.trim();
  if (!input('doc-id').value) input('doc-id').value = slug(title);
  const data = await graphql(ANALYZE, { input: { title, text: input('text').value } });
  /** @type {Sentence[]} */
  const sentences = data.analyzeDocument.sentences;
  const list = element('sentences');
  list.replaceChildren();
  for (const sentence of sentences) collect(sentence);
  for (const sentence of sentences) {
    const item = document.createElement('li');
    item.dataset.index = String(sentence.index);
    item.append(highlighted(sentence));
    if (sentence.knownStatements.length > 0) {
      const known = document.createElement('small');
      known.textContent = ` also stated by ${sentence.knownStatements.map((s) => s.statementId).join(', ')}`;
      item.append(known);
    }
    list.append(item);
  }
  renderProposals();
  element('commit-panel').hidden = false;
  say(
    `${sentences.length} sentences analysed: ${nodes.size} new entities, ${citations.size} known nodes, ${links.size} relationships proposed.`,
  );
}

async function commit() {
  const docId = input('doc-id').value.trim();
  const accepted = [...nodes.values()].filter((node) => node.accepted);
  const ids = new Set([...accepted.map((n) => n.id), ...citations.keys()]);
  const published = input('published').value.trim();
  const publisher = input('publisher').value.trim();
  const commitInput = {
    id: docId,
    title: input('title').value.trim(),
    url: input('url').value.trim(),
    ...(published ? { publishedAt: published } : {}),
    ...(publisher ? { publisher } : {}),
    text: input('text').value,
    nodes: accepted.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      aliases: n.aliases,
      sentences: [...n.sentences],
    })),
    citations: [...citations.values()]
      .filter((c) => c.accepted)
      .map((c) => ({ nodeId: c.id, sentences: [...c.sentences] })),
    relationships: [...links.values()]
      .filter((l) => l.accepted && ids.has(l.from) && ids.has(l.to) && l.from !== l.to)
      .map((l) => ({ from: l.from, type: l.type, to: l.to, sentences: [...l.sentences] })),
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
      `${answer.nodes.length} nodes, ${answer.relationships.length} relationships. `,
    link,
  );
  say('Committed.');
}

/** Reads a .txt file: optional "url:" and "date:" header lines before a blank line, then the title line and the text. @param {File} file */
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
    ...changes.map((change) => {
      const item = document.createElement('li');
      item.textContent = `${change.at} ${change.actor} ${change.action}: ${change.summary}`;
      return item;
    }),
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
    proposeLink(
      from.ref,
      select.value,
      to.ref,
      Number(element('pick-panel').dataset.sentence ?? '0'),
      `${from.label} ${select.value} ${to.label}`,
    );
    picked = [];
    for (const mark of document.querySelectorAll('.picked')) mark.classList.remove('picked');
    element('pick-panel').hidden = true;
    renderProposals();
  });
}

start();
