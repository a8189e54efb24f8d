import { defineKubernetesRule, type KubernetesWorkspace } from '../../../rule';
import type { KubeObject } from '../../../kubernetes/model';
import { asMap, nodeAt, pairOf, scalarString, seqItems } from '../../../kubernetes/yaml-nodes';
import { autoscalersIn, autoscalersOf, locationOf, nearest } from '../../../kubernetes/selectors';
import { buildsOfObject, builtReplicas, type Build } from '../../../kubernetes/builds';
import { relationIndex } from '../../../kubernetes/relation-index';
import { folderOf } from '../../../applications';

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout', 'DeploymentConfig']);

/** The autoscaler that scales `workload` in a build of it that `keep` accepts, the nearest first. */
function scalerOf(workspace: KubernetesWorkspace, workload: KubeObject, keep: (tw: Build) => boolean): KubeObject | undefined {
  return nearest(autoscalersOf(workload, autoscalersIn(workspace), keep), workload)[0];
}

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/replicas-with-hpa',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A workload fixes `replicas` while an autoscaler owns its replica count.',
    rationale: [
      'Concurrency is the number of processes of each type, and with an autoscaler the platform sets that number from',
      'load. A `replicas` value in the manifest competes with it: every `kubectl apply` or GitOps sync resets the count',
      'to the written value, and the autoscaler then has to climb back, dropping capacity exactly during deploys.',
      '',
      'Remove `spec.replicas` when an HPA (or KEDA ScaledObject) targets the workload. With client-side apply, first',
      'drop the field from the last-applied configuration (`kubectl apply edit-last-applied`) so removal does not scale',
      'the workload to one replica. Helm templates are not judged: their guards are invisible here.',
      '',
      'A kustomization\'s `replicas:` field sets the count of the builds that run through it (the outermost entry that',
      'names the workload wins): where it does so in every build with an autoscaler, the entry is reported instead of',
      'the base\'s `spec.replicas`, which those builds replace. A patch that sets the count in a build (a patch file\'s',
      '`spec.replicas`, an inline patch aimed at the workload; a file of JSON 6902 operations may) replaces it too: the',
      'base is reported only in builds that keep its own count, and a patch file is judged as written.',
    ].join('\n'),
    messages: {
      replicas: '`replicas` is set, but {{scaler}} `{{name}}` scales this {{kind}}; remove it so deploys do not reset the autoscaled count.',
      kustomization: 'This build sets the replica count of {{kind}} `{{workload}}`, but {{scaler}} `{{name}}` scales it; remove the entry so deploys do not reset the autoscaled count.',
    },
  },
  check({ model, workspace, report }) {
    if (model.isHelmTemplate) return;
    // What sets a workload's count in a build (a `replicas:` entry, a patch), as the budget rule reads it.
    const setBy = (workload: KubeObject, tw: Build) => builtReplicas(workload, tw, relationIndex(workspace).objectsOfFile);
    for (const object of model.objects) {
      if (object.kind === 'Kustomization') {
        const doc = object.doc;
        const folder = folderOf(object.uri);
        for (const entry of seqItems(nodeAt(object.node, ['replicas'], doc), doc)) {
          const name = scalarString(nodeAt(entry, ['name'], doc), doc);
          const at = nodeAt(entry, ['count'], doc) ?? nodeAt(entry, ['name'], doc);
          const range = at && model.rangeOf(at);
          if (!name || !range) continue;
          // The workloads this entry counts in some build, where no outer kustomization counts them again.
          const decides = (workload: KubeObject) => (tw: Build) => {
            const { setting } = setBy(workload, tw);
            return setting !== undefined && setting.aimed === undefined && setting.folder === folder && setting.name === name;
          };
          let found: { workload: KubeObject; scaler: KubeObject } | undefined;
          for (const kind of SCALABLE) {
            for (const workload of workspace.named(kind, name)) {
              if (buildsOfObject(workload).length === 0) continue;
              const scaler = scalerOf(workspace, workload, decides(workload));
              if (scaler) found ??= { workload, scaler };
            }
          }
          if (!found) continue;
          const { workload, scaler } = found;
          report({
            messageId: 'kustomization',
            data: { kind: workload.kind, workload: name, scaler: scaler.kind, name: scaler.name ?? '?' },
            range,
            related: [locationOf(scaler, `the ${scaler.kind} that owns the replica count`), locationOf(workload, `the ${workload.kind} it counts`)],
          });
        }
        continue;
      }
      if (!SCALABLE.has(object.kind)) continue;
      const pair = pairOf(asMap(nodeAt(object.node, ['spec'], object.doc), object.doc), 'replicas', object.doc);
      if (!pair) continue;
      // Only the builds whose count is the object's own: a kustomization's `replicas:` entry or a patch replaces it in the others.
      const scaler = scalerOf(workspace, object, (tw) => {
        const { setting, patch } = setBy(object, tw);
        return !setting && !patch;
      });
      if (!scaler) continue;
      report({ messageId: 'replicas', data: { scaler: scaler.kind, name: scaler.name ?? '?', kind: object.kind }, range: model.rangeOf(pair)!, related: [locationOf(scaler, `the ${scaler.kind} that owns the replica count`)] });
    }
  },
});
