import { defineDockerfileRule } from '../../../rule';
import { entrypointScript } from '../../../build-context';
import { isShellScript, unconditionalCommands } from '../../../dockerfile/script-lines';
import { programWords, spanOf, startInfo } from '../../../dockerfile/start-command';
import type { ShellWord } from '../../../dockerfile/shell';
import type { RelatedLocation } from '../../../types';

/** The words naming an admin task (migration, seed, cache warm-up), or undefined. */
function adminTask(c: { words: ShellWord[]; program: string }): ShellWord | undefined {
  const w = c.words;
  const v = w.map((x) => x.value);
  const p = c.program;
  const find = (re: RegExp) => w.find((x, i) => i > 0 && re.test(x.value));
  // `migrate --check` and `--plan` report and apply nothing.
  if ((p === 'manage.py' || /manage\.py$/.test(v[1] ?? '')) ) return v.includes('--check') || v.includes('--plan') ? undefined : find(/^(migrate|loaddata|createcachetable)$/);
  if (p === 'alembic') return find(/^(upgrade)$/);
  if (p === 'flask' && v[1] === 'db') return find(/^upgrade$/);
  if (p === 'rails' || p === 'rake') return find(/^db:(migrate|prepare|setup|seed|schema:load)$/);
  if (p === 'prisma') return v[1] === 'migrate' && v[2] === 'deploy' ? w[2] : v[1] === 'db' && /^(push|seed)$/.test(v[2] ?? '') ? w[2] : undefined;
  if (p === 'sequelize' || p === 'sequelize-cli') return find(/^db:(migrate|seed(:all)?)$/);
  if (p === 'knex') return find(/^(migrate:latest|migrate:up|seed:run)$/);
  if (p === 'typeorm' || p === 'typeorm-ts-node-commonjs') return find(/^migration:run$/);
  if (p === 'node-pg-migrate' || p === 'db-migrate') return find(/^up$/);
  if (p === 'npm' || p === 'yarn' || p === 'pnpm' || p === 'bun') {
    const i = v[1] === 'run' ? 2 : 1;
    return /^(migrate|migration:run|migrations?:up|db:migrate|db:seed|seed|prisma:migrate|migrate:deploy|db:push)$/.test(v[i] ?? '') ? w[i] : undefined;
  }
  if (p === 'flyway') return find(/^migrate$/);
  if (p === 'liquibase') return find(/^update$/);
  if (p === 'php' && /artisan$/.test(v[1] ?? '')) return /^(migrate|db:seed)$/.test(v[2] ?? '') ? w[2] : undefined;
  if (p === 'console' || (p === 'php' && /console$/.test(v[1] ?? ''))) return find(/^(doctrine:migrations:migrate|cache:warmup)$/);
  if (p === 'goose') return find(/^up$/);
  if (p === 'migrate') return find(/^up$/);
  if (p === 'diesel' || p === 'sqlx') return v[1] === 'migration' || v[1] === 'migrate' ? find(/^run$/) : undefined;
  if (p === 'dotnet' && v[1] === 'ef') return find(/^update$/);
  if (p === 'mix') return find(/^ecto\.(migrate|setup)$/);
  if (/^(migrate|seed|db-migrate|run-migrations)(\.sh|\.py|\.js)?$/.test(p)) return w[0];
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'admin-processes/migration-in-start-command',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'Migrations, seeding or cache warm-up are chained into the start command before the app starts.',
    rationale: [
      'Admin tasks such as schema migrations are one-off processes: they should run once per release, in the same image',
      'and config as the app, and finish. Chained into the web start command they run on every container start, in',
      'every replica at once (racing each other for the schema lock), they delay start-up and a failed migration turns',
      'into a crash loop of the web process.',
      '',
      'Run them as a separate one-off process from the same image: a Kubernetes Job or Helm hook, a release phase or a',
      '`docker run --rm <image> <migrate command>` step in the deploy. This rule also covers slow start-up caused by',
      'migrations (disposability), so it is reported once, here.',
      '',
      'The entrypoint script the image starts is read too, when the CLI or the editor read it (a shell script the',
      'Dockerfile copies from its build context): a migration it runs on every start, before it hands over to the app,',
      'is reported on the ENTRYPOINT, with the script\'s line as a related location.',
      '',
      'Not reported: images with no start command; an admin task that is itself the main (last) start command, since',
      'such an image is the one-off process; and commands that are not a recognised migration, seed or warm-up tool. In',
      'an entrypoint script, a migration inside a condition, a loop or a function (`if [ "$1" = web ]`, `case`), after',
      'a test (`[ "$MIGRATE" = 1 ] && …`) or `||` is a choice the script makes per start, and is not reported.',
    ].join('\n'),
    messages: {
      chained: '`{{command}}` runs on every container start; run it once per release as a one-off process (a Job or release step).',
      inScript: '`{{script}}` runs `{{command}}` on every container start, before the app; run it once per release as a one-off process (a Job or release step).',
    },
  },
  check({ model, report, buildContext }) {
    const info = startInfo(model);
    if (!info || !info.main) return;
    for (const command of info.commands) {
      // An image whose only job is the migration is the one-off process itself.
      if (command === info.main) continue;
      const word = adminTask(command);
      if (!word) continue;
      const range = spanOf(command.words[0], word);
      report({ messageId: 'chained', data: { command: command.words.slice(0, command.words.indexOf(word) + 1).map((w) => w.value).join(' ') }, range });
    }
    // The entrypoint script, when the caller read it; not for an image whose own command is the admin task.
    if (adminTask(info.main)) return;
    const script = buildContext?.files ? entrypointScript(model) : undefined;
    const file = script ? buildContext?.files?.[script.contextPath] : undefined;
    if (!script || !file || !isShellScript(file.text, script.contextPath)) return;
    const commands = unconditionalCommands(file.uri, file.text);
    const tasks: { text: string; related: RelatedLocation }[] = [];
    // The script's last command is the process the container runs: a script that ends with the task is the one-off.
    for (const command of commands.slice(0, -1)) {
      const { words, program } = programWords(command);
      const word = adminTask({ words, program });
      if (!word) continue;
      const text = words.slice(0, words.indexOf(word) + 1).map((w) => w.value).join(' ');
      tasks.push({ text, related: { uri: file.uri, range: { start: words[0].range.start, end: word.range.end }, message: `\`${text}\` runs here on every start.` } });
    }
    if (tasks.length === 0) return;
    report({ messageId: 'inScript', data: { script: script.contextPath, command: tasks[0].text }, range: script.range, related: tasks.slice(0, 5).map((t) => t.related) });
  },
});
