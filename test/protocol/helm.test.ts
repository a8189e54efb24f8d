// Helm charts in the editor: a template is analysed with its chart (values.yaml, Chart.yaml,
// _helpers.tpl) as the CLI analyses it; a finding about a value is published on values.yaml
// even when that file is not open, and goes away when the template closes or the value is
// fixed in an open buffer; an open values.yaml gathers what closed templates report on it; the ignore comment in values.yaml is honoured and not called unused;
// hovering a values key names its factor and the template line that uses it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  HoverRequest,
  CodeActionRequest,
  type ProtocolConnection,
  type Diagnostic,
  type Hover,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';
import { WORKSPACE_SUMMARY_METHOD } from '../../server/src/summary-protocol';

const CLI = resolve('dist/cli.js');
const SERVER = resolve('dist/server.js');

const VALUES = [
  'image:',
  '  repository: registry.example.com/api',
  '  tag: latest',
  'migrate:',
  '  # twelve-factor-ignore build-release-run/mutable-image-tag -- the job image is pinned by the release pipeline',
  '  tag: latest',
  '',
].join('\n');

const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
  'values.yaml': VALUES,
  'templates/_helpers.tpl': '{{- define "api.labels" -}}\napp: {{ .Chart.Name }}\n{{- end }}\n',
  'templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      {{- include "api.labels" . | nindent 6 }}',
    '  template:',
    '    metadata:',
    '      labels:',
    '        {{- include "api.labels" . | nindent 8 }}',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          resources: {requests: {cpu: 100m, memory: 64Mi}}',
    '        - name: migrate',
    '          image: "{{ .Values.image.repository }}:{{ .Values.migrate.tag }}"',
    '          resources: {requests: {cpu: 100m, memory: 64Mi}}',
    '',
  ].join('\n'),
};

let root: string;
const uriOf = (path: string) => pathToFileURL(join(root, path)).href;

interface Client {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  latest: Map<string, Diagnostic[]>;
  stderr: string;
}

async function startServer(): Promise<Client> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client: Client = { connection, process: child, latest: new Map(), stderr: '' };
  child.stderr.on('data', (chunk) => (client.stderr += chunk));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => void client.latest.set(params.uri, params.diagnostics));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, rules: {}, debounceMs: 0, maxFileSize: 10_000_000, problems: 'openFiles' })));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'chart' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}

const summary = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();

