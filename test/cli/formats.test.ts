// The human-facing CI outputs of the bundled CLI (`dist/cli.js`): GitHub workflow commands,
// Markdown, the HTML report, the per-factor end of stylish, several outputs in one run, the
// composite action's script and the pre-commit hook (through the real `pre-commit try-repo`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const CLI = resolve('dist/cli.js');
let dir: string;

function run(args: string[], cwd = dir, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BAD_DOCKERFILE = 'FROM node:latest\nCMD node server.js\n';
const CLEAN_DOCKERFILE = [
  'FROM node:20.15-bookworm-slim',
  'ENV NODE_ENV=production',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci --omit=dev',
  'COPY . .',
  'USER node',
  'ENV PORT=8080',
  'EXPOSE 8080',
  'CMD ["node", "server.js"]',
  '',
].join('\n');
/** A folder name that is markup: every output must show it as text. */
const HOSTILE = '<img src=x onerror=alert(1)>|x';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-formats-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), BAD_DOCKERFILE);
  writeFileSync(join(dir, 'app', 'pod.yml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: p, image: "nginx:latest"}]\n');
  mkdirSync(join(dir, HOSTILE));
  writeFileSync(join(dir, HOSTILE, 'Dockerfile'), 'FROM node:latest\nCMD ["node", "server.js"]\n');
  mkdirSync(join(dir, 'clean'));
  writeFileSync(join(dir, 'clean', 'Dockerfile'), CLEAN_DOCKERFILE);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; factor: string; severity: string; message: string }
const jsonFindings = (args: string[]): JsonFinding[] => JSON.parse(run(['--format', 'json', ...args]).stdout).findings;

describe('--format github', () => {
  it('one workflow command per finding, at its position, escaped, with the factor first', () => {
    const r = run(['--format', 'github', 'app']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    const findings = jsonFindings(['app']);
    assert.equal(lines.length, findings.length);
    const shell = findings.find((f) => f.rule === 'disposability/shell-form-command')!;
    assert.ok(
      lines.includes(`::warning file=app/Dockerfile,line=${shell.line},col=${shell.column},endColumn=${shell.endColumn},title=disposability/shell-form-command (IX Disposability)::IX Disposability: ${shell.message}`),
      r.stdout,
    );
    // Commas in a property are escaped (the factor title "Build, release, run").
    assert.match(r.stdout, /^::warning file=app\/pod\.yml,line=5,col=\d+,endColumn=\d+,title=build-release-run\/mutable-image-tag \(V Build%2C release%2C run\)::V Build, release, run: /m);
  });

  it('maps info and hint to notice and escapes newlines and percent signs in the message', () => {
    const r = run(['--format', 'github', '--rule', 'disposability/shell-form-command=info', 'app/Dockerfile']);
    assert.match(r.stdout, /^::notice file=app\/Dockerfile,line=2,/m);
    assert.ok(!r.stdout.split('\n').some((l) => l && !l.startsWith('::')), 'every line is a workflow command');
  });
});

describe('--format markdown', () => {
  it('a table of the twelve factors with counts equal to the JSON, then the findings by factor', () => {
    const r = run(['--format', 'markdown', '.']);
    assert.equal(r.code, 1, r.stderr);
    const findings = jsonFindings(['.']);
    const rows = r.stdout.split('\n').filter((l) => /^\| \[[IVX]+\. /.test(l));
    assert.equal(rows.length, 12, r.stdout);
    for (const row of rows) {
      const [, numeral, count] = /^\| \[([IVX]+)\. [^\]]+\]\([^)]+\) \| (\d+) \|/.exec(row)!;
      const slug = /12factor\.net\/([a-z-]+)\)/.exec(row)![1];
      assert.equal(Number(count), findings.filter((f) => f.factor === slug).length, `${numeral}: ${row}`);
      if (Number(count) === 0) assert.match(row, /pass/);
    }
    assert.match(r.stdout, /^### IX\. Disposability$/m);
    assert.match(r.stdout, /\| `app\/Dockerfile:2:1` \| .*warning \| `disposability\/shell-form-command` \|/);
    assert.match(r.stdout, new RegExp(`${findings.length} findings in 4 files checked`));
  });

  it('a folder name full of markup cannot open HTML or break the table', () => {
    const r = run(['--format', 'markdown', '.']);
    // Markdown shows code spans literally: outside them, no tag may remain.
    const outsideCode = r.stdout.split('`').filter((_part, i) => i % 2 === 0).join('');
    assert.ok(!outsideCode.includes('<img'), 'no raw tag outside code spans');
    const line = r.stdout.split('\n').find((l) => l.includes('onerror'))!;
    assert.ok(line.startsWith('| `<img src=x onerror=alert(1)>\\|x/Dockerfile:1:11` |'), line);
  });

  it('all twelve pass on a clean file', () => {
    const r = run(['--format', 'markdown', 'clean']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No findings in 1 file checked: all twelve factors pass\./);
  });
});

