import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi, isTemplated } from '../../../kubernetes/model';
import { autoscalersIn, autoscalersOf, matchesLabels, sameNamespace, servicesSelecting } from '../../../kubernetes/selectors';
import { matchLabelsOf } from '../../../kubernetes/relation-index';
import { isFragment } from '../../../kubernetes/pod-parts';
import { asMap, nodeAt, pairOf, scalarNumber } from '../../../kubernetes/yaml-nodes';

const KINDS = new Set(['Deployment', 'StatefulSet']);

export default defineKubernetesRule({
  meta: {
    id: 'disposability/missing-disruption-budget',
    factor: 'disposability',
    defaultSeverity: 'info',
    offByDefault:
      'a PodDisruptionBudget matters on clusters whose nodes are drained for upgrades and autoscaling; samples, demos and single-node clusters leave it out on purpose, so turn it on for a production repository.',
    description: 'A replicated Deployment or StatefulSet behind a Service has no PodDisruptionBudget, so a node drain may stop all its pods at once.',
    rationale: [
      'Disposable processes are stopped and moved all the time: node upgrades, autoscaler scale-downs and maintenance',
      'drain nodes. Replicas only keep a service up through that when the platform knows how many may go at once, and',
      'a PodDisruptionBudget is how it knows. Without one, a drain may evict every replica that sits on the drained',
      'nodes together.',
      '',
      'Add a `policy/v1` PodDisruptionBudget selecting the pods, with `maxUnavailable: 1` (or a `minAvailable` below',
      'the replica count).',
      '',
      'Not reported: workloads with fewer than 2 replicas and no autoscaler (a budget cannot keep one pod up through a',
      'drain), workloads no Service selects, patch fragments, Helm templates (the chart may add the budget from its',
      'values), templated replica counts, and applications with a budget whose selector this linter cannot evaluate',
      '(`matchExpressions`, templated labels). Off by default (see the README).',
      'Corresponds to Polaris missingPodDisruptionBudget and kube-score deployment-has-poddisruptionbudget and',
      'statefulset-has-poddisruptionbudget.',
    ].join('\n'),
    messages: {
      missing: '{{kind}} `{{name}}` runs {{replicas}} behind Service `{{service}}` but no PodDisruptionBudget selects its pods; a node drain may stop them all at once.',
    },
    anchors: [{ tool: 'Polaris', id: 'missingPodDisruptionBudget' }, { tool: 'kube-score', id: 'deployment-has-poddisruptionbudget' }, { tool: 'kube-score', id: 'statefulset-has-poddisruptionbudget' }],
  },
  check({ model, workspace, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      if (!KINDS.has(object.kind) || !isBuiltInApi(object.apiVersion) || isFragment(object)) continue;
      const spec = asMap(nodeAt(object.node, ['spec'], object.doc), object.doc);
      const pair = pairOf(spec, 'replicas', object.doc);
      const replicas = pair ? scalarNumber(pair.value, object.doc) : 1;
      if (replicas === undefined) continue;
      const scaled = autoscalersOf(object, autoscalersIn(workspace)).length > 0;
      if (replicas < 2 && !scaled) continue;
      const services = servicesSelecting(object, workspace.objects);
      if (services.length === 0) continue;
      const budgets = workspace.ofKind('PodDisruptionBudget').filter((b) => sameNamespace(b, object));
      const labels = object.podSpec!.podLabels;
      const covered = budgets.some((b) => {
        const selector = matchLabelsOf(b);
        const unknown = Object.keys(selector).length === 0 || Object.entries(selector).some(([k, v]) => isTemplated(k) || isTemplated(v));
        return unknown || matchesLabels(selector as Record<string, string>, labels);
      });
      if (covered) continue;
      report({
        messageId: 'missing',
        data: { kind: object.kind, name: object.name ?? '?', service: services[0].name ?? '?', replicas: scaled ? 'autoscaled replicas' : `${replicas} replicas` },
        range: pair && !scaled ? model.rangeOf(pair)! : object.kindRange,
      });
    }
  },
});
