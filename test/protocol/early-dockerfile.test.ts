// An open Dockerfile gets its problems while the workspace is still being read: its findings depend on no other file,
// only on the settings and its configuration file, which is read on its own (workspace-index.ts readConfigAhead). A
// manifest still waits for the whole scan, since its findings depend on the objects of other files. The scan is made
// slow by a hook that answers the listing of the workspace folder late (slow-listing-hook.cjs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';
import { deploymentYaml } from '../helpers/manifests';

const HOOK = join(__dirname, 'slow-listing-hook.cjs');
/** How late the workspace folder's listing answers: far longer than a first analysis takes on a loaded machine. */
const SLOW_MS = 6000;

const DOCKERFILE = 'FROM node:20-slim\nCMD node server.js\n';
const FILES: Record<string, string> = {
  '.twelve-factor-lens.json': JSON.stringify({ ignorePatterns: ['ignored/**'] }),
  Dockerfile: DOCKERFILE,
  'ignored/Dockerfile': DOCKERFILE,
  'quiet/.twelve-factor-lens.json': JSON.stringify({ rules: { 'disposability/shell-form-command': 'off' } }),
  'quiet/Dockerfile': DOCKERFILE,
  // The walk does not enter node_modules, so this configuration file governs nothing, before the scan or after.
  'node_modules/pkg/.twelve-factor-lens.json': JSON.stringify({ rules: { 'disposability/shell-form-command': 'off' } }),
  'node_modules/pkg/Dockerfile': DOCKERFILE,
  // Not opened: the Service that makes the open Deployment need a readiness probe is known from the scan only.
  'shop/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n',
  'shop/deployment.yaml': deploymentYaml({ name: 'web', image: 'shop/web:1.0.0', selector: true }, '          ports: [{containerPort: 8080}]\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n'),
};

let root: string;
let running: RunningServer;
/** What the server said, in the order it said it: `indexed`, or a published file and the rules of its problems. */
let events: string[];

interface RunningServer {
  server: ChildProcessWithoutNullStreams;
  connection: ProtocolConnection;
  events: string[];
}

/**
 * A server on `root` whose scan takes `slowMs` longer, initialised by a client that offers its settings (and answers
 * for them, unless `answersSettings` is false), with the files at `paths` opened right after `initialized`.
 */
async function startServer(slowMs: number, paths: string[], answersSettings = true): Promise<RunningServer> {
  const server = spawn(process.execPath, ['--require', HOOK, resolve('dist/server.js'), '--stdio'], {
    stdio: 'pipe',
    env: { ...process.env, TFL_TEST_SLOW_FOLDER: root, TFL_TEST_SLOW_MS: String(slowMs) },
  });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const said: string[] = [];
  connection.onRequest(ConfigurationRequest.type, (params) => (answersSettings ? params.items.map(() => ({})) : new Promise<never>(() => undefined)));
  connection.onNotification(LogMessageNotification.type, (params) => {
    if (/Indexed \d+ files/.test(params.message)) said.push('indexed');
  });
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    said.push(`${params.uri.slice(pathToFileURL(root).href.length + 1)}: ${params.diagnostics.map((d) => d.code).join(' ')}`);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'early' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  for (const path of paths) {
    const languageId = path.endsWith('.yaml') ? 'yaml' : 'dockerfile';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(join(root, path)).href, languageId, version: 1, text: FILES[path] } });
  }
  return { server, connection, events: said };
}

/** Until `path` has had its problems published (fails after `limitMs`). */
async function publishedFor(server: RunningServer, path: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!server.events.some((e) => e.startsWith(`${path}: `))) {
    if (Date.now() > deadline) throw new Error(`no problems for ${path}: ${server.events.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-early-')));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  running = await startServer(SLOW_MS, ['Dockerfile', 'ignored/Dockerfile', 'quiet/Dockerfile', 'node_modules/pkg/Dockerfile', 'shop/deployment.yaml']);
  events = running.events;
  // Until the manifest has its problems, which come after the scan.
  await publishedFor(running, 'shop/deployment.yaml', SLOW_MS + 20_000);
});

after(async () => {
  await stopServer(running.connection, running.server);
  rmSync(root, { recursive: true, force: true });
});

/** The problems published for `path` before the scan ended, and after. */
function published(path: string): { before: string[]; after: string[] } {
  const scanned = events.indexOf('indexed');
  assert.ok(scanned >= 0, `the scan ended: ${events.join(' | ')}`);
  const of = (list: string[]) => list.filter((e) => e.startsWith(`${path}: `)).map((e) => e.slice(path.length + 2));
  return { before: of(events.slice(0, scanned)), after: of(events.slice(scanned)) };
}

describe('an open Dockerfile while the workspace is read', () => {
  it('gets its problems before the scan ends, the same as after it', () => {
    const { before, after } = published('Dockerfile');
    assert.ok(before.length > 0 && before[0].includes('disposability/shell-form-command'), `before the scan: ${events.join(' | ')}`);
    assert.equal(after.at(-1) ?? before.at(-1), before[0]);
  });

  it('is judged by the nearest configuration file, read on its own', () => {
    const { before, after } = published('quiet/Dockerfile');
    assert.ok(before.length > 0, `before the scan: ${events.join(' | ')}`);
    for (const problems of [...before, ...after]) assert.ok(!problems.includes('disposability/shell-form-command'), problems);
  });

  it('is not judged by a configuration file in a folder the walk leaves out', () => {
    const { before, after } = published('node_modules/pkg/Dockerfile');
    assert.ok(before.length > 0, `before the scan: ${events.join(' | ')}`);
    for (const problems of [...before, ...after]) assert.ok(problems.includes('disposability/shell-form-command'), problems);
  });

  it('shows nothing where a configuration file ignores it', () => {
    const { before, after } = published('ignored/Dockerfile');
    for (const problems of [...before, ...after]) assert.equal(problems, '');
  });
});

describe('an open manifest while the workspace is read', () => {
  it('waits for the scan: its first problems know the Service in a file not open', () => {
    const { before, after } = published('shop/deployment.yaml');
    assert.deepEqual(before, []);
    assert.ok(after[0].includes('disposability/missing-readiness-probe'), after[0]);
  });
});

describe('an open Dockerfile when the client does not answer for its settings', () => {
  it('waits no longer than the scan, as before', async () => {
    const silent = await startServer(1500, ['Dockerfile'], false);
    try {
      await publishedFor(silent, 'Dockerfile', 20_000);
      assert.ok(silent.events.indexOf('indexed') >= 0 && silent.events.indexOf('indexed') < silent.events.findIndex((e) => e.startsWith('Dockerfile: ')), silent.events.join(' | '));
    } finally {
      await stopServer(silent.connection, silent.server);
    }
  });
});
