// The LSP lifecycle and framing, over raw stdio bytes to the bundled server: requests
// before `initialize` and after `shutdown` are refused with the right codes, `exit` exits
// with 0 or 1, a body that is not JSON gets a parse error and a malformed header is skipped,
// and in every case the server keeps answering.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { RawServer, frame } from './raw-client';

const ServerNotInitialized = -32002;
const InvalidRequest = -32600;
const ParseError = -32700;

let server: RawServer | undefined;
afterEach(() => server?.kill());

const HOVER = { textDocument: { uri: 'file:///workspace/Dockerfile' }, position: { line: 0, character: 0 } };

describe('LSP lifecycle over raw stdio', () => {
  it('refuses requests before initialize with ServerNotInitialized, then initializes normally', async () => {
    server = new RawServer();
    const early = await server.request(1, 'textDocument/hover', HOVER);
    assert.equal(early.error?.code, ServerNotInitialized, JSON.stringify(early));
    const init = await server.initialize();
    assert.equal((init.result as { serverInfo: { name: string } }).serverInfo.name, 'Twelve-Factor Lens');
    const hover = await server.request(2, 'textDocument/hover', HOVER);
    assert.equal(hover.error, undefined, JSON.stringify(hover));
    assert.equal(hover.result, null);
  });

  it('refuses requests after shutdown with InvalidRequest; exit then ends the process with 0', async () => {
    server = new RawServer();
    await server.initialize();
    const shutdown = await server.request(2, 'shutdown');
    assert.equal(shutdown.error, undefined);
    const late = await server.request(3, 'textDocument/hover', HOVER);
    assert.equal(late.error?.code, InvalidRequest, JSON.stringify(late));
    const again = await server.request(4, 'shutdown');
    assert.equal(again.error?.code, InvalidRequest);
    server.notify('exit');
    assert.equal(await server.exitCode(), 0);
  });

  it('exit without shutdown ends the process with 1', async () => {
    server = new RawServer();
    await server.initialize();
    server.notify('exit');
    assert.equal(await server.exitCode(), 1);
  });

  it('answers a body that is not JSON with a parse error (id null) and keeps serving', async () => {
    server = new RawServer();
    await server.initialize();
    const parseError = server.next((m) => m.error?.code === ParseError);
    server.writeRaw(frame('{"jsonrpc": "2.0", "id": 7, "method": '));
    const reply = await parseError;
    assert.equal(reply.id, null);
    const hover = await server.request(8, 'textDocument/hover', HOVER);
    assert.equal(hover.error, undefined, JSON.stringify(hover));
  });

  it('answers a JSON value that is not a message with InvalidRequest and keeps serving', async () => {
    server = new RawServer();
    await server.initialize();
    const invalid = server.next((m) => m.error?.code === InvalidRequest);
    server.writeRaw(frame('[1, 2, 3]'));
    assert.equal((await invalid).id, null);
    const hover = await server.request(9, 'textDocument/hover', HOVER);
    assert.equal(hover.error, undefined);
  });

  it('skips a non-numeric Content-Length and resynchronises on the next valid header', async () => {
    server = new RawServer();
    await server.initialize();
    const lost = JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'textDocument/hover', params: HOVER });
    // The frame with the bad header, its body, and a valid frame in the same write.
    server.writeRaw(`Content-Length: abc\r\n\r\n${lost}` + frame(JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'textDocument/hover', params: HOVER })));
    const answer = await server.next((m) => m.id === 11);
    assert.equal(answer.error, undefined, JSON.stringify(answer));
    assert.ok(!server.messages.some((m) => m.id === 10), 'the frame with the bad header is skipped, not answered');
    assert.equal(server.process.exitCode, null);
  });

  it('skips a header line without a colon, also when the next frame arrives in pieces', async () => {
    server = new RawServer();
    await server.initialize();
    // A stray line in front of a frame's header: the frame after it is still read.
    const answer = server.next((m) => m.id === 12);
    const valid = 'this is not a header\r\n' + frame(JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'textDocument/hover', params: HOVER }));
    // Split inside "Content-Length" and inside the body.
    for (const piece of [valid.slice(0, 30), valid.slice(30, 50), valid.slice(50)]) {
      server.writeRaw(piece);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal((await answer).error, undefined);
    const shutdown = await server.request(13, 'shutdown');
    assert.equal(shutdown.error, undefined);
    server.notify('exit');
    assert.equal(await server.exitCode(), 0);
  });

  it('started without a transport, says which to give in one line and exits 2, without a stack trace', () => {
    for (const args of [[], ['--socket']]) {
      const run = spawnSync(process.execPath, ['dist/server.js', ...args], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, 'twelve-factor-lens server: no transport given. Start the server with --stdio, --node-ipc, --socket=<port> or --pipe=<name>.\n');
    }
  });

  it('a --socket port that is none is a usage error; a socket or pipe it cannot reach is said in one line, exit 1', () => {
    for (const port of ['abc', '0', '70000', '80.5']) {
      const run = spawnSync(process.execPath, ['dist/server.js', `--socket=${port}`], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stderr, `twelve-factor-lens server: --socket needs a port number from 1 to 65535, got "${port}".\n`);
    }
    const pipe = spawnSync(process.execPath, ['dist/server.js', '--pipe=/nonexistent-folder/tfl.sock'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(pipe.status, 1);
    assert.equal(pipe.stderr, 'twelve-factor-lens server: cannot connect to pipe /nonexistent-folder/tfl.sock: connect ENOENT /nonexistent-folder/tfl.sock\n');
  });

  it('--socket=<port> connects to the client listening there and answers initialize over it', async () => {
    const listener = createServer();
    const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as { port: number }).port;
    const child = spawn(process.execPath, ['dist/server.js', `--socket=${port}`], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    try {
      const socket = await accepted;
      let received = '';
      const answered = new Promise<void>((resolve) => socket.on('data', (chunk) => ((received += String(chunk)), received.includes('"serverInfo"') && resolve())));
      socket.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
      await answered;
      assert.match(received, /"name":"Twelve-Factor Lens"/);
      socket.end();
      assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 1, 'the client closing the socket without shutdown ends the server with 1');
      assert.equal(stderr, '');
    } finally {
      child.kill();
      listener.close();
    }
  });
});
