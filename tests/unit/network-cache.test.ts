/** The network cache: one build per key and write generation, however many ask at once; failures not kept. */
import { NetworkAnalysis } from '../../src/features/network/network-analysis';
import { NetworkCache } from '../../src/features/network/network-cache';

const analysis = (): NetworkAnalysis => new NetworkAnalysis([], [{ source: 'a', target: 'b', weight: 1 }]);

it('builds once for concurrent and later asks of one generation, again after a write', async () => {
  const cache = new NetworkCache();
  let builds = 0;
  const build = async (): Promise<NetworkAnalysis> => {
    builds += 1;
    return analysis();
  };
  const [first, second] = await Promise.all([cache.get('k', 0, build), cache.get('k', 0, build)]);
  expect(builds).toBe(1);
  expect(second).toBe(first);
  expect(await cache.get('k', 0, build)).toBe(first);
  const afterWrite = await cache.get('k', 1, build);
  expect(builds).toBe(2);
  expect(afterWrite).not.toBe(first);
});

it('does not keep a failed build', async () => {
  const cache = new NetworkCache();
  await expect(cache.get('k', 0, () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  const built = analysis();
  expect(await cache.get('k', 0, async () => built)).toBe(built);
});
