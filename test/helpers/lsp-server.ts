/** Ending a language server that a protocol test spawned: LSP shutdown and exit, then a kill if it lingers. */
import type { ChildProcess } from 'node:child_process';
import { ExitNotification, ShutdownRequest, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

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
