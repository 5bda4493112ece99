/**
 * Curating the graph through GraphQL against the real Neo4j: who may write, validation, all-or-nothing
 * transactions, history, merge, soft delete and restore.
 */
import { Writable } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Database } from '../../src/db/database';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { createLogger } from '../../src/shared/logger';
import { cypherRow, resetAndSeedFirstDocument } from '../support/graph';
import { startTestServer, testDatabase, type GraphQLResponse, type TestServer } from '../support/test-server';

const EDITOR_TOKEN = 'editor-token-0123456789abcdef';
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const JWT_SECRET = 'a-jwt-secret-of-at-least-32-characters!';
const DOC = 'nota-iecm-alianzas-2024-09-25';

const logLines: string[] = [];
/** The service's own logger (with its redaction), writing into `logLines`. */
const captured = createLogger(
  'trace',
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);

let api: TestServer;
let db: Database;
beforeAll(async () => {
  db = testDatabase();
  api = await startTestServer(
    { AUTH_TOKENS: `erin:editor:${EDITOR_TOKEN},ada:admin:${ADMIN_TOKEN}`, JWT_SECRET, LOG_LEVEL: 'trace' },
    captured,
  );
});
afterAll(async () => {
  await api.close();
  await db.close();
});
// Every test starts from the 2024 note's seed file (its expectations are written from it): none depends on what
// another wrote.
beforeEach(() => resetAndSeedFirstDocument(db));

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const editor = bearer(EDITOR_TOKEN);
const admin = bearer(ADMIN_TOKEN);
const codeOf = (response: GraphQLResponse<unknown>): string | undefined => response.errors?.[0]?.extensions?.code;

