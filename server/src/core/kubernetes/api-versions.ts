/**
 * The built-in API versions, as the Kubernetes model and the rules read them: which `apiVersion kind` pairs a cluster
 * no longer serves (and what replaces them), and which version each built-in kind is served under today.
 */

/** `apiVersion kind` → the stable replacement and the Kubernetes release that stopped serving the old one. */
export const DEPRECATED_APIS: Record<string, { use: string; removed: string }> = {
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

/** Built-in kinds never served under another version than these (the deprecations above give the rest). */
const ALWAYS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  PersistentVolumeClaim: 'v1',
  ServiceAccount: 'v1',
  Job: 'batch/v1',
};

const CURRENT: Record<string, string> = { ...ALWAYS };
for (const [key, { use }] of Object.entries(DEPRECATED_APIS)) {
  // Only a replacement that is itself an API version (`apps/v1`), not advice (`Pod Security Admission …`).
  if (/^[a-z0-9.]+\/v\d+$|^v\d+$/.test(use)) CURRENT[key.slice(key.indexOf(' ') + 1)] = use;
}

/** The version a built-in kind is served under today (`Deployment` → `apps/v1`), or undefined for other kinds. */
export function currentApiVersion(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(CURRENT, kind) ? CURRENT[kind] : undefined;
}
