import { defineKubernetesRule } from '../../../rule';
import { isBuiltInApi } from '../../../kubernetes/model';
import { servicesSelecting } from '../../../kubernetes/selectors';
import { isFragment, podVolumes } from '../../../kubernetes/pod-parts';
import { datastoreOfContainer } from '../../../kubernetes/backing-services';
import { nodeAt, scalarString } from '../../../kubernetes/yaml-nodes';

export default defineKubernetesRule({
  meta: {
    id: 'disposability/recreate-strategy',
    factor: 'disposability',
    defaultSeverity: 'info',
    description: 'A Deployment behind a Service is updated with `strategy.type: Recreate` or `maxUnavailable: 100%`, so every release is an outage.',
    rationale: [
      'Disposable processes can be replaced one at a time: new ones start, become ready, take traffic, and old ones',
      'stop gracefully. `Recreate` (or a rolling update allowed to take all pods down at once) stops every process',
      'before any new one exists, so each release drops the Service\'s traffic.',
      '',
      'Use the default `RollingUpdate` with a `maxUnavailable` below 100%. Not reported: Deployments that mount a',
      'PersistentVolumeClaim or a disk (a ReadWriteOnce volume needs `Recreate`), databases and brokers, Deployments no',
      'Service selects, and Helm templates. Corresponds to kube-linter no-rolling-update-strategy.',
    ].join('\n'),
    messages: {
      recreate: '`Recreate` stops every pod of `{{name}}` before starting new ones, so Service `{{service}}` has no endpoints during each release.',
      allUnavailable: '`maxUnavailable: {{value}}` lets every pod of `{{name}}` stop at once during a release; Service `{{service}}` then has no endpoints.',
    },
    anchors: [{ tool: 'kube-linter', id: 'no-rolling-update-strategy' }],
  },
  check({ model, workspace, report }) {
    if (model.isHelmTemplate) return;
    for (const object of model.objects) {
      if (object.kind !== 'Deployment' || !isBuiltInApi(object.apiVersion) || isFragment(object)) continue;
      const typeNode = nodeAt(object.node, ['spec', 'strategy', 'type'], object.doc);
      const maxNode = nodeAt(object.node, ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], object.doc);
      const type = scalarString(typeNode, object.doc);
      const max = scalarString(maxNode, object.doc);
      const recreate = type === 'Recreate';
      const all = !recreate && max?.trim() === '100%';
      if (!recreate && !all) continue;
      if ([...podVolumes(object).values()].some((v) => ['persistentVolumeClaim', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'cinder', 'rbd', 'iscsi', 'hostPath'].includes(v.sourceKind ?? ''))) continue;
      if (object.podSpec!.containers.some((c) => datastoreOfContainer(c))) continue;
      const service = servicesSelecting(object, workspace.objects)[0];
      if (!service) continue;
      const data = { name: object.name ?? '?', service: service.name ?? '?', value: max ?? '' };
      report({ messageId: recreate ? 'recreate' : 'allUnavailable', data, range: model.rangeOf(recreate ? typeNode : maxNode)! });
    }
  },
});
