import { defineServerlessRule } from '../../../rule';

/** Debug switches of frameworks and libraries used on Lambda. */
const DEBUG_NAMES = /^(DEBUG|APP_DEBUG|FLASK_DEBUG|DJANGO_DEBUG|POWERTOOLS_DEV)$/i;
const ON = /^(true|1|yes|on)$/i;

export default defineServerlessRule({
  meta: {
    id: 'dev-prod-parity/debug-switch-in-function-env',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'A Lambda environment variable turns a debug or development mode on in the template (`DEBUG: true`, `POWERTOOLS_DEV: true`).',
    rationale: [
      'A debug switch written into the template is deployed to every stage, production included: the function behaves',
      'differently from what was tested, may leak internals in its responses and logs (stack traces, pretty-printed',
      'events), and runs slower.',
      '',
      'Leave debug modes off in the template and turn them on for one stage through a parameter when needed.',
      '',
      'Not reported: variables other than `DEBUG`, `APP_DEBUG`, `FLASK_DEBUG`, `DJANGO_DEBUG` and `POWERTOOLS_DEV`,',
      'values that do not switch the mode on (`false`, `0`), and values taken from a parameter or intrinsic function.',
      '`DEBUG: "*"` is reported: it switches on the debug output of every library that uses Node\'s `debug` package; a',
      'list of namespaces (`DEBUG: "app:*"`) is a choice of what to log and is not.',
    ].join('\n'),
    messages: {
      debug: '`{{name}}: {{value}}` turns a debug mode on for {{functions}} in every stage; make it a parameter that defaults to off.',
    },
  },
  check({ model, report }) {
    for (const fn of model.functions) {
      for (const env of fn.environment) {
        const value = env.literal?.trim();
        // `DEBUG: "*"` turns on every namespace of Node's `debug` package (every library's debug output).
        const on = value !== undefined && (ON.test(value) || (value === '*' && env.name.toUpperCase() === 'DEBUG'));
        if (value && on && DEBUG_NAMES.test(env.name)) report({ messageId: 'debug', data: { name: env.name, value, functions: model.namesTaking(fn, env) }, range: env.range });
      }
    }
  },
});
