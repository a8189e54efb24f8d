// Opening files that the workspace index already holds, with the text they have on disk, changes
// nothing for their neighbours: the workers related every file to the indexed copies already. So a
// burst of opens costs one analysis per file, not a re-check of the related files after each open,
// and the relation findings are there from the first analysis. Drives the bundled server over stdio
// on a temporary workspace folder; analyses are counted through the test-only
// `twelveFactor/test/analysisCounts` request (TWELVE_FACTOR_LENS_TEST_COUNTERS=1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  LogMessageNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { OpenedDocuments, settledCounts, spawnCountingServer, stopServer } from '../helpers/lsp-server';

const READINESS = 'disposability/missing-readiness-probe';

function deployment(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  replicas: 2',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    '    metadata:',
    `      labels: {app: ${name}}`,
    '    spec:',
    '      containers:',
    `      - name: ${name}`,
    `        image: registry.example.com/${name}:1.0.0`,
    '        ports:',
    '        - containerPort: 8080',
    '        resources:',
    '          requests: {cpu: 100m, memory: 128Mi}',
    '',
  ].join('\n');
}

function service(name: string, selects: string): string {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', `  selector: {app: ${selects}}`, '  ports:', '  - port: 80', '    targetPort: 8080', ''].join('\n');
}

const FILES: Record<string, string> = {
  'web-deployment.yaml': deployment('web'),
  'worker-deployment.yaml': deployment('worker'),
  // Opened last: it selects the web Deployment, whose first analysis has already seen it on disk.
  'web-service.yaml': service('web', 'web'),
};

let root: string;
let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr: () => string;
let documents: OpenedDocuments;
let indexed!: Promise<void>;
const latest = new Map<string, PublishDiagnosticsParams>();
const uriOf = (name: string) => pathToFileURL(join(root, 'shop', name)).href;
/** The analysis counts once no analysis runs, by file name. */
async function settled(): Promise<Record<string, number>> {
  const byUri = await settledCounts(connection, stderr);
  return Object.fromEntries(Object.keys(FILES).map((name) => [name, byUri[uriOf(name)] ?? 0]));
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'tfl-open-burst-'));
  mkdirSync(join(root, 'shop'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(root, 'shop', name), text);
  ({ server, connection, stderr } = spawnCountingServer());
  documents = new OpenedDocuments(connection, 'yaml');
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    latest.set(params.uri, params);
  });
  indexed = new Promise((resolve) => {
    connection.onNotification(LogMessageNotification.type, (params) => {
      if (/Indexed \d+ files/.test(params.message)) resolve();
    });
  });
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'burst' }], capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await stopServer(connection, server);
  rmSync(root, { recursive: true, force: true });
});

describe('opening indexed files at once', () => {
  it('analyses each file once, with the relations of its neighbours on disk', async () => {
    await indexed;
    for (const [name, text] of Object.entries(FILES)) documents.open(uriOf(name), text);
    assert.deepEqual(await settled(), { 'web-deployment.yaml': 1, 'worker-deployment.yaml': 1, 'web-service.yaml': 1 });
    // The Service on disk was related from the start: the web Deployment is asked for a readiness probe.
    const web = latest.get(uriOf('web-deployment.yaml'));
    assert.ok(web?.diagnostics.some((d) => d.code === READINESS), JSON.stringify(web));
    assert.ok(!latest.get(uriOf('worker-deployment.yaml'))?.diagnostics.some((d) => d.code === READINESS));
  });

  it('an edit that changes what a neighbour relates to still re-checks it', async () => {
    const start = await settled();
    documents.rewrite(uriOf('web-service.yaml'), service('web', 'worker'));
    const now = await settled();
    const moved = Object.fromEntries(Object.keys(FILES).map((name) => [name, now[name] - start[name]]));
    assert.deepEqual(moved, { 'web-deployment.yaml': 1, 'worker-deployment.yaml': 1, 'web-service.yaml': 1 });
    assert.ok(latest.get(uriOf('worker-deployment.yaml'))?.diagnostics.some((d) => d.code === READINESS));
  });
});
