// Spawns the bundled CLI (`dist/cli.js`, run `npm run build` first) against hostile trees and
// broken setups: symbolic-link cycles, FIFOs and devices named like manifests, files that
// cannot be read, oversized files, broken configuration files, a reader that goes away, a full
// disk, and a file whose analysis fails. Every case must end, report the other files, and never
// print a stack trace. Also: reading standard input with `-`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const CLI = resolve('dist/cli.js');
const STACK = /\n\s+at /;
/** A hang used to mean "never ends"; anything near this budget is a regression. */
const BUDGET_MS = 20_000;
let dir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string; user?: { uid: number; gid: number } } = {}): Run {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], {
    ...options.user,
    cwd: options.cwd ?? dir,
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: BUDGET_MS,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

function noStack(r: Run): void {
  assert.doesNotMatch(r.stderr, STACK, `stack trace on stderr:\n${r.stderr}`);
}

/** Files of the JSON report that have findings. */
function reportedFiles(r: Run): string[] {
  const { findings } = JSON.parse(r.stdout) as { findings: { file: string }[] };
  return [...new Set(findings.map((f) => f.file))].sort();
}

function countRule(r: Run, rule: string): number {
  return (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.filter((f) => f.rule === rule).length;
}

/** Debian's `nobody`: whom a test running as root runs the CLI as, where a file's permissions must matter. */
const NOBODY = { uid: 65534, gid: 65534 };

// One warning (shell-form CMD) in every copy of this Dockerfile.
const DOCKERFILE = 'FROM node:20-slim\nCMD node server.js\n';
const SHELL_FORM = 'disposability/shell-form-command';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-robust-'));
  mkdirSync(join(dir, 'good'));
  writeFileSync(join(dir, 'good', 'Dockerfile'), DOCKERFILE);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: hostile file trees', () => {
  it('a folder with two links back to itself is walked once and ends', () => {
    const tree = join(dir, 'cycle2');
    mkdirSync(tree);
    writeFileSync(join(tree, 'Dockerfile'), DOCKERFILE);
    symlinkSync('.', join(tree, 'a'));
    symlinkSync('.', join(tree, 'b'));
    const r = run(['--format', 'json', 'cycle2']);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.ms < BUDGET_MS / 2, `took ${r.ms} ms`);
    assert.deepEqual(reportedFiles(r), ['cycle2/Dockerfile']);
    assert.equal(countRule(r, SHELL_FORM), 1, 'the file is checked once, not once per link');
    noStack(r);
  });

  it('a file reached through a self link and a second link is checked once', () => {
    const tree = join(dir, 'cycle1');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'sub', 'Dockerfile'), DOCKERFILE);
    symlinkSync('.', join(tree, 'self'));
    symlinkSync('sub', join(tree, 'again'));
    const r = run(['--format', 'json', 'cycle1', 'cycle1/sub/Dockerfile']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(countRule(r, SHELL_FORM), 1);
    noStack(r);
  });

  it('a link to a folder met before the folder itself is not followed: its files are listed under the folder\'s own name', () => {
    const tree = join(dir, 'linkfirst');
    mkdirSync(join(tree, 'b', 'c'), { recursive: true });
    writeFileSync(join(tree, 'b', 'c', 'Dockerfile'), DOCKERFILE);
    symlinkSync('b', join(tree, 'a-link'));
    const r = run(['--format', 'json', 'linkfirst']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(reportedFiles(r), ['linkfirst/b/c/Dockerfile']);
    assert.equal(countRule(r, SHELL_FORM), 1);
    noStack(r);
    // Named on the command line, the link is walked.
    assert.deepEqual(reportedFiles(run(['--format', 'json', 'linkfirst/a-link'])), ['linkfirst/a-link/c/Dockerfile']);
  });

  it('a FIFO named like a manifest is skipped in a walk and refused when named, without blocking', () => {
    const tree = join(dir, 'fifo');
    mkdirSync(tree);
    const made = spawnSync('mkfifo', [join(tree, 'x.yaml')]);
    assert.equal(made.status, 0, 'mkfifo is needed for this test');
    writeFileSync(join(tree, 'Dockerfile'), DOCKERFILE);

    const walked = run(['--format', 'json', 'fifo']);
    assert.equal(walked.code, 1, 'a special file inside a tree is only a warning');
    assert.match(walked.stderr, /fifo\/x\.yaml: a FIFO, not a regular file; skipped/);
    assert.deepEqual(reportedFiles(walked), ['fifo/Dockerfile']);
    noStack(walked);

    const named = run(['--format', 'json', 'fifo/x.yaml', 'good/Dockerfile']);
    assert.equal(named.code, 2, 'a file the user named that cannot be read exits 2');
    assert.match(named.stderr, /fifo\/x\.yaml: a FIFO, not a regular file; skipped/);
    assert.deepEqual(reportedFiles(named), ['good/Dockerfile']);
    noStack(named);
  });

  it('a *.yaml link to /dev/zero is not read', () => {
    const tree = join(dir, 'dev');
    mkdirSync(tree);
    symlinkSync('/dev/zero', join(tree, 'zero.yaml'));
    writeFileSync(join(tree, 'Dockerfile'), DOCKERFILE);
    const walked = run(['--format', 'json', 'dev']);
    assert.equal(walked.code, 1, walked.stderr);
    assert.match(walked.stderr, /dev\/zero\.yaml: a character device, not a regular file; skipped/);
    assert.deepEqual(reportedFiles(walked), ['dev/Dockerfile']);
    const named = run(['--format', 'json', 'dev/zero.yaml', 'dev/Dockerfile']);
    assert.equal(named.code, 2);
    assert.deepEqual(reportedFiles(named), ['dev/Dockerfile']);
    noStack(walked);
    noStack(named);
  });

  it('a path that cannot be read is reported, the other files still are, exit 2', () => {
    symlinkSync('nowhere', join(dir, 'dangling.yaml'));
    const r = run(['--format', 'json', 'dangling.yaml', 'missing-dir', 'good']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read dangling\.yaml: no such file or directory/);
    assert.match(r.stderr, /cannot read missing-dir: no such file or directory/);
    assert.deepEqual(reportedFiles(r), ['good/Dockerfile']);
    noStack(r);
    // --no-fail does not hide that a file was not checked.
    assert.equal(run(['dangling.yaml', 'good', '--no-fail']).code, 2);
  });

  it('an unreadable file (permission denied) is reported and the others still are', (t) => {
    // chmod 000 does not stop root from reading (CI runs as root): there the CLI runs as `nobody`.
    const user = process.getuid?.() === 0 ? NOBODY : undefined;
    if (user) {
      chmodSync(dir, 0o755);
      const canRun = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(CLI)}, require('fs').constants.R_OK)`], { ...user });
      if (canRun.status !== 0) {
        t.skip('running as root, and user nobody cannot read the CLI to run it');
        return;
      }
    }
    const locked = join(dir, 'locked.Dockerfile');
    writeFileSync(locked, DOCKERFILE);
    chmodSync(locked, 0);
    const r = run(['--format', 'json', 'locked.Dockerfile', 'good'], { user });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read locked\.Dockerfile: permission denied/);
    assert.deepEqual(reportedFiles(r), ['good/Dockerfile']);
    noStack(r);
  });

  it('a file over the size limit is refused without being read', () => {
    const big = join(dir, 'huge.yaml');
    writeFileSync(big, '');
    truncateSync(big, 25 * 1024 * 1024); // sparse: costs no disk
    const r = run(['--format', 'json', 'huge.yaml', 'good']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /huge\.yaml: 25\.0 MB is over the 20\.0 MB limit; skipped/);
    assert.deepEqual(reportedFiles(r), ['good/Dockerfile']);
    noStack(r);
  });

  it('a file whose analysis throws costs that file only: one line, the others reported, exit 2', () => {
    const tree = join(dir, 'contained');
    mkdirSync(tree);
    writeFileSync(join(tree, 'a.Dockerfile'), DOCKERFILE);
    writeFileSync(join(tree, 'b.Dockerfile'), DOCKERFILE);
    const env = { TWELVE_FACTOR_LENS_TEST_FAULT: 'a.Dockerfile' };
    const r = run(['--format', 'json', 'contained'], { env });
    assert.equal(r.code, 2);
    assert.deepEqual(reportedFiles(r), ['contained/b.Dockerfile']);
    assert.match(r.stderr, /contained\/a\.Dockerfile: could not be analysed, not reported: internal error: RangeError: injected fault for a test \(run with --debug for the stack\)/);
    noStack(r);
    const stylish = run(['contained'], { env });
    assert.match(stylish.stdout, /contained\/b\.Dockerfile/);
    assert.match(stylish.stdout, /in 1 file checked/);
    assert.match(run(['--debug', 'contained'], { env }).stderr, STACK, '--debug shows the stack');
  });

  it('a file whose parse throws is said where its read would be, left out of its application, and the others reported', () => {
    // The files are parsed application by application; a parse that throws sends the run back to parsing every
    // file at once, where the file is left out of the application index, as it always was.
    const tree = join(dir, 'unparsed');
    mkdirSync(join(tree, 'app'), { recursive: true });
    writeFileSync(join(tree, 'a.Dockerfile'), DOCKERFILE);
    writeFileSync(join(tree, 'app', 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
    writeFileSync(join(tree, 'app', 'hpa.yaml'), 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n');
    writeFileSync(join(tree, 'b.Dockerfile'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00])); // binary: a read warning before it
    const whole = run(['--format', 'json', '--no-fail', 'unparsed']);
    assert.equal(whole.code, 0);
    assert.ok(countRule(whole, 'concurrency/replicas-with-hpa') > 0, 'the relation between the two files is found');

    const faulty = run(['--format', 'json', '--no-fail', 'unparsed'], { env: { TWELVE_FACTOR_LENS_TEST_PARSE_FAULT: 'a.Dockerfile' } });
    assert.equal(faulty.code, 2);
    assert.deepEqual(reportedFiles(faulty), reportedFiles(whole).filter((f) => f !== 'unparsed/a.Dockerfile'));
    const lines = faulty.stderr.trim().split('\n');
    assert.match(lines[0], /unparsed\/a\.Dockerfile: could not be analysed: internal error: RangeError: injected parse fault for a test \(run with --debug for the stack\)$/);
    assert.match(lines[1], /unparsed\/b\.Dockerfile: binary content; skipped$/, 'in the order of the files: a.Dockerfile is read before b.Dockerfile');
    assert.equal(countRule(faulty, 'concurrency/replicas-with-hpa'), countRule(whole, 'concurrency/replicas-with-hpa'), 'the other files keep their relations');
    noStack(faulty);
  });
});

describe('CLI: configuration errors', () => {
  const config = (name: string, text: string | Buffer) => {
    writeFileSync(join(dir, name), text);
    return run(['-c', name, '--format', 'json', 'good']);
  };

  for (const [name, text, message] of [
    ['null-rules.json', '{"rules": null}', /configuration null-rules\.json: "rules" must be an object of rule id to level, got null$/],
    ['array-rules.json', '{"rules": []}', /configuration array-rules\.json: "rules" must be an object of rule id to level, got an array$/],
    ['bad-level.json', '{"rules": {"disposability/shell-form-command": "loud"}}', /configuration bad-level\.json: rule "disposability\/shell-form-command" must be one of off, error, warning, info, hint, got "loud"$/],
    ['number-level.json', '{"rules": {"disposability/shell-form-command": 2}}', /got number 2$/],
    ['enable-no.json', '{"enable": "no"}', /configuration enable-no\.json: unknown key "enable"/],
    ['unknown-key.json', '{"rulez": {}}', /configuration unknown-key\.json: unknown key "rulez"/],
    ['fail-on.json', '{"failOn": true}', /configuration fail-on\.json: "failOn" must be one of error, warning, info, hint, got boolean true$/],
    ['not-object.json', '[1]', /configuration not-object\.json: must be a JSON object, got an array$/],
    ['invalid.json', '{\n  "rules": {\n    "a": "off",\n  }\n}', /configuration invalid\.json: invalid JSON: .* at line 4, column 3$/],
    ['invalid2.json', '{\n  "rules": {\n    "a": tru\n}', /configuration invalid2\.json: invalid JSON: .* at line 3, column 10$/],
    ['empty.json', '', /configuration empty\.json: invalid JSON: .*end of .*input/],
  ] as const) {
    it(`${name}: one line naming the file, exit 2`, () => {
      const r = config(name, text);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '', 'no report on a broken configuration');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr.trim(), message);
      noStack(r);
    });
  }

  it('a broken configuration in a folder of the walk is one line, not one per file it governs', () => {
    const sub = join(dir, 'broken-nested');
    mkdirSync(join(sub, 'app', 'deploy'), { recursive: true });
    writeFileSync(join(sub, 'app', '.twelve-factor-lens.json'), '{ "rules": ');
    writeFileSync(join(sub, 'app', 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(sub, 'app', 'deploy', 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    writeFileSync(join(sub, 'app', 'deploy', 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    writeFileSync(join(sub, 'Dockerfile'), DOCKERFILE);
    const r = run(['--format', 'json', '.'], { cwd: sub });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(r.stderr.startsWith(`twelve-factor-lens: configuration ${join('app', '.twelve-factor-lens.json')}: invalid JSON: `), r.stderr);
    // The files outside its folder are still checked.
    assert.deepEqual([...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file))], ['Dockerfile']);
    noStack(r);
  });

  it('a byte-order mark at the start of the configuration is accepted', () => {
    const r = config('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ rules: { [SHELL_FORM]: 'off' } }))]));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(countRule(r, SHELL_FORM), 0, 'the configuration took effect');
    const named = run(['--format', 'json', 'good'], { cwd: dir });
    assert.equal(countRule(named, SHELL_FORM), 1);
  });

  it('the default .twelve-factor-lens.json with a BOM is accepted', () => {
    const sub = join(dir, 'bom-default');
    mkdirSync(sub);
    writeFileSync(join(sub, 'Dockerfile'), DOCKERFILE);
    writeFileSync(join(sub, '.twelve-factor-lens.json'), `\uFEFF${JSON.stringify({ failOn: 'error' })}`);
    const r = run(['.'], { cwd: sub });
    assert.equal(r.code, 0, r.stderr);
  });

  it('an unknown rule id in the configuration is a warning, the rest applies', () => {
    const r = config('unknown-rule.json', JSON.stringify({ rules: { 'config/no-such-rule': 'error', [SHELL_FORM]: 'off' } }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /configuration unknown-rule\.json: unknown rule "config\/no-such-rule" ignored/);
    assert.equal(countRule(r, SHELL_FORM), 0);
  });

  it('a configuration that is a directory or missing is one line, exit 2', () => {
    for (const path of ['good', 'nope.json']) {
      const r = run(['-c', path, 'good']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, new RegExp(`^twelve-factor-lens: configuration ${path === 'good' ? 'good: a directory' : 'nope\\.json: no such file'}`));
      noStack(r);
    }
  });
});

describe('CLI: output that cannot be written', () => {
  before(() => {
    // Enough findings that the report is far larger than a pipe's buffer.
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 400; i++) writeFileSync(join(many, `f${i}.Dockerfile`), DOCKERFILE);
  });

  it('a reader that goes away (| head -1) ends the run quietly with the code it would have had', async () => {
    const child = spawn(process.execPath, [CLI, '--format', 'json', 'many'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    assert.equal(code, 1, stderr);
    assert.equal(stderr, '');
  });

  it('a full disk (> /dev/full) is one line and exit 2', (t) => {
    if (!existsSync('/dev/full')) {
      t.skip('no /dev/full on this system');
      return;
    }
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" many > /dev/full`], { cwd: dir, encoding: 'utf8', timeout: BUDGET_MS });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim(), 'twelve-factor-lens: cannot write the report to standard output: ENOSPC');
  });
});

