import { isScalar, type Node, type Scalar } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { asMap, mapEntries, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { perWorkspace } from '../../../kubernetes/workspace-memo';
import type { Range } from '../../../types';
import { FRAMEWORK_ENVIRONMENTS, debugSwitchOff, debugSwitchOn } from '../../../debug-switches';

/** Variables whose value names a deployment environment, and the value a release should carry (when there is one). */
const ENVIRONMENT_VARIABLES: Readonly<Record<string, string | undefined>> = {
  ...FRAMEWORK_ENVIRONMENTS,
  APPLICATION_ENV: undefined,
  ENVIRONMENT: undefined,
  ENV: undefined,
  DEPLOY_ENV: undefined,
  STAGE: undefined,
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
      '',
      'The keys of a ConfigMap that a container of the application loads whole (`envFrom: [{configMapRef: {name: …}}]`,',
      'with its `prefix`) become env variables too, and are judged the same way, on the ConfigMap\'s line.',
    ].join('\n'),
    messages: {
      environment: '`{{name}}={{value}}` selects the `{{value}}` environment by name; supply the individual settings as config instead of an environment switch.',
      debug: '`{{name}}={{value}}` turns debug mode on in a deployed workload.',
    },
    fix: 'unsafe',
  },
  check({ model, workspace, report }) {
    const judge = (name: string, value: string, valueNode: unknown, range: Range): boolean => {
      const upper = name.toUpperCase();
      let messageId: string;
      let replacement: string | undefined;
      const off = debugSwitchOff(upper);
      if (off !== undefined) {
        if (!debugSwitchOn(upper, value)) return false;
        messageId = 'debug';
        // A boolean is written as a string, as env values must be.
        replacement = /^(?:true|false|0|1)$/i.test(off) ? `"${off}"` : off;
      } else if (Object.hasOwn(ENVIRONMENT_VARIABLES, upper)) {
        if (!NON_PRODUCTION.test(value)) return false;
        messageId = 'environment';
        const safe = ENVIRONMENT_VARIABLES[upper];
        if (safe) replacement = quoteLike(valueNode, safe);
      } else return false;
      report({
        messageId,
        data: { name, value },
        range,
        fix: replacement ? { title: `Set \`${name}\` to ${replacement.replace(/^"|"$/g, '')}`, edits: [{ range, newText: replacement }] } : undefined,
      });
      return true;
    };
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (pod) {
        for (const container of pod.containers) {
          for (const env of container.env) {
            if (env.value !== undefined && env.valueRange && !isTemplated(env.value)) judge(env.name, env.value, env.valueNode, env.valueRange);
          }
        }
      } else if (object.kind === 'ConfigMap' && object.name) {
        const prefixes = configMapsLoadedWhole(workspace).get(object.name);
        if (!prefixes) continue;
        for (const { key, pair } of mapEntries(valueOf(object.node, 'data', object.doc), object.doc)) {
          const value = scalarString(pair.value, object.doc);
          const range = model.rangeOf(pair.value as Node);
          if (value === undefined || !range || isTemplated(value)) continue;
          // One finding a key, under the first name that makes one (`DEBUG`, or `APP_DEBUG` under the prefix `APP_`).
          prefixes.some((prefix) => judge(prefix + key, value, pair.value, range));
        }
      }
    }
  },
});

/**
 * The ConfigMaps that containers of the workspace load whole as env variables (`envFrom: [{configMapRef: {name}}]`),
 * by name, with the prefixes they load them under (`''` for none).
 */
const configMapsLoadedWhole = perWorkspace((workspace) => {
  const loaded = new Map<string, string[]>();
  for (const object of workspace.objects) {
    for (const container of object.podSpec?.containers ?? []) {
      for (const item of seqItems(valueOf(container.node, 'envFrom', object.doc), object.doc)) {
        const source = asMap(item, object.doc);
        const name = scalarString(valueOf(asMap(valueOf(source, 'configMapRef', object.doc), object.doc), 'name', object.doc), object.doc);
        if (!name || isTemplated(name)) continue;
        const prefix = scalarString(valueOf(source, 'prefix', object.doc), object.doc) ?? '';
        const prefixes = loaded.get(name) ?? [];
        if (!prefixes.includes(prefix)) prefixes.push(prefix);
        loaded.set(name, prefixes);
      }
    }
  }
  return loaded;
});

/** Writes `value` with the same quoting as the scalar it replaces. */
function quoteLike(node: unknown, value: string): string {
  const type = isScalar(node) ? (node as Scalar).type : undefined;
  if (type === 'QUOTE_DOUBLE') return `"${value}"`;
  if (type === 'QUOTE_SINGLE') return `'${value}'`;
  return value;
}
