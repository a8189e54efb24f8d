// Re-checking related files is dependency-aware: a change to one manifest re-analyses only the
// open files holding objects related to the changed objects (a Service and the workloads it
// selects, an autoscaler and its target), once each, and leaves unrelated open files of the same
// application alone. Drives the bundled server over stdio; analyses are counted through the
// test-only `twelveFactor/test/analysisCounts` request (TWELVE_FACTOR_LENS_TEST_COUNTERS=1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { OpenedDocuments, settledCounts, spawnCountingServer, stopServer } from '../helpers/lsp-server';

const READINESS = 'disposability/missing-readiness-probe';

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr: () => string;
const latest = new Map<string, PublishDiagnosticsParams>();

const FOLDER = 'file:///recheck-workspace/shop';
const WEB = `${FOLDER}/web-deployment.yaml`;
const WORKER = `${FOLDER}/worker-deployment.yaml`;
const SERVICE = `${FOLDER}/web-service.yaml`;
const OTHER = `${FOLDER}/other-service.yaml`;

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

function service(name: string, selects: string, annotation = ''): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(annotation ? ['  annotations:', `    note: ${annotation}`] : []),
    'spec:',
    `  selector: {app: ${selects}}`,
    '  ports:',
    '  - port: 80',
    '    targetPort: 8080',
    '',
  ].join('\n');
}

let documents: OpenedDocuments;

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries([WEB, WORKER, SERVICE, OTHER].map((uri) => [uri.slice(FOLDER.length + 1), (after[uri] ?? 0) - (before[uri] ?? 0)]));
}

const readinessOn = (uri: string) => !!latest.get(uri)?.diagnostics.some((d) => d.code === READINESS);

before(async () => {
  ({ server, connection, stderr } = spawnCountingServer());
  documents = new OpenedDocuments(connection, 'yaml');
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    latest.set(params.uri, params);
  });
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { twelveFactor: { debounceMs: 50 } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => stopServer(connection, server));

describe('re-checking related files', () => {
  it('relates the open files of one application through their objects', async () => {
    documents.open(WEB, deployment('web'));
    documents.open(WORKER, deployment('worker'));
    documents.open(OTHER, service('other', 'nothing-here'));
    documents.open(SERVICE, service('web', 'web'));
    await settledCounts(connection, stderr);
    // The Service in another file makes the web Deployment's container serve traffic.
    assert.equal(readinessOn(WEB), true, JSON.stringify(latest.get(WEB)));
    assert.equal(readinessOn(WORKER), false);
  });

  it('an edit inside a Service re-analyses the workloads it selects, once, and no other open file', async () => {
    const start = await settledCounts(connection, stderr);
    documents.rewrite(SERVICE, service('web', 'web', 'edited'));
    const moved = delta(start, await settledCounts(connection, stderr));
    assert.deepEqual(moved, { 'web-deployment.yaml': 1, 'worker-deployment.yaml': 0, 'web-service.yaml': 1, 'other-service.yaml': 0 });
  });

  it('a Service that selects other pods re-analyses the workloads it selected and the ones it selects now', async () => {
    const start = await settledCounts(connection, stderr);
    documents.rewrite(SERVICE, service('web', 'worker', 'edited'));
    const moved = delta(start, await settledCounts(connection, stderr));
    assert.deepEqual(moved, { 'web-deployment.yaml': 1, 'worker-deployment.yaml': 1, 'web-service.yaml': 1, 'other-service.yaml': 0 });
    assert.equal(readinessOn(WEB), false, 'the web Deployment no longer serves the Service');
    assert.equal(readinessOn(WORKER), true, 'the worker Deployment serves it now');
  });

  it('an edit to a workload re-analyses the Service that selects it, not the unrelated files', async () => {
    const start = await settledCounts(connection, stderr);
    documents.rewrite(WORKER, deployment('worker').replace('replicas: 2', 'replicas: 3'));
    const moved = delta(start, await settledCounts(connection, stderr));
    assert.deepEqual(moved, { 'web-deployment.yaml': 0, 'worker-deployment.yaml': 1, 'web-service.yaml': 1, 'other-service.yaml': 0 });
  });
});
