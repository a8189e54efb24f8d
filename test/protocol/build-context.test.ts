// Editor = CLI for what a Dockerfile reads from its build context: the server gives the same findings
// as `dist/cli.js` for a Dockerfile without a .dockerignore, and again after a .dockerignore appears on
// disk (a watched-file change re-checks the open Dockerfile of that folder), and reads the entrypoint script; a
// monorepo service's context is the repository root for both, and a change there re-checks the service; a saved
// package.json re-checks the Dockerfile whose image copies node_modules installed from it; a saved Compose file that
// builds a Dockerfile gives it its context.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  PublishDiagnosticsNotification,
  FileChangeType,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';

const CLI = resolve('dist/cli.js');
const RULES = new Set(['codebase/unfiltered-build-context', 'disposability/entrypoint-script-without-exec', 'build-release-run/dev-dependencies-in-image']);
const DOCKERFILE = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nENTRYPOINT ["./entrypoint.sh"]\nCMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n';

let dir: string;
let uri: string;
let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr = '';
const published: PublishDiagnosticsParams[] = [];

function cliFindings(path = join(dir, 'Dockerfile')): string[] {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', path], { encoding: 'utf8' });
  const findings = (JSON.parse(result.stdout) as { findings: { ruleId?: string; rule?: string; line: number; column: number }[] }).findings;
  return findings.map((f) => ({ id: f.ruleId ?? f.rule ?? '', line: f.line, column: f.column })).filter((f) => RULES.has(f.id)).map((f) => `${f.id}@${f.line}:${f.column}`);
}

/** The next diagnostics published for the Dockerfile after `from` publications, as `rule@line:column`. */
async function editorFindings(from: number, want: (found: string[]) => boolean, target = uri): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  let last: string[] | undefined;
  for (;;) {
    const mine = published.slice(from).filter((p) => p.uri === target);
    if (mine.length > 0) {
      last = mine[mine.length - 1].diagnostics.filter((d) => RULES.has(String(d.code))).map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
      if (want(last)) return last;
    }
    if (Date.now() > deadline) return last ?? ['<nothing published after the change>'];
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens the Dockerfile at `path` in the editor and returns what it says once it says as much as `expected`. */
async function opened(path: string, text: string, expected: string[]): Promise<string[]> {
  const from = published.length;
  const target = pathToFileURL(path).href;
  void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: target, languageId: 'dockerfile', version: 1, text } });
  return editorFindings(from, (f) => f.length === expected.length, target);
}

/** Tells the server that `file` changed on disk and returns what the open Dockerfile at `path` says after it. */
async function saved(file: string, type: FileChangeType, path: string, expected: string[]): Promise<string[]> {
  const from = published.length;
  void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).href, type }] });
  return editorFindings(from, (f) => f.length === expected.length, pathToFileURL(path).href);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-context-lsp-'));
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'requirements.txt'), 'flask==3.0.3\ngunicorn==22.0.0\n');
  writeFileSync(join(dir, 'entrypoint.sh'), '#!/bin/bash\nset -e\nflask db upgrade\n"$@"\n');
  uri = pathToFileURL(join(dir, 'Dockerfile')).href;
  server = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe' });
  server.stderr.on('data', (chunk) => (stderr += chunk));
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => void published.push(params));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { twelveFactor: { debounceMs: 50 } } });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await stopServer(connection, server);
  rmSync(dir, { recursive: true, force: true });
});

