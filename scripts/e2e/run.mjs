#!/usr/bin/env node
// End-to-end tier (`npm run test:e2e`): packages the extension as it ships, installs the
// .vsix into the real VS Code of code-server, and drives the workbench from headless
// Chromium through the checks in test/e2e/suite.mjs. One line per check, then
// "N passed, M failed". Needs `bash scripts/e2e/install.sh` first.
//
// Options: --no-package (reuse the existing .vsix), --vsix <file>, --only <n,n>,
// --readme-shots (also copy the README's screenshots to docs/images/), env E2E_KEEP=1 keeps the temp dir (user data, logs), E2E_TIMEOUT_MS per wait.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as h from './harness.mjs';
import { auditVsix } from './vsix.mjs';
import { Workbench } from './workbench.mjs';
import { checks as uiChecks } from '../../test/e2e/suite.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = opt('--only')?.split(',').map(Number);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const resultsDir = join(h.repoRoot, 'test-results', 'e2e');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const pkg = JSON.parse(readFileSync(join(h.repoRoot, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`.toLowerCase();
const vsix = resolve(opt('--vsix') ?? join(h.repoRoot, `${pkg.name}-${pkg.version}.vsix`));

let passed = 0;
let failed = 0;
let n = 0;
function report(ok, name, detail) {
  if (h.state.interrupted) return;
  n++;
  if (ok) passed++;
  else failed++;
  const lines = String(detail ?? '').split('\n');
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}${lines[0] ? ` (${lines[0]})` : ''}`);
  for (const extra of lines.slice(1)) if (extra.trim()) console.log(`#   ${extra}`);
}
function finish(code) {
  if (h.state.interrupted) return;
  console.log(`# e2e finished in ${elapsed()}; screenshots and logs in ${join('test-results', 'e2e')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = code ?? (failed ? 1 : 0);
}

async function main() {
  h.requireTools();

  // Package exactly as it ships.
  if (!argv.includes('--no-package') && !opt('--vsix')) {
    console.log('# npm run package');
    const res = spawnSync('npm', ['run', 'package', '--silent'], { cwd: h.repoRoot, encoding: 'utf8' });
    writeFileSync(join(resultsDir, 'package.log'), `${res.stdout}${res.stderr}`);
    if (res.status !== 0) {
      report(false, 'npm run package builds the .vsix', `exit ${res.status}; see test-results/e2e/package.log\n${res.stderr.trim().split('\n').slice(-5).join('\n')}`);
      return;
    }
  }
  if (!existsSync(vsix)) throw new Error(`${vsix} not found`);
  console.log(`# ${vsix.slice(h.repoRoot.length + 1)} ready after ${elapsed()}`);

  const audit = auditVsix(vsix);
  report(
    audit.problems.length === 0,
    'the .vsix holds only what runs',
    `${(statSync(vsix).size / 1024).toFixed(1)} KiB, ${audit.files.length} files: ${audit.files.sort().join(', ')}` +
      (audit.problems.length ? `\n${audit.problems.join('\n')}` : ''),
  );

  const root = h.makeTempRoot();
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const configFile = join(root, 'code-server.yaml');
  const workspace = join(root, 'workspace');
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(configFile, 'auth: none\n');

  // Install the .vsix the way a user does.
  const inst = h.installExtension(vsix, { extensionsDir, userDataDir, configFile });
  writeFileSync(join(resultsDir, 'install.log'), inst.output);
  const installed = h.listFiles(extensionsDir).filter((f) => f.endsWith('/package.json') && f.split('/').length === 2);
  const ourDir = installed.map((f) => f.split('/')[0]).find((d) => d.toLowerCase().startsWith(`${extensionId}-`));
  const installOk =
    inst.status === 0 && /successfully installed/i.test(inst.output) && !/\b(error|failed)\b/i.test(inst.output) && !!ourDir;
  report(
    installOk,
    'code-server installs the .vsix without error',
    `${inst.output.trim().split('\n').filter((l) => !/^\[.*\] info/.test(l)).join(' ').trim() || inst.output.trim()} -> ${ourDir ?? 'no extension dir'}`,
  );
  if (!installOk) return;

  h.copyWorkspace(join(h.repoRoot, 'test', 'e2e', 'workspace'), workspace);
  h.writeUserSettings(userDataDir, {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'chat.commandCenter.enabled': false,
  });

  const port = await h.freePort();
  const logFile = join(resultsDir, 'code-server.log');
  const { url } = await h.startCodeServer({ port, userDataDir, extensionsDir, configFile, workspace, logFile });
  console.log(`# code-server ${url} up after ${elapsed()}, workspace ${workspace}`);
  const browser = await h.launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  const wb = new Workbench(page);
  await wb.ready();
  console.log(`# workbench ready after ${elapsed()}`);

  let shotNo = 0;
  const ctx = {
    page,
    wb,
    workspace,
    userDataDir,
    extensionId,
    manifest: audit.manifest,
    extensionDir: join(extensionsDir, ourDir),
    async shot(name) {
      const file = join(resultsDir, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    /**
     * A README screenshot (`docs/images/<name>.png`), taken from this workbench: always saved
     * to test-results/e2e/readme/, copied to docs/images/ only with --readme-shots (a CI run
     * on a clean clone leaves the tree as it was). `clip` limits it to a region.
     */
    async readmeShot(name, clip) {
      mkdirSync(join(resultsDir, 'readme'), { recursive: true });
      const file = join(resultsDir, 'readme', `${name}.png`);
      await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
      if (argv.includes('--readme-shots')) cpSync(file, join(h.repoRoot, 'docs', 'images', `${name}.png`));
      return file;
    },
    /** The CLI's JSON findings on the workspace as it is on disk (paths relative to it). */
    cliFindings() {
      const res = spawnSync(process.execPath, [join(h.repoRoot, 'dist', 'cli.js'), '--format', 'json', '--no-fail', '.'], { cwd: workspace, encoding: 'utf8' });
      if (res.status !== 0) throw new Error(`the CLI exited ${res.status}: ${res.stderr}`);
      return JSON.parse(res.stdout).findings;
    },
  };

  for (const [i, check] of uiChecks.entries()) {
    if (h.state.interrupted) break;
    if (only && !only.includes(i + 1)) continue;
    const t0 = Date.now();
    try {
      const detail = await check.run(ctx);
      report(true, check.name, `${detail}; ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    } catch (err) {
      await ctx.shot(`FAILED-${check.slug}`).catch(() => {});
      report(false, check.name, `${err?.message ?? err}`.trim());
      // Leave the workbench in a neutral state for the next check.
      await page.keyboard.press('Escape').catch(() => {});
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  await page.close();

  // The extension test suite of `npm run test:vscode` (test/vscode/suite), run in this
  // real VS Code too: a small host extension, loaded as an extension under development,
  // calls the suite's run() in the remote extension host and writes what it printed.
  if (!only || only.includes(uiChecks.length + 1)) {
    const t0 = Date.now();
    try {
      const { summary, body } = await runExtensionSuite({ browser, url, port, root });
      report(true, 'the extension test suite (test/vscode/suite) passes in the extension host', `${summary}; ${((Date.now() - t0) / 1000).toFixed(1)}s\n${body.join('\n')}`);
    } catch (err) {
      report(false, 'the extension test suite (test/vscode/suite) passes in the extension host', `${err?.message ?? err}`);
    }
  }
  cpSync(join(userDataDir, 'logs'), join(resultsDir, 'logs'), { recursive: true });
}

async function runExtensionSuite({ browser, url, port, root }) {
  const { build } = await import('esbuild');
  const hostDir = join(root, 'suite-host');
  const resultFile = join(root, 'suite-result.json');
  const workspace = h.copyWorkspace(join(h.repoRoot, 'test', 'e2e', 'workspace'), join(root, 'workspace-api'));
  await build({
    entryPoints: [join(h.repoRoot, 'test', 'vscode', 'suite', 'index.ts')],
    outfile: join(hostDir, 'suite.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  writeFileSync(
    join(hostDir, 'package.json'),
    JSON.stringify({
      name: 'tf-lens-suite-host',
      publisher: 'e2e',
      version: '0.0.0',
      engines: { vscode: '^1.90.0' },
      main: './host.js',
      activationEvents: ['onStartupFinished'],
    }),
  );
  writeFileSync(
    join(hostDir, 'host.js'),
    `const fs = require('fs');
exports.activate = async () => {
  const lines = [];
  let error = null;
  try { await require('./suite.js').runSuite((line) => lines.push(line)); } catch (e) { error = String((e && e.stack) || e); }
  fs.writeFileSync(${JSON.stringify(resultFile)}, JSON.stringify({ lines, error }));
};
`,
  );
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${hostDir}`]]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  try {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await new Workbench(page).ready();
    const { until } = await import('./workbench.mjs');
    await until('the suite to write its result', () => existsSync(resultFile), Boolean, 180_000);
    await page.screenshot({ path: join(resultsDir, 'extension-suite.png') });
  } finally {
    await page.close();
  }
  const { lines, error } = JSON.parse(readFileSync(resultFile, 'utf8'));
  const body = lines.filter((l) => /^(ok|not ok) \d+/.test(l));
  const summary = lines.find((l) => /^\d+ passed, \d+ failed$/.test(l)) ?? 'no summary';
  const [, passed, failed] = /^(\d+) passed, (\d+) failed$/.exec(summary) ?? [];
  if (error || !(Number(passed) > 0) || Number(failed) !== 0) {
    throw new Error(`${summary}${error ? `: ${error}` : ''}\n${body.join('\n')}`);
  }
  return { summary, body };
}

try {
  await main();
  finish();
} catch (err) {
  report(false, 'end-to-end harness', err?.stack ?? String(err));
  finish(1);
} finally {
  await h.cleanupAll();
}
