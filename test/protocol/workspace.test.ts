// One truth: the language server and the CLI agree on a whole workspace, whatever is open.
// A fixture workspace (two sample folders with relations across files, a configuration file
// that turns a rule off, changes a level for some files, switches a rule off in one folder
// through `overrides` and leaves a folder out through `ignorePatterns`) is linted by
// `dist/cli.js --format json` and served by `dist/server.js` with different sets of tabs
// open; the diagnostics published for every file must equal the CLI's findings (rule, line,
// column), also after the configuration file and a manifest change on disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  PublishDiagnosticsNotification,
  ConfigurationRequest,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  FileChangeType,
  type ProtocolConnection,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { ANALYSE_WORKSPACE_METHOD, type AnalyseWorkspaceAnswer } from '../../server/src/summary-protocol';
import { isCandidateName } from '../../server/src/cli-files';
import { minimatch } from 'minimatch';

const CLI = resolve('dist/cli.js');
const SERVER = resolve('dist/server.js');

const FILES: Record<string, string> = {
  // A Kustomize base whose images the overlays pin: `shop/pinned` in both, `shop/partial` in one only.
  'kustom/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'kustom/base/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: k}\nspec:\n  containers:\n    - {name: a, image: shop/pinned}\n    - {name: b, image: shop/partial}\n',
  'kustom/overlays/dev/kustomization.yaml': 'resources: [../../base]\nimages:\n  - {name: shop/pinned, newTag: 1.0.0}\n  - {name: shop/partial, newTag: 1.0.0}\n',
  'kustom/overlays/prod/kustomization.yaml': 'resources: [../../base]\nimages:\n  - {name: shop/pinned, newTag: 1.0.0}\n',
  'shop/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: shop/web:latest',
    '          ports: [{containerPort: 8080}]',
    '',
  ].join('\n'),
  // Selects the Deployment in the other file: the Deployment is then asked for a readiness probe.
  'shop/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n',
  'shop/Dockerfile': 'FROM node:20-slim\nCMD node server.js\n',
  'blog/Dockerfile': 'FROM node:20-slim\nCMD node server.js\n',
  // Targets the Deployment in the other file.
  'blog/hpa.yaml': [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata: {name: blog}',
    'spec:',
    '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: blog}',
    '  minReplicas: 2',
    '  maxReplicas: 5',
    '  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]',
    '',
  ].join('\n'),
  'blog/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: blog}',
    'spec:',
    '  replicas: 3',
    '  selector: {matchLabels: {app: blog}}',
    '  template:',
    '    metadata: {labels: {app: blog}}',
    '    spec:',
    '      containers:',
    '        - name: blog',
    '          image: blog/web:1.2.3',
    '',
  ].join('\n'),
  // A Helm chart: its template reports the moving tag on values.yaml (where the value lives), the rest on the template.
  'chart/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
  'chart/values.yaml': 'image:\n  repository: registry.example.com/api\n  tag: latest\nport: 8080\n',
  'chart/templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-api',
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '          ports: [{containerPort: {{ .Values.port }}}]',
    '',
  ].join('\n'),
  'chart/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: {{ .Values.port }}}]\n',
  // A tie: two Services in one folder select the same pods. The finding names the first in the CLI's walk (a-service),
  // whatever order the server read the files in or the tabs were opened in (b-service is opened first).
  'tie/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: tie}',
    'spec:',
    '  selector: {matchLabels: {app: tie}}',
    '  template:',
    '    metadata: {labels: {app: tie}}',
    '    spec:',
    '      containers:',
    '        - name: tie',
    '          image: shop/tie:1.0.0',
    '          ports: [{containerPort: 8080}]',
    '',
  ].join('\n'),
  'tie/b-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: tie-b}\nspec:\n  selector: {app: tie}\n  ports: [{port: 80, targetPort: 8080}]\n',
  'tie/a-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: tie-a}\nspec:\n  selector: {app: tie}\n  ports: [{port: 80, targetPort: 8080}]\n',
  // Selects pods that only a template for envsubst deploys (ENVSUBST_TEMPLATE): nobody reads it, so nobody may say the
  // Service selects nothing (ministryofjustice's `config/kubernetes/<env>/deployment.tpl`).
  'envsubst/service.yaml': [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: queue}',
    'spec:',
    '  selector: {app: queue}',
    '  ports: [{port: 80, targetPort: 3000}]',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: clamav}',
    'spec:',
    '  selector: {matchLabels: {app: clamav}}',
    '  template:',
    '    metadata: {labels: {app: clamav}}',
    '    spec:',
    '      containers:',
    '        - {name: clamav, image: "clamav/clamav:1.3"}',
    '',
  ].join('\n'),
  // Ignored by the configuration: were it read, the blog Deployment would be asked for a readiness probe.
  'blog/generated/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: blog}\nspec:\n  selector: {app: blog}\n  ports: [{port: 80, targetPort: 8080}]\n',
};

