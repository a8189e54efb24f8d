/**
 * Holding threads of libuv's file pool in a child process (test/protocol/thread-pool.test.ts, test/cli/reads.test.ts):
 * FIFOs that nobody writes to, whose opens a `--require` hook starts and which never finish, and a wait on the
 * child's output while they hold their threads.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Opens that hold a pool thread each: more than libuv's default of four. */
export const HELD = 6;

/** This process's environment without UV_THREADPOOL_SIZE, so that the child's own choice applies. */
export function withoutPoolSize(): NodeJS.ProcessEnv {
  const copy = { ...process.env };
  delete copy.UV_THREADPOOL_SIZE;
  return copy;
}

/**
 * Makes {@link HELD} FIFOs and starts the child with their paths in TFL_TEST_FIFOS (`start`); resolves with the
 * child's text on the stream `start` returned once `done` accepts it, or undefined after `ms`. The child is killed
 * either way (the held opens never finish, and the process would wait for them) and the FIFOs removed.
 */
export async function outputWhileThreadsAreHeld(
  start: (fifos: string) => ChildProcess,
  pick: 'stdout' | 'stderr',
  done: (text: string) => string | undefined,
  ms: number,
): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'tfl-held-threads-'));
  const fifos = Array.from({ length: HELD }, (_, i) => join(dir, `fifo-${i}`));
  for (const fifo of fifos) execFileSync('mkfifo', [fifo]);
  const child = start(fifos.join(delimiter));
  const exited = once(child, 'exit');
  const stream = child[pick];
  if (!stream) throw new Error(`the child's ${pick} is not a pipe`);
  try {
    let text = '';
    return await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      stream.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const answer = done(text);
        if (answer === undefined) return;
        clearTimeout(timer);
        resolve(answer);
      });
    });
  } finally {
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
