/**
 * Hostile writers and forged requests against the real API process (issue 20), each refused with a coded client
 * error and never a 500, each recording its figures:
 *  - Idempotency-Keys reused for other requests, in parallel: 0 dropped writes (an acknowledged write is stored
 *    and answered with its own result; a refused one, CONFLICT 422, stores nothing), one Change per key and body;
 *  - a JWT whose sub is a static token's name does not become that user (history, keys);
 *  - hostile text (control characters, bidi overrides, zero-width-only and blank names, lone surrogates): refused
 *    as BAD_USER_INPUT, nothing stored; combining accents stored in NFC;
 *  - forged cursor offsets: BAD_USER_INPUT, never INTERNAL_SERVER_ERROR;
 *  - another editor's map (FORBIDDEN), the embed page's frame-ancestors, 300 junk operation names against the
 *    metrics labels, introspection in production, hostile reconciliation requests (deep JSON, __proto__, Host).
 */
import { SignJWT } from 'jose';
import type { Database } from '../../src/db/database';
import { cypherRows, resetAndSeed } from '../support/graph';
import { testDatabase } from '../support/test-server';
import { AUTH_ENV, EDITOR_TOKEN, JWT_SECRET, spawnApi, type ApiProcess } from './support/api-process';
import { Scenario } from './support/figures';
import { graphql, request, type GraphQLResult } from './support/http';

const DOC = 'nota-iecm-alianzas-2024-09-25';
const ACCEPT = 'application/graphql-response+json';
const CREATE_NODE = 'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id name } }';
const KEY_WRITERS = 8;
const WRITES_PER_KEY = 12;

let api: ApiProcess;
let db: Database;

beforeAll(async () => {
  db = testDatabase();
  await resetAndSeed(db);
  api = await spawnApi(AUTH_ENV);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.close();
});

const ok = (result: GraphQLResult): boolean => result.status === 200 && !!result.json?.data && !result.json.errors;
const editor = { authorization: `Bearer ${EDITOR_TOKEN}`, accept: ACCEPT };
const nodeInput = (id: string, name = `Org ${id}`): Record<string, unknown> => ({
  input: { id, kind: 'ORGANIZATION', name, sources: [{ statementId: `${DOC}#5` }] },
});
const tally = (results: GraphQLResult[]): Record<string, number> => {
  const codes: Record<string, number> = {};
  for (const r of results) {
    const key = ok(r) ? 'ok' : `${r.code ?? r.error ?? 'none'} ${r.status}`;
    codes[key] = (codes[key] ?? 0) + 1;
  }
  return codes;
};

function jwt(sub: string, role: string): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JWT_SECRET));
}

