import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi } from '../../../kubernetes/model';
import { autoscalersIn, autoscalersOf, servicesSelecting } from '../../../kubernetes/selectors';
import { isFragment, podVolumes, runningContainers } from '../../../kubernetes/pod-parts';
import { datastoreOfContainer } from '../../../kubernetes/backing-services';
import { asMap, nodeAt, pairOf, scalarNumber } from '../../../kubernetes/yaml-nodes';
import { buildsOfObject, builtReplicas } from '../../../kubernetes/builds';
import { relationIndex } from '../../../kubernetes/relation-index';

const KINDS = new Set(['Deployment', 'StatefulSet']);
const DISKS = new Set(['persistentVolumeClaim', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'cinder', 'rbd', 'iscsi']);

export default defineKubernetesRule({
  meta: {
    id: 'concurrency/single-replica',
    factor: 'concurrency',
    defaultSeverity: 'hint',
    offByDefault:
      'samples, demos and development clusters run one replica on purpose; for a production repository, turn it on to be told which served workloads cannot lose a pod without downtime.',
    description: 'A Deployment or StatefulSet behind a Service runs one replica (or leaves `replicas` unset) and no autoscaler scales it.',
    rationale: [
      'The process model scales out by running more copies of a process type. One replica behind a Service is a single',
      'point of failure: every rollout, node drain or crash is an outage, and load beyond one process has nowhere to go.',
      '',
      'Run at least two replicas, or attach a HorizontalPodAutoscaler (or KEDA ScaledObject) with `minReplicas: 2`.',
      'Not reported: workloads no Service selects (workers, singletons), `replicas: 0`, templated counts, patch',
      'fragments, Helm templates, Deployments that mount a claim or a disk (a ReadWriteOnce volume allows one pod), and',
      'databases or brokers (backing services scale their own way), nor a workload that some Kustomize build gives another',
      'count (an overlay\'s `replicas:` entry or a patch that sets `spec.replicas`).',
      'Corresponds to kube-score deployment-replicas and Polaris minimum replicas (their threshold is 2, as here).',
    ].join('\n'),
    messages: {
      single: '{{kind}} `{{name}}` serves Service `{{service}}` with {{replicas}} and no autoscaler; it cannot lose a process or scale out without downtime.',
    },
    anchors: [{ tool: 'kube-score', id: 'deployment-replicas' }, { tool: 'Polaris', id: 'deploymentMissingReplicas' }],
  },
  check({ model, workspace, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      if (!KINDS.has(object.kind) || !isBuiltInApi(object.apiVersion) || isFragment(object)) continue;
      const spec = asMap(nodeAt(object.node, ['spec'], object.doc), object.doc);
      const pair = pairOf(spec, 'replicas', object.doc);
      const replicas = pair ? scalarNumber(pair.value, object.doc) : 1;
      if (replicas !== 1) continue;
      // Kustomize builds that set another count (an overlay's `replicas:` entry or patch): one replica only where every build keeps it.
      const index = relationIndex(workspace);
      if (buildsOfObject(object).some((t) => builtReplicas(object, t, index.objectsOfFile).count !== 1)) continue;
      if (runningContainers(object).some((c) => datastoreOfContainer(c))) continue;
      // A Deployment on a ReadWriteOnce disk cannot run a second replica: the advice would be wrong there.
      if (object.kind === 'Deployment' && [...podVolumes(object).values()].some((v) => DISKS.has(v.sourceKind ?? ''))) continue;
      const services = servicesSelecting(object, workspace.objects);
      if (services.length === 0) continue;
      if (autoscalersOf(object, autoscalersIn(workspace)).length > 0) continue;
      report({
        messageId: 'single',
        data: { kind: object.kind, name: object.name ?? '?', service: services[0].name ?? '?', replicas: pair ? '`replicas: 1`' : 'the default of one replica' },
        range: pair ? model.rangeOf(pair)! : object.kindRange,
      });
    }
  },
});
