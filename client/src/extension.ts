/**
 * The VS Code side: starts the language server over IPC and forwards `twelveFactor.*`
 * settings. No analysis happens here; every diagnostic, hover and fix comes from the server,
 * which reads the workspace's files itself and asks VS Code to tell it when they change
 * (a dynamic `workspace/didChangeWatchedFiles` registration).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FactorsView, targetLabel, type WorkspaceSummary } from './factors-view';
import { ANALYSE_WORKSPACE_METHOD, WORKSPACE_SUMMARY_METHOD, type AnalyseWorkspaceAnswer } from '../../server/src/summary-protocol';
import { FactorStatus } from './status-bar';

/** Opens a rule's packaged page as a rendered preview; hover links call it (trusted for this command only). */
const SHOW_RULE_DOCS = 'twelveFactor.showRuleDocumentation';
const VIEW_ID = 'twelveFactor.factors';

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
      // JSON is analysed only when its content is a CloudFormation/SAM template; other JSON yields nothing.
      { language: 'json' },
      // Lambda handler code: never analysed, only its environment reads get a hover pointing to the template rules.
      { language: 'javascript' },
      { language: 'typescript' },
      { language: 'python' },
      // Dockerfile variants that VS Code does not always map to the dockerfile language.
      { pattern: '**/{Dockerfile,Containerfile}.*' },
      { pattern: '**/{Dockerfile,Containerfile}{-,_}*' },
      { pattern: '**/*.{dockerfile,containerfile}' },
      // CloudFormation's classic `.template` name, which VS Code opens as plain text (the CLI and the index read it).
      { pattern: '**/*.template' },
    ],
    synchronize: { configurationSection: 'twelveFactor' },
    outputChannel,
    initializationOptions: { ruleDocumentationCommand: SHOW_RULE_DOCS },
    markdown: { isTrusted: { enabledCommands: [SHOW_RULE_DOCS] } },
    // `twelveFactor.trace.server` is read by the client library under this id.
  };

  client = new LanguageClient('twelveFactor', 'Twelve-Factor Lens', serverOptions, clientOptions);

  const status = new FactorStatus(`${VIEW_ID}.focus`);
  const view = new FactorsView(
    (target) => client!.sendRequest<WorkspaceSummary>(WORKSPACE_SUMMARY_METHOD, { target }),
    (summary) => status.setSummary(summary),
  );
  const tree = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true });
  const describeFilter = () => {
    tree.description = view.filter ? targetLabel(view.filter) : undefined;
    void vscode.commands.executeCommand('setContext', 'twelveFactor.filtered', !!view.filter);
  };
  // Findings change as files are edited or analysed: refresh the view (when shown) a moment after.
  let pending: NodeJS.Timeout | undefined;
  let stale = true;
  const refreshSoon = () => {
    stale = true;
    if (!tree.visible || !client?.isRunning()) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      stale = false;
      void view.refresh();
    }, 750);
  };
  context.subscriptions.push(
    status,
    tree,
    { dispose: () => pending && clearTimeout(pending) },
    tree.onDidChangeVisibility((e) => e.visible && stale && refreshSoon()),
    vscode.languages.onDidChangeDiagnostics(() => refreshSoon()),
    vscode.commands.registerCommand('twelveFactor.refreshFactors', async () => {
      if (!client?.isRunning()) return;
      stale = false;
      await vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => view.refresh());
    }),
    vscode.commands.registerCommand('twelveFactor.filterFactors', async () => {
      const targets = view.current?.targets ?? [];
      const picked = await vscode.window.showQuickPick(
        [{ label: 'All targets', target: undefined as string | undefined }, ...targets.map((t) => ({ label: targetLabel(t), target: t as string | undefined }))],
        { placeHolder: 'Show the findings of one target' },
      );
      if (!picked) return;
      await view.setFilter(picked.target);
      describeFilter();
    }),
    vscode.commands.registerCommand('twelveFactor.clearFactorFilter', async () => {
      await view.setFilter(undefined);
      describeFilter();
    }),
    vscode.commands.registerCommand(SHOW_RULE_DOCS, async (ruleId?: unknown) => {
      let id = typeof ruleId === 'string' ? ruleId : undefined;
      if (!id) {
        // From the command palette: the rules reported in the active file, the one under the cursor first.
        const editor = vscode.window.activeTextEditor;
        const ours = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'twelve-factor') : [];
        const cursor = editor?.selection.active;
        ours.sort((a, b) => Number(cursor ? !a.range.contains(cursor) : 0) - Number(cursor ? !b.range.contains(cursor) : 0));
        const ids = [...new Set(ours.map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''))).filter((c) => c.includes('/') && !c.startsWith('suppression/')))];
        id = ids.length === 1 ? ids[0] : await vscode.window.showQuickPick(ids, { placeHolder: 'Which rule?' });
        if (!id) {
          if (ids.length === 0) void vscode.window.showInformationMessage('Twelve-Factor Lens: no finding in the active file. Hover a finding and follow "Rule documentation", or run this command on a file with findings.');
          return;
        }
      }
      if (!/^[a-z-]+\/[a-z0-9-]+$/.test(id)) return;
      const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', ...`${id}.md`.split('/'));
      try {
        await vscode.workspace.fs.stat(page);
      } catch {
        void vscode.window.showWarningMessage(`Twelve-Factor Lens: no documentation page for ${id}.`);
        return;
      }
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
  );

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
        () => client!.sendRequest<AnalyseWorkspaceAnswer>(ANALYSE_WORKSPACE_METHOD),
      );
      outputChannel.info(`Analyse Workspace: ${result.files} files; their problems are in the Problems view.`);
      void view.refresh();
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );

  try {
    await client.start();
    outputChannel.info('Twelve-Factor Lens is active.');
    refreshSoon();
  } catch (error) {
    outputChannel.error(`Twelve-Factor Lens could not start its server: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage('Twelve-Factor Lens could not start its language server. See the "Twelve-Factor Lens" output for details.');
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
