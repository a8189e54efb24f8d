// The server side of the scorecard (issue 14), over stdio with a real LSP client library, on a
// workspace folder written by the test: the workspace summary equals the CLI's JSON on the same
// folder; `source.fixAll.twelveFactor` applies safe fixes only; "Turn this rule off for the
// project" edits or creates `.twelve-factor-lens.json`; hovers link the rule page through the
// client's command when the client offers one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type CodeAction,
  type Hover,
  type MarkupContent,
  type CreateFile,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/core/edits';
import { WORKSPACE_SUMMARY_METHOD } from '../../server/src/summary-protocol';

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let dir: string;
const published = new Map<string, PublishDiagnosticsParams>();
const waiters: { uri: string; resolve: () => void }[] = [];

const BAD = 'FROM node:latest\nCMD node server.js\n';
const uriOf = (rel: string) => pathToFileURL(join(dir, rel)).href;

function diagnosticsOf(uri: string): Promise<PublishDiagnosticsParams> {
  const known = published.get(uri);
  if (known && known.diagnostics.length) return Promise.resolve(known);
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 15_000);
    waiters.push({ uri, resolve: () => { clearTimeout(timer); resolvePromise(published.get(uri)!); } });
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-scorecard-'));
  mkdirSync(join(dir, 'web'));
  mkdirSync(join(dir, 'deploy'));
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'web', 'Dockerfile'), BAD);
  writeFileSync(join(dir, 'clean', 'Dockerfile'), 'FROM node:20.15-bookworm-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nENV PORT=8080\nEXPOSE 8080\nCMD ["node", "server.js"]\n');
  writeFileSync(
    join(dir, 'deploy', 'app.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: example/web:latest\n          env:\n            - {name: DB_PASSWORD, value: "hunter22"}\n',
  );
  // Read in case it is a template, package.json is none: not a file checked. A SAM template in a .yaml file is serverless.
  writeFileSync(join(dir, 'web', 'package.json'), '{"name": "web", "version": "1.0.0", "scripts": {"start": "node server.js"}}\n');
  // A template's marker in a string, and no template: only the parse can tell (the index keeps it, the summary must not count it).
  writeFileSync(join(dir, 'web', 'notes.json'), '{"todo": "move the worker to AWS::Serverless-2016-10-31 functions"}\n');
  mkdirSync(join(dir, 'fn'));
  writeFileSync(join(dir, 'fn', 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: nodejs20.x\n      CodeUri: .\n');
  server = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe' });
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.set(params.uri, params);
    for (const w of [...waiters]) if (w.uri === params.uri && params.diagnostics.length) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, rules: {}, debounceMs: 20 })));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
    initializationOptions: { ruleDocumentationCommand: 'twelveFactor.showRuleDocumentation' },
    capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } }, textDocument: { hover: { contentFormat: ['markdown'] }, codeAction: {} } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await connection?.sendRequest(ShutdownRequest.type).catch(() => undefined);
  await connection?.sendNotification(ExitNotification.type).catch(() => undefined);
  connection?.dispose();
  await new Promise<void>((done) => {
    if (server.exitCode !== null) return done();
    const timer = setTimeout(() => { server.kill(); done(); }, 3000);
    server.on('exit', () => { clearTimeout(timer); done(); });
  });
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  filesChecked: number;
  targets: string[];
  factors: { slug: string; numeral: string; findings: number; worst: string | null; files: number }[];
  files: { uri: string; target: string; findings: { ruleId: string; factor: string; severity: string; range: { start: { line: number } } }[] }[];
}

