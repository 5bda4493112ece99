/**
 * The batch path for many articles: `analyze` turns each .txt file into a review file (JSON) holding what
 * `analyzeDocument` proposes, every proposal accepted or rejected by its confidence and editable by hand;
 * `commit-reviewed` commits the reviewed files through `commitDocument`. Both speak to a running server over its
 * public GraphQL API, with an editor token, exactly as the workbench does.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countEnumName, countPropertyOf } from '../model/stated-counts';

export const REVIEW_FORMAT = 'iecm-review/1';
export const REVIEW_SUFFIX = '.review.json';
/** Proposals at least this sure are accepted by default; the rest are written rejected, for the reviewer. */
export const ACCEPT_CONFIDENCE = 0.6;

export interface ArticleFile {
  title: string;
  body: string;
  url: string | null;
  publishedAt: string | null;
  publisher: string | null;
}

/**
 * A .txt article: optional `source:`, `url:`, `date:` header lines and a blank line, then the title, a blank line
 * and the body (the dev corpus's format). Without a header the first line is the title.
 */
export function parseArticle(raw: string): ArticleFile {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const header = /^(?:[a-z]+:[^\n]*\n)+\n/.exec(text);
  const field = (name: string): string | null => {
    const value = header ? new RegExp(`^${name}:(.*)$`, 'm').exec(header[0])?.[1]?.trim() : undefined;
    return value ? value : null;
  };
  if (header) text = text.slice(header[0].length);
  const lines = text.trim().split('\n');
  const title = (lines[0] ?? '').trim();
  const body = lines.slice(1).join('\n').trim();
  const date = field('date');
  return {
    title,
    body,
    url: field('url'),
    publishedAt: date && /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : null,
    publisher: field('source'),
  };
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

// ---- the analysis, as the API answers it ----

interface AnalysisRef {
  nodeId: string | null;
  name: string;
}
export interface AnalyzedSentence {
  index: number;
  text: string;
  mentions: { text: string; confidence: number; node: { id: string; kind: string; name: string } }[];
  candidates: { name: string; kind: string; aliases: string[]; confidence: number }[];
  relations: { type: string; source: AnalysisRef; target: AnalysisRef; cue: string; confidence: number }[];
  quantities: { value: number; text: string; about: string | null }[];
}

export const ANALYZE_QUERY = `mutation ($input: AnalyzeDocumentInput!) { analyzeDocument(input: $input) { sentences {
  index text
  mentions { text confidence node { id kind name } }
  candidates { name kind aliases confidence }
  relations { type source { nodeId name } target { nodeId name } cue confidence }
  quantities { value text about } } } }`;

export const COMMIT_QUERY = `mutation ($input: CommitDocumentInput!) { commitDocument(input: $input) {
  alreadyCommitted statements document { id } nodes { id } relationships { id } } }`;

// ---- the review file ----

export interface ReviewFile {
  format: typeof REVIEW_FORMAT;
  /** Set it to true once read; commit-reviewed commits only reviewed files (unless --all). */
  reviewed: boolean;
  source: string;
  document: {
    id: string;
    title: string;
    url: string | null;
    publishedAt: string | null;
    publisher: string | null;
    text: string;
  };
  /** For reading: each sentence by its position (0 is the title), which `sentences` below refer to. */
  sentences: string[];
  nodes: {
    accepted: boolean;
    id: string;
    kind: string;
    name: string;
    aliases: string[];
    sentences: number[];
    confidence: number;
    /** An existing node this proposal is, instead of a new node. */
    sameAs?: string;
  }[];
  citations: { accepted: boolean; nodeId: string; name: string; sentences: number[] }[];
  relationships: {
    accepted: boolean;
    from: string;
    type: string;
    to: string;
    sentences: number[];
    cue: string;
    confidence: number;
    periodStart?: string;
    periodEnd?: string;
  }[];
  counts: { accepted: boolean; nodeId: string; property: string; value: number; sentences: number[]; text: string }[];
  /** Written by commit-reviewed after the commit; a file that has it is skipped. */
  committed?: { at: string; documentId: string; alreadyCommitted: boolean };
}

const add = (list: number[], n: number): void => {
  if (!list.includes(n)) list.push(n);
};

/** The review of one analysed article: every proposal gathered across sentences, accepted by its confidence. */
export function buildReview(sourceName: string, article: ArticleFile, analysed: AnalyzedSentence[]): ReviewFile {
  const nodes = new Map<string, ReviewFile['nodes'][number]>();
  const citations = new Map<string, ReviewFile['citations'][number]>();
  const relationships = new Map<string, ReviewFile['relationships'][number]>();
  const counts: ReviewFile['counts'] = [];
  const proposeNode = (name: string, kind: string, sentence: number, confidence: number, aliases: string[] = []) => {
    const id = slug(name);
    const node = nodes.get(id) ?? { accepted: false, id, kind, name, aliases: [], sentences: [], confidence: 0 };
    node.confidence = Math.max(node.confidence, confidence);
    node.accepted = node.confidence >= ACCEPT_CONFIDENCE;
    add(node.sentences, sentence);
    for (const alias of aliases) if (!node.aliases.includes(alias)) node.aliases.push(alias);
    nodes.set(id, node);
    return node;
  };
  const proposeLink = (from: string, type: string, to: string, sentence: number, cue: string, confidence: number) => {
    const key = `${from}|${type}|${to}`;
    const link = relationships.get(key) ?? { accepted: false, from, type, to, sentences: [], cue, confidence: 0 };
    link.confidence = Math.max(link.confidence, confidence);
    link.accepted = link.confidence >= ACCEPT_CONFIDENCE;
    add(link.sentences, sentence);
    relationships.set(key, link);
  };
  const refId = (ref: AnalysisRef) => ref.nodeId ?? slug(ref.name);
  for (const sentence of analysed) {
    for (const candidate of sentence.candidates)
      proposeNode(candidate.name, candidate.kind, sentence.index, candidate.confidence, candidate.aliases);
    for (const mention of sentence.mentions) {
      const citation = citations.get(mention.node.id) ?? {
        accepted: true,
        nodeId: mention.node.id,
        name: mention.node.name,
        sentences: [],
      };
      add(citation.sentences, sentence.index);
      citations.set(mention.node.id, citation);
    }
    for (const relation of sentence.relations) {
      const from = refId(relation.source);
      const to = refId(relation.target);
      if (relation.type === 'AGREEMENT_WITH') {
        // An agreement between the two ends: a new agreement node both ends are party to.
        const agreement = proposeNode(
          `Convenio entre ${relation.source.name} y ${relation.target.name}`,
          'AGREEMENT',
          sentence.index,
          relation.confidence,
        );
        proposeLink(from, 'PARTY_TO', agreement.id, sentence.index, relation.cue, relation.confidence);
        proposeLink(to, 'PARTY_TO', agreement.id, sentence.index, relation.cue, relation.confidence);
      } else {
        proposeLink(from, relation.type, to, sentence.index, relation.cue, relation.confidence);
      }
    }
    // A count is proposed only when the words say what it counts and the sentence names a known node; it starts
    // rejected, because the number's subject is a guess.
    for (const quantity of sentence.quantities) {
      const counted = countPropertyOf(quantity.about ?? '');
      const property = counted && countEnumName(counted);
      const subject = sentence.mentions[0]?.node.id;
      if (property && subject)
        counts.push({
          accepted: false,
          nodeId: subject,
          property,
          value: quantity.value,
          sentences: [sentence.index],
          text: `${quantity.text} ${quantity.about ?? ''}`.trim(),
        });
    }
  }
  return {
    format: REVIEW_FORMAT,
    reviewed: false,
    source: sourceName,
    document: {
      id: slug(path.basename(sourceName).replace(/\.[^.]*$/, '')) || slug(article.title),
      title: article.title,
      url: article.url,
      publishedAt: article.publishedAt,
      publisher: article.publisher,
      text: article.body,
    },
    sentences: analysed.map((s) => s.text),
    nodes: [...nodes.values()],
    citations: [...citations.values()],
    relationships: [...relationships.values()],
    counts,
  };
}

export class ReviewError extends Error {
  override name = 'ReviewError';
}

/**
 * The commitDocument input of a review: the accepted items only. An accepted relationship or count whose end is
 * neither an accepted node of the file nor a known node is an error naming it, never silently left out.
 */
export function commitInput(review: ReviewFile): Record<string, unknown> {
  const { document } = review;
  if (!document.url) throw new ReviewError('the document has no url: add one (a url: header line, or document.url)');
  const nodes = review.nodes.filter((n) => n.accepted);
  const rejected = new Set(review.nodes.filter((n) => !n.accepted).map((n) => n.id));
  const ids = new Map<string, string>(nodes.map((n) => [n.id, n.sameAs ?? n.id]));
  const problems: string[] = [];
  const end = (id: string, what: string): string => {
    if (rejected.has(id) && !ids.has(id)) problems.push(`${what}: "${id}" is a rejected node`);
    return ids.get(id) ?? id;
  };
  const relationships = review.relationships
    .filter((r) => r.accepted)
    .map((r) => {
      const what = `relationship ${r.from} ${r.type} ${r.to}`;
      return {
        from: end(r.from, what),
        type: r.type,
        to: end(r.to, what),
        sentences: r.sentences,
        ...(r.periodStart ? { periodStart: r.periodStart } : {}),
        ...(r.periodEnd ? { periodEnd: r.periodEnd } : {}),
      };
    });
  const counts = review.counts
    .filter((c) => c.accepted)
    .map((c) => ({
      nodeId: end(c.nodeId, `count ${c.property} of ${c.nodeId}`),
      property: c.property,
      value: c.value,
      sentences: c.sentences,
    }));
  if (problems.length > 0) throw new ReviewError(problems.join('; '));
  return {
    id: document.id,
    title: document.title,
    url: document.url,
    ...(document.publishedAt ? { publishedAt: document.publishedAt } : {}),
    ...(document.publisher ? { publisher: document.publisher } : {}),
    text: document.text,
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      aliases: n.aliases,
      sentences: n.sentences,
      ...(n.sameAs ? { sameAs: n.sameAs } : {}),
    })),
    citations: review.citations.filter((c) => c.accepted).map((c) => ({ nodeId: c.nodeId, sentences: c.sentences })),
    relationships,
    counts,
  };
}

