/**
 * The shape of the `twelveFactor/workspaceSummary` answer, shared by the server that builds it
 * and the client's Twelve Factors view and status bar that show it. Types only: the client
 * bundle takes nothing else from the server.
 */
import type { Severity } from './core/types';

export type { Severity };

/** One finding as the Twelve Factors view shows it. */
export interface SummaryFinding {
  ruleId: string;
  factor: string;
  severity: Severity;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The rule's target (`dockerfile`, `kubernetes`, `serverless` …): what the view filters by. */
  target: string;
}

/** The `twelveFactor/workspaceSummary` answer: every analysable file of the workspace, by factor. */
export interface WorkspaceSummary {
  filesChecked: number;
  /** Every target among the files and findings, sorted: the view's filters. */
  targets: string[];
  factors: { slug: string; numeral: string; title: string; url: string; findings: number; worst: Severity | null; files: number }[];
  files: { uri: string; target: string; findings: SummaryFinding[] }[];
}