describe('twelveFactor/workspaceSummary', () => {
  it('counts per factor equal the CLI JSON on the same folder, closed files included', async () => {
    const summary = (await connection.sendRequest(WORKSPACE_SUMMARY_METHOD, {})) as Summary;
    const cli = spawnSync(process.execPath, [resolve('dist/cli.js'), '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    const findings: { factor: string | null; file: string }[] = JSON.parse(cli.stdout).findings;
    assert.equal(summary.filesChecked, 4);
    assert.ok(!summary.files.some((f) => f.uri.endsWith('/package.json') || f.uri.endsWith('/notes.json')));
    assert.equal(summary.files.find((f) => f.uri.endsWith('/fn/template.yaml'))?.target, 'serverless');
    assert.match(spawnSync(process.execPath, [resolve('dist/cli.js'), '.'], { cwd: dir, encoding: 'utf8' }).stdout, / in 4 files checked/);
    assert.equal(summary.factors.length, 12);
    for (const factor of summary.factors) assert.equal(factor.findings, findings.filter((f) => f.factor === factor.slug).length, factor.slug);
    assert.ok(summary.factors.some((f) => f.findings > 0 && f.worst === 'error'), 'the literal secret is an error');
    assert.deepEqual(summary.targets, ['dockerfile', 'kubernetes', 'serverless']);
    const clean = summary.files.find((f) => f.uri.endsWith('/clean/Dockerfile'))!;
    assert.deepEqual(clean.findings, []);
    // No problems were published for files nobody opened.
    assert.equal(published.get(uriOf('deploy/app.yaml')), undefined);

    const kubernetes = (await connection.sendRequest(WORKSPACE_SUMMARY_METHOD, { target: 'kubernetes' })) as Summary;
    assert.deepEqual(kubernetes.files.map((f) => f.uri), [uriOf('deploy/app.yaml')]);
    const docker = (await connection.sendRequest(WORKSPACE_SUMMARY_METHOD, { target: 'dockerfile' })) as Summary;
    assert.equal(docker.filesChecked, 2);
    assert.ok(docker.files.every((f) => f.findings.every((x) => !x.ruleId.startsWith('config/literal-secret-env') || f.target === 'dockerfile')));
    assert.equal(docker.factors.reduce((n, f) => n + f.findings, 0), findings.filter((f) => f.factor && f.file.endsWith('Dockerfile')).length);
  });
});

describe('editor flows', () => {
  it('source.fixAll.twelveFactor applies the safe fixes only, and is not offered as a quick fix', async () => {
    const uri = uriOf('web/Dockerfile');
    void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text: BAD } });
    const { diagnostics } = await diagnosticsOf(uri);
    assert.ok(diagnostics.every((d) => /^[IVX]+ [A-Z][^:]*: /.test(String(d.message))), 'factor first');
    const whole = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
    const fixAll = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.twelveFactor'] } })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.twelveFactor');
    const edits = fixAll[0].edit!.changes![uri];
    assert.equal(applyEdits(BAD, edits).text, 'FROM node:latest\nCMD ["node", "server.js"]\n');
    const quick = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(!quick.some((a) => a.kind === 'source.fixAll.twelveFactor'));
    const titles = quick.map((a) => a.title);
    assert.ok(titles.includes('Ignore disposability/shell-form-command in this file (with a reason)'), titles.join('\n'));

    // No configuration file yet: the action creates one at the workspace root.
    const off = quick.find((a) => a.title.startsWith('Turn disposability/shell-form-command off for the project'))!;
    assert.ok(off, titles.join('\n'));
    const [create, edit] = off.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.equal(create.kind, 'create');
    assert.equal(create.uri, uriOf('.twelve-factor-lens.json'));
    assert.deepEqual(JSON.parse((edit.edits[0] as { newText: string }).newText), { rules: { 'disposability/shell-form-command': 'off' } });

    // With one, the action rewrites it and keeps what is there.
    writeFileSync(join(dir, '.twelve-factor-lens.json'), '{\n    "failOn": "error",\n    "rules": {"logs/log-volume": "info"}\n}\n');
    void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('.twelve-factor-lens.json'), type: FileChangeType.Created }] });
    let off2: CodeAction | undefined;
    for (const deadline = Date.now() + 10_000; !off2?.title.includes('(in .twelve-factor-lens.json)') && Date.now() < deadline; ) {
      const again = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } })) as CodeAction[];
      off2 = again.find((a) => a.title.startsWith('Turn disposability/shell-form-command off'));
    }
    assert.equal(off2?.title, 'Turn disposability/shell-form-command off for the project (in .twelve-factor-lens.json)');
    const [change] = off2!.edit!.changes![uriOf('.twelve-factor-lens.json')];
    assert.equal(change.newText, '{\n    "failOn": "error",\n    "rules": {\n        "logs/log-volume": "info",\n        "disposability/shell-form-command": "off"\n    }\n}\n');
  });

  it('hover: message once, the why, the fix, one link to the rule page through the client command', async () => {
    const uri = uriOf('web/Dockerfile');
    const hover = (await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.ok(value.includes(`[Rule documentation](command:twelveFactor.showRuleDocumentation?${encodeURIComponent(JSON.stringify(['disposability/shell-form-command']))})`), value);
    assert.ok(value.length < 900, `hover of one finding is ${value.length} characters`);
  });
});
