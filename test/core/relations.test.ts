// Relations across files prefer the nearest objects: the same file, then the same folder.
// Two variants of one app side by side (dev/ and prod/, a good and a bad example) do not mix.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import hpaWithoutRequests from '../../server/src/core/rules/kubernetes/concurrency/hpa-without-requests';

const deployment = (requests: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: shop/web:1.0.0
${requests ? '          resources: {requests: {cpu: 100m, memory: 128Mi}}\n' : ''}`;

const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

const objects = (uri: string, text: string) => new KubernetesModel(new SourceText(uri, text)).objects;

it('an HPA relates to the Deployment in its own folder, not to a namesake elsewhere', () => {
  const workspace = [...objects('file:///repo/bad/deployment.yaml', deployment(false)), ...objects('file:///repo/good/deployment.yaml', deployment(true))];
  const lint = (uri: string) => analyze({ uri, languageId: 'yaml', text: hpa }, { rules: [hpaWithoutRequests], workspaceObjects: workspace }).findings.map((f) => f.ruleId);
  assert.deepEqual(lint('file:///repo/good/hpa.yaml'), []);
  assert.deepEqual(lint('file:///repo/bad/hpa.yaml'), ['concurrency/hpa-without-requests']);
  // With no namesake nearby, any folder will do.
  assert.deepEqual(lint('file:///repo/elsewhere/hpa.yaml').length, 1);
});
