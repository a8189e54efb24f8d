import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS } from '../../../kubernetes/model';
import { commandSummary, containerCommand, isMigrationCommand } from '../../../kubernetes/commands';
import { schemaChangeAtStart } from '../../../schema-switches';

export default defineKubernetesRule({
  meta: {
    id: 'admin-processes/migration-in-app-command',
    factor: 'admin-processes',
    defaultSeverity: 'warning',
    description: 'A long-running container runs database migrations or seeding before starting the app.',
    rationale: [
      'Admin tasks such as migrations are one-off processes: they run once per release, against the release\'s code',
      'and config, and their success or failure is visible on its own. Chained into the app\'s start command they run',
      'on every pod start instead: replicas race each other on the schema, a restart loop re-runs them, a slow',
      'migration fails the liveness probe, and a failed one takes the app down with it.',
      '',
      'Run migrations as a Job (or a Helm pre-upgrade hook, or a step of your deploy pipeline) built from the same image',
      'and config, and start only the app in the Deployment.',
      '',
      'Not reported: Jobs, CronJobs and other objects that are not long-running workloads; init containers (see',
      '`admin-processes/migration-in-init-container`); a container whose command is a single command (a migration that',
      'is the whole command is the one-off process itself); the last command of a chain, which is taken to be the app;',
      'and commands with a template expression.',
      '',
      'An ORM told by the environment to change the schema as the app starts is a migration at every start too:',
      '`SPRING_JPA_HIBERNATE_DDL_AUTO` set to `update` (or `create`, `create-drop`: those drop tables and their data),',
      'Quarkus\'s `QUARKUS_HIBERNATE_ORM_DATABASE_GENERATION` likewise; `validate` and `none` are not reported. Run the',
      'schema change as a migration Job (Flyway, Liquibase) and set it to `validate`.',
    ].join('\n'),
    messages: {
      migration: '`{{command}}` runs on every start of container `{{container}}`; run migrations once per release as a Job.',
      schemaSwitch: '`{{name}}: {{value}}` makes container `{{container}}` change its schema on every start (it {{effect}}); set it to `validate` and run migrations once per release as a Job.',
    },
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind)) continue;
      for (const container of object.podSpec.containers) {
        for (const env of container.env) {
          const effect = schemaChangeAtStart(env.name, env.value);
          if (effect && env.valueRange) report({ messageId: 'schemaSwitch', data: { name: env.name, value: env.value!, container: container.name ?? '?', effect }, range: env.valueRange });
        }
        const command = containerCommand(source, container, object.doc);
        if (!command || command.templated || command.commands.length < 2) continue;
        // The last command is the long-running app; anything before it that migrates is start-up admin work.
        for (const simple of command.commands.slice(0, -1)) {
          if (!isMigrationCommand(simple)) continue;
          report({ messageId: 'migration', data: { command: commandSummary(simple), container: container.name ?? '?' }, range: simple.range });
        }
      }
    }
  },
});
