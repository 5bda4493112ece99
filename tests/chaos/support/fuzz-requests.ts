/**
 * The fuzzer's requests, generated up front from a seed: the same seed gives the same list on every run, so a
 * failure names a request that can be replayed. Most requests are hostile (broken GraphQL, wrong variable types,
 * odd selections, bad JSON and HTTP, bad credentials); some are valid writes, all on ids in NAMESPACE, so the
 * test can tell the graph changed only where a write was acknowledged.
 */
import { Random } from './random';

export const NAMESPACE = 'fz-';

/** A write the test expects to change the graph if, and only if, it is acknowledged. */
export interface NamespaceWrite {
  op: 'createNode' | 'updateNode';
  id: string;
}

export interface HttpFuzz {
  transport: 'http';
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  write?: NamespaceWrite;
}

export interface RawFuzz {
  transport: 'raw';
  category: string;
  bytes: Buffer;
}

export type FuzzRequest = HttpFuzz | RawFuzz;

/** Credentials the generator uses; the test makes the JWTs (signing is asynchronous). */
export interface FuzzCredentials {
  editorToken: string;
  /** Authorization headers that must never be accepted. */
  badAuthorizations: string[];
}

const DOC = 'nota-iecm-alianzas-2024-09-25';
const SEED_IDS = [
  'iecm',
  'ine',
  'oei',
  'unam',
  'itam',
  'mexico',
  'ciudad-de-mexico',
  'chicago',
  'comision-vinculacion-organismos-externos',
  'red-de-observacion-iecm',
  'informe-final-comision-vinculacion-2023-2024',
  DOC,
];
const KINDS = [
  'ORGANIZATION',
  'UNIVERSITY',
  'FACULTY',
  'COMMISSION',
  'EVENT',
  'CITY',
  'COUNTRY',
  'GROUP',
  'PERSON',
  'UNIT',
  'REPORT',
];
const ALL_KINDS = [...KINDS, 'AGREEMENT', 'SOURCE_DOCUMENT'];
const RELATION_TYPES = ['PARTY_TO', 'FACILITATED', 'PART_OF', 'LOCATED_IN', 'ORGANIZED', 'HELD_IN', 'VISITED'];
const PARTNERSHIP_KINDS = ['SIGNED_AGREEMENT', 'AGREEMENT_IN_NEGOTIATION', 'FACILITATED_AGREEMENT', 'EVENT_VENUE'];

const UNICODE_SAMPLES = [
  'Ciudad de México',
  'Instituto Electoral 🗳️✅',
  'مرحبا بالعالم',
  'שלום',
  '‮gnp.exe',
  'a\u0000b',
  'zero\u200bwidth',
  'e\u0301\u0301\u0301\u0301',
  '\ud800',
  '\udfff\ud800',
  '𝕴𝖓𝖘𝖙𝖎𝖙𝖚𝖙𝖔',
  '中华人民共和国',
  '\u202e\u2066\u2069',
  '\uFEFFbom',
  '\\u0000',
  "Robert'); DROP TABLE--",
  '"}) MATCH (n) DETACH DELETE n //',
  '$(rm -rf /)',
  '<script>alert(1)</script>',
  '%00%0d%0a',
  'ﷺ'.repeat(50),
];
const SEARCH_SAMPLES = [
  'ine',
  'fisc',
  'iecm',
  '*',
  '?',
  '~',
  'a AND (',
  'OR',
  'NOT',
  '"',
  '\\',
  '/',
  '[a TO z]',
  'name:iecm',
  '^2',
  '&&||',
  '   ',
  '',
  'a'.repeat(300),
  '((((((((((',
  '"unclosed',
  '-',
  '+-!(){}[]^"~*?:\\/',
  'ciudad~0.5',
];

