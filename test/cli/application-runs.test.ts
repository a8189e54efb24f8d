// The CLI parses and analyses its files one application at a time (server/src/cli-applications.ts).
// Each file's outcome must be what it is with the whole run parsed at once, which is how the run is
// made with --fix and after a parse that throws: checked on the project's own trees, which hold
// Services and autoscalers beside their workloads, Kustomize bases with overlays in other folders,
// Helm charts, Dockerfiles and serverless templates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectFiles, readRegularFile } from '../../server/src/cli-files';
import { cliChartReader } from '../../server/src/cli-helm';
import { applicationIndex } from '../../server/src/related-objects';
import { analyseByApplication, closedGroups } from '../../server/src/cli-applications';
import { analysisOptionsOf, analyzeContained, decodeFile, objectsByApplication, outcomeOf, parseFile, type FileOutcome, type ReadFile } from '../../server/src/cli-run';

const TREES = ['test/corpus', 'examples', 'test/e2e/workspace', 'test/reliability/fixtures'];

function readTree(tree: string): ReadFile[] {
  const files: ReadFile[] = [];
  for (const path of collectFiles([tree], { warn: () => undefined, fail: () => undefined }, () => true)) {
    const read = readRegularFile(path);
    if (!read.ok) continue;
    const file = decodeFile(files.length, path, pathToFileURL(resolve(path)).href, '', read.bytes);
    if (typeof file !== 'string') files.push(file);
  }
  return files;
}

function runOf() {
  const charts = cliChartReader([], () => undefined);
  return { configurationFor: () => ({}), parseOptionsOf: (uri: string, languageId: string) => charts.parseOptionsOf(uri, languageId), quiet: false, debug: false };
}

/** The whole run parsed at once, then analysed file by file: the reference. */
function wholeRun(read: readonly ReadFile[]): FileOutcome[] {
  const run = runOf();
  const files = read.map((file) => parseFile(file, run.parseOptionsOf));
  const objectsOf = objectsByApplication(files);
  const failures = new Map<string, unknown>();
  return files.map((file) => outcomeOf(file, analyzeContained(file.parsed, analysisOptionsOf(file, {}, objectsOf), failures), run, failures));
}

describe('CLI: one application at a time', () => {
  for (const tree of TREES) {
    it(`${tree}: every file's outcome is the whole run's`, () => {
      const read = readTree(tree);
      const outcomes = analyseByApplication(read, runOf());
      assert.ok(outcomes);
      assert.equal(outcomes.length, read.length);
      const whole = wholeRun(read);
      // Including the fuzz input that once overflowed the yaml parser's stack or not by the depth it was parsed at.
      assert.deepEqual(outcomes, whole);
    });
  }

  it('the trees hold what makes the comparison bite: applications of several files, findings about another file', () => {
    const read = readTree('test/corpus');
    const applications = applicationIndex({ uris: read.map((f) => f.uri), textOf: (uri) => read.find((f) => f.uri === uri)?.text ?? '' });
    const groups = closedGroups(read, (uri) => applications.relatedFiles(uri));
    assert.ok(groups.some((g) => g.length >= 5), 'an application of five files or more');
    assert.ok(groups.length > 20, 'many applications');
    const outcomes = analyseByApplication(read, runOf())!;
    const across = outcomes.flatMap((o) => o.report.findings.filter((f) => f.related?.some((r) => r.uri !== read[o.index].uri)));
    assert.ok(across.length >= 10, `findings that point into another file: ${across.length}`);
    // A Kustomize overlay and its base (folders apart) are analysed together.
    const overlay = read.find((f) => f.path.endsWith('kustomize/overlays/prod/kustomization.yaml'))!;
    const base = read.find((f) => f.path.endsWith('kustomize/base/kustomization.yaml'))!;
    assert.ok(groups.some((g) => g.includes(overlay) && g.includes(base)));
  });

  it('groups are closed under the relation, in the order of their first file', () => {
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((uri) => ({ uri }));
    // a relates to c, c to e (not back), d to itself only, b and f to each other through f.
    const related: Record<string, string[]> = { a: ['a', 'c'], b: ['b'], c: ['c', 'e'], d: ['d'], e: ['e'], f: ['f', 'b'] };
    const groups = closedGroups(files, (uri) => related[uri]).map((g) => g.map((f) => f.uri).join(''));
    assert.deepEqual(groups, ['ace', 'bf', 'd']);
  });

  it('a file whose parse throws sends the run back to the whole run (undefined)', () => {
    const read = readTree('examples');
    const run = runOf();
    const throwing = { ...run, parseOptionsOf: (uri: string, languageId: string) => (uri === read[1].uri ? (() => { throw new RangeError('parse'); })() : run.parseOptionsOf(uri, languageId)) };
    assert.equal(analyseByApplication(read, throwing), undefined);
  });
});
