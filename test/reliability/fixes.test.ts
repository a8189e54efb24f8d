// Regressions for the fix and line-ending reproducers of ../shared/reliability/fix and fuzz/
// (the small inputs are copied under fixtures/fix-*; the others are generated here).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyEdits, fixUntilStable, selectFixes } from '../../server/src/core/edits';
import { SourceText } from '../../server/src/core/source';
import { codeActionsFor } from '../../server/src/core/code-actions';
import { analyzer, checkFixes, rangeProblems, VARIANTS, variantOf } from '../helpers/fix-invariants';
import type { Finding, TextEdit } from '../../server/src/core/types';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** The fuzz files are Dockerfiles when they start with an instruction or a comment, YAML otherwise. */
const filenameOf = (name: string, text: string) => (name.endsWith('.Dockerfile') || /^(\s*(#.*)?[\r\n])*\s*FROM\b/.test(text) || /dockerinstr|lineendings/.test(name) ? 'Dockerfile' : 'manifest.yaml');

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, newText: string): TextEdit => ({ range: { start: at(line, character), end: at(line, character) }, newText });

describe('applyEdits', () => {
  it('several insertions at one point all land, in the order given', () => {
    const r = applyEdits('a\nb\n', [insert(0, 1, '1'), insert(0, 1, '2'), insert(0, 1, '3')]);
    assert.deepEqual(r, { text: 'a123\nb\n', skipped: [] });
  });

  it('an insertion at either end of a replaced range lands beside it; inside it, it is skipped and reported', () => {
    const replace: TextEdit = { range: { start: at(0, 1), end: at(0, 3) }, newText: 'X' };
    const inside = insert(0, 2, '!');
    const r = applyEdits('abcd', [insert(0, 3, '>'), replace, insert(0, 1, '<'), inside]);
    assert.equal(r.text, 'a<X>d');
    assert.deepEqual(r.skipped, [inside]);
  });

  it('overlapping replacements: the first by position wins, the other is reported', () => {
    const a: TextEdit = { range: { start: at(0, 0), end: at(0, 2) }, newText: 'A' };
    const b: TextEdit = { range: { start: at(0, 1), end: at(0, 3) }, newText: 'B' };
    assert.deepEqual(applyEdits('abcd', [b, a]), { text: 'Acd', skipped: [b] });
  });

  it('the same edit offered twice lands once', () => {
    assert.equal(applyEdits('ab', [insert(0, 1, '-'), insert(0, 1, '-')]).text, 'a-b');
  });

  it('lone CR, LF and CRLF are all line breaks for positions', () => {
    const text = 'a\rb\nc\r\nd';
    assert.equal(applyEdits(text, [insert(1, 1, '1'), insert(2, 1, '2'), insert(3, 1, '3')]).text, 'a\rb1\nc2\r\nd3');
  });
});

describe('SourceText line breaks', () => {
  it('counts lone CR as a line break, as LSP does, and never lets a line run past it', () => {
    const source = new SourceText('memory://x', 'FROM python\r\rRUN x\rCMD y');
    assert.equal(source.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => source.lineText(l)), ['FROM python', '', 'RUN x', 'CMD y']);
    assert.equal(source.eol, '\r');
    assert.equal(new SourceText('memory://x', 'a\r\nb\r\nc\n').eol, '\r\n');
    assert.equal(new SourceText('memory://x', 'a\nb\r\n').eol, '\n');
  });
});

describe('fix reproducers', () => {
  it('idempotence: fixes at one insertion point all land and a second --fix changes nothing', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: acme/web:1.4.2\n        ports:\n        - containerPort: 8080\n';
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\n${deployment}`;
    const run = analyzer({ filename: 'web.yaml' });
    const findings = run(text).findings;
    const atEnd = findings.filter((f) => f.fix).map((f) => f.ruleId).sort();
    assert.deepEqual(atEnd, ['concurrency/missing-resource-requests', 'disposability/missing-readiness-probe']);
    // Both insert at the end of the container: both land in one pass.
    const once = applyEdits(text, selectFixes(findings, { unsafe: true }).edits);
    assert.deepEqual(once.skipped, []);
    assert.match(once.text, /readinessProbe:/);
    assert.match(once.text, /requests:/);
    const first = fixUntilStable(text, run, { unsafe: true });
    assert.equal(first.passes, 1);
    assert.equal(first.text, once.text);
    assert.equal(fixUntilStable(first.text, run, { unsafe: true }).passes, 0);
  });

  it('introduces: no readiness probe on a port the container does not declare (Service targetPort 80, containerPort 2368)', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: blog\nspec:\n  ports:\n  - port: 80\n    targetPort: 80\n  selector:\n    app: blog\n---\napiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: blog\nspec:\n  template:\n    metadata:\n      labels:\n        app: blog\n    spec:\n      containers:\n      - name: blog\n        image: ghost:5.0.0\n        ports:\n        - containerPort: 2368\n          hostPort: 80\n';
    for (const variant of VARIANTS) {
      const findings = analyzer({ filename: 'blog.yaml' })(variantOf(text, variant)).findings;
      // The Service's traffic never reaches the container's 2368: the mismatch is reported, and no probe (and so no fix) is asked for.
      assert.equal(findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe'), undefined, variant);
      assert.ok(findings.some((f) => f.ruleId === 'port-binding/service-target-port-unmatched'), `${variant}: the port mismatch is what is reported`);
      assert.deepEqual(checkFixes({ filename: 'blog.yaml', text: variantOf(text, variant) }).problems, [], variant);
    }
  });

  it('eol: ENV PYTHONUNBUFFERED goes into a CR-only Dockerfile with a CR', () => {
    // The reproducer's app, started as a script that prints (flask run logs to stderr, which the rule leaves alone).
    const text = fixture('fix-eol-cr-python.Dockerfile').replace('CMD ["flask", "run", "--host=0.0.0.0"]', 'CMD ["python", "app.py"]');
    assert.ok(text.includes('\r') && !text.includes('\n') && text.includes('"app.py"'));
    const fixed = fixUntilStable(text, analyzer({ filename: 'Dockerfile' }));
    assert.ok(fixed.passes >= 1);
    assert.ok(fixed.text.includes('\rENV PYTHONUNBUFFERED=1'), JSON.stringify(fixed.text));
    assert.ok(!fixed.text.includes('\n'), 'no LF in a CR-only file');
    assert.deepEqual(checkFixes({ filename: 'Dockerfile', text }).problems, []);
  });

  const fuzz = readdirSync(FIXTURES).filter((n) => n.startsWith('fix-fuzz-')).sort();
  it('has the fuzz reproducers', () => assert.ok(fuzz.length >= 13, fuzz.join(', ')));
  for (const name of fuzz) {
    it(`fuzz ${name}: ranges stay on their lines and fixes keep the file parseable, in every line ending`, () => {
      const raw = fixture(name);
      for (const variant of VARIANTS) {
        const text = variantOf(raw, variant);
        const filename = filenameOf(name, raw);
        const analysis = analyzer({ filename })(text);
        assert.deepEqual(rangeProblems(text, analysis.findings), [], `${variant}`);
        assert.deepEqual(checkFixes({ filename, text }).problems, [], `${variant}`);
      }
    });
  }

  it('empty-key pairs (fuzz 13, 15): no fix is offered into a map with a key-less pair', () => {
    // The reproducers are bare Pods, which the requests rule no longer asks; the same key-less pairs in a Deployment.
    const deployment = (container: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n${container}`;
    const cases = {
      'fuzz 13 shape': deployment('      - image: example.com/x:1.2\n        : #\n      :\n      -\n'),
      'fuzz 15 shape': deployment('      -\n        image: example.com/r:1.2\n        : #\n      :\n      -\n'),
    };
    for (const [name, text] of Object.entries(cases)) {
      const findings = analyzer({ filename: 'deploy.yaml' })(text).findings;
      assert.ok(findings.some((f) => f.ruleId === 'concurrency/missing-resource-requests'), name);
      assert.deepEqual(findings.filter((f) => f.ruleId === 'concurrency/missing-resource-requests' && f.fix), [], name);
    }
  });
});

