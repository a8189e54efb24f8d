/**
 * The status bar item: the active file's findings by factor (from its diagnostics) and the
 * workspace total (from the Twelve Factors view's summary); a click opens the view.
 */
import * as vscode from 'vscode';
import type { WorkspaceSummary } from './factors-view';

const SOURCE = 'twelve-factor';
const NUMERAL = /^([IVX]+) /;

export class FactorStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('twelveFactor.status', vscode.StatusBarAlignment.Left, 50);
  private workspaceTotal: number | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(openViewCommand: string) {
    this.item.name = 'Twelve-Factor Lens';
    this.item.command = openViewCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((u) => u.toString() === active)) this.update();
      }),
    );
    this.update();
  }

  setSummary(summary: WorkspaceSummary | undefined): void {
    this.workspaceTotal = summary?.factors.reduce((n, f) => n + f.findings, 0);
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const byFactor = new Map<string, number>();
    let inFile = 0;
    if (document) {
      for (const d of vscode.languages.getDiagnostics(document.uri)) {
        if (d.source !== SOURCE) continue;
        const numeral = NUMERAL.exec(d.message)?.[1];
        if (!numeral) continue;
        inFile++;
        byFactor.set(numeral, (byFactor.get(numeral) ?? 0) + 1);
      }
    }
    // Factors in their own order (I … XII), whatever order the diagnostics came in.
    const ORDER = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
    const sorted = new Map([...byFactor].sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b)));
    byFactor.clear();
    for (const [n, c] of sorted) byFactor.set(n, c);
    const ours = !!document && ['dockerfile', 'yaml', 'json'].includes(document.languageId);
    if (!ours && this.workspaceTotal === undefined) {
      this.item.hide();
      return;
    }
    const fileText = ours ? (inFile ? [...byFactor].map(([n, c]) => `${n}·${c}`).join(' ') : 'no findings') : '';
    const total = this.workspaceTotal === undefined ? '' : `${this.workspaceTotal} in workspace`;
    this.item.text = `$(checklist) ${[fileText, total].filter(Boolean).join(' | ')}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**Twelve-Factor Lens**\n\n');
    if (ours) tooltip.appendMarkdown(inFile ? `This file: ${[...byFactor].map(([n, c]) => `factor ${n}: ${c}`).join(', ')}\n\n` : 'This file: no findings\n\n');
    if (total) tooltip.appendMarkdown(`Workspace: ${this.workspaceTotal} finding${this.workspaceTotal === 1 ? '' : 's'}\n\n`);
    tooltip.appendMarkdown('Click to open the Twelve Factors view.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Twelve-Factor Lens: ${[fileText && `this file ${fileText}`, total].filter(Boolean).join(', ')}` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
