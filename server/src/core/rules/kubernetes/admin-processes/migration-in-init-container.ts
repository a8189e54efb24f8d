import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS } from '../../../kubernetes/model';
import { commandSummary, containerCommand, isMigrationCommand } from '../../../kubernetes/commands';
import { isTemplated } from '../../../kubernetes/model';
import { parseImageReference } from '../../../kubernetes/images';

/**
 * An image built to migrate a database, by the last part of its name (`ghcr.io/podkrepi-bg/api/migrations`,
 * `shop/web-migrate`, `app-db-migrations`): started without a command, it runs its own migration.
 */
function isMigrationImage(image: string): boolean {
  const repository = parseImageReference(image).repository;
  const last = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  return /(^|[-_.])(db[-_])?migrat(e|es|ion|ions|or|ors)$/.test(last);
}

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/migration-in-init-container',
    factor: 'admin-processes',
    defaultSeverity: 'info',
    description: 'An init container of a long-running workload runs database migrations, so they run once per pod rather than once per release.',
    rationale: [
      'An init container is better than chaining migrations into the app command (the app starts only after success),',
      'but it still ties a one-off admin task to every pod: each replica of a rollout or scale-out runs it, concurrent',
      'pods race unless the tool takes a lock, and a node drain re-runs it. Admin processes are meant to run once, as',
      'their own process, against the release.',
      '',
      'Prefer a Job per release (a Helm `pre-upgrade` hook, an Argo CD `PreSync` hook, or a pipeline step) using the',
      'same image and config. If you keep the init container, make sure the migration tool locks and is idempotent.',
      '',
      'An init container without a command whose image is named for migrations (`…/api/migrations`, `web-migrate`) is',
      'reported too: it runs the migration its image is built for.',
      '',
      'Not reported: Jobs, CronJobs and other objects that are not long-running workloads; migrations in the main',
      'containers (see `admin-processes/migration-in-app-command`); and init containers whose command contains a',
      'template expression or is not a recognised migration command.',
    ].join('\n'),
    messages: {
      init: 'Init container `{{container}}` runs `{{command}}` on every pod start; run migrations once per release as a Job.',
      image: 'Init container `{{container}}` runs the migration image `{{image}}` on every pod start; run migrations once per release as a Job.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind)) continue;
      for (const container of object.podSpec.initContainers) {
        const command = containerCommand(source, container, object.doc);
        if (!command) {
          // No command or args: the image's own entrypoint runs, which an image named for migrations is built to do.
          if (container.image && container.imageRange && !isTemplated(container.image) && isMigrationImage(container.image)) {
            report({ messageId: 'image', data: { container: container.name ?? '?', image: container.image }, range: container.imageRange });
          }
          continue;
        }
        if (command.templated) continue;
        const migration = command.commands.find(isMigrationCommand);
        if (!migration) continue;
        report({ messageId: 'init', data: { command: commandSummary(migration), container: container.name ?? '?' }, range: migration.range });
      }
    }
  },
});
