// Relations across files prefer the nearest objects: the same file, then the same folder.
// Two variants of one app side by side (dev/ and prod/, a good and a bad example) do not mix.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { KubernetesModel } from '../../server/src/core/kubernetes/model';
import { SourceText } from '../../server/src/core/source';
import { workspaceOf } from '../../server/src/core/rule';
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

// ---------------------------------------------------------------------------------------------
// Kustomize builds: relations compare objects as the build makes them (namespace, names, labels).

import { analyzeParsed, parseDocument, type ParsedDocument } from '../../server/src/core/analyze';
import { relatedObjects } from '../../server/src/related-objects';
import { podsSelectedBy, servicesSelecting, autoscalersOf } from '../../server/src/core/kubernetes/selectors';
import { relationIndex } from '../../server/src/core/kubernetes/relation-index';
import { createWorkspace } from '../../server/src/core/rule';
import type { KubeObject } from '../../server/src/core/kubernetes/model';
import serviceSelectsNothing from '../../server/src/core/rules/kubernetes/port-binding/service-selects-nothing';
import hpaTargetMissing from '../../server/src/core/rules/kubernetes/concurrency/hpa-target-missing';

/** Parses a tree the way the CLI does and answers, per file, its objects and those of its application. */
function tree(files: Record<string, string>) {
  const parsed = new Map<string, ParsedDocument>(Object.entries(files).map(([path, text]) => [`file:///t/${path}`, parseDocument({ uri: `file:///t/${path}`, languageId: 'yaml', text })]));
  const related = relatedObjects({ uris: [...parsed.keys()], textOf: (u) => parsed.get(u)!.source.text, objectsOf: (u) => parsed.get(u)?.kubernetes?.objects ?? [] });
  return {
    own: (path: string) => parsed.get(`file:///t/${path}`)!.kubernetes!.objects,
    workspace: (path: string) => related(`file:///t/${path}`),
    lint: (path: string, rule: typeof serviceSelectsNothing) => {
      const uri = `file:///t/${path}`;
      return analyzeParsed(parsed.get(uri)!, { rules: [rule], workspaceObjects: related(uri) }).findings.map((f) => f.ruleId);
    },
  };
}

const kDeployment = (name: string, labels: string, namespace?: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: app, image: example.com/app:1.0.0}]
`;
const kService = (name: string, selector: string, namespace?: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  selector: ${selector}
  ports: [{port: 80}]
`;
const kHpa = (target: string) => hpa.replace('kind: Deployment, name: web}', `kind: Deployment, name: ${target}}`);
const names = (objects: readonly KubeObject[]) => objects.map((o) => `${o.uri.slice('file:///t/'.length)}#${o.name}`).sort();

it('compares namespaces after the overlay sets them: a base object joins its overlay\'s namespace, not another', () => {
  const t = tree({
    'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'base/deploy.yaml': kDeployment('web', '{app: web}'),
    'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base, svc.yaml]\n',
    // In the build: Kustomize moves it to prod whatever it says.
    'overlays/prod/svc.yaml': kService('in-build', '{app: web}', 'staging'),
    // Outside the build (named by no kustomization): as written.
    'overlays/prod/extra/svc-prod.yaml': kService('outside-prod', '{app: web}', 'prod'),
    'overlays/prod/extra/svc-staging.yaml': kService('outside-staging', '{app: web}', 'staging'),
  });
  const deploy = t.own('base/deploy.yaml')[0];
  assert.deepEqual(names(servicesSelecting(deploy, t.workspace('base/deploy.yaml'))), ['overlays/prod/extra/svc-prod.yaml#outside-prod', 'overlays/prod/svc.yaml#in-build']);
  const fromOutside = t.own('overlays/prod/extra/svc-staging.yaml')[0];
  assert.deepEqual(podsSelectedBy(fromOutside, t.workspace('overlays/prod/extra/svc-staging.yaml')), []);
  assert.deepEqual(names(podsSelectedBy(t.own('overlays/prod/extra/svc-prod.yaml')[0], t.workspace('overlays/prod/extra/svc-prod.yaml'))), ['base/deploy.yaml#web']);
  // As written (no namespace on the Deployment) the staging Service would have selected it.
  const unbuilt = tree({ 'base/deploy.yaml': kDeployment('web', '{app: web}'), 'base/extra/svc-staging.yaml': kService('outside-staging', '{app: web}', 'staging') });
  assert.equal(podsSelectedBy(unbuilt.own('base/extra/svc-staging.yaml')[0], unbuilt.workspace('base/extra/svc-staging.yaml')).length, 1);
});