// ---- the API client ----

export interface ApiClient {
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(code ? `${code}: ${message}` : message);
  }
}

/** Posts GraphQL to `url` with the bearer token; an answer with errors throws them, with their code. */
export function apiClient(url: string, token: string): ApiClient {
  return {
    async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        throw new ApiError(`cannot reach ${url}${cause}`, undefined);
      }
      const text = await response.text();
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new ApiError(`HTTP ${response.status}: ${text.slice(0, 200)}`, undefined);
      }
      const [first] = body.errors ?? [];
      if (first) throw new ApiError(body.errors!.map((e) => e.message).join('; '), first.extensions?.code);
      if (!body.data) throw new ApiError(`HTTP ${response.status} without data`, undefined);
      return body.data;
    },
  };
}

// ---- the two steps ----

export interface FileOutcome {
  file: string;
  status: 'written' | 'committed' | 'already-committed' | 'skipped' | 'not-reviewed' | 'failed';
  message?: string;
}

/** Analyses each file and writes `<name>.review.json` into `outDir`; a failing file is reported, the rest go on. */
export async function analyzeFiles(
  client: ApiClient,
  files: readonly string[],
  outDir: string,
  onDone: (outcome: FileOutcome) => void = () => {},
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    let outcome: FileOutcome;
    try {
      const article = parseArticle(await readFile(file, 'utf8'));
      if (!article.title || !article.body) throw new ReviewError('no title line and body');
      const data = await client.graphql<{ analyzeDocument: { sentences: AnalyzedSentence[] } }>(ANALYZE_QUERY, {
        input: {
          title: article.title,
          text: article.body,
          ...(article.url ? { url: article.url } : {}),
          ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
          ...(article.publisher ? { publisher: article.publisher } : {}),
        },
      });
      const review = buildReview(path.basename(file), article, data.analyzeDocument.sentences);
      const target = path.join(outDir, `${path.basename(file).replace(/\.[^.]*$/, '')}${REVIEW_SUFFIX}`);
      await writeJson(target, review);
      outcome = { file, status: 'written', message: target };
    } catch (error) {
      outcome = { file, status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    outcomes.push(outcome);
    onDone(outcome);
  }
  return outcomes;
}

/** The review files of a folder, by name. */
export async function reviewFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith(REVIEW_SUFFIX))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Commits every reviewed file of `dir` (every file with `all`), one `commitDocument` each. A file already
 * committed is skipped without a request; a file that fails is reported and the others go on. After a commit the
 * file records it, so running the command again writes nothing twice (and the API's idempotency on the URL
 * answers `alreadyCommitted` should the record be lost).
 */