describe('safe and unsafe fixes', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: ClientIP\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
  const unsafeFinding = (): Finding => {
    const f = analyzer({ filename: 'svc.yaml' })(text).findings.find((x) => x.ruleId === 'processes/sticky-sessions');
    assert.ok(f?.fix);
    return f;
  };

  it('the engine stamps each fix with its rule\'s class; --fix leaves unsafe ones out and counts them', () => {
    const finding = unsafeFinding();
    assert.equal(finding.fix!.safety, 'unsafe');
    assert.deepEqual(selectFixes([finding]), { edits: [], applied: 0, unsafeSkipped: 1 });
    assert.equal(selectFixes([finding], { unsafe: true }).applied, 1);
    const safeOnly = fixUntilStable(text, analyzer({ filename: 'svc.yaml' }));
    assert.equal(safeOnly.text, text);
    assert.equal(safeOnly.unsafeSkipped, 1);
    assert.doesNotMatch(fixUntilStable(text, analyzer({ filename: 'svc.yaml' }), { unsafe: true }).text, /sessionAffinity/);
  });

  it('code actions offer an unsafe fix, say so in its title and never prefer it', () => {
    const analysis = analyzer({ filename: 'svc.yaml' })(text);
    const finding = unsafeFinding();
    const action = codeActionsFor(analysis, finding.range).find((a) => a.edits === finding.fix!.edits || a.title.startsWith(finding.fix!.title));
    assert.ok(action);
    assert.match(action.title, /\(unsafe\)$/);
    assert.equal(action.isPreferred, false);
    const safe = analyzer({ filename: 'Dockerfile' })('FROM python:3.12-slim\nCMD ["python", "app.py"]\n');
    const pythonFinding = safe.findings.find((f) => f.ruleId === 'logs/python-unbuffered');
    assert.ok(pythonFinding?.fix);
    const safeAction = codeActionsFor(safe, pythonFinding.range).find((a) => a.title === pythonFinding.fix!.title);
    assert.ok(safeAction?.isPreferred);
  });
});

