/**
 * The properties every fix must have, checked on any text: used by the fix meta-test over
 * every rule case and corpus file, and by the reliability regressions. Returns the problems
 * found as readable lines (empty when all hold), so one failing test lists them all.
 */
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { applyEdits, fixUntilStable, selectFixes } from '../../server/src/core/edits';
import { ALL_RULES } from '../../server/src/core/rules';
import { KubernetesModel, type KubeObject } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import type { Configuration, Finding, Range } from '../../server/src/core/types';

export interface FixSubject {
  filename: string;
  text: string;
  configuration?: Configuration;
  workspace?: { filename: string; code: string }[];
}

export type Variant = 'original' | 'crlf' | 'cr' | 'bom';
export const VARIANTS: readonly Variant[] = ['original', 'crlf', 'cr', 'bom'];
const BOM = '\uFEFF';

/** The same text with every line break made CRLF, a lone CR, or with a byte order mark in front. */
export function variantOf(text: string, variant: Variant): string {
  if (variant === 'crlf') return text.replace(/\r\n|\r|\n/g, '\r\n');
  if (variant === 'cr') return text.replace(/\r\n|\r|\n/g, '\r');
  if (variant === 'bom') return text.startsWith(BOM) ? text : BOM + text;
  return text;
}

const RULE_META = new Map(ALL_RULES.map((r) => [r.meta.id, r.meta]));

export function analyzer(subject: Pick<FixSubject, 'filename' | 'configuration' | 'workspace'>): (text: string) => Analysis {
  const workspaceObjects: KubeObject[] = (subject.workspace ?? []).flatMap((f) => new KubernetesModel(new SourceText(`file:///workspace/${f.filename}`, f.code)).objects);
  return (text) => analyze({ uri: `file:///workspace/${subject.filename}`, languageId: '', text }, { configuration: subject.configuration, workspaceObjects });
}

function countBy(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

/** Line breaks of `text` in order: `\r\n`, `\n` or a lone `\r`. */
function lineBreaks(text: string): string[] {
  return text.match(/\r\n|\r|\n/g) ?? [];
}

function rangeInside(source: SourceText, range: Range): boolean {
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= source.lineCount) return false;
    if (p.character < 0 || p.character > source.lineText(p.line).length) return false;
  }
  return true;
}

/** Every finding's range lies within the text: no line past the end, no column past its line. */
export function rangeProblems(text: string, findings: readonly Finding[]): string[] {
  const source = new SourceText('memory://check', text);
  return findings
    .filter((f) => !rangeInside(source, f.range))
    .map((f) => `${f.ruleId}: range ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} points past its line`);
}

export interface FixCheckResult {
  problems: string[];
  /** How many individual fixes were checked. */
  fixesChecked: number;
}

/** Checks each fix on its own and the whole `--fix --unsafe-fixes` run on `subject.text`. */
export function checkFixes(subject: FixSubject): FixCheckResult {
  const problems: string[] = [];
  const run = analyzer(subject);
  const text = subject.text;
  const before = run(text);
  problems.push(...rangeProblems(text, before.findings));
  const source = new SourceText('memory://check', text);
  const eols = new Set(lineBreaks(text));
  const counts = countBy(before.findings);
  let fixesChecked = 0;

  for (const finding of before.findings) {
    if (!finding.fix) continue;
    fixesChecked++;
    const where = `${finding.ruleId} at ${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
    const meta = RULE_META.get(finding.ruleId);
    if (finding.fix.safety !== 'safe' && finding.fix.safety !== 'unsafe') problems.push(`${where}: fix without a safety class`);
    const applied = applyEdits(text, finding.fix.edits);
    if (applied.skipped.length) problems.push(`${where}: the fix's own edits overlap`);
    // Line breaks written by the fix are the document's own.
    if (eols.size > 0) {
      for (const edit of finding.fix.edits) {
        for (const eol of lineBreaks(edit.newText)) {
          if (eol !== source.eol) problems.push(`${where}: inserts ${JSON.stringify(eol)} into a file whose line ending is ${JSON.stringify(source.eol)}`);
        }
      }
    }
    // Bytes before the first and after the last edit are unchanged.
    const offsets = finding.fix.edits.flatMap((e) => [source.offsetAt(e.range.start), source.offsetAt(e.range.end)]);
    const first = Math.min(...offsets);
    const last = Math.max(...offsets);
    if (!applied.text.startsWith(text.slice(0, first)) || !applied.text.endsWith(text.slice(last))) problems.push(`${where}: bytes outside the edits changed`);
    if (text.startsWith(BOM) && !applied.text.startsWith(BOM)) problems.push(`${where}: byte order mark lost`);

    const after = run(applied.text);
    if (after.parsed.parseProblems.length > before.parsed.parseProblems.length) {
      problems.push(`${where}: the fix breaks the file: ${after.parsed.parseProblems.map((p) => p.message).join('; ')}`);
      continue;
    }
    problems.push(...rangeProblems(applied.text, after.findings).map((p) => `${where}, after the fix: ${p}`));
    const afterCounts = countBy(after.findings);
    if ((afterCounts.get(finding.ruleId) ?? 0) >= (counts.get(finding.ruleId) ?? 0)) problems.push(`${where}: the fixed finding is still reported`);
    const allowed = new Set([finding.ruleId, ...(meta?.fixIntroduces ?? [])]);
    for (const [ruleId, count] of afterCounts) {
      if (allowed.has(ruleId)) continue;
      if (count > (counts.get(ruleId) ?? 0)) problems.push(`${where}: the fix brings up ${ruleId} (declare it in meta.fixIntroduces if that is intended)`);
    }
  }

  // All fixes at once, as one --fix pass applies them: an insertion is only ever held back when it
  // falls strictly inside a range another fix replaces (several at one point all land).
  const all = selectFixes(before.findings, { unsafe: true }).edits;
  const together = applyEdits(text, all);
  const spans = all.map((e) => [source.offsetAt(e.range.start), source.offsetAt(e.range.end)] as const).filter(([a, b]) => a < b);
  for (const edit of together.skipped) {
    const p = source.offsetAt(edit.range.start);
    if (source.offsetAt(edit.range.end) !== p) continue; // a replacement overlapping another: a later pass applies it
    if (!spans.some(([a, b]) => a < p && p < b)) problems.push(`one pass drops the insertion ${JSON.stringify(edit.newText)} though nothing replaces its point`);
  }

  for (const unsafe of [false, true]) {
    const label = unsafe ? '--fix --unsafe-fixes' : '--fix';
    const first = fixUntilStable(text, run, { unsafe });
    if (first.broken) problems.push(`${label}: a pass would have broken the file and was undone`);
    if (!first.converged) problems.push(`${label}: does not settle after ${first.passes} passes`);
    const second = fixUntilStable(first.text, run, { unsafe });
    if (second.text !== first.text) problems.push(`${label}: a second run changes the file again`);
    const fixed = run(first.text);
    if (fixed.parsed.parseProblems.length > before.parsed.parseProblems.length) problems.push(`${label}: the fixed file has new parse problems: ${fixed.parsed.parseProblems.map((p) => p.message).join('; ')}`);
    if (text.startsWith(BOM) && !first.text.startsWith(BOM)) problems.push(`${label}: byte order mark lost`);
    const kept = new Set(lineBreaks(first.text));
    for (const eol of kept) if (eols.size > 0 && !eols.has(eol)) problems.push(`${label}: line ending ${JSON.stringify(eol)} appears in a file that had none`);
  }
  return { problems, fixesChecked };
}
