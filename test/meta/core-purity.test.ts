// The analysis core does no I/O and knows no transport (DESIGN.md, invariant 1). And it reads YAML only through
// core/yaml-read.ts, which bounds how deep a document is read so that the outcome does not depend on the stack of
// the thread that reads it (see test/reliability/deep-nesting.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = 'server/src/core';
const FORBIDDEN_MODULES = /^(node:|fs$|path$|process$|os$|child_process$|net$|http|vscode$|vscode-languageserver$|vscode-languageserver\/|vscode-languageclient|vscode-jsonrpc)/;
const FORBIDDEN_GLOBALS = /\b(process\.|setTimeout|setInterval|setImmediate|require\(|console\.)/;
const SERVER = 'server/src';
const READER = join(CORE, 'yaml-read.ts');
/** The yaml package's entry points that parse text. */
const PARSING = new Set(['parse', 'parseDocument', 'parseAllDocuments', 'Parser', 'Composer', 'Lexer', 'CST']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('core purity', () => {
  const sources = files(CORE);
  it('finds the core sources', () => assert.ok(sources.length > 10));
  for (const file of sources) {
    it(file, () => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2];
        assert.ok(!FORBIDDEN_MODULES.test(spec), `${file} imports ${spec}`);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""');
      assert.doesNotMatch(code, FORBIDDEN_GLOBALS, `${file} uses a global that belongs to the server or CLI`);
    });
  }
});

describe('one YAML reader', () => {
  const sources = files(SERVER);
  it('finds the reader and the sources', () => assert.ok(sources.includes(READER) && sources.length > 50));
  for (const file of sources.filter((f) => f !== READER)) {
    it(file, () => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]yaml['"]/g)) {
        const names = m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]).filter(Boolean);
        const parsing = names.filter((n) => PARSING.has(n));
        assert.deepEqual(parsing, [], `${file} parses YAML itself; read it through core/yaml-read.ts`);
      }
      assert.doesNotMatch(text, /import\s+\*\s+as\s+\w+\s+from\s+['"]yaml['"]|require\(['"]yaml['"]\)/, `${file} imports the whole yaml package`);
    });
  }
});