/** A JSON value of any type, sometimes nested. */
function anyValue(r: Random, depth = 0): unknown {
  const choice = r.int(0, depth > 2 ? 7 : 10);
  switch (choice) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 2147483647, 2147483648, -2147483649, 2 ** 53 + 2, 1e308, -0, 0.5, 3.14]);
    case 3:
      return r.pick(SEED_IDS);
    case 4:
      return r.pick(UNICODE_SAMPLES);
    case 5:
      return r.string(r.int(0, 40), 'abcdefghijklmnopqrstuvwxyz-_#0123456789 ');
    case 6:
      return r.pick(ALL_KINDS);
    case 7:
      return r.pick(['2024-02-30', '2024-13-01', '0000-00-00', '9999-12-31', '2024', '2024-1-1', 'yesterday', '']);
    case 8:
      return Array.from({ length: r.int(0, 4) }, () => anyValue(r, depth + 1));
    case 9:
      return Object.fromEntries(
        Array.from({ length: r.int(0, 4) }, () => [
          r.pick(['id', 'kind', 'name', '__proto__', 'a', '']),
          anyValue(r, depth + 1),
        ]),
      );
    default:
      return { constructor: { prototype: { polluted: true } } };
  }
}

/** A GraphQL literal, valid or not. */
function literal(r: Random): string {
  return r.weighted<() => string>([
    [3, () => r.pick(['-1', '0', '1', '5', '100', '1001', '2147483648', '99999999999999999999'])],
    [1, () => r.pick(['1.5', '1e309', '-0', '0x10', '1_000', 'NaN', 'Infinity'])],
    [3, () => JSON.stringify(r.pick([...SEARCH_SAMPLES, ...UNICODE_SAMPLES, ...SEED_IDS]))],
    [2, () => r.pick([...ALL_KINDS, ...RELATION_TYPES, 'BOTH', 'NOPE', 'true', 'false', 'null'])],
    [1, () => `[${Array.from({ length: r.int(0, 3) }, () => literal(r)).join(', ')}]`],
    [1, () => `{ ${r.pick(['id', 'nameContains', 'field', 'x'])}: ${literal(r)} }`],
    [1, () => r.pick(['$undeclared', '$', '"""block\nstring"""', '"\\uD800"', '"\\x41"', '"unterminated'])],
  ])();
}

