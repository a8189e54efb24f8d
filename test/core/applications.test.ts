// Application boundaries: which files may relate to which (shared by the CLI and the server).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationIndex, kustomizationReferences, kustomizationTransform, resolveReference, walkOrder } from '../../server/src/core/applications';
import { isManifestTemplatePath } from '../../server/src/core/foreign-templates';

const R = 'file:///repo';

function index(files: Record<string, string>): ApplicationIndex {
  const uris = Object.keys(files).map((f) => `${R}/${f}`);
  const kustomizations = new Map(Object.entries(files).filter(([f]) => /(^|\/)kustomization\.ya?ml$/.test(f)).map(([f, text]) => [`${R}/${f}`, text]));
  return new ApplicationIndex({ uris, kustomizations });
}

function related(ix: ApplicationIndex, file: string): string[] {
  return ix.relatedFiles(`${R}/${file}`).map((u) => u.slice(R.length + 1)).sort();
}

describe('application boundaries', () => {
  it('relates a folder to the folders above and below it, not to its siblings', () => {
    const ix = index({ 'a/deploy.yaml': '', 'a/k8s/svc.yaml': '', 'b/deploy.yaml': '', 'top.yaml': '' });
    assert.deepEqual(related(ix, 'a/deploy.yaml'), ['a/deploy.yaml', 'a/k8s/svc.yaml', 'top.yaml']);
    assert.deepEqual(related(ix, 'a/k8s/svc.yaml'), ['a/deploy.yaml', 'a/k8s/svc.yaml', 'top.yaml']);
    assert.deepEqual(related(ix, 'b/deploy.yaml'), ['b/deploy.yaml', 'top.yaml']);
  });

  it('finds the folders below one by name, not by a look-alike: a-b, a.b and ab are siblings of a, a/b is below it', () => {
    const ix = index({ 'a/d.yaml': '', 'a-b/d.yaml': '', 'a.b/d.yaml': '', 'ab/d.yaml': '', 'a/b/d.yaml': '', 'a/b/c/d.yaml': '', 'a/b-c/d.yaml': '', 'b/d.yaml': '' });
    assert.deepEqual(related(ix, 'a/d.yaml'), ['a/b-c/d.yaml', 'a/b/c/d.yaml', 'a/b/d.yaml', 'a/d.yaml']);
    assert.deepEqual(related(ix, 'a/b/d.yaml'), ['a/b/c/d.yaml', 'a/b/d.yaml', 'a/d.yaml']);
    assert.deepEqual(related(ix, 'a-b/d.yaml'), ['a-b/d.yaml']);
    // The order the objects reach the rules in (which of two equally near Services a finding names) is the
    // walk's, whatever order the files were given in: the server reads them concurrently and lists open tabs first.
    const unsorted = index({ 'z/d.yaml': '', 'z/y/d.yaml': '', 'z/a/d.yaml': '', 'z/m/d.yaml': '' });
    assert.deepEqual(
      unsorted.relatedFiles(`${R}/z/d.yaml`).map((u) => u.slice(R.length + 1)),
      ['z/d.yaml', 'z/a/d.yaml', 'z/m/d.yaml', 'z/y/d.yaml'],
    );
  });

  it('answers the same, in the same order, whatever order the files come in', () => {
    const files = ['top.yaml', 'a/deploy.yaml', 'a/k8s/svc.yaml', 'a/k8s/z/hpa.yaml', 'a/b.yaml', 'a/b/c.yaml', 'k/kustomization.yaml', 'k/d.yaml', 'base/kustomization.yaml', 'base/s.yaml'];
    const texts: Record<string, string> = { 'k/kustomization.yaml': 'resources: [d.yaml, ../base]', 'base/kustomization.yaml': 'resources: [s.yaml]' };
    const build = (order: string[]) => new ApplicationIndex({ uris: order.map((f) => `${R}/${f}`), kustomizations: new Map(Object.entries(texts).map(([f, t]) => [`${R}/${f}`, t])) });
    const forward = build(files);
    const backward = build([...files].reverse());
    const shuffled = build([files[3], files[7], files[0], files[9], files[1], files[5], files[8], files[2], files[6], files[4]]);
    for (const file of files) {
      const expected = forward.relatedFiles(`${R}/${file}`);
      assert.deepEqual(backward.relatedFiles(`${R}/${file}`), expected, file);
      assert.deepEqual(shuffled.relatedFiles(`${R}/${file}`), expected, file);
      assert.deepEqual(backward.pinnedImages(`${R}/${file}`), forward.pinnedImages(`${R}/${file}`), file);
    }
  });

  it('orders files as the CLI walks folders: entries by name, a folder where its name sorts, names decoded', () => {
    const uris = ['file:///r/b.yaml', 'file:///r/b/x.yaml', 'file:///r/a%20b.yaml', 'file:///r/B.yaml', 'file:///r/b/a/y.yaml', 'file:///r/%C3%A9.yaml', 'file:///r/z.yaml'];
    assert.deepEqual(walkOrder(uris), ['file:///r/B.yaml', 'file:///r/a%20b.yaml', 'file:///r/b/a/y.yaml', 'file:///r/b/x.yaml', 'file:///r/b.yaml', 'file:///r/z.yaml', 'file:///r/%C3%A9.yaml']);
    assert.deepEqual(walkOrder([...uris].reverse()), walkOrder(uris));
  });

  it('stops at a chart or a kustomization: the folder above does not reach into it', () => {
    const ix = index({ 'app.yaml': '', 'chart/Chart.yaml': '', 'chart/templates/d.yaml': '', 'k/kustomization.yaml': 'resources: [d.yaml]', 'k/d.yaml': '' });
    assert.deepEqual(related(ix, 'app.yaml'), ['app.yaml']);
    assert.deepEqual(related(ix, 'chart/templates/d.yaml'), ['chart/Chart.yaml', 'chart/templates/d.yaml']);
    assert.deepEqual(related(ix, 'k/d.yaml'), ['k/d.yaml', 'k/kustomization.yaml']);
  });

  it("relates a chart's templates across its folders, and not to a subchart's (review set 72: ietf-tools/www)", () => {
    const ix = index({ 'chart/Chart.yaml': '', 'chart/templates/deployments/web.yaml': '', 'chart/templates/services/web.yaml': '', 'chart/charts/db/Chart.yaml': '', 'chart/charts/db/templates/s.yaml': '', 'plain/a/d.yaml': '', 'plain/b/s.yaml': '' });
    assert.deepEqual(related(ix, 'chart/templates/services/web.yaml'), ['chart/Chart.yaml', 'chart/templates/deployments/web.yaml', 'chart/templates/services/web.yaml']);
    assert.deepEqual(related(ix, 'chart/charts/db/templates/s.yaml'), ['chart/charts/db/Chart.yaml', 'chart/charts/db/templates/s.yaml']);
    // Outside a chart, sibling folders stay apart.
    assert.deepEqual(related(ix, 'plain/a/d.yaml'), ['plain/a/d.yaml']);
  });

  it('takes a Kustomize base into the overlays that name it, and shows the base the patches of its overlays', () => {
    const ix = index({
      'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - svc.yaml\n',
      'base/deploy.yaml': '',
      'base/svc.yaml': '',
      'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - hpa.yaml\n',
      'overlays/prod/hpa.yaml': '',
      'overlays/dev/kustomization.yaml': 'bases: [../../base]\n',
      'overlays/dev/patch.yaml': '',
    });
    assert.deepEqual(related(ix, 'overlays/prod/hpa.yaml'), ['base/deploy.yaml', 'base/kustomization.yaml', 'base/svc.yaml', 'overlays/prod/hpa.yaml', 'overlays/prod/kustomization.yaml']);
    // The base sees the overlays that take it in (their patches complete its objects).
    assert.deepEqual(related(ix, 'base/deploy.yaml'), [
      'base/deploy.yaml',
      'base/kustomization.yaml',
      'base/svc.yaml',
      'overlays/dev/kustomization.yaml',
      'overlays/dev/patch.yaml',
      'overlays/prod/hpa.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
    assert.ok(!related(ix, 'overlays/dev/patch.yaml').includes('overlays/prod/hpa.yaml'), 'two overlays are two applications');
  });

  it('shows a base what else the overlays that take it in deploy with it: a sibling folder both name', () => {
    // Argo CD's manifests/base: notification/ reads a ConfigMap of config/, and base/kustomization.yaml takes in both.
    const ix = index({
      'kustomization.yaml': 'resources: [./notification, ./config]\n',
      'notification/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'notification/deploy.yaml': '',
      'config/kustomization.yaml': 'resources: [tls-certs-cm.yaml]\n',
      'config/tls-certs-cm.yaml': '',
      'other/kustomization.yaml': 'resources: [cm.yaml]\n',
      'other/cm.yaml': '',
    });
    assert.deepEqual(related(ix, 'notification/deploy.yaml'), ['config/kustomization.yaml', 'config/tls-certs-cm.yaml', 'kustomization.yaml', 'notification/deploy.yaml', 'notification/kustomization.yaml']);
  });

  it('follows builds transitively and survives a cycle', () => {
    const ix = index({ 'a/kustomization.yaml': 'resources: [../b]', 'a/x.yaml': '', 'b/kustomization.yaml': 'resources: [../c, ../a]', 'b/y.yaml': '', 'c/kustomization.yaml': '', 'c/z.yaml': '' });
    assert.deepEqual(related(ix, 'a/x.yaml'), ['a/kustomization.yaml', 'a/x.yaml', 'b/kustomization.yaml', 'b/y.yaml', 'c/kustomization.yaml', 'c/z.yaml']);
  });

  it('answers for a file it was not given (an unsaved buffer) with its folder family', () => {
    const ix = index({ 'a/deploy.yaml': '' });
    assert.deepEqual(related(ix, 'a/new.yaml'), ['a/deploy.yaml', 'a/new.yaml']);
  });
});

describe('kustomization references', () => {
  it('reads resources, bases and components, and ignores remote ones', () => {
    assert.deepEqual(kustomizationReferences('resources: [a.yaml, ../base]\nbases: [x]\ncomponents: [c]\n'), ['a.yaml', '../base', 'x', 'c']);
    assert.equal(resolveReference(`${R}/o/p`, 'github.com/org/repo//base?ref=v1'), undefined);
    assert.equal(resolveReference(`${R}/o/p`, 'https://example.com/x.yaml'), undefined);
    assert.equal(resolveReference(`${R}/o/p`, '../../base'), `${R}/base`);
    assert.equal(resolveReference(`${R}/o`, './d.yaml'), `${R}/o/d.yaml`);
  });

  it('knows the files a kustomization names as patches, by path or as a bare name, and not its inline patches', () => {
    const ix = index({
      'app/overlays/qa/kustomization.yaml': 'resources: [../../base]\npatches:\n  - path: version.yml\n  - replicas.yml\n  - target: {kind: Deployment}\n    patch: |-\n      - op: remove\n        path: /spec/replicas\n',
      'app/overlays/qa/version.yml': '',
      'app/overlays/qa/replicas.yml': '',
      'app/overlays/old/kustomization.yaml': 'bases: [../../base]\npatchesStrategicMerge:\n  - ../shared/limits.yaml\n  - |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n',
      'app/overlays/shared/limits.yaml': '',
      'app/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'app/base/deploy.yaml': '',
    });
    const patch = (f: string) => ix.isPatchFile(`${R}/${f}`);
    assert.deepEqual(['app/overlays/qa/version.yml', 'app/overlays/qa/replicas.yml', 'app/overlays/shared/limits.yaml'].map(patch), [true, true, true]);
    assert.deepEqual(['app/base/deploy.yaml', 'app/overlays/qa/kustomization.yaml'].map(patch), [false, false]);
  });

  it('treats a kustomization that does not parse as naming nothing', () => {
    assert.deepEqual(kustomizationReferences('resources: [\n'), []);
    assert.deepEqual(kustomizationReferences('just text'), []);
  });
});

describe('what a Kustomize build does to its objects (namespace, names, labels)', () => {
  const builds = (ix: ApplicationIndex, file: string) =>
    ix.buildsOf(`${R}/${file}`).map((b) => ({ ...b, root: b.root.slice(R.length + 1) }));

  it('reads namespace, namePrefix/nameSuffix, commonLabels and labels with their include flags', () => {
    const t = kustomizationTransform(
      [
        'namespace: prod',
        'namePrefix: p-',
        'nameSuffix: -s',
        'commonLabels: {team: a, version: 2}',
        'labels:',
        '  - pairs: {owner: me}',
        '  - pairs: {tier: web}',
        '    includeSelectors: true',
        '  - pairs: {canary: "no"}',
        '    includeTemplates: true',
      ].join('\n'),
    );
    assert.equal(t.namespace, 'prod');
    assert.equal(t.namePrefix, 'p-');
    assert.equal(t.nameSuffix, '-s');
    assert.deepEqual(t.metadataLabels, { team: 'a', version: '2', owner: 'me', tier: 'web', canary: 'no' });
    assert.deepEqual(t.selectorLabels, { team: 'a', version: '2', tier: 'web' });
    assert.deepEqual(t.templateLabels, { team: 'a', version: '2', tier: 'web', canary: 'no' });
    assert.deepEqual(kustomizationTransform('resources: [\n'), { namePrefix: '', nameSuffix: '', metadataLabels: {}, selectorLabels: {}, templateLabels: {} });
    // `replicas:` entries with a name and a count, each with the kustomization's folder.
    const counted = kustomizationTransform('replicas:\n  - name: web\n    count: 2\n  - {name: api, count: "3"}\n  - {name: worker}\n  - count: 1\n', 'file:///k/prod');
    assert.deepEqual(counted.replicas, [{ name: 'web', folder: 'file:///k/prod', count: 2 }, { name: 'api', folder: 'file:///k/prod', count: 3 }]);
    // Strategic-merge patch files come first (Kustomize applies `replicas:` after patches); a file of JSON 6902
    // operations aimed at one object may set its count (unknown); a patch aimed at no one object and an inline patch
    // without a target are not read for replica counts.
    const patched = kustomizationTransform(
      'replicas: [{name: web, count: 4}]\npatches:\n  - path: replicas.yaml\n  - {path: ops.yaml, target: {kind: Deployment}}\n  - patch: "x"\npatchesStrategicMerge: [../shared/counts.yaml]\npatchesJson6902: [{path: j.yaml, target: {kind: Deployment, name: web}}]\n',
      'file:///k/prod',
    );
    // An inline patch aimed at one Deployment that sets its count: a JSON 6902 `replace`, or a strategic merge; a target
    // by pattern names no one object.
    const inline = kustomizationTransform(
      'patches:\n  - target: {kind: Deployment, name: api}\n    patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 3\n' +
        '  - target: {kind: StatefulSet, name: db}\n    patch: |-\n      kind: StatefulSet\n      metadata: {name: db}\n      spec: {replicas: 1}\n' +
        '  - target: {kind: Deployment, name: "web-.*"}\n    patch: |-\n      - {op: replace, path: /spec/replicas, value: 5}\n' +
        '  - target: {kind: Deployment, name: api}\n    patch: |-\n      - {op: remove, path: /spec/template/spec/serviceAccountName}\n',
      'file:///k/prod',
    );
    assert.deepEqual(inline.replicas, [
      { name: 'api', kind: 'Deployment', folder: 'file:///k/prod', count: 3, aimed: 'inline' },
      { name: 'db', kind: 'StatefulSet', folder: 'file:///k/prod', count: 1, aimed: 'inline' },
    ]);
    assert.deepEqual(patched.replicas, [
      { patch: 'file:///k/shared/counts.yaml', folder: 'file:///k/prod' },
      { patch: 'file:///k/prod/replicas.yaml', folder: 'file:///k/prod' },
      { name: 'web', kind: 'Deployment', folder: 'file:///k/prod', aimed: 'unread' },
      { name: 'web', folder: 'file:///k/prod', count: 4 },
    ]);
  });

  it('composes a base with each overlay that takes it in: the outer namespace and labels win, prefixes nest', () => {
    const ix = index({
      'base/kustomization.yaml': 'namespace: base\nnamePrefix: b-\nnameSuffix: -b\ncommonLabels: {app: web, tier: x}\nresources: [deploy.yaml]\n',
      'base/deploy.yaml': '',
      'base/unlisted.yaml': '',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nnameSuffix: -v1\ncommonLabels: {tier: fe}\nresources: [../../base, svc.yaml]\n',
      'overlays/prod/svc.yaml': '',
      'overlays/dev/kustomization.yaml': 'resources: [../../base]\n',
    });
    const base = builds(ix, 'base/deploy.yaml').sort((a, b) => a.root.localeCompare(b.root));
    assert.deepEqual(
      base.map((b) => [b.root, b.namespace, b.namePrefix, b.nameSuffix, b.selectorLabels]),
      [
        ['overlays/dev', 'base', 'b-', '-b', { app: 'web', tier: 'x' }],
        ['overlays/prod', 'prod', 'prod-b-', '-b-v1', { app: 'web', tier: 'fe' }],
      ],
    );
    assert.deepEqual(builds(ix, 'overlays/prod/svc.yaml').map((b) => [b.root, b.namespace, b.namePrefix]), [['overlays/prod', 'prod', 'prod-']]);
    // Not named by any kustomization (a patch, a stray file): as written.
    assert.deepEqual(builds(ix, 'base/unlisted.yaml'), []);
    assert.deepEqual(builds(ix, 'elsewhere/x.yaml'), []);
  });

  it('survives a cycle of kustomizations and bounds the builds of a diamond', () => {
    const cyclic = index({ 'a/kustomization.yaml': 'resources: [../b, x.yaml]', 'a/x.yaml': '', 'b/kustomization.yaml': 'namespace: nb\nresources: [../a]' });
    assert.deepEqual(builds(cyclic, 'a/x.yaml').map((b) => [b.root, b.namespace]), [['b', 'nb']]);
    const files: Record<string, string> = { 'k0/kustomization.yaml': 'resources: [x.yaml]', 'k0/x.yaml': '' };
    // Ten levels, each taken in by two overlays: 1024 paths, of which a bounded number is followed.
    for (let level = 1; level <= 10; level++) {
      for (const side of ['l', 'r']) files[`k${level}${side}/kustomization.yaml`] = `resources: [${level === 1 ? '../k0' : `../k${level - 1}l, ../k${level - 1}r`}]`;
    }
    const n = builds(index(files), 'k0/x.yaml').length;
    assert.ok(n > 0 && n <= 16, `${n} builds`);
  });
});

describe("other tools' templates of manifests (deployment.tpl for envsubst)", () => {
  it('names them by their extension, leaving out a chart\'s named templates, scripts and Dockerfiles', () => {
    for (const path of ['config/kubernetes/production/deployment.tpl', 'k8s/service.yaml.tmpl', 'deploy/app.yml.j2', 'k8s/cron-job.gotmpl']) assert.ok(isManifestTemplatePath(path), path);
    for (const path of ['chart/templates/_helpers.tpl', 'chart/templates/deployment.tpl', 'infra/user_data.sh.tpl', 'docker/Dockerfile.j2', 'k8s/.hidden.tpl', 'k8s/deployment.yaml']) assert.ok(!isManifestTemplatePath(path), path);
  });

  it('tells the files of an application with one in its folders, and no other application', () => {
    const ix = new ApplicationIndex({
      uris: ['a/svc.yaml', 'a/k8s/cm.yaml', 'b/svc.yaml'].map((f) => `${R}/${f}`),
      kustomizations: new Map(),
      templates: [`${R}/a/deployment.tpl`],
    });
    assert.equal(ix.holdsUnreadTemplates(`${R}/a/svc.yaml`), true);
    assert.equal(ix.holdsUnreadTemplates(`${R}/a/k8s/cm.yaml`), true, 'a folder below relates to it');
    assert.equal(ix.holdsUnreadTemplates(`${R}/b/svc.yaml`), false);
    assert.equal(index({ 'a/svc.yaml': '' }).holdsUnreadTemplates(`${R}/a/svc.yaml`), false, 'none given');
  });
});
