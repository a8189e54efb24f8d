// Relations stay inside one application: a monorepo of look-alike samples gives, run at its
// root, exactly the findings of running the CLI on each sample alone.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { collectFiles } from '../../server/src/cli-files';
import { walkOrder } from '../../server/src/core/applications';

const CLI = resolve('dist/cli.js');
let dir: string;

function deployment(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: example.com/${name}:1.4.2
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 128Mi}}
`;
}

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
`;

function budgetFor(app: string): string {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app}
spec:
  minAvailable: 60%
  selector:
    matchLabels: {app: ${app}}
`;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

const FILES: Record<string, string> = {
  // Sample one: a Deployment that sets replicas and has no autoscaler of its own.
  'samples/one/deploy.yaml': deployment('web', 3),
  // Sample two: the same names, with an autoscaler (so replicas-with-hpa is right here only).
  'samples/two/deploy.yaml': deployment('web', 3),
  'samples/two/hpa.yaml': HPA,
  // Sample three: the Service sits in the parent folder of its Deployment.
  'samples/three/service.yaml': SERVICE,
  'samples/three/k8s/deploy.yaml': deployment('web', 2),
  // A Kustomize base and an overlay that adds an autoscaler for the base's Deployment.
  'kustomize/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'kustomize/base/deploy.yaml': deployment('api', 3),
  'kustomize/overlays/prod/kustomization.yaml': 'resources: [../../base, hpa.yaml]\n',
  'kustomize/overlays/prod/hpa.yaml': HPA.replaceAll('web', 'api'),
  // An overlay that moves, renames and labels its base: relations compare objects as it builds them.
  'shop/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'shop/base/deploy.yaml': deployment('web', 3),
  'shop/overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\ncommonLabels: {tier: fe}\nresources: [../../base, svc.yaml]\n',
  'shop/overlays/prod/svc.yaml': SERVICE,
  // Outside the build: an autoscaler naming the built Deployment, a Service of another namespace.
  'shop/overlays/prod/extra/hpa.yaml': HPA.replace('kind: Deployment, name: web}', 'kind: Deployment, name: prod-web}'),
  'shop/overlays/prod/extra/svc-staging.yaml': SERVICE.replace('name: web', 'name: web\n  namespace: staging'),
  // commonLabels reach the build's Service only: the Deployment next to it is named by no kustomization.
  'labels/kustomization.yaml': 'commonLabels: {tier: fe}\nresources: [svc.yaml]\n',
  'labels/svc.yaml': SERVICE,
  'labels/deploy.yaml': deployment('web', 2),
  // Jaeger HotROD's layout: an overlay's inline JSON 6902 patch adds the container that declares the Service's
  // named ports; the same overlay without the patch names ports nobody declares.
  'hotrod/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'hotrod/base/deploy.yaml': deployment('web', 2),
  'hotrod/with-jaeger/kustomization.yaml': 'resources: [../base, service.yaml]\npatches:\n  - target: {group: apps, version: v1, kind: Deployment, name: web}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/-\n        value: {name: jaeger, image: jaegertracing/all-in-one:1.57.0, ports: [{containerPort: 16686, name: frontend-jaeger}]}\n',
  'hotrod/with-jaeger/service.yaml': SERVICE.replace('name: web', 'name: jaeger').replace('targetPort: 8080', 'targetPort: frontend-jaeger'),
  'hotrod2/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'hotrod2/base/deploy.yaml': deployment('web', 2),
  'hotrod2/with-jaeger/kustomization.yaml': 'resources: [../base, service.yaml]\n',
  'hotrod2/with-jaeger/service.yaml': SERVICE.replace('name: web', 'name: jaeger').replace('targetPort: 8080', 'targetPort: frontend-jaeger'),
  // An overlay's patch that sets only the image (gitops-environment-promotion's version.yml): a partial Deployment,
  // its container the base's. The base asks for no resources; only the base is told.
  'promote/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'promote/base/deploy.yaml': deployment('web', 2).replace('          resources: {requests: {cpu: 100m, memory: 128Mi}}\n', ''),
  'promote/envs/qa/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: version.yml\n',
  // sbaerlocher/tsmetrics' layout: the production overlay adds the autoscaler and sets the count with `replicas:`,
  // which replaces the base's in that build; the development overlay keeps the base's count and has no autoscaler.
  'replicas/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'replicas/base/deploy.yaml': deployment('web', 1),
  'replicas/overlays/production/kustomization.yaml': 'resources: [../../base, hpa.yaml]\nreplicas:\n  - name: web\n    count: 2\n',
  'replicas/overlays/production/hpa.yaml': HPA,
  'replicas/overlays/development/kustomization.yaml': 'resources: [../../base]\nnameSuffix: -dev\n',
  // A staging overlay that sets the count with no autoscaler in its build: nothing to report.
  'replicas/overlays/staging/kustomization.yaml': 'resources: [../../base]\nreplicas:\n  - name: web\n    count: 3\n',
  // dbca-wa/prs' layout: the overlay's own Ingress and autoscaler name the base's objects as the overlay builds them
  // (`nameSuffix: -prod`), which Kustomize leaves alone since no object is written with those names.
  'suffix/base/kustomization.yaml': 'resources: [deploy.yaml, svc.yaml]\n',
  'suffix/base/deploy.yaml': deployment('web', 2),
  'suffix/base/svc.yaml': SERVICE,
  'suffix/overlays/prod/kustomization.yaml': 'nameSuffix: -prod\nresources: [../../base, ingress.yaml, hpa.yaml]\n',
  'suffix/overlays/prod/hpa.yaml': HPA.replace('kind: Deployment, name: web}', 'kind: Deployment, name: web-prod}'),
  'suffix/overlays/prod/ingress.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web-prod, port: {number: 80}}}\n',
  // gathertown/grapevine's layout (review set 80): each base writes one replica and a 60% budget; the overlays set the
  // counts, with patch files and a `replicas:` entry. Only the worker's development build keeps every pod (2 of 2).
  'budget/base/kustomization.yaml': 'resources: [api.yaml, worker.yaml]\n',
  'budget/base/api.yaml': `${deployment('api', 1)}---\n${budgetFor('api')}`,
  'budget/base/worker.yaml': `${deployment('worker', 1)}---\n${budgetFor('worker')}`,
  'budget/overlays/prod/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: replicas.yaml\nreplicas:\n  - name: worker\n    count: 10\n',
  'budget/overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 10\n',
  'budget/overlays/dev/kustomization.yaml': 'resources: [../../base]\npatchesStrategicMerge: [replicas.yaml]\n',
  'budget/overlays/dev/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 5\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  replicas: 2\n',
  // memenow/dyvine's layout (review set 82): the production overlay adds the autoscaler and sets the count with an inline
  // JSON 6902 patch aimed at the Deployment; the base's `replicas: 2` is no count the autoscaler fights in any build.
  'inline/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'inline/base/deploy.yaml': deployment('web', 2),
  'inline/overlays/production/kustomization.yaml': 'resources: [../../base, hpa.yaml]\npatches:\n  - target: {kind: Deployment, name: web}\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 3\n',
  'inline/overlays/production/hpa.yaml': HPA,
  // The same with the operations in a file the patch names by path (memenow/dyvine's own layout): not read, so the count is unknown.
  'inline/overlays/staging/kustomization.yaml': 'resources: [../../base, hpa.yaml]\npatches:\n  - path: patches.yaml\n    target: {kind: Deployment, name: web}\n',
  'inline/overlays/staging/patches.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
  'inline/overlays/staging/hpa.yaml': HPA,
  // And with a strategic-merge patch file that sets the count (gathertown/grapevine's replicas-patch.yaml).
  'inline/overlays/qa/kustomization.yaml': 'resources: [../../base, hpa.yaml]\npatches:\n  - path: replicas.yaml\n',
  'inline/overlays/qa/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
  'inline/overlays/qa/hpa.yaml': HPA,
  'single/base/kustomization.yaml': 'resources: [web.yaml, api.yaml]\n',
  'single/base/web.yaml': `${deployment('web', 1)}---\n${SERVICE}`,
  'single/base/api.yaml': `${deployment('api', 1)}---\n${SERVICE.replace(/web/g, 'api')}`,
  'single/overlays/production/kustomization.yaml': 'resources: [../../base]\nreplicas:\n  - name: web\n    count: 3\n',
  'single/overlays/development/kustomization.yaml': 'resources: [../../base]\n',
  'promote/envs/qa/version.yml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: example.com/web:1.5.0\n',
};

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  related?: { file: string; line: number; column: number; message: string }[];
}

function findings(paths: string[]): string[] {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', ...paths], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout).findings as JsonFinding[]).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort();
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tfl-apps-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('application boundaries in the CLI', () => {
  it('gives at the root exactly the union of the per-sample runs', () => {
    // The Kustomize tree is one sample: a base is read with the overlays that take it in.
    const perSample = ['samples/one', 'samples/two', 'samples/three', 'kustomize', 'shop', 'labels', 'hotrod', 'hotrod2', 'promote', 'replicas', 'suffix', 'budget', 'inline', 'single'].flatMap((p) => findings([p]));
    assert.deepEqual(findings(['.']), [...new Set(perSample)].sort());
  });

  it('relates an autoscaler to the Deployment of its own sample only', () => {
    const all = findings(['.']).filter((f) => f.includes('concurrency/replicas-with-hpa'));
    assert.ok(all.some((f) => f.startsWith('samples/two/deploy.yaml:')), `two's replicas are owned by its HPA: ${all}`);
    assert.ok(!all.some((f) => f.startsWith('samples/one/')), `one has no autoscaler: ${all}`);
  });

  it('relates a Service in a parent folder to the pods below it', () => {
    const readiness = findings(['.']).filter((f) => f.includes('missing-readiness-probe'));
    assert.ok(readiness.some((f) => f.startsWith('samples/three/k8s/deploy.yaml:')), `three's pods are behind the parent folder's Service: ${readiness}`);
    assert.ok(!readiness.some((f) => f.startsWith('samples/one/') || f.startsWith('samples/two/')), `no Service selects one's or two's pods: ${readiness}`);
  });

  it('lets an overlay see its base, and keeps the base to itself', () => {
    const hpa = findings(['.']).filter((f) => f.includes('concurrency/replicas-with-hpa') || f.includes('hpa-target-missing'));
    assert.ok(!hpa.some((f) => f.includes('hpa-target-missing') && f.startsWith('kustomize/')), `the overlay's HPA finds the base's Deployment: ${hpa}`);
  });

  it('relates objects as the Kustomize build makes them: namespace, name prefix, commonLabels', () => {
    const run = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', 'shop', 'labels'], { cwd: dir, encoding: 'utf8' });
    const all = JSON.parse(run.stdout).findings as JsonFinding[];
    const at = (file: string, rule: string) => all.filter((f) => f.file === file && f.rule === rule);
    // The autoscaler outside the build names the Deployment by its built name `prod-web`.
    assert.equal(at('shop/overlays/prod/extra/hpa.yaml', 'concurrency/hpa-target-missing').length, 0, run.stdout);
    assert.deepEqual(at('shop/base/deploy.yaml', 'concurrency/replicas-with-hpa').flatMap((f) => f.related?.map((r) => r.file)), ['shop/overlays/prod/extra/hpa.yaml']);
    // The overlay moves the base's Deployment to prod: its own Service selects it, the staging one does not.
    assert.deepEqual(at('shop/base/deploy.yaml', 'disposability/missing-readiness-probe').flatMap((f) => f.related?.map((r) => r.file)), ['shop/overlays/prod/svc.yaml']);
    // The build's Service asks for tier: fe, which the Deployment deployed as written lacks.
    assert.equal(at('labels/svc.yaml', 'port-binding/service-selects-nothing').length, 1, run.stdout);
  });

  it('does not call a port undeclared when a patch it does not read may declare it (an inline or JSON 6902 patch)', () => {
    const ports = findings(['hotrod', 'hotrod2']).filter((f) => f.includes('service-target-port-unmatched'));
    assert.deepEqual(ports, ['hotrod2/with-jaeger/service.yaml:7:34 port-binding/service-target-port-unmatched']);
  });

  it("reports an overlay's `replicas:` entry where it sets the count an autoscaler owns, not the base it replaces", () => {
    const hpa = findings(['replicas']).filter((f) => f.includes('concurrency/replicas-with-hpa'));
    assert.deepEqual(hpa, ['replicas/overlays/production/kustomization.yaml:4:12 concurrency/replicas-with-hpa']);
  });

  it('relates an overlay\'s references to the names the overlay builds (nameSuffix), as Kustomize leaves them', () => {
    const got = findings(['suffix']).filter((f) => /ingress-backend-missing|hpa-target-missing|replicas-with-hpa/.test(f));
    assert.deepEqual(got, ['suffix/base/deploy.yaml:6:3 concurrency/replicas-with-hpa']);
  });

  it("judges a disruption budget with each build's replica count (patch files, `replicas:` entries), naming the build that blocks", () => {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', 'budget'], { cwd: dir, encoding: 'utf8' });
    const got = (JSON.parse(result.stdout).findings as (JsonFinding & { message: string })[]).filter((f) => f.rule === 'disposability/disruption-budget-blocks-eviction');
    assert.deepEqual(
      got.map((f) => `${f.file}:${f.line}:${f.column} ${f.message} ${f.related?.map((r) => `${r.file}:${r.line}`).join(' ')}`),
      ['budget/base/worker.yaml:24:17 `minAvailable: 60%` keeps all 2 pods that the build of `overlays/dev` gives Deployment `worker`: no pod can ever be evicted there; keep it below the replica count. budget/base/worker.yaml:2 budget/overlays/dev/replicas.yaml:9'],
    );
  });

  it('asks for more replicas only of a workload that every build runs alone (single-replica, when turned on)', () => {
    const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '--rule', 'concurrency/single-replica=hint', 'single'], { cwd: dir, encoding: 'utf8' });
    const got = (JSON.parse(result.stdout).findings as JsonFinding[]).filter((f) => f.rule === 'concurrency/single-replica').map((f) => `${f.file}:${f.line}`);
    // The production overlay runs three of `web`; only `api`, which no build counts again, runs alone everywhere.
    assert.deepEqual(got, ['single/base/api.yaml:6']);
  });

  it("does not report the base's count where an overlay's inline patch sets the count its autoscaler owns", () => {
    // The count the autoscaler fights in qa is the patch file's, reported there, not the base's.
    const hpa = findings(['inline']).filter((f) => f.includes('concurrency/replicas-with-hpa'));
    assert.deepEqual(hpa, ['inline/overlays/qa/replicas.yaml:6:3 concurrency/replicas-with-hpa']);
  });

  it('judges the base, not a patch that sets only an image: its container is the base\'s', () => {
    const requests = findings(['promote']).filter((f) => f.includes('missing-resource-requests'));
    assert.deepEqual(requests, ['promote/base/deploy.yaml:14:17 concurrency/missing-resource-requests']);
  });

  it('says where the other object of a relation is (JSON related, SARIF relatedLocations)', () => {
    const json = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', 'samples/two'], { cwd: dir, encoding: 'utf8' });
    const finding = (JSON.parse(json.stdout).findings as JsonFinding[]).find((f) => f.rule === 'concurrency/replicas-with-hpa');
    assert.ok(finding, json.stdout);
    assert.deepEqual(finding.related?.map((r) => `${r.file}:${r.line}`), ['samples/two/hpa.yaml:2']);
    assert.match(finding.related![0].message, /HorizontalPodAutoscaler/);
    const sarif = spawnSync(process.execPath, [CLI, '--format', 'sarif', '--no-fail', 'samples/three'], { cwd: dir, encoding: 'utf8' });
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    const readiness = results.find((r) => r.ruleId === 'disposability/missing-readiness-probe');
    assert.equal(readiness?.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'samples/three/service.yaml');
  });
});

