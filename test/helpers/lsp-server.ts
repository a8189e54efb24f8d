/** Starting and ending a language server that a protocol test drives: the bundled server over stdio. */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createProtocolConnection, ExitNotification, RequestType0, ShutdownRequest, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
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
