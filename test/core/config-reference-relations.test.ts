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
