// The engine: configuration, containment of a throwing rule, suppressions and their diagnostics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { defineDockerfileRule, defineKubernetesRule } from '../../server/src/core/rule';
import shellForm from '../../server/src/core/rules/dockerfile/disposability/shell-form-command';
import mutableTag from '../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';
import type { Configuration } from '../../server/src/core/types';

const lintDockerfile = (text: string, configuration?: Configuration, rules = [shellForm]) =>
  analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text }, { rules, configuration });
const lintYaml = (text: string, configuration?: Configuration) => analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text }, { rules: [mutableTag], configuration });
const ids = (a: { findings: { ruleId: string }[] }) => a.findings.map((f) => f.ruleId);

const thrower = defineDockerfileRule({
  meta: { id: 'codebase/test-thrower', factor: 'codebase', defaultSeverity: 'error', description: 'throws', rationale: 'throws', messages: { x: 'x' } },
  check() {
    throw new Error('boom');
  },
});

const sneakyFixer = defineKubernetesRule({
  meta: { id: 'config/test-sneaky', factor: 'config', defaultSeverity: 'info', description: 'd', rationale: 'r', messages: { m: 'message {{what}}' } },
  check({ model, report }) {
    const object = model.objects[0];
    if (object) report({ messageId: 'm', data: { what: 'here' }, range: object.kindRange, fix: { title: 'rewrite', edits: [{ range: object.kindRange, newText: 'X' }] } });
  },
});

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n';

describe('engine', () => {
  it('a rule that throws is contained and the other rules still report', () => {
    const analysis = lintDockerfile('FROM node:20\nCMD node a.js\n', undefined, [thrower, shellForm]);
    assert.deepEqual(ids(analysis), ['disposability/shell-form-command']);
    assert.equal(analysis.ruleFailures.length, 1);
    assert.equal(analysis.ruleFailures[0].ruleId, 'codebase/test-thrower');
    assert.match(analysis.ruleFailures[0].error, /boom/);
  });

  it('a fix from a rule that did not declare itself fixable is dropped; messages are filled in', () => {
    const analysis = analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text: POD }, { rules: [sneakyFixer] });
    assert.equal(analysis.findings[0].fix, undefined);
    assert.equal(analysis.findings[0].message, 'message here');
  });

  it('configuration turns a rule off or changes its severity', () => {
    const text = 'FROM node:20\nCMD node a.js\n';
    assert.deepEqual(ids(lintDockerfile(text, { rules: { 'disposability/shell-form-command': 'off' } })), []);
    assert.equal(lintDockerfile(text, { rules: { 'disposability/shell-form-command': 'error' } }).findings[0].severity, 'error');
    assert.equal(lintDockerfile(text).findings[0].severity, 'warning');
  });

  it('detects the target from the language id or the file name', () => {
    for (const uri of ['file:///w/Dockerfile', 'file:///w/Dockerfile.prod', 'file:///w/api.dockerfile', 'file:///w/Containerfile', 'file:///w/dockerfile']) {
      assert.deepEqual(ids(analyze({ uri, languageId: '', text: 'FROM node:20\nCMD node a.js\n' }, { rules: [shellForm] })), ['disposability/shell-form-command'], uri);
    }
    assert.equal(analyze({ uri: 'file:///w/notes.txt', languageId: 'plaintext', text: 'CMD node a.js' }).parsed.target, undefined);
  });

  it("leaves another tool's templates alone, even when the editor opens them as Dockerfiles or YAML", () => {
    // VS Code gives `Dockerfile.j2` the dockerfile language (its `Dockerfile.*` pattern); the text is Jinja, not yet a Dockerfile.
    for (const [uri, languageId] of [['file:///w/Dockerfile.j2', 'dockerfile'], ['file:///w/Dockerfile.erb', ''], ['file:///w/molecule/Dockerfile.JINJA2', 'dockerfile'], ['file:///w/deploy.yaml.tmpl', 'yaml'], ['file:///w/Containerfile.gotmpl', '']]) {
      const analysis = analyze({ uri, languageId, text: 'FROM <%= @base %>\nCMD node a.js\n' }, { rules: [shellForm] });
      assert.equal(analysis.parsed.target, undefined, uri);
      assert.deepEqual(ids(analysis), [], uri);
    }
    // Names that only look alike are still what they say.
    for (const uri of ['file:///w/Dockerfile.template', 'file:///w/Dockerfile.tmpl.prod', 'file:///w/j2/Dockerfile']) {
      assert.deepEqual(ids(analyze({ uri, languageId: '', text: 'FROM node:20\nCMD node a.js\n' }, { rules: [shellForm] })), ['disposability/shell-form-command'], uri);
    }
  });
});