describe('CLI --fix and --unsafe-fixes (bundled dist/cli.js)', () => {
  const CLI = resolve('dist/cli.js');
  const cli = (cwd: string, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: ClientIP\n  selector:\n    app: web\n  ports:\n  - port: 80\n';

  it('--fix applies safe fixes only and counts the unsafe ones; --unsafe-fixes applies them; a second run changes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfl-fix-'));
    try {
      writeFileSync(join(dir, 'svc.yaml'), service);
      writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12-slim\rCMD python app.py\r');
      const safe = cli(dir, ['--fix', '.']);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM python:3.12-slim\rENV PYTHONUNBUFFERED=1\rCMD ["python", "app.py"]\r');
      assert.equal(readFileSync(join(dir, 'svc.yaml'), 'utf8'), service, 'an unsafe fix is not applied by --fix');
      assert.match(safe.stderr, /1 unsafe fix was available and not applied \(run with --unsafe-fixes/);
      const unsafe = cli(dir, ['--unsafe-fixes', '.']);
      assert.doesNotMatch(readFileSync(join(dir, 'svc.yaml'), 'utf8'), /sessionAffinity/);
      assert.doesNotMatch(unsafe.stderr, /unsafe fix/);
      const before = readFileSync(join(dir, 'svc.yaml'), 'utf8') + readFileSync(join(dir, 'Dockerfile'), 'utf8');
      cli(dir, ['--unsafe-fixes', '.']);
      assert.equal(readFileSync(join(dir, 'svc.yaml'), 'utf8') + readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
      assert.match(cli(dir, ['--help']).stdout, /--unsafe-fixes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
