/**
 * Starting an analysis worker, and starting the first one before the server has loaded.
 *
 * A worker takes 70-90 ms to load the bundled analysis (dist/analysis-worker.js) and say it is ready, and the
 * server's own bundle takes about as long to load. When the pool started the first worker, it did so only once
 * the server's bundle had loaded, so the file the editor opens right after `initialize` (the one that made VS Code
 * start the extension) waited for the worker to load: its diagnostics came 100-145 ms after the open, against
 * 30 ms for a file opened a moment later. dist/server.js is therefore a small launcher (start-server.ts) that
 * starts the first worker and then loads the server (dist/server-main.js), whose pool adopts that worker: the
 * two load side by side, and the first open's diagnostics came after 46-90 ms (116-152 ms before, alternated runs).
 *
 * No imports but node's, so the launcher's bundle stays small and loads at once.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from './analysis-protocol';

/** The bundled analysis worker, next to the server's bundles in `dir` (dist/). */
export function analysisWorkerScript(dir: string): string {
  return join(dir, 'analysis-worker.js');
}

/** Starts a worker on `script` (the bundled analysis-worker.js) with `options` as its workerData. */
export function startAnalysisWorker(script: string, options: WorkerOptions): Worker {
  return new Worker(script, {
    workerData: options,
    // Bounded heaps make V8 collect before it grows: a workspace-wide analysis of ~800 files then
    // keeps the whole server under 150 MB; 256 MB still lets a multi-megabyte manifest be analysed.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
    // A worker's console would otherwise write into the server's stdout, which may be the protocol stream.
    stdout: true,
    stderr: true,
  });
}

/** The workers' options as the environment sets them: the launcher and the server read them alike. */
export function workerOptionsFromEnvironment(env: NodeJS.ProcessEnv): WorkerOptions {
  // Protocol tests only (see WorkerOptions.testDelayMs).
  const testDelayMs = Number(env.TWELVE_FACTOR_LENS_TEST_DELAY_MS);
  return { testDelayMs: Number.isFinite(testDelayMs) && testDelayMs > 0 ? testDelayMs : undefined };
}

interface EarlyWorker {
  worker: Worker;
  script: string;
  options: string;
}

/** Where the launcher leaves the worker for the server's bundle: the two are separate bundles, so a global. */
const EARLY_WORKER = Symbol.for('twelve-factor-lens.early-analysis-worker');
const holder = globalThis as { [EARLY_WORKER]?: EarlyWorker };

/**
 * Starts the first worker for the pool to adopt with {@link takeEarlyWorker}, which must happen before this turn
 * of the event loop ends: a worker's messages (its "ready" first) reach only the listeners it has when they
 * arrive, and they cannot arrive before then. A worker not adopted by the end of this turn is stopped, so that a
 * pool can never take one whose "ready" nobody heard; that pool then starts its own.
 */
export function startEarlyWorker(script: string, options: WorkerOptions): Worker {
  const early: EarlyWorker = { worker: startAnalysisWorker(script, options), script, options: JSON.stringify(options) };
  holder[EARLY_WORKER] = early;
  process.nextTick(() => {
    if (holder[EARLY_WORKER] !== early) return;
    delete holder[EARLY_WORKER];
    void early.worker.terminate();
  });
  return early.worker;
}

/** The worker {@link startEarlyWorker} started for `script` and `options` in this turn of the event loop, if any. */
export function takeEarlyWorker(script: string, options: WorkerOptions): Worker | undefined {
  const early = holder[EARLY_WORKER];
  if (!early) return undefined;
  delete holder[EARLY_WORKER];
  if (early.script === script && early.options === JSON.stringify(options)) return early.worker;
  void early.worker.terminate();
  return undefined;
}
