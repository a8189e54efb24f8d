// The server's message reader in-process: frames split at every byte, several frames in
// one chunk, bodies that are not JSON, malformed headers and resynchronisation; and the
// lifecycle gate's answers. The spawned-server tests (lifecycle.test.ts) cover the wiring.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { FramedMessageReader, LifecycleGate } from '../../server/src/lsp-transport';
import type { Message, ResponseMessage } from 'vscode-languageserver/node';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

function request(id: number, method = 'textDocument/hover'): string {
  return frame(JSON.stringify({ jsonrpc: '2.0', id, method, params: { text: 'é ✓ 😀' } }));
}

function harness() {
  const stream = new EventEmitter();
  const messages: Message[] = [];
  const replies: ResponseMessage[] = [];
  const logs: string[] = [];
  const reader = new FramedMessageReader(stream as unknown as NodeJS.ReadableStream, (r) => replies.push(r), (m) => logs.push(m));
  reader.listen((m) => messages.push(m));
  const write = (data: string | Buffer) => stream.emit('data', typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  const ids = () => messages.map((m) => (m as { id?: number }).id);
  return { stream, messages, replies, logs, reader, write, ids };
}

describe('FramedMessageReader', () => {
  it('reads frames split at every byte, with multi-byte UTF-8 in the body', () => {
    const h = harness();
    const bytes = Buffer.from(request(1) + request(2), 'utf8');
    for (let i = 0; i < bytes.length; i++) h.write(bytes.subarray(i, i + 1));
    assert.deepEqual(h.ids(), [1, 2]);
    assert.equal((h.messages[0] as { params?: { text: string } }).params?.text, 'é ✓ 😀');
  });

  it('reads several frames from one chunk, and a large body sent in pieces', () => {
    const h = harness();
    h.write(request(1) + request(2) + request(3));
    const big = frame(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'x', params: { text: 'y'.repeat(3_000_000) } }));
    for (let i = 0; i < big.length; i += 65_536) h.write(big.slice(i, i + 65_536));
    assert.deepEqual(h.ids(), [1, 2, 3, 4]);
  });

  it('answers a body that is not JSON with a parse error and reads on', () => {
    const h = harness();
    h.write(frame('{"jsonrpc":"2.0","id":5,') + request(6));
    assert.deepEqual(h.replies, [{ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the message body is not valid JSON.' } }]);
    assert.deepEqual(h.ids(), [6]);
  });

  it('answers JSON that is not a message with InvalidRequest, keeping the id it has', () => {
    const h = harness();
    h.write(frame('42') + frame('{"jsonrpc":"2.0","id":7}') + frame('{"jsonrpc":"2.0","id":8,"method":3}') + request(9));
    assert.deepEqual(h.replies.map((r) => [r.id, r.error?.code]), [[null, -32600], [7, -32600], [8, -32600]]);
    assert.deepEqual(h.ids(), [9]);
  });

  for (const [name, bad] of [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{"lost": true}'],
    ['a negative Content-Length', 'Content-Length: -4\r\n\r\n{}'],
    ['a header line without a colon', 'Content-Length 12\r\n\r\n{"lost":true}'],
    ['no Content-Length at all', 'Content-Type: application/json\r\n\r\n{"lost":true}'],
    ['a header that never ends', 'X-Junk: ' + 'z'.repeat(20_000)],
    ['plain garbage', 'hello there, this is not LSP at all'],
  ] as const) {
    it(`skips ${name} and resynchronises on the next Content-Length`, () => {
      const h = harness();
      h.write(request(1) + bad);
      h.write(request(2));
      assert.deepEqual(h.ids(), [1, 2]);
      assert.ok(h.logs.some((l) => l.startsWith('Skipped a malformed message header')), h.logs.join('\n'));
    });
  }

  it('resynchronises on a header cut in two by the stream', () => {
    const h = harness();
    const next = request(2);
    h.write('Content-Length: x\r\n\r\ngarbage ' + next.slice(0, 7));
    h.write(next.slice(7));
    assert.deepEqual(h.ids(), [2]);
  });

  it('accepts header names in any case and extra headers', () => {
    const h = harness();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'x' });
    h.write(`content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-LENGTH: ${body.length}\r\n\r\n${body}`);
    assert.deepEqual(h.ids(), [3]);
  });
});

describe('LifecycleGate', () => {
  function gate() {
    const stream = new EventEmitter();
    const replies: ResponseMessage[] = [];
    const passed: string[] = [];
    const inner = new FramedMessageReader(stream as unknown as NodeJS.ReadableStream, (r) => replies.push(r), () => undefined);
    const gated = new LifecycleGate(inner, (r) => replies.push(r));
    gated.listen((m) => passed.push((m as { method?: string }).method ?? 'response'));
    const send = (message: object) => stream.emit('data', Buffer.from(frame(JSON.stringify({ jsonrpc: '2.0', ...message }))));
    return { replies, passed, send, gated };
  }

  it('refuses requests and drops notifications before initialize, except exit', () => {
    const g = gate();
    g.send({ id: 1, method: 'textDocument/hover', params: {} });
    g.send({ method: 'textDocument/didOpen', params: {} });
    g.send({ id: 2, method: 'shutdown' });
    assert.deepEqual(g.replies.map((r) => [r.id, r.error?.code]), [[1, -32002], [2, -32002]]);
    assert.deepEqual(g.passed, []);
    g.send({ method: 'exit' });
    assert.deepEqual(g.passed, ['exit']);
  });

  it('passes everything while running, refuses a second initialize, and after shutdown accepts only exit', () => {
    const g = gate();
    g.send({ id: 1, method: 'initialize', params: {} });
    g.send({ method: 'initialized', params: {} });
    g.send({ id: 2, method: 'textDocument/hover', params: {} });
    g.send({ id: 1, result: null }); // a response to one of the server's own requests
    g.send({ id: 3, method: 'initialize', params: {} });
    assert.deepEqual(g.passed, ['initialize', 'initialized', 'textDocument/hover', 'response']);
    assert.equal(g.gated.shutdownReceived, false);
    g.send({ id: 4, method: 'shutdown' });
    assert.equal(g.gated.shutdownReceived, true);
    g.send({ id: 5, method: 'textDocument/hover', params: {} });
    g.send({ method: 'textDocument/didChange', params: {} });
    g.send({ method: 'exit' });
    assert.deepEqual(g.passed.slice(4), ['shutdown', 'exit']);
    assert.deepEqual(g.replies.map((r) => [r.id, r.error?.code]), [[3, -32600], [5, -32600]]);
  });
});
