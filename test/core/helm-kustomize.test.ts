// Kustomize builds: an image a base names is judged through the `images:` of the builds that take
// the base in. Pinned by every build (its own kustomization or every including overlay): silent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationIndex, kustomizationPinnedImages } from '../../server/src/core/applications';
import { analyze } from '../../server/src/core/analyze';
import mutableImageTag from '../../server/src/core/rules/kubernetes/build-release-run/mutable-image-tag';

const R = 'file:///repo';

function index(files: Record<string, string>): ApplicationIndex {
  const uris = Object.keys(files).map((f) => `${R}/${f}`);
  const kustomizations = new Map(Object.entries(files).filter(([f]) => /(^|\/)kustomization\.ya?ml$/.test(f)).map(([f, text]) => [`${R}/${f}`, text]));
  return new ApplicationIndex({ uris, kustomizations });
}

const pins = (ix: ApplicationIndex, file: string) => {
  const set = ix.pinnedImages(`${R}/${file}`);
  return set && [...set].sort();
};

const TREE = {
  'base/kustomization.yaml': 'resources: [api.yaml]\nimages:\n  - {name: sidecar, newTag: "1.2"}\n',
  'base/api.yaml': '',
  'overlays/dev/kustomization.yaml': 'resources: [../../base]\nimages:\n  - {name: app, newTag: dev-42}\n  - {name: tool, newName: other/tool}\n',
  'overlays/prod/kustomization.yaml': 'resources: [../../base]\nimages:\n  - {name: app, digest: "sha256:abc"}\n  - {name: tool, newTag: "3"}\n',
  'loose/job.yaml': '',
};

describe('Kustomize image pins', () => {
  it('reads newTag and digest entries, not a bare newName', () => {
    assert.deepEqual(kustomizationPinnedImages('images:\n  - {name: a, newTag: "1"}\n  - {name: b, digest: "sha256:1"}\n  - {name: c, newName: x/c}\n  - {name: d, newTag: ""}\n'), ['a', 'b']);
    assert.deepEqual(kustomizationPinnedImages('images: [unclosed'), []);
  });

  it('a base pins what its own kustomization pins and what every including overlay pins', () => {
    const ix = index(TREE);
    assert.deepEqual(pins(ix, 'base/api.yaml'), ['app', 'sidecar'], '`tool` is pinned by prod only');
  });

  it('a file no kustomization takes in is judged as written', () => {
    assert.equal(index(TREE).pinnedImages(`${R}/loose/job.yaml`), undefined);
  });

  it("a component's images pin the whole build that takes it in, base included (spotahome's redis-operator)", () => {
    const ix = index({
      'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'base/deployment.yaml': '',
      'components/version/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: quay.io/spotahome/redis-operator\n    newTag: v1.3.0\n',
      'components/rbac/kustomization.yaml': 'kind: Component\ncomponents: [../version/]\n',
      'overlays/default/kustomization.yaml': 'resources: [../../base]\ncomponents:\n  - ../../components/version/\n',
      'overlays/full/kustomization.yaml': 'resources: [../../base]\ncomponents:\n  - ../../components/rbac/\n',
    });
    assert.deepEqual(pins(ix, 'base/deployment.yaml'), ['quay.io/spotahome/redis-operator'], 'one overlay names it, the other through a component of its own');
    const partly = index({ 'base/kustomization.yaml': 'resources: [d.yaml]\n', 'base/d.yaml': '', 'c/kustomization.yaml': 'kind: Component\nimages: [{name: app, newTag: "2"}]\n', 'o1/kustomization.yaml': 'resources: [../base]\ncomponents: [../c]\n', 'o2/kustomization.yaml': 'resources: [../base]\n' });
    assert.deepEqual(pins(partly, 'base/d.yaml'), [], 'an overlay without the component deploys the tag as written');
  });

  it('survives include cycles', () => {
    const ix = index({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a, x.yaml]\nimages: [{name: x, newTag: "1"}]\n', 'b/x.yaml': '' });
    assert.deepEqual(pins(ix, 'b/x.yaml'), ['x']);
  });

  it('the image rule follows the pins it is given', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: registry.example.com/app}\n    - {name: b, image: registry.example.com/tool}\n';
    const run = (pinned?: ReadonlySet<string>) => analyze({ uri: `${R}/base/pod.yaml`, languageId: 'yaml', text: manifest }, { rules: [mutableImageTag], pinnedImages: pinned }).findings.map((f) => f.range.start.line + 1);
    assert.deepEqual(run(), [6, 7]);
    assert.deepEqual(run(new Set(['registry.example.com/app'])), [7]);
  });
});
