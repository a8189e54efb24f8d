/**
 * The server's side of the wire, made robust where the protocol library is not:
 *
 * - `FramedMessageReader` reads `Content-Length` frames from a byte stream. A body that is
 *   not JSON gets a parse-error reply (-32700, id null); a malformed header is skipped and
 *   the reader resynchronises on the next `Content-Length:` header. The stock reader stops
 *   reading for good after either.
 * - `LifecycleGate` enforces the LSP lifecycle in front of the connection: requests before
 *   `initialize` get ServerNotInitialized (-32002), requests after `shutdown` get
 *   InvalidRequest (-32600), notifications outside the running state are dropped, `exit`
 *   always passes (the library exits with 0 after `shutdown`, 1 otherwise).
 */
import { createConnection as netConnect } from 'node:net';
import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageWriter,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';

/** A header block longer than this without its blank line is not a header. */
const MAX_HEADER_BYTES = 8192;
const CONTENT_LENGTH = 'content-length:';
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

export type Reply = (message: ResponseMessage) => void;

export function errorReply(id: number | string | null, code: number, message: string): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

export class FramedMessageReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodyLength = -1;
  private resyncing = false;
  private callback: DataCallback | undefined;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly reply: Reply,
    private readonly log: (message: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.removeListener('data', onData);
      this.readable.removeListener('error', onError);
      this.readable.removeListener('end', onClose);
      this.readable.removeListener('close', onClose);
    });
  }

  /** Test seam as much as an implementation detail: feed bytes as if they came from the stream. */
  onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    // Waiting for a body: nothing to do until all of it is here (no copying meanwhile).
    if (this.bodyLength >= 0 && this.buffered < this.bodyLength) return;
    let buffer = this.take();
    for (;;) {
      if (this.resyncing) {
        const at = findContentLength(buffer);
        if (at < 0) {
          // Keep a tail that may be the start of a header cut in two by the stream.
          buffer = buffer.subarray(Math.max(0, buffer.length - (CONTENT_LENGTH.length - 1)));
          break;
        }
        buffer = buffer.subarray(at);
        this.resyncing = false;
      }
      if (this.bodyLength < 0) {
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) this.malformed('a header block without its blank line', buffer);
          else break;
          buffer = buffer.subarray(1);
          continue;
        }
        const length = contentLengthOf(buffer.subarray(0, end).toString('latin1'));
        if (typeof length === 'string') {
          this.malformed(length, buffer);
          buffer = buffer.subarray(1);
          continue;
        }
        this.bodyLength = length;
        buffer = buffer.subarray(end + HEADER_END.length);
      }
      if (buffer.length < this.bodyLength) break;
      const body = buffer.subarray(0, this.bodyLength);
      buffer = buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      this.deliver(body);
    }
    this.chunks = buffer.length > 0 ? [buffer] : [];
    this.buffered = buffer.length;
  }

  private take(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
  }

  private malformed(reason: string, buffer: Buffer): void {
    const preview = JSON.stringify(buffer.subarray(0, 80).toString('latin1'));
    this.log(`Skipped a malformed message header (${reason}): ${preview}. Waiting for the next Content-Length header.`);
    this.resyncing = true;
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      this.log(`A message body of ${body.length} bytes is not JSON; answered with a parse error.`);
      this.reply(errorReply(null, ErrorCodes.ParseError, 'Parse error: the message body is not valid JSON.'));
      return;
    }
    const problem = invalidMessage(message);
    if (problem) {
      const id = (message as { id?: unknown } | null)?.id;
      this.reply(errorReply(typeof id === 'number' || typeof id === 'string' ? id : null, ErrorCodes.InvalidRequest, `Invalid request: ${problem}.`));
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (error) {
      this.fireError(error);
    }
  }
}

/** The header block's Content-Length, or why the block is malformed. */
function contentLengthOf(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'a header line without a name and a colon';
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return 'a Content-Length that is not a number';
    length = Number(value);
  }
  return length ?? 'no Content-Length header';
}

/** Offset of the next `Content-Length:` (any case), or -1. Linear in the buffer. */
function findContentLength(buffer: Buffer): number {
  return buffer.toString('latin1').toLowerCase().indexOf(CONTENT_LENGTH);
}

function invalidMessage(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return 'a message must be a JSON object (batches are not part of LSP)';
  const candidate = message as { method?: unknown; id?: unknown; result?: unknown; error?: unknown };
  if (candidate.method !== undefined) return typeof candidate.method === 'string' ? undefined : 'the method must be a string';
  if (candidate.id !== undefined && ('result' in candidate || 'error' in candidate)) return undefined;
  return 'neither a request, a notification nor a response';
}

type LifecycleState = 'waiting' | 'running' | 'shut-down';

/** Wraps any message reader and answers, on the server's behalf, what the lifecycle forbids. */
export class LifecycleGate implements MessageReader {
  private state: LifecycleState = 'waiting';

  constructor(
    private readonly inner: MessageReader,
    private readonly reply: Reply,
  ) {}

  get shutdownReceived(): boolean {
    return this.state === 'shut-down';
  }

