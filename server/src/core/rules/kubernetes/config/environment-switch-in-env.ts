import { isScalar, type Scalar } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { debugSwitchOff, debugSwitchOn } from '../../../debug-switches';

/** Variables whose value names a deployment environment, and the value a release should carry (when there is one). */
const ENVIRONMENT_VARIABLES: Record<string, string | undefined> = {
  NODE_ENV: 'production',
  RAILS_ENV: 'production',
  RACK_ENV: 'production',
  FLASK_ENV: 'production',
  MIX_ENV: 'prod',
  ASPNETCORE_ENVIRONMENT: 'Production',
  DOTNET_ENVIRONMENT: 'Production',
  APP_ENV: undefined,
  APPLICATION_ENV: undefined,
  ENVIRONMENT: undefined,
  ENV: undefined,
  DEPLOY_ENV: undefined,
  STAGE: undefined,
  SPRING_PROFILES_ACTIVE: undefined,
  QUARKUS_PROFILE: undefined,
  MICRONAUT_ENVIRONMENTS: undefined,
  DJANGO_SETTINGS_MODULE: undefined,
};
const NON_PRODUCTION = /(^|[^a-z])(dev|develop|development|local|test|testing|qa|uat|stage|staging|sandbox|debug)([^a-z]|$)/i;

export default defineKubernetesRule({
  meta: {
    id: 'config/environment-switch-in-env',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'An env variable selects a named non-production environment (`NODE_ENV=development`, `SPRING_PROFILES_ACTIVE=dev`) or turns debug mode on.',
    rationale: [
      'Twelve-factor config is a set of independent settings, each supplied by the deploy; it is not a bundle chosen by',
      'the name of an environment. A variable such as `APP_ENV=staging` or a `dev` profile makes the code pick a',
      'pre-packaged group of settings, so every new environment needs a code change and staging quietly differs from',
      'production in ways nobody reviews. Debug switches (`DEBUG=true`, `FLASK_DEBUG=1`) leak internals and slow the app.',
      '',
      'Set the individual values as env variables (from ConfigMaps and Secrets) and run framework switches in their',
      'production mode everywhere (`NODE_ENV=production`). Production values are not reported. The debug switches are',
      'the ones the Dockerfile and serverless rules know, a product\'s `…_DEV_MODE` among them (`HASURA_GRAPHQL_DEV_MODE`).',
    ].join('\n'),
    messages: {
      environment: '`{{name}}={{value}}` selects the `{{value}}` environment by name; supply the individual settings as config instead of an environment switch.',
      debug: '`{{name}}={{value}}` turns debug mode on in a deployed workload.',
    },
    fix: 'unsafe',
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.containers) {
        for (const env of container.env) {
          const value = env.value;
          if (value === undefined || !env.valueRange || isTemplated(value)) continue;
          const name = env.name.toUpperCase();
          let messageId: string | undefined;
          let replacement: string | undefined;
          const off = debugSwitchOff(name);
          if (off !== undefined) {
            if (!debugSwitchOn(name, value)) continue;
            messageId = 'debug';
            // A boolean is written as a string, as env values must be.
            replacement = /^(?:true|false|0|1)$/i.test(off) ? `"${off}"` : off;
          } else if (name in ENVIRONMENT_VARIABLES) {
            if (!NON_PRODUCTION.test(value)) continue;
            messageId = 'environment';
            const safe = ENVIRONMENT_VARIABLES[name];
            if (safe) replacement = quoteLike(env.valueNode, safe);
          } else continue;
          report({
            messageId,
            data: { name: env.name, value },
            range: env.valueRange,
            fix: replacement ? { title: `Set \`${env.name}\` to ${replacement.replace(/^"|"$/g, '')}`, edits: [{ range: env.valueRange, newText: replacement }] } : undefined,
          });
        }
      }
    }
  },
});

/** Writes `value` with the same quoting as the scalar it replaces. */
function quoteLike(node: unknown, value: string): string {
  const type = isScalar(node) ? (node as Scalar).type : undefined;
  if (type === 'QUOTE_DOUBLE') return `"${value}"`;
  if (type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}