/** A selection set on Node, `depth` levels of relations deep, with some oddities. */
function nodeSelection(r: Random, depth: number, odd: boolean): string {
  const fields = ['id', 'name', 'kind', 'aliases', '__typename'].filter(() => r.chance(0.6));
  if (fields.length === 0) fields.push('id');
  if (r.chance(0.2)) fields.push('sources { statementId position sentence document { id name } }');
  if (depth > 0) {
    const inner = (): string => nodeSelection(r, depth - 1, odd);
    const relation = r.pick([
      () =>
        `relationships(types: [${r.pick(RELATION_TYPES)}], direction: ${r.pick(['OUT', 'IN', 'BOTH'])}) { id type label direction period { start { value precision firstDay lastDay } end { value } } node { ${inner()} } }`,
      () => `... on Organization { partOf { ${inner()} } units { ${inner()} } location { ${inner()} } }`,
      () => `... on Agreement { status parties { ${inner()} } facilitators { id } period { start { value } } }`,
      () => `partners(first: ${r.int(1, 5)}) { totalCount edges { cursor node { kinds partner { ${inner()} } } } }`,
      () => `... on Organization { agreements { id parties { ${inner()} } } participatedIn { id } }`,
    ])();
    fields.push(relation);
  }
  if (odd) {
    const oddities = [
      'nonexistentField',
      'name(arg: 1)',
      'id { x }',
      '...Undefined',
      '... on Query { __typename }',
      'name @include(if: "yes")',
      'id @skip',
      'kind @x',
      'a1: name a1: kind',
      '__schema { types { name } }',
      'name @deprecated',
      `${Array.from({ length: r.int(5, 40) }, (_, i) => `x${i}: id`).join(' ')}`,
    ];
    if (r.chance(0.5)) fields.push(r.pick(oddities));
  }
  return fields.join(' ');
}

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** Plausible read operations with their variables. */
function readOperation(r: Random, odd = false): Operation {
  // Shallow, or deeper than the depth limit (12): the fuzzer tests refusals, not the cost of deep reads.
  const depth = odd ? r.pick([0, 1, 2, 13, 16]) : r.int(0, 1);
  const sel = (): string => nodeSelection(r, depth, odd);
  const id = (): string => (r.chance(0.85) ? r.pick(SEED_IDS) : r.pick(['ghost', 'IECM', '', 'fz-0', 'a#b']));
  return r.pick<() => Operation>([
    () => ({ query: `query Node($id: ID!) { node(id: $id) { ${sel()} } }`, variables: { id: id() } }),
    () => ({
      query: `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ${sel()} } }`,
      variables: { ids: Array.from({ length: r.int(0, 6) }, id) },
    }),
    () => ({
      query: `query Search($q: String!, $k: [NodeKind!], $n: Int!) { search(query: $q, kinds: $k, first: $n) { score node { ${sel()} } } }`,
      variables: { q: r.pick(SEARCH_SAMPLES), k: r.chance(0.3) ? [r.pick(KINDS)] : null, n: r.int(1, 20) },
    }),
    () => ({
      query: `query Partners($of: ID!, $first: Int, $via: [PartnershipKind!], $at: Date) { partners(of: $of, first: $first, via: $via, activeAt: $at) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kinds period { start { value } } partner { ${sel()} } evidence { id } } } } }`,
      variables: {
        of: id(),
        first: r.int(1, 30),
        via: r.chance(0.3) ? [r.pick(PARTNERSHIP_KINDS)] : null,
        at: r.chance(0.2) ? '2024-06-01' : null,
      },
    }),
    () => ({
      query: `query Around($id: ID!, $d: Int!, $l: Int!) { neighborhood(id: $id, depth: $d, limit: $l) { nodes { ${sel()} } edges { id source target type label } } }`,
      variables: { id: id(), d: r.int(1, 3), l: r.int(1, 300) },
    }),
    () => ({
      query: `query Path($from: ID!, $to: ID!, $h: Int!) { path(from: $from, to: $to, maxHops: $h) { length nodes { id } edges { id type } } }`,
      variables: { from: id(), to: id(), h: r.int(1, 6) },
    }),
    () => ({
      query: `query List($first: Int, $after: String, $filter: NodeFilter) { ${r.pick(['organizations', 'universities', 'cities'])}(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${sel()} } } } }`,
      variables: {
        first: r.int(1, 100),
        after: r.chance(0.2) ? r.pick(['YXJyYXljb25uZWN0aW9uOjA=', 'bm9wZQ==', 'garbage', '']) : null,
        filter: r.chance(0.3) ? { nameContains: r.pick(SEARCH_SAMPLES) } : null,
      },
    }),
    () => ({
      query: `query Agreements($filter: AgreementFilter) { agreements(first: 20, filter: $filter, orderBy: { field: ID, direction: DESC }) { totalCount edges { node { ${sel()} status } } } }`,
      variables: { filter: r.chance(0.5) ? { status: r.pick(['SIGNED', 'NEGOTIATION', 'x']) } : null },
    }),
    () => ({
      query: `query Events($filter: EventFilter) { events(first: 10, filter: $filter) { totalCount edges { node { ${sel()} } } } }`,
      variables: { filter: r.chance(0.5) ? { eventType: r.pick(['SERIES', 'x']) } : null },
    }),
    () => ({
      query: `query Common($ids: [ID!]!) { commonPartners(ids: $ids) { ${sel()} } }`,
      variables: { ids: Array.from({ length: r.int(0, 4) }, id) },
    }),
    () => ({
      query: `query History($id: ID!, $n: Int!) { history(id: $id, first: $n) { id at actor action summary targetIds } }`,
      variables: { id: id(), n: r.int(1, 50) },
    }),
    () => ({
      query: '{ stats { nodes relationships statements nodesByKind { kind count } } health { status } }',
      variables: {},
    }),
    () => ({ query: '{ __schema { queryType { name } types { name fields { name } } } }', variables: {} }),
    () => ({ query: '{ __typename }', variables: {} }),
  ])();
}

