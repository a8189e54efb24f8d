// Positions are LSP positions (0-based lines, UTF-16 columns) whatever the line endings,
// tabs or characters in the file; multi-document YAML keeps each document's own ranges.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import shellForm from '../../server/src/core/rules/dockerfile/disposability/shell-form-command';
import mutableTag from '../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';

const dockerfile = (text: string) => analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text }, { rules: [shellForm] }).findings;
const yaml = (text: string) => analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text }, { rules: [mutableTag] }).findings;
const at = (f: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];

const pod = (image: string, eol = '\n') =>
  ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '    - name: app', `      image: ${image}`, ''].join(eol);

describe('positions', () => {
  it('LF and CRLF Dockerfiles give the same positions', () => {
    const lf = dockerfile('FROM node:20\n\nCMD node a.js\n');
    const crlf = dockerfile('FROM node:20\r\n\r\nCMD node a.js\r\n');
    assert.deepEqual(lf.map(at), [[2, 0, 2, 13]]);
    assert.deepEqual(crlf.map(at), lf.map(at));
  });

  it('CRLF YAML gives the same positions as LF', () => {
    assert.deepEqual(yaml(pod('nginx', '\r\n')).map(at), [[7, 13, 7, 18]]);
    assert.deepEqual(yaml(pod('nginx')).map(at), [[7, 13, 7, 18]]);
  });

  it('columns count UTF-16 code units (an emoji is two)', () => {
    const text = pod('nginx').replace('  name: p', '  name: p\n  annotations: {note: "🚀 fast"}');
    const emojiLine = yaml(text);
    assert.deepEqual(emojiLine.map(at), [[8, 13, 8, 18]]);
    const withEmojiBefore = 'apiVersion: v1\nkind: Pod\nmetadata: {name: "🚀"}\nspec:\n  containers: [{name: "é🚀", image: nginx}]\n';
    // `  containers: [{name: "é🚀", image: ` is 36 UTF-16 units long: é is 1, 🚀 is 2.
    assert.deepEqual(yaml(withEmojiBefore).map(at), [[4, 36, 4, 41]]);
  });

  it('tabs count as one column', () => {
    assert.deepEqual(dockerfile('FROM node:20\nCMD\tnode a.js\n').map(at), [[1, 0, 1, 13]]);
  });

  it('multi-document YAML: each document keeps its own ranges, and a broken one does not hide the others', () => {
    const text = [pod('nginx'), '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: broken', '---', pod('redis')].join('\n');
    const analysis = analyze({ uri: 'file:///w/k.yaml', languageId: 'yaml', text }, { rules: [mutableTag] });
    assert.deepEqual(analysis.findings.map((f) => at(f)[0]), [7, 21]);
    assert.equal(analysis.parsed.parseProblems.length, 1);
    assert.ok(analysis.parsed.parseProblems[0].range.start.line >= 11);
  });

  it('a file that is YAML but not Kubernetes yields nothing', () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: {image: node}\n';
    assert.deepEqual(yaml(workflow), []);
  });

  it('binary content is not analysed and says why', () => {
    const analysis = analyze({ uri: 'file:///w/Dockerfile', languageId: 'dockerfile', text: 'FROM x\u0000\u0001CMD a' });
    assert.deepEqual(analysis.findings, []);
    assert.match(analysis.parsed.parseProblems[0].message, /binary/);
  });
});