it('relates two overlays\' objects only within each build: dev and prod set different namespaces', () => {
  const t = tree({
    'base/kustomization.yaml': 'resources: [deploy.yaml, svc.yaml]\n',
    'base/deploy.yaml': kDeployment('web', '{app: web}'),
    'base/svc.yaml': kService('web', '{app: web}'),
    'dev/kustomization.yaml': 'namespace: dev\nresources: [../base]\n',
    'prod/kustomization.yaml': 'namespace: prod\nresources: [../base]\n',
  });
  // Each build places both in its namespace: they relate (in dev, and in prod).
  assert.equal(servicesSelecting(t.own('base/deploy.yaml')[0], t.workspace('base/deploy.yaml')).length, 1);
  assert.deepEqual(t.lint('base/svc.yaml', serviceSelectsNothing), []);
});

it('matches selectors as commonLabels and labels make them, on both sides of the build', () => {
  const t = tree({
    'base/kustomization.yaml': 'resources: [deploy.yaml, svc.yaml, pod.yaml]\n',
    'base/deploy.yaml': kDeployment('web', '{app: web}'),
    'base/svc.yaml': kService('web', '{app: web}'),
    'base/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {app: solo}}\nspec:\n  containers: [{name: app, image: example.com/app:1.0.0}]\n',
    'overlays/prod/kustomization.yaml': [
      'commonLabels: {tier: fe}',
      'labels:',
      '  - pairs: {owner: team-a}',
      '  - pairs: {ring: one}',
      '    includeTemplates: true',
      'resources: [../../base]',
      '',
    ].join('\n'),
    // Outside the build: these select only what the build adds.
    'overlays/prod/extra/by-common.yaml': kService('by-common', '{app: web, tier: fe}'),
    'overlays/prod/extra/by-template.yaml': kService('by-template', '{app: web, ring: one}'),
    'overlays/prod/extra/by-metadata.yaml': kService('by-metadata', '{app: web, owner: team-a}'),
    'overlays/prod/extra/pod-by-metadata.yaml': kService('pod-by-metadata', '{app: solo, owner: team-a}'),
    // A workload outside the build: the build's Service now also asks for tier: fe, which it lacks.
    'overlays/prod/extra/old.yaml': kDeployment('old', '{app: old}'),
    'overlays/prod/extra/old-svc.yaml': kService('old', '{app: old}'),
  });
  const selected = (path: string) => names(podsSelectedBy(t.own(path)[0], t.workspace(path)));
  assert.deepEqual(selected('overlays/prod/extra/by-common.yaml'), ['base/deploy.yaml#web']);
  assert.deepEqual(selected('overlays/prod/extra/by-template.yaml'), ['base/deploy.yaml#web']);
  // `labels:` without includeSelectors/includeTemplates reach metadata only: not a Deployment's pods, but a Pod's own labels.
  assert.deepEqual(selected('overlays/prod/extra/by-metadata.yaml'), []);
  assert.deepEqual(selected('overlays/prod/extra/pod-by-metadata.yaml'), ['base/pod.yaml#solo']);
  // Inside the build, the Service and its pods both got tier: fe: still a match.
  assert.deepEqual(selected('base/svc.yaml'), ['base/deploy.yaml#web']);
  // A Service outside the build with the plain selector still matches the built pods (they keep app: web).
  assert.deepEqual(selected('overlays/prod/extra/old-svc.yaml'), ['overlays/prod/extra/old.yaml#old']);
});

it('lets a build\'s selector stop matching pods that only one side labels', () => {
  const t = tree({
    'app/kustomization.yaml': 'commonLabels: {tier: fe}\nresources: [svc.yaml]\n',
    'app/svc.yaml': kService('web', '{app: web}'),
    // Named by no kustomization: deployed as written, without tier: fe.
    'app/deploy.yaml': kDeployment('web', '{app: web}'),
  });
  assert.deepEqual(podsSelectedBy(t.own('app/svc.yaml')[0], t.workspace('app/svc.yaml')), []);
  assert.deepEqual(t.lint('app/svc.yaml', serviceSelectsNothing), ['port-binding/service-selects-nothing']);
  // Without the commonLabels, the same tree relates.
  const plain = tree({ 'app/kustomization.yaml': 'resources: [svc.yaml]\n', 'app/svc.yaml': kService('web', '{app: web}'), 'app/deploy.yaml': kDeployment('web', '{app: web}') });
  assert.deepEqual(plain.lint('app/svc.yaml', serviceSelectsNothing), []);
});

