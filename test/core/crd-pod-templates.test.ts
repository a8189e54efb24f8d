// Pod templates kept by custom resources (Knative, Argo Rollouts, OpenShift, KEDA) are read like the
// built-in kinds': the Kubernetes rules apply to them, and kinds are told apart by their API group.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';

const findings = (text: string) => analyze({ uri: 'file:///w/app.yaml', languageId: 'yaml', text }).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);

const KNATIVE = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: orders
spec:
  template:
    metadata:
      annotations:
        autoscaling.knative.dev/max-scale: "10"
    spec:
      containerConcurrency: 50
      containers:
        - image: ghcr.io/acme/orders:latest
          env:
            - name: DB_PASSWORD
              value: s3cr3t-Passw0rd
            - name: NODE_ENV
              value: development
`;

describe('pod templates of custom resources', () => {
  it('a Knative Service: moving tag, literal secret, development switch, on their lines (containers without names)', () => {
    const got = findings(KNATIVE);
    assert.ok(got.includes('13:18 build-release-run/mutable-image-tag'), got.join('\n'));
    assert.ok(got.includes('16:22 config/literal-secret-in-manifest'), got.join('\n'));
    assert.ok(got.includes('18:22 config/environment-switch-in-env'), got.join('\n'));
  });

  it('the core v1 Service keeps no pod template; a Knative one does', () => {
    const core = new KubernetesModel(new SourceText('file:///w/s.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      containers:\n        - image: x:latest\n'));
    assert.equal(core.objects[0].podSpec, undefined);
    const knative = new KubernetesModel(new SourceText('file:///w/k.yaml', KNATIVE));
    assert.equal(knative.objects[0].podSpec?.containers.length, 1);
  });

  it('an Argo Rollout with a pod template, and a KEDA ScaledObject scaling it', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: acme/web:latest
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    name: web
`;
    const got = findings(text);
    assert.ok(got.includes('17:18 build-release-run/mutable-image-tag'), got.join('\n'));
    assert.ok(got.some((f) => f.endsWith('concurrency/replicas-with-hpa')), got.join('\n'));
  });

  it('OpenShift DeploymentConfig and KEDA ScaledJob', () => {
    const dc = findings('apiVersion: apps.openshift.io/v1\nkind: DeploymentConfig\nmetadata:\n  name: a\nspec:\n  selector:\n    app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      containers:\n        - name: a\n          image: acme/a:latest\n');
    assert.ok(dc.includes('15:18 build-release-run/mutable-image-tag'), dc.join('\n'));
    const job = findings('apiVersion: keda.sh/v1alpha1\nkind: ScaledJob\nmetadata:\n  name: j\nspec:\n  jobTargetRef:\n    template:\n      spec:\n        containers:\n          - name: j\n            image: acme/j:latest\n');
    assert.ok(job.includes('11:20 build-release-run/mutable-image-tag'), job.join('\n'));
  });

  it('a CRD of another group called Service keeps its pod template unread', () => {
    const model = new KubernetesModel(new SourceText('file:///w/o.yaml', 'apiVersion: example.com/v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      containers:\n        - image: x:latest\n'));
    assert.equal(model.objects[0].podSpec, undefined);
  });
});