const GRAMMAR = ['{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '...', '"', '\\', '#', '\n', ',', '=', '|', '"""'];

/** 1 to 4 random edits of the text: deletions, insertions, duplications, swaps, truncation. */
function mutateText(r: Random, text: string): string {
  let out = text;
  for (let edits = r.int(1, 4); edits > 0; edits -= 1) {
    const at = r.int(0, Math.max(0, out.length - 1));
    const span = r.int(1, 12);
    out = r.pick<() => string>([
      () => out.slice(0, at) + out.slice(at + span),
      () => out.slice(0, at) + r.pick(GRAMMAR) + out.slice(at),
      () => out.slice(0, at) + out.slice(at, at + span).repeat(r.int(2, 30)) + out.slice(at),
      () => out.slice(0, at) + (out[at + 1] ?? '') + (out[at] ?? '') + out.slice(at + 2),
      () => out.slice(0, at),
      () => out.slice(0, at) + r.pick(UNICODE_SAMPLES) + out.slice(at),
      () => out.slice(0, at) + r.pick(GRAMMAR).repeat(r.int(10, 2000)) + out.slice(at),
      () =>
        out.replace(
          /\b(node|search|partners|id|name|first|query)\b/,
          r.pick(['mutation', 'subscription', 'fragment', 'on', '__type', 'x']),
        ),
    ])();
  }
  return out;
}

const json = (value: unknown): string => JSON.stringify(value);

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD instead of throwing like encodeURIComponent). */
const encode = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

function post(category: string, body: string | Buffer, headers: Record<string, string> = {}): HttpFuzz {
  return {
    transport: 'http',
    category,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  };
}

const postOperation = (category: string, op: Operation, headers: Record<string, string> = {}): HttpFuzz =>
  post(category, json({ query: op.query, variables: op.variables }), headers);

/** Variables replaced by values of random types, some missing, some extra. */
function wrongVariables(r: Random): HttpFuzz {
  const op = readOperation(r);
  const variables: Record<string, unknown> = {};
  for (const name of Object.keys(op.variables)) {
    if (r.chance(0.15)) continue;
    variables[name] = r.chance(0.7) ? anyValue(r) : op.variables[name];
  }
  if (r.chance(0.2)) variables[r.pick(['extra', '__proto__', 'constructor'])] = anyValue(r);
  return postOperation('wrong-variables', { query: op.query, variables });
}

/** Arguments written as random literals in the query text. */
function randomArgs(r: Random): HttpFuzz {
  const field = r.pick([
    () => `node(id: ${literal(r)}) { id }`,
    () => `search(query: ${literal(r)}, first: ${literal(r)}, kinds: ${literal(r)}) { score }`,
    () =>
      `partners(of: ${literal(r)}, first: ${literal(r)}, after: ${literal(r)}, activeAt: ${literal(r)}) { totalCount }`,
    () => `neighborhood(id: ${literal(r)}, depth: ${literal(r)}, limit: ${literal(r)}) { nodes { id } }`,
    () => `path(from: ${literal(r)}, to: ${literal(r)}, maxHops: ${literal(r)}, via: ${literal(r)}) { length }`,
    () => `organizations(first: ${literal(r)}, filter: ${literal(r)}, orderBy: ${literal(r)}) { totalCount }`,
    () => `history(id: ${literal(r)}, first: ${literal(r)}) { id }`,
    () => `nodes(ids: ${literal(r)}) { id }`,
    () =>
      `node(id: "iecm") { relationships(types: ${literal(r)}, direction: ${literal(r)}, kinds: ${literal(r)}) { id } }`,
  ])();
  return post('random-args', json({ query: `{ ${field} }` }));
}

