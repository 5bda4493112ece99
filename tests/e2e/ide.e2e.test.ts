/**
 * The GraphQL IDE in a real browser, served by the real server over the seeded throwaway Neo4j: the page loads
 * with no request leaving the server, GraphiQL opens the example queries as tabs, and running the first one
 * shows the IECM's partners.
 */
import type { Browser } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { EXAMPLE_QUERIES, IDE_TITLE } from '../../src/ide/ide';
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import { launchChromium, openWatchedPage, saveScreenshot, type WatchedPage } from './support/browser';

/** GraphiQL names a tab after the operation in it. */
const operationNames = EXAMPLE_QUERIES.map(({ query }) => /\bquery\s+(\w+)/.exec(query)![1]!);

describe('GraphQL IDE', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let ide: WatchedPage;

  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeed(db);
    server = await startTestServer();
    browser = await launchChromium();
    ide = await openWatchedPage(browser, server.url);
  });

  afterAll(async () => {
    await ide?.close();
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('loads GraphiQL from the server alone, with the example queries as tabs', async () => {
    const response = await ide.page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(await ide.page.title()).toBe(IDE_TITLE);

    await ide.page.locator('.graphiql-execute-button').waitFor();
    await expect(ide.page.locator('.graphiql-tab').allInnerTexts()).resolves.toEqual(operationNames);
    // The logo corner leads to the relationship explorer.
    await expect(ide.page.locator('.graphiql-logo a#explorer-link').getAttribute('href')).resolves.toBe('/explorer');
    expect(ide.foreignRequests).toEqual([]);
    expect(ide.pageErrors).toEqual([]);
  });

  it('runs the default query (IecmPartners) and shows the partners', async () => {
    await ide.page.locator('.graphiql-execute-button').click();

    const expected = ['Instituto Nacional Electoral', 'World Vision México'];
    try {
      // CodeMirror renders only the visible lines, so read the whole result from the editor instance.
      await ide.page.waitForFunction(
        (texts) => {
          const editor = document.querySelector<Element & { CodeMirror?: { getValue(): string } }>(
            '.result-window .CodeMirror',
          );
          const shown = editor?.CodeMirror?.getValue() ?? '';
          return texts.every((text) => shown.includes(text));
        },
        expected,
        { timeout: 30_000 },
      );
    } catch (error) {
      const shown = await ide.page.evaluate(
        () =>
          document
            .querySelector<Element & { CodeMirror?: { getValue(): string } }>('.result-window .CodeMirror')
            ?.CodeMirror?.getValue() ?? '(no result pane)',
      );
      throw new Error(
        `the result pane never showed ${expected.join(' and ')}; it shows:\n${shown}\n\n${String(error)}`,
      );
    } finally {
      await saveScreenshot(ide.page, 'ide.png');
    }

    expect(ide.foreignRequests).toEqual([]);
    expect(ide.pageErrors).toEqual([]);
    expect(ide.consoleErrors).toEqual([]);
  });
});
