// @ts-check
/*
 * What the reader types goes first. Work the reader did not ask for this instant (the relationships among the nodes
 * drawn, the selected node's network measures, sizing, the top brokers, the list of maps) runs in the background:
 * one request at a time, none sent while a search is pending (typed and not yet answered), and no answer merged or
 * laid out then: the search request is at most one of two the server works on, and its suggestions never wait
 * behind a queue of requests or a layout.
 */

/** @typedef {ReturnType<typeof createBackground>} Background */

/** When no frame comes (a hidden tab), background work resumes this long after a search settles. */
const HIDDEN_TAB_MS = 250;
/** When no frame comes (a hidden tab), what waits for a frame to be painted goes on after this long. */
const NO_FRAME_MS = 1000;

/**
 * How urgent a background task is, highest first: the links among the nodes just drawn (they change the drawing),
 * then what the reader chose to see (the selected node's measures, sizing, community colours), then the rest (the
 * top brokers, the list of maps).
 */
export const PRIORITY = Object.freeze({ LINKS: 2, CHOSEN: 1, REST: 0 });

export function createBackground() {
  /** Whether a search is typed and not yet answered (or dropped). */
  let searching = false;
  /** @type {(() => void)[]} who waits for the search to settle */
  let waiting = [];
  /** What the page opens with (the address's node or map) is drawn before any background work. */
  /** @type {Promise<unknown>} */
  let opened = Promise.resolve();
  /** @typedef {{ priority: number, start: () => Promise<void> }} Job */
  /** @type {Job[]} tasks waiting, in the order queued */
  const queue = [];
  /** Whether a task is on its way. */
  let running = false;

  /** Resolves once the page's first drawing is done and no search is pending. */
  const quiet = () =>
    opened.then(() =>
      searching ? new Promise((resolve) => waiting.push(() => resolve(undefined))) : Promise.resolve(undefined),
    );

  /** Starts the most urgent task waiting (the first queued among equals) when none is on its way. */
  async function pump() {
    if (running) return;
    running = true;
    try {
      for (;;) {
        await quiet();
        const best = queue.reduce((top, job, i) => (job.priority > (queue[top]?.priority ?? -1) ? i : top), 0);
        const [job] = queue.splice(best, 1);
        if (!job) return;
        await job.start();
      }
    } finally {
      running = false;
    }
  }

  return {
    /**
     * Holds background work until `drawn` settles: the page's first drawing goes first.
     * @param {Promise<unknown>} drawn
     */
    holdUntil(drawn) {
      opened = drawn.then(
        () => undefined,
        () => undefined,
      );
    },

    /**
     * A search is typed: background tasks not sent yet wait for its answer. The one on its way is not cancelled:
     * the API would stop its transaction with two more queries (SHOW and TERMINATE TRANSACTIONS), which in the
     * bench held up the search more than letting a request of 0.1–0.3 s finish.
     */
    searchPending() {
      searching = true;
    },

    /**
     * The search was answered, failed or was dropped (the text cleared): background tasks go on, after the next
     * frame, so that the suggestions are painted before any of them (a layout) takes the main thread.
     */
    searchSettled() {
      if (!searching) return;
      searching = false;
      const resume = () => {
        if (searching) return; // typed again meanwhile: they wait for that search
        const resumed = waiting;
        waiting = [];
        for (const go of resumed) go();
      };
      requestAnimationFrame(() => setTimeout(resume));
      // A hidden tab draws no frames: the work goes on all the same.
      setTimeout(resume, HIDDEN_TAB_MS);
    },

    quiet,

    /**
     * Runs `task` (a request) once no search is pending and the tasks before it have ended, one at a time, most
     * urgent first; resolves to its answer. The caller calls `quiet()` again before heavy work on the page with the
     * answer (a merge, a layout), for a search typed while it loaded.
     * @template T
     * @param {() => Promise<T>} task
     * @param {number} [priority] one of PRIORITY
     * @returns {Promise<T>}
     */
    run(task, priority = PRIORITY.REST) {
      return new Promise((resolve, reject) => {
        queue.push({
          priority,
          start: async () => {
            await quiet();
            try {
              resolve(await task());
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          },
        });
        void pump();
      });
    },
  };
}

/**
 * Runs `then` in the next frame (before it is painted), and resolves once that frame is painted: what follows never
 * holds up the frame. A hidden tab draws no frames: after NO_FRAME_MS it goes on all the same.
 * @param {() => void} [then]
 * @returns {Promise<void>}
 */
export function afterPaint(then) {
  return new Promise((resolve) => {
    let ran = false;
    const run = () => {
      if (ran) return false;
      ran = true;
      then?.();
      return true;
    };
    requestAnimationFrame(() => {
      if (run()) setTimeout(resolve);
    });
    setTimeout(() => {
      if (run()) resolve();
    }, NO_FRAME_MS);
  });
}
