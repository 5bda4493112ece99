/** Network metrics on small graphs whose values are known by hand. */
import { NetworkAnalysis, NetworkMetric } from '../../src/features/network/network-analysis';

const edge = (source: string, target: string, weight = 1) => ({ source, target, weight });

describe('a star of four leaves around "hub"', () => {
  const star = new NetworkAnalysis(
    [],
    ['a', 'b', 'c', 'd'].map((leaf) => edge('hub', leaf, 2)),
  );

  it('has degree 4 at the hub and 1 at each leaf; weights add up', () => {
    expect(star.degree('hub')).toBe(4);
    expect(star.degree('a')).toBe(1);
    expect(star.weightedDegree('hub')).toBe(8);
    expect(star.weightedDegree('d')).toBe(2);
  });

  it('puts the hub on all 6 shortest paths between leaves: betweenness 6, normalized 1', () => {
    expect(star.betweenness('hub')).toBe(6);
    expect(star.normalizedBetweenness('hub')).toBe(1);
    expect(star.betweenness('a')).toBe(0);
    expect(star.ranking(NetworkMetric.BETWEENNESS)).toEqual(['hub', 'a', 'b', 'c', 'd']);
  });

  it('scores a node outside the network 0', () => {
    expect(star.has('elsewhere')).toBe(false);
    expect(star.degree('elsewhere')).toBe(0);
    expect(star.betweenness('elsewhere')).toBe(0);
  });
});

it('a path a-b-c-d: the inner nodes broker 2 pairs each', () => {
  const path = new NetworkAnalysis([], [edge('a', 'b'), edge('c', 'b'), edge('c', 'd')]);
  expect(['a', 'b', 'c', 'd'].map((id) => path.betweenness(id))).toEqual([0, 2, 2, 0]);
  expect(path.normalizedBetweenness('b')).toBeCloseTo(2 / 3);
});

it('keeps one relationship per pair, whichever way it is given, with the weights added; ignores loops', () => {
  const network = new NetworkAnalysis(['alone'], [edge('a', 'b', 2), edge('b', 'a', 3), edge('a', 'a', 5)]);
  expect(network.relationshipCount).toBe(1);
  expect(network.nodeCount).toBe(3);
  expect(network.weightedDegree('a')).toBe(5);
  expect(network.degree('alone')).toBe(0);
});

it('splits two triangles joined by one relationship into two communities, the same way every time', () => {
  const relationships = [
    edge('a1', 'a2', 3),
    edge('a2', 'a3', 3),
    edge('a1', 'a3', 3),
    edge('b1', 'b2', 3),
    edge('b2', 'b3', 3),
    edge('b1', 'b3', 3),
    edge('a3', 'b1'),
  ];
  const split = new NetworkAnalysis([], relationships).communities();
  expect(split.communities.map((c) => [...c.members].sort())).toEqual([
    ['a1', 'a2', 'a3'],
    ['b1', 'b2', 'b3'],
  ]);
  expect(split.modularity).toBeGreaterThan(0.3);
  const again = new NetworkAnalysis([], [...relationships].reverse());
  expect(again.communities()).toEqual(split);
  expect(again.communityOf('b2')).toBe(1);
});

it('has no modularity without relationships', () => {
  const empty = new NetworkAnalysis(['x', 'y'], []);
  expect(empty.communities().modularity).toBeNull();
  expect(empty.communities().communities).toHaveLength(2);
});

it('computes betweenness on a worker thread to the same values, once', async () => {
  const relationships = [edge('a', 'b'), edge('c', 'b'), edge('c', 'd'), edge('d', 'e')];
  const offThread = new NetworkAnalysis([], relationships);
  const first = offThread.computeBetweennessOffThread();
  expect(offThread.computeBetweennessOffThread()).toBe(first);
  await first;
  const onThread = new NetworkAnalysis([], relationships);
  const ids = ['a', 'b', 'c', 'd', 'e'];
  expect(ids.map((id) => offThread.betweenness(id))).toEqual(ids.map((id) => onThread.betweenness(id)));
  expect(offThread.betweenness('c')).toBe(4);
});

it('gives an empty network no betweenness, on either thread', async () => {
  const empty = new NetworkAnalysis([], []);
  await empty.computeBetweennessOffThread();
  expect(empty.ranking(NetworkMetric.BETWEENNESS)).toEqual([]);
  expect(new NetworkAnalysis([], []).betweenness('x')).toBe(0);
});
