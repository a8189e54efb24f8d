/**
 * Findings counted by factor: the per-factor table of the stylish, markdown and HTML
 * outputs, from the CLI's file reports, and the few sentences those outputs share (the
 * report's lead, the count of what was not analysed, the stylish per-factor lines).
 */
import { FACTORS, factorBySlug, type Factor } from '../core/factors';
import { severityRank, type Finding, type ParseProblem, type Severity } from '../core/types';
import type { FileReport } from '../cli-format';
import { PROBLEM_KIND_ORDER, problemCount } from '../core/parse-problems';

export interface FactorRow {
  factor: Factor;
  findings: number;
  /** The most severe finding's severity; undefined when the factor has none. */
  worst: Severity | undefined;
  /** Files with at least one finding of this factor. */
  files: number;
  bySeverity: Record<Severity, number>;
}

export interface FactorSummary {
  rows: FactorRow[];
  /** Findings about suppression comments (no factor). */
  other: number;
  filesChecked: number;
  total: number;
}

/** The short label that leads a message: `III Config`. */
export function factorShortLabel(finding: Pick<Finding, 'factor'>): string {
  if (!finding.factor) return '';
  const factor = factorBySlug(finding.factor);
  return `${factor.numeral} ${factor.title}`;
}

export function summariseByFactor(reports: readonly FileReport[]): FactorSummary {
  const rows = FACTORS.map((factor): FactorRow => ({ factor, findings: 0, worst: undefined, files: 0, bySeverity: { error: 0, warning: 0, info: 0, hint: 0 } }));
  const bySlug = new Map(rows.map((r) => [r.factor.slug, r]));
  let other = 0;
  let total = 0;
  for (const report of reports) {
    const seen = new Set<FactorRow>();
    for (const finding of report.findings) {
      total++;
      const row = finding.factor ? bySlug.get(finding.factor) : undefined;
      if (!row) {
        other++;
        continue;
      }
      row.findings++;
      row.bySeverity[finding.severity]++;
      if (!row.worst || severityRank(finding.severity) < severityRank(row.worst)) row.worst = finding.severity;
      if (!seen.has(row)) {
        seen.add(row);
        row.files++;
      }
    }
  }
  return { rows, other, filesChecked: reports.length, total };
}

/** Findings grouped by factor (in factor order), then by file (in report order). */
export function groupByFactor(reports: readonly FileReport[]): { factor: Factor | undefined; files: { path: string; findings: Finding[] }[] }[] {
  const groups = new Map<string, { path: string; findings: Finding[] }[]>();
  for (const report of reports) {
    const byFactor = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      const key = finding.factor ?? '';
      let list = byFactor.get(key);
      if (!list) byFactor.set(key, (list = []));
      list.push(finding);
    }
    for (const [key, findings] of byFactor) {
      let files = groups.get(key);
      if (!files) groups.set(key, (files = []));
      files.push({ path: report.path, findings });
    }
  }
  const out: { factor: Factor | undefined; files: { path: string; findings: Finding[] }[] }[] = [];
  for (const factor of FACTORS) {
    const files = groups.get(factor.slug);
    if (files) out.push({ factor, files });
  }
  const other = groups.get('');
  if (other) out.push({ factor: undefined, files: other });
  return out;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** The run's parse problems by kind: syntax errors and duplicate keys (a document can have several), and documents or files not read. */
export function problemCounts(reports: readonly FileReport[]): Record<ParseProblem['kind'], number> {
  const counts = { syntax: 0, duplicate: 0, unread: 0 };
  for (const report of reports) for (const problem of report.parseProblems) counts[problem.kind]++;
  return counts;
}

/**
 * What a run met besides the files it reports: the files its walk found (and standard input), how many of them a
 * configuration's `ignorePatterns` left out, and how many turned out to be no template (JSON files read in case they were).
 */
export interface RunScope {
  found: number;
  ignored: number;
  notTargets: number;
}

const NOTHING_FOUND = 'No Dockerfile, Kubernetes YAML or serverless template found';

/**
 * What every format's summary says of a run that reported no file: nothing to check was found, or what was found
 * was left out. A pattern that ignores every file, or a configuration that cannot be read, must not read as an empty
 * folder, nor as twelve passing factors.
 */
export function nothingChecked({ found, ignored, notTargets }: RunScope = { found: 0, ignored: 0, notTargets: 0 }): string {
  if (found === 0) return `${NOTHING_FOUND}.`;
  if (found === notTargets) return `${NOTHING_FOUND}: ${found === 1 ? 'the file read is not' : `none of the ${found} files read is`} a CloudFormation, SAM or Serverless template.`;
  const skipped = Math.max(0, found - ignored - notTargets);
  const parts = [
    ignored > 0 ? `${ignored} ignored by "ignorePatterns"` : '',
    notTargets > 0 ? `${notTargets} not ${notTargets === 1 ? 'a template' : 'templates'} (CloudFormation, SAM or Serverless)` : '',
    skipped > 0 ? `${skipped} not checked (see the messages on standard error)` : '',
  ].filter(Boolean);
  return `No file checked: ${found} found, ${parts.join(', ')}.`;
}

/**
 * The first sentence of the Markdown and HTML reports. It says that every factor passes only when everything
 * was analysed: a document with a syntax error, or one not read, may hold what a rule would find.
 */
export function leadSentence(summary: FactorSummary, counts: Record<ParseProblem['kind'], number>, scope?: RunScope): string {
  if (summary.filesChecked === 0) return nothingChecked(scope);
  const files = plural(summary.filesChecked, 'file');
  const partial = counts.syntax + counts.unread > 0;
  if (summary.total === 0) return partial ? `No findings in ${files} checked, but some documents were not analysed (see below).` : `No findings in ${files} checked: all twelve factors pass.`;
  const failing = summary.rows.filter((r) => r.findings > 0).length;
  return `${plural(summary.total, 'finding')} in ${files} checked; ${12 - failing} of 12 factors pass.${partial ? ' Some documents were not analysed (see below).' : ''}`;
}

/** What the stylish output's last line adds about parse problems: `; 2 YAML syntax errors; 1 file or document not read`. */
export function problemsClause(counts: Record<ParseProblem['kind'], number>): string {
  return PROBLEM_KIND_ORDER.filter((kind) => counts[kind] > 0)
    .map((kind) => `; ${problemCount(kind, counts[kind])}`)
    .join('');
}

/** The lines the stylish output ends with: one per factor that has findings. */
export function stylishFactorLines(reports: readonly FileReport[]): string[] {
  const summary = summariseByFactor(reports);
  const rows = summary.rows.filter((r) => r.findings > 0);
  if (rows.length === 0) return [];
  const labels = rows.map((r) => `${r.factor.numeral} ${r.factor.title}`);
  const width = labels.reduce((w, l) => Math.max(w, l.length), 0);
  const lines = ['By factor:'];
  rows.forEach((row, i) => {
    const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => row.bySeverity[s] > 0).map((s) => (s === 'info' ? `${row.bySeverity[s]} info` : plural(row.bySeverity[s], s)));
    lines.push(`  ${labels[i].padEnd(width)}  ${String(row.findings).padStart(4)}  (${parts.join(', ')}) in ${plural(row.files, 'file')}`);
  });
  const passing = summary.rows.filter((r) => r.findings === 0).map((r) => r.factor.numeral);
  if (passing.length) lines.push(`  no findings: ${passing.join(', ')}`);
  return lines;
}
