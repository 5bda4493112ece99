/**
 * The curation workbench in a real browser, on the real server over a throwaway Neo4j holding the first seed
 * file: sign in with a token, paste the Crónica article on the COVIN, see the highlights, relate two of them by
 * hand, commit, and find the document's nodes in the explorer — with no request leaving the server and no error
 * in the page (its Content-Security-Policy included).
 */
import type { Browser } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { readReviewed } from '../support/document-seed';
import { cypherRow, resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import { launchChromium, openWatchedPage, saveScreenshot, type WatchedPage } from './support/browser';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const article = readReviewed('cronica-2025-12-09-iecm-instala-covin');

let db: Database;
let server: TestServer;
let browser: Browser;
let watched: WatchedPage;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeedFirstDocument(db);
  server = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
  browser = await launchChromium();
  watched = await openWatchedPage(browser, server.url);
});
afterAll(async () => {
  await watched?.close();
  await browser?.close();
  await server?.close();
  await db?.close();
});

it('commits an article end to end and shows its nodes in the explorer', async () => {
  const { page } = watched;
  await page.goto(`${server.url}/curate`);
  await page.fill('#token', EDITOR_TOKEN);
  await page.click('#sign-in');
  expect(await page.evaluate(() => sessionStorage.getItem('curate.token'))).toBe(EDITOR_TOKEN);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);

  await page.fill('#title', article.title);
  await page.fill('#url', article.url);
  await page.fill('#published', '2025-12-09');
  await page.fill('#text', article.text.split('\n').slice(1).join('\n'));
  await page.click('#analyze');
  await page.waitForSelector('#sentences li .candidate');
  expect(await page.locator('#sentences > li').count()).toBe(8);
  expect(await page.locator('.mention').count()).toBeGreaterThan(3);
  expect(await page.locator('.quantity').allTextContents()).toContain('cuatro');
  const candidates = await page.locator('.candidate').allTextContents();
  expect(candidates).toEqual(expect.arrayContaining(['Cecilia Aída Hernández Cruz', 'Sonia Pérez Pérez']));

  // A relationship by hand: the Dirección is part of the IECM (sentence 4).
  await page
    .locator('#sentences > li[data-index="4"] .candidate', { hasText: 'Dirección de Vinculación' })
    .first()
    .click();
  await page.locator('#sentences > li[data-index="4"] .mention', { hasText: 'IECM' }).first().click();
  await page.selectOption('#pick-type', 'PART_OF');
  await page.click('#pick-add');

  await page.click('#commit');
  await page.waitForSelector('#open-explorer', { timeout: 30_000 });
  await saveScreenshot(page, 'curate-committed.png');
  expect(await page.locator('#result').textContent()).toContain('Committed: 8 sentences');

  const written = await cypherRow<{ members: string[]; partOf: number }>(
    db,
    `MATCH (p:Person)-[:MEMBER_OF]->(c:Commission {id: 'comision-provisional-de-vinculacion-institucional'})
     WITH collect(p.name) AS members
     RETURN members, COUNT { MATCH (:Unit)-[:PART_OF]->(:Entity {id: 'iecm'}) } AS partOf`,
  );
  expect([...written.members].sort()).toEqual(['Erika Estrada Ruiz', 'Ernesto Ramos Mega', 'Sonia Pérez Pérez']);
  expect(written.partOf).toBeGreaterThan(0);

  // The new commission's history: one change, the commit.
  await page.fill('#history-id', 'comision-provisional-de-vinculacion-institucional');
  await page.click('#history-show');
  await page.waitForSelector('#history li');
  expect(await page.locator('#history li').allTextContents()).toEqual([
    expect.stringContaining('CREATE: committed document'),
  ]);

  await page.click('#open-explorer');
  await page.waitForURL(/\/explorer\?focus=/);
  await page.waitForFunction(() => 'cy' in window && window.cy.nodes().length > 0, undefined, { timeout: 30_000 });
  expect(watched.foreignRequests).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
});

