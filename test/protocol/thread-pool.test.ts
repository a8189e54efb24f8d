// dist/server.js gives libuv's thread pool more than its default four threads before anything uses it, so that
// the workspace index's 32 reads in flight are not four at a time (server/src/thread-pool.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SERVER_THREAD_POOL_SIZE, widenThreadPool } from '../../server/src/thread-pool';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');
const HOOK = join(__dirname, 'thread-pool-hook.cjs');
/** Opens that hold a pool thread each: more than libuv's default of four. */
const HELD = 6;

/**
 * Starts dist/server.js with the hook, which holds HELD pool threads and then reads a file; the hook's line when
 * that read finished within `ms`, undefined otherwise.
 */
async function readWhileThreadsAreHeld(env: NodeJS.ProcessEnv, ms: number): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'tfl-thread-pool-'));
  const fifos = Array.from({ length: HELD }, (_, i) => join(dir, `fifo-${i}`));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, ['--require', HOOK, SERVER, '--stdio'], { env: { ...env, TFL_TEST_FIFOS: fifos.join(delimiter) }, stdio: ['pipe', 'ignore', 'pipe'] });
  const exited = once(child, 'exit');
  try {
    let stderr = '';
    return await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        const line = stderr.split('\n').find((l) => l.startsWith('hook: '));
        if (line) {
          clearTimeout(timer);
          resolve(line);
        }
      });
    });
  } finally {
    // The held opens never finish; the process goes with them.
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function withoutPoolSize(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.UV_THREADPOOL_SIZE;
  return env;
}

describe('the thread pool of dist/server.js', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, () => {
  it('has threads to spare for a read while six file-system calls wait', async () => {
    const line = await readWhileThreadsAreHeld(withoutPoolSize(), 20_000);
    assert.equal(line, `hook: read while ${HELD} opens wait; UV_THREADPOOL_SIZE=${SERVER_THREAD_POOL_SIZE}`);
  });

  it("keeps the size a user set: with four threads the same read waits behind the held ones", async () => {
    const line = await readWhileThreadsAreHeld({ ...withoutPoolSize(), UV_THREADPOOL_SIZE: '4' }, 1500);
    assert.equal(line, undefined);
  });
});

describe('widenThreadPool', () => {
  it('sets the size when the environment does not, and leaves a set one alone', () => {
    const unset: NodeJS.ProcessEnv = {};
    widenThreadPool(unset);
    assert.equal(unset.UV_THREADPOOL_SIZE, String(SERVER_THREAD_POOL_SIZE));
    const blank: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: ' ' };
    widenThreadPool(blank);
    assert.equal(blank.UV_THREADPOOL_SIZE, String(SERVER_THREAD_POOL_SIZE));
    const chosen: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '8' };
    widenThreadPool(chosen);
    assert.equal(chosen.UV_THREADPOOL_SIZE, '8');
  });
});
