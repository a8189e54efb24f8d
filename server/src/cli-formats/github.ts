/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, so
 * GitHub shows each finding as an annotation on the pull request's diff.
 * Escaping follows the runner's rules: `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import type { Severity } from '../core/types';
import type { FileReport } from '../cli-format';
import { factorShortLabel } from './summary';
import { parseProblemText } from '../core/parse-problems';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = escapeProperty(report.path);
    for (const p of report.parseProblems) {
      const { label, message, severity } = parseProblemText(p);
      lines.push(`::${COMMAND[severity]} file=${file},line=${p.range.start.line + 1},col=${p.range.start.character + 1},title=${escapeProperty(`twelve-factor-lens ${label}`)}::${escapeData(message)}`);
    }
    for (const f of report.findings) {
      const { start, end } = f.range;
      const position = `line=${start.line + 1},col=${start.character + 1}` + (end.line === start.line ? `,endColumn=${end.character + 1}` : `,endLine=${end.line + 1}`);
      const label = factorShortLabel(f);
      const title = escapeProperty(`${f.ruleId}${label ? ` (${label})` : ''}`);
      lines.push(`::${COMMAND[f.severity]} file=${file},${position},title=${title}::${escapeData((label ? `${label}: ` : '') + f.message)}`);
    }
  }
  return lines.join('\n');
}
