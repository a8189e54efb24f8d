// The analysis pool starts its second worker only when an open document waits behind a busy first
// one, and stops it again once it has had nothing to do: each worker is a heap of its own.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AnalysisPool, EXTRA_WORKER_AFTER_MS, type PoolDocument } from '../../server/src/worker-pool';
import { TEST_DELAY_MARKER } from '../../server/src/analysis-protocol';
import { parsesToDrop } from '../../server/src/closed-parses';

const SCRIPT = join(__dirname, '..', '..', 'dist', 'analysis-worker.js');
const STUCK_MS = 1500;
const IDLE_MS = 400;

describe('analysis worker pool', () => {
  const documents = new Map<string, PoolDocument>();
  const logged: string[] = [];
  const pool = new AnalysisPool({
    script: SCRIPT,
    size: 2,
    workerOptions: { testDelayMs: STUCK_MS },
    documents: (uri) => [documents.get(uri)!],
    log: (message) => logged.push(message),
    extraWorkerIdleMs: IDLE_MS,
  });
  after(() => pool.dispose());

  const add = (name: string, text: string): string => {
    const uri = `file:///pool/${name}/Dockerfile`;
    documents.set(uri, { uri, languageId: 'dockerfile', version: 1, text });
    return uri;
  };
  const analyse = (uri: string) => pool.analyse({ uri, version: 1, configuration: {}, timeoutMs: 10_000, urgent: true });

  it('analyses one document after another on a single worker', async () => {
    for (let i = 0; i < 5; i++) {
      const outcome = await analyse(add(`quick-${i}`, 'FROM node:20-slim\nCMD node server.js\n'));
      assert.equal(outcome.kind, 'done');
      assert.equal(pool.workers, 1);
    }
    assert.deepEqual(logged.filter((m) => m.startsWith('starting analysis worker')), []);
  });

  it('starts a second worker for a document that waits behind a slow analysis, and stops it when idle', async () => {
    const slow = analyse(add(TEST_DELAY_MARKER, 'FROM node:20-slim\nCMD node stuck.js\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const queuedAt = Date.now();
    const waiting = await analyse(add('waiting', 'FROM python:3.12-slim\nCMD python app.py\n'));
    const waited = Date.now() - queuedAt;
    assert.equal(waiting.kind, 'done');
    assert.ok(waiting.kind === 'done' && waiting.findings.some((f) => f.ruleId === 'disposability/shell-form-command'), JSON.stringify(waiting));
    assert.equal(pool.workers, 2);
    assert.ok(waited >= EXTRA_WORKER_AFTER_MS && waited < STUCK_MS, `the waiting analysis finished after ${waited} ms`);
    assert.equal(logged.filter((m) => m.startsWith('starting analysis worker 2')).length, 1, logged.join('\n'));

    assert.equal((await slow).kind, 'done');
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 300));
    assert.equal(pool.workers, 1);
    assert.ok(logged.some((m) => m.startsWith('stopped analysis worker 2')), logged.join('\n'));
    // The remaining worker still analyses.
    assert.equal((await analyse(add('after', 'FROM node:20-slim\nCMD node server.js\n'))).kind, 'done');
  });
});

describe('a worker brought up to date once per change of the documents', () => {
  const documents: PoolDocument[] = [];
  let walks = 0;
  // The list the server hands out until something changes: the same object, counted each time the pool walks it.
  let list: Iterable<PoolDocument> = counted();
  function counted(): Iterable<PoolDocument> {
    return {
      *[Symbol.iterator]() {
        walks++;
        yield* documents;
      },
    };
  }
  const pool = new AnalysisPool({ script: SCRIPT, size: 1, workerOptions: {}, documents: () => list, log: () => undefined });
  after(() => pool.dispose());
  const analyse = (uri: string) => pool.analyse({ uri, version: 1, configuration: {}, timeoutMs: 10_000 });

  it('walks the documents again only when it is handed a new list', async () => {
    for (let i = 0; i < 3; i++) {
      const uri = `file:///sync/app-${i}/Dockerfile`;
      documents.push({ uri, languageId: 'dockerfile', version: 1, text: `FROM node:20-slim\nCMD node server-${i}.js\n` });
    }
    for (const document of documents) assert.equal((await analyse(document.uri)).kind, 'done');
    assert.equal(walks, 1, 'one walk for three jobs over the same list');
    // Something changed: a new list, walked once, and what it holds reaches the worker.
    documents.push({ uri: 'file:///sync/late/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM python:3.12-slim\nCMD python app.py\n' });
    list = counted();
    const late = await analyse('file:///sync/late/Dockerfile');
    assert.ok(late.kind === 'done' && late.findings.some((f) => f.ruleId === 'disposability/shell-form-command'), JSON.stringify(late));
    assert.equal((await analyse(documents[0].uri)).kind, 'done');
    assert.equal(walks, 2);
  });
});

describe('which parses of closed files a worker lets go', () => {
  const held = (n: number, prefix = 'f') => new Map(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, {}]));

  it('keeps everything up to the bound, then drops the least recently used down to half of it', () => {
    assert.deepEqual(parsesToDrop(held(200), [], 200), []);
    const drop = parsesToDrop(held(201), [], 200);
    assert.equal(drop.length, 101);
    assert.deepEqual(drop.slice(0, 2), ['f0', 'f1']);
  });

  it('never drops the files the analysis just related to: an application larger than the bound stays parsed', () => {
    const app = [...held(240).keys()];
    assert.deepEqual(parsesToDrop(held(240), app, 200), []);
    // Other applications' parses go first; the related ones stay even when they are the oldest.
    const mixed = new Map([...held(240), ...held(60, 'other')]);
    const drop = parsesToDrop(mixed, app, 200);
    assert.deepEqual(drop, [...held(60, 'other').keys()]);
    assert.deepEqual(parsesToDrop(mixed, app.slice(0, 10), 200).filter((uri) => app.slice(0, 10).includes(uri)), []);
  });
});