it('matches references by name as the build rewrites them, and built names from outside the build', () => {
  const t = tree({
    'base/kustomization.yaml': 'resources: [deploy.yaml, hpa.yaml]\n',
    'base/deploy.yaml': kDeployment('web', '{app: web}'),
    'base/hpa.yaml': kHpa('web'),
    'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -v2\nresources: [../../base]\n',
    // Outside the build, naming the Deployment as the build names it, as written, or wrongly.
    'overlays/prod/extra/hpa-built.yaml': kHpa('prod-web-v2'),
    'overlays/prod/extra/hpa-written.yaml': kHpa('web'),
    'overlays/prod/extra/hpa-wrong.yaml': kHpa('dev-web'),
  });
  const deploy = t.own('base/deploy.yaml')[0];
  const workspace = t.workspace('base/deploy.yaml');
  assert.deepEqual(names(autoscalersOf(deploy, workspace)), ['base/hpa.yaml#web', 'overlays/prod/extra/hpa-built.yaml#web', 'overlays/prod/extra/hpa-written.yaml#web']);
  assert.deepEqual(names(relationIndex(createWorkspace(workspace)).hpasTargeting(deploy)), names(autoscalersOf(deploy, workspace)));
  assert.deepEqual(t.lint('base/hpa.yaml', hpaTargetMissing), []);
  assert.deepEqual(t.lint('overlays/prod/extra/hpa-built.yaml', hpaTargetMissing), []);
  assert.deepEqual(t.lint('overlays/prod/extra/hpa-wrong.yaml', hpaTargetMissing), ['concurrency/hpa-target-missing']);
  // An HPA in the build that names `prod-web-v2`, the name the build gives the Deployment: no object is written with
  // that name, so Kustomize leaves the reference as it is (`kubectl kustomize` keeps `prod-web-v2`), and it names the
  // Deployment; a name no object has, written or built, names nothing.
  const inBuild = tree({
    'k/kustomization.yaml': 'namePrefix: prod-\nnameSuffix: -v2\nresources: [deploy.yaml, hpa.yaml, hpa-wrong.yaml]\n',
    'k/deploy.yaml': kDeployment('web', '{app: web}'),
    'k/hpa.yaml': kHpa('prod-web-v2'),
    'k/hpa-wrong.yaml': kHpa('prod-web'),
  });
  assert.deepEqual(names(autoscalersOf(inBuild.own('k/deploy.yaml')[0], inBuild.workspace('k/deploy.yaml'))), ['k/hpa.yaml#web']);
  assert.deepEqual(inBuild.lint('k/hpa-wrong.yaml', hpaTargetMissing), ['concurrency/hpa-target-missing']);
});

it('keeps objects as written when no kustomization names their file', () => {
  const t = tree({ 'a/deploy.yaml': kDeployment('web', '{app: web}', 'prod'), 'a/svc.yaml': kService('web', '{app: web}', 'staging'), 'a/svc2.yaml': kService('web', '{app: web}') });
  assert.deepEqual(podsSelectedBy(t.own('a/svc.yaml')[0], t.workspace('a/svc.yaml')), []);
  assert.equal(podsSelectedBy(t.own('a/svc2.yaml')[0], t.workspace('a/svc2.yaml')).length, 1);
});

