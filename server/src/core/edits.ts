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
  const skipped: TextEdit[] = [];
  for (const edit of sorted) {
    const start = source.offsetAt(edit.range.start);
    const end = source.offsetAt(edit.range.end);
    if (end > lowerBound) {
      skipped.push(edit);
      continue;
    }
    result = result.slice(0, start) + edit.newText + result.slice(end);
    lowerBound = start;
  }
  return { text: result, skipped };
}
