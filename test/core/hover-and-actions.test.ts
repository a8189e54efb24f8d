// Hover explains the factor (on a finding, and on governed syntax without one);
// code actions offer the rule's fix and an "ignore here" comment that fits the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { codeActionsFor } from '../../server/src/core/code-actions';
import { applyEdits } from '../../server/src/core/edits';
import { factorBySlug } from '../../server/src/core/factors';
import shellForm from '../../server/src/core/rules/dockerfile/disposability/shell-form-command';
import mutableTag from '../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';

const docker = (text: string) => analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text }, { rules: [shellForm] });
const kube = (text: string) => analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text }, { rules: [mutableTag] });
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n      env:\n        - {name: A, value: "1"}\n';

describe('hover', () => {
  it('on a finding: the factor, its explanation, the rule rationale and links', () => {
    const hover = hoverAt(docker('FROM node:20\nCMD node a.js\n'), { line: 1, character: 5 })!;
    const factor = factorBySlug('disposability');
    assert.ok(hover.markdown.includes('IX. Disposability'));
    assert.ok(hover.markdown.includes(factor.explanation));
    assert.ok(hover.markdown.includes(shellForm.meta.rationale));
    assert.ok(hover.markdown.includes('https://12factor.net/disposability'));
    assert.ok(hover.markdown.includes('disposability/shell-form-command'));
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
  it('the rule fix comes first and is preferred; the ignore comment keeps indentation', () => {
    const analysis = kube(POD);
    const actions = codeActionsFor(analysis, { start: { line: 7, character: 14 }, end: { line: 7, character: 14 } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Ignore build-release-run/mutable-image-tag here (with a reason)', false]]);
    const fixed = applyEdits(POD, actions[0].edits).text;
    assert.ok(fixed.includes('    - name: app\n      # twelve-factor-ignore build-release-run/mutable-image-tag -- say why this is acceptable here\n      image: nginx\n'));
    assert.deepEqual(kube(fixed).findings, [], 'the inserted comment suppresses the finding');
  });

  it('ignore comment goes above the first line of a continued instruction and keeps CRLF', () => {
    const text = 'FROM node:20\r\nCMD node \\\r\n  a.js\r\n';
    const analysis = docker(text);
    const actions = codeActionsFor(analysis, { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } });
    assert.deepEqual(actions.map((a) => a.isPreferred), [true, false]);
    const ignored = applyEdits(text, actions[1].edits).text;
    assert.equal(ignored, 'FROM node:20\r\n# twelve-factor-ignore disposability/shell-form-command -- say why this is acceptable here\r\nCMD node \\\r\n  a.js\r\n');
    assert.deepEqual(docker(ignored).findings, []);
  });
});
