import { defineKubernetesRule } from '../../../rule';
import { isTemplated, type KubeObject } from '../../../kubernetes/model';
import { autoscalersIn, autoscalersOf, locationOf, nearest } from '../../../kubernetes/selectors';
import { relationIndex } from '../../../kubernetes/relation-index';
import { mapEntries, nodeAt, scalarNumber, scalarString } from '../../../kubernetes/yaml-nodes';

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
      'Allow at least one pod to go: `maxUnavailable: 1`, or a `minAvailable` below the number of replicas. Budgets',
      'whose workload is scaled by an autoscaler are judged only on `maxUnavailable`, since the replica count moves.',
      '',
      'Not reported: objects other than `policy/*` PodDisruptionBudgets; templated `maxUnavailable` or `minAvailable`',
      'values; a non-zero `maxUnavailable`; a numeric `minAvailable` when the budget has no `matchLabels` selector, no',
      'matching Deployment, StatefulSet, ReplicaSet or ReplicationController is found, the workload is autoscaled, or',
      'its replica count is templated; and `minAvailable` percentages below 100%.',
    ].join('\n'),
    messages: {
      maxUnavailableZero: '`maxUnavailable: {{value}}` lets no pod of `{{name}}` be evicted, so nodes running them cannot be drained; allow at least one.',
      minAvailableAll: '`minAvailable: {{value}}` equals the {{replicas}} replica(s) of {{kind}} `{{workload}}`: no pod can ever be evicted; keep it below the replica count.',
      minAvailableHundred: '`minAvailable: 100%` lets no pod of `{{name}}` be evicted, so nodes running them cannot be drained; use a lower share.',
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
      if (minCount === undefined) continue;
      const selector = labelsAt(pdb, ['spec', 'selector', 'matchLabels']);
      if (Object.keys(selector).length === 0) continue;
      const protectedWorkloads = relationIndex(workspace).workloadsMatching(selector, REPLICATED_KINDS, pdb);
      for (const workload of nearest(protectedWorkloads, pdb)) {
        // An autoscaled workload has no fixed count to compare with.
        if (autoscalersOf(workload, autoscalersIn(workspace)).length > 0) continue;
        const replicasNode = nodeAt(workload.node, ['spec', 'replicas'], workload.doc);
        if (replicasNode && scalarNumber(replicasNode, workload.doc) === undefined) continue; // templated or odd: unknown
        const replicas = replicasNode ? scalarNumber(replicasNode, workload.doc)! : 1;
        if (minCount >= replicas) {
          report({ messageId: 'minAvailableAll', data: { value: minCount, replicas, kind: workload.kind, workload: workload.name ?? '?' }, range: model.rangeOf(minNode)!, related: [locationOf(workload, 'the protected workload')] });
        }
      }
    }
  },
});
