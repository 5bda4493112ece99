/**
 * The batch path against a real server and Neo4j: `analyze` writes one review file per article, the reviewer marks
 * them reviewed, `commit-reviewed` commits them through the API; running it again writes nothing twice, and a file
 * that cannot be committed is reported by name while the others are committed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ACCEPT_CONFIDENCE,
  analyzeFiles,
  apiClient,
  commitReviewed,
  parseArticle,
  reviewFiles,
  type ReviewFile,
} from '../../src/cli/review-files';
import type { Database } from '../../src/db/database';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';

// Articles written for this test, in the corpus's format: a header (or none), a blank line, the title, the body.
const TRANSPARENCIA = `source: Diario de prueba
url: https://diario.example.org/2026/02/03/comision-de-transparencia
date: 2026-02-03

El IECM instala su Comisión de Transparencia Electoral

El Instituto Electoral de la Ciudad de México (IECM) instaló la Comisión de Transparencia Electoral. La consejera presidenta de la Comisión de Transparencia Electoral, Marta Ibáñez Solís, dijo que el órgano publicará cada mes sus acuerdos. La Comisión de Transparencia Electoral estará integrada por Sonia Pérez Pérez y Erika Estrada Ruiz.
`;
const DEBATES = `url: https://diario.example.org/2026/02/10/comision-de-debates

El IECM instala la Comisión de Debates

El Instituto Electoral de la Ciudad de México instaló la Comisión de Debates. La Comisión de Debates, presidida por Ernesto Ramos Mega, estará integrada por Sonia Pérez Pérez y Erika Estrada Ruiz.
`;
// No url: analysed, but it cannot be committed until the reviewer adds one.
const WITHOUT_URL = `La Comisión de Archivo sesiona

La Comisión de Archivo del IECM sesionó por primera vez.
`;

let api: TestServer;
let db: Database;
let dir: string;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  api = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
  dir = await mkdtemp(path.join(os.tmpdir(), 'batch-review-'));
  // Seeding the whole graph took 55 s on the shared 2-core machine under load.
}, 180_000);
afterAll(async () => {
  await api?.close();
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('parseArticle', () => {
  it('reads the header lines, the title and the body', () => {
    expect(parseArticle(TRANSPARENCIA)).toEqual({
      title: 'El IECM instala su Comisión de Transparencia Electoral',
      body: expect.stringMatching(/^El Instituto Electoral .* Erika Estrada Ruiz\.$/s),
      url: 'https://diario.example.org/2026/02/03/comision-de-transparencia',
      publishedAt: '2026-02-03',
      publisher: 'Diario de prueba',
    });
    expect(parseArticle('Título\r\n\r\nCuerpo.')).toEqual({
      title: 'Título',
      body: 'Cuerpo.',
      url: null,
      publishedAt: null,
      publisher: null,
    });
  });
});

it('analyses articles into review files and commits the reviewed ones once', async () => {
  const client = apiClient(`${api.url}/graphql`, EDITOR_TOKEN);
  const articles = path.join(dir, 'articles');
  const reviews = path.join(dir, 'reviews');
  await rm(reviews, { recursive: true, force: true });
  await mkdir(articles, { recursive: true });
  await mkdir(reviews, { recursive: true });
  const files = {
    transparencia: path.join(articles, 'transparencia.txt'),
    debates: path.join(articles, 'debates.txt'),
    archivo: path.join(articles, 'archivo.txt'),
  };
  await writeFile(files.transparencia, TRANSPARENCIA);
  await writeFile(files.debates, DEBATES);
  await writeFile(files.archivo, WITHOUT_URL);

  const before = await readGraphCounts(db);
  const analysed = await analyzeFiles(client, Object.values(files), reviews);
  expect(analysed.map((o) => o.status)).toEqual(['written', 'written', 'written']);
  expect(await readGraphCounts(db)).toEqual(before); // analysing writes nothing

  const written = await reviewFiles(reviews);
  expect(written.map((f) => path.basename(f))).toEqual([
    'archivo.review.json',
    'debates.review.json',
    'transparencia.review.json',
  ]);
  const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as ReviewFile;
  const transparencia = await read(path.join(reviews, 'transparencia.review.json'));
  expect(transparencia.document).toMatchObject({
    id: 'transparencia',
    url: 'https://diario.example.org/2026/02/03/comision-de-transparencia',
    publishedAt: '2026-02-03',
  });
  expect(transparencia.sentences[0]).toBe('El IECM instala su Comisión de Transparencia Electoral');
  // Every proposal starts accepted or rejected by its confidence.
  for (const proposal of [...transparencia.nodes, ...transparencia.relationships])
    expect(proposal.accepted).toBe(proposal.confidence >= ACCEPT_CONFIDENCE);
  expect(transparencia.nodes).toContainEqual(
    expect.objectContaining({ id: 'marta-ibanez-solis', kind: 'PERSON', accepted: true }),
  );

  // Nothing is committed before the reviewer marks the files reviewed.
  const unreviewed = await commitReviewed(client, reviews);
  expect(unreviewed.map((o) => o.status)).toEqual(['not-reviewed', 'not-reviewed', 'not-reviewed']);
  expect(await readGraphCounts(db)).toEqual(before);

  for (const file of written) {
    const review = await read(file);
    review.reviewed = true;
    await writeFile(file, JSON.stringify(review, null, 2));
  }
  const progress: string[] = [];
  const first = await commitReviewed(client, reviews, { onDone: (o) => progress.push(path.basename(o.file)) });
  expect(first.map((o) => [path.basename(o.file), o.status])).toEqual([
    ['archivo.review.json', 'failed'],
    ['debates.review.json', 'committed'],
    ['transparencia.review.json', 'committed'],
  ]);
  expect(first[0]?.message).toMatch(/url/);
  expect(progress).toHaveLength(3);

  const facts = await cypherRows<{ from: string; type: string; to: string; sources: string[] }>(
    db,
    `MATCH (a)-[r]->(b) WHERE any(s IN r.sourceRefs WHERE s STARTS WITH 'transparencia#' OR s STARTS WITH 'debates#')
     RETURN a.id AS from, type(r) AS type, b.id AS to, r.sourceRefs AS sources ORDER BY from, type, to`,
  );
  const fact = (from: string, type: string, to: string) =>
    facts.filter((f) => f.from === from && f.type === type && f.to === to);
  expect(fact('iecm', 'INSTALLED', 'comision-de-transparencia-electoral')).toEqual([
    expect.objectContaining({ sources: expect.arrayContaining(['transparencia#0', 'transparencia#1']) }),
  ]);
  expect(fact('marta-ibanez-solis', 'CHAIRS', 'comision-de-transparencia-electoral')).toHaveLength(1);
  expect(fact('ernesto-ramos-mega', 'CHAIRS', 'comision-de-debates')).toEqual([
    expect.objectContaining({ sources: ['debates#2'] }),
  ]);
  for (const commission of ['comision-de-transparencia-electoral', 'comision-de-debates'])
    for (const member of ['sonia-perez-perez', 'erika-estrada-ruiz'])
      expect(fact(member, 'MEMBER_OF', commission)).toHaveLength(1);
  // Known people are linked, never created again.
  const people = await cypherRows<{ n: number }>(
    db,
    "MATCH (p:Person) WHERE p.name IN ['Sonia Pérez Pérez', 'Erika Estrada Ruiz'] RETURN count(p) AS n",
  );
  expect(people[0]?.n).toBe(2);

  // Again: the committed files are skipped, the failing one fails again, nothing is written twice.
  const after = await readGraphCounts(db);
  const again = await commitReviewed(client, reviews);
  expect(again.map((o) => o.status)).toEqual(['failed', 'skipped', 'skipped']);
  expect(await readGraphCounts(db)).toEqual(after);

  // Should the record in a file be lost, the API's idempotency on the URL still writes nothing.
  const debates = await read(path.join(reviews, 'debates.review.json'));
  delete debates.committed;
  await writeFile(path.join(reviews, 'debates.review.json'), JSON.stringify(debates));
  const third = await commitReviewed(client, reviews);
  expect(third.map((o) => o.status)).toEqual(['failed', 'already-committed', 'skipped']);
  expect(await readGraphCounts(db)).toEqual(after);
});
