/** Ending a language server that a protocol test spawned: LSP shutdown and exit, then a kill if it lingers. */
import type { ChildProcess } from 'node:child_process';
import { ExitNotification, RequestType0, ShutdownRequest, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { ANALYSIS_COUNTS_METHOD } from '../../server/src/summary-protocol';

/** Analyses per file URI so far, from a server started with TWELVE_FACTOR_LENS_TEST_COUNTERS=1. */
export const AnalysisCounts = new RequestType0<Record<string, number>, void>(ANALYSIS_COUNTS_METHOD);

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
