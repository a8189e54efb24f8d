import type { Node } from 'yaml';
import { defineKubernetesRule } from '../../../rule';
import type { KubeObject } from '../../../kubernetes/model';
import { asMap, nodeAt, pairOf, scalarString, seqItems, valueOf } from '../../../kubernetes/yaml-nodes';
import { isPatchFragment, locationOf, sameNamespace, scaleTargetOf, nearest } from '../../../kubernetes/selectors';
import { requestProvided, type ResourceName } from '../../../kubernetes/resources';

interface UtilizationMetric {
  resource: ResourceName;
  /** Where to report: the metric's resource name, the v1 target field, or the HPA's kind for the implicit default. */
  node: Node | undefined;
  container: string | undefined;
}

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/hpa-without-requests',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'An HPA scales on CPU or memory utilization of a workload whose containers request none of that resource.',
    rationale: [
      'Scaling out is how a twelve-factor app meets load, and an HPA on utilization is the usual trigger. Utilization',
      'is measured against the resource request: when a container of the target has no request for that resource, the',
      'HPA cannot compute the ratio, reports `missing request for cpu`, and never scales.',
      '',
      'Give every container of the target a request for the resource the HPA watches, or scale on an absolute value',
      '(`AverageValue`) or another metric. An autoscaling/v2 HPA without `metrics` watches CPU at 80% by default, so',
      'it needs CPU requests too.',
      '',
      'Not reported: HPAs whose scale target is not found in the workspace (in the same namespace, ignoring Kustomize',
      'patch fragments); metrics of other types or on other resources, and CPU or memory targets given as an average',
      'value rather than a utilization; and containers whose request is set in the workload or in a patch fragment for',
      'the same workload and container. Init containers are not counted.',
    ].join('\n'),
    messages: {
      missing: 'This HPA scales `{{target}}` on {{resource}} utilization, but container `{{container}}` requests no {{resource}}; utilization cannot be computed.',
    },
  },
  check({ model, workspace, report }) {
    for (const hpa of model.objects) {
      if (hpa.kind !== 'HorizontalPodAutoscaler') continue;
      const ref = scaleTargetOf(hpa);
      if (!ref) continue;
      const targets = nearest(workspace.named(ref.kind, ref.name).filter((o) => sameNamespace(o, hpa) && o.podSpec && !isPatchFragment(o)), hpa);
      if (targets.length === 0) continue;
      for (const metric of utilizationMetrics(hpa)) {
        const range = model.rangeOf(metric.node) ?? hpa.kindRange;
        for (const target of targets) {
          const container = target.podSpec!.containers.find(
            (c) => (metric.container === undefined || c.name === metric.container) && !requestProvided(target, c, metric.resource, workspace.named(target.kind, target.name)),
          );
          if (!container) continue;
          report({ messageId: 'missing', data: { target: `${target.kind} ${target.name}`, resource: metric.resource === 'cpu' ? 'CPU' : 'memory', container: container.name ?? '?' }, range, related: [locationOf(target, 'the scaled workload')] });
          break;
        }
      }
    }
  },
});

function utilizationMetrics(hpa: KubeObject): UtilizationMetric[] {
  const doc = hpa.doc;
  const spec = asMap(valueOf(hpa.node, 'spec', doc), doc);
  if (!spec) return [];
  if (hpa.apiVersion === 'autoscaling/v1') {
    const pair = pairOf(spec, 'targetCPUUtilizationPercentage', doc);
    return [{ resource: 'cpu', node: (pair?.key as Node | undefined) ?? undefined, container: undefined }];
  }
  const metricsPair = pairOf(spec, 'metrics', doc);
  if (!metricsPair) return [{ resource: 'cpu', node: undefined, container: undefined }];
  const out: UtilizationMetric[] = [];
  for (const item of seqItems(metricsPair.value, doc)) {
    const metric = asMap(item, doc);
    const type = scalarString(valueOf(metric, 'type', doc), doc);
    if (type !== 'Resource' && type !== 'ContainerResource') continue;
    const body = asMap(valueOf(metric, type === 'Resource' ? 'resource' : 'containerResource', doc), doc);
    const nameNode = valueOf(body, 'name', doc);
    const resource = scalarString(nameNode, doc);
    if (resource !== 'cpu' && resource !== 'memory') continue;
    const utilization =
      scalarString(nodeAt(body, ['target', 'type'], doc), doc) === 'Utilization' || valueOf(body, 'targetAverageUtilization', doc) !== undefined;
    if (!utilization) continue;
    out.push({ resource, node: nameNode, container: type === 'ContainerResource' ? scalarString(valueOf(body, 'container', doc), doc) : undefined });
  }
  return out;
}