/** Broken request bodies. */
function badJson(r: Random): HttpFuzz {
  const valid = json({ query: '{ health { status } }' });
  const body = r.pick<() => string | Buffer>([
    () => valid.slice(0, r.int(0, valid.length - 1)),
    () => r.pick(['', '{', '}', '[]', 'null', '123', '"text"', 'true', '{"query": }', "{'query': '{ __typename }'}"]),
    () => json({ query: anyValue(r) }),
    () => json({ query: '{ __typename }', variables: r.pick(['x', 1, [1], true]) }),
    () => json({ query: '{ __typename }', operationName: anyValue(r) }),
    () => json({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
    () =>
      json({
        extensions: { persistedQuery: { version: r.pick([1, 2, 'x']), sha256Hash: r.string(64, 'abcdef0123456789') } },
      }),
    () => json([{ query: '{ __typename }' }, { query: '{ health { status } }' }]),
    () =>
      `{"query":"query($v: String) { __typename }","variables":{"v":${'['.repeat(r.int(1_000, 60_000))}${']'.repeat(r.int(0, 10))}}}`,
    () =>
      `{"query":"query($v: JSON) { __typename }","variables":{"v":${'{"a":'.repeat(r.int(1_000, 20_000))}1${'}'.repeat(r.int(0, 20_000))}}}`,
    () => Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00, 0x71, 0x00]),
    () => `\uFEFF${valid}`,
    () => `${valid}${valid}`,
    () => valid.replace('"query"', `"query", ${'"a": 1, '.repeat(r.int(100, 20_000))} "b"`),
    () => json({ query: '{ __typename }', __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
  ])();
  return post('bad-json', body);
}

/** Huge strings in variables, literals and the query itself, around the 1 MB body limit. */
function huge(r: Random): HttpFuzz {
  const size = r.pick([10_000, 100_000, 500_000, 1_000_000, 1_100_000]);
  const big = r
    .string(Math.min(size, 64), 'ab ñ🗳')
    .repeat(Math.ceil(size / 64))
    .slice(0, size);
  return r.pick<() => HttpFuzz>([
    () => postOperation('huge', { query: 'query($q: String!) { search(query: $q) { score } }', variables: { q: big } }),
    () => postOperation('huge', { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: big } }),
    () => post('huge', json({ query: `{ search(query: ${json(big)}) { score } }` })),
    () => post('huge', json({ query: `{ ${'__typename '.repeat(Math.floor(size / 11))}}` })),
    () => post('huge', json({ query: `# ${big}\n{ __typename }` })),
    () => postOperation('huge', { query: '{ __typename }', variables: { unused: big } }),
  ])();
}

/** Unicode in ids, search strings, filters and names. */
function unicode(r: Random): HttpFuzz {
  const text = r.pick(UNICODE_SAMPLES) + (r.chance(0.3) ? r.pick(UNICODE_SAMPLES) : '');
  return r.pick<() => HttpFuzz>([
    () =>
      postOperation('unicode', {
        query: 'query($q: String!) { search(query: $q) { score node { id } } }',
        variables: { q: text },
      }),
    () => postOperation('unicode', { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id: text } }),
    () =>
      postOperation('unicode', {
        query: 'query($f: NodeFilter) { organizations(first: 5, filter: $f) { totalCount } }',
        variables: { f: { nameContains: text, locatedIn: text } },
      }),
    () => post('unicode', json({ query: `{ node(id: ${json(text)}) { id ${text.replace(/[^\p{L}]/gu, '')} } }` })),
    () => post('unicode', json({ query: `{ ${text} }` })),
  ])();
}

const PATHS = [
  '/',
  '/graphql/',
  '/GRAPHQL',
  '//graphql',
  '/graphql;x',
  '/graphql%00',
  '/healthz',
  '/readyz',
  '/explorer',
  '/explorer/main.js',
  '/explorer/../../package.json',
  '/ide',
  '/export/graph.json',
  '/export/nodes.csv',
  '/export/__proto__',
  '/export/constructor',
  '/export/toString',
  '/export/hasOwnProperty',
  '/export/valueOf',
  '/export/%2e%2e%2fpackage.json',
  '/export/%E0%A4%A',
  '/export/',
  '/%',
  '/..%2f..%2fetc%2fpasswd',
  '/node_modules/graphiql/package.json',
  '/.env',
  '/favicon.ico',
];

/** Other methods, paths and GETs of /graphql. */
function httpMisc(r: Random): HttpFuzz {
  const method = r.pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO']);
  const getGraphql = (): string => {
    const op = r.chance(0.5) ? readOperation(r) : { query: mutateText(r, readOperation(r).query), variables: {} };
    const query = r.chance(0.1) ? 'mutation { deleteNode(id: "iecm") }' : op.query;
    const variables = r.chance(0.2) ? r.pick(['{bad', '[]', 'null', '"x"']) : json(op.variables);
    const extra = r.chance(0.1) ? `&operationName=${encode(r.pick(['Nope', '', 'Node']))}` : '';
    return `/graphql?query=${encode(query)}&variables=${encode(variables)}${extra}`;
  };
  const path = r.weighted<() => string>([
    [4, getGraphql],
    [3, () => r.pick(PATHS)],
    [1, () => `/${r.string(r.int(1, 30), 'abcxyz/._-~%20')}`],
    [1, () => `/export/${r.string(r.int(1, 3000), 'abcdefghij.%')}`],
  ])();
  const headers: Record<string, string> = {};
  if (r.chance(0.5)) headers['apollo-require-preflight'] = 'true';
  if (r.chance(0.2)) headers['content-type'] = 'application/json';
  const body = method === 'GET' || method === 'HEAD' || r.chance(0.5) ? undefined : json({ query: '{ __typename }' });
  return { transport: 'http', category: 'http-misc', method, path, headers, body };
}

