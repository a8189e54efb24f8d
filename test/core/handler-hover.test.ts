// Hovers on the configuration lines of Lambda handler code: every environment read that the Lambda
// handler snippets write gets a hover naming factor III and the serverless template rules; nothing else does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { handlerConfigHover, FUNCTION_ENV_RULES } from '../../server/src/core/handler-hover';
import { ALL_RULES } from '../../server/src/core/rules';
import { expandSnippet } from '../snippets/expand';
import { snippetsFor } from '../snippets/load';

/** Positions of every environment read in a text, by the language's own spelling. */
function envReadPositions(text: string, languageId: string): { line: number; character: number }[] {
  const needle = languageId === 'python' ? /os\.(environ|getenv)/g : /process\.env/g;
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(needle)) out.push({ line: i, character: m.index! + 2 });
  });
  return out;
}

describe('hover on the config lines of Lambda handler code', () => {
  for (const languageId of ['javascript', 'typescript', 'python']) {
    it(`every environment read of the ${languageId} Lambda snippets has a hover pointing to the template rules`, () => {
      const snippets = snippetsFor(languageId);
      assert.ok(snippets.length > 0, `no ${languageId} snippets`);
      let reads = 0;
      for (const { name, snippet } of snippets) {
        const text = expandSnippet(snippet.body).text;
        for (const position of envReadPositions(text, languageId)) {
          reads++;
          const hover = handlerConfigHover(text, languageId, position);
          assert.ok(hover, `${name}: no hover at ${position.line + 1}:${position.character + 1}`);
          assert.match(hover.markdown, /III\. Config/);
          assert.match(hover.markdown, /config\/literal-secret-in-function-env/);
          assert.equal(hover.range.start.line, position.line);
        }
      }
      assert.ok(reads > 0, `the ${languageId} snippets read no environment variable`);
    });
  }

  it('names the variable and links each rule when a link is given', () => {
    const text = "export const handler = async (event) => {\n  const table = process.env.TABLE_NAME;\n  return table;\n};\n";
    const hover = handlerConfigHover(text, 'javascript', { line: 1, character: 20 }, { ruleDocUrl: (id) => `https://example.test/${id}` });
    assert.ok(hover);
    assert.match(hover.markdown, /`TABLE_NAME`/);
    assert.match(hover.markdown, /\[`logs\/log-file-in-function-env`\]\(https:\/\/example\.test\/logs\/log-file-in-function-env\)/);
    assert.deepEqual(hover.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 38 } });
    const python = 'import os\n\ndef lambda_handler(event, context):\n    return os.environ["QUEUE_URL"]\n';
    assert.match(handlerConfigHover(python, 'python', { line: 3, character: 14 })!.markdown, /`QUEUE_URL`/);
    assert.match(handlerConfigHover(python.replace('os.environ["QUEUE_URL"]', "os.getenv('QUEUE_URL', '')"), 'python', { line: 3, character: 14 })!.markdown, /`QUEUE_URL`/);
  });

  it('stays silent off an environment read, in code that is no handler, and in other languages', () => {
    const handler = "export const handler = async (event) => {\n  const table = process.env.TABLE_NAME;\n  return table;\n};\n";
    assert.equal(handlerConfigHover(handler, 'javascript', { line: 0, character: 5 }), undefined);
    assert.equal(handlerConfigHover(handler, 'javascript', { line: 2, character: 4 }), undefined);
    assert.equal(handlerConfigHover(handler, 'javascript', { line: 1, character: 4 }), undefined);
    const script = "const port = process.env.PORT;\nrequire('http').createServer().listen(port);\n";
    assert.equal(handlerConfigHover(script, 'javascript', { line: 0, character: 15 }), undefined);
    const pyScript = 'import os\nprint(os.environ.get("HOME"))\n';
    assert.equal(handlerConfigHover(pyScript, 'python', { line: 1, character: 8 }), undefined);
    assert.equal(handlerConfigHover(handler, 'go', { line: 1, character: 20 }), undefined);
    assert.equal(handlerConfigHover(handler, 'javascript', { line: 99, character: 0 }), undefined);
  });

  it('names only rules that exist and judge serverless templates', () => {
    const byId = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
    for (const id of FUNCTION_ENV_RULES) assert.equal(byId.get(id)?.meta.target, 'serverless', id);
  });
});
