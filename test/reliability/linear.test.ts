// Linear growth: for each generated input kind (test/helpers/generate.ts), a 10x larger input must cost
// about 10x more, not 100x. Ratios, not absolute times, so a slow or busy machine does not fail it: each
// size is timed a few times and the best run kept, and the bound (20x) leaves room for noise and GC while
// a quadratic step (~100x) still fails. Sizes are kept small enough for CI; `npm run bench` measures
// 1k/10k/100k with a tighter bound.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { contextFilesWanted } from '../../server/src/core/build-context';
import { DockerfileModel } from '../../server/src/core/dockerfile/model';
import { SourceText } from '../../server/src/core/source';
import { unconditionalCommands } from '../../server/src/core/dockerfile/script-lines';
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

/**
 * An `it` asserting that analysing `text(large)` costs at most MAX_RATIO times `text(small)` (each the least of RUNS
 * analyses, after a warm-up at `warm`); `check` sees each analysis of a size.
 */
function growsLinearly(uri: string, text: (size: number) => string, sizes: { warm: number; small: number; large: number; unit: string }, check?: (analysis: ReturnType<typeof analyze>, size: number) => void): void {
  const bestOf = (size: number) => {
    const input = text(size);
    let best = Infinity;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const analysis = analyze({ uri, languageId: '', text: input });
      best = Math.min(best, performance.now() - start);
      check?.(analysis, size);
    }
    return best;
  };
  it(`${sizes.small} → ${sizes.large} ${sizes.unit} costs at most ${MAX_RATIO}x`, () => {
    bestOf(sizes.warm);
    const small = bestOf(sizes.small);
    const large = bestOf(sizes.large);
    assert.ok(large / small <= MAX_RATIO, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms, ratio ${(large / small).toFixed(1)}`);
  });
}

// Fuzz seed 5150 found this shape: every RUN asked which files the stage had copied so far, and the
// answer listed every earlier COPY (three dependency rules), so 900 COPY/RUN pairs took 3 s.
describe('dependency rules on a stage that copies a manifest and installs it over and over', () => {
  growsLinearly(
    'file:///generated/lockfiles/Dockerfile',
    (pairs) => 'FROM node:20\n' + 'COPY package.json ./\nRUN npm install\nCOPY package-lock.json yarn.lock ./\nRUN yarn install\n'.repeat(pairs) + 'CMD ["node", "a.js"]\n',
    { warm: 20, small: SMALL / 10, large: LARGE / 10, unit: 'pairs' },
  );
});

// The yaml package's own duplicate-key check compares each key with every earlier key of its map: a ConfigMap of
// 20,000 keys is 200 million comparisons. The core's check (duplicateKeyProblems) is one pass with a map of keys.
describe('duplicate keys of a wide map are found in linear time', () => {
  growsLinearly(
    'file:///generated/wide.yaml',
    (keys) => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\ndata:\n' + Array.from({ length: keys }, (_, i) => `  k${i % (keys / 2)}: v\n`).join(''),
    { warm: 200, small: SMALL, large: LARGE, unit: 'keys' },
    (analysis, keys) => assert.equal(analysis.parsed?.parseProblems.length, keys / 2),
  );
});

// Build variables defined from one another can double at each line (`ARG A2=${A1}${A1}`): expanded in full, 40 lines
// ask for a string of 4 GB ("Invalid string length"). Past a bound (model.expand) the value is unknown instead.
describe('build variables that double at each line', () => {
  for (const keyword of ['ARG', 'ENV']) {
    it(`${keyword}: no rule fails, and a download of the last one is still read`, () => {
      const chain = Array.from({ length: 40 }, (_, i) => `${keyword} A${i + 1}=\${A${i}}\${A${i}}`).join('\n');
      const text = `FROM alpine:3.20\n${keyword} A0=abcdefgh\n${chain}\nARG URL=https://github.com/acme/tool/archive/main.tar.gz\nRUN wget -q "$URL" && wget -q "$A40"\n`;
      const analysis = analyze({ uri: 'file:///generated/doubling/Dockerfile', languageId: 'dockerfile', text });
      assert.deepEqual(analysis.ruleFailures, []);
      assert.ok(analysis.findings.some((f) => f.ruleId === 'codebase/git-clone-in-build'));
    });
  }
});

