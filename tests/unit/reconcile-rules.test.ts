/** The reconciliation service's rules that need no database: reading queries, acronyms, the Lucene text, scoring. */
import { GraphQLError } from 'graphql';
import { NodeKind } from '../../src/model/graph-model';
import { anyWordQuery } from '../../src/features/reconcile/reconcile.repository';
import { isAcronym, kindOf } from '../../src/features/reconcile/reconcile-model';
import { MAX_LIMIT, MAX_QUERY_LENGTH, parseExtendQuery, parseQueryBatch } from '../../src/features/reconcile/request';
import { scoreCandidates, type CandidateFacts } from '../../src/features/reconcile/scoring';

/** The paths of the problems a refusal lists; none when the input is accepted. */
const problemsOf = (parse: () => unknown): { path: string }[] => {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const details: unknown = error.extensions.details;
    if (!Array.isArray(details)) return [{ path: '(no details)' }];
    return details.map((detail: unknown) => ({
      path: typeof detail === 'object' && detail !== null && 'path' in detail ? String(detail.path) : '?',
    }));
  }
  return [];
};

describe('reading a query batch', () => {
  it('reads types by id or name, caps the limit and keeps the batch order', () => {
    const [first, second] = parseQueryBatch({
      b: { query: 'UNAM', type: ['university', 'Faculty'], limit: 1_000 },
      a: { properties: [{ pid: 'city', v: { id: 'ciudad-de-mexico' } }] },
    });
    expect(first).toMatchObject({ key: 'b', kinds: [NodeKind.UNIVERSITY, NodeKind.FACULTY], limit: MAX_LIMIT });
    expect(second).toMatchObject({ key: 'a', text: null, conditions: [{ values: [{ id: 'ciudad-de-mexico' }] }] });
    expect(kindOf('University')).toBe(NodeKind.UNIVERSITY);
    expect(kindOf('Planet')).toBeUndefined();
  });

  it('reports every problem with where it is', () => {
    const problems = problemsOf(() =>
      parseQueryBatch({
        q0: { query: 7, limit: 0 },
        q1: {
          query: 'x',
          properties: [
            { pid: 'period', v: '2024' },
            { pid: 'kind', v: ['Planet'] },
          ],
        },
      }),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'q0.query',
      'q0.limit',
      'q1.properties.0.pid',
      'q1.properties.1.v.0',
    ]);
  });

  it('marks a blank or overlong query text unanswerable instead of refusing the batch', () => {
    const [blank, long, good] = parseQueryBatch({
      blank: { query: '  ' },
      long: { query: 'x'.repeat(MAX_QUERY_LENGTH + 1) },
      good: { query: 'x'.repeat(MAX_QUERY_LENGTH) },
    });
    expect(blank).toMatchObject({ key: 'blank', text: null, unanswerable: 'query is blank' });
    expect(long).toMatchObject({ key: 'long', text: null, unanswerable: expect.stringMatching(/over 500/) });
    expect(good?.unanswerable).toBeUndefined();
  });

  it('reads data extension queries and refuses a property asked twice', () => {
    expect(
      parseExtendQuery({ ids: ['iecm', 'iecm'], properties: [{ id: 'partners', settings: { limit: '3' } }] }),
    ).toMatchObject({ ids: ['iecm'], properties: [{ limit: 3 }] });
    expect(problemsOf(() => parseExtendQuery({ ids: ['iecm'], properties: [{ id: 'city' }, { id: 'city' }] }))).toEqual(
      [expect.objectContaining({ path: 'properties.1.id' })],
    );
  });
});

describe('acronyms and the full-text query', () => {
  it.each([
    ['IECM', true],
    ['FCPyS', true],
    ['EE. UU.', true],
    ['UAM-I', true],
    ['FGJ CDMX', true],
    ['Indetec', false],
    ['Tres Culturas', false],
    ['A', false],
  ])('%s is an acronym: %s', (name, expected) => {
    expect(isAcronym(name)).toBe(expected);
  });

  it('asks for any whole word, the last one also cut short, with no Lucene syntax left', () => {
    expect(anyWordQuery('Universidad Autónoma Metrop')).toBe('universidad autonoma metrop metrop*');
    expect(anyWordQuery('IECM (CDMX)')).toBe('iecm cdmx cdmx*');
    expect(anyWordQuery('*?')).toBeNull();
  });
});

describe('scoring', () => {
  const facts = (id: string, name: string, aliases: string[], city: string | null): CandidateFacts => ({
    id,
    name,
    kind: NodeKind.ORGANIZATION,
    aliases,
    nameKey: name.toLowerCase(),
    aliasKeys: aliases.map((alias) => alias.toLowerCase()),
    status: null,
    cities: city === null ? [] : [[city, city]],
    countries: [],
    related: {},
  });
  const a = facts('a', 'instituto a', ['IA'], 'cdmx');
  const b = facts('b', 'instituto b', ['IA'], 'caba');

  it('matches only an exact candidate that is alone, and a condition tells namesakes apart', () => {
    const [query] = parseQueryBatch({ q: { query: 'IA' } });
    const [withCity] = parseQueryBatch({ q: { query: 'IA', properties: [{ pid: 'city', v: 'cdmx' }] } });
    if (!query || !withCity) throw new Error('queries not read');
    expect(scoreCandidates(query, [a, b]).map((scored) => scored.contender)).toEqual([true, true]);
    const [first, second] = scoreCandidates(withCity, [a, b]);
    expect(first).toMatchObject({ contender: true });
    expect(second).toMatchObject({ contender: false });
    expect(first?.score).toBeGreaterThan(second?.score ?? 100);
  });
});
