/**
 * The in-memory partnerships of the neo4j-admin fast path on a graph small enough to work out by hand: ways,
 * parts acting with their parent, no pair of a part and its parent, participants not partnering each other,
 * entries in the order of their agreement or event, periods and dates as the rebuild stores them.
 * (tests/integration/admin-partnerships.test.ts compares it with the Cypher rebuild on real graphs.)
 */
import { NodeKind, RelationType } from '../../src/model/graph-model';
import { PartnershipGraph, type ComputedPartnership } from '../../src/features/partners/partnerships-compute';
import { parsePartialDate } from '../../src/shared/partial-date';

function fact(from: string, type: RelationType, to: string, refs: string[], start?: string, end?: string) {
  return {
    from,
    to,
    type,
    periodStart: start ?? null,
    periodEnd: end ?? null,
    periodStartDate: start ? (parsePartialDate(start)?.firstDay ?? null) : null,
    periodEndDate: end ? (parsePartialDate(end)?.lastDay ?? null) : null,
    sourceRefs: refs,
  };
}

function compute(): ComputedPartnership[] {
  const graph = new PartnershipGraph();
  for (const id of ['o-a', 'o-b', 'o-c', 'u-a1', 'f']) graph.addNode({ id, kind: NodeKind.ORGANIZATION, sortKey: id });
  graph.addNode({ id: 'ag1', kind: NodeKind.AGREEMENT, sortKey: 'b', status: 'SIGNED' });
  graph.addNode({ id: 'ag2', kind: NodeKind.AGREEMENT, sortKey: 'a', status: 'NOT_STATED' });
  graph.addNode({ id: 'ag3', kind: NodeKind.AGREEMENT, sortKey: 'c', status: 'NEGOTIATION' });
  graph.addNode({ id: 'ev1', kind: NodeKind.EVENT, sortKey: 'd' });
  for (const row of [
    fact('u-a1', RelationType.PART_OF, 'o-a', ['s#0']),
    fact('o-a', RelationType.PARTY_TO, 'ag1', ['s#1'], '2020', '2021'),
    fact('o-b', RelationType.PARTY_TO, 'ag1', ['s#2']),
    fact('f', RelationType.FACILITATED, 'ag1', ['s#3']),
    fact('u-a1', RelationType.PARTY_TO, 'ag2', ['s#4'], '2019-05'),
    fact('o-b', RelationType.PARTY_TO, 'ag2', ['s#5']),
    // A part and its parent never partner.
    fact('u-a1', RelationType.PARTY_TO, 'ag3', ['s#9']),
    fact('o-a', RelationType.PARTY_TO, 'ag3', ['s#9']),
    fact('o-c', RelationType.ORGANIZED, 'ev1', ['s#6'], '2022', '2022'),
    fact('o-b', RelationType.PARTICIPATED_IN, 'ev1', ['s#7'], '2022-03', '2022-06'),
    fact('o-a', RelationType.PARTICIPATED_IN, 'ev1', ['s#8']),
    // Not a way of partnering.
    fact('o-a', RelationType.LOCATED_IN, 'o-c', ['s#10']),
  ]) {
    graph.addRelationship(row);
  }
  const all = [...graph.partnerships()].sort((p, q) => `${p.start} ${p.end}`.localeCompare(`${q.start} ${q.end}`));
  expect(graph.nodesWithPartners(4)).toEqual(['o-b']);
  return all;
}

const one = (
  start: string,
  end: string,
  entries: [evidence: string, way: string, from: string, to: string, start: string, end: string, refs: string][],
  rest: Pick<ComputedPartnership, 'periodStart' | 'periodEnd' | 'lastDate'>,
): ComputedPartnership => ({
  start,
  end,
  entryEvidence: entries.map((e) => e[0]),
  entryWays: entries.map((e) => e[1]),
  entryFrom: entries.map((e) => e[2]),
  entryTo: entries.map((e) => e[3]),
  entryStarts: entries.map((e) => e[4]),
  entryEnds: entries.map((e) => e[5]),
  entryRefs: entries.map((e) => e[6]),
  ways: [...new Set(entries.map((e) => e[1]))],
  evidence: [...new Set(entries.map((e) => e[0]))],
  sourceRefs: [...new Set(entries.flatMap((e) => e[6].split(' ')))].sort(),
  strength: new Set(entries.map((e) => e[0])).size,
  ...rest,
});

describe('partnerships computed from the rows', () => {
  it('gives, pair by pair, the relationships worked out by hand', () => {
    expect(compute()).toEqual([
      one('f', 'o-a', [['ag1', 'FACILITATED_AGREEMENT', '2020-01-01', '2021-12-31', '', '', 's#1 s#3']], {
        periodStart: null,
        periodEnd: null,
        lastDate: '2021-12-31',
      }),
      one('f', 'o-b', [['ag1', 'FACILITATED_AGREEMENT', '', '', '', '', 's#2 s#3']], {
        periodStart: null,
        periodEnd: null,
        lastDate: null,
      }),
      // o-a acts with its part u-a1: ag2 (sort key "a") comes before ag1 ("b").
      one(
        'o-a',
        'o-b',
        [
          ['ag2', 'AGREEMENT_STATUS_NOT_STATED', '2019-05-01', '', '', '', 's#4 s#5'],
          ['ag1', 'SIGNED_AGREEMENT', '2020-01-01', '2021-12-31', '', '', 's#1 s#2'],
        ],
        { periodStart: null, periodEnd: null, lastDate: '2021-12-31' },
      ),
      one('o-a', 'o-c', [['ev1', 'EVENT_PARTICIPATION', '2022-01-01', '2022-12-31', '', '', 's#6 s#8']], {
        periodStart: null,
        periodEnd: null,
        lastDate: '2022-12-31',
      }),
      // Both facts dated: the entry holds where both hold, its texts the widest span; lastDate its end.
      one('o-b', 'o-c', [['ev1', 'EVENT_PARTICIPATION', '2022-03-01', '2022-06-30', '2022', '2022', 's#6 s#7']], {
        periodStart: '2022',
        periodEnd: '2022',
        lastDate: '2022-06-30',
      }),
      one('o-b', 'u-a1', [['ag2', 'AGREEMENT_STATUS_NOT_STATED', '2019-05-01', '', '', '', 's#4 s#5']], {
        periodStart: null,
        periodEnd: null,
        lastDate: '2019-05-01',
      }),
    ]);
  });
});
