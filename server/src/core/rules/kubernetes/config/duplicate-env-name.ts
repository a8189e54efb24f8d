import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import { asSeq, valueOf } from '../../../kubernetes/yaml-nodes';
import { removeSeqItem } from '../../../kubernetes/yaml-edits';
import type { EnvEntry } from '../../../kubernetes/model';

export default defineKubernetesRule({
  meta: {
    id: 'config/duplicate-env-name',
    factor: 'config',
    defaultSeverity: 'warning',
    description: 'A container declares the same env variable twice; the later entry silently wins.',
    rationale: [
      'Config should be readable at a glance: one setting, one place. When `env` lists a name twice, Kubernetes keeps',
      'the last entry without a warning, so a reviewer who reads the first one (often a `secretKeyRef` added on purpose)',
      'sees a value that never reaches the process. Such duplicates usually appear when patches or copy-paste stack up.',
      '',
      'Keep a single entry per variable. The quick fix removes the earlier, overridden entry, which leaves the running',
      'behaviour unchanged.',
      '',
      'Not reported: the same name in different containers, and names containing a `{{ … }}` template expression. The',
      'quick fix is withheld (the finding stays) when an entry in between expands the earlier value with `$(NAME)`.',
    ].join('\n'),
    messages: {
      duplicate: '`{{name}}` is already set on line {{line}} of container `{{container}}`; this later entry wins and the earlier one is dead.',
    },
    fix: 'safe',
  },
  check({ model, source, report }) {
    for (const object of model.objects) {
      const pod = object.podSpec;
      if (!pod) continue;
      for (const container of pod.allContainers) {
        const seq = asSeq(valueOf(container.node, 'env', object.doc), object.doc);
        const seen = new Map<string, EnvEntry>();
        for (const env of container.env) {
          if (env.name.includes('{{')) continue;
          const earlier = seen.get(env.name);
          seen.set(env.name, env);
          if (!earlier) continue;
          // An entry in between that expands `$(NAME)` reads the earlier value: removing it would change that one.
          const between = container.env.slice(container.env.indexOf(earlier) + 1, container.env.indexOf(env));
          const expandsIt = between.some((e) => e.value?.includes(`$(${env.name})`));
          const edit = seq && !expandsIt ? removeSeqItem(source, seq, earlier.node as Node) : undefined;
          report({
            messageId: 'duplicate',
            data: { name: env.name, line: earlier.nameRange.start.line + 1, container: container.name ?? '?' },
            range: env.nameRange,
            fix: edit ? { title: `Remove the overridden earlier \`${env.name}\` entry`, edits: [edit] } : undefined,
          });
        }
      }
    }
  },
});