/** POSTs with the wrong or odd content types and encodings. */
function contentTypes(r: Random): HttpFuzz {
  const body = json(readOperation(r));
  const headers = r.pick<Record<string, string>>([
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/x-www-form-urlencoded' },
    { 'content-type': 'multipart/form-data; boundary=x' },
    { 'content-type': 'application/json; charset=latin1' },
    { 'content-type': 'application/json; charset=utf-16' },
    { 'content-type': 'application/graphql' },
    { 'content-type': 'application/graphql-response+json' },
    { 'content-type': '' },
    { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    { 'content-type': 'application/json', 'content-encoding': 'deflate' },
    { 'content-type': 'application/json', 'content-encoding': 'br' },
    { 'content-type': 'application/json', 'content-encoding': 'zstd' },
    { 'content-type': 'application/json', accept: 'text/html' },
    { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    { 'content-type': 'application/json', accept: 'image/png;q=2, */*;q=-1' },
    { 'content-type': 'application/json', 'x-apollo-operation-name': 'x'.repeat(5_000) },
    { 'content-type': 'application/json', cookie: `a=${'x'.repeat(20_000)}` },
    { 'content-type': 'application/json', origin: 'null', 'access-control-request-method': 'POST' },
    { 'content-type': 'application/json', 'x-forwarded-for': '1.2.3.4, '.repeat(200) },
  ]);
  return { transport: 'http', category: 'content-type', method: 'POST', path: '/graphql', headers, body };
}

const rawHttp = (head: string, body = ''): Buffer => Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');

/** Requests Node's client would refuse to send: bad framing, bytes and methods. */
function raw(r: Random): RawFuzz {
  const query = json({ query: '{ __typename }' });
  const bytes = r.pick<() => Buffer>([
    () => rawHttp('FOO /graphql HTTP/1.1\r\nHost: x\r\nConnection: close'),
    () => rawHttp('GET / HTTP/1.1\r\nConnection: close'),
    () => rawHttp('GET /graphql HTTP/9.9\r\nHost: x\r\nConnection: close'),
    () =>
      rawHttp(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${query.length}\r\nContent-Length: 3\r\nConnection: close`,
        query,
      ),
    () =>
      rawHttp(
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close',
        `zz\r\n${query}\r\n0\r\n\r\n`,
      ),
    () =>
      rawHttp(
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close',
        `${(5).toString(16)}\r\n${query.slice(0, 5)}\r\n${(query.length - 5).toString(16)}\r\n${query.slice(5)}\r\n0\r\n\r\n`,
      ),
    () =>
      rawHttp(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${query.length}\r\nTransfer-Encoding: chunked\r\nConnection: close`,
        query,
      ),
    () => rawHttp(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\nConnection: close`),
    () => rawHttp(`GET /healthz HTTP/1.1\r\nHost: x\r\nNo colon here\r\nConnection: close`),
    () => rawHttp(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\nConnection: close`),
    () => rawHttp('GET /a b c HTTP/1.1\r\nHost: x\r\nConnection: close'),
    () => rawHttp('GET /%%%zz HTTP/1.1\r\nHost: x\r\nConnection: close'),
    () => rawHttp(`GET /export/${'%E0%A4%A'} HTTP/1.1\r\nHost: x\r\nConnection: close`),
    () => rawHttp('GET http://evil.example/graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: x\r\nConnection: close'),
    () => rawHttp('OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close'),
    () => rawHttp('GET /healthz HTTP/1.0'),
    () => Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n${'garbage\r\n'.repeat(r.int(1, 50))}\r\n`, 'latin1'),
    () =>
      rawHttp(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\nConnection: close`,
        `${query}GARBAGE / HTTP/1.1\r\n\r\n`,
      ),
    () =>
      rawHttp(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${query.length}\r\nConnection: close`,
        query,
      ),
    () => rawHttp(`GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade, close`),
    () =>
      rawHttp(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${'é'.repeat(30)}\r\nContent-Length: ${query.length}\r\nConnection: close`,
        query,
      ),
    () => Buffer.from(r.string(r.int(1, 400), 'GET POST/\r\n:abc\u0000\u00ff'), 'latin1'),
  ])();
  return { transport: 'raw', category: 'raw', bytes };
}

const MUTATIONS: ((r: Random) => Operation)[] = [
  (r) => ({
    query: 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id } }',
    variables: {
      input: {
        id: `fz-unauth-${r.int(0, 999)}`,
        kind: r.pick(KINDS),
        name: 'x',
        sources: [{ statementId: `${DOC}#5` }],
      },
    },
  }),
  (r) => ({
    query: 'mutation ($id: ID!, $input: UpdateNodeInput!) { updateNode(id: $id, input: $input) { id name } }',
    variables: { id: r.pick(SEED_IDS), input: { name: 'Hijacked', sources: [{ statementId: `${DOC}#5` }] } },
  }),
  (r) => ({ query: 'mutation ($id: ID!) { deleteNode(id: $id) }', variables: { id: r.pick(SEED_IDS) } }),
  (r) => ({ query: 'mutation ($id: ID!) { restoreNode(id: $id) { id } }', variables: { id: r.pick(SEED_IDS) } }),
  (r) => ({
    query: 'mutation ($a: ID!, $b: ID!) { mergeNodes(survivorId: $a, mergedId: $b) { id } }',
    variables: { a: r.pick(SEED_IDS), b: r.pick(SEED_IDS) },
  }),
  (r) => ({
    query: 'mutation ($input: LinkInput!) { link(input: $input) { id } }',
    variables: {
      input: {
        from: r.pick(SEED_IDS),
        to: r.pick(SEED_IDS),
        type: r.pick(RELATION_TYPES),
        sources: [{ statementId: `${DOC}#3` }],
      },
    },
  }),
  (r) => ({ query: 'mutation ($id: ID!) { unlink(id: $id) }', variables: { id: `iecm-PARTY_TO-${r.pick(SEED_IDS)}` } }),
  (r) => ({
    query: 'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }',
    variables: {
      input: {
        id: 'fz-unauth-agreement',
        name: 'x',
        parties: ['iecm', r.pick(SEED_IDS)],
        sources: [{ statementId: `${DOC}#5` }],
      },
    },
  }),
  () => ({
    query: 'mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { id } }',
    variables: {
      input: { id: 'fz-unauth-doc', title: 't', url: 'https://example.org', publishedOn: '2024', sentences: ['s'] },
    },
  }),
  () => ({
    query:
      'mutation ($id: ID!, $input: UpdateSourceDocumentInput!) { updateSourceDocument(id: $id, input: $input) { id } }',
    variables: { id: DOC, input: { addSentences: ['Una frase intrusa.'], title: 'Hijacked' } },
  }),
];