function jwt(claims: Record<string, unknown>, { secret = JWT_SECRET, expiresIn = '5m' } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(typeof claims.sub === 'string' ? claims.sub : 'jwt-user')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

const CREATE_NODE = `mutation ($input: CreateNodeInput!) { createNode(input: $input) { id name kind aliases sources { statementId sentence } } }`;
const nodeInput = (id: string, extra: Record<string, unknown> = {}) => ({
  input: { id, kind: 'ORGANIZATION', name: `Org ${id}`, sources: [{ statementId: `${DOC}#5` }], ...extra },
});
const DELETE_NODE = 'mutation ($id: ID!) { deleteNode(id: $id) }';

async function exists(id: string): Promise<boolean> {
  return (await cypherRow<{ found: boolean }>(db, 'RETURN EXISTS { MATCH (:Entity {id: $id}) } AS found', { id }))
    .found;
}

describe('who may write', () => {
  it.each([
    ['no credentials', {}, 'UNAUTHENTICATED'],
    ['an unknown token', bearer('not-a-real-token-at-all'), 'UNAUTHENTICATED'],
    ['a malformed header', { authorization: 'Basic abc' }, 'UNAUTHENTICATED'],
  ])('refuses a write with %s', async (_what, headers, code) => {
    const response = await api.graphql(CREATE_NODE, nodeInput('auth-refused'), headers);
    expect(codeOf(response)).toBe(code);
    expect(await exists('auth-refused')).toBe(false);
  });

  it('lets an editor and an admin create, and only an admin delete', async () => {
    expect((await api.graphql(CREATE_NODE, nodeInput('by-editor'), editor)).errors).toBeUndefined();
    expect((await api.graphql(CREATE_NODE, nodeInput('by-admin'), admin)).errors).toBeUndefined();
    expect(codeOf(await api.graphql(DELETE_NODE, { id: 'by-editor' }, editor))).toBe('FORBIDDEN');
    expect(await exists('by-editor')).toBe(true);
    expect(await api.graphql(DELETE_NODE, { id: 'by-editor' }, admin)).toMatchObject({ data: { deleteNode: true } });
  });

  it('accepts JWTs signed with the configured secret, with the role from the claim', async () => {
    const editorJwt = await jwt({ sub: 'jwt-editor', role: 'editor' });
    expect((await api.graphql(CREATE_NODE, nodeInput('by-jwt'), bearer(editorJwt))).errors).toBeUndefined();
    expect(codeOf(await api.graphql(DELETE_NODE, { id: 'by-jwt' }, bearer(editorJwt)))).toBe('FORBIDDEN');
    const adminJwt = await jwt({ sub: 'jwt-admin', role: ['viewer', 'admin'] });
    expect((await api.graphql(DELETE_NODE, { id: 'by-jwt' }, bearer(adminJwt))).errors).toBeUndefined();
    const [change] = (
      await api.graphql<{ history: { actor: string; action: string }[] }>(
        '{ history(id: "by-jwt") { actor action } }',
        {},
        editor,
      )
    ).data!.history;
    expect(change).toEqual({ actor: 'jwt::jwt-admin', action: 'DELETE' });
  });

  it('namespaces principals: a JWT whose sub is a static token name is not that token', async () => {
    // "erin" is the editor token's name; a JWT with sub "erin" is another principal, "jwt::erin".
    const impostor = await jwt({ sub: 'erin', role: 'editor' });
    expect((await api.graphql(CREATE_NODE, nodeInput('by-token-erin'), editor)).errors).toBeUndefined();
    expect((await api.graphql(CREATE_NODE, nodeInput('by-jwt-erin'), bearer(impostor))).errors).toBeUndefined();
    const actorOf = async (id: string): Promise<string | undefined> =>
      (
        await api.graphql<{ history: { actor: string }[] }>(
          'query ($id: ID!) { history(id: $id) { actor } }',
          { id },
          editor,
        )
      ).data?.history[0]?.actor;
    expect(await actorOf('by-token-erin')).toBe('token:erin');
    expect(await actorOf('by-jwt-erin')).toBe('jwt::erin');
    // Its Idempotency-Keys are its own: the same key and request from the token writes, not a replay.
    const key = { 'idempotency-key': 'shared-key-1' };
    expect(
      (await api.graphql(CREATE_NODE, nodeInput('keyed'), { ...bearer(impostor), ...key })).errors,
    ).toBeUndefined();
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('keyed'), { ...editor, ...key }))).toBe('CONFLICT');
    expect(
      await cypherRow<{ n: number }>(db, "RETURN COUNT { (:Change)-[:CONCERNS]->(:Entity {id: 'keyed'}) } AS n"),
    ).toEqual({ n: 1 });
  });

  it('binds an Idempotency-Key to its request: the same key with another body is CONFLICT (422), never a replay', async () => {
    const key = { 'idempotency-key': 'bound-key-1' };
    const first = await api.graphql<{ createNode: { id: string } }>(CREATE_NODE, nodeInput('bound-a'), {
      ...editor,
      ...key,
    });
    expect(first.errors).toBeUndefined();
    // The same request again: the first answer, nothing written twice.
    expect((await api.graphql(CREATE_NODE, nodeInput('bound-a'), { ...editor, ...key })).data).toEqual(first.data);
    const other = await api.request(CREATE_NODE, nodeInput('bound-b'), { ...editor, ...key });
    expect(other.status).toBe(422);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await exists('bound-b')).toBe(false);
  });

  it('refuses JWTs without an expiry, or living longer than allowed', async () => {
    const endless = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('endless')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const refused = await api.graphql(CREATE_NODE, nodeInput('jwt-endless'), bearer(endless));
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/"exp"/);
    const yearLong = await jwt({ role: 'admin' }, { expiresIn: '365d' });
    const tooLong = await api.graphql(CREATE_NODE, nodeInput('jwt-endless'), bearer(yearLong));
    expect(codeOf(tooLong)).toBe('UNAUTHENTICATED');
    expect(tooLong.errors?.[0]?.message).toMatch(/at most 86400 s/);
    expect(await exists('jwt-endless')).toBe(false);
  });

  it('refuses JWTs that are forged, expired or without a role', async () => {
    const forged = await jwt({ role: 'admin' }, { secret: 'another-secret-of-at-least-32-characters' });
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('jwt-refused'), bearer(forged)))).toBe('UNAUTHENTICATED');
    const expired = await jwt({ role: 'admin' }, { expiresIn: '-1m' });
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('jwt-refused'), bearer(expired)))).toBe('UNAUTHENTICATED');
    const roleless = await jwt({ role: 'viewer' });
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('jwt-refused'), bearer(roleless)))).toBe('FORBIDDEN');
    expect(await exists('jwt-refused')).toBe(false);
  });

  it('keeps reads public, with or without a token', async () => {
    expect((await api.graphql('{ node(id: "iecm") { id } }')).data).toEqual({ node: { id: 'iecm' } });
    expect((await api.graphql('{ node(id: "iecm") { id } }', {}, editor)).data).toEqual({ node: { id: 'iecm' } });
  });

  it('never writes a secret to the logs, whatever header carries it', async () => {
    await api.graphql(CREATE_NODE, nodeInput('log-check'), bearer('wrong-secret-token-value-123'));
    await api.graphql('{ node(id: "nope!") { id } }', {}, editor);
    await api.graphql(
      '{ __typename }',
      {},
      {
        cookie: 'session=cookie-secret-value-456',
        'x-api-key': 'api-key-secret-value-789',
        'proxy-authorization': 'Basic proxy-secret-value-000',
        'idempotency-key': 'idempotency-secret-value-111',
      },
    );
    const logs = logLines.join('\n');
    expect(logs).toContain('[redacted]');
    for (const secret of [
      EDITOR_TOKEN,
      ADMIN_TOKEN,
      JWT_SECRET,
      'wrong-secret-token-value-123',
      'cookie-secret-value-456',
      'api-key-secret-value-789',
      'proxy-secret-value-000',
      'idempotency-secret-value-111',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('JWTs from a JWKS URL', () => {
  it('verifies tokens signed with a published public key, and refuses others', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    const server = await startTestServer({
      JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      JWT_ISSUER: 'https://issuer.test',
    });
    try {
      const sign = (issuer: string) =>
        new SignJWT({ role: 'editor' })
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
          .setSubject('jwks-user')
          .setIssuer(issuer)
          .setExpirationTime('5m')
          .sign(privateKey);
      const ok = await server.graphql(CREATE_NODE, nodeInput('by-jwks'), bearer(await sign('https://issuer.test')));
      expect(ok.errors).toBeUndefined();
      const wrongIssuer = await server.graphql(
        CREATE_NODE,
        nodeInput('by-jwks-2'),
        bearer(await sign('https://evil.test')),
      );
      expect(codeOf(wrongIssuer)).toBe('UNAUTHENTICATED');
    } finally {
      await server.close();
      jwks.close();
    }
  });
});

describe('validation', () => {
  it('reports field-level problems under BAD_USER_INPUT', async () => {
    const response = await api.graphql(
      CREATE_NODE,
      { input: { id: 'Bad Id', kind: 'ORGANIZATION', name: '', sources: [], details: { periodStart: '2024-13' } } },
      editor,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const errors = response.errors?.[0]?.extensions?.validationErrors as {
      property: string;
      children: { property: string }[];
    }[];
    const properties = errors.map((error) => error.property).sort();
    expect(properties).toEqual(['details', 'id', 'name', 'sources']);
    expect(errors.find((error) => error.property === 'details')?.children[0]?.property).toBe('periodStart');
  });

  it('checks URLs and dates of source documents, and enum values', async () => {
    const response = await api.graphql(
      'mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { id } }',
      { input: { id: 'doc-bad', title: 'T', url: 'ftp://x.example', publishedOn: '2024-02-30', sentences: ['S.'] } },
      editor,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const properties = (response.errors?.[0]?.extensions?.validationErrors as { property: string }[]).map(
      (e) => e.property,
    );
    expect(properties.sort()).toEqual(['publishedOn', 'url']);
    const badKind = await api.graphql(CREATE_NODE, { input: { ...nodeInput('x').input, kind: 'PLANET' } }, editor);
    expect(codeOf(badKind)).toBe('BAD_USER_INPUT');
  });

  it('names the field whose id does not exist', async () => {
    const response = await api.graphql(
      'mutation ($input: LinkInput!) { link(input: $input) { id } }',
      { input: { from: 'iecm', type: 'PARTY_TO', to: 'no-such-agreement', sources: [{ statementId: `${DOC}#5` }] } },
      editor,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/^to: "no-such-agreement" does not exist/);
  });

  it('refuses a relationship between kinds its type does not join, naming the kinds it joins', async () => {
    const before = await readGraphCounts(db);
    const link = await api.graphql(
      'mutation ($input: LinkInput!) { link(input: $input) { id } }',
      { input: { from: 'ciudad-de-mexico', type: 'CHAIRS', to: 'iecm', sources: [{ statementId: `${DOC}#5` }] } },
      editor,
    );
    expect(codeOf(link)).toBe('BAD_USER_INPUT');
    expect(link.errors?.[0]?.message).toBe(
      'type: "ciudad-de-mexico" CHAIRS "iecm": CHAIRS joins PERSON → COMMISSION, GROUP, UNIT; got CITY → ORGANIZATION',
    );
    const agreement = await api.graphql(
      'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }',
      {
        input: {
          id: 'convenio-con-una-ciudad',
          name: 'Convenio con una ciudad',
          parties: ['iecm', 'ciudad-de-mexico'],
          sources: [{ statementId: `${DOC}#5` }],
        },
      },
      editor,
    );
    expect(codeOf(agreement)).toBe('BAD_USER_INPUT');
    expect(agreement.errors?.[0]?.message).toMatch(
      /^parties\[1\]: "ciudad-de-mexico" PARTY_TO "convenio-con-una-ciudad": PARTY_TO joins ORGANIZATION, .* → AGREEMENT; got CITY → AGREEMENT$/,
    );
    expect(await readGraphCounts(db)).toEqual(before);
    expect(await exists('convenio-con-una-ciudad')).toBe(false);
  });

  it('refuses a taken id (CONFLICT) and an unknown source', async () => {
    const taken = await api.graphql(CREATE_NODE, nodeInput('iecm'), editor);
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0]?.message).toBe('id: "iecm" is taken');
    const unsourced = await api.graphql(
      CREATE_NODE,
      nodeInput('unsourced', { sources: [{ statementId: `${DOC}#99` }] }),
      editor,
    );
    expect(codeOf(unsourced)).toBe('BAD_USER_INPUT');
    expect(await exists('unsourced')).toBe(false);
  });
});

describe('transactions', () => {
  it('a failing mutation changes nothing, not even the sentence it would have added', async () => {
    const before = await readGraphCounts(db);
    const changes = async (): Promise<number> =>
      (await cypherRow<{ n: number }>(db, 'MATCH (c:Change) RETURN count(c) AS n')).n;
    const historyBefore = await changes();
    const response = await api.graphql(
      'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }',
      {
        input: {
          id: 'convenio-roto',
          name: 'Convenio roto',
          parties: ['iecm', 'ghost-party'],
          sources: [{ documentId: DOC, sentence: 'Una frase nueva que no debe quedar guardada.' }],
        },
      },
      editor,
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(await readGraphCounts(db)).toEqual(before);
    expect(await changes()).toBe(historyBefore);
  });
});

describe('writing and its history', () => {
  it('creates a source document, an agreement citing a new sentence, links and unlinks, all in the history', async () => {
    const doc = await api.graphql<{ createSourceDocument: { id: string; publishedOn: { precision: string } } }>(
      `mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { id publishedOn { precision } } }`,
      {
        input: {
          id: 'nota-ejemplo-2025',
          title: 'Nota de ejemplo',
          url: 'https://example.org/nota',
          publishedOn: '2025-03',
          author: 'Redacción',
          genre: 'Nota Informativa',
          sentences: ['El IECM firmó un convenio con la OEI.'],
        },
      },
      editor,
    );
    expect(doc.data?.createSourceDocument).toEqual({ id: 'nota-ejemplo-2025', publishedOn: { precision: 'MONTH' } });

    const agreement = await api.graphql<{
      createAgreement: { id: string; parties: { id: string }[]; sources: { statementId: string }[] };
    }>(
      `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id parties { id } sources { statementId } } }`,
      {
        input: {
          id: 'convenio-iecm-oei-2025',
          name: 'Convenio IECM-OEI 2025',
          periodStart: '2025',
          parties: ['iecm', 'oei'],
          facilitators: ['comision-vinculacion-organismos-externos'],
          sources: [{ statementId: 'nota-ejemplo-2025#1' }],
        },
      },
      editor,
    );
    expect(agreement.errors).toBeUndefined();
    expect(agreement.data?.createAgreement.parties.map((p) => p.id).sort()).toEqual(['iecm', 'oei']);

    const link = await api.graphql<{ link: { id: string; type: string; sources: { sentence: string }[] } }>(
      'mutation ($input: LinkInput!) { link(input: $input) { id type sources { sentence } } }',
      {
        input: {
          from: 'oei',
          type: 'LOCATED_IN',
          to: 'mexico',
          sources: [{ documentId: 'nota-ejemplo-2025', sentence: 'La OEI tiene oficina en México.' }],
        },
      },
      editor,
    );
    expect(link.data?.link).toEqual({
      id: 'oei:LOCATED_IN:mexico',
      type: 'LOCATED_IN',
      sources: [{ sentence: 'La OEI tiene oficina en México.' }],
    });
    expect((await api.graphql('mutation { unlink(id: "oei:LOCATED_IN:mexico") }', {}, editor)).data).toEqual({
      unlink: true,
    });
    expect(codeOf(await api.graphql('mutation { unlink(id: "oei:LOCATED_IN:mexico") }', {}, editor))).toBe('NOT_FOUND');

    const history = await api.graphql<{ history: { action: string; actor: string; role: string; at: string }[] }>(
      '{ history(id: "oei") { action actor role at } }',
      {},
      editor,
    );
    expect(history.data?.history.map((change) => change.action)).toEqual(['UNLINK', 'LINK', 'CREATE']);
    expect(new Set(history.data?.history.map((change) => change.actor))).toEqual(new Set(['token:erin']));
  });

  it('updates a node, keeping what changed in the history', async () => {
    const response = await api.graphql<{ updateNode: { name: string; aliases: string[] } }>(
      'mutation ($input: UpdateNodeInput!) { updateNode(id: "indetec", input: $input) { name aliases } }',
      {
        input: {
          name: 'Instituto para el Desarrollo Técnico de las Haciendas Públicas',
          aliases: ['INDETEC'],
          sources: [{ statementId: `${DOC}#6` }],
        },
      },
      editor,
    );
    expect(response.data?.updateNode).toEqual({
      name: 'Instituto para el Desarrollo Técnico de las Haciendas Públicas',
      aliases: ['INDETEC'],
    });
    const [change] = (
      await api.graphql<{ history: { action: string; before: { name: string }; after: { name: string } }[] }>(
        '{ history(id: "indetec", first: 1) { action before after } }',
        {},
        editor,
      )
    ).data!.history;
    expect(change!.action).toBe('UPDATE');
    expect(change!.before.name).toBe('Instituto para el Desarrollo Técnico de las Haciendas');
    expect(change!.after.name).toBe('Instituto para el Desarrollo Técnico de las Haciendas Públicas');
    const found = await api.graphql<{ search: { node: { id: string } }[] }>(
      '{ search(query: "haciendas publicas") { node { id } } }',
    );
    expect(found.data?.search[0]?.node.id).toBe('indetec');
  });
});

describe('source documents', () => {
  it('can be corrected and extended with sentences, which facts can then cite', async () => {
    const response = await api.graphql<{ updateSourceDocument: { title: string; author: string; sources: unknown[] } }>(
      `mutation ($input: UpdateSourceDocumentInput!) {
        updateSourceDocument(id: "${DOC}", input: $input) { title author }
      }`,
      { input: { author: 'Redacción Pasantes', addSentences: ['Una frase añadida por la curaduría.'] } },
      editor,
    );
    expect(response.data?.updateSourceDocument).toEqual({
      title: 'IECM fortalece acciones a través de alianzas estratégicas',
      author: 'Redacción Pasantes',
    });
    const added = await cypherRow<{ text: string }>(db, 'MATCH (s:Statement {id: $id}) RETURN s.text AS text', {
      id: `${DOC}#12`,
    });
    expect(added.text).toBe('Una frase añadida por la curaduría.');
    expect(
      codeOf(await api.graphql('mutation { updateSourceDocument(id: "iecm", input: {}) { id } }', {}, editor)),
    ).toBe('BAD_USER_INPUT');
    const badUrl = await api.graphql(
      `mutation { updateSourceDocument(id: "${DOC}", input: { url: "not a url" }) { id } }`,
      {},
      editor,
    );
    expect(codeOf(badUrl)).toBe('BAD_USER_INPUT');
  });
});

describe('merge', () => {
  it('moves relationships, aliases and sources to the survivor; the old id resolves to it; history kept', async () => {
    await api.graphql(
      CREATE_NODE,
      nodeInput('ine-duplicado', {
        name: 'INE (duplicado)',
        aliases: ['Instituto Nacional Electoral de México'],
        sources: [{ statementId: `${DOC}#1` }],
      }),
      editor,
    );
    await api.graphql(
      'mutation ($input: LinkInput!) { link(input: $input) { id } }',
      {
        input: {
          from: 'ine-duplicado',
          type: 'LOCATED_IN',
          to: 'ciudad-de-mexico',
          sources: [{ statementId: `${DOC}#1` }],
        },
      },
      editor,
    );
    await api.graphql(
      'mutation ($input: LinkInput!) { link(input: $input) { id } }',
      {
        input: {
          from: 'ine-duplicado',
          type: 'PARTY_TO',
          to: 'convenio-iecm-ine',
          periodStart: '2023-09',
          periodEnd: '2024-09',
          sources: [{ statementId: `${DOC}#1` }],
        },
      },
      editor,
    );
    const merge =
      'mutation { mergeNodes(survivorId: "ine", mergedId: "ine-duplicado") { id aliases sources { statementId } } }';
    expect(codeOf(await api.graphql(merge, {}, editor))).toBe('FORBIDDEN');
    const merged = await api.graphql<{
      mergeNodes: { id: string; aliases: string[]; sources: { statementId: string }[] };
    }>(merge, {}, admin);
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeNodes.aliases).toEqual(
      expect.arrayContaining(['INE', 'INE (duplicado)', 'Instituto Nacional Electoral de México']),
    );
    expect(merged.data?.mergeNodes.sources.map((s) => s.statementId).sort()).toEqual([`${DOC}#1`, `${DOC}#5`]);

    const resolved = await api.graphql<{ node: { id: string } }>('{ node(id: "ine-duplicado") { id } }');
    expect(resolved.data?.node).toEqual({ id: 'ine' });

    const relationships = await api.graphql<{
      node: {
        relationships: {
          edges: { node: { id: string; type: string; node: { id: string }; sources: { statementId: string }[] } }[];
        };
      };
    }>(
      '{ node(id: "ine") { relationships(direction: OUT) { edges { node { id type node { id } sources { statementId } } } } } }',
    );
    const byId = new Map(relationships.data!.node.relationships.edges.map(({ node: r }) => [r.id, r]));
    expect(byId.get('ine:LOCATED_IN:ciudad-de-mexico')?.node.id).toBe('ciudad-de-mexico');
    // The duplicate's PARTY_TO joined the survivor's own, with both sources.
    expect(
      byId
        .get('ine:PARTY_TO:convenio-iecm-ine:2023-09')
        ?.sources.map((s) => s.statementId)
        .sort(),
    ).toEqual([`${DOC}#1`, `${DOC}#5`]);
    const dangling = await cypherRow<{ n: number }>(
      db,
      "MATCH (m:MergedEntity {id: 'ine-duplicado'})-[r]-(:Entity) RETURN count(r) AS n",
    );
    expect(dangling.n).toBe(0);

    const history = await api.graphql<{ history: { action: string }[] }>(
      '{ history(id: "ine-duplicado") { action } }',
      {},
      editor,
    );
    expect(history.data?.history.map((change) => change.action)).toEqual(['MERGE', 'LINK', 'LINK', 'CREATE']);
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('ine-duplicado'), editor))).toBe('CONFLICT');
  });
});

