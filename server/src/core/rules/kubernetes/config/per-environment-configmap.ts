import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { mapEntries, nodeAt, valueOf } from '../../../kubernetes/yaml-nodes';

const ENV_WORDS = 'dev|develop|development|qa|uat|stage|staging|preprod|pre-prod|prod|production';
/** `app-config-prod`, `app-staging-config`, `dev-settings`. */
const ENV_NAME = new RegExp(`(^|[-.])(${ENV_WORDS})([-.]|$)`, 'i');
/** `application-prod.yml`, `appsettings.Production.json`, `config.staging.json`, `.env.development`, or a bare `production` key. */
const ENV_KEY = new RegExp(`([-._](${ENV_WORDS})\\.[a-z0-9]+$)|(^\\.env\\.(${ENV_WORDS})$)|(^(${ENV_WORDS})$)`, 'i');

export default defineKubernetesRule({
  meta: {
    id: 'config/per-environment-configmap',
    factor: 'config',
    defaultSeverity: 'info',
    description: 'A ConfigMap is named or keyed after a deployment environment (`*-prod`, `application-dev.yml`), grouping config into environments.',
    rationale: [
      'Config works best as independent, granular settings that each deploy supplies, not as named bundles such as',
      '"dev", "staging" and "prod". Bundles multiply with every new environment, drift apart silently, and tempt the',
      'app to decide what to load from an environment name.',
      'A ConfigMap named `app-prod`, or one that carries `application-dev.yml` next to `application-prod.yml`, is such',
      'a bundle.',
      '',
      'Give each deploy one ConfigMap of plain settings under a neutral name (Kustomize overlays or Helm values supply',
      'the per-deploy values) and let the app read each setting individually.',
      '',
      'Not reported: objects other than `v1` ConfigMaps, templated names, and names or `data` keys that do not contain',
      'an environment word (dev, qa, uat, staging, preprod, prod …) as a separate part. A ConfigMap reported for its',
      'name is not reported again for its keys.',
    ].join('\n'),
    messages: {
      name: 'ConfigMap `{{name}}` is named after the `{{environment}}` environment; keep one neutrally named set of settings that each deploy fills in.',
      key: 'ConfigMap `{{name}}` keeps settings for the `{{environment}}` environment under `{{key}}`; supply individual settings per deploy instead of per-environment bundles.',
    },
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') continue;
      const name = object.name;
      if (name && !isTemplated(name)) {
        const m = ENV_NAME.exec(name);
        const range = model.rangeOf(nodeAt(object.node, ['metadata', 'name'], object.doc));
        if (m && range) {
          report({ messageId: 'name', data: { name, environment: m[2] }, range });
          continue; // one finding per ConfigMap: its keys tell the same story
        }
      }
      for (const { key, pair } of mapEntries(valueOf(object.node, 'data', object.doc), object.doc)) {
        const m = ENV_KEY.exec(key);
        const range = model.rangeOf(pair.key as Node);
        if (!m || !range) continue;
        const environment = m[2] ?? m[4] ?? m[6];
        report({ messageId: 'key', data: { name: name ?? '?', key, environment }, range });
      }
    }
  },
});
