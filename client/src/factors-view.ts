/**
 * The Twelve Factors view: the twelve factors with their findings over the whole workspace (the
 * server's `twelveFactor/workspaceSummary`, fed from its index of every file), each expanding to
 * files and findings; a factor without findings shows as passing with the number of files checked.
 * Filters by target are the targets the server reports, so a new target needs no change here.
 */
import * as vscode from 'vscode';

import type { Severity, SummaryFinding, WorkspaceSummary } from '../../server/src/summary-protocol';

export type { Severity, SummaryFinding, WorkspaceSummary };

const TARGET_LABELS: Record<string, string> = { dockerfile: 'Dockerfile', kubernetes: 'Kubernetes', serverless: 'Serverless templates' };
export const targetLabel = (target: string): string => TARGET_LABELS[target] ?? target;

const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};
const PASS_ICON = new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));

type Node =
  | { kind: 'factor'; factor: WorkspaceSummary['factors'][number] }
  | { kind: 'file'; factor: string; uri: string; findings: SummaryFinding[] }
  | { kind: 'finding'; uri: string; finding: SummaryFinding }
  | { kind: 'message'; text: string };

export class FactorsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private summary: WorkspaceSummary | undefined;
  private error: string | undefined;
  private target: string | undefined;
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(private readonly request: (target: string | undefined) => Promise<WorkspaceSummary>, private readonly onSummary: (summary: WorkspaceSummary | undefined, target: string | undefined) => void) {}

  get current(): WorkspaceSummary | undefined {
    return this.summary;
  }

  get filter(): string | undefined {
    return this.target;
  }

  setFilter(target: string | undefined): Promise<void> {
    this.target = target;
    return this.refresh();
  }

  /** Asks the server again; calls made while a request runs are coalesced into one more. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          this.summary = await this.request(this.target);
          this.error = undefined;
        } catch (error) {
          this.error = error instanceof Error ? error.message : String(error);
        }
      } while (this.again);
      this.loading = undefined;
      this.onSummary(this.summary, this.target);
      this.changed.fire(undefined);
    })();
    return this.loading;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.error && !this.summary) return [{ kind: 'message', text: `Could not get the findings: ${this.error}` }];
      if (!this.summary) return [{ kind: 'message', text: 'Analysing the workspace…' }];
      return this.summary.factors.map((factor) => ({ kind: 'factor', factor }));
    }
    if (node.kind === 'factor') {
      const files: Node[] = [];
      for (const file of this.summary?.files ?? []) {
        const findings = file.findings.filter((f) => f.factor === node.factor.slug);
        if (findings.length) files.push({ kind: 'file', factor: node.factor.slug, uri: file.uri, findings });
      }
      return files;
    }
    if (node.kind === 'file') return node.findings.map((finding) => ({ kind: 'finding', uri: node.uri, finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    if (node.kind === 'factor') {
      const { factor } = node;
      const item = new vscode.TreeItem(`${factor.numeral}. ${factor.title}`, factor.findings ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      const checked = this.summary?.filesChecked ?? 0;
      item.id = `factor:${factor.slug}`;
      item.description = factor.findings
        ? `${factor.findings} finding${factor.findings === 1 ? '' : 's'} · ${factor.worst}`
        : `passing · ${checked} file${checked === 1 ? '' : 's'} checked`;
      item.iconPath = factor.worst ? SEVERITY_ICON[factor.worst] : PASS_ICON;
      item.tooltip = new vscode.MarkdownString(
        `**${factor.numeral}. ${factor.title}**\n\n${factor.findings ? `${factor.findings} finding(s) in ${factor.files} file(s); worst: ${factor.worst}` : `No findings in ${checked} file(s) checked`}${this.target ? ` (${targetLabel(this.target)} only)` : ''}.\n\n[${factor.url}](${factor.url})`,
      );
      item.contextValue = factor.findings ? 'factor.failing' : 'factor.passing';
      item.accessibilityInformation = { label: `${factor.numeral}. ${factor.title}: ${item.description}` };
      return item;
    }
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `file:${node.factor}:${node.uri}`;
      item.description = `${vscode.workspace.asRelativePath(uri, false).replace(/\/[^/]*$/, '') || ''} · ${node.findings.length}`;
      return item;
    }
    const { finding } = node;
    const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${node.uri}:${finding.ruleId}:${finding.range.start.line}:${finding.range.start.character}`;
    item.description = `${finding.ruleId} · Ln ${finding.range.start.line + 1}`;
    item.tooltip = `${finding.message}\n${finding.ruleId} (${finding.severity})`;
    item.iconPath = SEVERITY_ICON[finding.severity];
    const r = finding.range;
    item.command = {
      command: 'vscode.open',
      title: 'Go to the finding',
      arguments: [vscode.Uri.parse(node.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) } satisfies vscode.TextDocumentShowOptions],
    };
    item.contextValue = 'finding';
    return item;
  }
}
