/**
 * The relationship explorer in a real browser, served by the real server over the seeded throwaway Neo4j: type-ahead
 * search, drawing and expanding neighbourhoods, filters, the shortest path, provenance of a relationship, exports,
 * a phone-sized screen, with no request leaving the server and no error in the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/database';
import type { Request, Route } from 'playwright-core';
import { EXPLORER_ASSETS_PATH, EXPLORER_PUBLIC_DIR, EXPLORER_TITLE } from '../../src/explorer/explorer';
import { SEED_DIR } from '../../src/features/dataset/seed';
import { NODE_KINDS, NodeKind, RelationType } from '../../src/model/graph-model';
import { resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import './support/cy';
import { launchChromium, openWatchedPage, saveScreenshot, type WatchedPage } from './support/browser';

/** The first article, which these tests load alone (the 2025 articles add to the IECM's neighbourhood): every relationship of it cites its sentences. */
const article = (
  JSON.parse(readFileSync(path.join(SEED_DIR, 'iecm-alianzas-2024-09-25.json'), 'utf8')) as {
    sources: { title: string; url: string }[];
  }
).sources[0]!;

const drawnNodeIds = (page: Page) => page.evaluate(() => window.cy.nodes().map((node) => node.id()));

/** Waits until the graph holds every one of the ids. */
async function waitForNodes(page: Page, ids: string[]): Promise<void> {
  try {
    await page.waitForFunction((wanted) => wanted.every((id) => window.cy.$id(id).nonempty()), ids, {
      timeout: 20_000,
    });
  } catch (error) {
    const status = await page.locator('#status').textContent();
    throw new Error(`the graph never held ${ids.join(', ')}; status line: "${status}"\n${String(error)}`);
  }
}

/** Taps a node as a click on it would. (Returns nothing: a Cytoscape collection is far too big to serialize.) */
async function tapNode(page: Page, id: string): Promise<void> {
  await page.evaluate((nodeId) => {
    const node = window.cy.$id(nodeId);
    if (node.empty()) throw new Error(`no node ${nodeId} in the graph`);
    node.emit('tap');
  }, id);
}

async function tapEdge(page: Page, source: string, target: string): Promise<void> {
  await page.evaluate(
    ([from, to]) => {
      const edges = window.cy.edges(`[source = "${from}"][target = "${to}"]`);
      if (edges.empty()) throw new Error(`no edge ${from} -> ${to} in the graph`);
      edges.emit('tap');
    },
    [source, target],
  );
}

async function typeInSearch(page: Page, text: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search organizations, agreements, places' });
  await search.fill('');
  await search.pressSequentially(text, { delay: 40 });
}

