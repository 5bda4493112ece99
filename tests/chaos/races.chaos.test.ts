/**
 * Races between writers. Each race holds the ten requests at the same point with a barrier: an open transaction
 * of ours writes what they all need (the new id's index entry, the document's next statement) and rolls back once
 * SHOW TRANSACTIONS shows the ten waiting on it (or they all answered without waiting). So all ten have passed
 * their checks before any commits, every run, without guessing at timing.
 */
import type { Database } from '../../src/db/database';
import { cypherRow, cypherRows, resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';
import { AUTH_ENV, EDITOR_TOKEN } from './support/api-process';
import { blockedTransactions, holdLock, within } from './support/barrier';
import { Scenario } from './support/figures';
import { graphql, type GraphQLResult } from './support/http';

const DOC = 'nota-iecm-alianzas-2024-09-25';
const RACERS = 10;
const KINDS = [
  'ORGANIZATION',
  'CITY',
  'UNIVERSITY',
  'COUNTRY',
  'GROUP',
  'EVENT',
  'COMMISSION',
  'FACULTY',
  'PERSON',
  'UNIT',
] as const;
const editor = { authorization: `Bearer ${EDITOR_TOKEN}` };

let api: TestServer;
let db: Database;
beforeAll(async () => {
  api = await startTestServer(AUTH_ENV);
  db = api.db;
  await resetAndSeed(db);
});
afterAll(() => api.close());

interface RaceOutcome<T> {
  responses: GraphQLResult<T>[];
  /** Whether the barrier saw all racers waiting on our lock (false: some answered before it was released). */
  /** What the barrier saw when it released the lock, e.g. "10 waiting, 0 answered". */
  barrier: string;
  latencies: number[];
}

/** Sends `RACERS` requests at once while `lockCypher` holds what they need, then releases it. */
async function race<T>(
  lockCypher: string,
  lockParams: Record<string, unknown>,
  send: (i: number) => Promise<GraphQLResult<T>>,
): Promise<RaceOutcome<T>> {
  const lock = await holdLock(db, lockCypher, lockParams);
  let settled = 0;
  const pending = Array.from({ length: RACERS }, (_, i) =>
    send(i).finally(() => {
      settled += 1;
    }),
  );
  try {
    let waiting = 0;
    await within(
      20_000,
      async () => {
        waiting = await blockedTransactions(db);
        return settled === RACERS || waiting >= RACERS;
      },
      25,
    );
    const barrier = `${waiting} waiting, ${settled} answered`;
    await lock.release();
    const responses = await Promise.all(pending);
    return { responses, barrier, latencies: responses.map((r) => r.ms) };
  } finally {
    await lock.release();
  }
}

const succeeded = <T>(responses: GraphQLResult<T>[]): GraphQLResult<T>[] =>
  responses.filter((response) => response.json?.data && !response.json.errors);

/** Answers counted by outcome, e.g. {"ok":1,"CONFLICT: id is taken":9}. */
function describeResponses(responses: GraphQLResult<unknown>[]): string {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.json?.errors
      ? `${r.code}: ${r.json.errors[0]?.message ?? ''}`
      : r.json?.data
        ? 'ok'
        : `HTTP ${r.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return JSON.stringify(counts);
}

/** Labels besides :Entity and :Identity, and the CREATE changes recorded for `id`. */
async function stored(id: string): Promise<{ kindLabels: string[]; creates: number }> {
  return cypherRow<{ kindLabels: string[]; creates: number }>(
    db,
    `OPTIONAL MATCH (n:Identity {id: $id})
     WITH [l IN coalesce(labels(n), []) WHERE NOT l IN ['Entity', 'Identity']] AS kindLabels
     OPTIONAL MATCH (c:Change {action: 'CREATE'})-[:CONCERNS]->(:Identity {id: $id})
     RETURN kindLabels, count(c) AS creates`,
    { id },
  );
}

/** The checks shared by the three same-id races. */
async function checkSameIdRace(
  scenario: Scenario,
  id: string,
  outcome: RaceOutcome<unknown>,
  duplicate: GraphQLResult,
  expectedLabel: (winner: number) => string,
): Promise<number> {
  const { responses } = outcome;
  scenario.requests += responses.length + 1;
  scenario.latencies.push(...outcome.latencies);
  const winners = responses.flatMap((response, i) => (succeeded([response]).length === 1 ? [i] : []));
  scenario.errors += responses.length - winners.length;
  scenario.notes.barrier = outcome.barrier;
  scenario.notes.answers = describeResponses(responses);
  scenario.check('exactly one succeeds', winners.length === 1, `${winners.length} succeeded`);
  scenario.check(
    'a sequential duplicate gets CONFLICT',
    duplicate.code === 'CONFLICT' && /taken/i.test(duplicate.json?.errors?.[0]?.message ?? ''),
    `${duplicate.code}: ${duplicate.json?.errors?.[0]?.message}`,
  );
  const losers = responses.filter((_, i) => !winners.includes(i));
  const wrong = losers.filter(
    (r) => r.code !== 'CONFLICT' || r.code !== duplicate.code || !/taken/i.test(r.json?.errors?.[0]?.message ?? ''),
  );
  scenario.check(
    'the others get CONFLICT "id is taken", as a sequential duplicate',
    wrong.length === 0,
    describeResponses(wrong),
  );
  const after = await stored(id);
  const winner = winners[0];
  scenario.check(
    'the node has exactly one kind label, the winner’s',
    after.kindLabels.length === 1 && (winner === undefined || after.kindLabels[0] === expectedLabel(winner)),
    `labels ${JSON.stringify(after.kindLabels)}`,
  );
  scenario.check('exactly one CREATE history record', after.creates === 1, `${after.creates} CREATE records`);
  return winner ?? -1;
}

const LABELS: Record<(typeof KINDS)[number], string> = {
  ORGANIZATION: 'Organization',
  CITY: 'City',
  UNIVERSITY: 'University',
  COUNTRY: 'Country',
  GROUP: 'Group',
  EVENT: 'Event',
  COMMISSION: 'Commission',
  FACULTY: 'Faculty',
  PERSON: 'Person',
  UNIT: 'Unit',
};

/** Holds the index entry of the new id: our uncommitted node has it. */
const HOLD_ID = 'CREATE (:Entity:Identity {id: $id})';

describe('races', () => {
  it('10 concurrent createNode with the same new id: one wins, the others get CONFLICT', async () => {
    const scenario = new Scenario('race: createNode same id');
    const id = 'chaos-race-node';
    const kindOf = (i: number): (typeof KINDS)[number] => KINDS[i % KINDS.length] ?? 'ORGANIZATION';
    const create = (i: number): Promise<GraphQLResult> =>
      graphql(
        api.url,
        'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id kind } }',
        { input: { id, kind: kindOf(i), name: `Racer ${i}`, sources: [{ statementId: `${DOC}#5` }] } },
        { headers: editor },
      );
    const outcome = await race(HOLD_ID, { id }, create);
    const duplicate = await create(RACERS);
    await checkSameIdRace(scenario, id, outcome, duplicate, (i) => LABELS[kindOf(i)]);
    expect(scenario.save().failures()).toEqual([]);
  });

  it('10 concurrent createAgreement with the same new id: one wins, with its parties only', async () => {
    const scenario = new Scenario('race: createAgreement same id');
    const id = 'chaos-race-agreement';
    const partyPairs = [
      ['iecm', 'ine'],
      ['iecm', 'unam'],
      ['iecm', 'oei'],
      ['ine', 'unam'],
      ['iecm', 'itam'],
    ] as const;
    const partiesOf = (i: number): readonly string[] => partyPairs[i % partyPairs.length] ?? ['iecm', 'ine'];
    const create = (i: number): Promise<GraphQLResult> =>
      graphql(
        api.url,
        'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }',
        {
          input: {
            id,
            name: `Convenio ${i}`,
            parties: partiesOf(i),
            status: i % 2 === 0 ? 'SIGNED' : 'NEGOTIATION',
            sources: [{ statementId: `${DOC}#5` }],
          },
        },
        { headers: editor },
      );
    const outcome = await race(HOLD_ID, { id }, create);
    const duplicate = await create(RACERS);
    const winner = await checkSameIdRace(scenario, id, outcome, duplicate, () => 'Agreement');
    const parties = await cypherRows<{ from: string }>(
      db,
      'MATCH (p:Entity)-[:PARTY_TO]->(:Entity {id: $id}) RETURN p.id AS from',
      { id },
    );
    const expected = winner >= 0 ? [...partiesOf(winner)].sort() : [];
    const got = parties.map((row) => row.from).sort();
    scenario.check(
      'PARTY_TO only from the winner’s parties',
      JSON.stringify(got) === JSON.stringify(expected),
      `parties ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  });

  it('10 concurrent createSourceDocument with the same new id: one wins, with its sentences only', async () => {
    const scenario = new Scenario('race: createSourceDocument same id');
    const id = 'chaos-race-document';
    const sentencesOf = (i: number): string[] => Array.from({ length: 1 + (i % 3) }, (_, k) => `Frase ${k} de ${i}.`);
    const create = (i: number): Promise<GraphQLResult> =>
      graphql(
        api.url,
        'mutation ($input: CreateSourceDocumentInput!) { createSourceDocument(input: $input) { id } }',
        {
          input: {
            id,
            title: `Documento ${i}`,
            url: `https://example.org/chaos/${i}`,
            publishedOn: '2025-01-01',
            sentences: sentencesOf(i),
          },
        },
        { headers: editor },
      );
    const outcome = await race(HOLD_ID, { id }, create);
    const duplicate = await create(RACERS);
    const winner = await checkSameIdRace(scenario, id, outcome, duplicate, () => 'SourceDocument');
    const { statements } = await cypherRow<{ statements: string[] }>(
      db,
      'MATCH (s:Statement {documentId: $id}) WITH s ORDER BY s.position RETURN collect(s.text) AS statements',
      { id },
    );
    const expected = winner >= 0 ? [`Documento ${winner}`, ...sentencesOf(winner)] : [];
    scenario.check(
      'the document holds the winner’s title and sentences only',
      JSON.stringify(statements) === JSON.stringify(expected),
      `statements ${JSON.stringify(statements)}`,
    );
    expect(scenario.save().failures()).toEqual([]);
  });

  it('10 concurrent createNode citing new sentences of one document: all succeed, distinct statements', async () => {
    const scenario = new Scenario('race: new sentences of one document');
    const sentence = (i: number): string => `Frase nueva número ${i} citada por una carrera.`;
    const { next } = await cypherRow<{ next: number }>(
      db,
      'MATCH (s:Statement {documentId: $doc}) RETURN max(s.position) + 1 AS next',
      { doc: DOC },
    );
    const create = (i: number): Promise<GraphQLResult<{ createNode: { sources: { statementId: string }[] } }>> =>
      graphql(
        api.url,
        'mutation ($input: CreateNodeInput!) { createNode(input: $input) { id sources { statementId sentence } } }',
        {
          input: {
            id: `chaos-race-citer-${i}`,
            kind: 'ORGANIZATION',
            name: `Citadora ${i}`,
            sources: [{ documentId: DOC, sentence: sentence(i) }],
          },
        },
        { headers: editor },
      );
    // Our transaction writes the document and its next statement: whatever a writer locks, it waits for us.
    const outcome = await race(
      `MATCH (d:Entity {id: $doc}) SET d.lockedByChaos = true
       CREATE (:Statement {id: $doc + '#' + toString(toInteger($next)), documentId: $doc, position: toInteger($next),
                           text: 'held'})`,
      { doc: DOC, next },
      create,
    );
    const { responses } = outcome;
    scenario.requests = responses.length;
    scenario.latencies.push(...outcome.latencies);
    const ok = succeeded(responses);
    scenario.errors = responses.length - ok.length;
    scenario.notes.barrier = outcome.barrier;
    scenario.notes.answers = describeResponses(responses);
    scenario.check(`all ${RACERS} succeed`, ok.length === RACERS, describeResponses(responses));
    const cited = ok.flatMap((response) => {
      return response.json?.data?.createNode.sources.map((source) => source.statementId) ?? [];
    });
    scenario.check(
      'each cites its own new statement',
      new Set(cited).size === ok.length && cited.length === ok.length,
      `statement ids ${JSON.stringify(cited)}`,
    );
    const rows = await cypherRows<{ text: string; position: number }>(
      db,
      'MATCH (s:Statement {documentId: $doc}) WHERE s.position >= $next RETURN s.text AS text, s.position AS position',
      { doc: DOC, next },
    );
    const positions = new Set(rows.map((row) => row.position));
    scenario.check(
      `the document gained ${RACERS} statements at distinct positions`,
      rows.length === RACERS &&
        positions.size === RACERS &&
        Array.from({ length: RACERS }, (_, i) => sentence(i)).every((text) => rows.some((row) => row.text === text)),
      `${rows.length} new statements, ${positions.size} positions`,
    );
    expect(scenario.save().failures()).toEqual([]);
  });
});
