/**
 * What the screen says is what the graph says (issue 19), in a real browser over the seed (both seed files):
 * agreement statuses drawn and listed alike, maps that reopen, embed and reload exactly as saved, stated counts
 * with their sentences, the API's answers (common partners, communities, metrics, paths) on screen, and a
 * drawing and PNG whose labels are whole.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { rebuildAllPartnerships } from '../../src/features/partners/partnerships';
import { cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import './support/cy';
import { launchChromium, openWatchedPage, saveScreenshot, type WatchedPage } from './support/browser';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';

async function waitForNodes(page: Page, ids: string[]): Promise<void> {
  await page.waitForFunction((wanted) => wanted.every((id) => window.cy.$id(id).nonempty()), ids, {
    timeout: 20_000,
  });
}

async function searchAndChoose(page: Page, text: string, id: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search organizations, agreements, places' });
  await search.fill(text);
  await page.locator(`#suggestions [role="option"][data-id="${id}"]`).click();
}

async function detailsOf(page: Page, name: string): Promise<void> {
  await page.locator('#details h3', { hasText: name }).waitFor();
  await page.locator('#details .relationship-groups, #details p.hint:text("No relationships recorded.")').waitFor();
}

interface ViewSnapshot {
  shown: string[];
  positions: Record<string, { x: number; y: number }>;
}

/** The nodes in view (not hidden by the filters) and where each is, in model coordinates. */
const view = (page: Page): Promise<ViewSnapshot> =>
  page.evaluate(() => {
    const shown = window.cy.nodes(':visible').map((node) => node.id());
    const positions: Record<string, { x: number; y: number }> = {};
    window.cy.nodes(':visible').map((node) => (positions[node.id()] = node.position()));
    return { shown: shown.sort(), positions };
  });

function expectSameView(actual: ViewSnapshot, expected: ViewSnapshot): void {
  expect(actual.shown).toEqual(expected.shown);
  for (const id of expected.shown) {
    const [a, e] = [actual.positions[id]!, expected.positions[id]!];
    expect({ id, dx: Math.abs(a.x - e.x) <= 1, dy: Math.abs(a.y - e.y) <= 1 }).toEqual({ id, dx: true, dy: true });
  }
}

/** What the filter panel and toggles show. */
const controls = (page: Page) =>
  page.evaluate(() => ({
    unchecked: Array.from(document.querySelectorAll<HTMLInputElement>('#type-checkboxes input'))
      .filter((input) => !input.checked)
      .map((input) => input.value)
      .sort(),
    activeAt: document.querySelector<HTMLInputElement>('#active-at')!.value,
    edgeLabels: document.querySelector<HTMLInputElement>('#edge-labels')!.checked,
    sizeBy: document.querySelector<HTMLSelectElement>('#size-by')!.value,
  }));

async function tapNode(page: Page, id: string): Promise<void> {
  await page.evaluate((nodeId) => {
    window.cy.$id(nodeId).emit('tap');
  }, id);
}

