/**
 * Snippet files as VS Code reads them: each is valid JSON, contributed from package.json
 * for its language, every entry has a body, a `tf-` prefix unique within its language and a
 * description that names the factors; every body parses as snippet syntax with only known
 * variables (an unescaped `$HOME` in a shell line would become a placeholder named HOME).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSnippet, parseSnippet, type SnippetNode } from './expand';
import { ROOT, loadSnippetFiles, prefixesOf, snippetContributions } from './load';

const LANGUAGES = ['dockerfile', 'yaml', 'python', 'javascript', 'typescript', 'go', 'java'];
const FACTOR_WORDS = /\b(codebase|dependencies|config|backing services|build-release-run|processes|port binding|concurrency|disposability|dev\/prod parity|logs|admin processes)\b/i;

describe('snippet contributions', () => {
  it('contributes every file under snippets/ and nothing that does not exist', () => {
    const contributed = snippetContributions();
    const onDisk = readdirSync(join(ROOT, 'snippets')).filter((f) => f.endsWith('.json')).map((f) => `./snippets/${f}`);
    for (const c of contributed) assert.ok(existsSync(join(ROOT, c.path)), `${c.path} is contributed but missing`);
    assert.deepEqual(contributed.map((c) => c.path).sort(), onDisk.sort(), 'every snippet file is referenced from package.json');
  });

  it('covers every language the issue asks for', () => {
    const languages = new Set(snippetContributions().map((c) => c.language));
    for (const language of LANGUAGES) assert.ok(languages.has(language), `no snippets for ${language}`);
  });

  it('has valid JSON in every snippet file', () => {
    for (const c of snippetContributions()) {
      const text = readFileSync(join(ROOT, c.path), 'utf8');
      assert.doesNotThrow(() => JSON.parse(text), `${c.path} is not valid JSON`);
      assert.equal(typeof JSON.parse(text), 'object');
    }
  });
});

for (const file of loadSnippetFiles()) {
  describe(`${file.path} (${file.language})`, () => {
    it('has entries with a tf- prefix, a body and a description that names its factors', () => {
      const entries = Object.entries(file.snippets);
      assert.ok(entries.length > 0, 'the file has no snippets');
      for (const [name, snippet] of entries) {
        assert.ok(Array.isArray(snippet.body) || typeof snippet.body === 'string', `${name}: body`);
        for (const prefix of prefixesOf(snippet)) {
          // The tf- namespace keeps clear of VS Code's and the language extensions' own prefixes.
          assert.match(prefix, /^tf-[a-z0-9]+(-[a-z0-9]+)*$/, `${name}: prefix "${prefix}"`);
          assert.ok(prefix.length <= 20, `${name}: prefix "${prefix}" is not short`);
        }
        assert.ok(snippet.description && snippet.description.length > 40, `${name}: description`);
        assert.match(snippet.description!, /Factors: /, `${name}: the description says which factors it embodies`);
        assert.match(snippet.description!.split('Factors: ')[1], FACTOR_WORDS, `${name}: names at least one factor`);
      }
    });

    it('parses with known variables only, and every tab stop has a default or is a mirror', () => {
      for (const [name, snippet] of Object.entries(file.snippets)) {
        const expansion = expandSnippet(snippet.body);
        assert.deepEqual(expansion.unknownVariables, [], `${name}: unknown variables (escape a literal $ as \\$)`);
        assert.ok(expansion.tabStops.includes(0) || expansion.tabStops.length > 0, `${name}: has tab stops`);
        // A bare $n with no placeholder anywhere would expand to nothing in the lint tests; insist on defaults.
        const defined = new Set<number>();
        const bare = new Set<number>();
        const walk = (nodes: SnippetNode[]) => {
          for (const node of nodes) {
            if (node.kind === 'placeholder') {
              defined.add(node.index);
              walk(node.children);
            } else if (node.kind === 'choice') defined.add(node.index);
            else if (node.kind === 'tabstop' && node.index !== 0) bare.add(node.index);
            else if (node.kind === 'variable' && node.children) walk(node.children);
          }
        };
        walk(parseSnippet(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body));
        for (const index of bare) assert.ok(defined.has(index), `${name}: $${index} has no default anywhere`);
      }
    });
  });
}

describe('snippet prefixes', () => {
  it('are unique within each language', () => {
    const byLanguage = new Map<string, Map<string, string>>();
    for (const file of loadSnippetFiles()) {
      const seen = byLanguage.get(file.language) ?? new Map<string, string>();
      byLanguage.set(file.language, seen);
      for (const [name, snippet] of Object.entries(file.snippets)) {
        for (const prefix of prefixesOf(snippet)) {
          assert.ok(!seen.has(prefix), `${file.language}: prefix "${prefix}" is used by both "${seen.get(prefix)}" and "${name}"`);
          seen.set(prefix, name);
        }
      }
    }
  });
});

describe('snippet catalogue', () => {
  it('lists every prefix in the README snippet catalogue', () => {
    const docs = ['README.md'].map((f) => join(ROOT, f)).filter((f) => existsSync(f));
    const text = docs.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.ok(docs.length > 0, 'README.md is missing');
    for (const file of loadSnippetFiles()) {
      for (const [name, snippet] of Object.entries(file.snippets)) {
        for (const prefix of prefixesOf(snippet)) assert.ok(text.includes(`| \`${prefix}\` |`), `${name}: ${prefix} is missing from the catalogue`);
      }
    }
  });
});
