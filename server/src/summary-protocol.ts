/**
 * The server's own requests: their methods, and the shape of the `twelveFactor/workspaceSummary` answer, shared by
 * the server that answers them, the client's commands, Twelve Factors view and status bar, and the tools that drive
 * the server (bench:peers, the protocol tests). Types and method names only: the client bundle takes nothing else
 * from the server.
 */
import type { Severity } from './core/types';

export type { Severity };

/** Tests only (the server started with TWELVE_FACTOR_LENS_TEST_COUNTERS=1): how many analyses each file has had, by URI. */
export const ANALYSIS_COUNTS_METHOD = 'twelveFactor/test/analysisCounts';

/** Answered with a WorkspaceSummary. */
export const WORKSPACE_SUMMARY_METHOD = 'twelveFactor/workspaceSummary';
/** Analyse Workspace: every indexed file gets its problems published; answered with an AnalyseWorkspaceAnswer. */
export const ANALYSE_WORKSPACE_METHOD = 'twelveFactor/analyseWorkspace';

export interface AnalyseWorkspaceAnswer {
  /** How many files will get their problems published. */
  files: number;
}

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
