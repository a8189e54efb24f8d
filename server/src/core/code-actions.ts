/**
 * Quick fixes for the findings under a range: the rule's own fix (preferred when safe) and
 * the suppression comment "ignore here, with a reason". Pure: returns edits, the
 * server turns them into LSP code actions and the CLI's `--fix` applies the fixes.
 */
import type { Finding, Range, TextEdit } from './types';
import type { Analysis } from './analyze';
import { rangesOverlap } from './source';
import { maskText } from './mask';

export interface CodeActionProposal {
  title: string;
  edits: TextEdit[];
  /** A safe rule fix is preferred; unsafe fixes and suppressions never are. */
  isPreferred: boolean;
  /** Set on a rule's own fix: whether it is safe to apply unasked (fix-on-save applies safe ones only). */
  safety?: 'safe' | 'unsafe';
  finding: Finding;
}

/** Placeholder the user replaces; written so that it reads as an instruction, not as a real reason. */
export const REASON_PLACEHOLDER = 'say why this is acceptable here';

export function codeActionsFor(analysis: Analysis, range: Range): CodeActionProposal[] {
  const proposals: CodeActionProposal[] = [];
  for (const finding of analysis.findings) {
    if (!rangesOverlap(finding.range, range)) continue;
    if (finding.fix) {
      const safe = finding.fix.safety === 'safe';
      // An unsafe fix is offered, marked in its title, and never preferred (so no editor applies it on its own).
      const title = maskText(finding.fix.title); // already masked by the engine; idempotent for fixes from elsewhere
      proposals.push({ title: safe ? title : `${title} (unsafe)`, edits: finding.fix.edits, isPreferred: safe, safety: safe ? 'safe' : 'unsafe', finding });
    }
    if (finding.factor === null) continue; // suppression diagnostics are fixed by editing the comment itself
    const ignore = ignoreLineEdit(analysis, finding);
    if (ignore) proposals.push({ title: `Ignore ${finding.ruleId} here (with a reason)`, edits: [ignore], isPreferred: false, finding });
  }
  return proposals;
}

/** Inserts `# twelve-factor-ignore <id> -- <reason>` above the line or instruction the finding starts on. */
export function ignoreLineEdit(analysis: Analysis, finding: Finding): TextEdit | undefined {
  const { source, dockerfile } = analysis.parsed;
  let line = finding.range.start.line;
  if (dockerfile) {
    // A comment in the middle of a continued instruction would not apply to it: go to its first line.
    const instruction = dockerfile.instructions.find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
    if (instruction) line = instruction.getRange().start.line;
  }
  const indent = source.indentOf(line);
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `${indent}# twelve-factor-ignore ${finding.ruleId} -- ${REASON_PLACEHOLDER}${source.eol}` };
}
