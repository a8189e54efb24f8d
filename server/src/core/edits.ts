/** Applying text edits to a string: used by the CLI's `--fix` and by the tests that check fixes. */
import type { TextEdit } from './types';
import { SourceText, comparePositions } from './source';

/**
 * Applies non-overlapping edits (later ones first, so offsets stay valid). Edits that
 * overlap an already applied one are skipped and returned, never merged blindly.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const source = new SourceText('memory://edit', text);
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start) || comparePositions(b.range.end, a.range.end));
  let result = text;
  let lowerBound = Number.POSITIVE_INFINITY;
  let lastWasInsertionAt = -1;
  const skipped: TextEdit[] = [];
  for (const edit of sorted) {
    const start = source.offsetAt(edit.range.start);
    const end = source.offsetAt(edit.range.end);
    // Two insertions at one point would both land, in an order nobody chose: keep the first only.
    const sameInsertionPoint = start === end && start === lastWasInsertionAt;
    if (end > lowerBound || sameInsertionPoint) {
      skipped.push(edit);
      continue;
    }
    result = result.slice(0, start) + edit.newText + result.slice(end);
    lowerBound = start;
    lastWasInsertionAt = start === end ? start : -1;
  }
  return { text: result, skipped };
}
