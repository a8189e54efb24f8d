// The analysis core does no I/O and knows no transport (DESIGN.md, invariant 1).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const CORE = 'server/src/core';
const FORBIDDEN_MODULES = /^(node:|fs$|path$|process$|os$|child_process$|net$|http|vscode$|vscode-languageserver$|vscode-languageserver\/|vscode-languageclient|vscode-jsonrpc)/;
const FORBIDDEN_GLOBALS = /\b(process\.|setTimeout|setInterval|setImmediate|require\(|console\.)/;

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
