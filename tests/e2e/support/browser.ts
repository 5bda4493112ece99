/**
 * Browser tests drive the system's Chromium (Debian's `chromium`, or CHROMIUM_PATH) through playwright-core;
 * no browser is downloaded. Pages are opened "offline": every request to a host other than the server under
 * test is recorded and aborted, so a test fails when the page reaches for a CDN instead of passing by chance.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots and other artifacts of browser tests (git-ignored). */
export const TEST_RESULTS_DIR = path.resolve(__dirname, '../../../test-results');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** URLs of requests to any origin other than the server's (all of them aborted). */
  foreignRequests: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** console.error messages, Content-Security-Policy violations included. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** A fresh context (no storage) and page that may talk to `serverUrl`'s origin only. */
export async function openWatchedPage(browser: Browser, serverUrl: string): Promise<WatchedPage> {
  const origin = new URL(serverUrl).origin;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const watched: WatchedPage = {
    context,
    page,
    foreignRequests: [],
    pageErrors: [],
    consoleErrors: [],
    close: () => context.close(),
  };
  const isForeign = (url: string) => /^(https?|wss?):/i.test(url) && new URL(url).origin !== origin;
  page.on('request', (request) => {
    if (isForeign(request.url())) watched.foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  await context.route(
    (url) => isForeign(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  return watched;
}

/** Saves a full-page screenshot as test-results/<name> and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const file = path.join(TEST_RESULTS_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