/** Another tool's template of a manifest (`image: ${ECR_URL}:${IMAGE_TAG}`), beside `envsubst/service.yaml`: noted, never read. */
const ENVSUBST_TEMPLATE = {
  path: 'envsubst/deployment.tpl',
  text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: queue}\nspec:\n  selector: {matchLabels: {app: queue}}\n  template:\n    metadata: {labels: {app: queue}}\n    spec:\n      containers:\n        - {name: queue, image: "${ECR_URL}:${IMAGE_TAG}"}\n',
};

/**
 * A folder outside the workspace, linked in as `ext`: not the project's, so neither the CLI nor the server reads it
 * (links to folders are not followed). Beside it: `shop/Dockerfile.copy`, a second name for `shop/Dockerfile` (checked
 * once, under the name the walk meets first), and `blog/up`, a link back to the workspace (a cycle, were it followed).
 */
const LINKED: Record<string, string> = {
  'deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: linked}',
    'spec:',
    '  selector: {matchLabels: {app: linked}}',
    '  template:',
    '    metadata: {labels: {app: linked}}',
    '    spec:',
    '      containers:',
    '        - name: linked',
    '          image: shop/linked:1.0.0',
    '          ports: [{containerPort: 8080}]',
    '',
  ].join('\n'),
  'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: linked}\nspec:\n  selector: {app: linked}\n  ports: [{port: 80, targetPort: 8080}]\n',
  Dockerfile: 'FROM node:20-slim\nCMD node server.js\n',
};

const CONFIG = {
  rules: { 'port-binding/server-without-expose': 'off' },
  ignorePatterns: ['generated'],
  overrides: [
    { files: ['blog/**'], rules: { 'disposability/shell-form-command': 'off' } },
    { files: ['**/deployment.{yaml,yml}'], rules: { 'concurrency/missing-resource-requests': 'info' } },
  ],
};

let root: string;
let outside: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

type Summary = Record<string, string[]>;

