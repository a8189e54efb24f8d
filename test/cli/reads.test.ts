// How the CLI meets the storage (server/src/cli-files.ts): it reads its files one at a time while the storage answers
// as fast as memory does, and READS_IN_FLIGHT at a time on a widened libuv pool once it does not; the folders its walk
// listed answer the configuration look-ups without another call. Where every call waits (a network home folder, a
// container's bind mount, WSL's Windows drives) these decide the run's time; from memory they change nothing visible.
// The hook makes the storage slow (TFL_TEST_SLOW_MS: each synchronous open and listing waits): each such case fails on
// the old one-at-a-time code, and the case from memory on the code that always listed and read on the pool.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectFiles, FolderListings, listAhead, READS_IN_FLIGHT, type WalkAhead } from '../../server/src/cli-files';
import { THREAD_POOL_SIZE } from '../../server/src/thread-pool';
import { HELD, outputWhileThreadsAreHeld, withoutPoolSize } from '../helpers/held-threads';
import { POD_MANIFEST, writeAppFolders } from '../helpers/app-folders';

const CLI = resolve('dist/cli.js');
const HOOK = join(__dirname, 'reads-hook.cjs');
const FILES = READS_IN_FLIGHT + 8;
let dir: string;

/** Storage whose every call waits this long (the hook's TFL_TEST_SLOW_MS), unless `fast`. */
const SLOW_MS = 5;

function cliEnvironment(fast = false): NodeJS.ProcessEnv {
  return { ...withoutPoolSize(), NO_COLOR: '1', ...(fast ? {} : { TFL_TEST_SLOW_MS: String(SLOW_MS) }) };
}

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-reads-')));
  writeAppFolders(dir, FILES);
  // A configuration deep in the tree still applies: the look-ups it needs are answered from the walk's listings.
  writeFileSync(join(dir, 'apps', 'app-03', '.twelve-factor-lens.json'), JSON.stringify({ rules: { 'build-release-run/mutable-image-tag': 'off' } }));
});

after(() => rmSync(dir, { recursive: true, force: true }));

function hookLine(stderr: string): string | undefined {
  return stderr.split('\n').find((l) => l.startsWith('hook: '));
}

