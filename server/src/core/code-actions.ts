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

/**
 * Placeholder the user replaces. The suppression parser counts it as no reason at all
 * (`isPlaceholderReason`), so until it is replaced the comment shows `suppression/missing-reason`.
 */
export const REASON_PLACEHOLDER = '<reason>';

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
    proposals.push({ title: `Ignore ${finding.ruleId} in this file (with a reason)`, edits: [ignoreFileEdit(analysis, finding.ruleId)], isPreferred: false, finding });
  }
  return proposals;
}

/**
 * One edit that applies every safe fix of the document (`source.fixAll`, fix-on-save). Fixes that
 * overlap an earlier one are left for the next run, as `applyEdits` would skip them anyway.
 */
export function fixAllEdits(analysis: Analysis): TextEdit[] {
  const edits: TextEdit[] = [];
  const sorted = analysis.findings
    .filter((f) => f.fix && f.fix.safety === 'safe')
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId));
  const taken: TextEdit[] = [];
  for (const finding of sorted) {
    const own = finding.fix!.edits;
    if (own.some((e) => taken.some((t) => editsOverlap(e, t)))) continue;
    for (const e of own) {
      if (taken.some((t) => sameEdit(t, e))) continue;
      taken.push(e);
      edits.push(e);
    }
  }
  return edits;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

/** Two edits touch the same text (an insertion at the very edge of a replacement does not). */
function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (sameEdit(a, b)) return false;
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

/**
 * Inserts `# twelve-factor-ignore-file <id> -- <reason>` at the top of the file: after a
 * Dockerfile's parser directives (`# syntax=`, `# escape=`, which must stay first) and after a
 * YAML `%` directive block.
 */
export function ignoreFileEdit(analysis: Analysis, ruleId: string): TextEdit {
  const { source, dockerfile } = analysis.parsed;
  let line = 0;
  const isDirective = dockerfile ? (text: string) => /^#[ \t]*[A-Za-z]+[ \t]*=/.test(text) : (text: string) => text.startsWith('%');
  while (line < source.lineCount && isDirective(source.lineText(line))) line++;
  if (!dockerfile && line > 0 && source.lineText(line).trim() === '---') line++;
  const position = { line, character: 0 };
  const atEnd = line >= source.lineCount;
  return { range: { start: position, end: position }, newText: `${atEnd && source.text.length > 0 && !source.text.endsWith('\n') ? source.eol : ''}# twelve-factor-ignore-file ${ruleId} -- ${REASON_PLACEHOLDER}${source.eol}` };
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
