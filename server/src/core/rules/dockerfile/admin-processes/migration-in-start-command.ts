import { defineDockerfileRule, type DockerfileRuleContext } from '../../../rule';
import { readEntrypointScript, startPackageJson, type BuildContext } from '../../../build-context';
import { packageScriptRun, scriptRange, scriptText } from '../../../dockerfile/package-scripts';
import type { StartCommand } from '../../../dockerfile/start-command';
import { unconditionalCommands } from '../../../dockerfile/script-lines';
import { isDevelopmentImage, programWords, spanOf, startInfo } from '../../../dockerfile/start-command';
import { adminTaskWord } from '../../../dockerfile/admin-tasks';
import type { Range, RelatedLocation } from '../../../types';
import type { SimpleCommand } from '../../../dockerfile/shell';
import { schemaChangeAtStart } from '../../../schema-switches';

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
      'is reported on the ENTRYPOINT, with the script\'s line as a related location. So is a package script the image',
      'starts (`npm run prod` whose script is `prisma migrate deploy && node dist/main`), read from the package.json in',
      'the directory the start command runs in (its WORKDIR, after any `cd` before it), traced to the copy that put it there.',
      '',
      'Not reported: development images (`Dockerfile.dev`, a last stage `AS dev`), which migrate a developer\'s database',
      'as they start on purpose; images with no start command; an admin task that is itself the main (last) start command, since',
      'such an image is the one-off process (in a script, unless a process is started after it in a branch, as handesk',
      'starts `php-fpm` in both branches of an `if`); and commands that are not a recognised migration, seed or warm-up tool (the',
      'common tools by their own spelling, and an application\'s own `migrate`, `db migrate` or `db upgrade` command:',
      '`./fider migrate`, `airflow db migrate`). In',
      'an entrypoint script, a migration inside a condition or a loop (`if [ "$WEB" = 1 ]`, `case`; the condition of an `until` retry loop does run at every start), after a test',
      '(`[ "$MIGRATE" = 1 ] && …`) or `||` is a choice the script makes per start, and is not reported; but a test of',
      'the script\'s first argument against a word (`if [ "$1" = "migrate-and-serve" ]`, `case "$1" in web)`) is',
      'decided by what the image starts it with (Flagsmith\'s `CMD ["migrate-and-serve"]`), and a call of one of the',
      'script\'s own functions is read through its body, and so is a quoted script it hands to a shell or `su` with',
      '`-c` (`exec su -s /bin/sh app -c \'npx prisma migrate deploy && npx tsx server.ts\'`).',
      '',
      'An ORM told by the image\'s ENV to change the schema as the app starts migrates at every start too:',
      '`SPRING_JPA_HIBERNATE_DDL_AUTO=update` (or `create`, `create-drop`, which drop tables and their data), Quarkus\'s',
      '`QUARKUS_HIBERNATE_ORM_DATABASE_GENERATION` likewise; `validate` and `none` are not reported.',
    ].join('\n'),
    messages: {
      chained: '`{{command}}` runs on every container start; run it once per release as a one-off process (a Job or release step).',
      inScript: '`{{script}}` runs `{{command}}` on every container start, before the app; run it once per release as a one-off process (a Job or release step).',
      inPackageScript: '`{{start}}` runs `{{command}}` (package.json) on every container start, before the app; run it once per release as a one-off process (a Job or release step).',
      schemaSwitch: '`{{name}}={{value}}` makes the app change its schema on every container start (it {{effect}}); set it to `validate` and run migrations once per release as a one-off process.',
    },
  },
  check({ model, source, report, buildContext }) {
    const info = startInfo(model);
    if (!info || !info.main) return;
    // A development image (`Dockerfile.dev`, a last stage `AS dev`) migrates the developer's database as it starts, on purpose.
    if (isDevelopmentImage(model, source.uri)) return;
    // The image's effective ENV: a later `ENV SPRING_JPA_HIBERNATE_DDL_AUTO=validate` wins over an earlier `update`.
    for (const variable of model.envOf(info.stage).values()) {
      const effect = schemaChangeAtStart(variable.name, variable.value);
      if (effect) report({ messageId: 'schemaSwitch', data: { name: variable.name, value: variable.value, effect }, range: variable.valueRange });
    }
    for (const command of info.commands) {
      // An image whose only job is the migration is the one-off process itself.
      if (command === info.main) continue;
      const word = adminTaskWord(command.words, command.program);
      if (!word) continue;
      const range = spanOf(command.words[0], word);
      report({ messageId: 'chained', data: { command: command.words.slice(0, command.words.indexOf(word) + 1).map((w) => w.value).join(' ') }, range });
    }
    // The entrypoint script and the package script, when the caller read them; not for an image whose own command is the admin task.
    if (adminTaskWord(info.main.words, info.main.program)) return;
    reportPackageScript(info.main, startPackageJson(model), buildContext, report);
    const read = readEntrypointScript(model, buildContext);
    if (!read) return;
    const { script, file } = read;
    const { commands, processAfterLast } = read.reading;
    // A script whose last unconditional command is the task may still start the app after it, in each branch of an `if`.
    const tasks = tasksBeforeLast(commands, processAfterLast);
    if (tasks.length === 0) return;
    const related: RelatedLocation[] = tasks.slice(0, 5).map((t) => ({ uri: file.uri, range: t.range, message: `\`${t.text}\` runs here on every start.` }));
    report({ messageId: 'inScript', data: { script: script.contextPath, command: tasks[0].text }, range: script.range, related });
  },
});

/**
 * The admin tasks a script runs before its last command, the process the container keeps running (a script that ends
 * with the task is the one-off process itself, unless `lastToo`: a process starts after it in a branch): each task's
 * words up to the one that names it, and their range.
 */
function tasksBeforeLast(commands: readonly SimpleCommand[], lastToo = false): { text: string; range: Range }[] {
  const out: { text: string; range: Range }[] = [];
  for (const command of lastToo ? commands : commands.slice(0, -1)) {
    const { words, program } = programWords(command);
    const word = adminTaskWord(words, program);
    if (word) out.push({ text: words.slice(0, words.indexOf(word) + 1).map((w) => w.value).join(' '), range: { start: words[0].range.start, end: word.range.end } });
  }
  return out;
}

/**
 * The package script the image starts (`npm run prod`), when the caller read its package.json: the migrations it runs
 * before its last command, the app (Pingvin Share's `prisma migrate deploy && prisma db seed && node dist/src/main`).
 * Read like an entrypoint script; a script whose last command is the task is the one-off process itself.
 */
function reportPackageScript(main: StartCommand, path: string | undefined, buildContext: BuildContext | undefined, report: DockerfileRuleContext['report']): void {
  const values = main.words.map((w) => w.value);
  const run = packageScriptRun(values);
  const packageJson = run && path !== undefined ? buildContext?.files?.[path] : undefined;
  const text = run && packageJson ? scriptText(packageJson.text, run.script) : undefined;
  if (!run || !packageJson || text === undefined) return;
  const [task] = tasksBeforeLast(unconditionalCommands(packageJson.uri, text));
  if (!task) return;
  report({
    messageId: 'inPackageScript',
    data: { start: values.slice(0, run.at + 1).join(' '), command: task.text },
    range: spanOf(main.words[0], main.words[run.at]),
    related: [{ uri: packageJson.uri, range: scriptRange(packageJson.text, run.script), message: `The \`${run.script}\` script of package.json.` }],
  });
}
