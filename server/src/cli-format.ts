/** Output formats of the command-line linter: stylish text, JSON and SARIF 2.1.0. */
import { factorBySlug, FACTORS } from './core/factors';
import { ALL_RULES } from './core/rules';
import { SUPPRESSION_DIAGNOSTICS } from './core/suppression';
import { COVERAGE_NOTICES } from './core/analyze';
import type { Finding, Severity } from './core/types';
import type { ParseProblem } from './core/types';
import { maskText } from './core/mask';
import { fileURLToPath } from 'node:url';
import { displayPath } from './cli-run';
import { factorShortLabel, nothingChecked, problemCounts, problemsClause, stylishFactorLines, type RunScope } from './cli-formats/summary';
import { parseProblemText } from './core/parse-problems';

/** A related location's file as reports show paths (displayPath); a URI that names no local file, as written. */
function relatedPath(uri: string): string {
  try {
    return displayPath(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

function relatedOf(f: Finding) {
  return f.related?.map((r) => ({ file: relatedPath(r.uri), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message }));
}

export interface FileReport {
  /** Path as shown to the user (relative to the working directory, forward slashes). */
  path: string;
  findings: Finding[];
  parseProblems: ParseProblem[];
}

const COLORS = { error: '31', warning: '33', info: '36', hint: '90', dim: '2', bold: '1', underline: '4' } as const;

function paint(enabled: boolean, code: string, text: string): string {
  return enabled ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** What the run as a whole adds to the stylish summary. */
export interface StylishRun {
  /** Helm templates the run met: analysed, and not fully read. */
  helmTemplates?: { analysed: number; skipped: number };
  projectTemplatesSkipped?: number;
  scope?: RunScope;
}

export function toStylish(reports: FileReport[], color: boolean, run: StylishRun = {}): string {
  const { helmTemplates, projectTemplatesSkipped = 0 } = run;
  const lines: string[] = [];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let filesWithFindings = 0;
  for (const report of reports) {
    if (report.findings.length === 0 && report.parseProblems.length === 0) continue;
    filesWithFindings++;
    lines.push(paint(color, COLORS.underline, report.path));
    const rows = [
      ...report.parseProblems.map((p) => {
        const shown = parseProblemText(p);
        return { at: p.range.start, severity: shown.severity as string, message: shown.message, rule: shown.label, factor: '' };
      }),
      // The factor leads the message (`IX Disposability: ...`) so a narrow terminal still shows it.
      ...report.findings.map((f) => ({ at: f.range.start, severity: f.severity as string, message: f.factor ? `${factorShortLabel(f)}: ${f.message}` : f.message, rule: f.ruleId, factor: '', related: relatedOf(f) })),
    ]
      .sort((a, b) => a.at.line - b.at.line || a.at.character - b.at.character)
      .map((row) => ({ ...row, position: `${row.at.line + 1}:${row.at.character + 1}` }));
    const positionWidth = rows.reduce((width, r) => Math.max(width, r.position.length), 0);
    for (const row of rows) {
      const severity = paint(color, COLORS[row.severity as Severity], row.severity.padEnd(7));
      const factor = row.factor ? paint(color, COLORS.dim, ` [${row.factor}]`) : '';
      lines.push(`  ${row.position.padEnd(positionWidth)}  ${severity}  ${row.message}  ${paint(color, COLORS.dim, row.rule)}${factor}`);
      for (const r of ('related' in row ? (row.related as ReturnType<typeof relatedOf>) : undefined) ?? []) lines.push(paint(color, COLORS.dim, `  ${' '.repeat(positionWidth)}  related: ${r.file}:${r.line}`));
    }
    for (const f of report.findings) totals[f.severity]++;
    lines.push('');
  }
  const total = totals.error + totals.warning + totals.info + totals.hint;
  const helm =
    (helmTemplates ? `; Helm templates: ${helmTemplates.analysed} analysed, ${helmTemplates.skipped} not fully read` : '') +
    (projectTemplatesSkipped > 0 ? `; ${projectTemplatesSkipped} unrendered project template${projectTemplatesSkipped === 1 ? '' : 's'} skipped` : '');
  if (total === 0 && filesWithFindings === 0) return reports.length === 0 ? nothingChecked(run.scope) : `No findings in ${reports.length} file${reports.length === 1 ? '' : 's'}${helm}.`;
  const summary = `${total} finding${total === 1 ? '' : 's'} (${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.info} info, ${totals.hint} hint${totals.hint === 1 ? '' : 's'}) in ${reports.length} file${reports.length === 1 ? '' : 's'} checked${problemsClause(problemCounts(reports))}${helm}`;
  for (const line of stylishFactorLines(reports)) lines.push(line);
  lines.push(paint(color, COLORS.bold, summary));
  return lines.join('\n');
}

export function toJson(reports: FileReport[]): string {
  const findings = reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.path,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      rule: f.ruleId,
      factor: f.factor,
      severity: f.severity,
      message: f.message,
      ...(f.related ? { related: relatedOf(f) } : {}),
    })),
  );
  const parseProblems = reports.flatMap((r) => r.parseProblems.map((p) => ({ file: r.path, line: p.range.start.line + 1, column: p.range.start.character + 1, kind: p.kind, message: maskText(p.message) })));
  return JSON.stringify({ findings, parseProblems }, null, 2);
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function toSarif(reports: FileReport[], version: string): string {
  const rules = [
    ...ALL_RULES.map((rule) => {
      const factor = factorBySlug(rule.meta.factor);
      return {
        id: rule.meta.id,
        name: rule.meta.id.replace(/[/-](.)/g, (_m, c: string) => c.toUpperCase()),
        shortDescription: { text: rule.meta.description },
        fullDescription: { text: rule.meta.rationale },
        help: { text: rule.meta.rationale, markdown: rule.meta.rationale },
        helpUri: factor.url,
        defaultConfiguration: { level: SARIF_LEVEL[rule.meta.defaultSeverity], enabled: !rule.meta.offByDefault },
        properties: { factor: factor.slug, tags: ['twelve-factor', factor.slug, rule.meta.target] },
      };
    }),
    ...Object.values(SUPPRESSION_DIAGNOSTICS).map((d) => ({
      id: d.id,
      name: d.id.replace(/[/-](.)/g, (_m, c: string) => c.toUpperCase()),
      shortDescription: { text: d.description },
      defaultConfiguration: { level: SARIF_LEVEL[d.severity] },
      properties: { tags: ['suppression'] },
    })),
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(r.path) },
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
      ...(f.related
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: encodeURI(relatedPath(r.uri)) }, region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 } },
            })),
          }
        : {}),
      properties: f.factor ? { factor: f.factor } : {},
    })),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'twelve-factor-lens', semanticVersion: version, informationUri: 'https://12factor.net/', rules } },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    },
    null,
    2,
  );
}

