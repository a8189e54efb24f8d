// What rules ask of an object or a container is read from its YAML once, and the answers stay right:
// the same object asked again gets the first answer without reading again, and a container asked by the
// model of another file gets ranges worked out by that model, not the first asker's.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import { perContainer, perObject } from '../../server/src/core/kubernetes/object-memo';
import { commandItems, podVolumes, replicasOf, volumeMounts } from '../../server/src/core/kubernetes/pod-parts';

const deployment = (prefix: string) => `${prefix}apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
        - {name: setup, image: busybox:1.36, command: [sh, -c, "echo ready"]}
      containers:
        - name: web
          image: shop/web:1.0.0
          command: [server, --port, "8080"]
          volumeMounts: [{name: data, mountPath: /data}]
      volumes:
        - {name: data, persistentVolumeClaim: {claimName: data}}
`;

const modelOf = (text: string, uri = 'file:///w/deploy.yaml') => new KubernetesModel(new SourceText(uri, text));

it('perObject reads each object once, and each object for itself', () => {
  const model = modelOf(`${deployment('')}---\n${deployment('').replace('replicas: 3', 'replicas: 5')}`);
  let reads = 0;
  const replicas = perObject((object) => (reads++, replicasOf(object)));
  const [first, second] = model.objects;
  assert.equal(replicas(first), 3);
  assert.equal(replicas(first), 3);
  assert.equal(replicas(second), 5);
  assert.equal(reads, 2);
});

it('perContainer answers again when another model asks about the same container', () => {
  const model = modelOf(deployment(''));
  const container = model.objects[0].podSpec!.containers[0];
  let reads = 0;
  const asked = perContainer((m, c) => (reads++, m === model ? 'own' : `other:${c.name}`));
  assert.equal(asked(model, container, model.objects[0].doc), 'own');
  assert.equal(asked(model, container, model.objects[0].doc), 'own');
  const other = modelOf(deployment(''), 'file:///w/other.yaml');
  assert.equal(asked(other, container, model.objects[0].doc), 'other:web');
  assert.equal(reads, 2);
});

it('memoised pod parts keep their ranges and contents', () => {
  const model = modelOf(deployment('# a comment that moves every line down\n'));
  const object = model.objects[0];
  const pod = object.podSpec!;
  assert.deepEqual(pod.allContainers.map((c) => c.name), ['setup', 'web'], 'init containers first, then the main ones');
  const web = pod.containers[0];
  const items = commandItems(model, web, object.doc);
  assert.deepEqual(items.map((i) => i.text), ['server', '--port', '8080']);
  assert.equal(items[0].range.start.line, 15);
  assert.equal(commandItems(model, web, object.doc), items, 'the second question gets the first answer');
  const mounts = volumeMounts(model, web, object.doc);
  assert.deepEqual(mounts.map((m) => [m.name, m.mountPath, m.mountPathRange?.start.line]), [['data', '/data', 16]]);
  assert.deepEqual([...podVolumes(object).keys()], ['data']);
  assert.equal(podVolumes(object).get('data')?.sourceKind, 'persistentVolumeClaim');
  assert.equal(replicasOf(object), 3);
});
