/**
 * Admin tasks a start command can run before the app: schema migrations, data seeding and cache warm-up, as the
 * common tools spell them. One list for a Dockerfile's start command and its entrypoint script and for a Kubernetes
 * container's command or init container, so that the targets agree on what a migration is.
 */
import type { ShellWord } from './shell';
import { baseName } from './instructions';

/** Django's options that make `migrate` report instead of apply. */
const REPORT_ONLY = new Set(['--check', '--plan']);

/** package.json scripts that apply migrations or seed (`migrate`, `db:migrate`, `migration:run`, `migrate:deploy` …). */
const PACKAGE_SCRIPT = /^(?:db:)?(?:migrate|migrations?|seed)(?::(?:run|up|deploy|latest|all|prod|production))?$|^(?:db:push|prisma:migrate)$/;

/** A script named for the task (`migrate.sh`, `./run-migrations`, `seed.py`). */
const TASK_SCRIPT = /^(?:migrate|seed|db-migrate|run-migrations)\.(?:sh|py|js)$|^(?:seed|run-migrations)$/;

/** The first word after `from` that is not an option, and its index. */
function operand(words: readonly ShellWord[], from: number): number {
  let i = from;
  while (i < words.length && words[i].value.startsWith('-')) i++;
  return i;
}

/**
 * The word that names an admin task in a command, or undefined. `words` start at the program (wrappers, runners
 * such as `bundle exec` or `npx` and assignments already left out, as `programWords` gives them); `program` is the
 * first word's base name, lower-cased.
 */
/**
 * A Symfony console task that changes the database or warms the cache: `doctrine:migrations:migrate`, `cache:warmup`,
 * and `doctrine:schema:update --force` (the schema made to fit the entities, with no migration at all; without
 * `--force` it only prints the SQL).
 */
function symfonyTask(words: readonly ShellWord[]): ShellWord | undefined {
  const task = words.find((w, i) => i > 0 && (w.value === 'doctrine:migrations:migrate' || w.value === 'cache:warmup'));
  if (task) return task;
  const update = words.find((w, i) => i > 0 && w.value === 'doctrine:schema:update');
  return update && words.some((w) => w.value === '--force' || w.value === '-f') ? update : undefined;
}

export function adminTaskWord(words: readonly ShellWord[], program: string): ShellWord | undefined {
  const value = (i: number) => words[i]?.value ?? '';
  const anyOf = (names: readonly string[]) => words.find((w, i) => i > 0 && names.includes(w.value));
  const sub = operand(words, 1);
  if (/^python[\d.]*$/.test(program) || program === 'manage.py' || program === 'django-admin') {
    // `python [-u] manage.py migrate`, `./manage.py migrate`, `django-admin migrate`.
    const command = program === 'manage.py' || program === 'django-admin' ? sub : value(sub).endsWith('manage.py') ? operand(words, sub + 1) : -1;
    if (command < 0 || !['migrate', 'loaddata', 'createcachetable'].includes(value(command))) return undefined;
    return words.some((w) => REPORT_ONLY.has(w.value)) ? undefined : words[command];
  }
  switch (program) {
    case 'alembic':
      return anyOf(['upgrade']);
    case 'flask':
      return value(sub) === 'db' && value(sub + 1) === 'upgrade' ? words[sub + 1] : undefined;
    case 'rails':
    case 'rake':
      return anyOf(['db:migrate', 'db:prepare', 'db:setup', 'db:seed', 'db:schema:load']);
    case 'prisma': {
      const next = value(sub + 1);
      return (value(sub) === 'migrate' && (next === 'deploy' || next === 'dev')) || (value(sub) === 'db' && (next === 'push' || next === 'seed')) ? words[sub + 1] : undefined;
    }
    case 'sequelize':
    case 'sequelize-cli':
      return anyOf(['db:migrate', 'db:seed', 'db:seed:all']);
    case 'knex':
      return anyOf(['migrate:latest', 'migrate:up', 'seed:run']);
    case 'typeorm':
    case 'typeorm-ts-node-commonjs':
    case 'typeorm-ts-node-esm':
      return anyOf(['migration:run']);
    case 'node-pg-migrate':
    case 'db-migrate':
    case 'goose':
      return anyOf(['up']);
    case 'migrate':
      // golang-migrate: `migrate -path ./migrations -database "$DB" up` (or `goto N`).
      return anyOf(['up', 'goto']);
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun': {
      const script = value(sub) === 'run' || value(sub) === 'run-script' ? operand(words, sub + 1) : sub;
      return PACKAGE_SCRIPT.test(value(script)) ? words[script] : undefined;
    }
    case 'flyway':
      return anyOf(['migrate']);
    case 'liquibase':
      return anyOf(['update']);
    case 'php':
      if (value(sub).endsWith('artisan')) return ['migrate', 'db:seed'].includes(value(sub + 1)) ? words[sub + 1] : undefined;
      return value(sub).endsWith('console') ? symfonyTask(words) : undefined;
    case 'artisan':
      return ['migrate', 'db:seed'].includes(value(sub)) ? words[sub] : undefined;
    case 'console':
      // Symfony's console, or an application's own script of that name (elekto's `./console --migrate`).
      return symfonyTask(words) ?? ownMigrateCommand(words, sub);
    case 'diesel':
    case 'sqlx':
      return value(sub) === 'migration' || value(sub) === 'migrate' ? (value(sub + 1) === 'run' ? words[sub + 1] : undefined) : undefined;
    case 'dotnet':
      return value(sub) === 'ef' && value(sub + 1) === 'database' && value(sub + 2) === 'update' ? words[sub + 2] : undefined;
    case 'mix':
      return anyOf(['ecto.migrate', 'ecto.setup']);
    default:
      if (TASK_SCRIPT.test(baseName(program))) return words[0];
      return ownMigrateCommand(words, sub);
  }
}

/** Programs whose `migrate` or `db upgrade` is no schema migration of an application's database. */
const NOT_AN_APP = new Set(['docker', 'podman', 'kubectl', 'helm', 'terraform', 'git', 'pip', 'apt-get', 'echo', 'printf']);

/**
 * An application's own migration command, by the verb that starts its arguments: `./fider migrate`, `gitea migrate`,
 * `hydra migrate sql -e`, `airflow db migrate`, `superset db upgrade`, or a `--migrate` flag (`./console --migrate`).
 * The tools above are read by their own spelling.
 */
function ownMigrateCommand(words: readonly ShellWord[], sub: number): ShellWord | undefined {
  if (NOT_AN_APP.has(baseName(words[0]?.value ?? '').toLowerCase())) return undefined;
  const verb = words[sub]?.value;
  if (verb === 'migrate') return words[sub];
  // The flag form of the same (elekto's `./console --migrate`).
  const flag = words.find((w, i) => i > 0 && w.value === '--migrate');
  if (flag) return flag;
  const next = words[sub + 1]?.value;
  return (verb === 'db' || verb === 'database') && (next === 'migrate' || next === 'upgrade') ? words[sub + 1] : undefined;
}
