/**
 * The analysis pool on real worker threads (started from the TypeScript sources under ts-jest): analyses as the
 * analyzer does on the main thread, the known entities read once per graph version, a time budget that
 * terminates the worker and refuses the document, a bounded queue, and a close that ends the threads.
 */
import { AnalysisPool } from '../../src/features/documents/analysis-pool';
import { createAnalyzer, type KnownEntity } from '../../src/features/documents/analysis';
import { NodeKind } from '../../src/model/graph-model';

const KNOWN: KnownEntity[] = [
  { id: 'iecm', kind: NodeKind.ORGANIZATION, name: 'Instituto Electoral de la Ciudad de México', aliases: ['IECM'] },
  { id: 'unam', kind: NodeKind.UNIVERSITY, name: 'Universidad Nacional Autónoma de México', aliases: ['UNAM'] },
];
const TEXT = 'Convenio del IECM\nEl IECM y la UNAM firmaron un convenio de colaboración. La Lic. Ana Soto asistió.';

const codeOf = (error: unknown): unknown => (error as { extensions?: { code?: unknown } }).extensions?.code;

describe('AnalysisPool', () => {
  const pools: AnalysisPool[] = [];
  const pool = (settings: Partial<AnalysisPool['settings']> = {}): AnalysisPool => {
    const created = new AnalysisPool({ workers: 1, timeoutMs: 30_000, queueLimit: 4, ...settings });
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });

  it('answers what the analyzer answers, reading the known entities once per graph version', async () => {
    const analysis = pool();
    let reads = 0;
    const load = async (): Promise<KnownEntity[]> => {
      reads += 1;
      return KNOWN;
    };
    const expected = createAnalyzer(KNOWN).analyze(TEXT);
    expect(await analysis.analyze(TEXT, 'v1', load)).toEqual(expected);
    expect(await analysis.analyze(TEXT, 'v1', load)).toEqual(expected);
    expect(reads).toBe(1);
    const fewer = await analysis.analyze(TEXT, 'v2', async () => {
      reads += 1;
      return [];
    });
    expect(reads).toBe(2);
    expect(fewer.sentences.flatMap((s) => s.mentions)).toEqual([]);
  });

  it('refuses a document past its time budget with BAD_USER_INPUT and replaces the worker', async () => {
    const analysis = pool({ timeoutMs: 150 });
    const long = 'El Instituto Electoral de la Ciudad de México firmó un convenio con la UNAM. '.repeat(12_000);
    let caught: unknown;
    try {
      await analysis.analyze(long, 'v1', async () => KNOWN);
    } catch (error) {
      caught = error;
    }
    expect(codeOf(caught)).toBe('BAD_USER_INPUT');
    expect((caught as Error).message).toMatch(/could not be analysed within 0\.2 s/);
    expect(analysis.threads).toBe(0);
  });

  it('refuses beyond its queue with TOO_MANY_REQUESTS and a Retry-After', async () => {
    const analysis = pool({ workers: 1, queueLimit: 1, timeoutMs: 30_000 });
    const load = async (): Promise<KnownEntity[]> => KNOWN;
    const running = analysis.analyze(TEXT, 'v1', load);
    const waiting = analysis.analyze(TEXT, 'v1', load);
    let caught: unknown;
    try {
      await analysis.analyze(TEXT, 'v1', load);
    } catch (error) {
      caught = error;
    }
    expect(codeOf(caught)).toBe('TOO_MANY_REQUESTS');
    expect((caught as { extensions: { retryAfter: number } }).extensions.retryAfter).toBe(30);
    await expect(Promise.all([running, waiting])).resolves.toHaveLength(2);
  });

  it('close ends the threads and refuses what waits', async () => {
    const analysis = pool({ workers: 1, queueLimit: 2 });
    const load = async (): Promise<KnownEntity[]> => KNOWN;
    const first = analysis.analyze(TEXT, 'v1', load).catch((error: unknown) => error);
    const second = analysis.analyze(TEXT, 'v1', load).catch((error: unknown) => error);
    await analysis.close();
    expect(codeOf(await second)).toBe('TOO_MANY_REQUESTS');
    await first;
    expect(analysis.threads).toBe(0);
    expect(() => analysis.analyze(TEXT, 'v1', load)).toThrow(/stopping/);
  });
});
