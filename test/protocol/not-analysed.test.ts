// Editor = CLI for what the linter did not read: a YAML document nested deeper than it reads is a warning at the
// same place, with the same words, in the editor and in the CLI, and the file's other documents keep their
// findings. A syntax error is not re-reported in the editor: the YAML and Docker extensions show it already.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RawServer } from './raw-client';

const CLI = resolve('dist/cli.js');
const DEEP = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: "nginx:latest"}]}}}',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: deep}',
  'data:',
  `  x: ${'['.repeat(300)}`,
  '',
].join('\n');
const BROKEN = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n';

interface Diagnostic {
  range: { start: { line: number; character: number } };
  severity: number;
  code: string;
  message: string;
}

let dir: string;
let server: RawServer;

async function editorDiagnostics(name: string, text: string): Promise<Diagnostic[]> {
  const uri = pathToFileURL(join(dir, name)).href;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const published = await server.next((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri);
  return (published.params as { diagnostics: Diagnostic[] }).diagnostics;
}

function cli(name: string): { findings: { rule: string; line: number; column: number }[]; parseProblems: { line: number; column: number; kind: string; message: string }[] } {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', join(dir, name)], { encoding: 'utf8' });
  return JSON.parse(result.stdout);
}

describe('what the linter did not read, in the editor', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfl-not-analysed-'));
    writeFileSync(join(dir, 'deep.yaml'), DEEP);
    writeFileSync(join(dir, 'broken.yaml'), BROKEN);
    server = new RawServer();
    await server.initialize();
  });
  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a document nested too deeply is a warning where the CLI reports it, and the other document keeps its findings', async () => {
    const diagnostics = await editorDiagnostics('deep.yaml', DEEP);
    const expected = cli('deep.yaml');
    const unread = expected.parseProblems.filter((p) => p.kind === 'unread');
    assert.equal(unread.length, 1, JSON.stringify(expected));
    const shown = diagnostics.filter((d) => d.code === 'not-analysed');
    assert.deepEqual(
      shown.map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, message: d.message })),
      [{ line: unread[0].line, column: unread[0].column, severity: 2, message: `Not analysed: ${unread[0].message}` }],
    );
    // The Deployment's findings, the same as the CLI's.
    const findings = diagnostics.filter((d) => d.code !== 'not-analysed').map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
    assert.ok(findings.length > 0);
    assert.deepEqual(findings.sort(), expected.findings.map((f) => `${f.rule}@${f.line}:${f.column}`).sort());
  });

  it('a syntax error is left to the YAML extension: the CLI reports it, the editor does not', async () => {
    assert.ok(cli('broken.yaml').parseProblems.some((p) => p.kind === 'syntax'));
    assert.deepEqual(await editorDiagnostics('broken.yaml', BROKEN), []);
  });
});
