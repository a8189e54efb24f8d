import { defineServerlessRule } from '../../../rule';
import { debugSwitchOff, debugSwitchOn } from '../../../debug-switches';


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
      'The switches are the ones the Dockerfile and Kubernetes rules know: `DEBUG`, `APP_DEBUG`, `FLASK_DEBUG`,',
      '`DJANGO_DEBUG`, `YII_DEBUG`, `WP_DEBUG`, `RAILS_DEBUG`, `POWERTOOLS_DEV`, `GIN_MODE=debug`, and a product\'s',
      '`…_DEV_MODE` or `…_DEBUG_MODE` (`HASURA_GRAPHQL_DEV_MODE`).',
      '',
      'Not reported: other variables, values that do not switch the mode on (`false`, `0`), and values taken from a',
      'parameter or intrinsic function.',
      '`DEBUG: "*"` is reported: it switches on the debug output of every library that uses Node\'s `debug` package; a',
      'list of namespaces (`DEBUG: "app:*"`) is a choice of what to log and is not.',
    ].join('\n'),
    messages: {
      debug: '`{{name}}: {{value}}` turns a debug mode on for {{functions}} in every stage; make it a parameter that defaults to off.',
    },
  },
  check({ model, report }) {
    for (const taker of model.environmentTakers()) {
      for (const env of taker.environment) {
        const value = env.literal?.trim();
        // `DEBUG: "*"` turns on every namespace of Node's `debug` package (every library's debug output).
        const on = value !== undefined && (debugSwitchOn(env.name, value) || (value === '*' && env.name.toUpperCase() === 'DEBUG'));
        if (value && on && debugSwitchOff(env.name) !== undefined) report({ messageId: 'debug', data: { name: env.name, value, functions: taker.names(env) }, range: env.range });
      }
    }
  },
});
