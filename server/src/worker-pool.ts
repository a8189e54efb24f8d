/**
 * A small pool of analysis workers with a deadline per analysis.
 *
 * Each job runs on one worker; a job that outlives its deadline has its worker
 * terminated and replaced, and resolves as `timeout` so the server can tell the user
 * instead of freezing. Before a job is handed to a worker, the worker is brought up to
 * date with the documents the server wants it to see (see `documents` below): texts
 * are sent once per version and closed documents are forgotten.
 *
 * One worker runs from the start; the others (up to `size`) are started only when an open
 * document's analysis has waited behind busy workers for longer than starting a worker
 * takes, and stopped again after a while without work. Each worker is a V8 heap of its
 * own (20-30 MB once it has analysed a few files), so a second one is paid for only while
 * it helps: a burst of opens, or a stuck document whose deadline is running.
 */
import type { Worker } from 'node:worker_threads';
import type { RuleFailure } from './core/analyze';
import type { Configuration, Finding, ParseProblem, Target } from './core/types';
import type { FromWorker, ToWorker, WorkerOptions } from './analysis-protocol';
import type { RelationSignature } from './core/kubernetes/relation-index';
import { startAnalysisWorker } from './worker-start';

export interface PoolDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

export interface AnalysisRequest {
  uri: string;
  version: number;
  configuration: Configuration;
  timeoutMs: number;
  /** Open documents jump the queue ahead of a workspace-wide analysis. */
  urgent?: boolean;
  /** Called when a worker takes the job, right after it was sent the documents as they are now. */
  onStart?: () => void;
}

export type AnalysisOutcome =
  | { kind: 'done'; findings: Finding[]; ruleFailures: RuleFailure[]; hasObjects: boolean; relations?: RelationSignature[]; unread?: ParseProblem[]; target?: Target; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number }
  | { kind: 'failed'; error: string; elapsedMs: number };

export interface PoolOptions {
  /** The bundled worker script. */
  script: string;
  size: number;
  workerOptions: WorkerOptions;
  /**
   * Every document a worker should hold to analyse `uri` (that document among them). Returning the very same
   * list object again means nothing changed: a worker already brought up to date with it is not walked again.
   */
  documents: (uri: string) => Iterable<PoolDocument>;
  /** Other tools' templates of manifests in the workspace (TemplatesMessage); the same array until it changes. */
  templates?: () => readonly string[];
  log: (message: string) => void;
  /** Tests only: instead of {@link EXTRA_WORKER_IDLE_MS}. */
  extraWorkerIdleMs?: number;
  /** A worker already started on `script` with `workerOptions` (see worker-start.ts): it becomes the first one. */
  first?: Worker;
}

interface Job {
  id: number;
  request: AnalysisRequest;
  resolve: (outcome: AnalysisOutcome) => void;
  /** Date.now() when the job was queued. */
  queued: number;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** uri -> version this worker holds. */
  synced: Map<string, number>;
  /** The list of documents this worker was last brought up to date with (see PoolOptions.documents). */
  syncedList?: Iterable<PoolDocument>;
  /** The templates this worker was last told of (see PoolOptions.templates). */
  syncedTemplates?: readonly string[];
  job?: { job: Job; started: number; timer: NodeJS.Timeout };
  retired: boolean;
  /** Set while an extra worker (not the first) has no job: it stops when this fires. */
  idleTimer?: NodeJS.Timeout;
}

/** How far down the queue a free worker looks for a job of its own folders (keeps dispatch cheap on long queues). */
const MAX_AFFINITY_SCAN = 256;

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** A worker that dies this many times in a row before saying it is ready is not started again. */
const MAX_FAILED_STARTS = 3;

/**
 * An open document's analysis waits this long behind busy workers before another worker is started.
 * A new worker takes 60-80 ms to load the bundled analysis and say it is ready, and its first analyses
 * run on cold code: a shorter wait is over before a new worker could help.
 */
