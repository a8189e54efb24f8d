import { defineKubernetesRule } from '../../../rule';
import { isMap } from 'yaml';
import { isBuiltInApi, type KubeObject, type KubernetesModel } from '../../../kubernetes/model';
import { absenceKnowable, isPatchFragment, podsSelectedBy, sameNamespace, serviceSelector } from '../../../kubernetes/selectors';
import { asMap, nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';

/** API groups of custom resources known not to create pods (monitoring, ingress and certificate add-ons). */
const NO_PODS = /^(monitoring\.coreos\.com|cloud\.google\.com|networking\.gke\.io|gateway\.networking\.k8s\.io|cert-manager\.io|autoscaling\.k8s\.io|keda\.sh|monitoring\.googleapis\.com|net\.gke\.io|hub\.gke\.io|networking\.k8s\.io|policy|rbac\.authorization\.k8s\.io|storage\.k8s\.io|scheduling\.k8s\.io|autoscaling|security\.istio\.io|networking\.istio\.io|kustomize\.config\.k8s\.io|config\.kubernetes\.io)\//;

export function mayCreatePods(apiVersion: string): boolean {
  return !isBuiltInApi(apiVersion) && !NO_PODS.test(apiVersion) && apiVersion.includes('/');
}

/**
 * True when the file or the application holds a custom resource that may create pods and Services (an operator's
 * cluster object). Documents of the file are read directly: a custom kind written in lower case is no KubeObject.
 */
export function operatorMayProvide(model: KubernetesModel, objects: readonly KubeObject[], near: KubeObject): boolean {
  if (objects.some((o) => mayCreatePods(o.apiVersion) && sameNamespace(o, near))) return true;
  return model.documents.some((doc) => {
    const apiVersion = isMap(doc.contents) ? doc.contents.get('apiVersion') : undefined;
    return typeof apiVersion === 'string' && mayCreatePods(apiVersion);
  });
}

export default defineKubernetesRule({
  meta: {
    id: 'port-binding/service-selects-nothing',
    factor: 'port-binding',
    defaultSeverity: 'warning',
    description: 'A Service\'s selector matches no pod template of its application, so the port it exports reaches nothing.',
    rationale: [
      'The app exports its service by binding a port; the Service is how the platform routes to that port. A selector',
      'that no pod carries (a typo, a label renamed on the Deployment only) gives a Service with no endpoints: clients',
      'resolve its name and their connections are refused.',
      '',
      'Make the selector a subset of the pod template\'s labels. The rule only speaks when the application (the same',
      'file, Kustomize build, Helm chart or folder tree, see "Which objects relate to which") defines workloads in the',
      'Service\'s namespace and none of them matches, and stays silent when a custom resource there may create the',
      'pods (an operator\'s cluster object). Helm templates, files with a YAML syntax error and the objects of a Kustomize Component that no kustomization includes are not judged. Corresponds to kube-linter dangling-service',
      'and kube-score service-targets-pod.',
    ].join('\n'),
    messages: {
      nothing: 'The selector {{selector}} matches no pod template in this application (workloads here: {{known}}); the Service has no endpoints.',
    },
    anchors: [{ tool: 'kube-linter', id: 'dangling-service' }, { tool: 'kube-score', id: 'service-targets-pod' }],
  },
  check({ model, workspace, report }) {
    for (const service of model.objects) {
      if (!absenceKnowable(model, service)) continue;
      if (service.kind !== 'Service' || service.apiVersion !== 'v1') continue;
      if (scalarString(nodeAt(service.node, ['spec', 'type'], service.doc), service.doc) === 'ExternalName') continue;
      const selector = serviceSelector(service);
      if (!selector || podsSelectedBy(service, workspace.objects).length > 0) continue;
      const workloads = workspace.objects.filter((o) => o.podSpec && o.kind !== 'CronJob' && o.kind !== 'Job' && sameNamespace(o, service));
      if (workloads.length === 0 || workloads.some(isPatchFragment)) continue;
      if (operatorMayProvide(model, workspace.objects, service)) continue;
      const known = workloads.slice(0, 3).map((o) => `${o.kind} \`${o.name ?? '?'}\`${o.uri === service.uri ? '' : ` in ${o.uri.slice(o.uri.lastIndexOf('/') + 1)}`}`).join(', ') + (workloads.length > 3 ? ', …' : '');
      const range = model.keyRange(asMap(nodeAt(service.node, ['spec'], service.doc), service.doc), 'selector', service.doc);
      if (!range) continue;
      report({ messageId: 'nothing', data: { selector: Object.entries(selector).map(([k, v]) => `\`${k}: ${v}\``).join(', '), known }, range });
    }
  },
});
