import { defineKubernetesRule } from '../../../rule';
import { nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';
import { DEPRECATED_APIS } from '../../../kubernetes/api-versions';
import { autoscalerTargetOf } from '../../../kubernetes/selectors';


export default defineKubernetesRule({
  meta: {
    id: 'dev-prod-parity/deprecated-api-version',
    factor: 'dev-prod-parity',
    defaultSeverity: 'warning',
    description: 'An object uses (or an autoscaler\'s target names) an API version that Kubernetes no longer serves (`extensions/v1beta1`, `batch/v1beta1` CronJob, `autoscaling/v2beta2`, `policy/v1beta1`).',
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
      'An autoscaler\'s `scaleTargetRef` (HorizontalPodAutoscaler, KEDA ScaledObject) is checked the same way: the API',
      'server accepts an autoscaler whose target names `extensions/v1beta1` Deployment, but the controller cannot read',
      'that target\'s scale (`FailedGetScale`), so nothing scales and nothing fails at apply time.',
      '',
      'Not reported: API versions and kinds that are not on the built-in list of versions Kubernetes has stopped',
      'serving (versions that are merely deprecated but still served), and custom resources.',
    ].join('\n'),
    messages: {
      deprecated: '`{{apiVersion}}` {{kind}} is no longer served since Kubernetes {{removed}}; use `{{use}}`.',
      targetRef: 'The autoscaler\'s target is named as `{{apiVersion}}` {{kind}}, which is no longer served since Kubernetes {{removed}}: the controller cannot read its scale (FailedGetScale); use `{{use}}`.',
    },
    anchors: [{ tool: 'kube-score', id: 'stable-version' }, { tool: 'kube-linter', id: 'no-extensions-v1beta' }],
  },
  check({ model, report }) {
    for (const object of model.objects) {
      const entry = DEPRECATED_APIS[`${object.apiVersion} ${object.kind}`];
      const range = entry && model.rangeOf(nodeAt(object.node, ['apiVersion'], object.doc));
      if (range) report({ messageId: 'deprecated', data: { apiVersion: object.apiVersion, kind: object.kind, removed: entry.removed, use: entry.use }, range });
      // An autoscaler's target, named by a version no longer served.
      const target = autoscalerTargetOf(object);
      const apiVersion = target && scalarString(target.apiVersionNode, object.doc);
      const targetEntry = apiVersion !== undefined && target?.kind !== undefined ? DEPRECATED_APIS[`${apiVersion} ${target.kind}`] : undefined;
      const targetRange = targetEntry && model.rangeOf(target!.apiVersionNode);
      if (targetRange) report({ messageId: 'targetRef', data: { apiVersion: apiVersion!, kind: target!.kind!, removed: targetEntry.removed, use: targetEntry.use }, range: targetRange });
    }
  },
});
