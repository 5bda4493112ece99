/**
 * A node with very many partners keeps them ranked, so a page of its partners reads only that page. The ranked
 * pages must be exactly what the full sort gives: compared here, page by page through every partner, with the
 * same question asked with a filter that keeps every partner (which always sorts them all); then again after a
 * write that moves one partner to the top.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database';
import * as curation from '../../src/features/curation/curation.service';
import { DATASET_FORMAT, type Dataset } from '../../src/features/dataset/dataset-format';
import { loadDataset } from '../../src/features/dataset/dataset.repository';
import { importFiles } from '../../src/features/dataset/import';
import { rebuildAllPartnerships, RANKED_PARTNERS, RANKING_MIN_DEGREE } from '../../src/features/partners/partnerships';
import { AgreementStatus, NodeKind, RelationType } from '../../src/model/graph-model';
import { cypherRow, cypherRows, resetDatabase } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const PARTNERS = RANKING_MIN_DEGREE + 120;
const DOC = 'doc-ranking';
const SOURCES = [`${DOC}#0`];

function dataset(): Dataset {
  const partners = Array.from({ length: PARTNERS }, (_, i) => ({
    id: `socio-${i}`,
    kind: NodeKind.ORGANIZATION,
    // Names out of id order, so the name tiebreak is visible.
    name: `Socio ${String((i * 7919) % PARTNERS).padStart(4, '0')}`,
    sources: SOURCES,
  }));
  // Every partner shares one agreement with the centre, every tenth a second: strengths 1 and 2, and years vary.
  const agreements = partners.flatMap((_partner, i) =>
    Array.from({ length: i % 10 === 0 ? 2 : 1 }, (_, k) => ({
      id: `acuerdo-${i}-${k}`,
      kind: NodeKind.AGREEMENT,
      name: `Acuerdo ${i}-${k}`,
      sources: SOURCES,
      properties: { status: 'SIGNED' },
    })),
  );
  return {
    format: DATASET_FORMAT,
    sources: [
      {
        id: DOC,
        title: 'Convenios',
        url: 'https://example.org/c',
        publishedOn: '2025',
        statements: [{ n: 0, text: 'Convenios' }],
      },
    ],
    nodes: [
      { id: 'centro', kind: NodeKind.ORGANIZATION, name: 'Centro', sources: SOURCES },
      ...partners,
      ...agreements,
    ],
    relationships: agreements.flatMap((agreement, i) => {
      const partner = agreement.id.split('-')[1];
      const periodStart = String(2015 + (i % 9));
      return [
        { from: 'centro', type: RelationType.PARTY_TO, to: agreement.id, sources: SOURCES, periodStart },
        { from: `socio-${partner}`, type: RelationType.PARTY_TO, to: agreement.id, sources: SOURCES, periodStart },
      ];
    }),
  };
}

let db: Database;
let api: TestServer;
beforeAll(async () => {
  db = testDatabase();
  await resetDatabase(db);
  await loadDataset(db, dataset());
  await rebuildAllPartnerships(db);
  api = await startTestServer();
});
afterAll(async () => {
  await api.close();
  await db.close();
});

interface Page {
  partners: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { partner: { id: string }; strength: number } }[];
  };
}

/** Every partner of the centre, page by page; with a filter that keeps all of them, or without any. */
async function allPartners(filtered: boolean): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const response = await api.graphql<Page>(
      `query ($after: String) { partners(of: "centro", first: 100, after: $after${
        filtered ? ', partnerKinds: [ORGANIZATION]' : ''
      }) { totalCount pageInfo { hasNextPage endCursor } edges { node { partner { id } strength } } } }`,
      { after },
    );
    expect(response.errors).toBeUndefined();
    const page: Page['partners'] = response.data!.partners;
    expect(page.totalCount).toBe(PARTNERS);
    ids.push(...page.edges.map((edge) => edge.node.partner.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return ids;
}

it('gives a dense node pages from its ranking equal to the full sort, past the end of the ranking too', async () => {
  const ranking = await cypherRow<{ size: number }>(
    db,
    "MATCH (n:Entity {id: 'centro'}) RETURN size(n.partnerRanking) AS size",
  );
  expect(ranking.size).toBeGreaterThan(0);
  const ranked = await allPartners(false);
  expect(ranked).toHaveLength(PARTNERS);
  expect(ranked).toEqual(await allPartners(true));
});

it('re-ranks after a write: a partner with a new agreement moves up', async () => {
  await curation.createAgreement(
    db,
    { name: 'test', role: 'admin' },
    {
      id: 'acuerdo-extra',
      name: 'Acuerdo extra',
      status: AgreementStatus.SIGNED,
      agreementType: 'CONVENIO',
      parties: ['centro', 'socio-7', 'socio-9'],
      periodStart: '2025',
      sources: [{ statementId: `${DOC}#0` }],
    },
  );
  // socio-7 had one agreement: it now shares two, and the latest date: ahead of every strength-2 partner.
  const ranked = await allPartners(false);
  expect(ranked).toEqual(await allPartners(true));
  expect(ranked.slice(0, 2).sort()).toEqual(['socio-7', 'socio-9'].sort());
});

const ADMIN = { name: 'test', role: 'admin' } as const;
const CITED = [{ statementId: `${DOC}#0` }];

/**
 * The stored rankings against the full sort, written here on its own: every node with enough partners keeps
 * exactly the first RANKED_PARTNERS of them in order, and no other node keeps any.
 */
async function expectRankingsExact(): Promise<void> {
  const rows = await cypherRows<{ id: string; degree: number; stored: string[] | null; sorted: string[] }>(
    db,
    `MATCH (x:Organization)
     WITH x, COUNT { (x)-[:PARTNERS]-() } AS degree
     CALL (x) {
       MATCH (x)-[r:PARTNERS]-(p:Entity)
       WITH p, r ORDER BY r.strength DESC, coalesce(r.lastDate, date('0001-01-01')) DESC, p.sortKey, p.id
       RETURN collect(p.id) AS sorted
     }
     RETURN x.id AS id, degree, x.partnerRanking AS stored, sorted`,
  );
  const wrong = rows.filter((row) =>
    row.degree >= RANKING_MIN_DEGREE
      ? JSON.stringify(row.stored) !== JSON.stringify(row.sorted.slice(0, RANKED_PARTNERS))
      : row.stored !== null,
  );
  expect(wrong.map((row) => row.id)).toEqual([]);
  expect(rows.filter((row) => row.stored !== null).map((row) => row.id)).toEqual(['centro']);
}

/** The first page read from the ranking equals the first page of the full sort (a filter that keeps everyone). */
async function expectFirstPagesEqual(): Promise<void> {
  const page = async (filtered: boolean): Promise<unknown> =>
    (
      await api.graphql<Page>(
        `{ partners(of: "centro", first: 20${filtered ? ', partnerKinds: [ORGANIZATION]' : ''}) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { partner { id } strength } } } }`,
      )
    ).data?.partners;
  expect(await page(false)).toEqual(await page(true));
}

async function importDataset(dataset: Dataset): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'partner-ranking-'));
  try {
    const file = join(dir, 'batch.json');
    writeFileSync(file, JSON.stringify(dataset));
    await importFiles(db, ADMIN, [file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the ranking stays exact after every kind of write', () => {
  const agreementRow = (id: string, status: string, parties: string[], periodStart: string): Dataset => ({
    ...dataset(),
    nodes: [{ id, kind: NodeKind.AGREEMENT, name: id, sources: SOURCES, properties: { status } }],
    relationships: parties.map((party) => ({
      from: party,
      type: RelationType.PARTY_TO,
      to: id,
      sources: SOURCES,
      periodStart,
    })),
  });
  const writes: [string, () => Promise<unknown>][] = [
    ['a rebuild', () => rebuildAllPartnerships(db)],
    [
      'link: a partner joins another agreement of the centre',
      () =>
        curation.link(db, ADMIN, { from: 'socio-5', type: RelationType.PARTY_TO, to: 'acuerdo-3-0', sources: CITED }),
    ],
    ['unlink: and leaves it', () => curation.unlink(db, ADMIN, `socio-5:${RelationType.PARTY_TO}:acuerdo-3-0`)],
    [
      'import: a new agreement of the centre, with a later date',
      () => importDataset(agreementRow('acuerdo-import', 'SIGNED', ['centro', 'socio-11', 'socio-12'], '2030')),
    ],
    [
      'import: an agreement written again with another status',
      () => importDataset(agreementRow('acuerdo-import', 'NEGOTIATION', ['centro', 'socio-11', 'socio-12'], '2030')),
    ],
    [
      'part-of: a partner becomes part of the centre (never its partner)',
      () => curation.link(db, ADMIN, { from: 'socio-10', type: RelationType.PART_OF, to: 'centro', sources: CITED }),
    ],
    ['part-of removed', () => curation.unlink(db, ADMIN, `socio-10:${RelationType.PART_OF}:centro`)],
    ['merge: two partners become one', () => curation.mergeNodes(db, ADMIN, 'socio-4', 'socio-20')],
    ['delete: the strongest partner goes', () => curation.deleteNode(db, ADMIN, 'socio-0')],
    ['restore: and comes back', () => curation.restoreNode(db, ADMIN, 'socio-0')],
    [
      'rename: a partner moves within its strength',
      () => curation.updateNode(db, ADMIN, 'socio-30', { name: 'AAA', sources: CITED }),
    ],
    [
      'import: a partner renamed moves within its strength',
      () =>
        importDataset({
          ...dataset(),
          nodes: [{ id: 'socio-40', kind: NodeKind.ORGANIZATION, name: 'AAB', sources: SOURCES }],
          relationships: [],
        }),
    ],
  ];
  it.each(writes)('after %s', async (_name, write) => {
    await write();
    await expectRankingsExact();
    await expectFirstPagesEqual();
  });
});
