// JSON files are read in case they are CloudFormation, SAM or Serverless templates. An open one without a template's
// markers (package.json, tsconfig.json) costs the server no analysis on any keystroke; a template is analysed as it is
// typed, and once edited into plain JSON it loses its problems. Analyses are counted through the test-only
// `twelveFactor/test/analysisCounts` request (TWELVE_FACTOR_LENS_TEST_COUNTERS=1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { AnalysisCounts, OpenedDocuments, spawnCountingServer, stopServer } from '../helpers/lsp-server';

const RUNTIME = 'dev-prod-parity/deprecated-lambda-runtime';
const PACKAGE = 'file:///plain-json/app/package.json';
const TEMPLATE = 'file:///plain-json/app/template.json';
const TEMPLATE_TEXT = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'i.h', Runtime: 'nodejs12.x' } } } }, null, 2);

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr: () => string;
const published: PublishDiagnosticsParams[] = [];
let documents: OpenedDocuments;

/** Resolves with the first publication for `uri` from now on that `accept` takes. */
function publication(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, from = published.length): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 15_000;
    const poll = () => {
      const found = published.slice(from).find((p) => p.uri === uri && accept(p));
      if (found) return resolve(found);
      if (Date.now() > deadline) return reject(new Error(`no such publication for ${uri}\n${stderr()}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

before(async () => {
  ({ server, connection, stderr } = spawnCountingServer());
  documents = new OpenedDocuments(connection, 'json');
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => void published.push(params));
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { twelveFactor: { debounceMs: 0 } } });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => stopServer(connection, server));

describe('JSON files in the editor', () => {
  it('a template is analysed as it is typed; package.json never is, and an edit that makes a template plain JSON clears its problems', async () => {
    documents.open(PACKAGE, '{"name": "app"}\n');
    documents.open(TEMPLATE, TEMPLATE_TEXT);
    const first = await publication(TEMPLATE, (p) => p.diagnostics.some((d) => d.code === RUNTIME));
    assert.equal(first.diagnostics.find((d) => d.code === RUNTIME)?.range.start.line, 7, "on the Runtime line");
    for (const name of ['"app"', '"app", "version": "1.0.0"', '"app", "dependencies": {"@aws-sdk/client-s3": "3.600.0"}']) documents.rewrite(PACKAGE, `{"name": ${name}}\n`);
    const mark = published.length;
    documents.rewrite(TEMPLATE, TEMPLATE_TEXT.replace('nodejs12.x', 'nodejs24.x'));
    await publication(TEMPLATE, (p) => p.diagnostics.length === 0, mark);
    const counts = await connection.sendRequest(AnalysisCounts);
    assert.equal(counts[PACKAGE], undefined, 'package.json sent no job');
    assert.equal(counts[TEMPLATE], 2, 'the template: its open and its edit');
    // Edited into plain JSON, the template is no longer one: its problems go, and no job is sent for it.
    documents.rewrite(TEMPLATE, TEMPLATE_TEXT.replace('nodejs24.x', 'nodejs12.x'));
    await publication(TEMPLATE, (p) => p.diagnostics.some((d) => d.code === RUNTIME), mark);
    const plain = published.length;
    documents.rewrite(TEMPLATE, '{"name": "app"}\n');
    await publication(TEMPLATE, (p) => p.diagnostics.length === 0, plain);
    assert.equal((await connection.sendRequest(AnalysisCounts))[TEMPLATE], 3);
    assert.ok(published.some((p) => p.uri === PACKAGE), 'package.json got its (empty) problems, as any open file');
    assert.ok(published.filter((p) => p.uri === PACKAGE).every((p) => p.diagnostics.length === 0));
  });
});
