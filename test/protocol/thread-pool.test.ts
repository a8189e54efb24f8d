// dist/server.js gives libuv's thread pool more than its default four threads before anything uses it, so that
// the workspace index's reads in flight are not four at a time (server/src/thread-pool.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { THREAD_POOL_SIZE, widenThreadPool } from '../../server/src/thread-pool';
import { HELD, outputWhileThreadsAreHeld, withoutPoolSize } from '../helpers/held-threads';

const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');
const HOOK = join(__dirname, 'thread-pool-hook.cjs');

/**
 * Starts dist/server.js with the hook, which holds HELD pool threads and then reads a file; the hook's line when
 * that read finished within `ms`, undefined otherwise.
 */
function readWhileThreadsAreHeld(env: NodeJS.ProcessEnv, ms: number): Promise<string | undefined> {
  return outputWhileThreadsAreHeld(
    (fifos) => spawn(process.execPath, ['--require', HOOK, SERVER, '--stdio'], { env: { ...env, TFL_TEST_FIFOS: fifos }, stdio: ['pipe', 'ignore', 'pipe'] }),
    'stderr',
    (stderr) => stderr.split('\n').find((l) => l.startsWith('hook: ')),
    ms,
  );
}

describe('the thread pool of dist/server.js', { skip: process.platform === 'win32' ? 'no mkfifo' : false }, () => {
  it('has threads to spare for a read while six file-system calls wait', async () => {
    const line = await readWhileThreadsAreHeld(withoutPoolSize(), 20_000);
    assert.equal(line, `hook: read while ${HELD} opens wait; UV_THREADPOOL_SIZE=${THREAD_POOL_SIZE}`);
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
    assert.equal(unset.UV_THREADPOOL_SIZE, String(THREAD_POOL_SIZE));
    const blank: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: ' ' };
    widenThreadPool(blank);
    assert.equal(blank.UV_THREADPOOL_SIZE, String(THREAD_POOL_SIZE));
    const chosen: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '8' };
    widenThreadPool(chosen);
    assert.equal(chosen.UV_THREADPOOL_SIZE, '8');
  });
});
