/** Starting and ending a language server that a protocol test drives: the bundled server over stdio. */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  RequestType0,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { ANALYSIS_COUNTS_METHOD } from '../../server/src/summary-protocol';

/** Analyses per file URI so far, from a server started by {@link spawnCountingServer}. */
export const AnalysisCounts = new RequestType0<Record<string, number>, void>(ANALYSIS_COUNTS_METHOD);

export interface SpawnedServer {
  server: ChildProcessWithoutNullStreams;
  /** Listening: register handlers, then initialize. */
  connection: ProtocolConnection;
  /** What the server has printed on standard error so far. */
  stderr: () => string;
}

/** `dist/server.js` over stdio with the test-only analysis counters on (TWELVE_FACTOR_LENS_TEST_COUNTERS=1: see AnalysisCounts). */
export function spawnCountingServer(): SpawnedServer {
  const server = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: 'pipe', env: { ...process.env, TWELVE_FACTOR_LENS_TEST_COUNTERS: '1' } });
  let stderr = '';
  server.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  return { server, connection, stderr: () => stderr };
}

/**
 * The analysis counts once no analysis has run for a while (four polls 150 ms apart alike), by file URI; fails after
 * 20 s of analyses, with what the server printed (`stderr`).
 */
export async function settledCounts(connection: ProtocolConnection, stderr: () => string): Promise<Record<string, number>> {
  let last = JSON.stringify(await connection.sendRequest(AnalysisCounts));
  for (let quiet = 0, waited = 0; quiet < 4; waited += 150) {
    if (waited > 20_000) throw new Error(`analyses never settled\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = JSON.stringify(await connection.sendRequest(AnalysisCounts));
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return JSON.parse(last) as Record<string, number>;
}

/** Documents a test opens in one language and then rewrites whole, each edit with the document's next version. */
export class OpenedDocuments {
  private readonly versions = new Map<string, number>();

  constructor(
    private readonly connection: ProtocolConnection,
    private readonly languageId: string,
  ) {}

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: this.languageId, version: 1, text } });
  }

  /** The whole text replaced, as a client without incremental sync sends an edit. */
  rewrite(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
}

/** LSP shutdown and exit, then a kill if the server lingers. */
export async function stopServer(connection: ProtocolConnection | undefined, server: ChildProcess): Promise<void> {
  if (connection) {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
  }
  await new Promise<void>((resolve) => {
    if (server.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      server.kill();
      resolve();
    }, 3000);
    server.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
