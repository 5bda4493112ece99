/**
 * Agreement status as data, on the seed (cypher/seed): an agreement is SIGNED or NEGOTIATION only where a
 * sentence says so, citing it; the rest is NOT_STATED, which no `via` counts as negotiation. An existing
 * database whose agreements have no status is migrated (0016) and its partnerships rebuilt at start-up.
 */
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { ensurePartnerships } from '../../src/features/partners/partnerships';
import { cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, testDatabase, type TestServer } from '../support/test-server';

let db: Database;
let api: TestServer;
beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  api = await startTestServer({ AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN}` });
});
afterAll(async () => {
  await api.close();
  await db.close();
});

async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await api.graphql<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const CRONICA_THREE = ['convenio-iecm-alcaldias', 'convenio-iecm-tecdmx', 'convenio-iecm-unam-docencia'];
const CONSOLIDATED = 'cronica-2025-iecm-125-convenios#2';

interface StatusRow {
  id: string;
  status: string;
  statusSources: { statementId: string; sentence: string }[];
}
const AGREEMENTS = `query ($status: AgreementStatus) {
  agreements(filter: { status: $status }, first: 100) {
    edges { node { id status statusSources { statementId sentence } } }
  }
}`;
const byStatus = async (status: string): Promise<StatusRow[]> =>
  (await data<{ agreements: { edges: { node: StatusRow }[] } }>(AGREEMENTS, { status })).agreements.edges.map(
    (edge) => edge.node,
  );

const PARTNERS = `query ($via: [PartnershipKind!]) {
  partners(of: "iecm", via: $via, first: 100) { edges { node { partner { id } kinds } } }
}`;
interface PartnersData {
  partners: { edges: { node: { partner: { id: string }; kinds: string[] } }[] };
}
const partnersVia = async (via: string[]): Promise<string[]> =>
  (await data<PartnersData>(PARTNERS, { via })).partners.edges.map((edge) => edge.node.partner.id).sort();

describe('on the seed', () => {
  it('the three agreements of the Crónica article are signed, citing "ha consolidado una red de 125 convenios"', async () => {
    const signed = await byStatus('SIGNED');
    for (const id of CRONICA_THREE) {
      const agreement = signed.find((row) => row.id === id);
      expect(agreement?.statusSources.map((source) => source.statementId)).toContain(CONSOLIDATED);
      expect(agreement?.statusSources.find((s) => s.statementId === CONSOLIDATED)?.sentence).toMatch(
        /ha consolidado una red de 125 convenios/,
      );
    }
    // Every status but NOT_STATED cites at least one sentence.
    for (const row of [...signed, ...(await byStatus('NEGOTIATION'))])
      expect(row.statusSources.length).toBeGreaterThan(0);
  });

  it('no agreement is left without a stated status, and none is NOT_STATED', async () => {
    expect(await byStatus('NOT_STATED')).toEqual([]);
    const negotiation = (await byStatus('NEGOTIATION')).map((row) => row.id).sort();
    expect(negotiation).toEqual([
      'convenio-iecm-indetec',
      'convenio-iecm-itam',
      'convenio-iecm-oei',
      'convenio-iecm-registro-civil',
      'convenio-iecm-uam',
    ]);
  });

  it('partners(via:): TECDMX, the alcaldías and the UNAM partner the IECM by signed agreements, not negotiation', async () => {
    const signed = await partnersVia(['SIGNED_AGREEMENT']);
    expect(signed).toEqual(expect.arrayContaining(['alcaldias-cdmx', 'tecdmx', 'unam']));
    const negotiation = await partnersVia(['AGREEMENT_IN_NEGOTIATION']);
    for (const id of ['alcaldias-cdmx', 'tecdmx', 'unam']) expect(negotiation).not.toContain(id);
    expect(await partnersVia(['AGREEMENT_STATUS_NOT_STATED'])).toEqual([]);
  });
});

describe('a database written before NOT_STATED', () => {
  beforeAll(async () => {
    // As the old commit left them: the Crónica agreements with no status; plus an agreement no sentence gives one.
    await cypherRows(db, 'MATCH (a:Agreement) WHERE a.id IN $ids REMOVE a.status, a.statusSources', {
      ids: CRONICA_THREE,
    });
    await cypherRows(db, 'MATCH (m:Migration {version: 16}) DELETE m');
    await cypherRows(
      db,
      `MATCH (iecm:Entity {id: 'iecm'}), (ine:Entity {id: 'ine'})
       CREATE (a:Entity:Identity:Agreement {id: 'convenio-sin-estatus', kind: 'AGREEMENT', name: 'Convenio sin estatus',
               sortKey: 'convenio sin estatus', aliases: [], searchKeys: ['convenio sin estatus'],
               sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']})
       CREATE (iecm)-[:PARTY_TO {id: 'iecm-party-sin-estatus', sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']}]->(a)
       CREATE (ine)-[:PARTY_TO {id: 'ine-party-sin-estatus', sourceRefs: ['nota-iecm-alianzas-2024-09-25#3']}]->(a)
       WITH 1 AS one MERGE (d:Derived {name: 'partnerships'}) SET d.version = 1`,
    );
    await migrate(db);
    expect(await ensurePartnerships(db)).toBe(true);
  });

  it('migrates the Crónica agreements to SIGNED citing the sentence, the rest to NOT_STATED', async () => {
    const signed = await byStatus('SIGNED');
    for (const id of CRONICA_THREE) {
      expect(signed.find((row) => row.id === id)?.statusSources.map((s) => s.statementId)).toContain(CONSOLIDATED);
    }
    const notStated = await byStatus('NOT_STATED');
    expect(notStated).toEqual([{ id: 'convenio-sin-estatus', status: 'NOT_STATED', statusSources: [] }]);
  });

  it('counts an agreement of no stated status only as AGREEMENT_STATUS_NOT_STATED, never as negotiation', async () => {
    expect(await partnersVia(['AGREEMENT_STATUS_NOT_STATED'])).toEqual(['ine']);
    const { partners } = await data<PartnersData>(PARTNERS, { via: null });
    const ine = partners.edges.find((edge) => edge.node.partner.id === 'ine');
    expect(ine?.node.kinds.sort()).toEqual(['AGREEMENT_STATUS_NOT_STATED', 'SIGNED_AGREEMENT']);
    expect(await partnersVia(['AGREEMENT_IN_NEGOTIATION'])).not.toContain('ine');
  });
});

describe('commitDocument', () => {
  const COMMIT = `mutation ($input: CommitDocumentInput!) { commitDocument(input: $input) { nodes { id } } }`;
  const input = (node: Record<string, unknown>, url: string) => ({
    id: `nota-${url.slice(-1)}`,
    title: 'Nota de prueba',
    url,
    text: 'El IECM firmó un convenio con la Universidad de Prueba. También habló de otro convenio.',
    nodes: [{ kind: 'AGREEMENT', name: 'Convenio de prueba', sentences: [1], ...node }],
  });
  const commit = (node: Record<string, unknown>, url: string) =>
    api.graphql<{ commitDocument: { nodes: { id: string }[] } }>(
      COMMIT,
      { input: input(node, url) },
      {
        authorization: `Bearer ${EDITOR_TOKEN}`,
      },
    );

  it('refuses a status without the sentence that states it', async () => {
    const answer = await commit({ id: 'convenio-prueba-a', status: 'SIGNED' }, 'https://example.org/nota-a');
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toMatch(/statusSentences/);
  });

  it('writes a stated status citing its sentence, and NOT_STATED when none is given', async () => {
    const signed = await commit(
      { id: 'convenio-prueba-b', status: 'SIGNED', statusSentences: [1] },
      'https://example.org/nota-b',
    );
    expect(signed.errors).toBeUndefined();
    const unstated = await commit({ id: 'convenio-prueba-c' }, 'https://example.org/nota-c');
    expect(unstated.errors).toBeUndefined();
    const rows = await cypherRows<{ id: string; status: string; sources: string[] | null }>(
      db,
      `MATCH (a:Agreement) WHERE a.id IN ['convenio-prueba-b', 'convenio-prueba-c']
       RETURN a.id AS id, a.status AS status, a.statusSources AS sources ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'convenio-prueba-b', status: 'SIGNED', sources: ['nota-b#1'] },
      { id: 'convenio-prueba-c', status: 'NOT_STATED', sources: null },
    ]);
  });
});