export async function commitReviewed(
  client: ApiClient,
  dir: string,
  options: { all?: boolean; onStart?: (total: number) => void; onDone?: (outcome: FileOutcome) => void } = {},
): Promise<FileOutcome[]> {
  const files = await reviewFiles(dir);
  options.onStart?.(files.length);
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    let outcome: FileOutcome;
    try {
      const review = JSON.parse(await readFile(file, 'utf8')) as ReviewFile;
      if (review.format !== REVIEW_FORMAT) throw new ReviewError(`not a review file (format ${String(REVIEW_FORMAT)})`);
      if (review.committed) outcome = { file, status: 'skipped', message: `committed at ${review.committed.at}` };
      else if (!review.reviewed && !options.all)
        outcome = { file, status: 'not-reviewed', message: 'set "reviewed": true to commit it' };
      else {
        const data = await client.graphql<{
          commitDocument: { alreadyCommitted: boolean; document: { id: string } };
        }>(COMMIT_QUERY, { input: commitInput(review) });
        const { alreadyCommitted, document } = data.commitDocument;
        review.committed = { at: new Date().toISOString(), documentId: document.id, alreadyCommitted };
        await writeJson(file, review);
        outcome = { file, status: alreadyCommitted ? 'already-committed' : 'committed' };
      }
    } catch (error) {
      outcome = { file, status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    outcomes.push(outcome);
    options.onDone?.(outcome);
  }
  return outcomes;
}

/** Written whole or not at all: a crash mid-write leaves the previous file. */
async function writeJson(file: string, value: unknown): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(value, null, 2)}\n`);
  await rename(partial, file);
}