describe('server: build context of an open Dockerfile', () => {
  it('gives the CLI findings when there is no .dockerignore', async () => {
    const cli = cliFindings();
    assert.deepEqual(cli, ['codebase/unfiltered-build-context@5:6', 'disposability/entrypoint-script-without-exec@6:13']);
    void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    assert.deepEqual(await editorFindings(0, (f) => f.length === cli.length), cli, stderr);
  });

  it('re-checks the Dockerfile when a .dockerignore appears beside it, and agrees with the CLI again', async () => {
    writeFileSync(join(dir, '.dockerignore'), '.env*\n__pycache__\n');
    const cli = cliFindings();
    assert.deepEqual(cli, ['disposability/entrypoint-script-without-exec@6:13']);
    const from = published.length;
    void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, '.dockerignore')).href, type: FileChangeType.Created }] });
    assert.deepEqual(await editorFindings(from, (f) => f.length === cli.length), cli, stderr);
  });

  it('re-checks it when the entrypoint script is saved with exec', async () => {
    writeFileSync(join(dir, 'entrypoint.sh'), '#!/bin/bash\nset -e\nflask db upgrade\nexec "$@"\n');
    assert.deepEqual(cliFindings(), []);
    const from = published.length;
    void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(dir, 'entrypoint.sh')).href, type: FileChangeType.Changed }] });
    assert.deepEqual(await editorFindings(from, (f) => f.length === 0), []);
  });

  it('reads a monorepo service\'s context at the repository root, and re-checks it when the root .dockerignore changes', async () => {
    // src/api/Dockerfile built from the root (`COPY ./src/api/…`): the root's .dockerignore is the one that applies.
    const service = 'FROM node:20-slim\nWORKDIR /app\nCOPY ./src/api/entrypoint.sh /usr/local/bin/\nCOPY . /repo\nENTRYPOINT ["entrypoint.sh"]\nCMD ["node", "server.js"]\n';
    mkdirSync(join(dir, 'mono', '.git'), { recursive: true });
    mkdirSync(join(dir, 'mono', 'src', 'api'), { recursive: true });
    writeFileSync(join(dir, 'mono', 'src', 'api', 'Dockerfile'), service);
    writeFileSync(join(dir, 'mono', 'src', 'api', 'entrypoint.sh'), '#!/bin/sh\nnode migrate.js\n"$@"\n');
    const path = join(dir, 'mono', 'src', 'api', 'Dockerfile');
    const before = cliFindings(path);
    assert.deepEqual(before, ['codebase/unfiltered-build-context@4:6', 'disposability/entrypoint-script-without-exec@5:13']);
    assert.deepEqual(await opened(path, service, before), before, stderr);
    writeFileSync(join(dir, 'mono', '.dockerignore'), '.git\n.env*\nnode_modules\n');
    const after = cliFindings(path);
    assert.deepEqual(after, ['disposability/entrypoint-script-without-exec@5:13']);
    assert.deepEqual(await saved(join(dir, 'mono', '.dockerignore'), FileChangeType.Created, path, after), after, stderr);
  });

  it('re-checks a Dockerfile when the package.json its install read is saved with development dependencies', async () => {
    const web = 'FROM node:22-alpine AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM node:22-alpine\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY server.js ./\nCMD ["node", "server.js"]\n';
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', '.dockerignore'), '.env*\n');
    writeFileSync(join(dir, 'web', 'package-lock.json'), '{}\n');
    writeFileSync(join(dir, 'web', 'server.js'), 'require("http").createServer().listen(8080);\n');
    writeFileSync(join(dir, 'web', 'package.json'), '{ "name": "web", "dependencies": { "express": "^4.21.0" } }\n');
    const path = join(dir, 'web', 'Dockerfile');
    writeFileSync(path, web);
    assert.deepEqual(cliFindings(path), [], 'no development dependencies declared');
    assert.deepEqual(await opened(path, web, []), [], stderr);
    writeFileSync(join(dir, 'web', 'package.json'), '{ "name": "web", "dependencies": { "express": "^4.21.0" }, "devDependencies": { "jest": "^29.7.0" } }\n');
    const after = cliFindings(path);
    assert.deepEqual(after, ['build-release-run/dev-dependencies-in-image@7:18']);
    assert.deepEqual(await saved(join(dir, 'web', 'package.json'), FileChangeType.Changed, path, after), after, stderr);
  });

  it('takes the context a Compose file names, and re-checks the Dockerfile when the Compose file is saved', async () => {
    // docker/Dockerfile alone in its folder: no context of its own until compose.yaml builds it from the project root.
    const app = 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
    mkdirSync(join(dir, 'composed', '.git'), { recursive: true });
    mkdirSync(join(dir, 'composed', 'docker'));
    writeFileSync(join(dir, 'composed', 'server.js'), 'require("http").createServer().listen(8080);\n');
    const path = join(dir, 'composed', 'docker', 'Dockerfile');
    writeFileSync(path, app);
    assert.deepEqual(cliFindings(path), [], 'the context is unknown');
    assert.deepEqual(await opened(path, app, []), [], stderr);
    writeFileSync(join(dir, 'composed', 'compose.yaml'), 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n');
    const after = cliFindings(path);
    assert.deepEqual(after, ['codebase/unfiltered-build-context@3:6']);
    assert.deepEqual(await saved(join(dir, 'composed', 'compose.yaml'), FileChangeType.Created, path, after), after, stderr);
  });
});
