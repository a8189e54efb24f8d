// Linear growth: for each generated input kind (test/helpers/generate.ts), a 10x larger input must cost
// about 10x more, not 100x. Ratios, not absolute times, so a slow or busy machine does not fail it: each
// size is timed a few times and the best run kept, and the bound (20x) leaves room for noise and GC while
// a quadratic step (~100x) still fails. Sizes are kept small enough for CI; `npm run bench` measures
// 1k/10k/100k with a tighter bound.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { generate, INPUT_KINDS } from '../helpers/generate';

const SMALL = 2_000;
const LARGE = 20_000;
const RUNS = 3;
const MAX_RATIO = 20;

function bestOf(kind: (typeof INPUT_KINDS)[number], lines: number): number {
  const input = generate(kind, lines);
  let best = Infinity;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const analysis = analyze({ uri: input.uri, languageId: '', text: input.text });
    best = Math.min(best, performance.now() - start);
    assert.deepEqual(analysis.ruleFailures, []);
  }
  return best;
}

describe(`analysis time grows linearly (${SMALL} → ${LARGE} lines costs at most ${MAX_RATIO}x)`, () => {
  for (const kind of INPUT_KINDS) {
    it(kind, () => {
      bestOf(kind, 200); // warm up the rules' code paths
      const small = bestOf(kind, SMALL);
      const large = bestOf(kind, LARGE);
      const ratio = large / small;
      assert.ok(ratio <= MAX_RATIO, `${SMALL} lines: ${small.toFixed(0)} ms, ${LARGE} lines: ${large.toFixed(0)} ms, ratio ${ratio.toFixed(1)}`);
    });
  }
});
