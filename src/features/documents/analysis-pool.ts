/**
 * Document analysis on a small pool of worker threads, so that a long or hostile document never stalls the thread
 * that answers every other request (1 MB of "A. " once froze the whole API for minutes).
 *
 * - `workers` threads at most, started on first use; each keeps the analyzer of one graph version and is sent the
 *   known entities again only when the graph changed (the entities are read once per version, not per call).
 * - Each analysis has `timeoutMs`: past it the worker is terminated (a replacement starts on the next request)
 *   and the request is refused with BAD_USER_INPUT, as a document too long to analyse.
 * - At most `queueLimit` analyses wait for a worker; beyond that the answer is TOO_MANY_REQUESTS (HTTP 429 with
 *   Retry-After).
 *
 * The worker runs analysis-worker.js from dist, or analysis-worker.ts under ts-jest, transpiled as it loads with
 * the project's TypeScript (as the betweenness worker, it is started from code evaluated in the thread).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Resource } from '../../graphql/resources';
import { appError, badInput, ErrorCode } from '../../shared/errors';
import type { AnalysisContext, DocumentAnalysis, KnownEntity } from './analysis';
import type { WorkerReply, WorkerRequest } from './analysis-protocol';

export interface AnalysisSettings {
  /** Worker threads at most (ANALYSIS_WORKERS). */
  workers: number;
  /** Budget of one analysis (ANALYSIS_TIMEOUT_MS). */
  timeoutMs: number;
  /** Analyses that may wait for a worker (ANALYSIS_QUEUE_LIMIT). */
  queueLimit: number;
}

const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) {
  // Under ts-jest there is no compiled worker: transpile the TypeScript sources as they load.
  const fs = require('node:fs');
  const ts = require(workerData.typescript);
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    module._compile(ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText, filename);
  };
}
require(workerData.entry);
`;

const WORKER_ENTRY = path.join(__dirname, `analysis-worker${path.extname(__filename)}`);

interface Job {
  text: string;
  version: string;
  context: AnalysisContext | undefined;
  resolve: (analysis: DocumentAnalysis) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** The graph version the worker has indexed. */
  version: string | null;
  job: Job | null;
  /** The running analysis's time budget. */
  timer?: NodeJS.Timeout;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private known: { version: string; entities: Promise<KnownEntity[]> } | null = null;
  private loadKnown: (() => Promise<KnownEntity[]>) | null = null;
  private nextId = 1;
  private closed = false;

  constructor(readonly settings: AnalysisSettings) {}

  /** Analyses `text` against the graph of `version`, whose known entities `load` reads (once per version). */
  analyze(
    text: string,
    version: string,
    load: () => Promise<KnownEntity[]>,
    context?: AnalysisContext,
  ): Promise<DocumentAnalysis> {
    const retryAfter = Math.max(1, Math.ceil(this.settings.timeoutMs / 1000));
    if (this.closed) {
      throw appError(ErrorCode.TOO_MANY_REQUESTS, 'The service is stopping; retry shortly.', { retryAfter });
    }
    const busy = this.slots.filter((slot) => slot.job).length;
    if (busy >= this.settings.workers && this.queue.length >= this.settings.queueLimit) {
      throw appError(
        ErrorCode.TOO_MANY_REQUESTS,
        `${busy} documents are being analysed and ${this.queue.length} wait; retry in ${retryAfter} s.`,
        { retryAfter },
      );
    }
    if (this.known?.version !== version) this.known = null;
    this.loadKnown = load;
    return new Promise((resolve, reject) => {
      this.queue.push({ text, version, context, resolve, reject });
      this.dispatch();
    });
  }

  /** Terminates the workers; analyses still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = (): Error =>
      appError(ErrorCode.TOO_MANY_REQUESTS, 'The service is stopping; retry shortly.', { retryAfter: 1 });
    for (const job of this.queue.splice(0)) job.reject(stopping());
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.job?.reject(stopping());
      slot.job = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Threads running now (for tests and metrics). */
  get threads(): number {
    return this.slots.length;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.slots.find((candidate) => !candidate.job) ?? this.spawn();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      void this.run(slot, job);
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.settings.workers) return undefined;
    const typescript = WORKER_ENTRY.endsWith('.ts') ? require.resolve('typescript') : null;
    const worker = new Worker(BOOT, { eval: true, workerData: { entry: WORKER_ENTRY, typescript } });
    // An idle worker does not keep the process alive; a running analysis's timer does.
    worker.unref();
    const slot: Slot = { worker, version: null, job: null };
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) => this.fail(slot, new Error(`the analysis worker stopped with code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  private entities(version: string): Promise<KnownEntity[]> {
    if (this.known?.version !== version) {
      const load = this.loadKnown;
      if (!load) return Promise.reject(new Error('no way to read the known entities'));
      const entities = load();
      this.known = { version, entities };
      // A failed read is not kept: the next analysis reads again.
      entities.catch(() => {
        if (this.known?.entities === entities) this.known = null;
      });
    }
    return this.known.entities;
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    const id = this.nextId++;
    let known: KnownEntity[] | undefined;
    try {
      if (slot.version !== job.version) known = await this.entities(job.version);
    } catch (error) {
      this.finish(slot);
      job.reject(error);
      return;
    }
    if (slot.job !== job) return; // the worker died while the entities were read; fail() answered the job
    const seconds = Math.round(this.settings.timeoutMs / 100) / 10;
    slot.timer = setTimeout(() => {
      this.remove(slot);
      void slot.worker.terminate();
      job.reject(
        badInput(`text: the document could not be analysed within ${seconds} s; analyse it in parts`, {
          fields: [{ field: 'text', message: `too long to analyse within ${seconds} s` }],
        }),
      );
      this.dispatch();
    }, this.settings.timeoutMs);
    const onMessage = (reply: WorkerReply): void => {
      if (reply.id !== id) return;
      clearTimeout(slot.timer);
      slot.worker.off('message', onMessage);
      slot.version = reply.version;
      this.finish(slot);
      if ('analysis' in reply) job.resolve(reply.analysis);
      else job.reject(new Error(`the analysis failed: ${reply.error}`));
    };
    slot.worker.on('message', onMessage);
    const request: WorkerRequest = {
      id,
      version: job.version,
      text: job.text,
      ...(job.context ? { context: job.context } : {}),
      ...(known ? { known } : {}),
    };
    slot.worker.postMessage(request);
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = null;
    this.dispatch();
  }

  private remove(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    clearTimeout(slot.timer);
    slot.job = null;
  }

  /** A worker that died on its own (out of memory...): its analysis fails, the next request starts another. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return; // terminated on purpose
    const job = slot.job;
    this.remove(slot);
    job?.reject(error);
    this.dispatch();
  }
}

/** The pool of a server, made on its first analysis and closed when the server stops. */
export const analysisPool: Resource<AnalysisPool> = {
  create: (config) => new AnalysisPool(config.analysis),
  close: (pool) => pool.close(),
};
