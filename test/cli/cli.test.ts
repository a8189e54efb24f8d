// Spawns the bundled CLI (`dist/cli.js`) as CI would: exit codes, JSON, SARIF, rule
// listing, configuration, --fix, and hostile input.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { isCandidateName } from '../../server/src/cli-files';
import { detectTarget } from '../../server/src/core/analyze';
import { randomBytes } from 'node:crypto';

const CLI = resolve('dist/cli.js');
let dir: string;

function run(args: string[], cwd = dir) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-cli-'));
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM node:20-slim\nCMD node server.js\n');
  writeFileSync(
    join(dir, 'app', 'clean.dockerfile'),
    [
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
    ].join('\n'),
  );
  writeFileSync(join(dir, 'app', 'pod.yml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: p, image: "nginx:latest"}]\n');
  writeFileSync(join(dir, 'app', 'README.md'), '# not analysed\n');
  writeFileSync(join(dir, 'node_modules', 'dep', 'Dockerfile'), 'FROM x\nCMD y\n');
  mkdirSync(join(dir, 'tool', 'testdata'), { recursive: true });
  writeFileSync(join(dir, 'tool', 'testdata', 'old-hpa.yaml'), 'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n');
  // What serverless tools generate at deploy time: copies of a template (Bref's committed .serverless output).
  const generated = '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"F":{"Type":"AWS::Lambda::Function","Properties":{"Runtime":"nodejs12.x","Handler":"h","Code":{"S3Bucket":"b","S3Key":"k.zip"}}}}}\n';
  for (const folder of ['.serverless', join('.aws-sam', 'build'), 'cdk.out']) {
    mkdirSync(join(dir, 'fn', folder), { recursive: true });
    writeFileSync(join(dir, 'fn', folder, 'template.json'), generated);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('twelve-factor-lens CLI', () => {
  it('walks directories, skips node_modules, exits 1 on warnings', () => {
    const r = run(['--format', 'json', '.']);
    assert.equal(r.code, 1, r.stderr);
    const { findings } = JSON.parse(r.stdout);
    const files = [...new Set(findings.map((f: { file: string }) => f.file))].sort();
    assert.ok(!files.some((f) => String(f).includes('node_modules')));
    assert.ok(!files.some((f) => String(f).includes('testdata')), 'testdata folders hold test inputs, not what is deployed');
    assert.equal(JSON.parse(run(['--format', 'json', 'tool/testdata']).stdout).findings.length > 0, true, 'named on the command line, it is read');
    assert.ok(!files.some((f) => String(f).startsWith('fn/')), `deploy-time copies of a template are not the project's: ${files}`);
    assert.equal(JSON.parse(run(['--format', 'json', 'fn/.serverless']).stdout).findings.length > 0, true, 'named on the command line, it is read');
    const shell = findings.find((f: { rule: string }) => f.rule === 'disposability/shell-form-command');
    assert.deepEqual(shell, {
      file: 'app/Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 19, rule: 'disposability/shell-form-command', factor: 'disposability', severity: 'warning',
      message: shell.message,
    });
    const tag = findings.find((f: { rule: string }) => f.rule === 'build-release-run/mutable-image-tag');
    assert.equal(tag.file, 'app/pod.yml');
    assert.equal(tag.line, 5);
  });

  it('exits 0 on a clean file and prints a short confirmation', () => {
    const r = run(['app/clean.dockerfile']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No findings in 1 file|0 errors, 0 warnings/);
  });

  it('when no file is checked, says whether none was found or why the ones found were left out', () => {
    mkdirSync(join(dir, 'empty'));
    assert.deepEqual([run(['empty']).code, run(['empty']).stdout.trim()], [0, 'No Dockerfile, Kubernetes YAML or serverless template found.']);
    // A pattern that ignores everything is not an empty folder. The configuration file is not a file to check.
    mkdirSync(join(dir, 'quiet'));
    writeFileSync(join(dir, 'quiet', 'Dockerfile'), 'FROM alpine\n');
    writeFileSync(join(dir, 'quiet', '.twelve-factor-lens.json'), JSON.stringify({ ignorePatterns: ['**'] }));
    const quiet = run(['quiet']);
    assert.deepEqual([quiet.code, quiet.stdout.trim()], [0, 'No file checked: 1 found, 1 ignored by "ignorePatterns".']);
    // The scorecards say the same, without a table of twelve passing factors for nothing checked.
    const markdown = run(['--format', 'markdown', 'quiet']).stdout;
    assert.equal(markdown, '## Twelve-Factor Lens\n\nNo file checked: 1 found, 1 ignored by "ignorePatterns".\n');
    const html = run(['--format', 'html', 'quiet']).stdout;
    assert.match(html, /<p class="lead">No file checked: 1 found, 1 ignored by &quot;ignorePatterns&quot;\.<\/p>/);
    assert.doesNotMatch(html, /class="factors"|<figure>/);
    // A configuration that cannot be read: its error on standard error, and the files it governs not checked.
    mkdirSync(join(dir, 'broken'));
    writeFileSync(join(dir, 'broken', 'Dockerfile'), 'FROM alpine\n');
    writeFileSync(join(dir, 'broken', '.twelve-factor-lens.json'), '{bad');
    const broken = run(['broken']);
    assert.equal(broken.code, 2);
    assert.equal(broken.stdout.trim(), 'No file checked: 1 found, 1 not checked (see the messages on standard error).');
    assert.match(broken.stderr, /broken\/\.twelve-factor-lens\.json: invalid JSON/);
    // A readable configuration is not counted among the files checked, however it is cased.
    writeFileSync(join(dir, 'broken', '.twelve-factor-lens.json'), '{}');
    assert.match(run(['broken']).stdout, /in 1 file checked$/m);
    assert.equal(isCandidateName('.Twelve-Factor-Lens.JSON'), false);
    assert.equal(isCandidateName('twelve-factor-lens.json'), true);
  });

  it('takes Dockerfile-<name> and Dockerfile_<name> (emojivoto), walked or named, but no source file named after one', () => {
    mkdirSync(join(dir, 'dashed'), { recursive: true });
    writeFileSync(join(dir, 'dashed', 'Dockerfile-web'), 'FROM golang:1.22\nCMD ["web"]\n');
    writeFileSync(join(dir, 'dashed', 'Dockerfile_worker'), 'FROM golang:1.22\nCMD ["worker"]\n');
    writeFileSync(join(dir, 'dashed', 'dockerfile_test.go'), 'package main\n');
    assert.match(run(['dashed']).stdout, /in 2 files checked$/m);
    assert.match(run([join('dashed', 'Dockerfile-web')]).stdout, /in 1 file checked$/m);
    assert.equal(isCandidateName('Dockerfile-parser.js'), false);
    assert.equal(detectTarget('file:///w/Dockerfile-web', 'plaintext'), 'dockerfile');
  });

  it("skips another tool's templates of a Dockerfile or manifest: walked, named, or piped under such a name", () => {
    // Real projects keep `Dockerfile.j2` (Ansible Molecule) and `Dockerfile.erb` beside their Dockerfiles; `FROM <%= @base %>`
    // was reported as an image `<%=` without a tag.
    mkdirSync(join(dir, 'templated'));
    writeFileSync(join(dir, 'templated', 'Dockerfile'), 'FROM node:20.15-alpine\nUSER node\nENV PORT=8080\nEXPOSE 8080\nCMD ["node", "server.js"]\n');
    writeFileSync(join(dir, 'templated', 'Dockerfile.erb'), 'FROM <%= @distribution %>\nRUN apt-get update\n');
    writeFileSync(join(dir, 'templated', 'Dockerfile.j2'), 'FROM {{ item.image }}\n{% if item.env is defined %}\nRUN apt-get update\n{% endif %}\n');
    writeFileSync(join(dir, 'templated', 'deploy.yaml.tmpl'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: {{ .Name }}}\n');
    assert.equal(isCandidateName('Dockerfile.j2'), false);
    assert.equal(isCandidateName('Dockerfile.ERB'), false);
    assert.equal(isCandidateName('Dockerfile.prod'), true);
    assert.equal(isCandidateName('Dockerfile.template'), true, 'balena and CloudFormation name real files .template');
    const walked = run(['--format', 'json', '--no-fail', 'templated']);
    assert.deepEqual(JSON.parse(walked.stdout).findings.map((f: { file: string }) => f.file.split('/').pop()), [], 'the one real Dockerfile has no finding; the templates none either');
    assert.equal(walked.stderr, '');
    assert.match(run(['templated']).stdout, /in 1 file/);
    const named = run(['templated/Dockerfile.erb']);
    assert.equal(named.code, 0);
    assert.equal(named.stderr.trim(), 'twelve-factor-lens: templated/Dockerfile.erb: a template of another tool by its name (.erb), not the file it renders; skipped');
    const piped = spawnSync(process.execPath, [CLI, '--stdin-filename', 'Dockerfile.j2', '-'], { cwd: dir, input: 'FROM {{ image }}\n', encoding: 'utf8' });
    assert.equal(piped.status, 2);
    assert.match(piped.stderr, /standard input: Dockerfile\.j2 is a template of another tool by its name \(\.j2\), not the file it renders/);
  });

  it('does not count JSON files that are no template among the files checked, and says so of one it was given', () => {
    // Every Node project holds package.json and tsconfig.json: read in case they are templates, they are not checked.
    mkdirSync(join(dir, 'node-app'));
    writeFileSync(join(dir, 'node-app', 'Dockerfile'), 'FROM node:20.15-alpine\nUSER node\nENV PORT=8080\nEXPOSE 8080\nCMD ["node", "server.js"]\n');
    writeFileSync(join(dir, 'node-app', 'package.json'), '{"name": "app", "version": "1.0.0"}\n');
    writeFileSync(join(dir, 'node-app', 'tsconfig.json'), '{"compilerOptions": {"strict": true}}\n');
    const walked = run(['node-app']);
    assert.equal(walked.stdout.trim(), 'No findings in 1 file.');
    assert.equal(walked.stderr, '', 'a walk meets such files everywhere: nothing to say of them');
    assert.match(run(['--format', 'markdown', 'node-app']).stdout, /^No findings in 1 file checked: all twelve factors pass\.$/m);
    // Named on the command line, or on standard input, it is not "no findings, all twelve factors pass".
    const named = run(['node-app/package.json']);
    assert.deepEqual([named.code, named.stdout.trim()], [0, 'No Dockerfile, Kubernetes YAML or serverless template found: the file read is not a CloudFormation, SAM or Serverless template.']);
    assert.equal(named.stderr.trim(), 'twelve-factor-lens: node-app/package.json: not a CloudFormation, SAM or Serverless template by its content; skipped');
    assert.doesNotMatch(run(['--format', 'markdown', 'node-app/package.json', 'node-app/tsconfig.json']).stdout, /twelve factors pass|\| Factor/);
    const piped = spawnSync(process.execPath, [CLI, '--stdin-filename', 'app.json', '-'], { cwd: dir, input: '{}', encoding: 'utf8' });
    assert.match(piped.stderr, /app\.json: not a CloudFormation, SAM or Serverless template by its content; skipped/);
    // Standard input that cannot be read as anything does not make the walk's first file a named one.
    mkdirSync(join(dir, 'json-only'));
    writeFileSync(join(dir, 'json-only', 'composer.json'), '{"name": "acme/app"}\n');
    const unnamed = spawnSync(process.execPath, [CLI, '-', 'json-only'], { cwd: dir, input: 'hello', encoding: 'utf8' });
    assert.match(unnamed.stderr, /standard input: cannot tell/);
    assert.doesNotMatch(unnamed.stderr, /composer\.json/);
    // What the walk looks for, as the help and a file named by something else hear it.
    assert.match(run(['--help']).stdout, /\*\.yaml, \*\.yml, \*\.json and \*\.template \(a JSON or \.template file is checked only\s+when it holds a template\)/);
    assert.equal(run(['app/README.md']).stderr.trim(), 'twelve-factor-lens: app/README.md: not a Dockerfile, YAML, JSON or .template file by its name; skipped');
    // A template among them is checked as before.
    writeFileSync(join(dir, 'node-app', 'template.json'), JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', CodeUri: '.' } } } }));
    assert.match(run(['node-app']).stdout, / in 2 files/);
    const ignored = join(dir, 'node-app', '.twelve-factor-lens.json');
    writeFileSync(ignored, JSON.stringify({ ignorePatterns: ['Dockerfile', 'template.json'] }));
    assert.equal(run(['node-app']).stdout.trim(), 'No file checked: 4 found, 2 ignored by "ignorePatterns", 2 not templates (CloudFormation, SAM or Serverless).');
    rmSync(ignored);
  });

  it('the bundled examples (`npm run examples`): every bad one shows findings, every good one none', () => {
    const r = run(['--no-fail', '--format', 'json', resolve('examples')], resolve('.'));
    const byFile = new Map<string, number>();
    for (const f of JSON.parse(r.stdout).findings as { file: string }[]) byFile.set(f.file, (byFile.get(f.file) ?? 0) + 1);
    const examples = spawnSync('git', ['ls-files', 'examples'], { encoding: 'utf8' }).stdout.split('\n').filter((p) => /Dockerfile$|\.ya?ml$/.test(p));
    assert.ok(examples.length >= 12, examples.join(' '));
    for (const path of examples) {
      const good = /(^|[/-])good([/.]|$)/.test(path);
      assert.ok(good || /(^|[/-])bad([/.]|$)/.test(path), `${path}: an example says whether it is good or bad`);
      assert.equal((byFile.get(path) ?? 0) > 0, !good, `${path}: ${byFile.get(path) ?? 0} findings`);
    }
  });

  it('stylish output names the rule and the factor', () => {
    const r = run(['app/Dockerfile']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /app\/Dockerfile\n\s+2:1\s+warning\s+IX Disposability: .*disposability\/shell-form-command$/m);
    assert.match(r.stdout, /finding/);
  });

  it('--fail-on and --rule change the outcome', () => {
    assert.equal(run(['app/Dockerfile', '--fail-on', 'error']).code, 0);
    assert.equal(run(['app/Dockerfile', '--no-fail']).code, 0);
    assert.equal(run(['missing-dir', '--no-fail']).code, 2, 'usage errors still fail');
    assert.equal(run(['app/Dockerfile', '--fail-on', 'error', '--rule', 'disposability/shell-form-command=error']).code, 1);
    const off = run(['app/Dockerfile', '--rule', 'disposability/shell-form-command=off', '--format', 'json']);
    assert.ok(!JSON.parse(off.stdout).findings.some((f: { rule: string }) => f.rule === 'disposability/shell-form-command'));
  });

  it('reads .twelve-factor-lens.json', () => {
    const sub = join(dir, 'configured');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'Dockerfile'), 'FROM node:20-slim\nCMD node server.js\n');
    writeFileSync(join(sub, '.twelve-factor-lens.json'), JSON.stringify({ rules: { 'disposability/shell-form-command': 'off' }, failOn: 'error' }));
    const r = run(['--format', 'json', '.'], sub);
    assert.ok(!JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'disposability/shell-form-command'));
    writeFileSync(join(sub, '.twelve-factor-lens.json'), '{ not json');
    const bad = run(['.'], sub);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^twelve-factor-lens: configuration \.twelve-factor-lens\.json: invalid JSON: .* at line 1, column 3\n$/);
  });

  it('trustedRegistries in .twelve-factor-lens.json turns on the registry rules for Dockerfiles and manifests', () => {
    const sub = join(dir, 'registries');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'Dockerfile'), 'FROM quay.io/someone/node:20\nCMD ["node", "server.js"]\n');
    writeFileSync(join(sub, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: p, image: "gcr.io/acme/web:1.0"}, {name: q, image: "ghcr.io/x/y:2"}]\n');
    const rulesOf = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { rule: string; line: number }) => f.rule).filter((id: string) => id.includes('trusted-registries'));
    assert.deepEqual(rulesOf(run(['--format', 'json', '--no-fail', '.'], sub)), [], 'no allow-list, no finding');
    writeFileSync(join(sub, '.twelve-factor-lens.json'), JSON.stringify({ trustedRegistries: ['gcr.io/acme', 'docker.io/library'] }));
    assert.deepEqual(rulesOf(run(['--format', 'json', '--no-fail', '.'], sub)).sort(), ['build-release-run/base-image-outside-trusted-registries', 'build-release-run/image-outside-trusted-registries']);
  });

  it('usage errors exit 2 with a clear message', () => {
    for (const args of [['--format', 'xml'], ['--fail-on', 'fatal'], ['--rule', 'nope=error'], ['--rule', 'disposability/shell-form-command=loud'], ['--bogus'], ['does-not-exist']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^twelve-factor-lens: /, args.join(' '));
    }
  });

  it('--list-rules --format json lists every rule with its metadata', () => {
    const r = run(['--list-rules', '--format', 'json']);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout);
    assert.ok(rules.length >= 2);
    const notices = rules.filter((x: { notice?: boolean }) => x.notice);
    assert.deepEqual(notices.map((n: { id: string; factor: null }) => `${n.id} ${n.factor}`), ['helm/template-not-analysed null', 'helm/named-template-undefined null', 'serverless/project-template-not-analysed null', 'serverless/included-file-not-analysed null'], 'coverage notices are listed, without a factor');
    for (const rule of rules.filter((x: { notice?: boolean }) => !x.notice)) {
      assert.deepEqual(Object.keys(rule).sort(), ['description', 'factor', 'fix', 'fixable', 'id', 'severity', 'targets']);
      assert.ok(rule.fix === null || rule.fix === 'safe' || rule.fix === 'unsafe', `${rule.id}: fix class`);
      assert.equal(rule.fixable, rule.fix !== null);
      assert.ok(rule.targets.every((t: string) => t === 'dockerfile' || t === 'kubernetes' || t === 'serverless'));
    }
    assert.match(run(['--list-rules']).stdout, /IX\. Disposability\n\s+disposability\/shell-form-command/);
    assert.match(run(['--list-rules']).stdout, /Coverage notices.*\n\s+helm\/template-not-analysed/);
    assert.equal(rules.find((x: { id: string }) => x.id === 'dependencies/unpinned-os-package').severity, 'off', 'off-by-default rules say so');
  });

  it('SARIF 2.1.0 output carries rule metadata and 1-based regions', () => {
    const r = run(['--format', 'sarif', 'app']);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'disposability/shell-form-command');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 19 });
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'disposability/shell-form-command');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].properties.factor, 'disposability');
  });

  it('--fix applies safe fixes in place, keeping CRLF and a BOM', () => {
    const file = join(dir, 'fixme.Dockerfile');
    writeFileSync(file, '\uFEFFFROM node:20-slim\r\nCMD node server.js\r\n');
    const r = run(['--fix', '--format', 'json', 'fixme.Dockerfile']);
    assert.equal(readFileSync(file, 'utf8'), '\uFEFFFROM node:20-slim\r\nCMD ["node", "server.js"]\r\n');
    assert.ok(!JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'disposability/shell-form-command'));
  });

  it('hostile input: binary files are skipped with a warning, a 5 MB manifest and malformed YAML are handled', () => {
    const hostile = join(dir, 'hostile');
    mkdirSync(hostile);
    writeFileSync(join(hostile, 'Dockerfile'), randomBytes(100_000));
    const big = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: big}', 'data:', ...Array.from({ length: 60_000 }, (_, i) => `  key${i}: "${'v'.repeat(80)}"`)].join('\n');
    assert.ok(big.length > 5_000_000);
    writeFileSync(join(hostile, 'big.yaml'), big);
    writeFileSync(join(hostile, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
    const r = run(['--format', 'json', 'hostile']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /hostile\/Dockerfile: binary content; skipped/);
    const out = JSON.parse(r.stdout);
    assert.equal(out.parseProblems[0].file, 'hostile/broken.yaml');
    const stylish = run(['hostile']);
    assert.match(stylish.stdout, /YAML syntax error/);
  });
});
