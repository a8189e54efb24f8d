#!/usr/bin/env node
// `npm run test:vscode`: runs test/vscode/suite in VS Code desktop via @vscode/test-electron.
// Where VS Code cannot be downloaded (these offline machines), it says so and reports the
// suite as SKIPPED, never as passed; the end-to-end tier (npm run test:e2e) covers real
// VS Code there through code-server.
//
// Env: VSCODE_EXECUTABLE=<path to an installed VS Code> skips the download;
//      VSCODE_VERSION (default "stable"); VSCODE_DOWNLOAD_TIMEOUT_MS (default 60000).
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(repo, '.vscode-test', 'suite');
const skip = (why) => {
  console.log(`SKIPPED: ${why}`);
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
};

mkdirSync(outDir, { recursive: true });
await build({
  entryPoints: [join(repo, 'test/vscode/suite/index.ts')],
  outfile: join(outDir, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
});

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  const timeout = Number(process.env.VSCODE_DOWNLOAD_TIMEOUT_MS ?? 60_000);
  try {
    vscodeExecutablePath = await Promise.race([
      downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', cachePath: join(repo, '.vscode-test'), timeout }),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout).unref()),
    ]);
  } catch (err) {
    skip(`VS Code desktop could not be downloaded (${String(err?.message ?? err).split('\n')[0]}). Set VSCODE_EXECUTABLE to an installed VS Code to run this suite; npm run test:e2e runs real VS Code through code-server instead.`);
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  skip(`VS Code desktop is at ${vscodeExecutablePath} but there is no display; run under xvfb-run.`);
}

const workspace = mkdtempSync(join(tmpdir(), 'tf-lens-vscode-'));
cpSync(join(repo, 'test/e2e/workspace'), workspace, { recursive: true });
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(outDir, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  // The suite prints its own "N passed, M failed" line from inside VS Code.
} catch (err) {
  console.error(`VS Code extension tests failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
