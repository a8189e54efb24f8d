import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { baseName, copyPaths, runtimeInstructions } from '../../../dockerfile/instructions';

const SQLITE_FILE = /\.(sqlite3?|db3?)$/i;
const SQLITE_URL = /^(sqlite(\+\w+)?:\/\/|jdbc:sqlite:|file:[^\s]*\.(sqlite3?|db)\b|Data Source=[^;]*\.(sqlite3?|db)\b)/i;

export default defineDockerfileRule({
  meta: {
    id: 'processes/sqlite-database-file',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'The application keeps its database in a local SQLite file inside the container.',
    rationale: [
      'A SQLite file is state on the local disk of one container. Each replica gets its own copy, writes vanish when',
      'the container is replaced, and a database file copied into the image ships yesterday\'s data with every release.',
      'Processes should be stateless and keep anything that must outlive a request in a backing service.',
      '',
      'Use a database server (PostgreSQL, MySQL, a managed service) attached through a `DATABASE_URL` set per deploy. For',
      'read-only reference data that is part of the release, name the file something other than a database (or suppress',
      'the finding with a reason).',
      '',
      'Not reported: settings and files in build stages the final image does not inherit from, variables whose name',
      'does not mention a database unless the value is a SQLite URL, values that contain `$` references, and globs in',
      '`COPY`/`ADD` sources.',
    ].join('\n'),
    messages: {
      env: '`{{name}}` points the app at a local SQLite database ({{value}}); use a database service attached through config.',
      copied: '`{{path}}` copies a SQLite database into the image, where its data is per container and lost on replacement; use a database service.',
    },
  },
  check({ model, report }) {
    for (const instruction of runtimeInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ENV') {
        for (const v of propertiesOf(instruction)) {
          const value = v.value.trim();
          const isDbName = /(DATABASE|DB|SQLITE)/i.test(v.name);
          // A path may carry the driver's options (`/data/homebox.db?_pragma=busy_timeout=2000&_fk=1`).
          if (SQLITE_URL.test(value) || (isDbName && /^[^\s$?]*\.(sqlite3?|db)(\?\S*)?$/i.test(value))) {
            report({ messageId: 'env', data: { name: v.name, value: value.length > 50 ? `${value.slice(0, 47)}...` : value }, range: v.valueRange });
          }
        }
      } else if (keyword === 'COPY' || keyword === 'ADD') {
        for (const source of copyPaths(model, instruction).sources) {
          if (SQLITE_FILE.test(baseName(source.value)) && !/[*?[]/.test(source.value)) report({ messageId: 'copied', data: { path: source.value }, range: source.range });
        }
      }
    }
  },
});