// An article written for this test, committed after the Crónica one above (Sonia Pérez Pérez is known by then).
const HISTORICO = {
  title: 'El IECM instala su Comisión de Archivo Histórico',
  text:
    'El Instituto Electoral de la Ciudad de México (IECM) instaló la Comisión de Archivo Histórico. ' +
    'La Comisión de Archivo Histórico estará integrada por Sonia Pérez Pérez. ' +
    'Según la archivista Lucía Ferrer Gil, el IECM suma 130 convenios vigentes.',
};

it('adds an entity from selected text, links a proposal to an existing node, edits relationships and counts, and summarises the commit', async () => {
  const { page } = watched;
  await page.goto(`${server.url}/curate`);
  await page.fill('#title', HISTORICO.title);
  await page.fill('#url', 'https://noticias.example.org/2026/03/02/archivo-historico');
  await page.fill('#text', HISTORICO.text);
  await page.click('#analyze');
  await page.waitForSelector('#summary h2');
  const commission = page.locator('.proposal.node', { hasText: 'Comisión de Archivo Histórico' });
  await expect(commission.count()).resolves.toBe(1);

  // Selecting a name in the text offers it as an entity, its name prefilled and its kind guessed.
  await page.locator('#sentences > li[data-index="3"] .sentence-text').evaluate((paragraph) => {
    const text = Array.from(paragraph.childNodes).find(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent?.includes('Lucía'),
    );
    if (!text?.textContent) throw new Error('no text with the name');
    const at = text.textContent.indexOf('Lucía Ferrer Gil');
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 'Lucía Ferrer Gil'.length);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
  });
  await page.waitForSelector('#select-panel:not([hidden])');
  expect(await page.inputValue('#select-name')).toBe('Lucía Ferrer Gil');
  expect(await page.inputValue('#select-kind')).toBe('PERSON');
  await page.click('#select-add');
  const lucia = page.locator('.proposal.node', { hasText: 'Lucía Ferrer Gil' });
  await expect(lucia.locator('.accept').isChecked()).resolves.toBe(true);

  // Search as you type for an existing node: an answer that comes back after a newer one is dropped.
  let delayed = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (body.includes('"query":"Sonia"')) {
      delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await route.continue();
  });
  const search = commission.locator('.same-as-search');
  await search.fill('Sonia');
  await page.waitForTimeout(400); // past the debounce: the slow request is on its way
  await search.fill('COVIN');
  const hits = commission.locator('.hits button');
  // The Crónica article above added the COVIN under the id the workbench gave it.
  const covin = hits.filter({ hasText: 'comision-provisional-de-vinculacion-institucional' });
  await covin.waitFor();
  await page.waitForTimeout(1800); // the slow answer for "Sonia" has come back by now
  expect(delayed).toBe(1);
  expect(await hits.allTextContents()).not.toContainEqual(expect.stringContaining('sonia-perez-perez'));
  await page.unroute('**/graphql');
  await covin.click();
  await page.waitForSelector('#summary .linked li');
  expect(await page.locator('#summary .linked li').allTextContents()).toEqual([
    expect.stringContaining('= Comisión Provisional de Vinculación Institucional (comision-provisional-'),
  ]);
  // Not the same after all: back to a new node.
  await commission.locator('.same-as-clear').click();
  await expect(page.locator('#summary .linked li').count()).resolves.toBe(0);

  // An id the graph already uses: the summary says so, and the row offers to link the proposal to that node.
  const id = commission.locator('.node-id');
  await id.fill('iecm');
  await id.dispatchEvent('change');
  await commission.locator('.same-as-suggested', { hasText: '(iecm)' }).waitFor();
  expect(await page.locator('#summary .invalid li').allTextContents()).toContainEqual(
    expect.stringContaining('the id "iecm" is taken by «Instituto Electoral de la Ciudad de México» (ORGANIZATION)'),
  );
  await id.fill('comision-de-archivo-historico');
  await id.dispatchEvent('change');
  await page.waitForSelector('.same-as-suggested', { state: 'detached' });

  // A relationship by hand, then its type and its end changed.
  await page.locator('#sentences > li[data-index="3"] [data-ref]', { hasText: 'Lucía Ferrer Gil' }).click();
  await page.locator('#sentences > li[data-index="3"] .mention', { hasText: 'IECM' }).click();
  await page.selectOption('#pick-type', 'PARTICIPATED_IN');
  await page.click('#pick-add');
  const byHand = page.locator('.proposal.link', { hasText: 'added by hand' });
  await byHand.locator('.link-type').selectOption('MEMBER_OF');
  await byHand.locator('.link-to').selectOption({ label: 'Comisión de Archivo Histórico (new)' });
  await expect(byHand.getAttribute('data-label')).resolves.toBe(
    'Lucía Ferrer Gil MEMBER_OF Comisión de Archivo Histórico',
  );

  // A stated count: click the number, correct what it counts and its value.
  await page.locator('#sentences > li[data-index="3"] .quantity', { hasText: '130' }).click();
  const count = page.locator('.proposal.count');
  expect(await count.locator('.count-property').inputValue()).toBe('AGREEMENT_COUNT');
  expect(await count.locator('.count-node').inputValue()).toBe('iecm');
  await count.locator('.count-value').fill('131');
  await count.locator('.count-value').dispatchEvent('change');

  // Rejecting the commission makes its relationships invalid: the summary says so before anything is written.
  await commission.locator('.accept').uncheck();
  await page.waitForSelector('#summary .invalid li');
  expect(await page.locator('#summary .invalid li').allTextContents()).toEqual(
    expect.arrayContaining([
      expect.stringContaining(
        'Lucía Ferrer Gil MEMBER_OF Comisión de Archivo Histórico: «Comisión de Archivo Histórico» is rejected',
      ),
    ]),
  );
  expect(await page.textContent('#commit')).toMatch(/without the \d+ invalid item/);
  await commission.locator('.accept').check();
  await page.waitForSelector('#summary[data-ready="true"]');
  expect(await page.locator('#summary .invalid li').count()).toBe(0);
  expect(await page.locator('#summary .new-nodes li').allTextContents()).toEqual(
    expect.arrayContaining([
      'COMMISSION «Comisión de Archivo Histórico» (comision-de-archivo-historico)',
      'PERSON «Lucía Ferrer Gil» (lucia-ferrer-gil)',
    ]),
  );
  expect(await page.locator('#summary .counts li').allTextContents()).toEqual([
    'Instituto Electoral de la Ciudad de México AGREEMENT_COUNT = 131',
  ]);
  await saveScreenshot(page, 'curate-review-summary.png');

  await page.click('#commit');
  await page.waitForSelector('#open-explorer', { timeout: 30_000 });
  const written = await cypherRow<{ members: string[]; kind: string }>(
    db,
    `MATCH (c:Entity {id: 'comision-de-archivo-historico'})
     OPTIONAL MATCH (p:Person)-[r:MEMBER_OF]->(c)
     WITH c, collect(p.name) AS members
     MATCH (lucia:Entity {id: 'lucia-ferrer-gil'})
     RETURN members, lucia.kind AS kind`,
  );
  expect([...written.members].sort()).toEqual(['Lucía Ferrer Gil', 'Sonia Pérez Pérez']);
  expect(written.kind).toBe('PERSON');
  const counted = await server.graphql<{ node: { counts: { property: string; value: number }[] } }>(
    `{ node(id: "iecm") { counts { property value } } }`,
  );
  expect(counted.data?.node.counts).toContainEqual({ property: 'AGREEMENT_COUNT', value: 131 });
  expect(watched.pageErrors).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
});
