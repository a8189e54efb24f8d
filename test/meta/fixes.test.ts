// Every fix the rules offer, applied on every rule-test case and corpus file where it fires,
// in the file's own line endings and converted to CRLF, to lone CR and with a byte order mark:
// the result parses, the fixed finding is gone, nothing new appears (unless the rule declares
// it in meta.fixIntroduces), bytes outside the edits are kept, and a second run changes nothing.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectRuleCases, type RuleCases } from '../helpers/rule-tester';
import { checkFixes, VARIANTS, variantOf, type FixSubject } from '../helpers/fix-invariants';
import type { Rule } from '../../server/src/core/rule';
import { ALL_RULES } from '../../server/src/core/rules';

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(entry)) out.push(path);
  }
  return out;
}

const RULE_TEST_FILES = filesUnder('test/rules', (n) => n.endsWith('.test.ts'));
const CORPUS_FILES = [...filesUnder('examples', () => true), ...filesUnder('test/corpus', () => true)].filter(
  (p) => /(^|[/.])(Dockerfile|Containerfile)([/.]|$)|\.dockerfile$|\.ya?ml$/i.test(p) && !p.endsWith('.expected'),
);

function subjectsOf(rule: Rule, cases: RuleCases): FixSubject[] {
  const defaultName = rule.meta.target === 'dockerfile' ? 'Dockerfile' : 'manifest.yaml';
  return [...cases.valid, ...cases.invalid].map((c) => (typeof c === 'string' ? { filename: defaultName, text: c } : { filename: c.filename ?? defaultName, text: c.code, configuration: c.configuration, workspace: c.workspace }));
}

describe('fixes (meta)', () => {
  let collected: { rule: Rule; cases: RuleCases }[] = [];
  before(async () => {
    collected = await collectRuleCases(RULE_TEST_FILES.map((file) => () => import(pathToFileURL(join(process.cwd(), file)).href)));
  });

  it('collects the case tables of every rule test', () => {
    assert.equal(collected.length, RULE_TEST_FILES.length);
    assert.ok(CORPUS_FILES.length >= 20, `corpus files found: ${CORPUS_FILES.length}`);
  });

  for (const variant of VARIANTS) {
    it(`every fix on every rule case holds its invariants (${variant})`, () => {
      const problems: string[] = [];
      let fixes = 0;
      const fixedRules = new Set<string>();
      for (const { rule, cases } of collected) {
        subjectsOf(rule, cases).forEach((subject, index) => {
          const result = checkFixes({ ...subject, text: variantOf(subject.text, variant) });
          fixes += result.fixesChecked;
          if (result.fixesChecked && rule.meta.fix) fixedRules.add(rule.meta.id);
          for (const p of result.problems) problems.push(`${rule.meta.id} case ${index + 1}: ${p}`);
        });
      }
      assert.deepEqual(problems, []);
      // The check ran: every fixable rule's fix was exercised on its own cases.
      const fixable = ALL_RULES.filter((r) => r.meta.fix).map((r) => r.meta.id);
      assert.deepEqual(fixable.filter((id) => !fixedRules.has(id)), [], 'fixable rules whose fix never fired on their own cases');
      assert.ok(fixes > 40, `fixes checked: ${fixes}`);
    });

    it(`every fix on the examples and corpus holds its invariants (${variant})`, () => {
      const problems: string[] = [];
      for (const file of CORPUS_FILES) {
        const name = relative('.', file).split('\\').join('/');
        const result = checkFixes({ filename: name, text: variantOf(readFileSync(file, 'utf8'), variant) });
        for (const p of result.problems) problems.push(`${name}: ${p}`);
      }
      assert.deepEqual(problems, []);
    });
  }
});
