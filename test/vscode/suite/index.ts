/**
 * Extension test suite that runs inside a real VS Code extension host, through the
 * `vscode` API only. It is the suite `@vscode/test-electron` loads (`run()` below, see
 * test/vscode/run.mjs); it needs no mocha. The workspace is a copy of test/e2e/workspace.
 *
 * It covers the same behaviour as the UI checks of the end-to-end tier (test/e2e/suite.mjs):
 * diagnostics, hover, quick fix, snippet, edits, activation; and serverless templates.
 */
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'twelve-factor-lens.twelve-factor-lens';
const SOURCE = 'twelve-factor';
const SHELL_FORM = 'disposability/shell-form-command';
const MUTABLE_TAG = 'build-release-run/mutable-image-tag';
const DEPRECATED_RUNTIME = 'dev-prod-parity/deprecated-lambda-runtime';
const REPLICAS_WITH_HPA = 'concurrency/replicas-with-hpa';
const TIMEOUT_MS = Number(process.env.TF_TEST_TIMEOUT_MS ?? 30_000);

interface TestCase {
  name: string;
  fn: () => Promise<string | void>;
}
const tests: TestCase[] = [];
const test = (name: string, fn: TestCase['fn']): void => {
  tests.push({ name, fn });
};

function fileUri(relPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder (test/e2e/workspace copy) must be open');
  return vscode.Uri.joinPath(folder.uri, ...relPath.split('/'));
}

const codeOf = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