  get onError() {
    return this.inner.onError;
  }

  get onClose() {
    return this.inner.onClose;
  }

  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (this.admit(message as Message & { method?: unknown; id?: unknown })) callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  private admit(message: Message & { method?: unknown; id?: unknown }): boolean {
    if (typeof message.method !== 'string') return true; // a response to one of our requests
    const isRequest = message.id !== undefined && message.id !== null;
    const id = message.id as number | string;
    if (!isRequest) return message.method === 'exit' || this.state === 'running';
    if (this.state === 'waiting') {
      if (message.method === 'initialize') {
        this.state = 'running';
        return true;
      }
      this.reply(errorReply(id, ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" before "${message.method}".`));
      return false;
    }
    if (this.state === 'shut-down') {
      this.reply(errorReply(id, ErrorCodes.InvalidRequest, `The server has been shut down: "${message.method}" is not accepted, only the "exit" notification.`));
      return false;
    }
    if (message.method === 'initialize') {
      this.reply(errorReply(id, ErrorCodes.InvalidRequest, 'The server is already initialized.'));
      return false;
    }
    if (message.method === 'shutdown') this.state = 'shut-down';
    return true;
  }
}

export interface Transport {
  reader: LifecycleGate;
  writer: MessageWriter;
  /** True when the transport is a byte stream the server reads (stdio, socket, pipe): its end ends the server. */
  stream?: NodeJS.ReadableStream;
  /** Whether stdout carries the protocol (console output must then go to the client's log). */
  stdio: boolean;
}

const USAGE = 'Start the server with --stdio, --node-ipc, --socket=<port> or --pipe=<name>.';

/** The command line names no transport, or a socket port that is none: a usage error, said in one line (see transportOrExit). */
export class TransportUsageError extends Error {}

/**
 * Picks the transport from the command line, like `createConnection` does, and puts the robust reader and the gate in front.
 * Throws TransportUsageError when the command line names none, or a --socket port that is not one.
 */
export function openTransport(argv: readonly string[], log: (message: string) => void): Transport {
  let kind: 'stdio' | 'ipc' | 'socket' | 'pipe' | undefined;
  let target: string | undefined;
  for (let i = 0; i < argv.length && !kind; i++) {
    const [flag, value] = argv[i].split('=', 2) as [string, string | undefined];
    if (flag === '--stdio') kind = 'stdio';
    else if (flag === '--node-ipc') kind = 'ipc';
    else if (flag === '--socket' || flag === '--pipe') {
      kind = flag === '--socket' ? 'socket' : 'pipe';
      target = value ?? argv[i + 1];
    }
  }
  if (!kind || ((kind === 'socket' || kind === 'pipe') && !target)) throw new TransportUsageError(`no transport given. ${USAGE}`);
  if (kind === 'ipc') {
    const writer = new IPCMessageWriter(process);
    return { reader: new LifecycleGate(new IPCMessageReader(process), replyThrough(writer, log)), writer, stdio: false };
  }
  let input: NodeJS.ReadableStream;
  let output: NodeJS.WritableStream;
  if (kind === 'stdio') {
    input = process.stdin;
    output = process.stdout;
  } else {
    if (kind === 'socket' && !isPort(target!)) throw new TransportUsageError(`--socket needs a port number from 1 to 65535, got "${target}".`);
    const socket = kind === 'socket' ? netConnect(Number(target), '127.0.0.1') : netConnect(target!);
    const where = kind === 'socket' ? `port ${target}` : `pipe ${target}`;
    let connected = false;
    socket.once('connect', () => void (connected = true));
    // Before the connection exists, an error is the user's to see (the stream's end then exits with 1); after, it is a
    // dropped connection, which ends the server as the client's closing does.
    socket.on('error', (error) => {
      if (!connected) process.stderr.write(`twelve-factor-lens server: cannot connect to ${where}: ${error.message}\n`);
    });
    input = socket;
    output = socket;
  }
  const writer = new StreamMessageWriter(output);
  const reply = replyThrough(writer, log);
  return { reader: new LifecycleGate(new FramedMessageReader(input, reply, log), reply), writer, stream: input, stdio: kind === 'stdio' };
}

/** A TCP port as --socket takes it: digits only, 1 to 65535. */
function isPort(text: string): boolean {
  return /^[0-9]{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535;
}

function replyThrough(writer: MessageWriter, log: (message: string) => void): Reply {
  return (message) => {
    writer.write(message).catch((error: unknown) => log(`Could not send an error reply: ${String(error)}`));
  };
}

/**
 * The transport the command line names, or, when it names none (or a port that is none), a one-line message on
 * standard error and exit code 2 (as the CLI's usage errors): someone who starts the server by hand sees what to
 * add, not a stack trace.
 */
export function transportOrExit(argv: readonly string[], log: (message: string) => void): Transport {
  try {
    return openTransport(argv, log);
  } catch (error) {
    if (!(error instanceof TransportUsageError)) throw error;
    process.stderr.write(`twelve-factor-lens server: ${error.message}\n`);
    process.exit(2);
  }
}
