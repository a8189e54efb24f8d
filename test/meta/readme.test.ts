// The README's generated sections (rule table, snippet catalogue) match the sources they come from.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

it('README.md is up to date (run `npm run readme` when this fails)', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/readme.ts', '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

it('README.md shows the two commands a new user starts with', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.match(readme, /npm run examples/);
  assert.match(readme, /npm test/);
  const ci = readFileSync('.ci/run', 'utf8');
  assert.match(ci, /npm test/);
});
