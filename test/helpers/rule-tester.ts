/**
 * Data-driven rule tests in the manner of ESLint's RuleTester: every rule states
 * cases that must stay silent and cases that must fire at exact 1-based positions;
 * a fixable rule states the text after its fixes, and the fixed text is re-linted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits, selectFixes } from '../../server/src/core/edits';
import type { Rule } from '../../server/src/core/rule';
import type { Configuration, Finding } from '../../server/src/core/types';
import { KubernetesModel, type KubeObject } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import type { BuildContext } from '../../server/src/core/build-context';

export interface RuleCase {
  /** Short description shown in the test output. */
  name?: string;
  code: string;
  /** File name (not a URI); defaults to `Dockerfile` or `manifest.yaml` by the rule's target. */
  filename?: string;
  configuration?: Configuration;
  /** Other files of the workspace (Kubernetes relations across files). */
  workspace?: { filename: string; code: string }[];
  /** What the caller read of a Dockerfile's build context (`.dockerignore`, entrypoint script). */
  buildContext?: BuildContext;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  messageId?: string;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  /** The lines (1-based) of the finding's related locations, in order; checked when given. */
  relatedLines?: number[];
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
  /** Text after applying every fix the rule offered; `null` when it offers none for this case. Required for fixable rules. */
  output?: string | null;
  /** The class every fix of this case must have (defaults to the rule's `meta.fix`, or stricter). */
  fixSafety?: 'safe' | 'unsafe';
}

export interface RuleCases {
  valid: (RuleCase | string)[];
  invalid: InvalidCase[];
}

const MINIMUM_CASES = 3;

function uriOf(rule: Rule, filename?: string): string {
  const name = filename ?? (rule.meta.target === 'dockerfile' ? 'Dockerfile' : 'manifest.yaml');
  return `file:///workspace/${name}`;
}

/** A rule that is off by default is tested as a user who turned it on would run it. */
export function enabling(rule: Rule, configuration: Configuration | undefined): Configuration | undefined {
  if (!rule.meta.offByDefault || configuration?.rules?.[rule.meta.id]) return configuration;
  return { ...configuration, rules: { ...configuration?.rules, [rule.meta.id]: rule.meta.defaultSeverity } };
}

