/**
 * How a parse problem is shown, the same in every CLI format and in the editor: the label in place of a rule id,
 * the heading its kind is listed under, and what it means for the analysis. A syntax error or a key written twice
 * is the user's YAML to fix (the editor leaves both to the YAML and Docker extensions, which show them already); an
 * input the linter did not read (binary data, nested deeper than it reads) is not a syntax error, and nothing else
 * would say so.
 *
 * Pure: no I/O.
 */
import { maskText } from './mask';
import type { ParseProblem, Severity } from './types';

interface ProblemKind {
  label: string;
  heading: string;
  prefix: string;
  /** An error in the file, or a warning that the linter did not read it (the file may well be right). */
  severity: Extract<Severity, 'error' | 'warning'>;
  /** How a count of them is said in a summary, for one and for several. */
  counted: [one: string, many: string];
}

/** Each kind's label, heading, prefix and severity; the order is the order the formats list them in. */
const PROBLEM_KINDS: Record<ParseProblem['kind'], ProblemKind> = {
  syntax: { label: 'yaml-syntax', heading: 'YAML syntax errors', prefix: 'YAML syntax error, document not analysed', severity: 'error', counted: ['YAML syntax error', 'YAML syntax errors'] },
  // Analysed with the last value, as CloudFormation and the API server read it; kubectl and the Serverless Framework refuse the file.
  duplicate: { label: 'yaml-duplicate-key', heading: 'Duplicate keys', prefix: 'Duplicate key', severity: 'error', counted: ['duplicate key', 'duplicate keys'] },
  // A whole file can be unread (binary data), not only a document.
  unread: { label: 'not-analysed', heading: 'Not read', prefix: 'Not analysed', severity: 'warning', counted: ['file or document not read', 'files or documents not read'] },
};

/** `count` problems of `kind` as a summary says it: "2 YAML syntax errors", "1 file or document not read". */
export function problemCount(kind: ParseProblem['kind'], count: number): string {
  const [one, many] = PROBLEM_KINDS[kind].counted;
  return `${count} ${count === 1 ? one : many}`;
}

/** The kinds in the order the formats list them in. */
export const PROBLEM_KIND_ORDER = Object.keys(PROBLEM_KINDS) as ParseProblem['kind'][];

/** A parse problem as it is shown: its label, heading and severity, and its message (masked) after what it means. */
export function parseProblemText(problem: ParseProblem): { label: string; heading: string; severity: ProblemKind['severity']; message: string } {
  const { label, heading, prefix, severity } = PROBLEM_KINDS[problem.kind];
  return { label, heading, severity, message: `${prefix}: ${maskText(problem.message)}` };
}

/** The headings `problems` are listed under, in order. */
export function problemHeadings(problems: readonly ParseProblem[]): string[] {
  const kinds = new Set(problems.map((p) => p.kind));
  return PROBLEM_KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => PROBLEM_KINDS[kind].heading);
}
