// Spawns the bundled server (`dist/server.js --stdio`) and drives it with the LSP client
// library VS Code's own client is built on: initialize, diagnostics, hover, code action,
// an edit, hostile input, shutdown.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
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
  PublishDiagnosticsNotification,
  HoverRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type CodeAction,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr = '';
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
let ruleSettings: Record<string, string> = {};

function nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
    waiters.push({ uri, predicate, resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });
}

let version = 1;
function open(uri: string, languageId: string, text: string): void {
  void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: version++, text } });
}

before(async () => {
  server = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe' });
  server.stderr.on('data', (chunk) => (stderr += chunk));
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, [...(diagnostics.get(params.uri) ?? []), params]);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, rules: ruleSettings, debounceMs: 50, maxFileSize: 10_000_000 })));
  connection.listen();
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: {} } },
  });
  assert.equal(result.serverInfo?.name, 'Twelve-Factor Lens');
  assert.ok(result.capabilities.hoverProvider);
  assert.equal((result.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => stopServer(connection, server));

const DOCKERFILE = 'file:///workspace/Dockerfile';

describe('language server over stdio', () => {
  it('publishes diagnostics with code, source, factor link and severity', async () => {
    const published = nextDiagnostics(DOCKERFILE, (p) => p.diagnostics.length > 0);
    open(DOCKERFILE, 'dockerfile', 'FROM node:20-slim\nCMD node server.js\n');
    const { diagnostics: list } = await published;
    const d = list.find((x) => x.code === 'disposability/shell-form-command')!;
    assert.ok(d, JSON.stringify(list));
    assert.equal(d.source, 'twelve-factor');
    assert.equal(d.severity, 2);
    // The link goes to the rule's own page, shipped with the extension (docs/rules).
    assert.equal(d.codeDescription?.href, pathToFileURL(resolve('docs/rules/disposability/shell-form-command.md')).href);
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
    // The factor first and short, so the Problems panel never cuts it off.
    assert.match(String(d.message), /^IX Disposability: CMD in shell form/);
  });

  it('hover on the finding explains the factor', async () => {
    const hover = (await connection.sendRequest(HoverRequest.type, { textDocument: { uri: DOCKERFILE }, position: { line: 1, character: 4 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /^\*\*IX Disposability\*\* · `disposability\/shell-form-command`/);
    // One link: the rule's packaged page (a client without the preview command gets the file).
    assert.ok(value.includes(`\n\n[Rule documentation](${pathToFileURL(resolve('docs/rules/disposability/shell-form-command.md')).href})`), value);
  });

  it('code action fixes the finding; the edit sent back clears it', async () => {
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: DOCKERFILE },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Convert CMD to exec form');
    assert.ok(actions.some((a) => a.title.startsWith('Ignore disposability/shell-form-command here')));
    const edits = fix.edit!.changes![DOCKERFILE];
    assert.equal(edits[0].newText, '["node", "server.js"]');
    const cleared = nextDiagnostics(DOCKERFILE, (p) => !p.diagnostics.some((d) => d.code === 'disposability/shell-form-command'));
    void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: DOCKERFILE, version: version++ }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    await cleared;
  });

  it('an incremental edit that reintroduces the problem brings the diagnostic back', async () => {
    const back = nextDiagnostics(DOCKERFILE, (p) => p.diagnostics.some((d) => d.code === 'disposability/shell-form-command'));
    void connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: DOCKERFILE, version: version++ },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 25 } }, text: 'node server.js' }],
    });
    await back;
  });

  it('settings: a rule turned off disappears after a configuration change', async () => {
    ruleSettings = { 'disposability/shell-form-command': 'off' };
    const quiet = nextDiagnostics(DOCKERFILE, (p) => !p.diagnostics.some((d) => d.code === 'disposability/shell-form-command'));
    void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await quiet;
    ruleSettings = {};
    const back = nextDiagnostics(DOCKERFILE, (p) => p.diagnostics.some((d) => d.code === 'disposability/shell-form-command'));
    void connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await back;
  });

  it('multi-document YAML with a broken document still reports on the good ones', async () => {
    const uri = 'file:///workspace/app.yaml';
    const published = nextDiagnostics(uri);
    open(uri, 'yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a, image: "nginx:latest"}]\n---\nkind: [\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\nspec:\n  containers: [{name: b, image: redis}]\n');
    const { diagnostics: list } = await published;
    assert.deepEqual(list.filter((d) => d.code === 'build-release-run/mutable-image-tag').map((d) => d.range.start.line), [4, 12]);
  });

  it('relations across open files: a Service opened later re-lints the Deployment it selects', async () => {
    const deploymentUri = 'file:///workspace/relations/deployment.yaml';
    const serviceUri = 'file:///workspace/relations/service.yaml';
    const alone = nextDiagnostics(deploymentUri);
    open(deploymentUri, 'yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: shop/web:1.0.0\n          ports: [{containerPort: 8080}]\n');
    assert.ok(!(await alone).diagnostics.some((d) => d.code === 'disposability/missing-readiness-probe'), 'no Service yet: readiness is not asked');
    const related = nextDiagnostics(deploymentUri, (p) => p.diagnostics.some((d) => d.code === 'disposability/missing-readiness-probe'));
    open(serviceUri, 'yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n');
    await related;
  });

  it('survives hostile input: random bytes, a 5 MB file, malformed YAML, half-typed Dockerfiles; still answers afterwards', async () => {
    const hostile: [string, string, string][] = [
      ['file:///workspace/random.yaml', 'yaml', randomBytes(64 * 1024).toString('latin1')],
      ['file:///workspace/Dockerfile.random', 'dockerfile', randomBytes(64 * 1024).toString('utf8')],
      ['file:///workspace/big.yaml', 'yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${'  key: "' + 'x'.repeat(80) + '"\n'.repeat(1)}`.repeat(1) + Array.from({ length: 55_000 }, (_, i) => `  k${i}: "${'v'.repeat(80)}"`).join('\n')],
      ['file:///workspace/broken.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: [unclosed\n  image: *nope\n\t- tab'],
      ['file:///workspace/Dockerfile.half', 'dockerfile', 'FROM \nRUN <<EOF\nCMD ["node",\nENTRYPOINT [\nHEALTHCHECK CMD\nARG\nENV =\nCOPY --from= \\'],
      ['file:///workspace/alias-bomb.yaml', 'yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\napiVersion: v1\nkind: ConfigMap\n'],
    ];
    assert.ok(hostile[2][2].length > 5_000_000);
    const settled = hostile.map(([uri]) => nextDiagnostics(uri, () => true, 30_000));
    for (const [uri, languageId, text] of hostile) open(uri, languageId, text);
    await Promise.all(settled);
    for (const [uri] of hostile) {
      await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    // Still serving: the original document answers as before.
    const hover = (await connection.sendRequest(HoverRequest.type, { textDocument: { uri: DOCKERFILE }, position: { line: 1, character: 4 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Disposability/);
    assert.equal(server.exitCode, null, `server exited: ${stderr}`);
  });
});