describe('analysing one parse again', () => {
  it('reports the same findings every time: the first analysis reuses the words the parse read, later ones read them again', async () => {
    const { analyzeParsed, parseDocument } = await import('../../server/src/core/analyze');
    const { propertiesOf } = await import('../../server/src/core/dockerfile/model');
    const text = [
      'FROM node:20 AS build',
      'ARG NPM_TOKEN=abc123secretvalue',
      'ENV API_KEY=sk-live-1234567890 LOG_LEVEL=info',
      'RUN npm install && curl -fsSL https://example.com/i.sh | sh',
      'COPY --chown=node:node . .',
      'CMD node server.js',
    ].join('\n');
    const parsed = parseDocument({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text });
    const runs = [analyzeParsed(parsed), analyzeParsed(parsed), analyzeParsed(parsed)].map((a) => a.findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`));
    assert.ok(runs[0].length >= 4, `expected several findings, got ${runs[0].join('; ')}`);
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[2], runs[0]);
    // Outside an analysis nothing is kept: each question reads the instruction anew.
    const env = parsed.dockerfile!.ast.getInstructions()[2];
    assert.notEqual(propertiesOf(env), propertiesOf(env));
    assert.deepEqual(propertiesOf(env).map((p) => p.name), ['API_KEY', 'LOG_LEVEL']);
  });
});

describe('suppression', () => {
  const base = 'FROM node:20\n';
  it('a next-line comment with a reason silences the rule on the next instruction, continuation included', () => {
    const text = `${base}# twelve-factor-ignore disposability/shell-form-command -- the base image's init forwards signals\nCMD node \\\n  a.js\n`;
    assert.deepEqual(ids(lintDockerfile(text)), []);
  });

  it('a next-line comment does not reach further than the next instruction', () => {
    const text = `${base}# twelve-factor-ignore disposability/shell-form-command -- tini forwards signals\nENV A=1\nCMD node a.js\n`;
    assert.deepEqual(ids(lintDockerfile(text)), ['suppression/unused', 'disposability/shell-form-command']);
  });

  it('a file-wide comment silences the rule everywhere', () => {
    const text = `# twelve-factor-ignore-file disposability/shell-form-command -- legacy image, tracked in OPS-12\n${base}CMD node a.js\n`;
    assert.deepEqual(ids(lintDockerfile(text)), []);
  });

  it('a suppression without a reason still works but is pointed out', () => {
    const analysis = lintDockerfile(`${base}# twelve-factor-ignore disposability/shell-form-command\nCMD node a.js\n`);
    assert.deepEqual(ids(analysis), ['suppression/missing-reason']);
    assert.equal(analysis.findings[0].severity, 'hint');
    assert.equal(analysis.findings[0].range.start.line, 1);
  });

  it('unknown and unused rule ids are reported on the id itself', () => {
    const analysis = lintDockerfile(`${base}# twelve-factor-ignore config/no-such-rule, disposability/shell-form-command -- kept for an older release\nCMD ["node", "a.js"]\n`);
    assert.deepEqual(ids(analysis), ['suppression/unknown-rule', 'suppression/unused']);
    assert.deepEqual(analysis.findings[0].range, { start: { line: 1, character: 23 }, end: { line: 1, character: 42 } });
    assert.equal(analysis.findings[1].range.start.character, 44);
  });

  it('honours `# hadolint ignore=` for rules that declare the same hadolint code', () => {
    assert.deepEqual(ids(lintDockerfile(`${base}# hadolint ignore=DL3025\nCMD node a.js\n`)), []);
    assert.deepEqual(ids(lintDockerfile(`${base}# hadolint ignore=DL3008\nCMD node a.js\n`)), ['disposability/shell-form-command']);
  });

  it('YAML comment and object annotation suppressions', () => {
    const commented = POD.replace('      image: nginx', '      # twelve-factor-ignore build-release-run/mutable-image-tag -- local dev cluster only\n      image: nginx');
    assert.deepEqual(ids(lintYaml(commented)), []);
    const annotated = POD.replace('  name: p\n', '  name: p\n  annotations:\n    twelve-factor-lens/ignore: "build-release-run/mutable-image-tag"\n');
    assert.deepEqual(ids(lintYaml(annotated)), []);
    // The annotation covers its own object only.
    assert.deepEqual(ids(lintYaml(`${annotated}---\n${POD}`)), ['build-release-run/mutable-image-tag']);
  });

  it('an ignore annotation on the pod template is pointed out and suppresses nothing', () => {
    const text = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    metadata:', '      annotations:',
      '        twelve-factor-lens/ignore: build-release-run/mutable-image-tag', '    spec:', '      containers:', '        - name: web', '          image: nginx:latest', '',
    ].join('\n');
    const analysis = lintYaml(text);
    assert.deepEqual(ids(analysis), ['suppression/misplaced-annotation', 'build-release-run/mutable-image-tag']);
    assert.equal(analysis.findings[0].range.start.line, 7);
  });
});

