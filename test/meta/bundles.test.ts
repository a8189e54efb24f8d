// The bundles in dist/ are pure ASCII. esbuild writes strings and regular expressions as ASCII escapes, but it
// copies some comments (those on class fields, a few inside object literals) as they are. One `…` in such a
// comment made Node read the whole 1.2 MB bundle as a two-byte string: every thread that loads it then keeps
// 2.4 MB of source instead of 1.2 MB, and decoding and scanning it cost each worker and each CLI run a few
// milliseconds more (the analysis worker was ready about 4 ms later; a started server held 3 MB more).
// The minified .vsix build drops comments; this keeps the development build (the GitHub Action's, the
// README's commands', the bench's) the same. Runs on what `npm test` has just built.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

describe('the bundles', () => {
  it('are ASCII, so that Node holds their source as one-byte strings', () => {
    const bundles = readdirSync(DIST).filter((name) => name.endsWith('.js'));
    assert.ok(bundles.includes('analysis-worker.js') && bundles.includes('cli.js'), `dist/ holds ${bundles.join(', ')}: run \`npm run build\` first`);
    const offending: string[] = [];
    for (const name of bundles) {
      const bytes = readFileSync(join(DIST, name));
      const at = bytes.findIndex((b) => b > 0x7f);
      if (at === -1) continue;
      // Line breaks are single bytes in UTF-8: the line is counted on the bytes, then shown as text.
      const start = bytes.lastIndexOf(0x0a, at) + 1;
      const end = bytes.indexOf(0x0a, at);
      const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
      offending.push(`dist/${name}:${line}: ${bytes.subarray(start, end === -1 ? undefined : end).toString('utf8').trim().slice(0, 120)}`);
    }
    assert.deepEqual(offending, [], 'write these comments in ASCII in the sources (esbuild keeps them as written)');
  });
});