describe('the CLI reading its files', () => {
  it(`keeps ${READS_IN_FLIGHT} reads in flight on slow storage, no more, and reports as before`, () => {
    const r = spawnSync(process.execPath, ['--require', HOOK, CLI, '--format', 'json', dir], { cwd: dir, encoding: 'utf8', env: { ...cliEnvironment(), TFL_TEST_ROOT: dir } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(hookLine(r.stderr) ?? '', new RegExp(`^hook: ${READS_IN_FLIGHT} opens in flight at most;`));
    const reports = JSON.parse(r.stdout).findings as { file: string; ruleId: string }[];
    const files = [...new Set(reports.map((f) => f.file))];
    // Every file but the one whose configuration turns the rule off, in the run's (sorted) order.
    assert.equal(files.length, FILES - 1);
    assert.deepEqual(files, [...files].sort());
    assert.ok(!files.some((f) => f.includes('app-03')), 'the nested configuration was not applied');
  });

  it('walks and reads one file at a time, with no pool, while the storage answers as fast as memory does; the same report', () => {
    const run = (fast: boolean) => spawnSync(process.execPath, ['--require', HOOK, CLI, '--format', 'json', dir], { cwd: dir, encoding: 'utf8', env: { ...cliEnvironment(fast), TFL_TEST_ROOT: dir } });
    const fast = run(true);
    assert.equal(fast.status, 1, fast.stderr);
    const parts = hookLine(fast.stderr)?.split('; ') ?? [];
    assert.equal(parts[0], 'hook: 0 opens in flight at most');
    assert.equal(parts[1], '0 listings in flight at most');
    // Every manifest (the configuration file of apps/app-03 is opened by a path relative to the working folder).
    assert.equal(parts[3], `${FILES} opens in turn`);
    const slow = run(false);
    assert.equal(slow.status, 1, slow.stderr);
    assert.match(hookLine(slow.stderr) ?? '', new RegExp(`^hook: ${READS_IN_FLIGHT} opens in flight at most;`));
    assert.equal(fast.stdout, slow.stdout);
  });

  it(`lists ${READS_IN_FLIGHT} folders at a time, then walks them in order`, () => {
    const r = spawnSync(process.execPath, ['--require', HOOK, CLI, '--format', 'json', dir], { cwd: dir, encoding: 'utf8', env: { ...cliEnvironment(), TFL_TEST_ROOT: dir } });
    assert.equal(r.status, 1, r.stderr);
    // The root and apps/ alone, then apps/' 24 folders side by side.
    assert.equal(hookLine(r.stderr)?.split('; ')[1], `${READS_IN_FLIGHT} listings in flight at most`);
  });

  it('asks the storage about a configuration file or .git in a folder the walk listed only when the folder holds one', () => {
    const r = spawnSync(process.execPath, ['--require', HOOK, CLI, '--format', 'json', dir], { cwd: tmpdir(), encoding: 'utf8', env: { ...cliEnvironment(), TFL_TEST_ROOT: dir } });
    assert.equal(r.status, 1, r.stderr);
    // One look-up: the configuration that is there, confirmed before it is read. The old code asked for both names in
    // every one of the run's folders.
    assert.equal(hookLine(r.stderr)?.split('; ')[2], `configuration look-ups: ${join('apps', 'app-03', '.twelve-factor-lens.json')}`);
    assert.ok(!r.stdout.includes('app-03'), 'the nested configuration was not applied');
  });
});

/** Runs the CLI with HELD pool threads held from its first open; its JSON report when it came within `ms`. */
function reportWhileThreadsAreHeld(env: NodeJS.ProcessEnv, ms: number): Promise<string | undefined> {
  return outputWhileThreadsAreHeld(
    (fifos) => spawn(process.execPath, ['--require', HOOK, CLI, '--format', 'json', dir], { env: { ...env, TFL_TEST_ROOT: dir, TFL_TEST_FIFOS: fifos }, stdio: ['ignore', 'pipe', 'ignore'] }),
    'stdout',
    (stdout) => {
      try {
        JSON.parse(stdout);
        return stdout;
      } catch {
        return undefined; // not all of it yet
      }
    },
    ms,
  );
}

describe('the walk starting again on slow storage', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, () => {
  it('says what the walk met once, from the walk that went on (the one asked ahead), and finds every file', () => {
    const tree = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-walk-again-')));
    try {
      // `a.yaml` comes before `apps/` in the walk's order: the first walk meets it, then turns slow inside apps/.
      execFileSync('mkfifo', [join(tree, 'a.yaml')]);
      writeAppFolders(tree, 4);
      const run = (fast: boolean) => spawnSync(process.execPath, ['--require', HOOK, CLI, '--format', 'json', tree], { cwd: tree, encoding: 'utf8', env: { ...cliEnvironment(fast), TFL_TEST_ROOT: tree } });
      for (const fast of [false, true]) {
        const r = run(fast);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stderr.split('\n').filter((l) => l.includes('a.yaml: a FIFO, not a regular file; skipped')).length, 1, r.stderr);
        assert.equal(new Set((JSON.parse(r.stdout).findings as { file: string }[]).map((f) => f.file)).size, 4);
        assert.equal(hookLine(r.stderr)?.split('; ')[1], `${fast ? 0 : 4} listings in flight at most`);
      }
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});

describe("the CLI's thread pool", { skip: process.platform === 'win32' ? 'no mkfifo' : false }, () => {
  it(`has ${THREAD_POOL_SIZE} threads: the files are read while ${HELD} file-system calls wait`, async () => {
    const report = await reportWhileThreadsAreHeld(cliEnvironment(), 20_000);
    assert.ok(report, 'no report while the threads were held');
    assert.equal(new Set((JSON.parse(report).findings as { file: string }[]).map((f) => f.file)).size, FILES - 1);
  });

  it('keeps the size a user set: with four threads the reads wait behind the held ones', async () => {
    assert.equal(await reportWhileThreadsAreHeld({ ...cliEnvironment(), UV_THREADPOOL_SIZE: '4' }, 1500), undefined);
  });
});

describe('collectFiles from listAhead', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, () => {
  it('finds the same files and says the same things as walking the file system itself', async () => {
    const tree = realpathSync(mkdtempSync(join(tmpdir(), 'tfl-walk-ahead-')));
    try {
      mkdirSync(join(tree, 'a', 'deep', 'deeper'), { recursive: true });
      mkdirSync(join(tree, 'b'));
      mkdirSync(join(tree, 'node_modules', 'x'), { recursive: true });
      writeFileSync(join(tree, 'a', 'Dockerfile'), 'FROM node:20\n');
      writeFileSync(join(tree, 'a', 'deep', 'deeper', 'pod.yaml'), POD_MANIFEST);
      writeFileSync(join(tree, 'b', 'svc.yml'), POD_MANIFEST);
      writeFileSync(join(tree, 'node_modules', 'x', 'pod.yaml'), POD_MANIFEST);
      symlinkSync(tree, join(tree, 'a', 'loop')); // back to the root
      symlinkSync(join(tree, 'b'), join(tree, 'a', 'to-b')); // a link to a folder: not followed
      symlinkSync(join(tree, 'b', 'svc.yml'), join(tree, 'a', 'also-svc.yaml')); // a file met twice
      symlinkSync(join(tree, 'nowhere'), join(tree, 'b', 'dangling.yaml'));
      execFileSync('mkfifo', [join(tree, 'b', 'pipe.yaml')]);
      const walk = (ahead?: WalkAhead) => {
        const said: string[] = [];
        const listings = new FolderListings(['.git']);
        const files = collectFiles([tree, join(tree, 'b')], { warn: (m) => said.push(`warn ${m}`), fail: (m) => said.push(`fail ${m}`) }, () => true, listings, ahead);
        return { files, said, git: listings.lacks(join(tree, 'a', 'deep', '.git')) };
      };
      const itself = walk();
      assert.deepEqual(itself.files.map((f) => f.slice(tree.length + 1)), [join('a', 'Dockerfile'), join('a', 'also-svc.yaml'), join('a', 'deep', 'deeper', 'pod.yaml')]);
      assert.deepEqual(itself.said, [`warn ${join(tree, 'b', 'pipe.yaml')}: a FIFO, not a regular file; skipped`]);
      const ahead = await listAhead([tree, join(tree, 'b')]);
      assert.ok(ahead.listings.size >= 5, 'the folders were listed ahead');
      assert.deepEqual(walk(ahead), itself);
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  });
});

describe('FolderListings', () => {
  it('knows a name is missing only in a folder it listed, and compares names without case', () => {
    const listings = new FolderListings(['.twelve-factor-lens.json', '.git']);
    listings.record('/r/a', ['Dockerfile', '.GIT']);
    assert.equal(listings.lacks('/r/a/.twelve-factor-lens.json'), true);
    // A differently cased name may be the same file on a case-insensitive file system: the storage is asked.
    assert.equal(listings.lacks('/r/a/.git'), false);
    // A folder not listed, or a name it does not keep: unknown.
    assert.equal(listings.lacks('/r/b/.twelve-factor-lens.json'), false);
    assert.equal(listings.lacks('/r/.git'), false);
  });
});
