#!/usr/bin/env node
// End-to-end tier (`npm run test:e2e`): packages the extension as it ships, installs the
// .vsix into the real VS Code of code-server, and drives the workbench from headless
// Chromium through the checks in test/e2e/suite.mjs. One line per check, then
// "N passed, M failed". Needs `bash scripts/e2e/install.sh` first.
//
// Options: --no-package (reuse the existing .vsix), --vsix <file>, --only <n,n>,
// env E2E_KEEP=1 keeps the temp dir (user data, logs), E2E_TIMEOUT_MS per wait.
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
  n++;
  if (ok) passed++;
  else failed++;
  const lines = String(detail ?? '').split('\n');
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}${lines[0] ? ` (${lines[0]})` : ''}`);
  for (const extra of lines.slice(1)) if (extra.trim()) console.log(`#   ${extra}`);
}
function finish(code) {
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
  console.log(`# code-server ${url} (pid group), workspace ${workspace}`);
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
  };

  for (const [i, check] of uiChecks.entries()) {
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
  cpSync(join(userDataDir, 'logs'), join(resultsDir, 'logs'), { recursive: true });
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
