/**
 * The suppression-comment injection grammar, tokenised by the same TextMate engine VS Code
 * uses (vscode-textmate + vscode-oniguruma). Small host grammars in `fixtures/` stand in for
 * VS Code's Dockerfile and YAML grammars: the Dockerfile one tokenises a comment in a single
 * match rule, the YAML one with begin/end rules, which are the two shapes the injection meets.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const INJECTION_PATH = join(ROOT, 'syntaxes', 'twelve-factor-ignore.injection.json');
const injection = JSON.parse(readFileSync(INJECTION_PATH, 'utf8'));
const INJECTION_SCOPE: string = injection.scopeName;

const HOSTS: Record<string, string> = {
  'source.dockerfile': join(__dirname, 'fixtures', 'dockerfile.host.tmLanguage.json'),
  'source.yaml': join(__dirname, 'fixtures', 'yaml.host.tmLanguage.json'),
};

const DIRECTIVE = 'keyword.control.directive.twelve-factor';
const RULE_ID = 'entity.name.tag.rule-id.twelve-factor';
const REASON = 'comment.line.reason.twelve-factor';
const SEPARATOR = 'punctuation.separator.reason.twelve-factor';

interface Token {
  text: string;
  scopes: string[];
}

let registry: textmate.Registry;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  // The contribution in package.json decides where the grammar is injected; the test registry does the same.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contribution = (manifest.contributes?.grammars ?? []).find((g: { scopeName: string }) => g.scopeName === INJECTION_SCOPE);
  assert.ok(contribution, `package.json contributes.grammars has no entry for ${INJECTION_SCOPE}`);
  const injectTo: string[] = contribution.injectTo;
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const path = scopeName === INJECTION_SCOPE ? INJECTION_PATH : HOSTS[scopeName];
      if (!path) return null;
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName: string) => (injectTo.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
  });
});

async function tokenize(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} did not load`);
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The texts of the tokens that carry `scope`, in order. */
function withScope(tokens: Token[], scope: string): string[] {
  return tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.text);
}

function hasAny(tokens: Token[], scopes: string[]): boolean {
  return tokens.some((t) => t.scopes.some((s) => scopes.includes(s)));
}

describe('suppression comment grammar', () => {
  it('is valid JSON with a scope name, an injection selector for Dockerfile and YAML, and the contributed path exists', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const contribution = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === INJECTION_SCOPE);
    assert.equal(join(ROOT, contribution.path), INJECTION_PATH);
    assert.deepEqual([...contribution.injectTo].sort(), ['source.dockerfile', 'source.yaml']);
    assert.match(injection.injectionSelector, /source\.dockerfile/);
    assert.match(injection.injectionSelector, /source\.yaml/);
  });

  it('scopes the directive, each rule id and the reason of a next-line suppression in a Dockerfile', async () => {
    const [, line] = await tokenize(
      'source.dockerfile',
      'FROM node:22.12.0-bookworm-slim\n# twelve-factor-ignore config/literal-secret, dependencies/unpinned-base-image -- vendor image, pinned by digest upstream\nENV A=b',
    );
    assert.deepEqual(withScope(line, DIRECTIVE), ['twelve-factor-ignore']);
    assert.deepEqual(withScope(line, RULE_ID), ['config/literal-secret', 'dependencies/unpinned-base-image']);
    assert.deepEqual(withScope(line, SEPARATOR), ['--']);
    assert.deepEqual(withScope(line, REASON), ['vendor image, pinned by digest upstream']);
    assert.ok(line.every((t) => t.scopes.includes('comment.line.number-sign.twelve-factor-ignore')), 'the whole line stays a comment');
  });

  it('scopes the whole-file directive as one keyword', async () => {
    const [line] = await tokenize('source.dockerfile', '# twelve-factor-ignore-file logs/log-file-path -- the legacy agent tails this file');
    assert.deepEqual(withScope(line, DIRECTIVE), ['twelve-factor-ignore-file']);
    assert.deepEqual(withScope(line, RULE_ID), ['logs/log-file-path']);
    assert.deepEqual(withScope(line, REASON), ['the legacy agent tails this file']);
  });

  it('scopes an indented suppression comment in YAML and leaves the next line to the host grammar', async () => {
    const [, comment, next] = await tokenize(
      'source.yaml',
      'env:\n  # twelve-factor-ignore config/literal-secret,build-release-run/mutable-image-tag -- demo credentials\n  - name: A',
    );
    assert.deepEqual(withScope(comment, DIRECTIVE), ['twelve-factor-ignore']);
    assert.deepEqual(withScope(comment, RULE_ID), ['config/literal-secret', 'build-release-run/mutable-image-tag']);
    assert.deepEqual(withScope(comment, 'punctuation.separator.comma.twelve-factor'), [',']);
    assert.deepEqual(withScope(comment, REASON), ['demo credentials']);
    assert.deepEqual(withScope(next, 'entity.name.tag.yaml'), ['name']);
    assert.ok(!hasAny(next, [DIRECTIVE, RULE_ID, REASON]));
  });

  it('gives ids without a reason their scope and no reason scope', async () => {
    const [line] = await tokenize('source.yaml', '# twelve-factor-ignore processes/host-path-volume');
    assert.deepEqual(withScope(line, RULE_ID), ['processes/host-path-volume']);
    assert.deepEqual(withScope(line, REASON), []);
  });

  it('leaves ordinary comments, look-alikes, trailing comments and block scalars alone', async () => {
    const dockerfile = await tokenize('source.dockerfile', '# install the app; see twelve-factor-ignore docs\n# twelve-factor-ignored config/x -- no');
    for (const line of dockerfile) {
      assert.ok(!hasAny(line, [DIRECTIVE, RULE_ID, REASON]), JSON.stringify(line));
      assert.ok(line.some((t) => t.scopes.includes('comment.line.number-sign.dockerfile')), 'still a host comment');
    }
    const yaml = await tokenize(
      'source.yaml',
      'image: app:1.0.0 # twelve-factor-ignore build-release-run/mutable-image-tag -- trailing comments are not directives\nscript: |\n  # twelve-factor-ignore config/literal-secret -- inside a string\nnext: 1',
    );
    for (const line of yaml) assert.ok(!hasAny(line, [DIRECTIVE, RULE_ID, REASON]), JSON.stringify(line));
    assert.ok(yaml[0].some((t) => t.scopes.includes('comment.line.number-sign.yaml')), 'the trailing comment is still a host comment');
  });
});