/** The CLI's findings on the whole folder, per file: `rule@line:column` (1-based) and where its related objects are, sorted. */
function cliSummary(): Summary {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const summary: Summary = {};
  for (const f of JSON.parse(result.stdout).findings as { file: string; line: number; column: number; rule: string; related?: { file: string; line: number }[] }[]) {
    (summary[f.file] ??= []).push(`${f.rule}@${f.line}:${f.column}${(f.related ?? []).map((r) => ` -> ${r.file}:${r.line}`).join('')}`);
  }
  for (const list of Object.values(summary)) list.sort();
  return Object.fromEntries(Object.entries(summary).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface Client {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  /** The latest diagnostics per file, by path relative to the workspace. */
  latest: Map<string, Diagnostic[]>;
  messages: string[];
  registrations: string[];
  stderr: string;
}

/** A file URI as a path relative to the workspace, as the CLI's JSON lists files. */
function pathOf(uri: string): string {
  return relative(root, fileURLToPath(uri)).split(sep).join('/');
}

function summaryOf(client: Client): Summary {
  const summary: Summary = {};
  // By path, as the CLI lists them: the loop below compares JSON texts, where key order counts.
  for (const [path, diagnostics] of [...client.latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (diagnostics.length === 0) continue;
    summary[path] = diagnostics
      .map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}${(d.relatedInformation ?? []).map((r) => ` -> ${pathOf(r.location.uri)}:${r.location.range.start.line + 1}`).join('')}`)
      .sort();
  }
  return summary;
}

async function startServer(problems: 'openFiles' | 'workspace'): Promise<Client> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client: Client = { connection, process: child, latest: new Map(), messages: [], registrations: [], stderr: '' };
  child.stderr.on('data', (chunk) => (client.stderr += chunk));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    client.latest.set(pathOf(params.uri), params.diagnostics);
  });
  connection.onNotification('window/showMessage', (params: { message: string }) => void client.messages.push(params.message));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, rules: {}, debounceMs: 0, maxFileSize: 10_000_000, problems })));
  connection.onRequest(RegistrationRequest.type, (params) => {
    for (const registration of params.registrations) client.registrations.push(JSON.stringify(registration));
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'fixture' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return client;
}

async function stopServer(client: Client): Promise<void> {
  await client.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
  await client.connection.sendNotification(ExitNotification.type).catch(() => undefined);
  client.connection.dispose();
  await new Promise<void>((done) => {
    if (client.process.exitCode !== null) return done();
    const timer = setTimeout(() => {
      client.process.kill();
      done();
    }, 3000);
    client.process.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** Waits until the server's picture equals `expected` (analyses settle asynchronously), then asserts it. */
async function expectSummary(client: Client, expected: () => Summary, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const want = expected();
  while (Date.now() < deadline) {
    if (JSON.stringify(summaryOf(client)) === JSON.stringify(want)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.deepEqual(summaryOf(client), want, `${what}\n${client.stderr}`);
}

let version = 1;
function openFile(client: Client, path: string): void {
  const languageId = path.endsWith('Dockerfile') ? 'dockerfile' : 'yaml';
  void client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: pathToFileURL(join(root, path)).href, languageId, version: version++, text: readFileSync(join(root, path), 'utf8') },
  });
}

function closeFile(client: Client, path: string): void {
  void client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: pathToFileURL(join(root, path)).href } });
}

/** One watcher notification: each change a `[path, type]`, in order. */
function changed(client: Client, ...changes: [path: string, type: FileChangeType][]): void {
  void client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map(([path, type]) => ({ uri: pathToFileURL(join(root, path)).href, type })) });
}

function onlyFiles(summary: Summary, paths: string[]): Summary {
  return Object.fromEntries(Object.entries(summary).filter(([path]) => paths.includes(path)));
}

before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-workspace-')));
  for (const [path, text] of Object.entries(FILES)) write(path, text);
  write(ENVSUBST_TEMPLATE.path, ENVSUBST_TEMPLATE.text);
  write('.twelve-factor-lens.json', `${JSON.stringify({ ...CONFIG, rules: { ...CONFIG.rules, 'no/such-rule': 'error' } }, null, 2)}\n`);
  outside = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-outside-')));
  for (const [name, text] of Object.entries(LINKED)) writeFileSync(join(outside, name), text);
  symlinkSync(outside, join(root, 'ext'), 'dir');
  symlinkSync('Dockerfile', join(root, 'shop/Dockerfile.copy'));
  symlinkSync('..', join(root, 'blog/up'), 'dir');
});

after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('server and CLI agree on a workspace', () => {
  it('the fixture exercises the configuration and the relations (the CLI is the reference)', () => {
    const cli = cliSummary();
    assert.ok(cli['shop/deployment.yaml'].includes('disposability/missing-readiness-probe@10:17 -> shop/service.yaml:2'), 'relation across files (Service -> Deployment)');
    assert.ok(!Object.keys(cli).some((path) => path.startsWith('ext/') || path.startsWith('blog/up/')), 'links to folders are not followed');
    assert.ok(!('shop/Dockerfile.copy' in cli), 'a file under a second name is checked once, under the first');
    assert.ok(cli['blog/hpa.yaml'].some((f) => f.startsWith('concurrency/hpa-without-requests@')), 'relation across files (HPA -> Deployment)');
    assert.ok(!cli['blog/deployment.yaml'].some((f) => f.startsWith('disposability/missing-readiness-probe@')), 'the ignored Service is not read');
    assert.ok(!('blog/generated/service.yaml' in cli), 'ignorePatterns');
    assert.ok(!cli['blog/Dockerfile'], 'the override turns shell-form-command off in blog/ (and the rule off everywhere turns the other finding off)');
    assert.deepEqual(cli['shop/Dockerfile'], ['disposability/shell-form-command@2:1']);
    assert.ok(cli['chart/values.yaml']?.includes('build-release-run/mutable-image-tag@3:8 -> chart/templates/deployment.yaml:12'), 'a Helm value finding lands on values.yaml, and says which template uses it');
    assert.ok(cli['chart/templates/deployment.yaml']?.some((f) => f.startsWith('disposability/missing-readiness-probe@11:')), 'a Helm structure finding stays on the template');
    assert.deepEqual(cli['kustom/base/deploy.yaml']?.filter((f) => f.startsWith('build-release-run/mutable-image-tag@')), ['build-release-run/mutable-image-tag@7:24'], 'the image only one overlay pins');
    assert.deepEqual(cli['tie/deployment.yaml']?.filter((f) => f.startsWith('disposability/missing-readiness-probe@')), ['disposability/missing-readiness-probe@10:17 -> tie/a-service.yaml:2 -> tie/b-service.yaml:2'], 'a tie: the first Service in the walk is named, both are related');
    assert.ok(!cli['envsubst/service.yaml']?.some((f) => f.startsWith('port-binding/service-selects-nothing@')), 'the pods may be in the template beside it');
    assert.ok(!('envsubst/deployment.tpl' in cli), 'the template is not read');
  });

  describe('problems: workspace', () => {
    let client: Client;
    before(async () => (client = await startServer('workspace')));
    after(async () => stopServer(client));

    it('registers a file watcher for every file the index reads and the configuration file, in any case', async () => {
      await expectSummary(client, cliSummary, 'no tab open');
      const registration = client.registrations.map((r) => JSON.parse(r) as { method: string; registerOptions?: { watchers: { globPattern: string }[] } }).find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.ok(registration?.registerOptions, client.registrations.join('\n'));
      const pattern = registration.registerOptions.watchers[0].globPattern;
      // minimatch as a client matches (VS Code's watcher glob has the same syntax): case-sensitively, and `*` not
      // matching a leading dot. One name per pattern of the walk, as written and cased otherwise: a change on disk to
      // any file the index holds must reach the server (the walk takes `DEPLOY.YAML`; `*.yaml` missed it).
      const names = ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'DockerFile.prod', 'Containerfile', 'containerfile', 'CONTAINERFILE.dev', 'Dockerfile-web', 'Dockerfile_worker', 'api.dockerfile', 'api.Dockerfile', 'API.CONTAINERFILE', 'deploy.yaml', 'DEPLOY.YAML', 'deploy.yml', 'Deploy.Yml', 'template.json', 'TEMPLATE.JSON', 'stack.template', 'stack.Template'];
      for (const name of names) {
        assert.ok(isCandidateName(name), name);
        assert.ok(minimatch(`apps/web/${name}`, pattern), `the watcher misses ${name}`);
      }
      // What a Dockerfile's analysis reads from its build context (build-context-files.ts BUILD_CONTEXT_NAME_GLOBS).
      for (const name of ['.twelve-factor-lens.json', '.Twelve-Factor-Lens.JSON', 'Chart.tpl', '.dockerignore', 'api.dockerignore', 'entrypoint.sh', 'package.json', 'requirements.txt', 'app.py', 'build.gradle.kts', 'pom.xml', 'yarn.lock', 'Cargo.lock', 'compose.yaml', 'docker-compose.yml']) {
        assert.ok(minimatch(`apps/web/${name}`, pattern), `the watcher misses ${name}`);
      }
      // Other tools' templates of manifests, which the index notes without reading (`deployment.tpl` for envsubst).
      for (const name of ['deployment.tpl', 'service.yaml.tmpl', 'deploy.yaml.j2']) assert.ok(minimatch(`apps/web/${name}`, pattern), `the watcher misses ${name}`);
      for (const name of ['README.md', 'main.go', 'yaml.go']) assert.ok(!minimatch(`apps/web/${name}`, pattern), `the watcher takes ${name}`);
    });

    it('reports the unknown rule id of the configuration file to the user', () => {
      assert.ok(client.messages.some((m) => m.includes('no/such-rule')), client.messages.join('\n'));
    });

    it('with no tab, some tabs, every tab and again none open, every file shows what the CLI reports', async () => {
      await expectSummary(client, cliSummary, 'no tab open');
      openFile(client, 'shop/deployment.yaml');
      openFile(client, 'blog/hpa.yaml');
      await expectSummary(client, cliSummary, 'two tabs open');
      for (const path of Object.keys(FILES)) if (path !== 'shop/deployment.yaml' && path !== 'blog/hpa.yaml') openFile(client, path);
      await expectSummary(client, cliSummary, 'every tab open (the ignored file included)');
      for (const path of Object.keys(FILES)) closeFile(client, path);
      await new Promise((r) => setTimeout(r, 200));
      await expectSummary(client, cliSummary, 'every tab closed again');
    });

    it('follows the configuration file and the manifests on disk', async () => {
      const before = cliSummary();
      write('.twelve-factor-lens.json', JSON.stringify({ rules: { 'build-release-run/mutable-image-tag': 'off' }, ignorePatterns: ['generated'] }));
      changed(client, ['.twelve-factor-lens.json', FileChangeType.Changed]);
      const after = cliSummary();
      assert.notDeepEqual(after, before, 'the change matters to the CLI');
      await expectSummary(client, () => after, 'after the configuration file changed');

      unlinkSync(join(root, 'shop/service.yaml'));
      changed(client, ['shop/service.yaml', FileChangeType.Deleted]);
      const withoutService = cliSummary();
      assert.ok(!withoutService['shop/deployment.yaml']?.some((f) => f.startsWith('disposability/missing-readiness-probe@')));
      await expectSummary(client, () => withoutService, 'after a Service was deleted');

      write('shop/service.yaml', FILES['shop/service.yaml']);
      changed(client, ['shop/service.yaml', FileChangeType.Created]);
      const withConfig = cliSummary();
      unlinkSync(join(root, '.twelve-factor-lens.json'));
      changed(client, ['.twelve-factor-lens.json', FileChangeType.Deleted]);
      const defaults = cliSummary();
      assert.notDeepEqual(defaults, withConfig, 'the configuration matters to the CLI');
      await expectSummary(client, () => defaults, 'after the configuration file was deleted');

      write('.twelve-factor-lens.json', JSON.stringify(CONFIG));
      changed(client, ['.twelve-factor-lens.json', FileChangeType.Changed]);
      await expectSummary(client, cliSummary, 'after the Service came back and the configuration was restored');
    });

    it('follows links made and removed on disk: each file is read once, under the name the walk meets first, as the CLI reads it', async () => {
      await expectSummary(client, cliSummary, 'before the link');
      // `shop/A.dockerfile` sorts before `shop/Dockerfile`: made after the scan, it is the name the walk meets first.
      symlinkSync('Dockerfile', join(root, 'shop/A.dockerfile'));
      changed(client, ['shop/A.dockerfile', FileChangeType.Created]);
      const linked = cliSummary();
      assert.ok('shop/A.dockerfile' in linked && !('shop/Dockerfile' in linked), 'the CLI reads the file under the link\'s name');
      await expectSummary(client, () => linked, 'after a link was made');
      unlinkSync(join(root, 'shop/A.dockerfile'));
      changed(client, ['shop/A.dockerfile', FileChangeType.Deleted]);
      await expectSummary(client, cliSummary, 'after the link was removed');
      // Saved through its second name (an editor writing to the link): inotify reports the file's own name, another
      // watcher may report the link's; the notification carries both. The file is read again, still once, under its
      // first name. The server takes a notification's changes in order, so once the file's new problems are out the
      // link's change has been taken too, and Analyse Workspace counts what the index holds.
      writeFileSync(join(root, 'shop/Dockerfile.copy'), `# saved through the link\n${FILES['shop/Dockerfile']}`);
      changed(client, ['shop/Dockerfile.copy', FileChangeType.Changed], ['shop/Dockerfile', FileChangeType.Changed]);
      const saved = cliSummary();
      assert.deepEqual(saved['shop/Dockerfile'], ['disposability/shell-form-command@3:1']);
      assert.ok(!('shop/Dockerfile.copy' in saved), JSON.stringify(saved));
      await expectSummary(client, () => saved, 'after a save through the second name');
      const answer = (await client.connection.sendRequest(ANALYSE_WORKSPACE_METHOD)) as AnalyseWorkspaceAnswer;
      assert.equal(answer.files, Object.keys(FILES).length - 1, 'every file once (the ignored one left out), the saved one under its first name only');
      await expectSummary(client, () => saved, 'after Analyse Workspace');
      write('shop/Dockerfile', FILES['shop/Dockerfile']);
      changed(client, ['shop/Dockerfile', FileChangeType.Changed]);
      await expectSummary(client, cliSummary, 'after the file was restored');
    });
    it('notes a template of a manifest coming and going on disk, as the CLI walk meets it', async () => {
      await expectSummary(client, cliSummary, 'with the template');
      unlinkSync(join(root, ENVSUBST_TEMPLATE.path));
      changed(client, [ENVSUBST_TEMPLATE.path, FileChangeType.Deleted]);
      const without = cliSummary();
      assert.ok(without['envsubst/service.yaml']?.some((f) => f.startsWith('port-binding/service-selects-nothing@')), 'without the template, the Service selects nothing');
      await expectSummary(client, () => without, 'after the template was deleted');
      write(ENVSUBST_TEMPLATE.path, ENVSUBST_TEMPLATE.text);
      changed(client, [ENVSUBST_TEMPLATE.path, FileChangeType.Created]);
      await expectSummary(client, cliSummary, 'after the template came back');
    });
  });

  describe('a tie between two Services', () => {
    let client: Client;
    before(async () => (client = await startServer('openFiles')));
    after(async () => stopServer(client));

    it('is broken as the CLI breaks it, whichever of them is open first', async () => {
      // The worker meets b-service first (open documents come first), a-service is first in the walk.
      openFile(client, 'tie/b-service.yaml');
      openFile(client, 'tie/deployment.yaml');
      await expectSummary(client, () => onlyFiles(cliSummary(), ['tie/b-service.yaml', 'tie/deployment.yaml']), 'b-service open, then the Deployment');
      assert.ok(summaryOf(client)['tie/deployment.yaml'].includes('disposability/missing-readiness-probe@10:17 -> tie/a-service.yaml:2 -> tie/b-service.yaml:2'), JSON.stringify(summaryOf(client)));
    });
  });

  describe('problems: openFiles', () => {
    let client: Client;
    before(async () => (client = await startServer('openFiles')));
    after(async () => stopServer(client));

    it('an open file shows what the CLI reports for it, relations to closed files included; closed files show nothing', async () => {
      openFile(client, 'shop/deployment.yaml');
      await expectSummary(client, () => onlyFiles(cliSummary(), ['shop/deployment.yaml']), 'one tab open');
      assert.ok(summaryOf(client)['shop/deployment.yaml'].includes('disposability/missing-readiness-probe@10:17 -> shop/service.yaml:2'));
      closeFile(client, 'shop/deployment.yaml');
      await expectSummary(client, () => ({}), 'closed again');
    });

    it('Analyse Workspace publishes every file, as the CLI reports it', async () => {
      const answer = (await client.connection.sendRequest(ANALYSE_WORKSPACE_METHOD)) as AnalyseWorkspaceAnswer;
      assert.equal(answer.files, Object.keys(FILES).length - 1, 'every indexed file but the ignored one (the second name of a file, and the linked folder, not read)');
      await expectSummary(client, cliSummary, 'after Analyse Workspace');
    });
  });
});
