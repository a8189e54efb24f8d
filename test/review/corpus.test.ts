// Whole files as projects write them, run through the bundled CLI. Each analysed file has a
// reviewed `<file>.expected` beside it: one `LINE:COLUMN RULE-ID` per finding we stand by.
// Anything else the linter says is a false positive (or a missed finding) and fails here.
// Each entry directly under test/corpus/<target>/ is one project: relations between objects
// are resolved within it, as the CLI would for a repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli.js');
const ROOT = 'test/corpus';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
}

function analysedFiles(path: string): string[] {
  if (statSync(path).isFile()) return /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(dockerfile|ya?ml|json)$/i.test(path) ? [path] : [];
  return readdirSync(path).sort().flatMap((entry) => analysedFiles(join(path, entry)));
}

function expectedOf(file: string): string[] {
  const path = `${file}.expected`;
  assert.ok(existsSync(path), `${file}: write ${path} (empty when the file must stay silent)`);
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

for (const target of ['dockerfile', 'kubernetes', 'serverless']) {
  const dir = join(ROOT, target);
  const projects = readdirSync(dir).filter((e) => !e.endsWith('.expected')).sort();
  describe(`corpus: ${target}`, () => {
    it('has at least 20 realistic files', () => {
      assert.ok(projects.flatMap((p) => analysedFiles(join(dir, p))).length >= 20);
    });
    for (const project of projects) {
      it(project, () => {
        const result = spawnSync(process.execPath, [CLI, '--format', 'json', join(dir, project)], { encoding: 'utf8' });
        assert.ok(result.status === 0 || result.status === 1, `CLI exited ${result.status}: ${result.stderr}`);
        assert.equal(result.stderr, '', 'no warnings or rule failures');
        const { findings, parseProblems } = JSON.parse(result.stdout) as { findings: JsonFinding[]; parseProblems: (JsonFinding & { kind: string })[] };
        const helm = project === 'chart' || project.includes('helm');
        // A key written twice is the project's own mistake, expected like a finding (`LINE:COLUMN yaml-duplicate-key`).
        const duplicates = parseProblems.filter((p) => p.kind === 'duplicate');
        if (!helm) assert.deepEqual(parseProblems.filter((p) => p.kind !== 'duplicate'), [], 'no YAML syntax errors outside Helm templates');
        for (const file of analysedFiles(join(dir, project))) {
          const actual = findings.filter((f) => resolve(f.file) === resolve(file)).map((f) => `${f.line}:${f.column} ${f.rule}`);
          const expected = expectedOf(file);
          assert.deepEqual(actual, expected.filter((l) => !l.endsWith(' yaml-duplicate-key')), `${file}: findings differ from ${file}.expected`);
          const actualDuplicates = duplicates.filter((p) => resolve(p.file) === resolve(file)).map((p) => `${p.line}:${p.column} yaml-duplicate-key`);
          assert.deepEqual(actualDuplicates, expected.filter((l) => l.endsWith(' yaml-duplicate-key')), `${file}: duplicate keys differ from ${file}.expected`);
        }
      });
    }
  });
}
