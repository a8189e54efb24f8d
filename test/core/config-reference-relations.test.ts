// A pod's findings about the Secrets and ConfigMaps it reads depend on the names of those objects in
// other files: renaming a Secret elsewhere must re-check the file of the pod that reads it.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import { changedSignatures, changedTokens, dependsOn, relationSignatures } from '../../server/src/core/kubernetes/relation-index';

const signatures = (uri: string, text: string) => relationSignatures(new KubernetesModel(new SourceText(uri, text)).objects, text);

const pod = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: shop/api:1.4.0
          envFrom: [{secretRef: {name: api-secrets}}]
`;
const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}}\nstringData: {token: x}\n`;

it('renaming a Secret in another file re-checks the pods that may read it', () => {
  const consumer = signatures('file:///app/api.yaml', pod);
  const before = signatures('file:///app/secret.yaml', secret('api-secret'));
  const after = signatures('file:///app/secret.yaml', secret('api-secrets'));
  assert.ok(dependsOn(consumer, changedTokens(before, after), changedSignatures(before, after)));
});

it('editing a Secret\'s data without renaming it does not re-check on account of names', () => {
  const before = signatures('file:///app/secret.yaml', secret('api-secrets'));
  const after = signatures('file:///app/secret.yaml', secret('api-secrets').replace('token: x', 'token: y'));
  assert.ok(!changedTokens(before, after).has('kind:Secret'));
});

const ingress = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations: {${annotations}}
spec:
  tls: [{hosts: [web.example.com], secretName: api-secrets}]
`;

it('an Ingress that starts or stops asking cert-manager for its TLS Secret re-checks the pods that may read it', () => {
  const consumer = signatures('file:///app/api.yaml', pod);
  const plain = signatures('file:///app/ingress.yaml', ingress('nginx.ingress.kubernetes.io/ssl-redirect: "true"'));
  const issued = signatures('file:///app/ingress.yaml', ingress('cert-manager.io/cluster-issuer: letsencrypt'));
  assert.ok(dependsOn(consumer, changedTokens(plain, issued), changedSignatures(plain, issued)));
  assert.ok(dependsOn(consumer, changedTokens(issued, plain), changedSignatures(issued, plain)));
  // An Ingress without an issuer changed in another way provides no Secret.
  const other = signatures('file:///app/ingress.yaml', ingress('nginx.ingress.kubernetes.io/ssl-redirect: "false"'));
  assert.ok(!dependsOn(consumer, changedTokens(plain, other), changedSignatures(plain, other)));
});

it("a kustomization's replicas entry is re-checked when an autoscaler of the workload it counts changes", () => {
  const kustomization = signatures('file:///app/prod/kustomization.yaml', 'resources: [../base, hpa.yaml]\nreplicas:\n  - name: api\n    count: 2\n');
  const hpa = (max: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  maxReplicas: ${max}\n`;
  const before = signatures('file:///app/prod/hpa.yaml', hpa(3));
  const after = signatures('file:///app/prod/hpa.yaml', hpa(5));
  assert.ok(dependsOn(kustomization, changedTokens(before, after), changedSignatures(before, after)));
  // A kustomization without replicas entries has nothing to re-check.
  const plain = signatures('file:///app/prod/kustomization.yaml', 'resources: [../base, hpa.yaml]\n');
  assert.ok(!dependsOn(plain, changedTokens(before, after), changedSignatures(before, after)));
});

it("a disruption budget is re-checked when a patch changes a workload's replica count, or a kustomization its entries", () => {
  const budget = signatures('file:///app/base/pdb.yaml', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: api}\nspec:\n  minAvailable: 60%\n  selector: {matchLabels: {app: api}}\n');
  // gathertown/grapevine's replicas-patch.yaml: a count and nothing else (no pod labels to relate by).
  const patch = (count: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: ${count}\n`;
  const before = signatures('file:///app/dev/replicas-patch.yaml', patch(2));
  const after = signatures('file:///app/dev/replicas-patch.yaml', patch(5));
  assert.ok(dependsOn(budget, changedTokens(before, after), changedSignatures(before, after)));
  const entries = (count: number) => signatures('file:///app/dev/kustomization.yaml', `resources: [../base]\nreplicas:\n  - name: api\n    count: ${count}\n`);
  assert.ok(dependsOn(budget, changedTokens(entries(2), entries(5)), changedSignatures(entries(2), entries(5))));
  // A Secret's edit does not concern it.
  const secretBefore = signatures('file:///app/base/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: x}\n');
  const secretAfter = signatures('file:///app/base/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: y}\n');
  assert.ok(!dependsOn(budget, changedTokens(secretBefore, secretAfter), changedSignatures(secretBefore, secretAfter)));
});
