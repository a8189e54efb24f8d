// The CLI reads a Helm chart as Helm lays it out: each template with Chart.yaml, values.yaml,
// the --values files and templates/*.tpl; value findings land on values.yaml with the template
// line as related information, in every output format; a template it cannot read is one hint.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const CLI = resolve('dist/cli.js');
let dir: string;

const FILES: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\nappVersion: "1.0.0"\n',
  'values.yaml': 'image:\n  repository: registry.example.com/api\n  tag: latest\nresources:\n  requests: {cpu: 100m, memory: 64Mi}\n',
  'templates/_helpers.tpl': '{{- define "api.labels" -}}\napp: {{ .Chart.Name }}\n{{- end }}\n',
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-api
spec:
  selector:
    matchLabels:
      {{- include "api.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "api.labels" . | nindent 8 }}
    spec:
      containers:
        - name: api
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`,
  'templates/job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`,
  'templates/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  {{ .Values.a }} {{ .Values.b }}: x: y\n',
  'prod-values.yaml': 'image:\n  tag: "1.0.3"\n',
};

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, '--no-fail', ...args], { encoding: 'utf8', cwd: dir });
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  related?: { file: string; line: number; column: number; message: string }[];
}

describe('CLI on a Helm chart', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tfl-helm-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, 'chart', path, '..'), { recursive: true });
      writeFileSync(join(dir, 'chart', path), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: the moving tag once, on values.yaml, with every template that uses it as related', () => {
    const result = run('--format', 'json', 'chart');
    assert.equal(result.stderr, '');
    const { findings } = JSON.parse(result.stdout) as { findings: JsonFinding[] };
    const tags = findings.filter((f) => f.rule === 'build-release-run/mutable-image-tag');
    assert.equal(tags.length, 1, JSON.stringify(findings, null, 1));
    assert.equal(tags[0].file, 'chart/values.yaml');
    assert.deepEqual([tags[0].line, tags[0].column], [3, 8]);
    assert.deepEqual(
      tags[0].related?.map((r) => `${r.file}:${r.line}`).sort(),
      ['chart/templates/deployment.yaml:16', 'chart/templates/job.yaml:11'],
    );
    const hint = findings.filter((f) => f.rule === 'helm/template-not-analysed');
    assert.deepEqual(hint.map((f) => f.file), ['chart/templates/broken.yaml']);
    assert.ok(!findings.some((f) => f.file === 'chart/templates/deployment.yaml' && f.rule === 'concurrency/missing-resource-requests'), 'requests come from values.yaml');
  });

  it('SARIF: relatedLocations point at the template', () => {
    const sarif = JSON.parse(run('--format', 'sarif', 'chart').stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'build-release-run/mutable-image-tag');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'chart/values.yaml');
    assert.ok(result.relatedLocations.some((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => l.physicalLocation.artifactLocation.uri === 'chart/templates/deployment.yaml' && l.physicalLocation.region.startLine === 16));
  });

  it('stylish: a related line under the finding and the template counts in the summary', () => {
    const text = run('--no-color', 'chart').stdout;
    assert.match(text, /chart\/values\.yaml\n\s+3:8\s+warning .*mutable-image-tag.*\n\s+related: chart\/templates\/deployment\.yaml:16/);
    assert.match(text, /Helm templates: 2 analysed, 1 not fully read/);
  });

  it('--values overrides values.yaml: a pinned tag is silent', () => {
    const { findings } = JSON.parse(run('--format', 'json', '--values', 'chart/prod-values.yaml', 'chart').stdout) as { findings: JsonFinding[] };
    assert.ok(!findings.some((f) => f.rule === 'build-release-run/mutable-image-tag'), JSON.stringify(findings, null, 1));
  });

  it('a --values file that cannot be read stops the run: exit 2, no findings printed', () => {
    const result = run('--format', 'json', '--values', 'chart/ci/missing-values.yaml', 'chart');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /chart\/ci\/missing-values\.yaml: cannot read the --values file/);
  });

  it('an ignore comment in values.yaml suppresses the value finding and is not reported as unused', () => {
    const values = join(dir, 'chart', 'values.yaml');
    try {
      writeFileSync(values, FILES['values.yaml'].replace('  tag: latest', '  # twelve-factor-ignore build-release-run/mutable-image-tag -- pinned by the release pipeline\n  tag: latest'));
      const { findings } = JSON.parse(run('--format', 'json', 'chart').stdout) as { findings: JsonFinding[] };
      assert.deepEqual(findings.filter((f) => f.file === 'chart/values.yaml').map((f) => f.rule), []);
    } finally {
      writeFileSync(values, FILES['values.yaml']);
    }
  });

  it('--fix --unsafe-fixes adds the readiness probe in the template, where the container is written out', () => {
    const other = mkdtempSync(join(tmpdir(), 'tfl-helm-fix-'));
    try {
      mkdirSync(join(other, 'templates'));
      writeFileSync(join(other, 'Chart.yaml'), FILES['Chart.yaml']);
      writeFileSync(join(other, 'values.yaml'), 'tag: "1.2.3"\n');
      const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: api\n          image: "registry.example.com/api:{{ .Values.tag }}"\n          ports: [{containerPort: 8080}]\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n  ports: [{port: 80, targetPort: 8080}]\n';
      writeFileSync(join(other, 'templates', 'app.yaml'), template);
      const result = spawnSync(process.execPath, [CLI, '--fix', '--unsafe-fixes', '--format', 'json', '--no-fail', '.'], { encoding: 'utf8', cwd: other });
      assert.equal(result.status, 0, result.stderr);
      const fixed = readFileSync(join(other, 'templates', 'app.yaml'), 'utf8');
      assert.equal(fixed, template.replace('memory: 64Mi}}\n', 'memory: 64Mi}}\n          readinessProbe:\n            tcpSocket:\n              port: 8080\n'));
      assert.ok(!(JSON.parse(result.stdout).findings as JsonFinding[]).some((f) => f.rule === 'disposability/missing-readiness-probe'));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("a subchart takes its parent's section (by name or alias) and globals, and reports on the parent's values.yaml", () => {
    const other = mkdtempSync(join(tmpdir(), 'tfl-helm-sub-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(join(other, path, '..'), { recursive: true });
        writeFileSync(join(other, path), text);
      };
      write('Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: web-application\n    alias: srv\n    version: 1.0.0\n  - name: worker\n    version: 1.0.0\n');
      write('values.yaml', 'global:\n  registry: registry.example.com\nsrv:\n  image:\n    tag: "2.4.1"\nworker:\n  image:\n    tag: latest\n');
      const chart = (name: string) => 'apiVersion: v2\nname: ' + name + '\nversion: 1.0.0\n';
      const deployment = (name: string) => 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ' + name + '}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ' + name + '}}\n  template:\n    metadata: {labels: {app: ' + name + '}}\n    spec:\n      containers:\n        - name: ' + name + '\n          image: "{{ .Values.global.registry }}/' + name + ':{{ .Values.image.tag }}"\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n';
      for (const name of ['web-application', 'worker']) {
        write(`charts/${name}/Chart.yaml`, chart(name));
        write(`charts/${name}/values.yaml`, 'global:\n  registry: docker.io\nimage:\n  tag: latest\n');
        write(`charts/${name}/templates/deployment.yaml`, deployment(name));
      }
      const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { encoding: 'utf8', cwd: other });
      assert.equal(result.status, 0, result.stderr);
      const tags = (JSON.parse(result.stdout).findings as JsonFinding[]).filter((f) => f.rule === 'build-release-run/mutable-image-tag');
      // web-application (alias srv) is pinned by the parent; worker's `latest` is the parent's, reported where it is written.
      assert.deepEqual(tags.map((f) => `${f.file}:${f.line}`), ['values.yaml:8'], JSON.stringify(tags, null, 1));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a named template defined in a `_` file of templates/ is found; one that no file defines gets a hint where it is used', () => {
    const other = mkdtempSync(join(tmpdir(), 'tfl-helm-names-'));
    try {
      const write = (path: string, text: string) => {
        mkdirSync(join(other, path, '..'), { recursive: true });
        writeFileSync(join(other, path), text);
      };
      write('Chart.yaml', 'apiVersion: v2\nname: heimdall\nversion: 1.0.0\n');
      write('values.yaml', 'image: {tag: "2.6.1"}\n');
      // OpenAtlas keeps named templates in `_ingress-annotations.yaml`: Helm reads it, and renders no manifest from it.
      write('templates/_names.yaml', '{{- define "heimdall.fullname" -}}\n{{ .Release.Name }}-heimdall\n{{- end }}\n');
      write('templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "heimdall.fullname" . }}\n  labels:\n    app: {{ include "heimdall.name" . }}\nspec:\n  ports:\n    - port: 80\n');
      const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', '.'], { encoding: 'utf8', cwd: other });
      assert.equal(result.status, 0, result.stderr);
      const notices = (JSON.parse(result.stdout).findings as JsonFinding[]).filter((f) => f.rule === 'helm/named-template-undefined');
      assert.deepEqual(notices.map((f) => `${f.file}:${f.line}:${f.column}`), ['templates/service.yaml:6:21']);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
