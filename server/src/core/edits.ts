/** Applying text edits to a string: used by the CLI's `--fix`, the rule tester and the tests that check fixes. */
import type { Finding, TextEdit } from './types';
import { SourceText } from './source';

/**
 * Applies edits in one pass, front to back, so every byte outside the edits is kept.
 *
 * - Several insertions at one point all land, in the order they were given (callers
 *   that merge the fixes of several findings sort them first; the CLI sorts by rule id).
 * - An insertion at the start or at the end of a replaced range lands before or after it.
 * - An edit given twice (same range, same text) lands once.
 * - An edit that overlaps an accepted one (an insertion strictly inside a replaced
 *   range, or two replaced ranges that share a character) is skipped and returned,
 *   never merged blindly. Of two overlapping edits the one that starts first wins.
 *
 * Linear in the text plus n log n in the edits.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const source = new SourceText('memory://edit', text);
  const resolved = edits.map((edit, index) => ({ edit, index, start: source.offsetAt(edit.range.start), end: source.offsetAt(edit.range.end) }));
  for (const r of resolved) if (r.end < r.start) [r.start, r.end] = [r.end, r.start];
  resolved.sort((a, b) => a.start - b.start || (a.end === a.start ? 0 : 1) - (b.end === b.start ? 0 : 1) || a.end - b.end || a.index - b.index);
  const skipped: { edit: TextEdit; index: number }[] = [];
  const pieces: string[] = [];
  let copiedUpTo = 0; // end of the text already copied (= end of the last accepted replacement)
  let previous: (typeof resolved)[number] | undefined;
  for (const r of resolved) {
    if (previous && previous.start === r.start && previous.end === r.end && previous.edit.newText === r.edit.newText) continue;
    if (r.start === r.end && r.edit.newText === '') continue;
    if (r.start < copiedUpTo) {
      skipped.push(r);
      continue;
    }
    pieces.push(text.slice(copiedUpTo, r.start), r.edit.newText);
    copiedUpTo = r.end;
    previous = r;
  }
  pieces.push(text.slice(copiedUpTo));
  skipped.sort((a, b) => a.index - b.index);
  return { text: pieces.join(''), skipped: skipped.map((s) => s.edit) };
}

/** Which fixes `--fix` (and the rule tester, and fix-on-save) apply. */
export interface FixSelection {
  /** The edits of the chosen fixes, ordered by rule id, then in the order the findings came. */
  edits: TextEdit[];
  /** Findings whose fix was chosen. */
  applied: number;
  /** Findings with an unsafe fix that was left out because unsafe fixes were not asked for. */
  unsafeSkipped: number;
}

/**
 * The edits to apply for a set of findings: safe fixes always, unsafe ones only when
 * `unsafe` is set. The order is stable (rule id, then finding order) so that several
 * insertions at one point land the same way on every run.
 */
export function selectFixes(findings: readonly Finding[], options: { unsafe?: boolean } = {}): FixSelection {
  const chosen: { ruleId: string; index: number; edits: TextEdit[] }[] = [];
  let unsafeSkipped = 0;
  findings.forEach((finding, index) => {
    if (!finding.fix) return;
    if (finding.fix.safety !== 'safe' && !options.unsafe) {
      unsafeSkipped++;
      return;
    }
    chosen.push({ ruleId: finding.ruleId, index, edits: finding.fix.edits });
  });
  chosen.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.index - b.index));
  return { edits: chosen.flatMap((c) => c.edits), applied: chosen.length, unsafeSkipped };
}

/** What `fixUntilStable` needs of an analysis: its findings and how many parse problems the text has. */
export interface FixableAnalysis {
  findings: readonly Finding[];
  parsed?: { parseProblems: readonly unknown[] };
}

/**
 * Applies the chosen fixes, re-analyses and repeats until nothing more is fixed (fixes that
 * overlapped one another land on a later pass; a fix may make another rule's fix possible),
 * so that running it again changes nothing. `analyze` turns a text into an analysis.
 *
 * A pass after which the file has more parse problems than before is undone and the run
 * stops (`broken` is set): a fix must never be what breaks a file. Stops after `maxPasses`,
 * which only a pair of rules undoing each other's fixes would reach (`converged` is false).
 */
export function fixUntilStable<A extends FixableAnalysis>(
  text: string,
  analyze: (text: string) => A,
  options: { unsafe?: boolean; maxPasses?: number } = {},
): { text: string; passes: number; applied: number; unsafeSkipped: number; analysis: A; converged: boolean; broken: boolean } {
  const maxPasses = options.maxPasses ?? 10;
  let analysis = analyze(text);
  const problemsOf = (a: A) => a.parsed?.parseProblems.length ?? 0;
  let applied = 0;
  let passes = 0;
  const done = (selection: FixSelection, converged: boolean, broken = false) => ({ text, passes, applied, unsafeSkipped: selection.unsafeSkipped, analysis, converged, broken });
  for (;;) {
    const selection = selectFixes(analysis.findings, options);
    if (selection.edits.length === 0) return done(selection, true);
    const result = applyEdits(text, selection.edits);
    if (result.text === text) return done(selection, true);
    if (passes === maxPasses) return done(selection, false);
    const next = analyze(result.text);
    if (problemsOf(next) > problemsOf(analysis)) return done(selection, false, true);
    text = result.text;
    passes++;
    applied += selection.applied - countSkippedFixes(analysis.findings, result.skipped);
    analysis = next;
  }
}

function countSkippedFixes(findings: readonly Finding[], skipped: readonly TextEdit[]): number {
  if (skipped.length === 0) return 0;
  const set = new Set(skipped);
  return findings.filter((f) => f.fix?.edits.some((e) => set.has(e))).length;
}
