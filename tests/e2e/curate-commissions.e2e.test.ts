/**
 * The "7-sentence commissions case" of issue 17, in a real browser on the real server over the whole seed: an
 * article written for this test (tests/fixtures/curate/iecm-tres-comisiones.txt) in which the IECM's Consejo General
 * creates three commissions, names their chairs and members, calls the IECM "el Instituto Electoral" once, speaks of
 * "vínculos de colaboración" (no agreement) and restates the COVIN's chair (a stored fact, which must gain a source).
 *
 * The test reviews it as an editor would: whatever the analysis proposes wrongly is rejected, whatever it misses is
 * added through the workbench (selecting text, clicking two highlights), and every user action is counted: the
 * whole review, sign-in to commit, must take at most 15. Then the graph must hold exactly the article's facts.
 *
 * It needs `sameAs` on CommitNodeInput and corroboration in commitDocument (the commit semantics of issue 17) and
 * the analysis to find most of the article's facts (issue 17, part 1) to stay within 15 interactions.
 */
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import type { Database } from '../../src/db/database';
import { cypherRow, cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import { launchChromium, openWatchedPage, saveScreenshot, TEST_RESULTS_DIR, type WatchedPage } from './support/browser';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const ARTICLE = path.resolve(__dirname, '../fixtures/curate/iecm-tres-comisiones.txt');
const DOC = 'el-iecm-crea-tres-comisiones-nuevas';
const MAX_INTERACTIONS = 15;

const CONSEJO = 'Consejo General del IECM';
const ARCHIVO = 'Comisión de Archivo Electoral';
const FISCALIZACION = 'Comisión de Fiscalización Ciudadana';
const INNOVACION = 'Comisión de Innovación Democrática';
const COVIN = 'Comisión Provisional de Vinculación Institucional';
const CECILIA = 'Cecilia Aída Hernández Cruz';

/** The new entities, with the sentence that names them first. */
const NEW_ENTITIES: { name: string; kind: string; sentence: number }[] = [
  { name: ARCHIVO, kind: 'COMMISSION', sentence: 2 },
  { name: FISCALIZACION, kind: 'COMMISSION', sentence: 4 },
  { name: INNOVACION, kind: 'COMMISSION', sentence: 5 },
  { name: 'Laura Méndez Ortega', kind: 'PERSON', sentence: 2 },
  { name: 'Rubén Salas Ibarra', kind: 'PERSON', sentence: 3 },
  { name: 'Marisol Cantú Reyes', kind: 'PERSON', sentence: 3 },
  { name: 'Tomás Elizondo Vega', kind: 'PERSON', sentence: 4 },
  { name: 'Adriana Lugo Peña', kind: 'PERSON', sentence: 4 },
  { name: 'Gabriel Ochoa Rivas', kind: 'PERSON', sentence: 5 },
  { name: 'Daniel Fuentes Mora', kind: 'PERSON', sentence: 5 },
];
/** Every relationship the article states, with the sentence that states it (both ends are named there). */
const FACTS: { from: string; type: string; to: string; sentence: number }[] = [
  ...[ARCHIVO, FISCALIZACION, INNOVACION].map((to) => ({ from: CONSEJO, type: 'CREATED', to, sentence: 1 })),
  { from: 'Laura Méndez Ortega', type: 'CHAIRS', to: ARCHIVO, sentence: 2 },
  ...['Laura Méndez Ortega', 'Rubén Salas Ibarra', 'Marisol Cantú Reyes'].map((from) => ({
    from,
    type: 'MEMBER_OF',
    to: ARCHIVO,
    sentence: 3,
  })),
  { from: 'Tomás Elizondo Vega', type: 'CHAIRS', to: FISCALIZACION, sentence: 4 },
  ...['Tomás Elizondo Vega', 'Sonia Pérez Pérez', 'Adriana Lugo Peña'].map((from) => ({
    from,
    type: 'MEMBER_OF',
    to: FISCALIZACION,
    sentence: 4,
  })),
  { from: 'Gabriel Ochoa Rivas', type: 'CHAIRS', to: INNOVACION, sentence: 5 },
  ...['Gabriel Ochoa Rivas', 'Erika Estrada Ruiz', 'Daniel Fuentes Mora'].map((from) => ({
    from,
    type: 'MEMBER_OF',
    to: INNOVACION,
    sentence: 5,
  })),
  // Stored already (the Crónica article on the COVIN): it gains this document's sentence as a source.
  { from: CECILIA, type: 'CHAIRS', to: COVIN, sentence: 7 },
];
const factLabel = (f: { from: string; type: string; to: string }) => `${f.from} ${f.type} ${f.to}`;

let db: Database;
let server: TestServer;
let browser: Browser;
let watched: WatchedPage;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  server = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
  browser = await launchChromium();
  watched = await openWatchedPage(browser, server.url);
});
afterAll(async () => {
  // The count, and what each interaction was, for the report whatever the outcome.
  console.log(`commissions case: ${interactions.length} interactions:\n  ${interactions.join('\n  ')}`);
  await watched?.close();
  await browser?.close();
  await server?.close();
  await db?.close();
});