/** Writes with no or bad credentials, or an editor's token on admin-only or taken-id writes: all refused. */
function refusedMutation(r: Random, credentials: FuzzCredentials): HttpFuzz {
  const op = r.pick(MUTATIONS)(r);
  if (r.chance(0.15)) {
    // An editor may not delete, merge or restore, nor create an id that is taken.
    const admin = r.pick<() => Operation>([
      () => ({ query: 'mutation ($id: ID!) { deleteNode(id: $id) }', variables: { id: r.pick(SEED_IDS) } }),
      () => ({ query: 'mutation ($id: ID!) { restoreNode(id: $id) { id } }', variables: { id: r.pick(SEED_IDS) } }),
      () => ({
        query: 'mutation ($a: ID!, $b: ID!) { mergeNodes(survivorId: $a, mergedId: $b) { id } }',
        variables: { a: 'iecm', b: r.pick(SEED_IDS.filter((id) => id !== 'iecm')) },
      }),
      () => ({
        query: 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id } }',
        variables: {
          input: { id: r.pick(SEED_IDS), kind: r.pick(KINDS), name: 'Taken', sources: [{ statementId: `${DOC}#5` }] },
        },
      }),
    ])();
    return postOperation('editor-refused', admin, { authorization: `Bearer ${credentials.editorToken}` });
  }
  const headers: Record<string, string> = {};
  if (r.chance(0.85)) headers.authorization = r.pick(credentials.badAuthorizations);
  const query = r.chance(0.2) ? mutateText(r, op.query) : op.query;
  return postOperation(
    'unauthenticated',
    { query, variables: r.chance(0.2) ? { input: anyValue(r) } : op.variables },
    headers,
  );
}

