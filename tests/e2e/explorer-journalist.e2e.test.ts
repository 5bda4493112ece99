/**
 * The explorer as a journalist uses it (issue 13), in a real browser over the seeded throwaway Neo4j: four
 * questions, each answered on screen in at most three interactions with the answer's text asserted; then a map
 * saved, reopened from its address with every node in place, shown in its embed view, exported as a map file that
 * opens again, and as a PNG with its legend.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';
import './support/cy';
import { launchChromium, openWatchedPage, saveScreenshot, type WatchedPage } from './support/browser';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';

interface Placed {
  id: string;
  x: number;
  y: number;
  rx: number;
  ry: number;
}

const positions = (page: Page): Promise<Placed[]> =>
  page.evaluate(() =>
    window.cy.nodes().map((node) => ({
      id: node.id(),
      x: node.position().x,
      y: node.position().y,
      rx: node.renderedPosition().x,
      ry: node.renderedPosition().y,
    })),
  );

async function waitForNodes(page: Page, ids: string[]): Promise<void> {
  await page.waitForFunction((wanted) => wanted.every((id) => window.cy.$id(id).nonempty()), ids, {
    timeout: 20_000,
  });
}

/** Types into the search box and chooses the suggestion with this id: two interactions. */
async function searchAndChoose(page: Page, text: string, id: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search organizations, agreements, places' });
  await search.fill(text);
  await page.locator(`#suggestions [role="option"][data-id="${id}"]`).click();
}

/** The node's title in the details panel once it is shown, with its facts loaded. */
async function detailsOf(page: Page, name: string): Promise<void> {
  await page.locator('#details h3', { hasText: name }).waitFor();
  await page.locator('#details .relationship-groups, #details p.hint:text("No relationships recorded.")').waitFor();
  // The partners come in their own request, the relationships in theirs: either may answer first.
  await page.locator('#details .partners, #details p.hint:text("No partners recorded.")').waitFor();
}