// Each download of a URL held in a variable asks for the stage's variables: bounded per file, so that a file of many
// such downloads costs a pass per download only for the first few.
describe('downloads of URLs held in build variables', () => {
  growsLinearly(
    'file:///generated/downloads/Dockerfile',
    (pairs) => 'FROM alpine:3.20\n' + 'ARG URL=https://github.com/acme/tool/archive/main.tar.gz\nRUN wget -q "$URL"\n'.repeat(pairs),
    { warm: 20, small: SMALL / 10, large: LARGE / 10, unit: 'pairs' },
  );
});

// healthcheck-tool-missing reads package lists from variables at every RUN of the final image; each RUN used to
// rebuild the variables from the stage's first line (8,000 ARG/RUN pairs: 17 s). A stage's lines are read once now.
describe('install commands that take their packages from build variables', () => {
  growsLinearly(
    'file:///generated/variable-packages/Dockerfile',
    (pairs) => 'FROM debian:12\n' + Array.from({ length: pairs }, (_, i) => `ARG P${i}=lib${i}\nRUN apt-get install -y $P${i}\n`).join('') + 'HEALTHCHECK CMD curl -f localhost\nCMD ["app"]\n',
    { warm: 20, small: SMALL / 10, large: LARGE / 10, unit: 'pairs' },
    (analysis) => assert.ok(analysis.findings.some((f) => f.ruleId === 'dependencies/healthcheck-tool-missing')),
  );
});

// The scripts a build runs (`RUN ./docker/build/finalize.sh`) are traced back to the copy that put them there, which
// reads every copy of the stage: bounded per file, so a file of many copies and script runs stays linear.
describe('scripts a build runs, looked up among its copies', () => {
  it(`${SMALL / 10} → ${LARGE / 10} pairs costs at most ${MAX_RATIO}x`, () => {
    // Scripts no copy put there (a look-up that reads every copy and finds nothing), after copies of other folders.
    const text = (pairs: number) => 'FROM alpine:3.20\nWORKDIR /opt\n' + Array.from({ length: pairs }, (_, i) => `COPY step${i} ./step${i}\nRUN ./tools${i}/run.sh\n`).join('');
    const bestOf = (pairs: number) => {
      const source = text(pairs);
      let best = Infinity;
      for (let run = 0; run < RUNS; run++) {
        const model = new DockerfileModel(new SourceText('file:///generated/scripts/Dockerfile', source));
        const start = performance.now();
        const wanted = contextFilesWanted(model);
        best = Math.min(best, performance.now() - start);
        assert.equal(wanted.sources.length, pairs);
      }
      return best;
    };
    bestOf(20);
    const small = bestOf(SMALL / 10);
    const large = bestOf(LARGE / 10);
    assert.ok(large / small <= MAX_RATIO, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms, ratio ${(large / small).toFixed(1)}`);
  });
});

// An entrypoint script's calls of its own functions are read through their bodies, again at each call: a script whose
// functions each call the previous one many times would take exponential time without the bound on visits.
describe('entrypoint scripts of functions that call functions', () => {
  it(`${SMALL / 10} → ${LARGE / 10} functions of ${SMALL / 100} calls each costs at most ${MAX_RATIO}x`, () => {
    const calls = SMALL / 100;
    const text = (functions: number) =>
      '#!/bin/sh\nf0() {\n  echo start\n}\n' +
      Array.from({ length: functions - 1 }, (_, i) => `f${i + 1}() {\n${`  f${i}\n`.repeat(calls)}}\n`).join('') +
      `f${functions - 1}\npython manage.py migrate\nexec "$@"\n`;
    const bestOf = (functions: number) => {
      const source = text(functions);
      let best = Infinity;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const commands = unconditionalCommands('file:///generated/entrypoint.sh', source, []);
        best = Math.min(best, performance.now() - start);
        assert.ok(commands.length > 0);
      }
      return best;
    };
    bestOf(20);
    const small = bestOf(SMALL / 10);
    const large = bestOf(LARGE / 10);
    assert.ok(large / small <= MAX_RATIO, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms, ratio ${(large / small).toFixed(1)}`);
  });
});
