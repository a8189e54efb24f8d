import { defineKubernetesRule } from '../../../rule';
import { nodeAt } from '../../../kubernetes/yaml-nodes';

/** `apiVersion kind` → the stable replacement and the Kubernetes release that stopped serving the old one. */
const DEPRECATED: Record<string, { use: string; removed: string }> = {
  'extensions/v1beta1 Deployment': { use: 'apps/v1', removed: '1.16' },
  'extensions/v1beta1 DaemonSet': { use: 'apps/v1', removed: '1.16' },
  'extensions/v1beta1 ReplicaSet': { use: 'apps/v1', removed: '1.16' },
  'extensions/v1beta1 NetworkPolicy': { use: 'networking.k8s.io/v1', removed: '1.16' },
  'extensions/v1beta1 PodSecurityPolicy': { use: 'policy/v1beta1 (itself removed in 1.25)', removed: '1.16' },
  'extensions/v1beta1 Ingress': { use: 'networking.k8s.io/v1', removed: '1.22' },
  'apps/v1beta1 Deployment': { use: 'apps/v1', removed: '1.16' },
  'apps/v1beta2 Deployment': { use: 'apps/v1', removed: '1.16' },
  'apps/v1beta1 StatefulSet': { use: 'apps/v1', removed: '1.16' },
  'apps/v1beta2 StatefulSet': { use: 'apps/v1', removed: '1.16' },
  'apps/v1beta2 DaemonSet': { use: 'apps/v1', removed: '1.16' },
  'apps/v1beta2 ReplicaSet': { use: 'apps/v1', removed: '1.16' },
  'networking.k8s.io/v1beta1 Ingress': { use: 'networking.k8s.io/v1', removed: '1.22' },
  'networking.k8s.io/v1beta1 IngressClass': { use: 'networking.k8s.io/v1', removed: '1.22' },
  'batch/v1beta1 CronJob': { use: 'batch/v1', removed: '1.25' },
  'batch/v2alpha1 CronJob': { use: 'batch/v1', removed: '1.21' },
  'autoscaling/v2beta1 HorizontalPodAutoscaler': { use: 'autoscaling/v2', removed: '1.25' },
  'autoscaling/v2beta2 HorizontalPodAutoscaler': { use: 'autoscaling/v2', removed: '1.26' },
  'policy/v1beta1 PodDisruptionBudget': { use: 'policy/v1', removed: '1.25' },
  'policy/v1beta1 PodSecurityPolicy': { use: 'Pod Security Admission (no replacement object)', removed: '1.25' },
  'rbac.authorization.k8s.io/v1beta1 Role': { use: 'rbac.authorization.k8s.io/v1', removed: '1.22' },
  'rbac.authorization.k8s.io/v1beta1 RoleBinding': { use: 'rbac.authorization.k8s.io/v1', removed: '1.22' },
  'rbac.authorization.k8s.io/v1beta1 ClusterRole': { use: 'rbac.authorization.k8s.io/v1', removed: '1.22' },
  'rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding': { use: 'rbac.authorization.k8s.io/v1', removed: '1.22' },
  'apiextensions.k8s.io/v1beta1 CustomResourceDefinition': { use: 'apiextensions.k8s.io/v1', removed: '1.22' },
  'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration': { use: 'admissionregistration.k8s.io/v1', removed: '1.22' },
  'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration': { use: 'admissionregistration.k8s.io/v1', removed: '1.22' },
  'scheduling.k8s.io/v1beta1 PriorityClass': { use: 'scheduling.k8s.io/v1', removed: '1.22' },
  'storage.k8s.io/v1beta1 CSIDriver': { use: 'storage.k8s.io/v1', removed: '1.22' },
  'storage.k8s.io/v1beta1 StorageClass': { use: 'storage.k8s.io/v1', removed: '1.22' },
  'storage.k8s.io/v1beta1 CSIStorageCapacity': { use: 'storage.k8s.io/v1', removed: '1.27' },
  'discovery.k8s.io/v1beta1 EndpointSlice': { use: 'discovery.k8s.io/v1', removed: '1.25' },
  'events.k8s.io/v1beta1 Event': { use: 'events.k8s.io/v1', removed: '1.25' },
  'node.k8s.io/v1beta1 RuntimeClass': { use: 'node.k8s.io/v1', removed: '1.25' },
  'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema': { use: 'flowcontrol.apiserver.k8s.io/v1', removed: '1.29' },
  'flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration': { use: 'flowcontrol.apiserver.k8s.io/v1', removed: '1.29' },
};

export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/deprecated-api-version',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'An object uses an API version that Kubernetes no longer serves (`extensions/v1beta1`, `batch/v1beta1` CronJob, `autoscaling/v2beta2`, `policy/v1beta1`).',
    rationale: [
      'Keeping environments alike includes the platform: a manifest that only an old cluster accepts works on the',
      'developer\'s long-lived local cluster and fails on a current production cluster (or the other way round), and',
      'the two environments drift apart to keep it working.',
      '',
      'Move to the stable API version named in the message; most objects need no other change (an Ingress backend and',
      'a few fields changed shape in `networking.k8s.io/v1`). The list of retired versions is data in the rule, taken',
      'from the Kubernetes deprecation guide. Corresponds to kube-score stable-version and kube-linter',
      'no-extensions-v1beta.',
      '',
      'Not reported: API versions and kinds that are not on the built-in list of versions Kubernetes has stopped',
      'serving (versions that are merely deprecated but still served), and custom resources.',
    ].join('\n'),
    messages: {
      deprecated: '`{{apiVersion}}` {{kind}} is no longer served since Kubernetes {{removed}}; use `{{use}}`.',
    },
    anchors: [{ tool: 'kube-score', id: 'stable-version' }, { tool: 'kube-linter', id: 'no-extensions-v1beta' }],
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const entry = DEPRECATED[`${object.apiVersion} ${object.kind}`];
      if (!entry) continue;
      const range = model.rangeOf(nodeAt(object.node, ['apiVersion'], object.doc));
      if (range) report({ messageId: 'deprecated', data: { apiVersion: object.apiVersion, kind: object.kind, removed: entry.removed, use: entry.use }, range });
    }
  },
});
