// Application boundaries: which files may relate to which (shared by the CLI and the server).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationIndex, kustomizationReferences, resolveReference } from '../../server/src/core/applications';

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

  it('stops at a chart or a kustomization: the folder above does not reach into it', () => {
    const ix = index({ 'app.yaml': '', 'chart/Chart.yaml': '', 'chart/templates/d.yaml': '', 'k/kustomization.yaml': 'resources: [d.yaml]', 'k/d.yaml': '' });
    assert.deepEqual(related(ix, 'app.yaml'), ['app.yaml']);
    assert.deepEqual(related(ix, 'chart/templates/d.yaml'), ['chart/Chart.yaml', 'chart/templates/d.yaml']);
    assert.deepEqual(related(ix, 'k/d.yaml'), ['k/d.yaml', 'k/kustomization.yaml']);
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

  it('treats a kustomization that does not parse as naming nothing', () => {
    assert.deepEqual(kustomizationReferences('resources: [\n'), []);
    assert.deepEqual(kustomizationReferences('just text'), []);
  });
});