describe('soft delete and restore', () => {
  it('hides a node from every read and brings it back with its relationships', async () => {
    const partnersOfIecm = async (): Promise<string[]> =>
      (
        await api.graphql<{ partners: { edges: { node: { partner: { id: string } } }[] } }>(
          '{ partners(of: "iecm", first: 100) { edges { node { partner { id } } } } }',
        )
      ).data!.partners.edges.map((edge) => edge.node.partner.id);

    expect(await partnersOfIecm()).toContain('itam');
    expect((await api.graphql(DELETE_NODE, { id: 'itam' }, admin)).errors).toBeUndefined();
    expect((await api.graphql('{ node(id: "itam") { id } }')).data).toEqual({ node: null });
    expect(await partnersOfIecm()).not.toContain('itam');
    const search = await api.graphql<{ search: { node: { id: string } }[] }>(
      '{ search(query: "ITAM") { node { id } } }',
    );
    expect(search.data?.search.map((hit) => hit.node.id)).not.toContain('itam');
    expect(codeOf(await api.graphql('{ path(from: "iecm", to: "itam") { length } }'))).toBe('NOT_FOUND');

    const restored = await api.graphql<{ restoreNode: { id: string; kind: string } }>(
      'mutation { restoreNode(id: "itam") { id kind } }',
      {},
      admin,
    );
    expect(restored.data?.restoreNode).toEqual({ id: 'itam', kind: 'UNIVERSITY' });
    expect(await partnersOfIecm()).toContain('itam');
    const history = await api.graphql<{ history: { action: string }[] }>(
      '{ history(id: "itam") { action } }',
      {},
      editor,
    );
    expect(codeOf(await api.graphql('{ history(id: "itam") { action before } }'))).toBe('UNAUTHENTICATED');
    expect(history.data?.history.map((change) => change.action)).toEqual(['RESTORE', 'DELETE']);
  });
});

