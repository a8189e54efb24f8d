/**
 * The VS Code side: starts the language server over IPC and forwards `twelveFactor.*`
 * settings. No analysis happens here; every diagnostic, hover and fix comes from the server,
 * which reads the workspace's files itself and asks VS Code to tell it when they change
 * (a dynamic `workspace/didChangeWatchedFiles` registration).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Twelve-Factor Lens', { log: true });
  context.subscriptions.push(outputChannel);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'dockerfile' },
      { language: 'yaml' },
      // Dockerfile variants that VS Code does not always map to the dockerfile language.
      { pattern: '**/{Dockerfile,Containerfile}.*' },
      { pattern: '**/*.{dockerfile,containerfile}' },
    ],
    synchronize: { configurationSection: 'twelveFactor' },
    outputChannel,
    // `twelveFactor.trace.server` is read by the client library under this id.
  };

  client = new LanguageClient('twelveFactor', 'Twelve-Factor Lens', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('twelveFactor.restartServer', async () => {
      outputChannel.info('Restarting the Twelve-Factor Lens server.');
      await client?.restart();
    }),
    vscode.commands.registerCommand('twelveFactor.showOutput', () => outputChannel.show(true)),
    // Problems for every Dockerfile and manifest of the workspace, not only the open ones (the server reads them).
    vscode.commands.registerCommand('twelveFactor.analyseWorkspace', async () => {
      if (!client?.isRunning()) {
        void vscode.window.showWarningMessage('Twelve-Factor Lens: the language server is not running.');
        return;
      }
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Twelve-Factor Lens: analysing the workspace' },
        () => client!.sendRequest<{ files: number }>('twelveFactor/analyseWorkspace'),
      );
      outputChannel.info(`Analyse Workspace: ${result.files} files; their problems are in the Problems view.`);
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );

  try {
    await client.start();
    outputChannel.info('Twelve-Factor Lens is active.');
  } catch (error) {
    outputChannel.error(`Twelve-Factor Lens could not start its server: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Twelve-Factor Lens could not start its language server. See the "Twelve-Factor Lens" output for details.');
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