export function listRules(asJson: boolean): string {
  const rules = ALL_RULES.map((rule) => ({
    id: rule.meta.id,
    factor: rule.meta.factor,
    targets: [rule.meta.target],
    severity: rule.meta.offByDefault ? 'off' : rule.meta.defaultSeverity,
    fixable: rule.meta.fixable,
    fix: rule.meta.fix ?? null,
    description: rule.meta.description,
  }));
  if (asJson) {
    // Coverage notices close the list: no factor, so tools that review findings about the code can leave them out.
    const notices = COVERAGE_NOTICES.map((n) => ({ id: n.id, factor: null, targets: [], severity: n.severity, fixable: false, fix: null, description: n.description, notice: true }));
    return JSON.stringify([...rules, ...notices], null, 2);
  }
  const lines: string[] = [];
  for (const factor of FACTORS) {
    const own = rules.filter((r) => r.factor === factor.slug);
    if (own.length === 0) continue;
    lines.push(`${factor.numeral}. ${factor.title}`);
    for (const r of own) lines.push(`  ${r.id.padEnd(52)} ${r.targets.join(',').padEnd(11)} ${r.severity.padEnd(8)}${r.fixable ? 'fix ' : '    '} ${r.description}`);
    lines.push('');
  }
  lines.push('Suppression diagnostics');
  for (const d of Object.values(SUPPRESSION_DIAGNOSTICS)) lines.push(`  ${d.id.padEnd(52)} ${'both'.padEnd(11)} ${d.severity.padEnd(8)}     ${d.description}`);
  lines.push('', 'Coverage notices (what the linter could not read)');
  for (const n of COVERAGE_NOTICES) lines.push(`  ${n.id.padEnd(52)} ${''.padEnd(11)} ${n.severity.padEnd(8)}     ${n.description}`);
  return lines.join('\n');
}
