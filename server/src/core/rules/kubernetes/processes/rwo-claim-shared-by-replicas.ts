import { defineKubernetesRule } from '../../../rule';
import { locationOf, nearest, sameNamespace } from '../../../kubernetes/selectors';
import { replicasOf } from '../../../kubernetes/pod-parts';
import { accessModesOf, maxReplicasOf, relationIndex, writableClaimsOf } from '../../../kubernetes/relation-index';
import { decodeUri } from '../../../uri';

const SCALED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const SINGLE_WRITER = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

/** The claim's file as the message names it; an editor's URI with a malformed escape (`%zz`) is named as written. */
function fileName(uri: string): string {
  return decodeUri(uri.slice(uri.lastIndexOf('/') + 1));
}

export default defineKubernetesRule({
  meta: {
    id: 'processes/rwo-claim-shared-by-replicas',
    factor: 'processes',
    defaultSeverity: 'warning',
    description: 'A ReadWriteOnce PersistentVolumeClaim is mounted by a workload that runs (or autoscales to) more than one replica, or by two workloads.',
    rationale: [
      'Processes share nothing: every replica must be interchangeable. A `ReadWriteOnce` volume can be attached to one',
      'node at a time (`ReadWriteOncePod`: one pod), so extra replicas on other nodes hang in `ContainerCreating`, rolling',
      'updates deadlock, and replicas that do start on the same node share files behind each other\'s backs.',
      'The claim is looked up across all known files, and the replica count includes a HorizontalPodAutoscaler. Two',
      'workloads that mount one such claim for writing (a web Deployment and its worker, each with one replica) are',
      'reported too: their pods run only while the scheduler happens to put them on the same node.',
      '',
      'Move the shared state to a backing service (database, object store). If each replica needs its own disk, use a',
      'StatefulSet with `volumeClaimTemplates`.',
    ].join('\n'),
    messages: {
      shared: '{{kind}} `{{workload}}` runs {{replicas}} but mounts `{{claim}}`, a {{mode}} claim{{where}} that its replicas cannot all attach; keep shared state in a backing service.',
      sharedWithWorkload: '{{kind}} `{{workload}}` mounts `{{claim}}`, a {{mode}} claim{{where}} that {{otherKind}} `{{other}}` mounts too: only pods on one node can attach it, so both must run on the same node; give each its own claim or keep shared state in a backing service.',
    },
  },
  check({ model, workspace, report }) {
    const relations = relationIndex(workspace);
    for (const object of model.objects) {
      if (!object.podSpec || !SCALED_KINDS.has(object.kind) || !object.name) continue;
      const hpa = nearest(relations.hpasTargeting(object), object)[0];
      const hpaMax = hpa && maxReplicasOf(hpa);
      const replicas = replicasOf(object);
      let replicasText: string | undefined;
      if (hpaMax !== undefined && hpaMax > 1) replicasText = `up to ${hpaMax} replicas (HorizontalPodAutoscaler \`${hpa!.name}\`)`;
      else if (replicas !== undefined && replicas > 1) replicasText = `${replicas} replicas`;
      for (const { claim, node } of writableClaimsOf(object)) {
        const range = model.rangeOf(node);
        if (!range) continue;
        const pvc = nearest(workspace.named('PersistentVolumeClaim', claim).filter((o) => sameNamespace(o, object)), object)[0];
        if (!pvc) continue; // unknown claim: its access mode is not ours to guess
        const modes = accessModesOf(pvc);
        if (modes.length === 0 || !modes.every((m) => SINGLE_WRITER.has(m))) continue;
        const where = pvc.uri === object.uri ? '' : ` (declared in ${fileName(pvc.uri)})`;
        if (replicasText) {
          report({ messageId: 'shared', data: { kind: object.kind, workload: object.name, replicas: replicasText, claim, mode: modes.join('/'), where }, range, related: [locationOf(pvc, 'the claim'), ...(hpa ? [locationOf(hpa, 'the autoscaler that adds replicas')] : [])] });
          continue;
        }
        // Another workload's pods mounting the same claim: one node attaches it (one pod, for ReadWriteOncePod).
        // A bare Pod next to it is most often a one-off task (a model export after training): not counted.
        const other = relations.workloadsMountingClaim(claim, object).find((o) => o !== object && SCALED_KINDS.has(o.kind) && (o.kind !== object.kind || o.name !== object.name));
        if (!other) continue;
        report({
          messageId: 'sharedWithWorkload',
          data: { kind: object.kind, workload: object.name, claim, mode: modes.join('/'), where, otherKind: other.kind, other: other.name ?? '?' },
          range,
          related: [locationOf(pvc, 'the claim'), locationOf(other, 'the other workload that mounts it')],
        });
      }
    }
  },
});