it('an Ingress outside the build names the Service by its built name; inside the build, as written', async () => {
  const { default: ingressBackendMissing } = await import('../../server/src/core/rules/kubernetes/port-binding/ingress-backend-missing');
  const ingress = (service: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: ${service}, port: {number: 80}}}
`;
  const t = tree({
    'base/kustomization.yaml': 'resources: [svc.yaml, ingress.yaml]\n',
    'base/svc.yaml': kService('web', '{app: web}'),
    'base/ingress.yaml': ingress('web'),
    'overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources: [../../base]\n',
    'overlays/prod/extra/ingress-built.yaml': ingress('prod-web'),
    'overlays/prod/extra/ingress-wrong.yaml': ingress('staging-web'),
  });
  assert.deepEqual(t.lint('base/ingress.yaml', ingressBackendMissing), []);
  assert.deepEqual(t.lint('overlays/prod/extra/ingress-built.yaml', ingressBackendMissing), []);
  assert.deepEqual(t.lint('overlays/prod/extra/ingress-wrong.yaml', ingressBackendMissing), ['port-binding/ingress-backend-missing']);
});

it("a Kustomize Component that no kustomization includes is completed by a base it does not name: nothing it refers to is missing", () => {
  // microservices-demo's kustomize/components/autoscaling: HPAs for the base's Deployments, and a metrics-server.
  const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [hpa.yaml, metrics-server.yaml, svc.yaml]\n';
  const files = {
    'components/autoscaling/kustomization.yaml': component,
    'components/autoscaling/hpa.yaml': kHpa('frontend'),
    'components/autoscaling/metrics-server.yaml': kDeployment('metrics-server', '{k8s-app: metrics-server}'),
    'components/autoscaling/svc.yaml': kService('frontend-external', '{app: frontend}'),
  };
  const alone = tree(files);
  assert.deepEqual(alone.lint('components/autoscaling/hpa.yaml', hpaTargetMissing), []);
  assert.deepEqual(alone.lint('components/autoscaling/svc.yaml', serviceSelectsNothing), []);
  // Included by an overlay with its base, it is part of a build that is deployed: what is missing there is missing.
  const built = tree({
    ...files,
    'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'base/deploy.yaml': kDeployment('front', '{app: front}'),
    'overlay/kustomization.yaml': 'resources: [../base]\ncomponents: [../components/autoscaling]\n',
  });
  assert.deepEqual(built.lint('components/autoscaling/hpa.yaml', hpaTargetMissing), ['concurrency/hpa-target-missing']);
  assert.deepEqual(built.lint('components/autoscaling/svc.yaml', serviceSelectsNothing), ['port-binding/service-selects-nothing']);
  // A plain kustomization (a Kustomization, not a Component) that is its own root is deployed as it is.
  const plain = tree({ ...files, 'components/autoscaling/kustomization.yaml': 'resources: [hpa.yaml, metrics-server.yaml, svc.yaml]\n' });
  assert.deepEqual(plain.lint('components/autoscaling/hpa.yaml', hpaTargetMissing), ['concurrency/hpa-target-missing']);
});

it('a file with a document lost to a syntax error concludes nothing is missing: the lost document may hold it', () => {
  // microservices-demo's shoppingassistantservice.yaml: stash markers in the Deployment, the Service after it.
  const broken = kDeployment('assistant', '{app: assistant}').replace('    spec:\n', '    spec:\n<<<<<<< Updated upstream\n=======\n>>>>>>> Stashed changes\n');
  const text = `${kDeployment('other', '{app: other}')}---\n${broken}---\n${kService('assistant', '{app: assistant}')}`;
  const t = tree({ 'app/all.yaml': text });
  assert.ok(parseDocument({ uri: 'file:///t/app/all.yaml', languageId: 'yaml', text }).parseProblems.length > 0);
  assert.deepEqual(t.lint('app/all.yaml', serviceSelectsNothing), []);
  const whole = tree({ 'app/all.yaml': `${kDeployment('other', '{app: other}')}---\n${kService('assistant', '{app: assistant}')}` });
  assert.deepEqual(whole.lint('app/all.yaml', serviceSelectsNothing), ['port-binding/service-selects-nothing']);
});

it("one application's workspace serves every file of it, indexed once; a list without the file's own objects puts them first", () => {
  const web = objects('file:///repo/app/deployment.yaml', deployment(true));
  const scaler = objects('file:///repo/app/hpa.yaml', hpa);
  const application = [...web, ...scaler];
  // The CLI and the analysis worker pass the application's objects, the analysed file's own parse among them.
  const forWeb = workspaceOf('file:///repo/app/deployment.yaml', web, application);
  const forScaler = workspaceOf('file:///repo/app/hpa.yaml', scaler, application);
  assert.equal(forWeb, forScaler);
  assert.equal(forWeb.objects, application);
  assert.equal(forWeb.ofKind('HorizontalPodAutoscaler'), forScaler.ofKind('HorizontalPodAutoscaler'));
  // Another parse of the same file (an edit not yet in the list): the list's copy is left out, this one goes first.
  const edited = objects('file:///repo/app/hpa.yaml', hpa);
  const fresh = workspaceOf('file:///repo/app/hpa.yaml', edited, application);
  assert.notEqual(fresh, forWeb);
  assert.deepEqual(fresh.objects, [...edited, ...web]);
  // Only the other files' objects: this file's come first, as before.
  assert.deepEqual(workspaceOf('file:///repo/app/hpa.yaml', scaler, web).objects, [...scaler, ...web]);
  // An analysis through the shared workspace finds what one through a list of its own finds.
  const parsed = parseDocument({ uri: 'file:///repo/app/hpa.yaml', languageId: 'yaml', text: hpa });
  const own = parsed.kubernetes!.objects;
  const noRequests = objects('file:///repo/app/deployment.yaml', deployment(false));
  const shared = analyzeParsed(parsed, { rules: [hpaWithoutRequests], workspaceObjects: [...noRequests, ...own] }).findings.map((f) => f.ruleId);
  assert.deepEqual(shared, ['concurrency/hpa-without-requests']);
  assert.deepEqual(analyzeParsed(parsed, { rules: [hpaWithoutRequests], workspaceObjects: noRequests }).findings.map((f) => f.ruleId), shared);
});