/** The namespace writes: valid creates and updates, and broken ones on ids of their own. */
class NamespaceWrites {
  private created = 0;
  private updated = 0;
  private broken = 0;

  constructor(private readonly editorToken: string) {}

  next(r: Random): HttpFuzz {
    const auth = { authorization: `Bearer ${this.editorToken}` };
    const statement = `${DOC}#${r.int(1, 11)}`;
    // Update a node created at least 40 requests of this kind earlier: long acknowledged when the update runs.
    if (this.created > 40 && this.updated < this.created - 40 && r.chance(0.35)) {
      const id = `${NAMESPACE}${this.updated++}`;
      const op = {
        query: 'mutation ($id: ID!, $input: UpdateNodeInput!) { updateNode(id: $id, input: $input) { id name } }',
        variables: {
          id,
          input: {
            name: `Renombrado ${id} ${r.pick(UNICODE_SAMPLES.slice(0, 4))}`,
            sources: [{ statementId: statement }],
          },
        },
      };
      return { ...postOperation('namespace-write', op, auth), write: { op: 'updateNode', id } };
    }
    if (r.chance(0.3)) {
      const id = `${NAMESPACE}broken-${this.broken++}`;
      const input: Record<string, unknown> = {
        id,
        kind: r.pick(KINDS),
        name: `Roto ${id}`,
        sources: [{ statementId: statement }],
      };
      const field = r.pick(['kind', 'name', 'aliases', 'details', 'sources', 'id', 'extra']);
      input[field] = r.pick([
        anyValue(r),
        r.pick(UNICODE_SAMPLES),
        'x'.repeat(r.int(1, 200_000)),
        [],
        { eventCount: 'many', periodStart: '2024-13-45', periodEnd: '1999' },
      ]);
      if (field === 'id') input.id = `${NAMESPACE}${r.pick(UNICODE_SAMPLES)}`;
      if (field === 'sources') input.sources = r.pick([[], [{ statementId: 'nope#1' }], [{}], anyValue(r)]);
      const op = {
        query: 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id name } }',
        variables: { input },
      };
      const target = typeof input.id === 'string' ? input.id : id;
      return { ...postOperation('namespace-write', op, auth), write: { op: 'createNode', id: target } };
    }
    const id = `${NAMESPACE}${this.created++}`;
    const op = {
      query: 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id name } }',
      variables: {
        input: {
          id,
          kind: r.pick(KINDS),
          name: `Nodo ${id} ${r.pick(UNICODE_SAMPLES.slice(0, 6))}`,
          aliases: r.chance(0.3) ? [r.pick(UNICODE_SAMPLES.slice(0, 4))] : undefined,
          sources: [{ statementId: statement }],
        },
      },
    };
    return { ...postOperation('namespace-write', op, auth), write: { op: 'createNode', id } };
  }
}

export function generateFuzzRequests(seed: number, count: number, credentials: FuzzCredentials): FuzzRequest[] {
  const r = new Random(seed);
  const writes = new NamespaceWrites(credentials.editorToken);
  const generators: (readonly [number, () => FuzzRequest])[] = [
    [8, () => postOperation('valid-read', readOperation(r))],
    [
      16,
      () =>
        post(
          'mutated-query',
          json({ query: mutateText(r, readOperation(r).query), variables: readOperation(r).variables }),
        ),
    ],
    [12, () => wrongVariables(r)],
    [10, () => postOperation('odd-selection', readOperation(r, true))],
    [9, () => randomArgs(r)],
    [7, () => badJson(r)],
    [1, () => huge(r)],
    [5, () => unicode(r)],
    [8, () => httpMisc(r)],
    [5, () => contentTypes(r)],
    [4, () => raw(r)],
    [9, () => refusedMutation(r, credentials)],
    [6, () => writes.next(r)],
  ];
  return Array.from({ length: count }, () => r.weighted(generators)());
}