/** Every user action goes through here: a click, a selection, a choice in a list, a group of keystrokes. */
const interactions: string[] = [];
async function act(what: string, action: () => Promise<unknown>): Promise<void> {
  interactions.push(what);
  await action();
}

/** Selects `text` in sentence `index` as a mouse drag over it would. */
async function selectText(page: Page, index: number, text: string): Promise<void> {
  await page.evaluate(
    ({ index, text }) => {
      const paragraph = document.querySelector(`#sentences > li[data-index="${index}"] .sentence-text`);
      if (!paragraph) throw new Error(`no sentence ${index}`);
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const pieces: { node: Node; at: number }[] = [];
      let full = '';
      while (walker.nextNode()) {
        pieces.push({ node: walker.currentNode, at: full.length });
        full += walker.currentNode.textContent ?? '';
      }
      const start = full.indexOf(text);
      if (start < 0) throw new Error(`"${text}" is not in sentence ${index}`);
      const end = start + text.length;
      const locate = (offset: number, atEnd: boolean) => {
        let found: { node: Node; at: number } | undefined;
        for (const p of pieces) if (atEnd ? p.at < offset : p.at <= offset) found = p;
        if (!found) throw new Error('no text node');
        return { node: found.node, offset: offset - found.at };
      };
      const range = document.createRange();
      const from = locate(start, false);
      const to = locate(end, true);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    { index, text },
  );
}

/** The names of the proposed new entities that are accepted, and the labels of the accepted relationships. */
async function reviewState(page: Page): Promise<{ nodes: string[]; links: string[]; mentions: string[] }> {
  return {
    nodes: (await page.locator('.proposal.node:not(.rejected) .node-name').allTextContents()).map((t) =>
      t.replace(/^«|»$/g, ''),
    ),
    links: await page
      .locator('.proposal.link:not(.rejected)')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.label ?? '')),
    mentions: await page.locator('.mention').evaluateAll((marks) => marks.map((m) => m.getAttribute('title') ?? '')),
  };
}

