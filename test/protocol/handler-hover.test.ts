// The bundled server offers a hover on the environment reads of a Lambda handler file (JavaScript,
// TypeScript, Python), pointing to the serverless template rules, and publishes nothing for that file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  ConfigurationRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { stopServer } from '../helpers/lsp-server';

let server: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
const published: PublishDiagnosticsParams[] = [];

before(async () => {
  server = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe' });
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => void published.push(params));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ enable: true, debounceMs: 10 })));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } } });
  await connection.sendNotification(InitializedNotification.type, {});
});

after(() => stopServer(connection, server));

const hoverAt = async (uri: string, line: number, character: number) =>
  (await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;

describe('hover on Lambda handler code', () => {
  it('an environment read of a handler names factor III and the template rules; other lines get none', async () => {
    const uri = 'file:///workspace/src/handler.mjs';
    const text = "const TABLE = process.env.TABLE_NAME;\n\nexport const handler = async (event) => {\n  return { statusCode: 200, body: TABLE };\n};\n";
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
    const hover = await hoverAt(uri, 0, 20);
    assert.ok(hover, 'a hover on process.env.TABLE_NAME');
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /III\. Config/);
    assert.match(markdown, /`TABLE_NAME`/);
    assert.match(markdown, /config\/literal-secret-in-function-env/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 14 }, end: { line: 0, character: 36 } });
    assert.equal(await hoverAt(uri, 3, 10), null);

    const py = 'file:///workspace/app.py';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: py, languageId: 'python', version: 1, text: 'import os\n\ndef lambda_handler(event, context):\n    return os.environ["QUEUE_URL"]\n' } });
    assert.match(((await hoverAt(py, 3, 14))?.contents as MarkupContent).value, /`QUEUE_URL`/);
    // Code is never analysed: no diagnostics carry a finding for these files.
    assert.ok(published.filter((p) => p.uri === uri || p.uri === py).every((p) => p.diagnostics.length === 0));
  });
});
