// The analysis worker's warm-up inputs (server/src/warm-up.ts): the worker drops their results and swallows their
// failures, so this is where a broken warm-up would show. Each must analyse cleanly and run the paths of a real
// file, findings included, or the user's first analysis compiles them instead.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeParsed, detectTarget, parseDocument } from '../../server/src/core/analyze';
import { WARM_UP } from '../../server/src/warm-up';

describe('the analysis worker warm-up inputs', () => {
  it('are a Dockerfile and a Kubernetes manifest', () => {
    assert.deepEqual(
      WARM_UP.map((input) => detectTarget(input.uri, input.languageId)),
      ['dockerfile', 'kubernetes'],
    );
  });

  for (const input of WARM_UP) {
    it(`${input.uri.split('/').pop()}: no parse problem, no rule failure, findings of several rules`, () => {
      const parsed = parseDocument(input);
      assert.deepEqual(parsed.parseProblems, []);
      const result = analyzeParsed(parsed, {});
      assert.deepEqual(result.ruleFailures, []);
      const rules = new Set(result.findings.map((f) => f.ruleId));
      assert.ok(rules.size >= 2, [...rules].join(', '));
    });
  }

  it('the Dockerfile has most instruction kinds and more than one stage', () => {
    const parsed = parseDocument(WARM_UP[0]);
    const keywords = new Set(parsed.dockerfile!.instructions.map((i) => i.getKeyword()));
    for (const keyword of ['ARG', 'FROM', 'WORKDIR', 'RUN', 'COPY', 'ADD', 'ENV', 'LABEL', 'EXPOSE', 'USER', 'HEALTHCHECK', 'STOPSIGNAL', 'ENTRYPOINT', 'CMD']) {
      assert.ok(keywords.has(keyword), keyword);
    }
    assert.equal(parsed.dockerfile!.stages.length, 2);
  });
});