/** Resolves once `accept` holds for the file's diagnostics (checked now and on every change). */
function diagnosticsWhere(uri: vscode.Uri, what: string, accept: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!accept(ds)) return false;
      cleanup();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.message]))}`));
    }, TIMEOUT_MS);
    const cleanup = (): void => {
      sub.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

const hasCode = (code: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === code);

async function open(relPath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(relPath));
  return vscode.window.showTextDocument(doc);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

test('the extension activates', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  await open('docker/bad/Dockerfile');
  await ext.activate();
  assert.equal(ext.isActive, true);
  return `${EXTENSION_ID} ${ext.packageJSON.version} active`;
});

test('bad Dockerfile gets our diagnostics, good Dockerfile none', async () => {
  const good = fileUri('docker/good/Dockerfile');
  const bad = fileUri('docker/bad/Dockerfile');
  await open('docker/good/Dockerfile');
  await open('docker/bad/Dockerfile');
  const ds = await diagnosticsWhere(bad, SHELL_FORM, hasCode(SHELL_FORM));
  const d = ds.find((x) => codeOf(x) === SHELL_FORM)!;
  assert.equal(d.range.start.line, 6);
  assert.match(d.message, /shell form/i);
  assert.deepEqual(ours(good).map(codeOf), []);
  return `${ds.length} finding(s) on the bad one: ${ds.map(codeOf).join(', ')}`;
});

test('bad multi-document manifest gets our diagnostics, good manifest none', async () => {
  const good = fileUri('k8s/good.yaml');
  const bad = fileUri('k8s/bad.yaml');
  await open('k8s/good.yaml');
  const editor = await open('k8s/bad.yaml');
  const ds = await diagnosticsWhere(bad, MUTABLE_TAG, hasCode(MUTABLE_TAG));
  const d = ds.find((x) => codeOf(x) === MUTABLE_TAG)!;
  assert.match(editor.document.lineAt(d.range.start.line).text, /image: nginx:latest/);
  assert.deepEqual(ours(good).map(codeOf), []);
  return `${ds.length} finding(s) on the bad one: ${ds.map(codeOf).join(', ')}`;
});

test('serverless templates get our diagnostics: SAM in JSON, CloudFormation under its .template name', async () => {
  const out: string[] = [];
  for (const [relPath, runtime] of [['serverless/template.json', 'nodejs12.x'], ['serverless/stack.template', 'python3.7']] as const) {
    const editor = await open(relPath);
    const ds = await diagnosticsWhere(editor.document.uri, DEPRECATED_RUNTIME, hasCode(DEPRECATED_RUNTIME));
    const d = ds.find((x) => codeOf(x) === DEPRECATED_RUNTIME)!;
    assert.equal(editor.document.getText(d.range), `"${runtime}"`);
    out.push(`${relPath} (${editor.document.languageId}): ${ds.map(codeOf).join(', ')}`);
  }
  return out.join('; ');
});

test("hover on a finding explains the factor", async () => {
  const bad = fileUri('docker/bad/Dockerfile');
  await open('docker/bad/Dockerfile');
  const d = (await diagnosticsWhere(bad, SHELL_FORM, hasCode(SHELL_FORM))).find((x) => codeOf(x) === SHELL_FORM)!;
  const text = await hoverText(bad, d.range.start.translate(0, 1));
  assert.match(text, /IX Disposability/);
  // One link, to the rule's packaged page, opened as a preview through the extension's command.
  assert.match(text, /\[Rule documentation\]\(command:twelveFactor\.showRuleDocumentation\?/);
  return `${text.length} chars of markdown`;
});

test('the quick fix converts CMD to exec form and the diagnostic goes away', async () => {
  const bad = fileUri('docker/bad/Dockerfile');
  const editor = await open('docker/bad/Dockerfile');
  const d = (await diagnosticsWhere(bad, SHELL_FORM, hasCode(SHELL_FORM))).find((x) => codeOf(x) === SHELL_FORM)!;
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bad, d.range)) ?? [];
  const fix = actions.find((a) => a.title === 'Convert CMD to exec form');
  assert.ok(fix?.edit, `quick fix offered (got: ${actions.map((a) => a.title).join(', ')})`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(editor.document.lineAt(d.range.start.line).text, /^CMD \["node", ?"server\.js"\]$/);
  const fixed = editor.document.lineAt(d.range.start.line).text;
  await diagnosticsWhere(bad, `${SHELL_FORM} to go away`, (ds) => !hasCode(SHELL_FORM)(ds));
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return `now "${fixed}"`;
});

test('the tf-deploy completion inserts the Deployment snippet', async () => {
  const editor = await open('k8s/new-deployment.yaml');
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'tf-deploy'));
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    new vscode.Position(0, 'tf-deploy'.length),
  );
  const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
  const item = list.items.find((i) => label(i) === 'tf-deploy' && i.kind === vscode.CompletionItemKind.Snippet);
  assert.ok(item, `tf-deploy offered (got ${list.items.filter((i) => label(i).startsWith('tf-')).map(label).join(', ')})`);
  const body = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText));
  await editor.insertSnippet(body, new vscode.Range(0, 0, 0, 'tf-deploy'.length));
  const text = editor.document.getText();
  assert.match(text, /kind: Deployment/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return `${text.split('\n').length} lines, starts "${text.split('\n')[0]}"`;
});

test('an edit updates the diagnostics', async () => {
  const good = fileUri('docker/good/Dockerfile');
  const editor = await open('docker/good/Dockerfile');
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((b) => b.insert(end, '\nCMD npm start'));
  await diagnosticsWhere(good, `${SHELL_FORM} after the edit`, hasCode(SHELL_FORM));
  await vscode.commands.executeCommand('undo');
  await diagnosticsWhere(good, 'no findings after undo', (ds) => ds.length === 0);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return 'finding appeared on typing, went away on undo';
});

test('a file written on disk under an upper-case name reaches the server: its autoscaler flags the open Deployment', async () => {
  // The walk takes `BATCH-HPA.YAML`; VS Code matches a watcher's glob case-sensitively on Linux, so a watcher
  // registered for `*.yaml` alone never told the server the file had appeared.
  const deployment = fileUri('k8s/batch.yaml');
  const autoscaler = fileUri('k8s/BATCH-HPA.YAML');
  const labels = '    matchLabels:\n      app: batch\n';
  writeFileSync(deployment.fsPath, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: batch\nspec:\n  replicas: 3\n  selector:\n${labels}  template:\n    metadata:\n      labels:\n        app: batch\n    spec:\n      containers:\n        - name: batch\n          image: registry.example.com/shop/batch:1.4.2\n`);
  try {
    await open('k8s/batch.yaml');
    await diagnosticsWhere(deployment, 'the Deployment analysed', (ds) => ds.length > 0 && !hasCode(REPLICAS_WITH_HPA)(ds));
    writeFileSync(autoscaler.fsPath, 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: batch\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: batch\n  minReplicas: 2\n  maxReplicas: 5\n');
    const ds = await diagnosticsWhere(deployment, `${REPLICAS_WITH_HPA} once the autoscaler is on disk`, hasCode(REPLICAS_WITH_HPA));
    assert.equal(ds.find((d) => codeOf(d) === REPLICAS_WITH_HPA)?.range.start.line, 5, 'on `replicas: 3`');
    rmSync(autoscaler.fsPath);
    await diagnosticsWhere(deployment, `no ${REPLICAS_WITH_HPA} once the autoscaler is deleted`, (left) => !hasCode(REPLICAS_WITH_HPA)(left));
    return 'flagged on replicas: 3, gone after the delete';
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(autoscaler.fsPath, { force: true });
    rmSync(deployment.fsPath, { force: true });
  }
});

/** Runs every test, reporting one line each and a final "N passed, M failed" through `log`. */
export async function runSuite(log: (line: string) => void): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const [i, t] of tests.entries()) {
    try {
      const detail = await t.fn();
      passed++;
      log(`ok ${i + 1} - ${t.name}${detail ? ` (${detail})` : ''}`);
    } catch (err) {
      failed++;
      log(`not ok ${i + 1} - ${t.name} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

/** Entry point for @vscode/test-electron (VS Code loads this module and awaits run()). */
export async function run(): Promise<void> {
  const { passed, failed } = await runSuite((line) => console.log(line));
  if (failed > 0 || passed === 0) throw new Error(`${failed} of ${tests.length} extension tests failed`);
}