describe('hostile writes', () => {
  it(`${KEY_WRITERS} clients each reuse one Idempotency-Key for ${WRITES_PER_KEY} different writes, 3 at a time`, async () => {
    const scenario = new Scenario(`reused Idempotency-Keys: ${KEY_WRITERS} keys x ${WRITES_PER_KEY} bodies`);
    const sent: { id: string; result: GraphQLResult; key: string }[] = [];
    const writer = async (w: number): Promise<void> => {
      const key = `reused-key-${w}-${Date.now()}`;
      for (let k = 0; k < WRITES_PER_KEY; k += 3) {
        await Promise.all(
          [k, k + 1, k + 2].map(async (j) => {
            const id = `reused-${w}-${j}`;
            const result = await graphql<{ createNode: { id: string } }>(api.url, CREATE_NODE, nodeInput(id), {
              headers: { ...editor, 'idempotency-key': key },
              timeoutMs: 30_000,
            });
            sent.push({ id, result, key });
          }),
        );
      }
      // The first body again under its key: a replay of its own answer, not a second write.
      const again = await graphql<{ createNode: { id: string } }>(api.url, CREATE_NODE, nodeInput(`reused-${w}-0`), {
        headers: { ...editor, 'idempotency-key': key },
        timeoutMs: 30_000,
      });
      sent.push({ id: `reused-${w}-0`, result: again, key });
    };
    await Promise.all(Array.from({ length: KEY_WRITERS }, (_, w) => writer(w)));

    const ids = [...new Set(sent.map((s) => s.id))];
    const rows = await cypherRows<{ id: string; stored: boolean; creates: number }>(
      db,
      `UNWIND $ids AS id
       OPTIONAL MATCH (n:Entity {id: id})
       RETURN id, n IS NOT NULL AS stored,
              CASE WHEN n IS NULL THEN 0 ELSE COUNT { (c:Change {action: 'CREATE'})-[:CONCERNS]->(n) } END AS creates`,
      { ids },
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    const acknowledged = sent.filter((s) => ok(s.result));
    // Dropped: acknowledged but not stored, or acknowledged with another write's answer (a replay of another body).
    const dropped = acknowledged.filter(
      (s) =>
        !stored.get(s.id)?.stored ||
        (s.result.json?.data as { createNode?: { id: string } } | undefined)?.createNode?.id !== s.id,
    );
    const refused = sent.filter((s) => s.result.code === 'CONFLICT');
    const refusedStored = refused.filter((s) => stored.get(s.id)?.stored && !acknowledged.some((a) => a.id === s.id));
    const not422 = refused.filter((s) => s.result.status !== 422);
    const twice = rows.filter((row) => row.creates > 1);
    const internal = sent.filter((s) => s.result.status >= 500 || s.result.code === 'INTERNAL_SERVER_ERROR');
    scenario.requests = sent.length;
    scenario.errors = internal.length;
    for (const s of sent) scenario.latencies.push(s.result.ms);
    scenario.notes['acknowledged'] = acknowledged.length;
    scenario.notes['refused CONFLICT 422'] = refused.length;
    scenario.notes['dropped writes'] = dropped.length;
    scenario.notes['answers'] = JSON.stringify(tally(sent.map((s) => s.result)));
    scenario.check(
      '0 dropped writes (acknowledged = stored, with its own answer)',
      dropped.length === 0,
      `${dropped.length}`,
    );
    scenario.check('a refused write stored nothing', refusedStored.length === 0, `${refusedStored.length}`);
    scenario.check('a reused key is CONFLICT with HTTP 422', not422.length === 0, `${not422.length} not 422`);
    scenario.check('0 writes applied twice', twice.length === 0, twice.map((row) => row.id).join(', '));
    scenario.check('0 internal errors', internal.length === 0, JSON.stringify(tally(sent.map((s) => s.result))));
    scenario.check(
      'every answer is data or CONFLICT',
      sent.every((s) => ok(s.result) || s.result.code === 'CONFLICT'),
      JSON.stringify(tally(sent.map((s) => s.result))),
    );
    scenario.check(
      'the first body sent again under its key is answered, not refused',
      sent.filter((s) => s.id.endsWith('-0')).every((s) => ok(s.result) || s.result.code === 'CONFLICT'),
      '',
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);

  it('a JWT whose sub is a static token name is another principal', async () => {
    const scenario = new Scenario('identity: JWT sub = static token name');
    const impostor = await jwt('chaos-editor', 'editor');
    const key = `impostor-key-${Date.now()}`;
    const byToken = await graphql(api.url, CREATE_NODE, nodeInput('ident-token'), {
      headers: { ...editor, 'idempotency-key': key },
    });
    // The same key and body from the impostor: its own write, never the token's replayed answer.
    const byJwt = await graphql<{ createNode: { id: string } }>(api.url, CREATE_NODE, nodeInput('ident-token'), {
      headers: { authorization: `Bearer ${impostor}`, accept: ACCEPT, 'idempotency-key': key },
    });
    const actors = await cypherRows<{ actor: string }>(
      db,
      "MATCH (c:Change)-[:CONCERNS]->(:Entity {id: 'ident-token'}) RETURN c.actor AS actor",
    );
    scenario.requests = 2;
    scenario.notes['actors'] = JSON.stringify(actors.map((row) => row.actor));
    scenario.notes['impostor answer'] = `${byJwt.status} ${byJwt.code ?? 'ok'}`;
    scenario.check('the token wrote', ok(byToken), `${byToken.status} ${byToken.code}`);
    scenario.check(
      "the JWT was not answered with the token's write (CONFLICT: the id is taken)",
      byJwt.code === 'CONFLICT',
      `${byJwt.status} ${byJwt.code}`,
    );
    scenario.check(
      'the history names token:chaos-editor only',
      actors.length === 1 && actors[0]?.actor === 'token:chaos-editor',
      JSON.stringify(actors),
    );
    expect(scenario.save().failures()).toEqual([]);
  });

  it('refuses hostile text at the door and stores text in NFC', async () => {
    const scenario = new Scenario('hostile text: control, bidi, zero-width, blank, lone surrogates');
    const hostile: Record<string, string> = {
      'NUL in a name': 'Alpha\u0000Beta',
      'escape in a name': 'Alpha\u001bBeta',
      'C1 control': 'Alpha\u0085',
      'right-to-left override': 'Alpha\u202eateB',
      'isolate (U+2066)': 'Alpha\u2066Beta\u2069',
      'zero-width only': '\u200b\u200c\u200d',
      'blank after trimming': '   \t ',
      'BOM only': '\ufeff',
      'lone high surrogate': 'Alpha\ud800',
      'lone low surrogate': '\udc00Beta',
    };
    const results: { what: string; result: GraphQLResult }[] = [];
    let i = 0;
    for (const [what, name] of Object.entries(hostile)) {
      i += 1;
      results.push({
        what,
        result: await graphql(api.url, CREATE_NODE, nodeInput(`hostile-text-${i}`, name), { headers: editor }),
      });
    }
    const alias = await graphql(
      api.url,
      CREATE_NODE,
      { input: { ...(nodeInput('hostile-alias').input as object), aliases: ['ok', 'x\u202ey'] } },
      { headers: editor },
    );
    results.push({ what: 'bidi override in an alias', result: alias });
    const storedHostile = await cypherRows<{ id: string }>(
      db,
      "MATCH (n:Entity) WHERE n.id STARTS WITH 'hostile-text-' OR n.id = 'hostile-alias' RETURN n.id AS id",
    );
    const decomposed = 'Fiscali\u0301a Cafe\u0301';
    const nfc = await graphql<{ createNode: { name: string } }>(
      api.url,
      CREATE_NODE,
      nodeInput('nfc-name', `  ${decomposed} `),
      { headers: editor },
    );
    const storedName = (
      await cypherRows<{ name: string }>(db, "MATCH (n:Entity {id: 'nfc-name'}) RETURN n.name AS name")
    )[0]?.name;
    const notRefused = results.filter((r) => r.result.code !== 'BAD_USER_INPUT' || r.result.status !== 400);
    scenario.requests = results.length + 1;
    scenario.errors = results.filter((r) => r.result.status >= 500).length;
    for (const r of results) scenario.latencies.push(r.result.ms);
    scenario.notes['refused BAD_USER_INPUT'] = `${results.length - notRefused.length}/${results.length}`;
    scenario.check(
      'every hostile text is BAD_USER_INPUT (400)',
      notRefused.length === 0,
      notRefused.map((r) => `${r.what}: ${r.result.status} ${r.result.code}`).join('; '),
    );
    scenario.check('nothing hostile was stored', storedHostile.length === 0, JSON.stringify(storedHostile));
    scenario.check(
      'a decomposed name is stored in NFC, trimmed',
      ok(nfc) && storedName === decomposed.normalize('NFC'),
      `${nfc.status} ${nfc.code} ${JSON.stringify(storedName)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  });

  it('refuses forged cursor offsets as BAD_USER_INPUT', async () => {
    const scenario = new Scenario('forged cursors: 1e21, 2^31, negative, fractional');
    const forged = ['1e21', '2147483648', '-1', '1.5', '9007199254740993', 'NaN'].map((offset) =>
      Buffer.from(`offset:${offset}`).toString('base64url'),
    );
    const results: GraphQLResult[] = [];
    for (const after of forged) {
      results.push(
        await graphql(
          api.url,
          'query ($after: String) { cities(first: 5, after: $after) { totalCount } }',
          { after },
          {
            headers: { accept: ACCEPT },
          },
        ),
      );
    }
    scenario.requests = results.length;
    scenario.errors = results.filter((r) => r.status >= 500).length;
    for (const r of results) scenario.latencies.push(r.ms);
    scenario.notes['answers'] = JSON.stringify(tally(results));
    scenario.check(
      'every forged cursor is BAD_USER_INPUT, never an internal error',
      results.every((r) => r.code === 'BAD_USER_INPUT'),
      JSON.stringify(tally(results)),
    );
    expect(scenario.save().failures()).toEqual([]);
  });

  it("refuses other editors' maps, frames only the embed page, keeps metrics labels, hides the schema, survives hostile reconciliation", async () => {
    const scenario = new Scenario('hostile pages: maps, embed CSP, metrics labels, introspection, reconcile');
    const other = { authorization: `Bearer ${await jwt('another-editor', 'editor')}`, accept: ACCEPT };
    const saved = await graphql<{ createMap: { id: string } }>(
      api.url,
      'mutation ($input: CreateMapInput!) { createMap(input: $input) { id } }',
      { input: { title: 'Mapa de chaos', nodes: [{ id: 'iecm', x: 0, y: 0 }] } },
      { headers: editor },
    );
    const id = saved.json?.data?.createMap.id ?? 'none';
    const update = await graphql(
      api.url,
      'mutation ($id: ID!, $input: MapInput!) { updateMap(id: $id, version: 1, input: $input) { id } }',
      { id, input: { title: 'Robado', nodes: [] } },
      { headers: other },
    );
    const remove = await graphql(api.url, 'mutation ($id: ID!) { deleteMap(id: $id) }', { id }, { headers: other });
    const embed = await request(`${api.url}/explorer/embed/${id}`);
    const page = await request(`${api.url}/explorer`);
    for (let i = 0; i < 300; i += 1) {
      await graphql(api.url, `query Junk${i} { node(id: "Not a slug!") { id } }`, {}, { headers: { accept: ACCEPT } });
    }
    const real = await graphql(api.url, 'query ChaosRealOperation { node(id: "iecm") { id } }');
    const metrics = await request(`${api.url}/metrics`, { maxBodyBytes: 8 * 1024 * 1024 });
    const introspection = await graphql(
      api.url,
      '{ __schema { queryType { name } } }',
      {},
      { headers: { accept: ACCEPT } },
    );
    const reconcile = (body: string, host?: string): Promise<{ status: number }> =>
      request(`${api.url}/reconcile`, {
        method: host ? 'GET' : 'POST',
        headers: host ? { host } : { 'content-type': 'application/x-www-form-urlencoded' },
        body: host ? undefined : body,
      });
    const deep = await reconcile(
      new URLSearchParams({
        queries: `{"q":{"query":"x","properties":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
      }).toString(),
    );
    const proto = await request(`${api.url}/reconcile`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ queries: '{"__proto__":{"query":"IECM"}}' }).toString(),
    });
    const badHost = await reconcile('', 'evil.org/<x>');
    const cspOf = (result: { headers: Record<string, string | string[] | undefined> }): string =>
      String(result.headers['content-security-policy'] ?? '');
    scenario.requests = 310;
    scenario.notes['junk-name labels on /metrics'] = (metrics.body.match(/operation="Junk/g) ?? []).length;
    scenario.notes['answers'] = JSON.stringify({
      update: update.code,
      delete: remove.code,
      introspection: introspection.code,
      deep: deep.status,
      proto: proto.status,
      badHost: badHost.status,
    });
    scenario.check('the map was saved', ok(saved), `${saved.status} ${saved.code}`);
    scenario.check('another editor cannot change the map', update.code === 'FORBIDDEN', `${update.code}`);
    scenario.check('another editor cannot delete the map', remove.code === 'FORBIDDEN', `${remove.code}`);
    scenario.check(
      'the embed page may be framed (frame-ancestors *)',
      cspOf(embed).includes('frame-ancestors *'),
      cspOf(embed),
    );
    scenario.check(
      "other pages may not (frame-ancestors 'none')",
      cspOf(page).includes("frame-ancestors 'none'"),
      cspOf(page),
    );
    scenario.check(
      'a real operation after 300 junk names has its label',
      ok(real) && metrics.body.includes('operation="ChaosRealOperation"'),
      '',
    );
    scenario.check('no junk name has a label', !metrics.body.includes('operation="Junk'), '');
    scenario.check(
      'introspection is off in production',
      introspection.code === 'GRAPHQL_VALIDATION_FAILED',
      `${introspection.code}`,
    );
    scenario.check('deeply nested reconciliation JSON is 400', deep.status === 400, `${deep.status}`);
    scenario.check(
      'a query keyed __proto__ is answered',
      proto.status === 200 && proto.body.includes('"__proto__"'),
      `${proto.status} ${proto.body.slice(0, 100)}`,
    );
    scenario.check(
      'a hostile Host header is 400, never echoed into a manifest',
      badHost.status === 400,
      `${badHost.status}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  }, 120_000);
});
