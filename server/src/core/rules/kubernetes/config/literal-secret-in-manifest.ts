import { defineKubernetesRule } from '../../../rule';
import { isTemplated } from '../../../kubernetes/model';
import { literalSecretOf } from '../../../kubernetes/literal-secrets';
import { replacePair } from '../../../kubernetes/yaml-edits';

export default defineKubernetesRule({
  meta: {
    id: 'config/literal-secret-in-manifest',
    factor: 'config',
    defaultSeverity: 'error',
    description: 'A container env variable holds a literal secret (`value:`) instead of reading it from a Secret.',
    rationale: [
      'Config that differs between deploys, credentials above all, lives outside the code, and a manifest kept in Git',
      'is code: everyone with read access to the repository, its forks and its CI logs can read a password written',
      'into `env[].value`, and rotating it means a commit and a redeploy.',
      'A variable is judged by its name (`*_PASSWORD`, `*_TOKEN`, `*_API_KEY`…) and by the shape of its value (cloud',
      'keys, tokens, private keys, passwords inside URLs).',
      '',
      'Store the value in a Secret (created by your secret manager, Sealed Secrets or External Secrets) and reference',
      'it with `valueFrom.secretKeyRef`. kube-linter (read-secret-from-env-var) and Checkov (CKV_K8S_35) prefer secrets',
      'mounted as files; this linter recommends environment variables read from a Secret, the twelve-factor way: the app',
      'stays free of platform file paths, and the Secret object still keeps the value out of the manifest.',
      '',
      'Not reported: entries that use `valueFrom` (`secretKeyRef`, `configMapKeyRef`), templated values (Helm or other',
      '`{{ … }}` expressions), empty values, placeholders (`changeme`, `<token>`, `xxx`), file paths, references to',
      'other variables or secret stores, URLs without credentials, and values under names that do not look secret',
      'unless the value itself has a known secret shape. An env list shared by YAML alias is judged once. A',
      '`SECRET_KEY` (or `<PREFIX>_SECRET_KEY`) beside a `SECRET_NAME` (`<PREFIX>_SECRET_NAME`) of the same container names a',
      "key of that Secret (a bootstrap Job told which Secret and key to write): judged by its shape only, not by its name.",
    ].join('\n'),
    messages: {
      secret: '`{{name}}` holds a literal secret (`{{masked}}`, recognised by {{reason}}); read it from a Secret with `valueFrom.secretKeyRef`.',
    },
    fix: 'unsafe',
  },
  check({ model, source, report }) {
    const seenEnvLists = new Set<readonly unknown[]>();
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      const secretName = object.name && !isTemplated(object.name) ? `${object.name}-secrets` : undefined;
      for (const container of pod.allContainers) {
        // One `env: *shared` list aliased into many containers is one set of values at one place: judge it once.
        if (seenEnvLists.has(container.env)) continue;
        seenEnvLists.add(container.env);
        for (const env of container.env) {
          if (!env.valueRange || env.valueFrom) continue;
          const secret = literalSecretOf(env.name, env.value, container.env);
          if (!secret) continue;
          const edit =
            secretName && /^[-._a-zA-Z0-9]+$/.test(env.name)
              ? replacePair(source, env.node, 'value', `valueFrom:\n  secretKeyRef:\n    name: ${secretName}\n    key: ${env.name}\n`, object.doc)
              : undefined;
          report({
            messageId: 'secret',
            data: { name: env.name, masked: secret.masked, reason: secret.reason },
            range: env.valueRange,
            fix: edit && { title: `Read \`${env.name}\` from Secret \`${secretName}\` (create that Secret with key \`${env.name}\`)`, edits: [edit] },
          });
        }
      }
    }
  },
});
