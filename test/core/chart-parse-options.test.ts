// How a YAML file is parsed is decided from its URI by one function (helm-charts.ts), which the CLI and the
// editor's analysis workers both call: a chart's templates with their chart, its values file as one, the rest plainly.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ChartReader, type ChartFiles } from '../../server/src/helm-charts';

const files = new Map<string, string>([
  ['file:///w/shop/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\n'],
  ['file:///w/shop/values.yaml', 'replicas: 2\n'],
  ['file:///w/shop/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'],
  ['file:///w/plain/values.yaml', 'replicas: 2\n'],
  ['file:///w/plain/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'],
]);
const memory: ChartFiles = {
  read: (uri) => files.get(uri),
  list: (folder) => [...files.keys()].filter((uri) => uri.startsWith(`${folder}/`) && !uri.slice(folder.length + 1).includes('/')).map((uri) => uri.slice(folder.length + 1)),
};

it('a chart template is parsed with its chart, its values file as one, anything else plainly', () => {
  const reader = new ChartReader(memory);
  const template = reader.parseOptionsOf('file:///w/shop/templates/deploy.yaml', '');
  assert.match(template.helm?.chartText ?? '', /name: shop/);
  assert.deepEqual(template.helm?.values.map((v) => v.text), ['replicas: 2\n']);
  assert.equal(template.helmValues, undefined);
  assert.deepEqual(reader.parseOptionsOf('file:///w/shop/values.yaml', ''), { helmValues: true });
  // Without a Chart.yaml, a templates/ folder and a values.yaml are ordinary files.
  assert.deepEqual(reader.parseOptionsOf('file:///w/plain/templates/deploy.yaml', ''), {});
  assert.deepEqual(reader.parseOptionsOf('file:///w/plain/values.yaml', ''), {});
  // Only YAML files are read as a chart's: its NOTES.txt or a Dockerfile beside it are not.
  assert.deepEqual(reader.parseOptionsOf('file:///w/shop/templates/NOTES.txt', ''), {});
  // The editor's language id decides as the target does: a template opened as a Dockerfile is not read with the chart.
  assert.deepEqual(reader.parseOptionsOf('file:///w/shop/templates/deploy.yaml', 'dockerfile'), {});
  assert.ok(reader.parseOptionsOf('file:///w/shop/templates/deploy.yaml', 'helm').helm);
});

it('a --values file is a values file wherever it lies', () => {
  const reader = new ChartReader(memory, [{ uri: 'file:///w/prod-values.yaml', text: 'replicas: 5\n' }]);
  assert.deepEqual(reader.parseOptionsOf('file:///w/prod-values.yaml', ''), { helmValues: true });
});

it("a chart's templates read the named templates of its unpacked dependencies (Bitnami's common), its own winning", () => {
  const chart = new Map<string, string>([
    ['file:///w/cache/Chart.yaml', 'apiVersion: v2\nname: cache\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: 2.x.x\n'],
    ['file:///w/cache/values.yaml', 'replicas: 1\n'],
    ['file:///w/cache/templates/_helpers.tpl', '{{- define "cache.name" -}}own{{- end -}}\n'],
    ['file:///w/cache/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'],
    ['file:///w/cache/charts/common/Chart.yaml', 'apiVersion: v2\nname: common\ntype: library\nversion: 2.14.1\n'],
    ['file:///w/cache/charts/common/templates/_names.tpl', '{{- define "common.names.fullname" -}}{{ .Release.Name }}{{- end -}}\n{{- define "cache.name" -}}library{{- end -}}\n'],
  ]);
  const reader = new ChartReader({
    read: (uri) => chart.get(uri),
    list: (folder) => [...new Set([...chart.keys()].filter((uri) => uri.startsWith(`${folder}/`)).map((uri) => uri.slice(folder.length + 1).split('/')[0]))],
  });
  const helpers = reader.parseOptionsOf('file:///w/cache/templates/deploy.yaml', '').helm?.helpers ?? [];
  assert.equal(helpers.length, 2);
  assert.match(helpers[0], /common\.names\.fullname/, "the dependency's first");
  assert.match(helpers[1], /define "cache\.name" -}}own/, 'the chart\'s own last, so its definitions win');
});

it('named templates in subfolders of templates/ are read, as Helm reads them (FreshRSS keeps persistence/_helpers.tpl)', () => {
  const tree = new Map<string, string>([
    ['file:///w/rss/Chart.yaml', 'apiVersion: v2\nname: rss\nversion: 1.0.0\n'],
    ['file:///w/rss/values.yaml', 'persistence: {enabled: true}\n'],
    ['file:///w/rss/templates/_helpers.tpl', '{{- define "rss.fullname" -}}rss{{- end }}\n'],
    ['file:///w/rss/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'],
    ['file:///w/rss/templates/persistence/_helpers.tpl', '{{- define "rss.pvcName" -}}{{ include "rss.fullname" . }}-data{{- end }}\n'],
    ['file:///w/rss/templates/persistence/data-pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\n'],
  ]);
  // Like a directory listing: the names of the files and folders right under `folder`.
  const list = (folder: string) => [...new Set([...tree.keys()].filter((uri) => uri.startsWith(`${folder}/`)).map((uri) => uri.slice(folder.length + 1).split('/')[0]))];
  const reader = new ChartReader({ read: (uri) => tree.get(uri), list });
  for (const template of ['file:///w/rss/templates/deployment.yaml', 'file:///w/rss/templates/persistence/data-pvc.yaml']) {
    const helpers = reader.parseOptionsOf(template, '').helm?.helpers ?? [];
    // The subfolder's first, so that the chart's own top-level helpers, parsed last, win.
    assert.deepEqual(helpers.map((h) => /define "([^"]+)"/.exec(h)?.[1]), ['rss.pvcName', 'rss.fullname'], template);
  }
});
