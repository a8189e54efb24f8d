import type { Fix, TextEdit } from '../../../types';
import { defineKubernetesRule } from '../../../rule';
import { WORKLOAD_KINDS, isTemplated } from '../../../kubernetes/model';
import { asMap, pairOf } from '../../../kubernetes/yaml-nodes';
import { appendToMap, replacePair } from '../../../kubernetes/yaml-edits';
import { requestProvided, requestsAccelerator, type ResourceName } from '../../../kubernetes/resources';
import { containerCommand, isIdleCommand } from '../../../kubernetes/commands';
import { revisionTemplateOf } from '../../../kubernetes/knative';
import { isPatchFragment } from '../../../kubernetes/selectors';

const DEFAULTS: Record<ResourceName, string> = { cpu: '100m', memory: '128Mi' };

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/missing-resource-requests',
    factor: 'concurrency',
    defaultSeverity: 'warning',
    description: 'A long-running container requests no CPU or memory, so the scheduler and autoscaler cannot plan its processes.',
    rationale: [
      'Twelve-factor apps scale out by running more processes, and the platform decides where those processes go. In',
      'Kubernetes that decision rests on resource requests: without them the scheduler packs pods blindly, a busy',
      'node starves its neighbours, and a HorizontalPodAutoscaler cannot compute utilization at all.',
      '',
      'Give every long-running container `resources.requests` for `cpu` and `memory` (a limit alone also counts, as',
      'Kubernetes copies it into the request). The quick fix adds small starting values; measure and adjust them.',
      'Kustomize patches and Jobs are not asked; a request supplied by a patch in the workspace counts. In a Helm chart',
      'whose template writes `toYaml .Values.resources`, an empty `resources: {}` is reported on the values file line that',
      'sets it (the chart default to change), with the template\'s use as related information.',
      '',
      'Not reported either: bare Pods (nothing scales them, they are demos or one-off tools), DaemonSets (one pod per',
      'node: the process model scales them with the cluster, not by adding replicas), containers that only',
      'idle as a toolbox (`sleep infinity`, `tail -f /dev/null`), and pods that request a GPU or TPU in any container,',
      'which the scheduler places by that accelerator, usually on a node of their own. Knative Services, Configurations',
      'and Revisions are not judged either: Knative scales them on requests in flight, not on resource use, and a',
      'cluster gives revisions default requests in its `config-defaults` (`revision-cpu-request`, `revision-memory-request`).',
    ].join('\n'),
    messages: {
      missing: 'Container `{{container}}` requests no {{missing}}; set resources.requests so the scheduler can place and scale it.',
    },
    fix: 'unsafe',
  },
  check({ model, workspace, source, report }) {
    for (const object of model.objects) {
      if (!object.podSpec || !WORKLOAD_KINDS.has(object.kind) || object.kind === 'DaemonSet' || object.kind === 'Pod') continue;
      // A patch repeats only what it changes: its containers are the base's, judged there.
      if (isPatchFragment(object)) continue;
      // Knative scales revisions on requests in flight, and operators give revisions default requests
      // cluster-wide (config-defaults: revision-cpu-request, revision-memory-request).
      if (revisionTemplateOf(object)) continue;
      // A pod that requests a GPU or TPU is placed by that accelerator, usually on a node of its own.
      if (object.podSpec.allContainers.some((c) => requestsAccelerator(c, object.doc))) continue;
      for (const container of object.podSpec.containers) {
        if (isIdleCommand(containerCommand(source, container, object.doc))) continue;
        const missing = (['cpu', 'memory'] as const).filter((r) => !requestProvided(object, container, r, workspace.named(object.kind, object.name)));
        if (missing.length === 0) continue;
        const resourcesPair = pairOf(container.node, 'resources', object.doc);
        if (resourcesPair && isTemplated(model.source.textOf(model.rangeOf(resourcesPair)!))) continue;
        // In a Helm chart, an empty `resources` written by `toYaml .Values.resources` is reported where the values file
        // sets it (`resources: {}`, the chart's default), with the template's use as related information.
        const emptyResources = object.templated && resourcesPair ? asMap(resourcesPair.value, object.doc) : undefined;
        const valuesRange = emptyResources && emptyResources.items.length === 0 ? model.rangeOf(emptyResources) : undefined;
        report({
          messageId: 'missing',
          data: { container: container.name ?? '?', missing: missing.length === 2 ? 'CPU or memory' : missing[0] === 'cpu' ? 'CPU' : 'memory' },
          range: valuesRange ?? container.anchorRange,
          fix: fixFor(),
        });

        function fixFor(): Fix | undefined {
          const doc = object.doc;
          const lines = (indent: string) => missing.map((r) => `${indent}${r}: ${DEFAULTS[r]}`).join('\n');
          let edit: TextEdit | undefined;
          if (!resourcesPair) edit = appendToMap(source, container.node, `resources:\n  requests:\n${lines('    ')}`);
          else if (container.node.items.includes(resourcesPair)) {
            const resources = asMap(resourcesPair.value, doc);
            const requestsPair = pairOf(resources, 'requests', doc);
            if (!resources || (resources.flow && resources.items.length === 0)) edit = replacePair(source, container.node, 'resources', `resources:\n  requests:\n${lines('    ')}`, doc);
            else if (!resources.flow && !requestsPair) edit = appendToMap(source, resources, `requests:\n${lines('  ')}`);
            else if (!resources.flow && requestsPair && resources.items.includes(requestsPair)) {
              const requests = asMap(requestsPair.value, doc);
              if (requests && !requests.flow && requests.items.length > 0) edit = appendToMap(source, requests, lines(''));
            }
          }
          return edit && { title: `Add resource requests to container ${container.name ?? ''}`.trim(), edits: [edit] };
        }
      }
    }
  },
});
