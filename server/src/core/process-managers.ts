/**
 * Process managers, recognised from a command's words: the one list that the Dockerfile's start command
 * (concurrency/process-manager) and a container's command (concurrency/process-manager-in-command) are judged by.
 *
 * A process manager starts, restarts and multiplexes processes inside the container, where the platform cannot see
 * them. Minimal inits that only reap zombies and forward signals (`tini`, `dumb-init`, s6-overlay's `/init`) are not
 * managers, nor is `pm2-runtime`, pm2's foreground mode built for containers.
 *
 * Pure: no I/O.
 */

/** Programs that manage processes whatever their arguments, by the manager they belong to. */
const MANAGERS: Record<string, string> = {
  supervisord: 'supervisord',
  supervisorctl: 'supervisord',
  forever: 'forever',
  runsvdir: 'runit',
  runsv: 'runit',
  // s6's scanner started as the command supervises every service of its directory (Gogs: the app, sshd and crond).
  's6-svscan': 's6',
  circusd: 'circus',
  // Hivemind takes a Procfile and no subcommand.
  hivemind: 'hivemind',
  concurrently: 'concurrently',
  'run-p': 'npm-run-all',
};

/** Programs that manage processes through one of their subcommands only (`pm2 logs`, `foreman check` manage nothing). */
const BY_SUBCOMMAND: Record<string, readonly string[]> = {
  pm2: ['start', 'resurrect', 'startOrReload', 'startOrRestart', 'startOrGracefulReload'],
  honcho: ['start'],
  foreman: ['start'],
  overmind: ['start', 's'],
};

/**
 * The manager a command starts (`supervisord`, `pm2`, `runit` …), or undefined when it starts none. `v` holds the
 * command's words with wrappers and runners already unwrapped (`exec`, `npx`, `bundle exec`); `program` is the base
 * name of `v[0]`, lower-cased.
 */
export function processManagerOf(v: readonly string[], program: string): string | undefined {
  const kind = MANAGERS[program];
  if (kind) return kind;
  const subcommands = BY_SUBCOMMAND[program];
  if (subcommands) {
    // The first word that is no option: `pm2 --no-autorestart start app.js`.
    const sub = v.slice(1).find((w) => !w.startsWith('-'));
    return sub !== undefined && subcommands.includes(sub) ? program : undefined;
  }
  // npm-run-all runs its tasks one after another unless told to run them side by side.
  if (program === 'npm-run-all' && v.some((w, i) => i > 0 && /^(-p|--parallel)$/.test(w))) return 'npm-run-all';
  return undefined;
}