async function until(what: string, client: Client, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`${what}\n${JSON.stringify(Object.fromEntries([...client.latest].map(([u, d]) => [u, summary(d)])), null, 1)}\n${client.stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let version = 1;
function open(client: Client, path: string, text = FILES[path]): void {
  void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(path), languageId: 'yaml', version: version++, text } });
}

before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-helm-')));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('Helm charts in the editor', () => {
  let client: Client;
  before(async () => (client = await startServer()));
  after(async () => stopServer(client.connection, client.process));

  it('the CLI is the reference: the moving tag on values.yaml line 3, the ignored one silent, the comment not unused', () => {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const findings = (JSON.parse(result.stdout).findings as { file: string; line: number; column: number; rule: string }[]).map((f) => `${f.file}:${f.rule}@${f.line}:${f.column}`);
    assert.deepEqual(findings, ['values.yaml:build-release-run/mutable-image-tag@3:8']);
  });

  it('an open template publishes its value finding on values.yaml, which is not open, and takes it back on close', async () => {
    open(client, 'templates/deployment.yaml');
    await until('values.yaml shows the tag of the open template', client, () => summary(client.latest.get(uriOf('values.yaml'))).join() === 'build-release-run/mutable-image-tag@3:8');
    const diagnostic = client.latest.get(uriOf('values.yaml'))![0];
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri, uriOf('templates/deployment.yaml'));
    assert.equal(diagnostic.relatedInformation?.[0]?.location.range.start.line, 15, 'the template line that uses the value');
    assert.deepEqual(summary(client.latest.get(uriOf('templates/deployment.yaml'))), [], 'the template itself is clean (labels from _helpers.tpl relate the selector)');
    void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf('templates/deployment.yaml') } });
    await until('values.yaml is cleared when the template closes', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
  });

  it('an open _helpers.tpl (Helm\'s language id) is read by the templates, not analysed itself; an edit there re-checks them', async () => {
    open(client, 'templates/deployment.yaml');
    await until('the template is clean', client, () => client.latest.has(uriOf('templates/deployment.yaml')) && summary(client.latest.get(uriOf('templates/deployment.yaml'))).length === 0);
    void client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf('templates/_helpers.tpl'), languageId: 'helm', version: version++, text: FILES['templates/_helpers.tpl'] } });
    // The open helper (not saved) now renders labels that are no YAML: the template says it could not be read.
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('templates/_helpers.tpl'), version: version++ },
      contentChanges: [{ text: '{{- define "api.labels" -}}\napp: x: y\n{{- end }}\n' }],
    });
    await until('the template is re-read with the open helper', client, () => summary(client.latest.get(uriOf('templates/deployment.yaml'))).join() === 'helm/template-not-analysed@1:1');
    assert.equal(client.latest.get(uriOf('templates/_helpers.tpl'))?.length ?? 0, 0, 'no diagnostics on the helper file (the CLI does not analyse it either)');
    void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf('templates/_helpers.tpl') } });
    await until('closing the helper brings back the text on disk', client, () => summary(client.latest.get(uriOf('templates/deployment.yaml'))).length === 0);
    void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf('templates/deployment.yaml') } });
    await until('closed again', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
  });

  it('values.yaml open alone shows what the closed templates report on it, as the CLI; closing it clears them', async () => {
    open(client, 'values.yaml');
    await until('the open values.yaml gathers the closed template\'s finding', client, () => summary(client.latest.get(uriOf('values.yaml'))).join() === 'build-release-run/mutable-image-tag@3:8');
    assert.deepEqual(summary(client.latest.get(uriOf('templates/deployment.yaml'))), [], 'the closed template itself shows nothing');
    void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf('values.yaml') } });
    await until('closing values.yaml clears it', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
  });

  it('values.yaml open: its own analysis and the template findings merge; hover names the factor and the template line; editing the value re-checks the template', async () => {
    open(client, 'values.yaml');
    open(client, 'templates/deployment.yaml');
    await until('values.yaml shows the tag', client, () => summary(client.latest.get(uriOf('values.yaml'))).join() === 'build-release-run/mutable-image-tag@3:8');

    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('values.yaml') }, position: { line: 2, character: 9 } })) as Hover | null;
    const markdown = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(markdown, /build-release-run\/mutable-image-tag/, 'the finding on the key is explained');
    assert.match(markdown, /`image\.tag`/);
    assert.match(markdown, /V Build, release, run/);
    assert.match(markdown, /`templates\/deployment\.yaml` line 16/);
    const keyHover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('values.yaml') }, position: { line: 1, character: 4 } })) as Hover | null;
    assert.match((keyHover?.contents as { value: string }).value, /`image\.repository`[\s\S]*line 16[\s\S]*line 19/, 'a key used twice names both lines');

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf('values.yaml') },
      range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title.startsWith('Ignore build-release-run/mutable-image-tag here'));
    assert.ok(ignore, actions.map((a) => a.title).join('\n'));
    assert.ok(ignore.edit?.changes?.[uriOf('values.yaml')], 'the ignore comment goes into values.yaml, where it is honoured');

    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('values.yaml'), version: version++ },
      contentChanges: [{ text: VALUES.replace('  tag: latest\nmigrate', '  tag: "1.4.2"\nmigrate') }],
    });
    await until('pinning the tag in the open values.yaml clears the finding', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
    void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf('values.yaml') } });
    await until('the text on disk is back: the tag again', client, () => summary(client.latest.get(uriOf('values.yaml'))).join() === 'build-release-run/mutable-image-tag@3:8');
  });

  it('the workspace summary lists a value finding under values.yaml, not under the template', async () => {
    const summaryAnswer = (await client.connection.sendRequest(WORKSPACE_SUMMARY_METHOD, {})) as { files: { uri: string; findings: { ruleId: string; range: { start: { line: number } } }[] }[] };
    const of = (path: string) => summaryAnswer.files.find((f) => f.uri === uriOf(path))?.findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`) ?? [];
    assert.deepEqual(of('values.yaml'), ['build-release-run/mutable-image-tag@3']);
    assert.deepEqual(of('templates/deployment.yaml'), []);
  });

  it('a change of values.yaml on disk re-checks the open template', async () => {
    writeFileSync(join(root, 'values.yaml'), VALUES.replace('  tag: latest\nmigrate', '  tag: "2.0.0"\nmigrate'));
    void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('values.yaml'), type: FileChangeType.Changed }] });
    await until('the pinned tag on disk clears the finding', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
  });
});

describe('Helm subcharts in the editor', () => {
  // A parent chart whose values.yaml gives its subchart (unpacked under charts/, named by an alias) the image tag, as
  // Helm does: the subchart's template reports on the parent's values.yaml, in the editor as in the CLI.
  let client: Client;
  let saved: string;
  const PARENT_VALUES = 'global:\n  registry: registry.example.com\nsrv:\n  image:\n    tag: latest\n';
  const SUB: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: web-application\n    alias: srv\n    version: 1.0.0\n',
    'values.yaml': PARENT_VALUES,
    'charts/web-application/Chart.yaml': 'apiVersion: v2\nname: web-application\nversion: 1.0.0\n',
    'charts/web-application/values.yaml': 'global:\n  registry: docker.io\nimage:\n  tag: "1.0.0"\n',
    'charts/web-application/templates/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: "{{ .Values.global.registry }}/web:{{ .Values.image.tag }}"\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n',
  };
  before(async () => {
    saved = root;
    root = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-helm-sub-')));
    for (const [path, text] of Object.entries(SUB)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    client = await startServer();
  });
  after(async () => {
    await stopServer(client.connection, client.process);
    rmSync(root, { recursive: true, force: true });
    root = saved;
  });

  it("the CLI reports the subchart's moving tag on the parent's values.yaml, where the alias' section sets it", () => {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { encoding: 'utf8', cwd: root });
    const tags = (JSON.parse(result.stdout).findings as { file: string; line: number; rule: string }[]).filter((f) => f.rule === 'build-release-run/mutable-image-tag');
    assert.deepEqual(tags.map((f) => `${f.file}:${f.line}`), ['values.yaml:5']);
  });

  it("the parent's values.yaml open alone gathers what the closed subchart template reports on it; pinning the tag there clears it", async () => {
    open(client, 'values.yaml', PARENT_VALUES);
    await until("the parent's values.yaml shows the subchart's tag", client, () => summary(client.latest.get(uriOf('values.yaml'))).join() === 'build-release-run/mutable-image-tag@5:10');
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('values.yaml'), version: version++ },
      contentChanges: [{ text: PARENT_VALUES.replace('tag: latest', 'tag: "2.4.1"') }],
    });
    await until('pinned by the parent', client, () => summary(client.latest.get(uriOf('values.yaml'))).length === 0);
  });
});

