/**
 * Node does its file work (stat, open, read, readdir) on libuv's thread pool: four threads unless the environment
 * variable UV_THREADPOOL_SIZE says otherwise, read once, when the pool gets its first piece of work.
 *
 * Indexing a workspace keeps READS_IN_FLIGHT (16) file reads in flight (workspace-index.ts, as the CLI reads), but
 * four threads run four at a time.
 * That is invisible while the files sit in memory (the GKE samples index in about 160 ms either way), and costs
 * dearly wherever each read waits on the storage: reads from the disk (the first of the bench's three fresh
 * servers took 3.2 s to index the GKE samples in one run, mostly waiting at 14% CPU; the next two 120-150 ms), WSL's
 * Windows drives, a container's bind mount, a network home folder. The GKE samples (758 files) behind a FUSE
 * mount that makes every file-system call wait 2 ms: the server indexed them in 11.5-11.9 s with four threads and
 * 3.3-3.4 s with sixteen (the scan alone: 12.4 s, 4.6 s with sixteen, 4.0 s with thirty-two). Idle threads cost
 * next to nothing: indexing from memory, the server's memory afterwards was 94-95 MB either way.
 *
 * The CLI lists its folders and reads its files READS_IN_FLIGHT (16) at a time (cli-files.ts) and gives its pool as
 * many threads: the same 758 files behind a FUSE mount delaying each call by 2 ms (the kernel caching attributes) were
 * checked in 2.8-2.9 s instead of 9.7-12.7 s, the configuration look-ups answered from the walk's listings included.
 *
 * No imports: the launcher (start-server.ts) and the CLI's entry point call this before anything can have given the
 * pool work.
 */

/** How many threads the pool gets when the environment does not say. */
export const THREAD_POOL_SIZE = 16;

/** Sets UV_THREADPOOL_SIZE in `env` to {@link THREAD_POOL_SIZE} unless it is set already (a user's choice stays). */
export function widenThreadPool(env: NodeJS.ProcessEnv): void {
  if (env.UV_THREADPOOL_SIZE === undefined || env.UV_THREADPOOL_SIZE.trim() === '') env.UV_THREADPOOL_SIZE = String(THREAD_POOL_SIZE);
}
