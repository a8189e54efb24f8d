import { it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/edits';

const at = (line: number, character: number) => ({ line, character });

it('applies non-overlapping edits and skips overlapping ones', () => {
  const text = 'a: 1\r\nb: 2\r\n';
  const r = applyEdits(text, [
    { range: { start: at(0, 3), end: at(0, 4) }, newText: '10' },
    { range: { start: at(1, 0), end: at(1, 4) }, newText: 'c: 3' },
    { range: { start: at(1, 2), end: at(1, 3) }, newText: 'X' },
  ]);
  assert.equal(r.text, 'a: 10\r\nc: 3\r\n', 'the earlier-starting edit wins; the one it overlaps is skipped');
  assert.equal(r.skipped.length, 1);
  assert.equal(r.skipped[0].newText, 'X');
});

it('the same insertion offered twice lands once; different ones at one point all land, in order', () => {
  const same = applyEdits('spec:\n', [
    { range: { start: at(1, 0), end: at(1, 0) }, newText: '  a: 1\n' },
    { range: { start: at(1, 0), end: at(1, 0) }, newText: '  a: 1\n' },
  ]);
  assert.deepEqual(same, { text: 'spec:\n  a: 1\n', skipped: [] });
  const different = applyEdits('spec:\n', [
    { range: { start: at(1, 0), end: at(1, 0) }, newText: '  b: 2\n' },
    { range: { start: at(1, 0), end: at(1, 0) }, newText: '  a: 1\n' },
  ]);
  assert.deepEqual(different, { text: 'spec:\n  b: 2\n  a: 1\n', skipped: [] });
});