it('commits the 7-sentence commissions case correctly, in at most 15 interactions', async () => {
  const { page } = watched;
  await page.goto(`${server.url}/curate`);
  await act('type the token', () => page.fill('#token', EDITOR_TOKEN));
  await act('sign in', () => page.click('#sign-in'));
  await act('load the article', () => page.setInputFiles('#file', ARTICLE));
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#title')?.value ?? '') !== '');
  await act('analyse', () => page.click('#analyze'));
  await page.waitForSelector('#summary h2');
  expect(await page.locator('#sentences > li').count()).toBe(8);

  // "el Instituto Electoral" is the IECM: link the proposal to it (search as you type), should it be proposed.
  const instituto = page.locator('.proposal.node', {
    has: page.locator('.node-name', { hasText: /^«Instituto Electoral»$/ }),
  });
  if ((await instituto.count()) > 0) {
    await act('search "IECM"', () => instituto.locator('.same-as-search').fill('IECM'));
    await act('pick the IECM', () => instituto.locator('.hits button', { hasText: '(ORGANIZATION, iecm)' }).click());
    await page.waitForSelector('.same-as-chosen');
  }

  // Proposals the article does not support are rejected (an agreement from "vínculos de colaboración", say).
  const wantedNames = new Set(NEW_ENTITIES.map((e) => e.name));
  for (const row of await page.locator('.proposal.node:not(.rejected)').all()) {
    const name = ((await row.locator('.node-name').textContent()) ?? '').replace(/^«|»$/g, '');
    const linked = (await row.locator('.same-as-chosen').count()) > 0;
    if (!wantedNames.has(name) && !linked) await act(`reject «${name}»`, () => row.locator('.accept').uncheck());
  }

  // Entities the analysis missed: select their name in the text and add them.
  for (const entity of NEW_ENTITIES) {
    const { nodes, mentions } = await reviewState(page);
    if (nodes.includes(entity.name) || mentions.some((m) => m.startsWith(`${entity.name} (`))) continue;
    await act(`select «${entity.name}»`, () => selectText(page, entity.sentence, entity.name));
    await page.waitForFunction(
      (name) => document.querySelector<HTMLInputElement>('#select-name')?.value === name,
      entity.name,
    );
    if ((await page.locator('#select-kind').inputValue()) !== entity.kind)
      await act(`kind ${entity.kind}`, () => page.selectOption('#select-kind', entity.kind));
    await act('add entity', () => page.click('#select-add'));
  }

  // Relationships: the wrong ones rejected, the missing ones added by clicking their two ends.
  const wanted = new Set(FACTS.map(factLabel));
  for (const row of await page.locator('.proposal.link:not(.rejected)').all()) {
    const label = (await row.getAttribute('data-label')) ?? '';
    if (!wanted.has(label)) await act(`reject ${label}`, () => row.locator('.accept').uncheck());
  }
  for (const fact of FACTS) {
    if ((await reviewState(page)).links.includes(factLabel(fact))) continue;
    // The first end is clicked in the sentence that states the fact (the relationship cites it); the second where
    // it is highlighted, there if it can be.
    const mark = (name: string, where = '') =>
      page.locator(`#sentences > li${where} [data-ref][title*=${JSON.stringify(name)}]`);
    const inSentence = `[data-index="${fact.sentence}"]`;
    const to = (await mark(fact.to, inSentence).count()) > 0 ? mark(fact.to, inSentence) : mark(fact.to);
    await act(`click ${fact.from}`, () => mark(fact.from, inSentence).first().click());
    await act(`click ${fact.to}`, () => to.first().click());
    if ((await page.locator('#pick-type').inputValue()) !== fact.type)
      await act(`type ${fact.type}`, () => page.selectOption('#pick-type', fact.type));
    await act('add relationship', () => page.click('#pick-add'));
  }
  expect((await reviewState(page)).links.sort()).toEqual([...wanted].sort());

  // The summary before committing: the new nodes, the new relationships, the stored fact that gains a source.
  await page.waitForSelector('#summary[data-ready="true"]');
  const part = (name: string) => page.locator(`#summary .summary-part.${name} li`).allTextContents();
  expect((await part('new-nodes')).length).toBe(NEW_ENTITIES.length);
  expect(await part('gaining')).toEqual([factLabel(FACTS[FACTS.length - 1]!)]);
  expect((await part('new-links')).length).toBe(FACTS.length - 1);
  expect(await part('invalid')).toEqual([]);
  await saveScreenshot(page, 'curate-commissions-review.png');
  // The window as the editor sees it before committing: the last sentences and the summary.
  await page.locator('#sentences > li[data-index="6"]').evaluate((item) => item.scrollIntoView());
  await page.screenshot({ path: path.join(TEST_RESULTS_DIR, 'curate-commissions-summary.png') });

  await act('commit', () => page.click('#commit'));
  await page.waitForFunction(
    () =>
      document.querySelector('#open-explorer') ?? /^Error/.test(document.querySelector('#status')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  expect(await page.locator('#status').textContent()).toBe('Committed.');
  expect(await page.locator('#result').textContent()).toContain('Committed: 8 sentences');

  // The graph holds exactly the article's facts, each citing its sentence, and nothing twice.
  const written = await cypherRows<{ from: string; type: string; to: string; sources: string[] }>(
    db,
    `MATCH (a)-[r]->(b) WHERE any(s IN r.sourceRefs WHERE s STARTS WITH $doc)
     RETURN a.name AS from, type(r) AS type, b.name AS to, r.sourceRefs AS sources`,
    { doc: `${DOC}#` },
  );
  expect(written.map(factLabel).sort()).toEqual([...wanted].sort());
  for (const fact of FACTS) {
    const edge = written.find((w) => factLabel(w) === factLabel(fact));
    expect(edge?.sources).toContain(`${DOC}#${fact.sentence}`);
  }
  // The COVIN's chair is one relationship with two sources, not two relationships.
  const chairs = await cypherRows<{ sources: string[] }>(
    db,
    `MATCH (:Person {id: 'cecilia-aida-hernandez-cruz'})-[r:CHAIRS]->(:Commission {id: 'covin'}) RETURN r.sourceRefs AS sources`,
  );
  expect(chairs).toEqual([
    { sources: expect.arrayContaining(['cronica-2025-12-09-iecm-instala-covin#2', `${DOC}#7`]) },
  ]);
  const invented = await cypherRow<{ agreements: number; institutos: number }>(
    db,
    `OPTIONAL MATCH (a:Agreement) WHERE any(s IN a.sourceRefs WHERE s STARTS WITH $doc)
     WITH count(a) AS agreements
     OPTIONAL MATCH (n:Entity {name: 'Instituto Electoral'})
     RETURN agreements, count(n) AS institutos`,
    { doc: `${DOC}#` },
  );
  expect(invented).toEqual({ agreements: 0, institutos: 0 });
  const people = [
    ...NEW_ENTITIES,
    ...['Sonia Pérez Pérez', 'Erika Estrada Ruiz', CECILIA].map((name) => ({ name, kind: 'PERSON' })),
    { name: CONSEJO, kind: 'UNIT' },
  ];
  for (const entity of people) {
    const found = await cypherRow<{ kinds: string[] }>(
      db,
      'OPTIONAL MATCH (n:Entity {name: $name}) RETURN collect(n.kind) AS kinds',
      { name: entity.name },
    );
    expect({ name: entity.name, kinds: found.kinds }).toEqual({ name: entity.name, kinds: [entity.kind] });
  }

  expect(watched.pageErrors).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  expect(watched.foreignRequests).toEqual([]);
  // The figure the issue asks for, asserted last so that a miss still reports everything above.
  expect(interactions.length).toBeLessThanOrEqual(MAX_INTERACTIONS);
});