export const EXTRA_WORKER_AFTER_MS = 150;
/** An extra worker without work for this long is stopped, and its heap returned. */
export const EXTRA_WORKER_IDLE_MS = 30_000;

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private failedStarts = 0;
  private broken = false;
  private disposed = false;
  /** Armed while an urgent job waits and another worker may be started (see {@link EXTRA_WORKER_AFTER_MS}). */
  private growTimer?: NodeJS.Timeout;

  constructor(private readonly options: PoolOptions) {
    this.slots.push(this.spawn(options.first));
  }

  /** How many workers are running now (tests ask). */
  get workers(): number {
    return this.slots.length;
  }

  analyse(request: AnalysisRequest): Promise<AnalysisOutcome> {
    if (this.broken || this.disposed) return Promise.resolve({ kind: 'failed', error: 'the analysis workers could not be started', elapsedMs: 0 });
    return new Promise((resolve) => {
      const job = { id: this.nextId++, request, resolve, queued: Date.now() };
      if (request.urgent) {
        const firstBackground = this.queue.findIndex((j) => !j.request.urgent);
        this.queue.splice(firstBackground < 0 ? this.queue.length : firstBackground, 0, job);
      } else this.queue.push(job);
      this.dispatch();
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.growTimer);
    for (const slot of this.slots) {
      slot.retired = true;
      clearTimeout(slot.idleTimer);
      void slot.worker.terminate();
    }
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'failed', error: 'the server is stopping', elapsedMs: 0 });
  }

  /** `started`: the first worker, when it was started before the server loaded (see worker-start.ts). */
  private spawn(started?: Worker): Slot {
    const worker = started ?? startAnalysisWorker(this.options.script, this.options.workerOptions);
    const slot: Slot = { worker, ready: false, synced: new Map(), retired: false };
    worker.stdout.on('data', (chunk: Buffer) => this.options.log(`analysis worker: ${String(chunk).trimEnd()}`));
    worker.stderr.on('data', (chunk: Buffer) => this.options.log(`analysis worker: ${String(chunk).trimEnd()}`));
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.options.log(`analysis worker error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    worker.on('exit', (code) => this.onExit(slot, code));
    return slot;
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (slot.retired) return;
    if (message.kind === 'ready') {
      slot.ready = true;
      this.failedStarts = 0;
      this.dispatch();
      return;
    }
    const running = slot.job;
    if (!running || running.job.id !== message.id) return;
    clearTimeout(running.timer);
    slot.job = undefined;
    const elapsedMs = Date.now() - running.started;
    if (message.kind === 'result') {
      running.job.resolve({ kind: 'done', findings: message.findings, ruleFailures: message.ruleFailures, hasObjects: message.hasObjects, relations: message.relations, unread: message.unread, target: message.target, elapsedMs });
    } else {
      running.job.resolve({ kind: 'failed', error: message.error, elapsedMs });
    }
    this.dispatch();
  }

  private onExit(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    const wasRetired = slot.retired;
    slot.retired = true;
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.job.resolve({ kind: 'failed', error: `the analysis worker stopped (exit code ${code})`, elapsedMs: Date.now() - slot.job.started });
      slot.job = undefined;
    }
    if (wasRetired || this.disposed || index < 0) return;
    // An unexpected exit (out of memory, a crash): replace the worker unless it cannot even start.
    if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
      this.broken = true;
      this.options.log(`The analysis worker failed to start ${MAX_FAILED_STARTS} times; live analysis is off until the server restarts.`);
      this.slots.splice(index, 1);
      for (const job of this.queue.splice(0)) job.resolve({ kind: 'failed', error: 'the analysis workers could not be started', elapsedMs: 0 });
      return;
    }
    this.slots[index] = this.spawn();
  }

  /**
   * Urgent jobs (open documents) take any free worker; background jobs (a workspace-wide
   * analysis) run on the first worker only, so the workspace's files are parsed and held by
   * one worker, not all, and an open document always finds a worker free soon.
   */
  private dispatch(): void {
    this.assign();
    this.considerAnotherWorker();
    for (let i = 1; i < this.slots.length; i++) this.idleOrBusy(this.slots[i]);
  }

  private assign(): void {
    while (this.queue.length > 0) {
      const free = this.slots.filter((s) => s.ready && !s.job && !s.retired);
      if (free.length === 0) return;
      const index = this.queue.findIndex((job) => job.request.urgent || free[0] === this.slots[0] || this.slots.length === 1);
      if (index < 0) return;
      if (this.queue[index].request.urgent) {
        const { slot, at } = this.urgentFor(free, index);
        const [job] = this.queue.splice(at, 1);
        this.start(slot, job);
        continue;
      }
      const [job] = this.queue.splice(index, 1);
      this.start(free[0], job);
    }
  }

  /**
   * Starts another worker once an urgent job has waited {@link EXTRA_WORKER_AFTER_MS} with every
   * worker busy (background jobs run on the first worker only, so they never call for one), and
   * never while a worker is still starting.
   */
  private considerAnotherWorker(): void {
    if (this.growTimer || this.broken || this.disposed || this.slots.length >= this.options.size) return;
    if (this.slots.some((s) => !s.ready)) return;
    const waiting = this.queue.find((job) => job.request.urgent);
    if (!waiting) return;
    const waited = Date.now() - waiting.queued;
    if (waited >= EXTRA_WORKER_AFTER_MS) {
      this.options.log(`starting analysis worker ${this.slots.length + 1}: an analysis waited ${waited} ms behind busy workers`);
      this.slots.push(this.spawn());
      return;
    }
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      this.dispatch();
    }, EXTRA_WORKER_AFTER_MS - waited);
    this.growTimer.unref();
  }

  /** An extra worker with a job keeps running; one without starts (or keeps) its countdown to stopping. */
  private idleOrBusy(slot: Slot): void {
    if (slot.job || slot.retired || !slot.ready) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      return;
    }
    if (slot.idleTimer) return;
    slot.idleTimer = setTimeout(() => {
      const index = this.slots.indexOf(slot);
      if (slot.job || slot.retired || index <= 0) return;
      slot.retired = true;
      this.slots.splice(index, 1);
      void slot.worker.terminate();
      this.options.log(`stopped analysis worker ${index + 1} after ${this.options.extraWorkerIdleMs ?? EXTRA_WORKER_IDLE_MS} ms without work`);
    }, this.options.extraWorkerIdleMs ?? EXTRA_WORKER_IDLE_MS);
    slot.idleTimer.unref();
  }

  /**
   * Which worker last analysed a file of each folder. The files of one folder relate to each other, so
   * a worker that analysed one of them holds the parses of the others: sending the folder's next
   * analyses to it (rather than to whichever worker is free first) parses each file once, not once per
   * worker, when many files are opened at once.
   */
  private readonly folderOwner = new Map<string, Slot>();

  /**
   * For a free worker: the first urgent job (from `first`, the queue's first one) of a folder it owns
   * or that no live worker owns; failing that the first one, so no worker idles while work waits.
   */
  private urgentFor(free: readonly Slot[], first: number): { slot: Slot; at: number } {
    for (let f = free.length - 1; f >= 0; f--) {
      const slot = free[f];
      for (let i = first; i < this.queue.length; i++) {
        const request = this.queue[i].request;
        if (!request.urgent) continue;
        const owner = this.folderOwner.get(folderOf(request.uri));
        if (owner === slot || !owner || owner.retired || (owner.job === undefined && !free.includes(owner))) return this.own(slot, i);
        if (i - first > MAX_AFFINITY_SCAN) break;
      }
    }
    return this.own(free[free.length - 1], first);
  }

  private own(slot: Slot, at: number): { slot: Slot; at: number } {
    if (this.folderOwner.size >= 10_000) this.folderOwner.clear();
    this.folderOwner.set(folderOf(this.queue[at].request.uri), slot);
    return { slot, at };
  }

  private start(slot: Slot, job: Job): void {
    const started = Date.now();
    try {
      this.synchronise(slot, job.request.uri);
    } catch (error) {
      job.resolve({ kind: 'failed', error: `could not send the documents to the worker: ${String(error)}`, elapsedMs: 0 });
      return;
    }
    const timer = setTimeout(() => this.expire(slot), job.request.timeoutMs);
    slot.job = { job, started, timer };
    try {
      job.request.onStart?.();
    } catch (error) {
      this.options.log(`analysis start callback failed: ${String(error)}`);
    }
    const message: ToWorker = { kind: 'analyse', id: job.id, uri: job.request.uri, version: job.request.version, configuration: job.request.configuration };
    slot.worker.postMessage(message);
  }

  /** Sends what changed since this worker last saw the documents. */
  private synchronise(slot: Slot, uri: string): void {
    const templates = this.options.templates?.();
    if (templates && templates !== slot.syncedTemplates) {
      const message: ToWorker = { kind: 'templates', uris: templates };
      slot.worker.postMessage(message);
      slot.syncedTemplates = templates;
    }
    const documents = this.options.documents(uri);
    if (documents === slot.syncedList) return;
    const seen = new Set<string>();
    for (const document of documents) {
      seen.add(document.uri);
      if (slot.synced.get(document.uri) === document.version) continue;
      const message: ToWorker = { kind: 'sync', uri: document.uri, languageId: document.languageId, version: document.version, text: document.text };
      slot.worker.postMessage(message);
      slot.synced.set(document.uri, document.version);
    }
    for (const held of [...slot.synced.keys()]) {
      if (seen.has(held)) continue;
      const message: ToWorker = { kind: 'forget', uri: held };
      slot.worker.postMessage(message);
      slot.synced.delete(held);
    }
    slot.syncedList = documents;
  }

  private expire(slot: Slot): void {
    const running = slot.job;
    if (!running || slot.retired) return;
    slot.job = undefined;
    slot.retired = true;
    void slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index >= 0 && !this.disposed) this.slots[index] = this.spawn();
    running.job.resolve({ kind: 'timeout', elapsedMs: Date.now() - running.started });
    this.dispatch();
  }
}