describe('--format html', () => {
  it('one self-contained page: a bar per factor, findings by factor and file, each rule explained', () => {
    const r = run(['--format', 'html', '.']);
    assert.equal(r.code, 1, r.stderr);
    const html = r.stdout;
    const findings = jsonFindings(['.']);
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    // Nothing is loaded: no script, no external stylesheet, image or font.
    assert.ok(!/<script|<link |\ssrc=["']?https?:|@import|url\(/i.test(html.replace(/&lt;img src=x/g, '')), 'no external resource');
    assert.equal((html.match(/<rect /g) ?? []).length, 12, 'one bar per factor');
    assert.match(html, new RegExp(`${findings.length} findings in 4 files checked`));
    assert.match(html, /<section id="factor-disposability"><h2>IX\. Disposability<\/h2>/);
    assert.match(html, /<details id="rule-disposability-shell-form-command"><summary><code>disposability\/shell-form-command<\/code>/);
    const tagCount = findings.filter((f) => f.factor === 'dependencies').length;
    assert.match(html, new RegExp(`<td><a href="#factor-dependencies">II\\. Dependencies</a></td><td class="num">${tagCount}</td>`));
    assert.ok(!html.includes('<img src=x'), 'the hostile folder name is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;|x/Dockerfile'));
  });
});

describe('stylish', () => {
  it('leads each message with its factor and ends with a per-factor summary', () => {
    const r = run(['app']);
    assert.match(r.stdout, /2:1\s+warning\s+IX Disposability: CMD in shell form/);
    assert.match(r.stdout, /^By factor:\n(?: {2}.*\n)+/m);
    assert.match(r.stdout, /^ {2}IX Disposability\s+1 {2}\(1 warning\) in 1 file$/m);
    assert.match(r.stdout, /^ {2}no findings: I, III, IV, /m);
  });
});

describe('documents that were not analysed', () => {
  // A syntax error is the user's YAML to fix; a document nested deeper than the linter reads is not a syntax error.
  before(() => {
    mkdirSync(join(dir, 'unread'));
    // Two broken documents: each one's first error is reported (the errors after it are its consequences). The first
    // one's flow map is never closed (a `]` where its `}` belongs), which no reader accepts.
    writeFileSync(join(dir, 'unread', 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [a, {\n    b: c\n  ]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
    writeFileSync(join(dir, 'unread', 'deep.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(300)}\n`);
  });

  it('each format names a syntax error as one (an error) and a document too deep to read as not read (a warning)', () => {
    const json = JSON.parse(run(['--format', 'json', 'unread']).stdout) as { parseProblems: { file: string; kind: string; message: string }[] };
    assert.deepEqual([...new Set(json.parseProblems.map((p) => `${p.file} ${p.kind}`))], ['unread/broken.yaml syntax', 'unread/deep.yaml unread']);
    assert.match(json.parseProblems.find((p) => p.kind === 'unread')!.message, /^Nested more than 256 levels deep/);

    const stylish = run(['unread']).stdout;
    assert.match(stylish, /error {4}YAML syntax error, document not analysed: .* {2}yaml-syntax$/m);
    assert.match(stylish, /warning {2}Not analysed: Nested more than 256 levels deep, deeper than this linter reads YAML {2}not-analysed$/m);
    assert.doesNotMatch(stylish, /YAML syntax error, document not analysed: Nested/);

    const github = run(['--format', 'github', 'unread']).stdout.trim().split('\n');
    assert.ok(github.some((l) => /^::error file=unread\/broken\.yaml,.*title=twelve-factor-lens yaml-syntax::YAML syntax error, document not analysed: /.test(l)), github.join('\n'));
    assert.ok(github.some((l) => /^::warning file=unread\/deep\.yaml,.*title=twelve-factor-lens not-analysed::Not analysed: Nested more than 256/.test(l)), github.join('\n'));

    const markdown = run(['--format', 'markdown', 'unread']).stdout;
    const syntaxErrors = json.parseProblems.filter((p) => p.kind === 'syntax').length;
    assert.ok(markdown.split('\n').includes(`⚠️ ${syntaxErrors} YAML syntax errors: their documents were not analysed.`), markdown);
    assert.match(markdown, /^⚠️ 1 file or document not read \(binary data, or nested too deeply\): it was not analysed\.$/m);
    assert.match(markdown, /### YAML syntax errors\n\n\| Where \| Message \|\n\| --- \| --- \|\n\| `unread\/broken\.yaml:\d+:/);
    assert.match(markdown, /### Not read\n\n\| Where \| Message \|\n\| --- \| --- \|\n\| `unread\/deep\.yaml:5:/);

    const html = run(['--format', 'html', 'unread']).stdout;
    assert.match(html, /<h2>YAML syntax errors<\/h2><ul>\n<li><code>unread\/broken\.yaml:/);
    assert.match(html, /<h2>Not read<\/h2><ul>\n<li><code>unread\/deep\.yaml:5:\d+<\/code> Nested more than 256 levels deep/);
  });

  it('a key written twice is an error in every format, and its document is still analysed', () => {
    mkdirSync(join(dir, 'duplicate'));
    writeFileSync(join(dir, 'duplicate', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  MODE: a\n  MODE: b\n');
    const json = JSON.parse(run(['--format', 'json', 'duplicate']).stdout) as { parseProblems: { file: string; line: number; kind: string; message: string }[] };
    assert.deepEqual(json.parseProblems.map((p) => `${p.file}:${p.line} ${p.kind}`), ['duplicate/cm.yaml:7 duplicate']);
    const stylish = run(['duplicate']).stdout.trim().split('\n');
    assert.ok(stylish.some((l) => /^ {2}7:3 {2}error {4}Duplicate key: `MODE` is already defined on line 6 of this map; .* {2}yaml-duplicate-key$/.test(l)), stylish.join('\n'));
    assert.equal(stylish.at(-1), '0 findings (0 errors, 0 warnings, 0 info, 0 hints) in 1 file checked; 1 duplicate key');
    const github = run(['--format', 'github', 'duplicate']).stdout;
    assert.match(github, /^::error file=duplicate\/cm\.yaml,line=7,.*title=twelve-factor-lens yaml-duplicate-key::Duplicate key: `MODE`/m);
    const markdown = run(['--format', 'markdown', 'duplicate']).stdout.split('\n');
    // Analysed: the factors that pass do pass, and the duplicate is listed under its own heading.
    assert.equal(markdown[2], 'No findings in 1 file checked: all twelve factors pass.');
    assert.ok(markdown.includes('⚠️ 1 duplicate key: kubectl and the Serverless Framework refuse such a file; the analysis read the last value of each.'), markdown.join('\n'));
    assert.ok(markdown.includes('### Duplicate keys'), markdown.join('\n'));
  });

  it('no summary says that every factor passes when a document was not analysed, and stylish counts what was not', () => {
    const json = JSON.parse(run(['--format', 'json', 'unread']).stdout) as { findings: unknown[]; parseProblems: { kind: string }[] };
    assert.equal(json.findings.length, 0);
    const syntaxErrors = json.parseProblems.filter((p) => p.kind === 'syntax').length;
    assert.equal(syntaxErrors, 2);

    const stylish = run(['unread']).stdout.trim().split('\n');
    assert.equal(stylish.at(-1), `0 findings (0 errors, 0 warnings, 0 info, 0 hints) in 2 files checked; ${syntaxErrors} YAML syntax errors; 1 file or document not read`);
    const markdown = run(['--format', 'markdown', 'unread']).stdout;
    assert.equal(markdown.split('\n')[2], 'No findings in 2 files checked, but some documents were not analysed (see below).');
    const html = run(['--format', 'html', 'unread']).stdout;
    assert.match(html, /<p class="lead">No findings in 2 files checked, but some documents were not analysed \(see below\)\.<\/p>/);
    for (const text of [markdown, html]) assert.doesNotMatch(text, /all twelve factors pass/);

    // With findings elsewhere in the run, the count of passing factors is said to cover only what was analysed.
    const mixed = run(['--format', 'markdown', 'unread', 'app']);
    assert.match(mixed.stdout.split('\n')[2], /^\d+ findings in 4 files checked; \d+ of 12 factors pass\. Some documents were not analysed \(see below\)\.$/);
    // Without any parse problem the sentences are as before.
    assert.match(run(['app']).stdout.trim().split('\n').at(-1)!, /^\d+ findings \(.*\) in 2 files checked$/);
  });
});

describe('several outputs in one run', () => {
  it('--format sarif --output-file report.sarif --format stylish: the file gets SARIF, standard output stylish', () => {
    const out = mkdtempSync(join(tmpdir(), 'tfl-out-'));
    try {
      const sarif = join(out, 'report.sarif');
      const md = join(out, 'summary.md');
      const r = run(['--format', 'sarif', '--output-file', sarif, '--format', 'stylish', '-f', 'markdown', '-o', md, 'app']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^app\/Dockerfile\n/);
      assert.ok(!r.stdout.includes('"$schema"'));
      const log = JSON.parse(readFileSync(sarif, 'utf8'));
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0].results.length, jsonFindings(['app']).length);
      assert.match(readFileSync(md, 'utf8'), /^## Twelve-Factor Lens/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an unknown format, two files for one format and the same file twice', () => {
    assert.equal(run(['--format', 'xml', 'app']).code, 2);
    const twice = run(['--format', 'json', '--output-file', 'a', '--output-file', 'b', 'app']);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /already has an output file/);
    const same = run(['--format', 'json', '--output-file', 'a', '--format', 'sarif', '--output-file', 'a', 'app']);
    assert.equal(same.code, 2);
    assert.match(same.stderr, /given twice/);
    assert.ok(!existsSync(join(dir, 'a')));
  });

  it('an unwritable output file is exit 2', () => {
    const r = run(['--format', 'json', '--output-file', join(dir, 'no', 'such', 'dir', 'x.json'), 'app']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write/);
  });
});

describe('the GitHub Action (action.yml) script', () => {
  it('annotates, writes the job summary and SARIF, and reports the exit code as an output without failing the upload', () => {
    const action = readFileSync('action.yml', 'utf8');
    assert.match(action, /using: composite/);
    assert.match(action, /scripts\/action\/run\.sh/);
    assert.match(action, /github\/codeql-action\/upload-sarif@v3/);
    const work = mkdtempSync(join(tmpdir(), 'tfl-action-'));
    try {
      const env = {
        ...process.env,
        GITHUB_ACTION_PATH: resolve('.'),
        GITHUB_OUTPUT: join(work, 'output'),
        GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
        INPUT_PATHS: 'app  clean',
        INPUT_SARIF_FILE: join(work, 'out.sarif'),
        INPUT_ANNOTATIONS: 'true',
        INPUT_SUMMARY: 'true',
        NO_COLOR: '1',
      };
      writeFileSync(env.GITHUB_STEP_SUMMARY, '# earlier step\n');
      const r = spawnSync('bash', [resolve('scripts/action/run.sh')], { cwd: dir, encoding: 'utf8', env });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^::warning file=app\/Dockerfile,line=2,/m);
      const output = readFileSync(env.GITHUB_OUTPUT, 'utf8');
      assert.match(output, /^exit-code=1$/m);
      assert.match(output, new RegExp(`^sarif-file=${env.INPUT_SARIF_FILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
      assert.match(summary, /^# earlier step\n## Twelve-Factor Lens/, 'appended, not overwritten');
      assert.match(summary, /in 3 files checked/);
      assert.equal(JSON.parse(readFileSync(env.INPUT_SARIF_FILE, 'utf8')).runs[0].results.length, jsonFindings(['app', 'clean']).length);

      const usage = spawnSync('bash', [resolve('scripts/action/run.sh')], { cwd: dir, encoding: 'utf8', env: { ...env, INPUT_FAIL_ON: 'nonsense' } });
      assert.equal(usage.status, 2, 'a usage error fails the step at once');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const preCommitMissing = preCommit.status === 0 ? false : 'pre-commit is not installed (pip install pre-commit; .ci/run installs it through scripts/ci/install-tools.sh)';

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('pre-commit try-repo runs the hook on a repository: fails on a bad Dockerfile, passes a clean one', { skip: preCommitMissing, timeout: 240_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'tfl-precommit-'));
    const git = (cwd: string, ...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
      assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    };
    try {
      // The hook repository as pre-commit clones it: its hook file and entry script, and the
      // linter already built (the entry script builds it on first use where dist/ is missing).
      const hooks = join(work, 'hooks');
      mkdirSync(join(hooks, 'scripts', 'pre-commit'), { recursive: true });
      mkdirSync(join(hooks, 'dist'));
      copyFileSync('.pre-commit-hooks.yaml', join(hooks, '.pre-commit-hooks.yaml'));
      copyFileSync('scripts/pre-commit/run.sh', join(hooks, 'scripts', 'pre-commit', 'run.sh'));
      chmodSync(join(hooks, 'scripts', 'pre-commit', 'run.sh'), 0o755);
      copyFileSync(CLI, join(hooks, 'dist', 'cli.js'));
      git(hooks, 'init', '-q');
      git(hooks, 'add', '-A');
      git(hooks, 'commit', '-q', '-m', 'hooks');

      const project = join(work, 'project');
      mkdirSync(join(project, 'svc'), { recursive: true });
      writeFileSync(join(project, 'svc', 'Dockerfile'), CLEAN_DOCKERFILE);
      writeFileSync(join(project, 'README.md'), '# not checked\n');
      git(project, 'init', '-q');
      git(project, 'add', '-A');
      const env = { ...process.env, PRE_COMMIT_HOME: join(work, 'cache'), NO_COLOR: '1' };
      const tryRepo = () => spawnSync('pre-commit', ['try-repo', hooks, 'twelve-factor-lens', '--all-files', '--color', 'never'], { cwd: project, encoding: 'utf8', env });

      const clean = tryRepo();
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /Twelve-Factor Lens\.+Passed/);

      writeFileSync(join(project, 'svc', 'Dockerfile'), BAD_DOCKERFILE);
      git(project, 'add', '-A');
      const bad = tryRepo();
      assert.equal(bad.status, 1, bad.stdout + bad.stderr);
      assert.match(bad.stdout, /Twelve-Factor Lens\.+Failed/);
      assert.match(bad.stdout, /svc\/Dockerfile\n(?:.*\n)*?\s+2:1\s+warning\s+IX Disposability: .*disposability\/shell-form-command/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

const chromiumMissing = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? false : 'Chromium is not installed (apt-get install -y chromium; scripts/e2e/install.sh installs it for CI)';

describe('the HTML report in a real browser', () => {
  it('headless Chromium renders it with no request beyond the file: twelve bars, tallest where most findings are', { skip: chromiumMissing, timeout: 120_000 }, async () => {
    const { renderReport } = await import('../../scripts/html-report-screenshot.mjs');
    const r = run(['--format', 'html', '.']);
    const result = await renderReport(r.stdout);
    assert.equal(result.title, 'Twelve-Factor Lens report');
    assert.deepEqual(result.requests.filter((u: string) => !u.startsWith('file:')), [], 'no network request');
    assert.equal(result.bars.length, 12);
    const findings = jsonFindings(['.']);
    const slugs = ['codebase', 'dependencies', 'config', 'backing-services', 'build-release-run', 'processes', 'port-binding', 'concurrency', 'disposability', 'dev-prod-parity', 'logs', 'admin-processes'];
    const counts = slugs.map((s) => findings.filter((f) => f.factor === s).length);
    const most = counts.indexOf(Math.max(...counts));
    assert.equal(result.bars[most].height, Math.max(...result.bars.map((b: { height: number }) => b.height)));
    counts.forEach((count, i) => assert.equal(result.bars[i].fill === '#1a7f37', count === 0, `bar ${i + 1}: green exactly when passing`));
  });
});
