import { defineDockerfileRule } from '../../../rule';
import { startInfo, type StartCommand } from '../../../dockerfile/start-command';
import { runtimePackages } from '../../../dockerfile/packages';
import { entrypointScript, readEntrypointScript, scriptMainCommand, type BuildContext } from '../../../build-context';
import type { DockerfileModel } from '../../../dockerfile/model';
import { isKeepAliveWords } from '../../../dockerfile/keep-alive';

const CRON_PROGRAMS = /^(cron|crond|supercronic|go-crond|fcron|anacron)$/;

const CRON_PACKAGES = new Set(['cron', 'cronie', 'dcron', 'cronie-anacron', 'anacron', 'bcron', 'fcron', 'systemd-cron']);

function isCron(c: StartCommand): boolean {
  const v = c.words.map((w) => w.value);
  if (CRON_PROGRAMS.test(c.program)) return true;
  if (c.program === 'busybox' && v[1] === 'crond') return true;
  return c.program === 'service' && /^(cron|crond)$/.test(v[1] ?? '') && /^(start|restart)$/.test(v[2] ?? '');
}

export default defineDockerfileRule({
  meta: {
    id: 'admin-processes/cron-in-image',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A cron daemon is installed or started next to the app in the image.',
    rationale: [
      'A cron daemon inside an app container runs scheduled admin tasks once per replica (three replicas, three runs),',
      'outside the platform\'s view: failures are not reported, output goes to cron\'s mail or a file, and the schedule',
      'disappears when the container is replaced. It is also a second long-running process in the container.',
      '',
      'Schedule one-off processes on the platform instead: a Kubernetes CronJob, a scheduled task or a separate',
      'scheduler process type. An image whose only process is the scheduler (e.g. `supercronic` as the one start',
      'command) is such a process type and is not reported, nor is an image whose entrypoint script hands its process',
      "to cron on its last line (`exec cron -f`) and starts nothing in the background (Sentry's self-hosted cron",
      'image), when the script was read, nor one that starts cron and then only a keep-alive (`cron && tail -f`):',
      '`concurrency/background-process` reports the keep-alive, which should be `cron -f`. A cron daemon installed in an',
      'image that only starts an application\'s own program (no ENTRYPOINT, `CMD ["python", "scheduler.py"]`) is never',
      'started: the message says to remove it.',
    ].join('\n'),
    messages: {
      installed: '`{{name}}` installs a cron daemon in the app image; schedule one-off tasks with a CronJob or scheduler process instead.',
      started: '`{{name}}` runs a cron daemon next to the app; use a CronJob or a separate scheduler container.',
      neverStarted: '`{{name}}` installs a cron daemon that nothing in the image starts (it runs `{{program}}`); remove it and any crontab given to it, and schedule tasks with a CronJob or a scheduler process.',
    },
  },
  check({ model, report, buildContext }) {
    const stage = model.finalStage;
    if (!stage) return;
    const info = startInfo(model);
    const commands = info?.commands.filter((c) => c.words.length > 0) ?? [];
    const main = info?.main;
    // A dedicated scheduler image: cron is the one foreground process and nothing runs beside it.
    if (main && isCron(main) && !main.background && commands.filter((c) => c.background).length === 0 && commands.every((c) => c === main || !isLongRunning(c))) return;
    // The same image written as `cron && tail -f`: cron detaches, a keep-alive holds the container open, and nothing
    // else runs (uirmaksever/moodle-api's scheduler). concurrency/background-process reports the keep-alive.
    if (main && isKeepAliveWords(main.words.map((w) => w.value)) && commands.some(isCron) && commands.every((c) => c === main || isCron(c) || !isLongRunning(c))) return;
    if (schedulerScript(model, buildContext)) return;
    // Installed, but the image only starts an app's own program, with no ENTRYPOINT that could start cron first
    // (uirmaksever/moodle-api: `CMD ["python", "scheduler.py"]`, an APScheduler loop, beside a leftover crontab).
    const neverStarted = main && !info.entrypoint && !entrypointScript(model) && commands.every((c) => APP_PROGRAMS.test(c.program));
    for (const pkg of runtimePackages(model)) {
      if (!CRON_PACKAGES.has(pkg.name.toLowerCase()) || ['npm', 'pip', 'gem', 'yarn', 'pnpm'].includes(pkg.manager)) continue;
      if (neverStarted) report({ messageId: 'neverStarted', data: { name: pkg.name, program: main.program }, range: pkg.word.range });
      else report({ messageId: 'installed', data: { name: pkg.name }, range: pkg.word.range });
    }
    for (const command of commands) {
      if (isCron(command)) report({ messageId: 'started', data: { name: command.program === 'service' ? 'service cron' : command.program }, range: command.words[0].range });
    }
  },
});

/** An application's own program as the one start: none of them starts a cron daemon (a process manager might). */
const APP_PROGRAMS = /^(python[\d.]*|node|bun|deno|java|dotnet|ruby|php|gunicorn|uvicorn|hypercorn|puma|rails|celery)$/;

function isLongRunning(c: StartCommand): boolean {
  return /^(gunicorn|uvicorn|node|java|nginx|php-fpm|httpd|apache2|puma|rails|supervisord|npm|yarn)$/.test(c.program);
}

/**
 * True when the image's entrypoint script (read from the build context) ends by handing its process to cron
 * (`exec cron -f`, also through `gosu`), with nothing sent to the background before: Sentry's self-hosted cron image, a
 * scheduler process type.
 */
function schedulerScript(model: DockerfileModel, buildContext: BuildContext | undefined): boolean {
  const read = readEntrypointScript(model, buildContext);
  const main = read && scriptMainCommand(read);
  return !!main?.exec && CRON_PROGRAMS.test(main.program) && !read!.reading.commands.some((c) => c.terminator === '&');
}
