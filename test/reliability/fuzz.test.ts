// A CI-sized run of the fuzzer (scripts/fuzz.ts; `npm run fuzz -- --seed N --count M` for long runs):
// mutants of the project's own examples, corpus and fixtures go through the core as the server drives it
// (analysis, hover, code actions, fixes applied and re-analysed). None may throw out of the core, fail a
// rule, put a range outside the document or say "undefined" in a message. Fixed seed: the same inputs on
// every run, so a failure here is reproducible with the printed index.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkInput, loadSeeds, makeCase, mulberry32, runFuzz } from '../../scripts/fuzz';

const SEED = 424242;
const COUNT = 2000;

describe('fuzz harness', () => {
  it('is deterministic by seed and index', () => {
    const seeds = loadSeeds();
    assert.ok(seeds.length > 50, `seeds found: ${seeds.length}`);
    assert.deepEqual(makeCase(seeds, 5, 17), makeCase(seeds, 5, 17));
    assert.notDeepEqual(makeCase(seeds, 5, 17).text, makeCase(seeds, 6, 17).text);
    const a = mulberry32(1);
    const b = mulberry32(1);
    assert.deepEqual([a(), a(), a()], [b(), b(), b()]);
  });

  it('detects what it checks for', () => {
    // A heredoc that dockerfile-ast cannot read is contained: no failure.
    assert.equal(checkInput('Dockerfile', 'FROM alpine\nRUN <<-\n\t\n'), undefined);
    // A budget nothing can meet marks the input slow: the time check is live.
    assert.equal(checkInput('Dockerfile', 'FROM alpine\nRUN true\n', -1)?.kind, 'slow');
  });
});

describe(`fuzz: ${COUNT} mutants (seed ${SEED})`, () => {
  it('no uncontained throw, rule failure, range outside the document or bad message', () => {
    const report = runFuzz({ seed: SEED, count: COUNT, maxInput: 20_000, budgetMs: 5000 });
    const described = report.failures.map((f) => `[${f.kind}] ${f.key} (input ${f.case.index}, ${f.case.mutation}): ${f.detail.split('\n')[0]}\n  reproducer: ${JSON.stringify(f.reproducer.slice(0, 300))}`);
    assert.deepEqual(described, []);
  });
});