describe('relationship explorer', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let explorer: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeedFirstDocument(db);
    server = await startTestServer();
    browser = await launchChromium();
    explorer = await openWatchedPage(browser, server.url);
    page = explorer.page;
  });

  afterAll(async () => {
    await explorer?.close();
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('loads every module under its versioned URL (the import map), so a long cache never serves an old one', async () => {
    const assetRequests: URL[] = [];
    const onRequest = (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith(`${EXPLORER_ASSETS_PATH}/`)) assetRequests.push(url);
    };
    page.on('request', onRequest);
    try {
      const response = await page.goto(`${server.url}/explorer`);
      expect(response?.status()).toBe(200);
      // The legend is drawn by main.js once every module it imports has run.
      await page.locator('#legend li').first().waitFor();
    } finally {
      page.off('request', onRequest);
    }
    const unversioned = assetRequests.filter((url) => !/^[\w.-]+$/.test(url.searchParams.get('v') ?? ''));
    expect(unversioned.map(String)).toEqual([]);
    const loaded = new Set(assetRequests.map((url) => url.pathname.slice(EXPLORER_ASSETS_PATH.length + 1)));
    const modules = readdirSync(EXPLORER_PUBLIC_DIR).filter((name) => name.endsWith('.js'));
    expect([...loaded].sort()).toEqual(
      [
        ...modules,
        'config.js',
        'cytoscape.esm.min.mjs',
        'layout-base.mjs',
        'cose-base.mjs',
        'cytoscape-fcose.mjs',
        'explorer.css',
      ].sort(),
    );
  });

  it('finds the IECM by typing and draws it with its neighbours, and a legend of the kinds', async () => {
    const response = await page.goto(`${server.url}/explorer`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe(EXPLORER_TITLE);

    await typeInSearch(page, 'IECM');
    const suggestions = page.getByRole('listbox', { name: 'Suggestions' });
    const iecm = suggestions.locator('[role="option"][data-id="iecm"]');
    await iecm.waitFor();
    await expect(iecm.textContent()).resolves.toMatch(/Instituto Electoral de la Ciudad de México.*Organization.*IECM/);
    await expect(page.locator('#search').getAttribute('aria-expanded')).resolves.toBe('true');

    // Choose it with the keyboard, as the combobox pattern prescribes.
    const optionIds = await suggestions
      .locator('[role="option"]')
      .evaluateAll((options) => options.map((option) => (option as HTMLElement).dataset.id));
    const index = optionIds.indexOf('iecm');
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    await expect(iecm.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.locator('#search').getAttribute('aria-activedescendant')).resolves.toBe(
      await iecm.getAttribute('id'),
    );
    await page.keyboard.press('Enter');

    // Its first view: what links to it (its commissions) is among its latest relationships to it.
    await waitForNodes(page, ['iecm', 'comision-vinculacion-organismos-externos', 'red-de-observacion-iecm']);
    await expect(suggestions.isHidden()).resolves.toBe(true);
    await expect(page.locator('#details h3').textContent()).resolves.toBe('Instituto Electoral de la Ciudad de México');
    await page.locator('#details .sources a.document').first().waitFor();
    expect(new URL(page.url()).searchParams.get('focus')).toBe('iecm');

    const legend = page.getByRole('list', { name: 'Legend: node kinds' });
    await expect(legend.isVisible()).resolves.toBe(true);
    // Every kind of the model, in its order, with the model's label and an icon.
    const kinds = Object.values(NodeKind);
    await expect(legend.locator('li').allTextContents()).resolves.toEqual(kinds.map((kind) => NODE_KINDS[kind].label));
    await expect(legend.locator('li svg').count()).resolves.toBe(kinds.length);
  });

  it('draws a first view a person can read, labelled, and "Show more" draws the rest of a group with its count', async () => {
    const expected = await server.graphql<{
      node: {
        partners: { totalCount: number; edges: { node: { partner: { id: string } } }[] };
        out: { totalCount: number; edges: { node: { node: { id: string } } }[] };
      };
    }>(
      `{ node(id: "iecm") {
          partners(first: 100) { totalCount edges { node { partner { id } } } }
          out: relationships(first: 100, direction: OUT) { totalCount edges { node { node { id } } } }
        } }`,
    );
    const { partners, out } = expected.data!.node;
    // The first document gives the IECM more partners than a first view draws, and fewer relationships from it.
    expect(partners.totalCount).toBeGreaterThan(12);
    expect(out.totalCount).toBeLessThanOrEqual(24);
    const drawnGroup = (group: string) => page.locator(`#details .drawn-groups li[data-group="${group}"]`);
    await drawnGroup('partners').waitFor();
    await expect(drawnGroup('partners').textContent()).resolves.toContain(`12 of ${partners.totalCount} drawn`);
    await expect(drawnGroup('out').textContent()).resolves.toContain(`${out.totalCount} of ${out.totalCount} drawn`);
    await expect(drawnGroup('out').getByRole('button').count()).resolves.toBe(0);
    // The strongest partners (the API's order) and every relationship from it are drawn, each node labelled with
    // its name, readable at this zoom; the weaker partners are not drawn yet.
    const strongest = partners.edges.slice(0, 12).map((edge) => edge.node.partner.id);
    await waitForNodes(page, [...strongest, ...out.edges.map((edge) => edge.node.node.id)]);
    const labels = await page.evaluate(() => window.cy.nodes().map((node) => String(node.data('short'))));
    expect(labels.every((label) => label.length > 0)).toBe(true);
    expect(labels.length).toBeLessThanOrEqual(60);
    await expect(page.evaluate(() => window.cy.zoom() * 12)).resolves.toBeGreaterThanOrEqual(9);

    const before = await page.evaluate(() => window.cy.nodes().map((node) => ({ id: node.id(), ...node.position() })));
    await drawnGroup('partners')
      .getByRole('button', { name: `Show more (${partners.totalCount - 12} not drawn)` })
      .click();
    await page.waitForFunction(
      (wanted) =>
        document.querySelector('#details .drawn-groups li[data-group="partners"]')?.textContent?.includes(wanted) ??
        false,
      `${partners.totalCount} of ${partners.totalCount} drawn`,
      { timeout: 20_000 },
    );
    await expect(drawnGroup('partners').getByRole('button').count()).resolves.toBe(0);
    await waitForNodes(
      page,
      partners.edges.map((edge) => edge.node.partner.id),
    );
    // What was drawn stays where it was: only the new page is laid out.
    const after = new Map(
      (await page.evaluate(() => window.cy.nodes().map((node) => ({ id: node.id(), ...node.position() })))).map(
        (node) => [node.id, node],
      ),
    );
    for (const node of before) expect(after.get(node.id)).toEqual(node);
  });

  it("fills the details panel from the node's first view: no request of its own", async () => {
    const expected = await server.graphql<{
      node: {
        sources: { statementId: string }[];
        partners: { totalCount: number; edges: { node: { partner: { id: string } } }[] };
        out: { totalCount: number };
        in: { totalCount: number };
      };
    }>(
      `{ node(id: "iecm") {
          sources { statementId }
          partners(first: 12) { totalCount edges { node { partner { id } } } }
          out: relationships(first: 1, direction: OUT) { totalCount }
          in: relationships(first: 1, direction: IN) { totalCount }
        } }`,
    );
    const { sources, partners, out, in: to } = expected.data!.node;
    const operations: string[] = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname !== '/graphql' || request.method() !== 'POST') return;
      const body = request.postDataJSON() as { query: string };
      operations.push(/(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? 'anonymous');
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${server.url}/explorer?focus=iecm`);
      await page.locator('#details h3', { hasText: 'Instituto Electoral de la Ciudad de México' }).waitFor();
      await page.locator('#details .relationship-groups').waitFor();
      // The node's facts, its strongest partners and its relationships each way, all from the first view.
      expect(sources.length).toBeGreaterThan(0);
      await expect(page.locator('#details .sources a.document').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('#details ol.partners > li').count()).resolves.toBe(Math.min(50, partners.totalCount));
      const listedPartners = await page
        .locator('#details ol.partners > li > button')
        .evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.node));
      expect(listedPartners.slice(0, 12)).toEqual(partners.edges.map((edge) => edge.node.partner.id));
      await expect(page.locator('#details h4', { hasText: 'All relationships' }).textContent()).resolves.toBe(
        `All relationships (${out.totalCount + to.totalCount})`,
      );
      const listed = await page.locator('#details .relationship-groups li[data-relationship]').count();
      expect(listed).toBe(Math.min(24, out.totalCount) + Math.min(12, to.totalCount));
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('new node'));
      expect(operations.filter((name) => name === 'ExplorerFirstView')).toHaveLength(1);
      expect(operations).not.toContain('ExplorerRelationships');
      expect(operations).not.toContain('ExplorerMorePartners');
    } finally {
      page.off('request', onRequest);
    }
  });

  it('expands a tapped agreement: its other party appears, nothing is drawn twice', async () => {
    await expect(page.evaluate(() => window.cy.$id('convenio-iecm-ine').hasClass('expanded'))).resolves.toBe(false);
    await tapNode(page, 'convenio-iecm-ine');
    await waitForNodes(page, ['ine']);
    await page.waitForFunction(() => window.cy.$id('convenio-iecm-ine').hasClass('expanded'));
    // Its details follow in the frame after it is drawn.
    await page.locator('#details h3', { hasText: 'Convenio con el Instituto Nacional Electoral' }).waitFor();
    await expect(page.locator('#details h3').textContent()).resolves.toBe(
      'Convenio con el Instituto Nacional Electoral',
    );

    // Tapping it again changes nothing.
    const before = await drawnNodeIds(page);
    await tapNode(page, 'convenio-iecm-ine');
    const after = await drawnNodeIds(page);
    expect(after.sort()).toEqual(before.sort());
    expect(new Set(after).size).toBe(after.length);
    const edgeIds = await page.evaluate(() => window.cy.edges().map((edge) => edge.id()));
    expect(new Set(edgeIds).size).toBe(edgeIds.length);
  });

  it('sizes nodes by betweenness (the IECM largest, agreements smallest) and lists the top brokers', async () => {
    const widths = () =>
      page.evaluate(() => Object.fromEntries(window.cy.nodes().map((node) => [node.id(), node.width()])));
    const defaults = await widths();
    await page.getByLabel('Size by').selectOption('BETWEENNESS');
    await page.waitForFunction(() => window.cy.$id('iecm').width() > 60);
    const sized = await widths();
    const iecm = sized.iecm ?? 0;
    for (const [id, width] of Object.entries(sized)) if (id !== 'iecm') expect(width).toBeLessThan(iecm);
    // An agreement is evidence, not a partner: it has no place in the partnership network.
    expect(sized['convenio-iecm-ine']).toBe(18);

    // The top brokers are unfolded from the start (the network panel is in view).
    await expect(page.locator('#brokers').evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(
      true,
    );
    const first = page.locator('#brokers-list li').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toMatch(
      /^Instituto Electoral de la Ciudad de México — [\d.]+% of paths/,
    );
    await expect(page.locator('#brokers-list li').count()).resolves.toBe(10);

    await page.getByLabel('Size by').selectOption('');
    await page.waitForFunction(() => window.cy.$id('iecm').width() < 60);
    expect(await widths()).toEqual(defaults);
  });

  it('filters relationships by type and by the day they were active', async () => {
    const visibleTypes = () =>
      page.evaluate(() =>
        window.cy
          .edges()
          .map((edge) => (edge.hasClass('filtered') ? null : String(edge.data('type'))))
          .filter((type): type is string => type !== null),
      );
    await page.locator('summary', { hasText: 'Filters' }).click();
    const partyTo = page.getByRole('checkbox', { name: 'party to' });
    expect(await visibleTypes()).toContain('PARTY_TO');
    await partyTo.uncheck();
    expect(await visibleTypes()).not.toContain('PARTY_TO');
    await partyTo.check();
    expect(await visibleTypes()).toContain('PARTY_TO');

    // The agreements are reported for 2023-09 to 2024-09; that the IECM lies in Mexico City has no period.
    const activeAt = page.getByLabel('Active at');
    await activeAt.fill('2020-01-01');
    expect(await visibleTypes()).not.toContain('PARTY_TO');
    expect(await visibleTypes()).toContain('LOCATED_IN');
    await activeAt.fill('2024-03-15');
    expect(await visibleTypes()).toContain('PARTY_TO');
    await page.getByRole('button', { name: 'Any time' }).click();
    await page.locator('summary', { hasText: 'Filters' }).click();
  });

  it('highlights the shortest path from the IECM to the Tec de Monterrey, with its steps listed', async () => {
    const expected = await server.graphql<{ path: { nodes: { id: string; name: string }[] } }>(
      // The explorer's default: every relationship type but places (LOCATED_IN, HELD_IN) and the report.
      `{ path(from: "iecm", to: "tec-de-monterrey", maxHops: 6, via: [${Object.values(RelationType)
        .filter((type) => !['LOCATED_IN', 'HELD_IN', 'REPORTED_IN', 'REPORTS_ON'].includes(type))
        .join(', ')}]) { nodes { id name } } }`,
    );
    const pathNodes = expected.data!.path.nodes;
    expect(pathNodes.length).toBeGreaterThan(2);

    await tapNode(page, 'iecm');
    await expect(page.locator('#details h3').textContent()).resolves.toBe('Instituto Electoral de la Ciudad de México');
    await page.getByRole('button', { name: 'Path from here' }).click();
    await expect(page.locator('#path-from').textContent()).resolves.toBe('Instituto Electoral de la Ciudad de México');

    await typeInSearch(page, 'Tec de Monterrey');
    await page.locator('#suggestions [role="option"][data-id="tec-de-monterrey"]').click();
    await waitForNodes(page, ['tec-de-monterrey']);
    await page.locator('#details h3', { hasText: 'Tecnológico de Monterrey' }).waitFor();
    await page.getByRole('button', { name: 'Path to here' }).click();

    // One item per node of the path, in order, each but the last with the relationship to the next.
    const steps = page.getByRole('list', { name: 'Steps of the path' }).locator('li');
    await page.waitForFunction(
      (count) => document.querySelectorAll('#path-steps li').length === count,
      pathNodes.length,
    );
    const stepTexts = await steps.allTextContents();
    pathNodes.forEach((node, i) => expect(stepTexts[i]).toContain(node.name));
    await expect(steps.locator('.relation').count()).resolves.toBe(pathNodes.length - 1);

    const highlighted = await page.evaluate(
      (ids) => ids.map((id) => window.cy.$id(id).hasClass('on-path')),
      pathNodes.map((node) => node.id),
    );
    expect(highlighted).toEqual(pathNodes.map(() => true));
    await expect(page.evaluate(() => window.cy.edges('.on-path').length)).resolves.toBe(pathNodes.length - 1);
    await expect(page.evaluate(() => window.cy.$id('convenio-iecm-ine').hasClass('dimmed'))).resolves.toBe(true);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/Shortest path .* 3 steps/);

    await saveScreenshot(page, 'explorer.png');
  });

  it('shows where a tapped relationship is reported: the article and its sentence', async () => {
    await tapEdge(page, 'iecm', 'convenio-iecm-ine');
    const details = page.locator('#details');
    await details.locator('h3', { hasText: 'party to' }).waitFor();
    const link = details.locator('.sources a.document');
    await expect(link.getAttribute('href')).resolves.toBe(article.url);
    await expect(link.textContent()).resolves.toBe(article.title);
    await expect(details.locator('.sources blockquote p').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Instituto Nacional Electoral')]),
    );
    await expect(details.locator('.period').textContent()).resolves.toBe('2023-09 – 2024-09');
  });

  it('exports the view as JSON (Cytoscape elements) and as PNG', async () => {
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      elements: { nodes: { data: { id: string } }[]; edges: { data: { source: string; target: string } }[] };
    };
    const ids = exported.elements.nodes.map((node) => node.data.id);
    expect(ids).toEqual(expect.arrayContaining(['iecm', 'ine', 'tec-de-monterrey']));
    for (const edge of exported.elements.edges)
      expect(ids).toEqual(expect.arrayContaining([edge.data.source, edge.data.target]));

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('fits a phone screen: the side panel stacks under the graph', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/explorer?focus=iecm`);
    await waitForNodes(page, ['iecm', 'comision-vinculacion-organismos-externos']);
    await page.locator('#details h3', { hasText: 'Instituto Electoral de la Ciudad de México' }).waitFor();
    const graph = (await page.locator('#cy').boundingBox())!;
    const side = (await page.locator('aside').boundingBox())!;
    expect(graph.width).toBeGreaterThan(350);
    expect(side.y).toBeGreaterThanOrEqual(graph.y + graph.height);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'explorer-phone.png');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('lets a search typed while a node opens go first: its measures and the links among its nodes wait', async () => {
    // Barriers on the GraphQL requests: the first view and the search are held until the test lets them through;
    // every request is logged when it reaches the server and when its answer is back in the page.
    const events: string[] = [];
    const barrier = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { open, opened };
    };
    const firstViewSent = barrier();
    const firstViewLetThrough = barrier();
    const searchSent = barrier();
    const searchLetThrough = barrier();
    const subgraphAnswered = barrier();
    const hold = async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.fallback();
      const name = /(?:query|mutation) (\w+)/.exec((request.postDataJSON() as { query: string }).query)?.[1] ?? '?';
      events.push(`${name} sent`);
      if (name === 'ExplorerFirstView') {
        firstViewSent.open();
        await firstViewLetThrough.opened;
      } else if (name === 'ExplorerSearch') {
        searchSent.open();
        await searchLetThrough.opened;
      }
      try {
        const response = await route.fetch();
        await route.fulfill({ response });
        events.push(`${name} answered`);
        if (name === 'ExplorerSubgraph') subgraphAnswered.open();
      } catch {
        events.push(`${name} gone`); // the page went away (a failed test moves on)
      }
    };
    await page.route('**/graphql', hold);
    try {
      await page.goto(`${server.url}/explorer?focus=iecm`);
      await firstViewSent.opened;
      // The search box listens once main.js has run (it draws the legend then).
      await page.locator('#legend li').first().waitFor();
      await typeInSearch(page, 'Instituto');
      await searchSent.opened;
      firstViewLetThrough.open();
      // The node is drawn and its details shown while the search is unanswered...
      await page.locator('#details h3', { hasText: 'Instituto Electoral de la Ciudad de México' }).waitFor();
      await waitForNodes(page, ['iecm']);
      // Nothing the reader did not ask for has been sent meanwhile.
      expect(events.filter((event) => /NodeMeasures|Subgraph|Maps|TopBrokers/.test(event))).toEqual([]);
      searchLetThrough.open();
      await page.getByRole('listbox', { name: 'Suggestions' }).locator('[role="option"]').first().waitFor();
      // ...and what it did not ask for follows the suggestions: the node's measures, the links among its nodes.
      await page.locator('#node-metrics[data-node="iecm"]', { hasText: 'partners' }).waitFor();
      await subgraphAnswered.opened;
      const suggested = events.indexOf('ExplorerSearch answered');
      expect(suggested).toBeGreaterThan(-1);
      expect(events.indexOf('ExplorerNodeMeasures sent')).toBeGreaterThan(suggested);
      expect(events.indexOf('ExplorerSubgraph sent')).toBeGreaterThan(suggested);
      // The first view was asked for once, as the page opened.
      expect(events.filter((event) => event === 'ExplorerFirstView sent')).toHaveLength(1);
    } finally {
      firstViewLetThrough.open();
      searchLetThrough.open();
      await page.unroute('**/graphql', hold);
    }
  });

  it('shows errors of the API in the status line', async () => {
    await page.goto(`${server.url}/explorer?focus=no-such-node`);
    const status = page.getByRole('status');
    await page.waitForFunction(() => document.getElementById('status')?.dataset.kind === 'error');
    await expect(status.textContent()).resolves.toMatch(/no-such-node/);
  });

  it('loaded everything from the server alone, with no error in the page', () => {
    expect(explorer.foreignRequests).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
    expect(explorer.consoleErrors).toEqual([]);
  });
});