function run(rule: Rule, c: RuleCase): Finding[] {
  const workspaceObjects: KubeObject[] = (c.workspace ?? []).flatMap((f) => new KubernetesModel(new SourceText(`file:///workspace/${f.filename}`, f.code)).objects);
  const analysis = analyze({ uri: uriOf(rule, c.filename), languageId: '', text: c.code }, { rules: [rule], configuration: enabling(rule, c.configuration), workspaceObjects, buildContext: c.buildContext });
  assert.deepEqual(analysis.ruleFailures, [], `rule threw: ${analysis.ruleFailures[0]?.error}`);
  return analysis.findings.filter((f) => f.ruleId === rule.meta.id);
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.messageId} ${f.message}`;
}

/** Every rule's cases, when a meta-test collects them (see `collectRuleCases`) instead of running them. */
interface CaseCollector {
  cases: { rule: Rule; cases: RuleCases }[];
}
const COLLECTOR = Symbol.for('twelve-factor-lens.rule-case-collector');

/**
 * Imports rule test files with `testRule` in collecting mode: their case tables are returned and
 * no test is declared, so a meta-test can check every case without running the rule tests twice.
 */
export async function collectRuleCases(importers: (() => Promise<unknown>)[]): Promise<{ rule: Rule; cases: RuleCases }[]> {
  const collector: CaseCollector = { cases: [] };
  (globalThis as Record<symbol, unknown>)[COLLECTOR] = collector;
  try {
    for (const load of importers) await load();
  } finally {
    delete (globalThis as Record<symbol, unknown>)[COLLECTOR];
  }
  return collector.cases;
}

export function testRule(rule: Rule, cases: RuleCases): void {
  const collector = (globalThis as Record<symbol, unknown>)[COLLECTOR] as CaseCollector | undefined;
  if (collector) {
    collector.cases.push({ rule, cases });
    return;
  }
  const valid = cases.valid.map((c) => (typeof c === 'string' ? { code: c } : c));
  describe(rule.meta.id, () => {
    it('has enough cases, none duplicated', () => {
      assert.ok(valid.length >= MINIMUM_CASES, `${rule.meta.id}: at least ${MINIMUM_CASES} valid cases`);
      assert.ok(cases.invalid.length >= MINIMUM_CASES, `${rule.meta.id}: at least ${MINIMUM_CASES} invalid cases`);
      const keys = [...valid, ...cases.invalid].map((c) => `${c.filename ?? ''}\n${c.code}\n${JSON.stringify(c.configuration ?? {})}\n${JSON.stringify(c.workspace ?? [])}\n${JSON.stringify(c.buildContext ?? null)}`);
      assert.equal(new Set(keys).size, keys.length, `${rule.meta.id}: duplicated case`);
      for (const template of Object.values(rule.meta.messages)) assert.ok(template.trim().length > 0);
    });

    for (const [index, c] of valid.entries()) {
      it(`valid ${index + 1}: ${c.name ?? firstLine(c.code)}`, () => {
        const findings = run(rule, c);
        assert.deepEqual(findings.map(describeFinding), [], 'expected no finding');
      });
    }

    for (const [index, c] of cases.invalid.entries()) {
      it(`invalid ${index + 1}: ${c.name ?? firstLine(c.code)}`, () => {
        assert.ok(c.errors.length > 0, 'an invalid case must expect at least one finding');
        const findings = run(rule, c);
        assert.equal(findings.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${findings.map(describeFinding).join('\n')}`);
        c.errors.forEach((expected, i) => {
          const f = findings[i];
          const actual: ExpectedFinding = { line: f.range.start.line + 1, column: f.range.start.character + 1 };
          const wanted: ExpectedFinding = { line: expected.line, column: expected.column };
          if (expected.endLine !== undefined) { actual.endLine = f.range.end.line + 1; wanted.endLine = expected.endLine; }
          if (expected.endColumn !== undefined) { actual.endColumn = f.range.end.character + 1; wanted.endColumn = expected.endColumn; }
          if (expected.messageId !== undefined) { actual.messageId = f.messageId; wanted.messageId = expected.messageId; }
          if (expected.relatedLines !== undefined) { actual.relatedLines = (f.related ?? []).map((r) => r.range.start.line + 1); wanted.relatedLines = expected.relatedLines; }
          assert.deepEqual(actual, wanted, `finding ${i + 1}: ${describeFinding(f)}`);
          if (typeof expected.message === 'string') assert.ok(f.message.includes(expected.message), `message "${f.message}" should contain "${expected.message}"`);
          else if (expected.message) assert.match(f.message, expected.message);
          assert.ok(f.factor === rule.meta.factor);
        });

        // Every fix, safe and unsafe, chosen and ordered the way the CLI's --fix --unsafe-fixes does.
        const edits = selectFixes(findings, { unsafe: true }).edits;
        for (const f of findings) {
          if (!f.fix) continue;
          assert.ok(f.fix.safety === 'safe' || f.fix.safety === 'unsafe', 'the engine classes every fix');
          if (rule.meta.fix === 'unsafe') assert.equal(f.fix.safety, 'unsafe', 'an unsafe rule cannot offer a safe fix');
          assert.equal(f.fix.safety, c.fixSafety ?? rule.meta.fix, `fix "${f.fix.title}" is ${f.fix.safety}`);
        }
        if (rule.meta.fixable) {
          assert.ok(c.output !== undefined, 'a fixable rule must state `output` (or `output: null` when no fix is offered)');
        }
        if (c.output === undefined) return;
        if (c.output === null) {
          assert.equal(edits.length, 0, 'expected no fix');
          return;
        }
        assert.ok(edits.length > 0, 'expected a fix');
        const fixed = applyEdits(c.code, edits);
        assert.deepEqual(fixed.skipped, [], 'fixes overlap');
        assert.equal(fixed.text, c.output);
        // Re-lint: every fixed finding is gone, and fixing again changes nothing.
        const after = run(rule, { ...c, code: fixed.text });
        const fixedCount = findings.filter((f) => f.fix).length;
        assert.equal(after.length, findings.length - fixedCount, `after the fix the rule still reports:\n${after.map(describeFinding).join('\n')}`);
        const again = applyEdits(fixed.text, selectFixes(after, { unsafe: true }).edits);
        assert.equal(again.text, fixed.text, 'fix is not idempotent');
      });
    }
  });
}

function firstLine(code: string): string {
  const line = code.split(/\r?\n/).find((l) => l.trim() && !l.trim().startsWith('#')) ?? code;
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
