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
