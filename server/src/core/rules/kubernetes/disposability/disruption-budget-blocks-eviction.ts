import { defineKubernetesRule } from '../../../rule';
import { isTemplated, type KubeObject } from '../../../kubernetes/model';
import { autoscalersIn, autoscalersOf, locationOf, nearest } from '../../../kubernetes/selectors';
import { relationIndex } from '../../../kubernetes/relation-index';
import { mapEntries, nodeAt, scalarNumber, scalarString } from '../../../kubernetes/yaml-nodes';
import { buildPath, buildsOfObject, builtReplicas, type Build } from '../../../kubernetes/builds';

/** Workload kinds whose pods a PodDisruptionBudget usually protects, with a replica count. */
const REPLICATED_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

function labelsAt(object: KubeObject, path: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, pair } of mapEntries(nodeAt(object.node, path, object.doc), object.doc)) {
    const value = scalarString(pair.value, object.doc);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export default defineKubernetesRule({
  meta: {
    id: 'disposability/disruption-budget-blocks-eviction',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'A PodDisruptionBudget allows no voluntary disruption at all, so its pods can never be drained or moved.',
    rationale: [
      'Disposable processes can be stopped and started elsewhere at any moment: that is what lets the platform drain',
      'a node, upgrade the cluster or rebalance load. A PodDisruptionBudget with `maxUnavailable: 0`, or a',
      '`minAvailable` as large as the replica count (or `100%`), forbids every voluntary eviction: `kubectl drain`',
      'hangs and node upgrades stall until someone deletes the budget by hand.',
      '',
      'The same happens to an autoscaled workload whenever its HorizontalPodAutoscaler scales it down to `minReplicas`:',
      'a `minAvailable` at or above that floor blocks every drain during quiet hours, exactly when maintenance runs.',
      '',
      'Allow at least one pod to go: `maxUnavailable: 1`, or a `minAvailable` below the number of replicas (below the',
      'autoscaler\'s `minReplicas` when one scales the workload). A percentage is rounded up, as the disruption controller',
      'does: `minAvailable: 80%` of 3 replicas keeps all 3.',
      '',
      'A workload that Kustomize builds is judged with the count each build gives it: a `replicas:` entry of a',
      'kustomization, or a patch file that sets `spec.replicas`, replaces the count the base writes. The budget is',
      'reported when some build keeps every pod, and the finding names that build and its count.',
      '',
      'Not reported: objects other than `policy/*` PodDisruptionBudgets; templated `maxUnavailable` or `minAvailable`',
      'values; a non-zero `maxUnavailable`; a `minAvailable` when the budget has no `matchLabels` selector, no matching',
      'Deployment, StatefulSet, ReplicaSet or ReplicationController is found, or its replica count (or the autoscaler\'s',
      '`minReplicas`) is templated; workloads scaled by a KEDA ScaledObject (which may scale to zero); and a',
      '`minAvailable` that leaves at least one pod free at the replica count or the autoscaler\'s floor.',
      'Corresponds to Polaris pdbMinAvailableGreaterThanHPAMinReplicas and pdbDisruptionsIsZero, and kube-linter',
      'pdb-min-available and pdb-max-unavailable.',
    ].join('\n'),
    anchors: [
      { tool: 'Polaris', id: 'pdbMinAvailableGreaterThanHPAMinReplicas' },
      { tool: 'Polaris', id: 'pdbDisruptionsIsZero' },
      { tool: 'kube-linter', id: 'pdb-max-unavailable' },
      { tool: 'kube-linter', id: 'pdb-min-available' },
    ],
    messages: {
      maxUnavailableZero: '`maxUnavailable: {{value}}` lets no pod of `{{name}}` be evicted, so nodes running them cannot be drained; allow at least one.',
      minAvailableAll: '`minAvailable: {{value}}` {{keeps}} of {{kind}} `{{workload}}`: no pod can ever be evicted; keep it below the replica count.',
      minAvailableAllInBuild: '`minAvailable: {{value}}` {{keeps}} that the build of `{{build}}` gives {{kind}} `{{workload}}`: no pod can ever be evicted there; keep it below the replica count.',
      minAvailableHundred: '`minAvailable: 100%` lets no pod of `{{name}}` be evicted, so nodes running them cannot be drained; use a lower share.',
      minAvailableHpaFloor: '`minAvailable: {{value}}` keeps every pod of {{kind}} `{{workload}}` once autoscaler `{{hpa}}` scales it down to its `minReplicas: {{floor}}`: no pod can be evicted then; keep it below the autoscaler\'s floor.',
    },
  },
  check({ model, workspace, report }) {
    for (const pdb of model.objects) {
      if (pdb.kind !== 'PodDisruptionBudget' || !/^policy\//.test(pdb.apiVersion)) continue;
      const spec = nodeAt(pdb.node, ['spec'], pdb.doc);
      const maxNode = nodeAt(spec, ['maxUnavailable'], pdb.doc);
      const minNode = nodeAt(spec, ['minAvailable'], pdb.doc);
      const max = scalarString(maxNode, pdb.doc);
      const min = scalarString(minNode, pdb.doc);
      const name = pdb.name ?? '?';
      if (max !== undefined && !isTemplated(max)) {
        if (/^0%?$/.test(max.trim())) report({ messageId: 'maxUnavailableZero', data: { value: max, name }, range: model.rangeOf(maxNode)! });
        continue;
      }
      if (min === undefined || isTemplated(min)) continue;
      if (min.trim() === '100%') {
        report({ messageId: 'minAvailableHundred', data: { name }, range: model.rangeOf(minNode)! });
        continue;
      }
      const minCount = scalarNumber(minNode, pdb.doc);
      const percent = /^(\d{1,3})%$/.exec(min.trim());
      if (minCount === undefined && !percent) continue;
      // Pods the budget keeps at `replicas` pods: a percentage rounds up, as the disruption controller does.
      const required = (replicas: number) => (minCount !== undefined ? minCount : Math.ceil((Number(percent![1]) * replicas) / 100));
      const selector = labelsAt(pdb, ['spec', 'selector', 'matchLabels']);
      if (Object.keys(selector).length === 0) continue;
      const index = relationIndex(workspace);
      const protectedWorkloads = index.workloadsMatching(selector, REPLICATED_KINDS, pdb);
      for (const workload of nearest(protectedWorkloads, pdb)) {
        if (autoscalersOf(workload, autoscalersIn(workspace)).length > 0) {
          // An autoscaled workload can shrink to its autoscaler's floor: judge the budget there (HPAs only;
          // a KEDA ScaledObject may scale to zero, where no pod is left to evict).
          for (const hpa of index.hpasTargeting(workload)) {
            if (!/^autoscaling\//.test(hpa.apiVersion)) continue;
            const floorNode = nodeAt(hpa.node, ['spec', 'minReplicas'], hpa.doc);
            const floor = floorNode ? scalarNumber(floorNode, hpa.doc) : 1;
            if (floor === undefined || floor < 1) continue;
            if (required(floor) >= floor) {
              report({
                messageId: 'minAvailableHpaFloor',
                data: { value: min, floor, hpa: hpa.name ?? '?', kind: workload.kind, workload: workload.name ?? '?' },
                range: model.rangeOf(minNode)!,
                related: [locationOf(hpa, 'the autoscaler and its minReplicas'), locationOf(workload, 'the protected workload')],
              });
              break;
            }
          }
          continue;
        }
        // Each build with the count it gives the workload (a `replicas:` entry, a patch), or the workload as written when
        // nothing builds it: the first that keeps every pod. A templated or odd count is unknown.
        const builds: readonly Build[] = buildsOfObject(workload).length > 0 ? buildsOfObject(workload) : [undefined];
        for (const t of builds) {
          const { count, patch, setting } = builtReplicas(workload, t, index.objectsOfFile);
          if (count === undefined || count < 1 || required(count) < count) continue;
          report({
            // The build is named when it sets the count; a count the workload writes itself is the workload's.
            messageId: t && (patch || setting) ? 'minAvailableAllInBuild' : 'minAvailableAll',
            data: { value: min, keeps: keptPods(required(count), count), build: t ? buildPath(t, pdb.uri) : '', kind: workload.kind, workload: workload.name ?? '?' },
            range: model.rangeOf(minNode)!,
            related: [locationOf(workload, 'the protected workload'), ...(patch ? [locationOf(patch, 'the patch that sets its replicas')] : [])],
          });
          break;
        }
      }
    }
  },
});

/**
 * What a budget that leaves no pod to evict does to `replicas` pods when it requires `required` of them: `keeps the only
 * pod`, `keeps all 3 pods`, or, asking for more than run (kasbench's `minAvailable: 2` on one Hazelcast pod), `asks
 * for more available pods than the 1 pod`.
 */
function keptPods(required: number, replicas: number): string {
  const pods = `${replicas} ${replicas === 1 ? 'pod' : 'pods'}`;
  if (required > replicas) return `asks for more available pods than the ${pods}`;
  return replicas === 1 ? 'keeps the only pod' : `keeps all ${pods}`;
}
