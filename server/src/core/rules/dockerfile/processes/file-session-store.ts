import type { Instruction } from 'dockerfile-ast';
import { defineDockerfileRule } from '../../../rule';
import { propertiesOf } from '../../../dockerfile/model';
import { runtimeInstructions } from '../../../dockerfile/instructions';

const SESSION_VARIABLE = /^(SESSION_DRIVER|SESSION_STORE|SESSION_BACKEND|SESSION_TYPE|SESSION_STORAGE|SESSION_HANDLER)$/i;
const FILE_VALUE = /^(file|files|filesystem)$/i;
/** php.ini settings written by RUN or a COPY heredoc: a files handler, or a save_path that is a directory. */
const PHP_SESSION = /session\.save_handler\s*=\s*["']?files\b|session\.save_path\s*=\s*["']?(\d+;)?\//g;

export default defineDockerfileRule({
  meta: {
    id: 'processes/file-session-store',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'User sessions are configured to be stored in files on the container\'s disk.',
    rationale: [
      'Sessions kept in local files (`SESSION_DRIVER=file`, Django\'s file backend, PHP\'s default `files` handler) only',
      'exist in the container that created them: the next request may reach another replica and find the user logged',
      'out, and every deploy or reschedule logs everybody out. That forces sticky sessions, which break horizontal',
      'scaling.',
      '',
      'Store sessions in a backing service with a time-to-live (Redis, Memcached, the database) or in signed cookies,',
      'and attach it through config.',
      '',
      'Not reported: settings in build stages the final image does not inherit from, session variables set to anything',
      'other than `file`, `files` or `filesystem`, and PHP `session.save_path` values that are not a directory path (a',
      'Redis or Memcached address).',
    ].join('\n'),
    messages: {
      env: '`{{name}}={{value}}` keeps sessions on the container\'s disk; use a shared store (Redis, database) or signed cookies.',
      php: '`{{setting}}` keeps PHP sessions on the container\'s disk; use a shared handler (redis, memcached) attached through config.',
    },
  },
  check({ model, source, report }) {
    for (const instruction of runtimeInstructions(model)) {
      const keyword = instruction.getKeyword();
      if (keyword === 'ENV') {
        for (const v of propertiesOf(instruction)) {
          const value = v.value.trim();
          if ((SESSION_VARIABLE.test(v.name) && FILE_VALUE.test(value)) || (v.name === 'SESSION_ENGINE' && value === 'django.contrib.sessions.backends.file')) {
            report({ messageId: 'env', data: { name: v.name, value }, range: v.valueRange });
          }
        }
      } else if (keyword === 'RUN' || keyword === 'COPY') {
        scan(instruction);
      }
    }

    function scan(instruction: Instruction) {
      const range = instruction.getRange();
      const start = source.offsetAt(range.start);
      const text = source.text.slice(start, source.offsetAt(range.end));
      PHP_SESSION.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = PHP_SESSION.exec(text))) {
        // The setting name up to the end of its value word.
        const rest = /^[^\s"';&|]*/.exec(text.slice(m.index + m[0].length))?.[0] ?? '';
        const setting = (m[0] + rest).replace(/["']/g, '').replace(/\s+/g, ' ');
        report({ messageId: 'php', data: { setting }, range: source.rangeOf(start + m.index, start + m.index + m[0].length + rest.length) });
      }
    }
  },
});
