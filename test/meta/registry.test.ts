// Consistency of the rule registry, in the manner of ESLint's build-time checks: every rule
// file is registered, sits at the path its id names, has complete metadata and a test file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../server/src/core/rules';
import { FACTORS } from '../../server/src/core/factors';

const RULES_DIR = 'server/src/core/rules';
const SLUGS = new Set(FACTORS.map((f) => f.slug));

function ruleFiles(target: string): string[] {
  const files: string[] = [];
  for (const factor of readdirSync(join(RULES_DIR, target))) {
    const dir = join(RULES_DIR, target, factor);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir)) if (file.endsWith('.ts') && file !== 'index.ts') files.push(`${factor}/${file.replace(/\.ts$/, '')}`);
  }
  return files.sort();
}

describe('rule registry', () => {
  it('ids are unique, kebab-case and prefixed by their factor', () => {
    const ids = ALL_RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule id');
    for (const rule of ALL_RULES) {
      assert.match(rule.meta.id, /^[a-z-]+\/[a-z0-9]+(-[a-z0-9]+)*$/, rule.meta.id);
      assert.equal(rule.meta.id.split('/')[0], rule.meta.factor, rule.meta.id);
      assert.ok(SLUGS.has(rule.meta.factor), rule.meta.id);
    }
  });

  it('every rule file is registered, under the path its id names', () => {
    for (const target of ['dockerfile', 'kubernetes', 'serverless'] as const) {
      const registered = ALL_RULES.filter((r) => r.meta.target === target).map((r) => r.meta.id).sort();
      assert.deepEqual(registered, ruleFiles(target), `${target}: rule files and registry differ`);
    }
  });

  it('metadata is complete', () => {
    for (const { meta } of ALL_RULES) {
      assert.ok(meta.description.length > 10 && !meta.description.includes('\n'), `${meta.id}: one-line description`);
      assert.ok(meta.rationale.length > 80, `${meta.id}: rationale`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(meta.defaultSeverity), meta.id);
      assert.ok(Object.keys(meta.messages).length > 0, `${meta.id}: messages`);
      for (const code of meta.hadolint ?? []) assert.match(code, /^(DL|SC)\d{4}$/, meta.id);
      if (meta.hadolint?.length) assert.ok(meta.rationale.includes('hadolint'), `${meta.id}: say in the rationale that hadolint pragmas are honoured`);
    }
  });

  it('every fixable rule classes its fixes safe or unsafe, and `fixable` follows from it', () => {
    const fixable = ALL_RULES.filter((r) => r.meta.fix !== undefined);
    assert.ok(fixable.length >= 15, `expected the ~20 fixable rules, found ${fixable.length}`);
    for (const { meta } of ALL_RULES) {
      assert.ok(meta.fix === undefined || meta.fix === 'safe' || meta.fix === 'unsafe', `${meta.id}: fix must be 'safe' or 'unsafe'`);
      assert.equal(meta.fixable, meta.fix !== undefined, `${meta.id}: fixable must follow from fix`);
      for (const id of meta.fixIntroduces ?? []) assert.ok(ALL_RULES.some((r) => r.meta.id === id), `${meta.id}: fixIntroduces names unknown rule ${id}`);
      if (meta.fixIntroduces?.length) assert.ok(meta.fix, `${meta.id}: fixIntroduces without a fix`);
    }
    // The classes the issue pinned down: these change behaviour or need a value only the user knows.
    for (const id of ['config/environment-switch', 'config/environment-switch-in-env', 'processes/sticky-sessions', 'concurrency/missing-resource-requests', 'config/literal-secret-in-manifest']) {
      assert.equal(ALL_RULES.find((r) => r.meta.id === id)?.meta.fix, 'unsafe', `${id} must be unsafe`);
    }
  });

  it('every rule has its own test file that tests it', () => {
    for (const { meta } of ALL_RULES) {
      const testFile = join('test/rules', meta.target, `${meta.id}.test.ts`);
      assert.ok(existsSync(testFile), `${meta.id}: missing ${testFile}`);
      const text = readFileSync(testFile, 'utf8');
      assert.ok(text.includes(`rules/${meta.target}/${meta.id}'`) && text.includes('testRule('), `${testFile} must import the rule and call testRule`);
    }
  });

  it('every message template is one sentence, so it fits the Problems panel (details belong in the hover)', () => {
    for (const { meta } of ALL_RULES) {
      for (const [id, template] of Object.entries(meta.messages)) {
        // Code spans and placeholders may hold dots; what is left is our prose.
        const prose = template.replace(/`[^`]*`/g, 'x').replace(/\{\{[^}]*\}\}/g, 'x');
        assert.ok(!/[.!?:] [A-Z]/.test(prose), `${meta.id}#${id}: one sentence please: ${template}`);
        assert.ok(!/\be\.g\./.test(prose), `${meta.id}#${id}: "e.g." reads as a second sentence: ${template}`);
      }
    }
  });

  it('every rationale says when the rule does not fire', () => {
    // Hover and the generated docs must tell users what a rule deliberately leaves alone, so a new rule without it fails.
    const SAYS_WHEN_SILENT = /not reported|not (fire|asked|flagged|judged)|stays? silent|is silent|are silent|skipped|never fires|does not (fire|report|apply)|not counted|are not|is not|left alone|ignored/i;
    const missing = ALL_RULES.filter((r) => !SAYS_WHEN_SILENT.test(r.meta.rationale)).map((r) => r.meta.id);
    assert.deepEqual(missing, [], `rationales that never say when the rule does not fire (add a "Not reported: …" paragraph): ${missing.join(', ')}`);
  });
});
