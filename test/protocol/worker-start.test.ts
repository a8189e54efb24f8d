// dist/server.js starts the first analysis worker before it loads the server, and the server's pool adopts that
// worker rather than starting another; a worker nobody adopts in time is stopped (server/src/worker-start.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { once } from 'node:events';
import { RawServer } from './raw-client';
import { AnalysisPool } from '../../server/src/worker-pool';
import { startEarlyWorker, takeEarlyWorker } from '../../server/src/worker-start';

const SCRIPT = join(__dirname, '..', '..', 'dist', 'analysis-worker.js');
const HOOK = join(__dirname, 'worker-start-hook.cjs');

describe('the first analysis worker', () => {
  it('is started by dist/server.js before the server loads, and analyses the first file opened', async () => {
    const server = new RawServer({}, ['--require', HOOK]);
    try {
      await server.initialize();
      const uri = 'file:///early/Dockerfile';
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM node:20-slim\nCMD node server.js\n' } });
      const published = await server.next((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
      const diagnostics = (published.params as { diagnostics: { code?: unknown }[] }).diagnostics;
      assert.ok(diagnostics.some((d) => d.code === 'disposability/shell-form-command'), JSON.stringify(diagnostics));
      const events = server.stderr.split('\n').filter((line) => line.startsWith('hook: '));
      // One worker in all, on the bundled analysis, started before the server's bundle was loaded.
      assert.deepEqual(events, [`hook: worker ${join(process.cwd(), 'dist', 'analysis-worker.js')}`, 'hook: load server-main.js'], server.stderr);
    } finally {
      server.kill();
    }
  });

  it('is adopted by a pool in the same turn of the event loop, and analyses for it', async () => {
    startEarlyWorker(SCRIPT, {});
    const first = takeEarlyWorker(SCRIPT, {});
    assert.ok(first, 'the worker started early');
    const text = 'FROM node:20-slim\nCMD node server.js\n';
    const pool = new AnalysisPool({ script: SCRIPT, size: 1, workerOptions: {}, first, documents: (uri) => [{ uri, languageId: 'dockerfile', version: 1, text }], log: () => undefined });
    try {
      const outcome = await pool.analyse({ uri: 'file:///adopted/Dockerfile', version: 1, configuration: {}, timeoutMs: 10_000, urgent: true });
      assert.equal(outcome.kind, 'done');
      assert.ok(outcome.kind === 'done' && outcome.findings.some((f) => f.ruleId === 'disposability/shell-form-command'));
      assert.equal(pool.workers, 1);
      // The pool listens on the adopted worker: it is the one that answered.
      assert.equal(first.listenerCount('message'), 1);
    } finally {
      pool.dispose();
    }
  });

  it('is stopped when nothing adopts it in that turn, and is not handed out afterwards', async () => {
    const worker = startEarlyWorker(SCRIPT, {});
    const exited = once(worker, 'exit');
    // Left for the next turn: a pool could no longer hear its "ready".
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(takeEarlyWorker(SCRIPT, {}), undefined);
    await exited;
  });

  it('is not handed to a pool with other options, and is stopped', async () => {
    const worker = startEarlyWorker(SCRIPT, {});
    const exited = once(worker, 'exit');
    assert.equal(takeEarlyWorker(SCRIPT, { testDelayMs: 100 }), undefined);
    assert.equal(takeEarlyWorker(SCRIPT, {}), undefined, 'taken once, whatever the answer');
    await exited;
  });
});
