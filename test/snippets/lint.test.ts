/**
 * Our own rules must accept our own templates: every Dockerfile and Kubernetes snippet,
 * expanded with its defaults, is analysed by the real engine with every registered rule and
 * must produce no error or warning (info and hint findings are printed as diagnostics).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { ALL_RULES } from '../../server/src/core/rules';
import { expandSnippet } from './expand';
import { prefixesOf, snippetsFor } from './load';

const TARGETS = [
  { language: 'dockerfile', uri: 'file:///w/Dockerfile' },
  { language: 'yaml', uri: 'file:///w/x.yaml' },
];

for (const { language, uri } of TARGETS) {
  const snippets = snippetsFor(language);
  describe(`${language} snippets lint clean (${ALL_RULES.length} rules registered)`, () => {
    it('exist', () => assert.ok(snippets.length > 0));
    for (const { name, snippet, file } of snippets) {
      it(`${prefixesOf(snippet)[0]}: ${name}`, (t) => {
        const { text } = expandSnippet(snippet.body);
        const analysis = analyze({ uri, languageId: language, text });
        assert.deepEqual(analysis.ruleFailures.map((f) => `${f.ruleId}: ${f.error.split('\n')[0]}`), [], 'a rule threw on this snippet');
        // Serverless template snippets must be read as templates (and so be checked by the serverless rules).
        if (file.endsWith('serverless.json')) {
          assert.equal(analysis.parsed.target, 'serverless', 'a serverless snippet is recognised as a template');
          assert.ok((analysis.parsed.serverless?.functions.length ?? 0) > 0, 'the template declares a function');
        }
        const blocking = analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        for (const f of analysis.findings.filter((f) => !blocking.includes(f))) {
          t.diagnostic(`${f.severity} ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`);
        }
        const lines = text.split('\n');
        assert.deepEqual(
          blocking.map((f) => `${f.severity} ${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}\n    | ${lines[f.range.start.line]}`),
          [],
        );
      });
    }
  });
}
