// A deliberately small LSP peer for protocol tests that need to write raw bytes to the
// bundled server (bad headers, bodies that are not JSON) and read its framed answers.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface JsonMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class RawServer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly messages: JsonMessage[] = [];
  stderr = '';
  private pending = Buffer.alloc(0);
  private waiters: { predicate: (m: JsonMessage) => boolean; resolve: (m: JsonMessage) => void }[] = [];
  private readonly exited: Promise<number | null>;

  /** `nodeOptions`: node's own, before the script (`--require` a hook). */
  constructor(env: NodeJS.ProcessEnv = {}, nodeOptions: string[] = []) {
    this.process = spawn(process.execPath, [...nodeOptions, 'dist/server.js', '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    this.process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr.on('data', (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  /** Writes bytes exactly as given. */
  writeRaw(bytes: string | Buffer): void {
    this.process.stdin.write(bytes);
  }

  /** Writes one well-formed frame. */
  send(message: JsonMessage): void {
    this.writeRaw(frame(JSON.stringify({ jsonrpc: '2.0', ...message })));
  }

  request(id: number, method: string, params: unknown = {}): Promise<JsonMessage> {
    const answer = this.next((m) => m.id === id && m.method === undefined);
    this.send({ id, method, params });
    return answer;
  }

  notify(method: string, params: unknown = {}): void {
    this.send({ method, params });
  }

  next(predicate: (m: JsonMessage) => boolean, timeoutMs = 10_000): Promise<JsonMessage> {
    const already = this.messages.find(predicate);
    if (already) {
      this.messages.splice(this.messages.indexOf(already), 1);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  async initialize(initializationOptions: unknown = undefined): Promise<JsonMessage> {
    const answer = await this.request(1_000_000, 'initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions });
    this.notify('initialized');
    return answer;
  }

  /** Resolves with the exit code, or kills the server after `timeoutMs` and resolves with `undefined`. */
  async exitCode(timeoutMs = 5000): Promise<number | null | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const code = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (code === undefined) this.kill();
    return code;
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
  }

  private onData(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.pending.subarray(0, end).toString('ascii');
      const length = Number(/content-length: *(\d+)/i.exec(header)?.[1]);
      if (this.pending.length < end + 4 + length) return;
      const body = this.pending.subarray(end + 4, end + 4 + length).toString('utf8');
      this.pending = this.pending.subarray(end + 4 + length);
      const message = JSON.parse(body) as JsonMessage;
      const waiter = this.waiters.find((w) => w.predicate(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else {
        this.messages.push(message);
      }
    }
  }
}

export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}