describe('CLI: standard input', () => {
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: p, image: "nginx:latest"}]\n';

  it('- reads a Dockerfile from standard input, recognised by its FROM line', () => {
    const r = run(['--format', 'json', '-'], { input: DOCKERFILE });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(reportedFiles(r), ['<stdin>']);
    assert.equal(countRule(r, SHELL_FORM), 1);
  });

  it('- reads Kubernetes YAML, recognised by apiVersion/kind', () => {
    const r = run(['--format', 'json', '-'], { input: POD });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(countRule(r, 'build-release-run/mutable-image-tag'), 1);
  });

  it('--stdin-filename decides the kind and the name in the report', () => {
    const r = run(['--format', 'json', '-', '--stdin-filename', 'k8s/pod.yaml'], { input: POD });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(reportedFiles(r), ['k8s/pod.yaml']);
    // The name wins over the content: a YAML-looking text named Dockerfile is read as a Dockerfile.
    const asDockerfile = run(['--format', 'json', '-', '--stdin-filename', 'Dockerfile'], { input: DOCKERFILE });
    assert.deepEqual(reportedFiles(asDockerfile), ['Dockerfile']);
    const stylish = run(['-', '--stdin-filename', 'app/Containerfile'], { input: DOCKERFILE });
    assert.match(stylish.stdout, /^app\/Containerfile\n/);
  });

  it('standard input is checked together with the files given', () => {
    const r = run(['--format', 'json', '-', 'good'], { input: POD });
    assert.deepEqual(reportedFiles(r), ['<stdin>', 'good/Dockerfile']);
  });

  it('text that is neither is refused with a hint, exit 2', () => {
    const r = run(['-'], { input: 'hello: world\n' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /standard input: cannot tell whether it is a Dockerfile or Kubernetes YAML; name it with --stdin-filename/);
    noStack(r);
  });

  it('--fix with standard input, a second -, and --stdin-filename without - are usage errors', () => {
    for (const [args, message] of [
      [['--fix', '-'], /^twelve-factor-lens: --fix cannot be combined with - \(standard input\)/],
      [['-', '-'], /^twelve-factor-lens: - \(standard input\) can be given only once/],
      [['--stdin-filename', 'Dockerfile', 'good'], /^twelve-factor-lens: --stdin-filename needs - \(standard input\)/],
    ] as const) {
      const r = run([...args], { input: DOCKERFILE });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      noStack(r);
    }
  });
});

describe('--fix writes atomically', () => {
  it('replaces the file a symlink names, keeps the link and the mode, and leaves no temporary file', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-atomic-'));
    try {
      const real = join(root, 'real.Dockerfile');
      writeFileSync(real, 'FROM nginx:1.27.0\nCMD nginx -g "daemon off;"\n', { mode: 0o640 });
      symlinkSync('real.Dockerfile', join(root, 'Dockerfile'));
      const result = spawnSync(process.execPath, [resolve('dist/cli.js'), '--fix', '--no-fail', join(root, 'Dockerfile')], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(lstatSync(join(root, 'Dockerfile')).isSymbolicLink(), 'the link is still a link');
      assert.notEqual(readFileSync(real, 'utf8'), 'FROM nginx:1.27.0\nCMD nginx -g "daemon off;"\n', 'the fix landed in the real file');
      assert.equal(statSync(real).mode & 0o777, 0o640);
      assert.deepEqual(readdirSync(root).sort(), ['Dockerfile', 'real.Dockerfile']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