describe('concurrent writers', () => {
  it('let exactly one of ten racing creations claim an id; the others get CONFLICT, as a late duplicate does', async () => {
    const kinds = ['ORGANIZATION', 'CITY', 'GROUP', 'UNIVERSITY', 'COUNTRY'];
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.graphql(CREATE_NODE, nodeInput('disputed-id', { kind: kinds[i % kinds.length] }), editor),
      ),
    );
    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.filter((response) => codeOf(response) === 'CONFLICT')).toHaveLength(9);
    const stored = await cypherRow<{ kinds: number; creations: number }>(
      db,
      `MATCH (n:Entity {id: 'disputed-id'})
       RETURN size([label IN labels(n) WHERE NOT label IN ['Entity', 'Identity']]) AS kinds,
              COUNT { (n)<-[:CONCERNS]-(:Change {action: 'CREATE'}) } AS creations`,
    );
    expect(stored).toEqual({ kinds: 1, creations: 1 });
  });

  it('give ten parallel new sentences of one document ten distinct statements', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.graphql<{ createNode: { sources: { statementId: string }[] } }>(
          CREATE_NODE,
          nodeInput(`parallel-${i}`, { sources: [{ documentId: DOC, sentence: `Frase paralela número ${i}.` }] }),
          editor,
        ),
      ),
    );
    expect(responses.map((response) => response.errors)).toEqual(Array(10).fill(undefined));
    const ids = responses.map((response) => response.data?.createNode.sources[0]?.statementId);
    expect(new Set(ids).size).toBe(10);
  });
});

