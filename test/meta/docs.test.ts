// docs/rules/<id>.md: one page per rule, generated from its metadata and its test cases
// (scripts/rule-docs-render.ts). Fails when a page is missing, stale or left over from a removed
// rule: run `npm run docs:rules`. The extension ships the pages (the diagnostics link to them).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../server/src/core/rules';
import type { Rule } from '../../server/src/core/rule';
import type { RuleCases } from '../helpers/rule-tester';
import { loadRuleCases, renderRuleDoc, ruleDocPath, RULE_DOCS_DIR } from '../../scripts/rule-docs-render';

function pagesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((e) => (statSync(join(dir, e)).isDirectory() ? pagesUnder(join(dir, e)) : e.endsWith('.md') ? [join(dir, e).split('\\').join('/')] : []));
}

describe('rule documentation pages', () => {
  let cases: Map<string, { rule: Rule; cases: RuleCases }>;
  before(async () => {
    cases = await loadRuleCases();
  });

  it('every rule has its page, and each page is what its metadata and tests generate', () => {
    const stale: string[] = [];
    for (const rule of ALL_RULES) {
      const path = ruleDocPath(rule.meta.id);
      const expected = renderRuleDoc(rule, cases.get(rule.meta.id)?.cases);
      if (!existsSync(path) || readFileSync(path, 'utf8') !== expected) stale.push(path);
    }
    assert.deepEqual(stale, [], 'missing or stale rule pages: run `npm run docs:rules`');
  });

  it('no page is left from a rule that no longer exists', () => {
    const wanted = new Set(ALL_RULES.map((r) => ruleDocPath(r.meta.id)));
    assert.deepEqual(pagesUnder(RULE_DOCS_DIR).filter((p) => !wanted.has(p)), []);
  });

  it('a page explains the rule: description, rationale, examples from its tests, fix, suppression, factor', () => {
    const shell = ALL_RULES.find((r) => r.meta.id === 'disposability/shell-form-command')!;
    const page = renderRuleDoc(shell, cases.get(shell.meta.id)?.cases);
    assert.ok(page.includes(shell.meta.description));
    assert.ok(page.includes(shell.meta.rationale));
    const firstInvalid = cases.get(shell.meta.id)!.cases.invalid[0];
    assert.ok(page.includes(`## Examples that are reported\n\n**Simple shell-form CMD**\n\n\`\`\`dockerfile\n${firstInvalid.code}\`\`\``), 'the first reported case, verbatim');
    assert.match(page, /- line 2, column 1: CMD in shell form/);
    assert.match(page, /## Examples that are not reported\n\n\*\*Exec form\*\*/);
    assert.match(page, /After:\n\n```dockerfile\nFROM node:20-slim\nCMD \["node", "server\.js"\]\n```/);
    assert.match(page, /# twelve-factor-ignore disposability\/shell-form-command -- <say why>/);
    assert.match(page, /hadolint `DL3025`/);
    assert.match(page, /\(https:\/\/12factor\.net\/disposability\)/);
    // Every rule with cases has at least one reported example on its page.
    const without = ALL_RULES.filter((r) => cases.get(r.meta.id) && !readFileSync(ruleDocPath(r.meta.id), 'utf8').includes('## Examples that are reported'));
    assert.deepEqual(without.map((r) => r.meta.id), []);
  });

  it('the extension package ships the pages', () => {
    assert.match(readFileSync('.vscodeignore', 'utf8'), /^!docs\/rules\/\*\*$/m);
  });
});
