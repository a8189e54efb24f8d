// `<<` merge keys, as Kubernetes reads them (go-yaml) and the Serverless Framework too: the model and its
// accessors look through them, own keys first. The `yaml` package's own merge option turns a `<<` key into a
// Symbol since its 2.6 release, which the accessors would pass over: a container that takes its image through
// a merge key then had no image at all.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { ServerlessModel } from '../../server/src/core/serverless/model';
import { SourceText } from '../../server/src/core/source';
import { plainData, valueOf, scalarString } from '../../server/src/core/kubernetes/yaml-nodes';
import { analyze } from '../../server/src/core/analyze';

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - &base
          name: api
          image: shop/api:3.2.0
          resources: {requests: {cpu: 100m, memory: 128Mi}}
        - <<: *base
          name: worker
          image: shop/worker:3.2.0
        - <<: [*base]
          name: copy
`;

it('a container takes what a merge key brings, its own keys first', () => {
  const model = new KubernetesModel(new SourceText('file:///w/deploy.yaml', manifest));
  const containers = model.objects[0].podSpec!.containers;
  assert.deepEqual(
    containers.map((c) => [c.name, c.image]),
    [['api', 'shop/api:3.2.0'], ['worker', 'shop/worker:3.2.0'], ['copy', 'shop/api:3.2.0']],
  );
});

it('plainData expands merge keys and stops at its bound', () => {
  const model = new KubernetesModel(new SourceText('file:///w/deploy.yaml', manifest));
  const { doc } = model.objects[0];
  const worker = model.objects[0].podSpec!.containers[1].node;
  assert.deepEqual(plainData(worker, doc), { name: 'worker', image: 'shop/worker:3.2.0', resources: { requests: { cpu: '100m', memory: '128Mi' } } });
  assert.equal(plainData(worker, doc, 3), undefined);
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
  const bomb = new KubernetesModel(new SourceText('file:///w/bomb.yaml', laughs));
  assert.equal(plainData(bomb.documents[0].contents, bomb.documents[0]), undefined);
});

it('a container that takes its image through a merge key is analysed as a container', () => {
  // Without its image, a container reads as a strategic-merge fragment, which most rules leave alone.
  const text = manifest.replace('          resources: {requests: {cpu: 100m, memory: 128Mi}}\n', '');
  const unrequested = analyze({ uri: 'file:///w/deploy.yaml', languageId: 'yaml', text })
    .findings.filter((f) => f.ruleId === 'concurrency/missing-resource-requests')
    .map((f) => f.message.split('`')[1]);
  assert.deepEqual(unrequested, ['api', 'worker', 'copy']);
});

it('a Serverless Framework function reads settings merged into it', () => {
  const text = `service: shop
provider: {name: aws, runtime: nodejs20.x}
x-defaults: &defaults
  timeout: 30
  memorySize: 512
functions:
  api:
    <<: *defaults
    handler: src/api.handler
`;
  const model = new ServerlessModel(new SourceText('file:///w/serverless.yml', text));
  const fn = model.functions[0];
  assert.equal(fn.id, 'api');
  assert.equal(scalarString(valueOf(fn.properties, 'timeout', model.doc!), model.doc!), '30');
});