describe('retries with an Idempotency-Key', () => {
  it('answer what the first attempt answered, and write once', async () => {
    const key = { ...editor, 'idempotency-key': 'create-retried-org-1' };
    const first = await api.graphql<{ createNode: { id: string } }>(CREATE_NODE, nodeInput('retried-org'), key);
    const retry = await api.graphql<{ createNode: { id: string } }>(CREATE_NODE, nodeInput('retried-org'), key);
    expect(first.errors).toBeUndefined();
    expect(retry.data).toEqual(first.data);
    // Without the key, the same request is a duplicate.
    expect(codeOf(await api.graphql(CREATE_NODE, nodeInput('retried-org'), editor))).toBe('CONFLICT');
    const stored = await cypherRow<{ changes: number }>(
      db,
      "MATCH (:Identity {id: 'retried-org'})<-[:CONCERNS]-(c:Change) RETURN count(c) AS changes",
    );
    expect(stored.changes).toBe(1);
  });

  it('give concurrent retries of one key one write and one answer', async () => {
    const key = { ...editor, 'idempotency-key': 'create-raced-org-1' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => api.graphql(CREATE_NODE, nodeInput('raced-org'), key)),
    );
    expect(responses.map((response) => response.errors)).toEqual(Array(5).fill(undefined));
    expect(new Set(responses.map((response) => JSON.stringify(response.data))).size).toBe(1);
  });
});
