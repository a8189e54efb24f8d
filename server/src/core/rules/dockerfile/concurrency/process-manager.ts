import { defineDockerfileRule } from '../../../rule';
import { startInfo } from '../../../dockerfile/start-command';
import { runtimePackages } from '../../../dockerfile/packages';
import { processManagerOf } from '../../../process-managers';

/**
 * Packages that exist only to supervise processes (`pm2` is absent: it also ships `pm2-runtime`). Supervisor packages reported when installed in the final image without being started by its command (a script may
 * start them). Not runit: its package is installed as often for `chpst`, which drops privileges in one process
 * (authentik's bootstrap), as for `runsvdir`; runit is reported when the command starts `runsvdir` or `runsv`.
 */
// s6 (Alpine's and Debian's package of the supervision suite) is installed to run `s6-svscan`, often from an entrypoint
// script (wallabag's image supervises nginx and php-fpm so); s6-overlay comes as a tarball, not as this package.
const MANAGER_PACKAGES = new Set(['supervisor', 'circus', 'honcho', 'forever', 's6']);

export default defineDockerfileRule({
  meta: {
    id: 'concurrency/process-manager',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'The container starts a process manager (supervisord, pm2, forever, runit, s6-svscan, honcho …) instead of one foreground process.',
    rationale: [
      'A twelve-factor app scales out by running more copies of each process type, and the platform (Docker, Kubernetes,',
      'a PaaS) is the process manager: it restarts, counts and stops processes. A supervisor inside the container hides',
      'crashes from the platform, multiplexes several process types into one unit that can only scale as a block, and',
      'usually swallows or reorders signals on shutdown.',
      '',
      'Run one process per container in the foreground and give each process type (web, worker, scheduler) its own',
      'container or Deployment. For Node.js use `pm2-runtime` if you need pm2 features; a minimal init such as `tini`,',
      '`dumb-init` or s6-overlay used only to reap zombies is fine.',
      '',
      'Not reported: `pm2-runtime` and minimal inits such as `tini`, `dumb-init` or s6-overlay; honcho, foreman and',
      'overmind commands other than `start`; pm2 commands that start no app (`pm2 logs`); `npm-run-all` without',
      '`--parallel`, which runs its tasks one after another; the pm2 package on its own; the runit package on its own (its',
      '`chpst` drops privileges for one process); and an installed supervisor package when the start command already',
      'started a manager (that is reported once, at the start command).',
    ].join('\n'),
    messages: {
      started: '`{{program}}` manages processes inside the container; run one foreground process per container and let the platform supervise it.',
      pm2: '`pm2` daemonises and supervises the app; use `pm2-runtime` or run `node` directly in the foreground.',
      installed: '`{{name}}` is a process supervisor installed in the final image; run one process per container instead.',
    },
  },
  check({ model, report }) {
    const info = startInfo(model);
    if (!info) return;
    let started = false;
    for (const command of info.commands) {
      const kind = processManagerOf(command.words.map((w) => w.value), command.program);
      if (!kind) continue;
      started = true;
      const word = command.words[0];
      report({ messageId: kind === 'pm2' ? 'pm2' : 'started', data: { program: command.program }, range: word.range });
    }
    if (started) return;
    for (const pkg of runtimePackages(model)) {
      if (MANAGER_PACKAGES.has(pkg.name.toLowerCase())) report({ messageId: 'installed', data: { name: pkg.name }, range: pkg.word.range });
    }
  },
});