describe("the relations' order is the CLI walk's", () => {
  it('walkOrder lists files as collectFiles walks them, whatever order they are given in', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-walk-'));
    try {
      const names = ['b.yaml', 'b/x.yaml', 'b/a/y.yaml', 'a b.yaml', 'B.yaml', 'é.yaml', 'z/Dockerfile', 'z.yaml', 'a-b/c.yaml', 'a/c.yaml', 'a.b/c.yaml'];
      for (const name of names) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), 'kind: ConfigMap\n');
      }
      const walked = collectFiles([root], { warn: () => undefined, fail: (message) => assert.fail(message) }, () => true).map((path) => pathToFileURL(path).href);
      assert.equal(walked.length, names.length);
      assert.deepEqual(walkOrder([...walked].reverse()), walked);
      assert.deepEqual(walkOrder(names.map((name) => pathToFileURL(join(root, name)).href)), walked);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('a moving tag an overlay writes over the same tag in its base (review set 75: chalcedonyt/gdgdemo-k8s)', () => {
  it('is reported where that overlay writes it, when another overlay pins the image', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-overlay-tag-'));
    try {
      const files: Record<string, string> = {
        'base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: reg.io/app:latest\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n',
        'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
        'overlays/prod/kustomization.yaml': 'resources: [../../base]\nimages:\n  - name: reg.io/app\n    newTag: "1.2.0"\n',
        'overlays/dev/kustomization.yaml': 'resources: [../../base]\nimages:\n  - name: reg.io/app\n    newTag: latest\n',
      };
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), text);
      }
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { cwd: root, encoding: 'utf8' });
      const found = (JSON.parse(run.stdout).findings as { rule: string; file: string; line: number; message: string; related?: { file: string; line: number }[] }[]).filter((f) => f.rule === 'build-release-run/mutable-image-tag');
      assert.deepEqual(found.map((f) => `${f.file}:${f.line}`), ['base/deployment.yaml:14']);
      assert.match(found[0].message, /moving tag `latest`, which `overlays\/dev\/kustomization\.yaml` sets/);
      assert.deepEqual(found[0].related?.map((r) => `${r.file}:${r.line}`), ['overlays/dev/kustomization.yaml:4']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('a patch fragment in an overlay folder (review set 88: Cypherspark/sms-gateway)', () => {
  it("is judged as the patch its kustomization applies, and not at all when none applies it", () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-fragment-'));
    try {
      const fragment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/x/api:latest\n';
      const files: Record<string, string> = {
        'base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/x/api:1.0.0\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n',
        'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
        'overlays/dev/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: applied-patch.yaml\n',
        'overlays/dev/applied-patch.yaml': fragment,
        'overlays/dev/image-patch.yaml': fragment,
      };
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, name)), { recursive: true });
        writeFileSync(join(root, name), text);
      }
      const run = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { cwd: root, encoding: 'utf8' });
      const found = (JSON.parse(run.stdout).findings as { rule: string; file: string; line: number }[]).map((f) => `${f.file}:${f.line} ${f.rule}`);
      // The applied patch sets the tag the dev build runs; the other one is in no build (nor are its missing requests).
      assert.deepEqual(found, ['overlays/dev/applied-patch.yaml:10 build-release-run/mutable-image-tag']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
