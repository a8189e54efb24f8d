// Runs every test file under test/ (except the end-to-end tiers) with Node's test runner.
// Node 20's runner does not glob TypeScript files itself, so we list them here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const skip = new Set(['e2e', 'fixtures', 'corpus', 'helpers', 'vscode']);
const files = [];
function walk(path) {
  if (statSync(path).isFile()) {
    if (path.endsWith('.test.ts')) files.push(path);
    return;
  }
  for (const entry of readdirSync(path).sort()) {
    if (skip.has(entry)) continue;
    walk(join(path, entry));
  }
}
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
