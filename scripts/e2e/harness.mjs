// Process plumbing for the end-to-end tier: find code-server, install a .vsix into a
// throw-away extensions dir, start code-server on 127.0.0.1 and headless Chromium, and
// stop everything again, also on failure or Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const e2eHome = process.env.E2E_HOME ?? join(repoRoot, '.e2e');
export const codeServerBin =
  process.env.CODE_SERVER_BIN ?? join(e2eHome, 'code-server', 'node_modules', '.bin', 'code-server');
export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
/** code-server's environment: no extension gallery (nothing to fetch; these machines are offline). */
const codeServerEnv = { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }) };

const cleanups = [];
/** Registers a cleanup; they run in reverse order from `cleanupAll` (also on signals). */
export function onCleanup(fn) {
  if (cleaning) {
    // Cleanup already ran (interrupted while starting something): undo this one now.
    void Promise.resolve().then(fn).catch(() => {});
    return;
  }
  cleanups.push(fn);
}
let cleaning;
/** Runs the cleanups once; concurrent callers (a signal and the main flow) share the run. */
export function cleanupAll() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (err) {
        console.error(`# cleanup: ${err?.message ?? err}`);
      }
    }
  })();
  return cleaning;
}
export const state = { interrupted: false };
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, async () => {
    state.interrupted = true;
    console.error(`# ${sig}: stopping code-server and Chromium`);
    await cleanupAll();
    process.exit(130);
  });
}

export function requireTools() {
  const missing = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server (${codeServerBin})`);
  if (!existsSync(chromiumBin)) missing.push(`Chromium (${chromiumBin})`);
  if (missing.length) {
    throw new Error(`missing ${missing.join(' and ')}; run \`bash scripts/e2e/install.sh\` first`);
  }
}

export function makeTempRoot() {
  const root = mkdtempSync(join(tmpdir(), 'tf-lens-e2e-'));
  onCleanup(() => (process.env.E2E_KEEP ? console.error(`# kept ${root}`) : rmSync(root, { recursive: true, force: true })));
  return root;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** `code-server --install-extension`; returns { status, output }. */
export function installExtension(vsix, { extensionsDir, userDataDir, configFile }) {
  const res = spawnSync(
    codeServerBin,
    ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000, env: codeServerEnv },
  );
  return { status: res.status, output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}` };
}

export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export function copyWorkspace(from, to) {
  cpSync(from, to, { recursive: true });
  return to;
}

/** Starts code-server in its own process group; resolves once /healthz answers. */
export async function startCodeServer({ port, userDataDir, extensionsDir, configFile, workspace, logFile }) {
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  const { openSync } = await import('node:fs');
  const fd = openSync(logFile, 'a');
  const child = spawn(codeServerBin, args, { detached: true, stdio: ['ignore', fd, fd], env: codeServerEnv });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  onCleanup(() => stopProcessGroup(child, 'code-server'));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { child, url };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200)); // polling interval, not a wait for the UI
  }
  throw new Error(`code-server did not answer on ${url} within 60s; see ${logFile}`);
}

export async function stopProcessGroup(child, name) {
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  if (!groupAlive()) return;
  signal('SIGTERM');
  // Wait for the whole group (code-server forks an extension host per window), not only
  // for the main process; whatever is left after 5 s is killed.
  const deadline = Date.now() + 5000;
  while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive()) {
    console.error(`# ${name}: processes left after SIGTERM; killing them`);
    signal('SIGKILL');
  }
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    // Our own signal handler closes the browser and stops code-server; Playwright's
    // would exit the process before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  onCleanup(() => browser.close());
  return browser;
}

/** Recursively lists files below dir (relative paths). */
export function listFiles(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}