describe('hostile YAML', () => {
  it('an alias bomb inside a workload is bounded: every rule runs, none fails', () => {
    const bomb = [
      'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'x-probe: &probe {exec: {command: *f}}',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: bomb}',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: shop/app:1.0.0',
      '      args: *f',
      '      livenessProbe: *probe',
      '      readinessProbe: *probe',
      '',
    ].join('\n');
    const analysis = analyze({ uri: 'file:///w/bomb.yaml', languageId: 'yaml', text: bomb });
    assert.deepEqual(analysis.ruleFailures, []);
    assert.deepEqual(analysis.parsed.parseProblems, []);
  });
});

describe('rules off by default', () => {
  it('run only when a configuration turns them on, at the severity it names', async () => {
    const { ALL_RULES } = await import('../../server/src/core/rules');
    const { analyze: run } = await import('../../server/src/core/analyze');
    const rule = ALL_RULES.find((r) => r.meta.id === 'dependencies/unpinned-os-package')!;
    assert.ok(rule.meta.offByDefault, 'the rule explains why it is off');
    const text = 'FROM debian:12.5\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl", "--version"]\n';
    const input = { uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text };
    assert.equal(run(input).findings.filter((f) => f.ruleId === rule.meta.id).length, 0);
    const on = run(input, { configuration: { rules: { [rule.meta.id]: 'warning' } } }).findings.filter((f) => f.ruleId === rule.meta.id);
    assert.equal(on.length, 1);
    assert.equal(on[0].severity, 'warning');
  });
});

describe('a rule that repeats itself', () => {
  it('lists its first findings and counts the rest in one closing finding, never dropping the rule', () => {
    const noisy = defineDockerfileRule({
      meta: { id: 'concurrency/noisy-test-rule', factor: 'concurrency', defaultSeverity: 'info', description: 'test', rationale: 'test', messages: { m: 'line {{n}}' } },
      check({ report, source }) {
        for (let n = 0; n < 1500; n++) report({ messageId: 'm', data: { n }, range: source.rangeOf(0, 1) });
      },
    });
    const findings = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: 'FROM scratch\n' }, { rules: [noisy] }).findings.filter((f) => f.ruleId === noisy.meta.id);
    // One range: the engine says the same thing once per range; the closing finding sits at its end.
    assert.equal(findings.length, 2);
    assert.match(findings[1].message, /^500 more findings of this rule in this file are not listed/);
  });
});