describe('the explorer answers a journalist’s questions', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let explorer: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    db = testDatabase();
    await resetAndSeed(db);
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

  it('(a) which organizations signed agreements with the IECM: all of them, in its partners', async () => {
    const answer = await server.graphql<{
      node: { agreements: { status: string | null; parties: { id: string; name: string }[] }[] };
    }>(
      '{ node(id: "iecm") { ... on Organization { agreements(first: 40) { status parties(first: 10) { id name } } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const signedWith = new Set(
      answer
        .data!.node.agreements.filter((agreement) => agreement.status === 'SIGNED')
        .flatMap((agreement) => agreement.parties.filter((party) => party.id !== 'iecm').map((party) => party.name)),
    );
    expect(signedWith.size).toBeGreaterThanOrEqual(12);

    await page.goto(`${server.url}/explorer`); // 1
    await searchAndChoose(page, 'IECM', 'iecm'); // 2, 3
    await detailsOf(page, 'Instituto Electoral de la Ciudad de México');
    const agreements = page.locator('#details .relationship-group[data-type="PARTY_TO"] > ul > li');
    await expect(agreements.count()).resolves.toBe(answer.data!.node.agreements.length);
    const partners = await page.locator('#details .partners li').allTextContents();
    for (const name of signedWith) expect(partners.some((text) => text.includes(name))).toBe(true);

    // The legend says how signed agreements differ from those in negotiation.
    await expect(
      page.getByRole('list', { name: 'Legend: agreement status' }).locator('li').allTextContents(),
    ).resolves.toEqual([
      'Agreement signed',
      'Agreement in negotiation (outlined, dashed)',
      'Agreement, status not stated by any source (grey, dotted)',
    ]);
  });

  it('(b) which agreement involved the UNAM, and through which faculty; nodes placed before do not move', async () => {
    const before = await positions(page);
    await searchAndChoose(page, 'UNAM', 'unam'); // 1, 2
    await detailsOf(page, 'Universidad Nacional Autónoma de México');
    const after = new Map((await positions(page)).map((node) => [node.id, node]));
    // The IECM's first view may have drawn the UNAM already (a partner); its own first view draws its faculty.
    expect(after.size).toBeGreaterThanOrEqual(before.length);
    expect(after.has('fes-aragon')).toBe(true);
    for (const node of before) {
      const now = after.get(node.id)!;
      expect({
        id: node.id,
        dx: Math.round(Math.abs(now.x - node.x)),
        dy: Math.round(Math.abs(now.y - node.y)),
      }).toEqual({ id: node.id, dx: 0, dy: 0 });
    }
    // The second node is linked to what was on screen: the faculty to the agreement drawn with the IECM.
    await expect(
      page.evaluate(() => window.cy.edges('[source = "fes-aragon"][target = "convenio-iecm-unam-fes-aragon"]').length),
    ).resolves.toBe(1);
    await page.locator('#details [data-relationship] button[data-node="convenio-iecm-unam-fes-aragon"]').click(); // 3
    await page.locator('#details [data-fact="Parties"]').waitFor();
    await expect(page.locator('#details [data-fact="Parties"]').textContent()).resolves.toContain(
      'Facultad de Estudios Superiores Aragón',
    );
    await expect(page.locator('#details .status-tag').textContent()).resolves.toBe('signed');
  });

  it('(c) which US cities were visited, and when', async () => {
    await searchAndChoose(page, 'Giras', 'giras-estados-unidos-2023-2024'); // 1, 2
    await detailsOf(page, 'Giras por Estados Unidos');
    await expect(page.locator('#details [data-fact="Tours"]').textContent()).resolves.toBe('7');
    await expect(page.locator('#details [data-fact="Cities"]').textContent()).resolves.toBe('9');
    const visited = page.locator('#details .relationship-group[data-type="VISITED"] > ul > li');
    const texts = await visited.allTextContents();
    expect(texts).toHaveLength(9);
    for (const city of ['Chicago', 'Dallas', 'Houston', 'Atlanta'])
      expect(texts.some((text) => text.includes(city))).toBe(true);
    for (const text of texts) expect(text).toContain('2023-09 – 2024-09');
  });

  it('(d) how many people were in the observation mission, and where the number comes from', async () => {
    await searchAndChoose(page, 'Misión de Acompañamiento', 'mision-acompanamiento-2023-2024'); // 1, 2
    await detailsOf(page, 'Misión de Acompañamiento');
    await expect(page.locator('#details [data-fact="Participants"]').textContent()).resolves.toMatch(
      /^89 = 52 .+ \+ 37 .+$/,
    );
    const participation = page.locator('#details .relationship-group[data-type="PARTICIPATED_IN"] > ul > li', {
      hasText: '52 people',
    });
    await participation.locator('summary').click(); // 3
    await expect(participation.locator('blockquote p').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('52')]),
    );
    await expect(participation.locator('a.document').count()).resolves.toBeGreaterThan(0);
  });

  let mapId = '';
  let saved: Placed[] = [];

  it('saves the view as a map and reopens it from its address with every node in place (within 1 px)', async () => {
    await page.locator('#map-title').fill('La misión de acompañamiento');
    await page.locator('#map-token').fill(EDITOR_TOKEN);
    saved = await positions(page);
    await page.getByRole('button', { name: 'Save map' }).click();
    await page.waitForFunction(() => new URL(window.location.href).searchParams.has('map'));
    mapId = new URL(page.url()).searchParams.get('map')!;
    expect(mapId).toMatch(/^[a-z0-9-]+$/);

    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(
      page,
      saved.map((node) => node.id),
    );
    const reopened = new Map((await positions(page)).map((node) => [node.id, node]));
    expect(reopened.size).toBe(saved.length);
    for (const node of saved) {
      const again = reopened.get(node.id)!;
      expect(Math.abs(again.x - node.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(again.y - node.y)).toBeLessThanOrEqual(1);
      expect(Math.abs(again.rx - node.rx)).toBeLessThanOrEqual(1);
      expect(Math.abs(again.ry - node.ry)).toBeLessThanOrEqual(1);
    }
    // Listed among the saved maps (inside the folded "Saved maps").
    await page.locator('#map-list li a', { hasText: 'La misión de acompañamiento' }).waitFor({ state: 'attached' });
    await saveScreenshot(page, 'explorer-map.png');
    // The same map on a phone: the graph first, the panels under it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(
      page,
      saved.map((node) => node.id),
    );
    await saveScreenshot(page, 'explorer-map-phone.png');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows the map read-only in its embed view', async () => {
    await page.goto(`${server.url}/explorer/embed/${mapId}`);
    await waitForNodes(
      page,
      saved.map((node) => node.id),
    );
    await expect(page.locator('.topbar').isHidden()).resolves.toBe(true);
    await expect(page.locator('aside').isHidden()).resolves.toBe(true);
    await expect(page.locator('#legend').isVisible()).resolves.toBe(true);
  });

  it('draws a saved map’s captions, and says what changed since it was saved', async () => {
    const created = await server.graphql<{ createMap: { id: string } }>(
      `mutation ($input: CreateMapInput!) { createMap(input: $input) { id } }`,
      {
        input: {
          title: 'Con leyendas',
          nodes: [
            { id: 'iecm', x: 0, y: 0, caption: 'El instituto' },
            { id: 'nunca-existio', x: 100, y: 0 },
          ],
        },
      },
      { authorization: `Bearer ${EDITOR_TOKEN}` },
    );
    expect(created.errors).toBeUndefined();
    await page.goto(`${server.url}/explorer/embed/${created.data!.createMap.id}`);
    await waitForNodes(page, ['iecm']);
    await expect(page.evaluate(() => window.cy.$id('iecm').data('short'))).resolves.toBe('El instituto');
    await expect(page.locator('#status').textContent()).resolves.toContain(
      '"nunca-existio" is not a node of this graph',
    );
  });

  it('exports a map file that opens again, and a PNG with a title, legend and sources', async () => {
    await page.goto(`${server.url}/explorer?map=${mapId}`);
    await waitForNodes(
      page,
      saved.map((node) => node.id),
    );
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const file = await json.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; map: { nodes: { id: string }[] } };
    expect(exported.format).toBe('iecm-explorer-map');
    expect(exported.map.nodes.map((node) => node.id).sort()).toEqual(saved.map((node) => node.id).sort());

    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect(page.evaluate(() => window.cy.nodes().length)).resolves.toBe(0);
    await page.locator('#map-open-file').setInputFiles(file);
    await waitForNodes(
      page,
      saved.map((node) => node.id),
    );
    const reopened = new Map((await positions(page)).map((node) => [node.id, node]));
    for (const node of saved) expect(Math.abs(reopened.get(node.id)!.x - node.x)).toBeLessThanOrEqual(1);

    const graphSize = await page.evaluate(() => {
      const canvas = document.querySelector('#cy canvas');
      return canvas ? canvas.getBoundingClientRect().height : 0;
    });
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Width and height from the IHDR chunk: the image is taller than the graph by its header and legend.
    const height = bytes.readUInt32BE(20);
    expect(height).toBeGreaterThan(graphSize);
  });

  it('hides a single node, with its relationships, and leaves the rest drawn', async () => {
    const before = await page.evaluate(() => window.cy.nodes().length);
    await page.evaluate(() => window.cy.$id('unam').emit('tap'));
    await page.locator('#details h3', { hasText: 'Universidad Nacional Autónoma de México' }).waitFor();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await expect(page.evaluate(() => window.cy.$id('unam').empty())).resolves.toBe(true);
    await expect(page.evaluate(() => window.cy.nodes().length)).resolves.toBe(before - 1);
    await expect(page.evaluate(() => window.cy.edges('[source = "unam"], [target = "unam"]').length)).resolves.toBe(0);
  });

  it('loaded everything from the server alone, with no error in the page', () => {
    expect(explorer.foreignRequests).toEqual([]);
    expect(explorer.pageErrors).toEqual([]);
    expect(explorer.consoleErrors).toEqual([]);
  });
});
