// Hover explains the factor (on a finding, and on governed syntax without one);
// code actions offer the rule's fix and an "ignore here" comment that fits the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { codeActionsFor, fixAllEdits } from '../../server/src/core/code-actions';
import { applyEdits } from '../../server/src/core/edits';
import { factorBySlug } from '../../server/src/core/factors';
import shellForm from '../../server/src/core/rules/dockerfile/disposability/shell-form-command';
import mutableTag from '../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';

const docker = (text: string) => analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text }, { rules: [shellForm] });
const kube = (text: string) => analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text }, { rules: [mutableTag] });
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n      env:\n        - {name: A, value: "1"}\n';

describe('hover', () => {
  it('on a finding: the factor and rule, the message once, the why in a few lines, the fix, one link', () => {
    const analysis = docker('FROM node:20\nCMD node a.js\n');
    const finding = analysis.findings[0];
    const hover = hoverAt(analysis, { line: 1, character: 5 })!;
    const factor = factorBySlug('disposability');
    assert.ok(hover.markdown.startsWith('**IX Disposability** · `disposability/shell-form-command`'), hover.markdown);
    assert.equal(hover.markdown.split(finding.message).length, 2, 'the message exactly once');
    assert.ok(hover.markdown.includes(shellForm.meta.rationale.split('\n\n')[0].split('\n').join(' ')), 'the first paragraph of the rationale');
    assert.ok(!hover.markdown.includes(factor.explanation), 'no factor essay: the rule page has it');
    assert.match(hover.markdown, /\*Fix:\* Convert CMD to exec form.* \(safe/);
    // Without a documentation link provider, the one link goes to the factor's page.
    assert.deepEqual(hover.markdown.match(/\]\(/g), ['](']);
    assert.ok(hover.markdown.includes('(https://12factor.net/disposability)'));
    const linked = hoverAt(analysis, { line: 1, character: 5 }, { ruleDocUrl: (id) => `command:show?${id}` })!;
    assert.ok(linked.markdown.endsWith('[Rule documentation](command:show?disposability/shell-form-command)'), linked.markdown);
    assert.ok(hover.markdown.length < 900, `hover is ${hover.markdown.length} characters`);
    assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } });
  });

  it('on a governed Dockerfile instruction without a finding', () => {
    const analysis = docker('FROM node:20\nENV PORT=8080\nEXPOSE 8080\nCMD ["node", "a.js"]\n');
    assert.match(hoverAt(analysis, { line: 1, character: 1 })!.markdown, /III\. Config/);
    assert.match(hoverAt(analysis, { line: 2, character: 3 })!.markdown, /VII\. Port binding/);
    assert.match(hoverAt(analysis, { line: 3, character: 0 })!.markdown, /IX\. Disposability/);
    assert.equal(hoverAt(analysis, { line: 1, character: 8 }), undefined, 'no topic hover on the arguments');
  });

  it('on a governed Kubernetes key, and nothing in YAML that is not Kubernetes', () => {
    const analysis = kube(POD);
    assert.match(hoverAt(analysis, { line: 8, character: 7 })!.markdown, /III\. Config/); // env
    assert.match(hoverAt(analysis, { line: 7, character: 14 })!.markdown, /V\. Build, release, run/); // the finding on the image
    const workflow = kube('name: ci\non: push\nenv:\n  A: 1\n');
    assert.equal(hoverAt(workflow, { line: 2, character: 1 }), undefined);
  });
});

describe('code actions', () => {
  it('the file-wide ignore goes below a Dockerfile\'s parser directives, which must stay first', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM node:20\nCMD node a.js\n';
    const analysis = docker(text);
    const actions = codeActionsFor(analysis, { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } });
    const file = actions.find((a) => a.title.includes('in this file'))!;
    const out = applyEdits(text, file.edits).text;
    assert.equal(out, '# syntax=docker/dockerfile:1\n# escape=\\\n# twelve-factor-ignore-file disposability/shell-form-command -- <reason>\nFROM node:20\nCMD node a.js\n');
    assert.deepEqual(docker(out).findings.map((f) => f.ruleId), ['suppression/missing-reason']);
  });

  it('fix all applies the safe fixes only, each once', () => {
    const text = 'FROM node:20\nCMD node a.js\n';
    const edits = fixAllEdits(docker(text));
    assert.equal(applyEdits(text, edits).text, 'FROM node:20\nCMD ["node", "a.js"]\n');
    const unsafeOnly = docker(text);
    for (const f of unsafeOnly.findings) if (f.fix) f.fix.safety = 'unsafe';
    assert.deepEqual(fixAllEdits(unsafeOnly), []);
  });

  it('the rule fix comes first and is preferred; the ignore comment keeps indentation', () => {
    const analysis = kube(POD);
    const actions = codeActionsFor(analysis, { start: { line: 7, character: 14 }, end: { line: 7, character: 14 } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Ignore build-release-run/mutable-image-tag here (with a reason)', false],
      ['Ignore build-release-run/mutable-image-tag in this file (with a reason)', false],
    ]);
    const fixed = applyEdits(POD, actions[0].edits).text;
    assert.ok(fixed.includes('    - name: app\n      # twelve-factor-ignore build-release-run/mutable-image-tag -- <reason>\n      image: nginx\n'));
    // The comment suppresses the finding, and its placeholder reason is reported until it is written.
    assert.deepEqual(kube(fixed).findings.map((f) => [f.ruleId, f.range.start.line]), [['suppression/missing-reason', 7]]);
    const reasoned = fixed.replace('<reason>', 'the dev cluster pulls the tag on purpose');
    assert.deepEqual(kube(reasoned).findings, []);
    const wholeFile = applyEdits(POD, actions[1].edits).text;
    assert.ok(wholeFile.startsWith('# twelve-factor-ignore-file build-release-run/mutable-image-tag -- <reason>\napiVersion: v1\n'), wholeFile);
    assert.deepEqual(kube(wholeFile).findings.map((f) => f.ruleId), ['suppression/missing-reason']);
  });

  it('ignore comment goes above the first line of a continued instruction and keeps CRLF', () => {
    const text = 'FROM node:20\r\nCMD node \\\r\n  a.js\r\n';
    const analysis = docker(text);
    const actions = codeActionsFor(analysis, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } });
    assert.deepEqual(actions.map((a) => a.isPreferred), [true, false, false]);
    const ignored = applyEdits(text, actions[1].edits).text;
    assert.equal(ignored, 'FROM node:20\r\n# twelve-factor-ignore disposability/shell-form-command -- <reason>\r\nCMD node \\\r\n  a.js\r\n');
    assert.deepEqual(docker(ignored).findings.map((f) => f.ruleId), ['suppression/missing-reason']);
    assert.deepEqual(docker(ignored.replace('<reason>', 'a wrapper script forwards signals')).findings, []);
  });
});
