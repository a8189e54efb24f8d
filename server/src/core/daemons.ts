/**
 * Servers told to detach themselves: the option that makes `program` fork into the background and return at once
 * (`gunicorn --daemon`, `php-fpm -D`, `redis-server --daemonize yes`). A start script that runs one before its last
 * command leaves a process behind that nothing supervises.
 *
 * Only explicit options: programs that detach by default unless told not to (nginx, sshd, cron) are left to the
 * rules that know them. Pure: no I/O.
 */

/** `values`: the command's words (program first, options after); `program`: its base name, lower-cased. */
export function daemonizingOption(values: readonly string[], program: string): string | undefined {
  const args = values.slice(1);
  const has = (...options: string[]) => args.find((a) => options.includes(a) || options.some((o) => o.startsWith('--') && a.startsWith(`${o}=`)));
  if (program === 'gunicorn') return has('-D', '--daemon');
  if (program === 'uwsgi') return has('--daemonize', '--daemonize2');
  // `-D` is its short form for `worker` and `beat` (Celery 4 and 5).
  if (program === 'celery') return has('-D', '--detach');
  // django-celery's management commands (`python manage.py celery worker --detach`, `celeryd`) take Celery's options.
  if (/^python[\d.]*$/.test(program) && /(^|\/)manage\.py$/.test(args[0] ?? '') && /^celery(d|beat)?$/.test(args[1] ?? '')) return has('-D', '--detach');
  if (/^php-fpm[\d.]*$/.test(program)) return has('-D', '--daemonize');
  // Puma before version 5 (`-d`, `--daemon`); Unicorn's `-d` is its debug switch, `-D` detaches.
  if (program === 'puma') return has('-d', '--daemon');
  if (program === 'unicorn' || program === 'unicorn_rails') return has('-D', '--daemonize');
  if (program === 'mongod') return has('--fork');
  if (program === 'memcached') return has('-d', '--daemon');
  if (program === 'redis-server') {
    const i = args.indexOf('--daemonize');
    return i >= 0 && args[i + 1] === 'yes' ? '--daemonize yes' : undefined;
  }
  return undefined;
}
