/**
 * A Markdown report for people: a per-factor table, then the findings by factor and file.
 * Written for `$GITHUB_STEP_SUMMARY` or a pull-request comment (GitHub-flavoured tables).
 */
import type { Severity } from '../core/types';
import type { FileReport } from '../cli-format';
import { maskText } from '../core/mask';
import { groupByFactor, leadSentence, problemCounts, summariseByFactor, type RunScope } from './summary';
import { parseProblemText, problemCount, problemHeadings } from '../core/parse-problems';

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info', hint: '⚪ hint' };

/**
 * Text for a table cell: no line breaks, no column breaks, no raw HTML. Code spans (between
 * backticks) are shown literally by Markdown, so only `|` is escaped inside them.
 */
export function cell(text: string): string {
  const parts = text.replace(/\r?\n|\r/g, ' ').split('`');
  // With an odd number of backticks the last one opens no code span: its text is plain.
  const isCode = (i: number) => i % 2 === 1 && (parts.length % 2 === 1 || i < parts.length - 1);
  return parts.map((part, i) => (isCode(i) ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).replace(/\|/g, '\\|')).join('`');
}

/** A file position shown as code: backticks and column breaks cannot end it early. */
function codeCell(text: string): string {
  return '`' + text.replace(/\r?\n|\r/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
}

export function toMarkdown(reports: readonly FileReport[], scope?: RunScope): string {
  const summary = summariseByFactor(reports);
  const problems = reports.flatMap((r) => r.parseProblems.map((p) => ({ path: r.path, p, text: parseProblemText(p) })));
  const counts = problemCounts(reports);
  const { syntax: syntaxErrors, duplicate, unread } = counts;
  const out: string[] = ['## Twelve-Factor Lens', ''];
  out.push(leadSentence(summary, counts, scope), '');
  if (summary.filesChecked === 0) return out.join('\n');
  out.push('| Factor | Findings | Worst | Files |', '| --- | ---: | --- | ---: |');
  for (const row of summary.rows) {
    const name = `[${row.factor.numeral}. ${row.factor.title}](${row.factor.url})`;
    out.push(row.findings === 0 ? `| ${name} | 0 | ✅ pass | 0 |` : `| ${name} | ${row.findings} | ${ICON[row.worst!]} | ${row.files} |`);
  }
  if (summary.other > 0) out.push(`| Suppression comments | ${summary.other} | | |`);
  // Counted as errors: a document can have several.
  if (syntaxErrors > 0) out.push('', `⚠️ ${problemCount('syntax', syntaxErrors)}: ${syntaxErrors === 1 ? 'its document was' : 'their documents were'} not analysed.`);
  if (duplicate > 0) out.push('', `⚠️ ${problemCount('duplicate', duplicate)}: kubectl and the Serverless Framework refuse such a file; the analysis read the last value of each.`);
  if (unread > 0) out.push('', `⚠️ ${problemCount('unread', unread)} (binary data, or nested too deeply): ${unread === 1 ? 'it was' : 'they were'} not analysed.`);
  for (const group of groupByFactor(reports)) {
    out.push('', group.factor ? `### ${group.factor.numeral}. ${group.factor.title}` : '### Suppression comments', '');
    out.push('| Where | Severity | Rule | Message |', '| --- | --- | --- | --- |');
    for (const file of group.files) {
      for (const f of file.findings) {
        out.push(`| ${codeCell(`${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`)} | ${ICON[f.severity]} | \`${f.ruleId}\` | ${cell(maskText(f.message))} |`);
      }
    }
  }
  for (const heading of problemHeadings(problems.map(({ p }) => p))) {
    out.push('', `### ${heading}`, '', '| Where | Message |', '| --- | --- |');
    for (const { path, p } of problems.filter(({ text }) => text.heading === heading)) out.push(`| ${codeCell(`${path}:${p.range.start.line + 1}:${p.range.start.character + 1}`)} | ${cell(maskText(p.message))} |`);
  }
  return out.join('\n') + '\n';
}