describe('the explorer shows what the graph says', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let explorer: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeed(db);
    // One agreement that no sentence gives a status (the seed has none left): the third way it is drawn.
    await cypherRows(
      db,
      `MATCH (iecm:Entity {id: 'iecm'}), (ine:Entity {id: 'ine'})
       CREATE (a:Entity:Identity:Agreement {id: 'convenio-sin-estatus', kind: 'AGREEMENT',
               name: 'Convenio sin estatus declarado', sortKey: 'convenio sin estatus declarado',
               aliases: [], searchKeys: ['convenio sin estatus declarado'], status: 'NOT_STATED',
               sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']})
       CREATE (iecm)-[:PARTY_TO {id: 'iecm-party-sin-estatus', sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']}]->(a)
       CREATE (ine)-[:PARTY_TO {id: 'ine-party-sin-estatus', sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']}]->(a)`,
    );
    await rebuildAllPartnerships(db);
    server = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
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

  it('draws and lists the three agreement statuses alike: signed, in negotiation, not stated', async () => {
    await page.goto(`${server.url}/explorer`);
    await searchAndChoose(page, 'IECM', 'iecm');
    await detailsOf(page, 'Instituto Electoral de la Ciudad de México');
    await waitForNodes(page, ['convenio-iecm-tecdmx', 'convenio-iecm-itam', 'convenio-sin-estatus']);

    // The drawing: each agreement's outline says its status, as the legend does.
    const drawn = await page.evaluate(() =>
      window.cy.nodes('[kind = "AGREEMENT"]').map((node) => ({
        id: node.id(),
        status: String(node.data('status')),
        border: String(node.style('border-style')),
      })),
    );
    const borders: Record<string, string> = { SIGNED: 'solid', NEGOTIATION: 'dashed', NOT_STATED: 'dotted' };
    for (const agreement of drawn) expect(agreement.border).toBe(borders[agreement.status]);
    const statusOf = new Map(drawn.map((agreement) => [agreement.id, agreement.status]));
    expect(
      ['convenio-iecm-tecdmx', 'convenio-iecm-alcaldias', 'convenio-iecm-unam-docencia'].map((id) => statusOf.get(id)),
    ).toEqual(['SIGNED', 'SIGNED', 'SIGNED']);
    expect(statusOf.get('convenio-iecm-itam')).toBe('NEGOTIATION');
    expect(statusOf.get('convenio-sin-estatus')).toBe('NOT_STATED');
    await expect(
      page.getByRole('list', { name: 'Legend: agreement status' }).locator('li').allTextContents(),
    ).resolves.toEqual([
      'Agreement signed',
      'Agreement in negotiation (outlined, dashed)',
      'Agreement, status not stated by any source (grey, dotted)',
    ]);

    // The partner list: TECDMX, the alcaldías and the UNAM by signed agreements; none of them "in negotiation".
    const partner = (id: string) => page.locator('#details .partners li', { has: page.locator(`[data-node="${id}"]`) });
    for (const id of ['tecdmx', 'alcaldias-cdmx', 'unam']) {
      const text = await partner(id).textContent();
      expect(text).toContain('signed agreement');
      expect(text).not.toContain('negotiation');
    }
    const ine = await partner('ine').textContent();
    expect(ine).toContain('agreement status not stated');
    expect(ine).not.toContain('negotiation');

    // The details: the status with the sentence that states it.
    await tapNode(page, 'convenio-iecm-tecdmx');
    await page.locator('#details h3', { hasText: 'Tribunal Electoral' }).waitFor();
    await page.locator('#details [data-fact="Status"]').waitFor();
    await expect(page.locator('#details [data-fact="Status"]').textContent()).resolves.toBe('signed');
    await expect(page.locator('#details .status-sources blockquote p').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('ha consolidado una red de 125 convenios')]),
    );
    await tapNode(page, 'convenio-sin-estatus');
    await page.locator('#details h3', { hasText: 'Convenio sin estatus declarado' }).waitFor();
    await page.locator('#details [data-fact="Status"]').waitFor();
    await expect(page.locator('#details [data-fact="Status"]').textContent()).resolves.toBe(
      'status not stated by any source',
    );
  });

  let mapId = '';
  let saved: ViewSnapshot;
  let savedControls: Awaited<ReturnType<typeof controls>>;

  it('saves a map with a hidden node, a filter, labels and sizing; it reopens exactly so, filter panel included', async () => {
    await page.goto(`${server.url}/explorer`);
    await searchAndChoose(page, 'IECM', 'iecm');
    await detailsOf(page, 'Instituto Electoral de la Ciudad de México');
    // Hide a node, filter out "located in", show the relationship labels, size by degree.
    await tapNode(page, 'convenio-iecm-tecdmx');
    await page.locator('#details h3', { hasText: 'Convenio con el Tribunal Electoral' }).waitFor();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.locator('details.filters summary').click();
    await page.locator('#type-checkboxes input[value="LOCATED_IN"]').uncheck();
    await page.locator('details.filters summary').click();
    await page.locator('#edge-labels').check();
    await page.locator('#size-by').selectOption('DEGREE');
    await page.waitForFunction(() => window.cy.$id('iecm').width() > 30);
    saved = await view(page);
    savedControls = await controls(page);
    expect(saved.shown).not.toContain('convenio-iecm-tecdmx');
    expect(savedControls).toEqual({
      unchecked: ['LOCATED_IN', 'REPORTED_IN'],
      activeAt: '',
      edgeLabels: true,
      sizeBy: 'DEGREE',
    });
    const drawnCount = await page.evaluate(() => window.cy.nodes().length);
    expect(saved.shown.length).toBeLessThan(drawnCount); // the filter hides some of what is drawn

    await page.locator('#map-title').fill('Convenios del IECM');
    await page.locator('#map-caption').fill('Los convenios del IECM según sus fuentes.');
    await page.locator('#map-notes').fill('El TECDMX está oculto.\nSin «ubicado en».');
    await page.locator('#map-token').fill(EDITOR_TOKEN);
    await page.getByRole('button', { name: 'Save map', exact: true }).click();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.has('map'));
    mapId = new URL(page.url()).searchParams.get('map')!;

    // Share link and embed code.
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect(page.locator('#map-share').inputValue()).resolves.toBe(`${server.url}/explorer?map=${mapId}`);
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    await expect(page.locator('#map-share').inputValue()).resolves.toContain(
      `<iframe src="${server.url}/explorer/embed/${mapId}"`,
    );

    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(page, ['iecm']);
    await page.waitForFunction(() => window.cy.$id('iecm').width() > 30);
    expectSameView(await view(page), saved);
    await expect(controls(page)).resolves.toEqual(savedControls);
    await expect(page.locator('#map-caption').inputValue()).resolves.toBe('Los convenios del IECM según sus fuentes.');
    await expect(page.locator('#map-notes').inputValue()).resolves.toBe('El TECDMX está oculto.\nSin «ubicado en».');
    await expect(page.evaluate(() => window.cy.$id('convenio-iecm-tecdmx').empty())).resolves.toBe(true);
    await saveScreenshot(page, 'explorer-published-desktop.png');

    // "In the drawing" for a node of the reopened map: what the drawing holds of each group, with the API's totals.
    const totals = (
      await server.graphql<{
        node: {
          partners: { totalCount: number; edges: { node: { partner: { id: string } } }[] };
          out: { totalCount: number };
          in: { totalCount: number };
        };
      }>(
        `{ node(id: "iecm") {
            partners(first: 100) { totalCount edges { node { partner { id } } } }
            out: relationships(first: 1, direction: OUT) { totalCount }
            in: relationships(first: 1, direction: IN) { totalCount }
          } }`,
      )
    ).data!.node;
    await tapNode(page, 'iecm');
    const group = (name: string) => page.locator(`#details .drawn-groups li[data-group="${name}"]`);
    await group('partners').waitFor();
    const drawn = await page.evaluate(
      (partnerIds) => ({
        out: window.cy.edges('[source = "iecm"]').length,
        in: window.cy.edges('[target = "iecm"]').length,
        partners: partnerIds.filter((id) => window.cy.$id(id).nonempty()).length,
      }),
      totals.partners.edges.map((edge) => edge.node.partner.id),
    );
    expect(drawn.out).toBeGreaterThan(0);
    await expect(group('out').textContent()).resolves.toContain(`${drawn.out} of ${totals.out.totalCount} drawn`);
    await expect(group('in').textContent()).resolves.toContain(`${drawn.in} of ${totals.in.totalCount} drawn`);
    await expect(group('partners').textContent()).resolves.toContain(
      `${drawn.partners} of ${totals.partners.totalCount} drawn`,
    );
    // "Show more" draws on from there: the partners not drawn yet come in, and the count says so.
    expect(drawn.partners).toBeLessThan(totals.partners.totalCount);
    await group('partners')
      .getByRole('button', { name: /^Show more/ })
      .click();
    await page.waitForFunction(
      ([before]) => {
        const text = document.querySelector('#details .drawn-groups li[data-group="partners"]')?.textContent ?? '';
        const match = /: (\d+) of/.exec(text);
        return match !== null && Number(match[1]) > before;
      },
      [drawn.partners] as const,
      { timeout: 20_000 },
    );
    const after = await page.evaluate(
      (partnerIds) => partnerIds.filter((id) => window.cy.$id(id).nonempty()).length,
      totals.partners.edges.map((edge) => edge.node.partner.id),
    );
    expect(after).toBeGreaterThan(drawn.partners);
    await expect(group('partners').textContent()).resolves.toContain(`${after} of ${totals.partners.totalCount} drawn`);
  });

  it('embeds the map identically, with title, caption, notes, date and sources, fitting a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/explorer/embed/${mapId}`);
    await waitForNodes(page, ['iecm']);
    await page.locator('#embed-header').waitFor();
    expectSameView(await view(page), saved);
    await expect(page.locator('.embed-title').textContent()).resolves.toBe('Convenios del IECM');
    await expect(page.locator('.embed-caption').textContent()).resolves.toBe(
      'Los convenios del IECM según sus fuentes.',
    );
    await expect(page.locator('.embed-notes li').allTextContents()).resolves.toEqual([
      'El TECDMX está oculto.',
      'Sin «ubicado en».',
    ]);
    await expect(page.locator('.embed-date').textContent()).resolves.toMatch(/^Saved \d{4}-\d{2}-\d{2}/);
    const sources = await page.locator('.embed-sources li').allTextContents();
    expect(
      sources.some((text) => text.includes('IECM consolida 125 convenios') && text.includes('La Crónica de Hoy')),
    ).toBe(true);
    // Nothing wider than the phone, and every node in view inside the drawing's frame.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    const outside = await page.evaluate(() => {
      const frame = document.querySelector('#cy')!.getBoundingClientRect();
      return window.cy
        .nodes(':visible')
        .map((node) => ({ id: node.id(), p: node.renderedPosition() }))
        .filter(({ p }) => p.x < 0 || p.y < 0 || p.x > frame.width || p.y > frame.height)
        .map(({ id }) => id);
    });
    expect(outside).toEqual([]);
    await saveScreenshot(page, 'explorer-published-phone.png');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('reloads the map from its file identically, then deletes the map', async () => {
    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(page, ['iecm']);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const file = await json.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { map: { hiddenNodes: string[] } };
    expect(exported.map.hiddenNodes).toEqual(['convenio-iecm-tecdmx']);
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.locator('#map-open-file').setInputFiles(file);
    await waitForNodes(page, ['iecm']);
    await page.waitForFunction(() => window.cy.$id('iecm').width() > 30);
    expectSameView(await view(page), saved);
    await expect(controls(page)).resolves.toEqual(savedControls);

    // Delete it: its address no longer opens a map.
    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(page, ['iecm']);
    await page.locator('#map-token').fill(EDITOR_TOKEN);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete map' }).click();
    await page.locator('#status', { hasText: 'Deleted the map' }).waitFor();
    const answer = await server.graphql<{ map: null | { id: string } }>('query ($id: ID!) { map(id: $id) { id } }', {
      id: mapId,
    });
    expect(answer.data?.map).toBeNull();
  });

  it('shows the stated counts with their parts and sentence, publisher and date of each source, "not reported"', async () => {
    await page.goto(`${server.url}/explorer`);
    await searchAndChoose(page, 'IECM', 'iecm');
    await detailsOf(page, 'Instituto Electoral de la Ciudad de México');
    const total = page.locator('#details .stated-counts > li[data-count="AGREEMENT_COUNT"]');
    await total.waitFor();
    await expect(total.locator('.count-sum').textContent()).resolves.toBe(' 125 = 45 + 32 + 19 + 14 + 11 + 4');
    await expect(total.locator('.count-line strong').textContent()).resolves.toBe('125 convenios');
    await expect(total.locator('.count-parts li').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['45 convenios con instancias gubernamentales', '4 convenios con instituciones privadas']),
    );
    await expect(total.locator('blockquote p').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringContaining('ha consolidado una red de 125 convenios'),
        expect.stringContaining('45 con instancias gubernamentales, 32 con organismos electorales'),
      ]),
    );
    // Each source with its publisher and date, "not reported" where the document does not say.
    const publications = await page.locator('#details .sources .publication').allTextContents();
    expect(publications).toEqual(
      expect.arrayContaining([
        ' — La Crónica de Hoy, date not reported',
        ' — La Crónica de Hoy, 2025-12-09',
        ' — pasantesdf.com, 2024-09-25',
      ]),
    );

    // A faculty's label names its university.
    await searchAndChoose(page, 'FES Aragón', 'fes-aragon');
    await detailsOf(page, 'Facultad de Estudios Superiores Aragón');
    await expect(page.evaluate(() => window.cy.$id('fes-aragon').data('short'))).resolves.toMatch(/ · UNAM$/);

    // The US tour: each city's visit has no date of its own; the panel says so.
    await searchAndChoose(page, 'Giras', 'giras-estados-unidos-2023-2024');
    await detailsOf(page, 'Giras por Estados Unidos');
    const visits = await page.locator('#details .relationship-group[data-type="VISITED"] > ul > li').allTextContents();
    expect(visits).toHaveLength(9);
    for (const visit of visits) expect(visit).toContain('date of the visit not reported');
    // The tour hangs off the commission: the panel says whose commission it is.
    await expect(page.locator('#details [data-fact="Organized by"]').textContent()).resolves.toContain(
      '(part of Instituto Electoral de la Ciudad de México)',
    );
  });

  it('lists common partners, colours communities with a legend, shows metrics in view', async () => {
    await page.goto(`${server.url}/explorer`);
    // The network panel is at the top of the side panels, in view.
    const box = await page.locator('#network-panel').boundingBox();
    expect(box!.y).toBeLessThan(900);
    await searchAndChoose(page, 'INE', 'ine');
    await detailsOf(page, 'Instituto Nacional Electoral');
    await page.locator('#node-metrics', { hasText: 'partners' }).waitFor();
    await expect(page.locator('#node-metrics').textContent()).resolves.toMatch(
      /^Instituto Nacional Electoral: \d+ partners/,
    );
    await page.locator('#details .node-compare').click();
    await searchAndChoose(page, 'UNAM', 'unam');
    await detailsOf(page, 'Universidad Nacional Autónoma de México');
    await page.locator('#details .node-compare').click();
    const expected = await server.graphql<{ commonPartners: { id: string }[] }>(
      '{ commonPartners(ids: ["ine", "unam"], first: 100) { id } }',
    );
    const common = expected.data!.commonPartners.map((node) => node.id);
    expect(common).toContain('iecm');
    await page.locator('#common-partners li').first().waitFor();
    await expect(
      page.locator('#common-partners li').evaluateAll((items) => items.map((item) => item.getAttribute('data-node'))),
    ).resolves.toEqual(common);

    await page.locator('#colour-communities').check();
    await page.locator('#community-legend li[data-community="0"]').waitFor();
    const communities = await server.graphql<{
      networkMetrics: { communities: { count: number }; nodes: { id: string; community: number }[] };
    }>('{ networkMetrics { communities { count } nodes(ids: ["ine"], first: 1) { id community } } }');
    const { count } = communities.data!.networkMetrics.communities;
    expect(count).toBeGreaterThanOrEqual(2);
    await expect(page.locator('#community-legend li').count()).resolves.toBe(Math.min(count, 20) + 1);
    // The INE is drawn in the colour its community has in the legend.
    const ineCommunity = communities.data!.networkMetrics.nodes[0]!.community;
    const legendColour = await page
      .locator(`#community-legend li[data-community="${ineCommunity}"] .swatch`)
      .evaluate((swatch) => getComputedStyle(swatch).backgroundColor);
    const nodeColour = await page.evaluate(() => String(window.cy.$id('ine').style('background-color')));
    expect(nodeColour.replace(/\s/g, '')).toBe(legendColour.replace(/\s/g, ''));
  });

  it('finds a path that avoids places by default, and through a place when asked', async () => {
    const through = await server.graphql<{ path: { nodes: { kind: string }[] } }>(
      '{ path(from: "fgj-cdmx", to: "ssc-cdmx", maxHops: 6) { nodes { kind } } }',
    );
    expect(through.data!.path.nodes.map((node) => node.kind)).toContain('CITY'); // what the API does by default
    await page.goto(`${server.url}/explorer`);
    await searchAndChoose(page, 'Fiscalía General', 'fgj-cdmx');
    await detailsOf(page, 'Fiscalía General de Justicia');
    await page.locator('#path-from-here').click();
    await searchAndChoose(page, 'Seguridad Ciudadana', 'ssc-cdmx');
    await detailsOf(page, 'Secretaría de Seguridad Ciudadana');
    await page.locator('#path-to-here').click();
    await page.locator('#path-steps li[data-node="ssc-cdmx"]').waitFor();
    const steps = await page
      .locator('#path-steps li')
      .evaluateAll((items) => items.map((item) => item.textContent ?? ''));
    expect(steps.length).toBeGreaterThan(3);
    for (const step of steps) {
      expect(step).not.toMatch(/City|Country/);
      expect(step).not.toMatch(/located in|held in/);
    }
    // Checking "located in" lets the path through Mexico City: two steps.
    await page.locator('#path-types summary').click();
    await page.locator('#path-types input[value="LOCATED_IN"]').check();
    await page.locator('#path-find').click();
    await page.waitForFunction(() => document.querySelectorAll('#path-steps li').length === 3);
    await expect(page.locator('#path-steps li[data-node="ciudad-de-mexico"]').count()).resolves.toBe(1);
  });

  it('search says "8 of N", shows all on demand, and drops stale suggestions', async () => {
    await page.goto(`${server.url}/explorer`);
    const search = page.getByRole('combobox', { name: 'Search organizations, agreements, places' });
    await search.fill('convenio');
    await page.locator('#search-count', { hasText: 'of' }).waitFor();
    const answer = await server.graphql<{ search: unknown[] }>('{ search(query: "convenio", first: 50) { score } }');
    const total = answer.data!.search.length;
    expect(total).toBeGreaterThan(8);
    await expect(page.locator('#search-count').textContent()).resolves.toBe(
      `8 of ${total === 50 ? '50 or more' : total} matches for “convenio” · Show all`,
    );
    await expect(page.locator('#suggestions [role="option"]').count()).resolves.toBe(8);
    await page.locator('#search-show-all').click();
    await expect(page.locator('#suggestions [role="option"]').count()).resolves.toBe(total);
    // A new text: the old suggestions are gone at once, before the new answer arrives.
    await search.fill('Chicago');
    await expect(page.locator('#suggestions [role="option"]').count()).resolves.toBe(0);
    await page.locator('#suggestions [role="option"][data-id="chicago"]').waitFor();
    await expect(
      page
        .locator('#suggestions [role="option"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-id'))),
    ).resolves.not.toContain('convenio-iecm-ine');
  });

  it('places new nodes clear of the labels drawn, re-lays out around pinned nodes, exports whole labels', async () => {
    await page.goto(`${server.url}/explorer`);
    await searchAndChoose(page, 'IECM', 'iecm');
    await detailsOf(page, 'Instituto Electoral de la Ciudad de México');
    const before = await page.evaluate(() => window.cy.nodes().map((node) => node.id()));
    await searchAndChoose(page, 'UNAM', 'unam');
    await detailsOf(page, 'Universidad Nacional Autónoma de México');
    // No new node's label box overlaps the box (with label) of a node drawn before.
    const overlaps = await page.evaluate((old) => {
      const oldSet = new Set(old);
      const boxes = window.cy
        .nodes(':visible')
        .map((node) => ({ id: node.id(), b: node.renderedBoundingBox({ includeLabels: true }) }));
      const hits: string[] = [];
      for (const fresh of boxes.filter((entry) => !oldSet.has(entry.id)))
        for (const placed of boxes.filter((entry) => oldSet.has(entry.id)))
          if (
            fresh.b.x1 < placed.b.x2 &&
            placed.b.x1 < fresh.b.x2 &&
            fresh.b.y1 < placed.b.y2 &&
            placed.b.y1 < fresh.b.y2
          )
            hits.push(`${fresh.id} on ${placed.id}`);
      return hits;
    }, before);
    expect(overlaps).toEqual([]);
    // Long names are whole (wrapped by the drawing), never cut.
    const labels = await page.evaluate(() => window.cy.nodes().map((node) => String(node.data('short'))));
    for (const label of labels) expect(label).not.toContain('…');

    // Pin the IECM, re-lay out: the IECM stays, others move.
    await tapNode(page, 'iecm');
    await page.locator('#details h3', { hasText: 'Instituto Electoral de la Ciudad de México' }).waitFor();
    await page.locator('#details .node-pin').click();
    const pinned = await page.evaluate(() => window.cy.$id('iecm').position());
    const others = await page.evaluate(() => window.cy.nodes('[id != "iecm"]').map((node) => node.position()));
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await page.locator('#status', { hasText: 'Laid out' }).waitFor();
    const after = await page.evaluate(() => window.cy.$id('iecm').position());
    expect(Math.abs(after.x - pinned.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.y - pinned.y)).toBeLessThanOrEqual(1);
    const moved = await page.evaluate(() => window.cy.nodes('[id != "iecm"]').map((node) => node.position()));
    expect(moved.some((p, i) => Math.abs(p.x - others[i]!.x) > 1 || Math.abs(p.y - others[i]!.y) > 1)).toBe(true);

    // The PNG: every label drawn whole, and a legend of the acronyms on it.
    const acronyms = await page.evaluate(() =>
      window.cy
        .nodes(':visible')
        .map((node) => ({ short: String(node.data('short')), name: String(node.data('name')) }))
        .filter((label) => label.short !== label.name),
    );
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(page.locator('#status').textContent()).resolves.toContain(
      `with whole labels and a legend of ${acronyms.length} short labels`,
    );
    const legend = await page.evaluate(() => document.querySelector('#export-png')?.getAttribute('data-legend'));
    const entries = JSON.parse(legend ?? '[]') as string[];
    for (const { short, name } of acronyms) expect(entries).toContain(`${short}: ${name}`);
  });

  it('loaded everything from the server alone, with no error in the page', () => {
    expect(explorer.foreignRequests).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
    expect(explorer.consoleErrors).toEqual([]);
  });
});
