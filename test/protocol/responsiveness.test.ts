// The server never blocks: analysis runs in worker threads with a deadline, hover keeps
// answering while another document's analysis is stuck, and opening or editing a small
// document does not wait for the debounce. Drives the bundled server over stdio with the
// LSP client library.
//
// A document is made "stuck" deterministically through TWELVE_FACTOR_LENS_TEST_DELAY_MS:
// the server entry hands it to its workers, which then sleep before analysing any uri
// that contains the marker below. Nothing in the core knows about it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CodeActionRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type CodeAction,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';

const STUCK_MARKER = 'twelve-factor-lens-test-stuck';
const TIMEOUT_MS = 2000;
/** Far above anything the tests wait for: if the debounce were applied, they would fail. */
const DEBOUNCE_MS = 20_000;

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr = '';
const published: { at: number; params: PublishDiagnosticsParams }[] = [];
const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

function nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15_000): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    waiters.push({ uri, predicate, resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });
}

let version = 1;
function open(uri: string, languageId: string, text: string): void {
  void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: version++, text } });
}

before(async () => {
  server = spawn(process.execPath, ['dist/server.js', '--stdio'], {
    stdio: 'pipe',
    env: { ...process.env, TWELVE_FACTOR_LENS_TEST_DELAY_MS: '60000' },
  });
  server.stderr.on('data', (chunk) => (stderr += chunk));
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push({ at: Date.now(), params });
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.listen();
  // No workspace/configuration capability: the settings come from initializationOptions.
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: {} } },
    initializationOptions: { twelveFactor: { debounceMs: DEBOUNCE_MS, analysisTimeoutMs: TIMEOUT_MS } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => stopServer(connection, server));

const FAST = 'file:///workspace/fast/Dockerfile';
const OTHER = 'file:///workspace/other/Dockerfile';
const STUCK = `file:///workspace/${STUCK_MARKER}/Dockerfile`;
const hasShellForm = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'disposability/shell-form-command');

async function hoverOnFast(): Promise<{ ms: number; value: string }> {
  const start = Date.now();
  const hover = (await connection.sendRequest(HoverRequest.type, { textDocument: { uri: FAST }, position: { line: 1, character: 4 } })) as Hover;
  return { ms: Date.now() - start, value: (hover.contents as MarkupContent).value };
}

describe('responsiveness of the language server', () => {
  it('opening a document publishes its diagnostics without waiting for the debounce', async () => {
    const start = Date.now();
    const first = nextDiagnostics(FAST, hasShellForm);
    open(FAST, 'dockerfile', 'FROM node:20-slim\nCMD node server.js\n');
    await first;
    const elapsed = Date.now() - start;
    assert.ok(elapsed < DEBOUNCE_MS / 4, `diagnostics after ${elapsed} ms with debounceMs ${DEBOUNCE_MS}`);
  });

  it('an edit to a document that analyses fast is not held back by the debounce', async () => {
    const start = Date.now();
    const cleared = nextDiagnostics(FAST, (p) => !hasShellForm(p));
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: FAST, version: version++ },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 18 } }, text: '["node", "server.js"]' }],
    });
    await cleared;
    const back = nextDiagnostics(FAST, hasShellForm);
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: FAST, version: version++ },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 25 } }, text: 'node server.js' }],
    });
    await back;
    const elapsed = Date.now() - start;
    assert.ok(elapsed < DEBOUNCE_MS / 4, `two edits analysed after ${elapsed} ms with debounceMs ${DEBOUNCE_MS}`);
  });

  it('a stuck analysis is stopped with one warning; hover, code actions and other documents carry on meanwhile', async () => {
    assert.match((await hoverOnFast()).value, /Disposability/);
    const stoppedAt = nextDiagnostics(STUCK, (p) => p.diagnostics.length > 0, TIMEOUT_MS + 15_000);
    const stuckOpened = Date.now();
    open(STUCK, 'dockerfile', 'FROM node:20-slim\nCMD node stuck.js\n');
    const other = nextDiagnostics(OTHER, hasShellForm);
    open(OTHER, 'dockerfile', 'FROM python:3.12-slim\nCMD python app.py\n');

    // While the stuck document's worker sleeps, the server keeps answering at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hover = await hoverOnFast();
    assert.match(hover.value, /Disposability/);
    assert.ok(hover.ms < 200, `hover took ${hover.ms} ms while another analysis was stuck`);
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: FAST },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Convert CMD to exec form'));
    await other;
    assert.ok(!published.some((p) => p.params.uri === STUCK), 'the other document was analysed before the stuck one was given up');

    const { diagnostics } = await stoppedAt;
    const waited = Date.now() - stuckOpened;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [warning] = diagnostics;
    assert.equal(warning.severity, 2);
    assert.equal(warning.range.start.line, 0);
    assert.match(String(warning.message), /^Twelve-Factor Lens stopped analysing this file after \d+ ms/);
    assert.ok(waited >= TIMEOUT_MS && waited < TIMEOUT_MS + 10_000, `given up after ${waited} ms`);

    // The worker was replaced: analysis goes on for everything else.
    const edited = nextDiagnostics(OTHER, (p) => !hasShellForm(p));
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: OTHER, version: version++ },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 17 } }, text: '["python", "app.py"]' }],
    });
    await edited;
    const cleared = nextDiagnostics(STUCK, (p) => p.diagnostics.length === 0);
    void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: STUCK } });
    await cleared;
    assert.equal(server.exitCode, null, stderr);
  });
});
