// Helm chart templates: rendered tolerantly with their chart, analysed by the Kubernetes rules,
// and every finding mapped back to the template line, or to the values.yaml line of the value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, analyzeParsed, type Analysis } from '../../server/src/core/analyze';
import { renderTemplate, type HelmChartContext } from '../../server/src/core/helm/template-document';
import { HELM_UNKNOWN } from '../../server/src/core/kubernetes/yaml-nodes';

const TEMPLATE_URI = 'file:///chart/templates/deployment.yaml';
const VALUES_URI = 'file:///chart/values.yaml';

const HELPERS = `{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
`;

function context(values: string, extra: Partial<HelmChartContext> = {}): HelmChartContext {
  return { chartText: 'apiVersion: v2\nname: shop\nversion: 0.3.0\nappVersion: "2.1.0"\n', values: [{ uri: VALUES_URI, text: values }], helpers: [HELPERS], ...extra };
}

function analyse(template: string, values: string, extra: Partial<HelmChartContext> = {}): Analysis {
  const parsed = parseDocument({ uri: TEMPLATE_URI, languageId: 'yaml', text: template }, 0, { helm: context(values, extra) });
  return analyzeParsed(parsed);
}

/** `uri-tail line:column rule` for each finding, 1-based, the file by its last path segment. */
function summary(analysis: Analysis): string[] {
  return analysis.findings.map((f) => `${(f.uri ?? TEMPLATE_URI).split('/').pop()} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.name" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "app.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "app.selectorLabels" . | nindent 8 }}
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            {{- range $name, $value := .Values.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          ports:
            - name: http
              containerPort: 8080
          {{- with .Values.probe }}
          readinessProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "app.name" . }}
spec:
  selector:
    {{- include "app.selectorLabels" . | nindent 4 }}
  ports:
    - port: 80
      targetPort: http
`;

const VALUES = `replicaCount: 2
image:
  repository: registry.example.com/shop/web
  tag: latest
env:
  LOG_LEVEL: info
  PAYMENT_API_KEY: "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
resources:
  requests:
    cpu: 100m
    memory: 128Mi
`;

describe('Helm renderer', () => {
  it('resolves .Values with defaults, includes simple named templates and keeps control flow readable', () => {
    const result = renderTemplate(DEPLOYMENT, context(VALUES));
    assert.equal(result.error, undefined);
    assert.match(result.text, /^  replicas: 2$/m);
    assert.match(result.text, /^ {6}app\.kubernetes\.io\/name: shop$/m, 'selector labels from the define block');
    assert.match(result.text, /^ {8}app\.kubernetes\.io\/instance: release-name$/m);
    assert.match(result.text, /image: "registry\.example\.com\/shop\/web:latest"/);
    assert.match(result.text, /- name: PAYMENT_API_KEY\n\s+value: "sk_live_/);
    assert.match(result.text, /resources:\n {12}requests:\n {14}cpu: 100m/);
    assert.doesNotMatch(result.text, /\{\{/);
  });

  it('an empty tag falls back on the chart appVersion; a value not in values.yaml is nil', () => {
    const result = renderTemplate(DEPLOYMENT, context(VALUES.replace('tag: latest', 'tag: ""')));
    assert.match(result.text, /web:2\.1\.0"/);
    assert.doesNotMatch(result.text, /readinessProbe/, '`with` over an unset value renders nothing');
  });

  it('writes what it cannot know as a placeholder, never as a guess', () => {
    const result = renderTemplate('metadata:\n  name: {{ .Release.Namespace }}-x\n  labels:\n    {{- include "missing.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas | int }}\n', context('replicas: 3\n'));
    assert.match(result.text, new RegExp(`name: ${HELM_UNKNOWN}-x`));
    assert.match(result.text, new RegExp(`labels:\\n {4}${HELM_UNKNOWN}: ${HELM_UNKNOWN}`));
  });

  it("reads a field of the root that is none of Helm's objects as nil, as Helm does (review set 88: ietf-tools/mailarchive)", () => {
    const result = renderTemplate('spec:\n  replicas: {{ .replicaCount }}\n  resources:\n    {{- toYaml .resources | nindent 4 }}\n  ns: {{ $.Release.Namespace }}\n', context('replicaCount: 3\nresources: {requests: {cpu: 1}}\n'));
    assert.match(result.text, /replicas: \n/, '`.replicaCount` outside `.Values` renders nothing');
    assert.match(result.text, /resources:\n {4}null/);
    assert.match(result.text, new RegExp(`ns: ${HELM_UNKNOWN}`), 'a built-in object still reads as unknown');
  });

  it('keeps every branch of a condition it cannot decide', () => {
    const result = renderTemplate('a:\n{{- if .Capabilities.APIVersions.Has "x/v1" }}\n  b: 1\n{{- else }}\n  c: 2\n{{- end }}\n', context(''));
    assert.match(result.text, /b: 1\n {2}c: 2/);
  });

  it('writes toJson of a dict as Helm does: keys sorted, HTML characters escaped (CoreDNS chart ports)', () => {
    const helpers = '{{- define "dns.ports" -}}\n{{- printf "- %s\\n" (toJson (dict "protocol" "UDP" "port" .Values.port)) -}}\n{{- end -}}\n';
    const result = renderTemplate('spec:\n  ports:\n{{ include "dns.ports" . | indent 2 -}}\n  type: ClusterIP\n', context('port: 53\n', { helpers: [helpers] }));
    assert.equal(result.text, 'spec:\n  ports:\n  - {"port":53,"protocol":"UDP"}\n  type: ClusterIP\n');
    assert.equal(renderTemplate('a: {{ toJson .Values.x }}\nb: {{ toRawJson .Values.x }}\n', context('x: {q: "<&>"}\n')).text, 'a: {"q":"\\u003c\\u0026\\u003e"}\nb: {"q":"<&>"}\n');
  });

  it('trims toYaml output and keeps where each value is written (toYaml .Values.probe | trim | nindent 4)', () => {
    const result = renderTemplate('probe:\n  {{- toYaml .Values.probe | trim | nindent 4 }}\n', context('probe:\n  httpGet:\n    path: /-/healthy\n    port: http\n  failureThreshold: 3\n'));
    assert.equal(result.text, 'probe:\n    httpGet:\n      path: /-/healthy\n      port: http\n    failureThreshold: 3\n');
    assert.ok(result.segments.length > 0);
  });

  it('reports a template it cannot lex instead of dropping it', () => {
    assert.match(renderTemplate('a: {{ .Values.x', context('')).error ?? '', /never closed/);
  });

  it('reads values that come through a merge key, as Helm does', () => {
    const values = 'defaults: &defaults\n  image: nginx:1.25\n  replicas: 2\nweb:\n  <<: *defaults\n  replicas: 3\n';
    const result = renderTemplate('image: "{{ .Values.web.image }}"\nreplicas: {{ .Values.web.replicas }}\n', context(values));
    assert.equal(result.text, 'image: "nginx:1.25"\nreplicas: 3\n');
  });

  it('reads every value as unknown when values.yaml does not parse', () => {
    const result = renderTemplate('image: "{{ .Values.image }}"\n', context('image: [unclosed\n'));
    assert.deepEqual(result.badValues, [VALUES_URI]);
    assert.match(result.text, new RegExp(HELM_UNKNOWN));
  });

  it('stays linear on stray quotes inside actions (took about two minutes when it was quadratic)', () => {
    const started = Date.now();
    renderTemplate('{{ " }}\n'.repeat(50_000), context(''));
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });

  it('stays bounded on self-including templates', () => {
    const result = renderTemplate('{{ include "loop" . }}\n', context('', { helpers: ['{{- define "loop" -}}\n{{ include "loop" . }}{{ include "loop" . }}\n{{- end }}'] }));
    assert.match(result.error ?? '', /too deeply|far more text/);
  });
});

describe('Helm templates analysed in place', () => {
  it('reports value findings on the values.yaml line, with the template line as related information', () => {
    const analysis = analyse(DEPLOYMENT, VALUES);
    const tag = analysis.findings.find((f) => f.ruleId === 'build-release-run/mutable-image-tag');
    assert.ok(tag, summary(analysis).join('\n'));
    assert.equal(tag.uri, VALUES_URI);
    assert.deepEqual(tag.range.start, { line: 3, character: 7 }, 'the `latest` of `tag: latest`');
    assert.equal(tag.related?.[0].uri, TEMPLATE_URI);
    assert.equal(tag.related?.[0].range.start.line, 20, 'the image line of the template');
    const secret = analysis.findings.find((f) => f.ruleId === 'config/literal-secret-in-manifest');
    assert.ok(secret, summary(analysis).join('\n'));
    assert.equal(secret.uri, VALUES_URI);
    assert.equal(secret.range.start.line, 6, 'the PAYMENT_API_KEY line of values.yaml');
    assert.equal(secret.fix, undefined, 'no edit addressed to the rendering');
  });

  it('reports a container whose resources come as {} from values.yaml on that values line (the chart default to change)', () => {
    const values = VALUES.replace('resources:\n  requests:\n    cpu: 100m\n    memory: 128Mi\n', 'resources: {}\n');
    const requests = analyse(DEPLOYMENT, values).findings.find((f) => f.ruleId === 'concurrency/missing-resource-requests');
    assert.ok(requests, summary(analyse(DEPLOYMENT, values)).join('\n'));
    assert.equal(requests.uri, VALUES_URI);
    assert.deepEqual(requests.range.start, { line: 7, character: 11 }, 'the {} of `resources: {}`');
    assert.equal(requests.related?.[0].uri, TEMPLATE_URI);
  });

  it('reports structure findings on the template, at the exact line and column', () => {
    const analysis = analyse(DEPLOYMENT, VALUES);
    const probe = analysis.findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe');
    assert.ok(probe, summary(analysis).join('\n'));
    assert.equal(probe.uri, undefined);
    assert.deepEqual(probe.range, { start: { line: 19, character: 16 }, end: { line: 19, character: 19 } }, 'the container name `web`');
  });

  it('is silent once the values pin the tag, set a probe and keep secrets out', () => {
    const values = VALUES.replace('tag: latest', 'tag: "1.4.2"').replace(/ {2}PAYMENT_API_KEY.*\n/, '') + 'probe:\n  httpGet:\n    path: /ready\n    port: http\n';
    assert.deepEqual(summary(analyse(DEPLOYMENT, values)), []);
  });

  it('never fires on a value it cannot know', () => {
    const template = DEPLOYMENT.replace('{{ .Values.image.tag | default .Chart.AppVersion }}', '{{ tpl .Values.image.tag . }}').replace('{{ $value | quote }}', '{{ $value | encryptAES "k" }}');
    const ids = summary(analyse(template, VALUES));
    assert.ok(!ids.some((l) => /mutable-image-tag|literal-secret/.test(l)), ids.join('\n'));
    // Unknown resources are not "no requests"; an unknown probe block is not "no probe".
    const unknownBlocks = DEPLOYMENT.replace('toYaml .Values.resources', 'tpl .Values.resources').replace('{{- with .Values.probe }}', '{{- with .Values.probe | fromYaml }}');
    const ids2 = summary(analyse(unknownBlocks, VALUES));
    assert.ok(!ids2.some((l) => /missing-resource-requests|missing-readiness-probe/.test(l)), ids2.join('\n'));
  });

  it('honours a suppression comment on the values.yaml line', () => {
    const values = VALUES.replace('  tag: latest', '  # twelve-factor-ignore build-release-run/mutable-image-tag -- dev chart\n  tag: latest');
    assert.ok(!summary(analyse(DEPLOYMENT, values)).some((l) => l.includes('mutable-image-tag')));
  });

  it('judges nothing that comes from values when the chart has no values file (DocSpring ships only values.example.yaml)', () => {
    const withValues = summary(analyse(DEPLOYMENT, VALUES));
    assert.ok(withValues.some((l) => l.includes('mutable-image-tag')), withValues.join('\n'));
    const emptyValues = summary(analyse(DEPLOYMENT, ''));
    assert.ok(emptyValues.some((l) => l.includes('missing-resource-requests')), 'an empty values.yaml is known to set nothing');
    const noValuesFile = summary(analyse(DEPLOYMENT, '', { values: [] }));
    assert.ok(!noValuesFile.some((l) => /missing-resource-requests|mutable-image-tag|literal-secret/.test(l)), noValuesFile.join('\n'));
  });

  it('gives one hint on a template too dynamic to read, nothing silently dropped', () => {
    const analysis = analyse('apiVersion: v1\nkind: ConfigMap\ndata:\n  {{ .Values.key }} {{ .Values.other }}: x: y\n', 'key: a\nother: b\n');
    assert.deepEqual(summary(analysis), ['deployment.yaml 1:1 helm/template-not-analysed']);
    assert.equal(analysis.findings[0].severity, 'hint');
    assert.ok(analysis.parsed.helm?.skipped);
    // It does not claim to know why: a syntax error in the template (microservices-demo's `…}}""`) reads the same way.
    assert.match(analysis.findings[0].message, /^1 document of this Helm template does not read as YAML once rendered \(a construct the linter cannot follow, or a syntax error in the template\)/);
  });

  it('names the functions it does not evaluate in that hint, the likeliest cause', () => {
    const analysis = analyse('apiVersion: v1\nkind: ConfigMap\ndata:\n  {{ lookup "v1" "Secret" "ns" "x" }} {{ .Values.other | sha256sum }}: x: y\n', 'other: b\n');
    assert.match(analysis.findings[0].message, /\(it calls `lookup`, `sha256sum`, which the linter does not evaluate, or holds a construct it cannot follow or a syntax error\)/);
  });

  it('lets --values files override values.yaml, reporting where the override sets it', () => {
    const override = { uri: 'file:///prod.yaml', text: 'image:\n  tag: main\n' };
    const parsed = parseDocument({ uri: TEMPLATE_URI, languageId: 'yaml', text: DEPLOYMENT }, 0, { helm: { ...context(VALUES), values: [{ uri: VALUES_URI, text: VALUES }, override] } });
    const tag = analyzeParsed(parsed).findings.find((f) => f.ruleId === 'build-release-run/mutable-image-tag');
    assert.equal(tag?.uri, 'file:///prod.yaml');
    assert.equal(tag?.messageId, 'moving');
  });

  it('maps each key of a toYaml value to the file that sets it when a --values file overrides part of it (review set 95)', () => {
    // CLD4-T2-IAMConan/service-chat: values-prod.yaml raises the probe's delay; the rest of the probe is values.yaml's.
    const template = POD('apiVersion: apps/v1').replace('        image: nginx:1.27.0\n', '        image: nginx:1.27.0\n        livenessProbe:\n          {{- toYaml .Values.livenessProbe | nindent 10 }}\n');
    const base = 'livenessProbe:\n  httpGet:\n    path: /actuator/health\n    port: 8080\n  initialDelaySeconds: 70\n';
    const override = { uri: 'file:///chart/values-prod.yaml', text: 'replicas: 2\nlivenessProbe:\n  initialDelaySeconds: 180\n' };
    const rendered = renderTemplate(template, { ...context(base), values: [{ uri: VALUES_URI, text: base }, override] });
    const origins = rendered.segments.filter((s) => s.origin).map((s) => `${s.origin!.uri.split('/').pop()}:${s.origin!.range.start.line + 1}`);
    assert.deepEqual(origins, ['values.yaml:2', 'values.yaml:3', 'values.yaml:3', 'values.yaml:4', 'values.yaml:4', 'values-prod.yaml:3', 'values-prod.yaml:3'], 'httpGet, path and port from values.yaml; the delay, key and value, from values-prod.yaml');
    const parsed = parseDocument({ uri: TEMPLATE_URI, languageId: 'yaml', text: template }, 0, { helm: { ...context(base), values: [{ uri: VALUES_URI, text: base }, override] } });
    const delay = analyzeParsed(parsed).findings.find((f) => f.ruleId === 'disposability/long-initial-delay-without-startup-probe');
    assert.equal(`${delay?.uri?.split('/').pop()}:${(delay?.range.start.line ?? -1) + 1}`, 'values-prod.yaml:3');
  });

  it("points a chart Secret's committed values at the values file lines that set them", () => {
    const template = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: chat\ntype: Opaque\nstringData:\n  db-user: {{ .Values.database.user | quote }}\n  db-password: {{ .Values.database.password | quote }}\n';
    const finding = analyse(template, 'database:\n  user: admin\n  password: PassitDevPassword123!\n').findings.find((f) => f.ruleId === 'config/plaintext-secret-manifest');
    assert.equal(finding?.range.start.line, 5, 'the finding stays on `stringData` in the template');
    assert.deepEqual(finding?.related?.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line + 1} ${r.message}`), ['values.yaml:3 The literal value of `db-password`.', 'values.yaml:2 The literal value of `db-user`.']);
  });
});

describe('suppression in charts', () => {
  const template = (comment: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
${comment}        - name: api
          image: "registry.example.com/api:{{ .Values.tag }}"
          resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
  const values = 'tag: latest\nenabled: true\n';

  it('a comment above a control line covers the line the control line guards, not the control line', () => {
    const guarded = template('        # twelve-factor-ignore build-release-run/mutable-image-tag -- pinned by the pipeline\n        {{- if .Values.enabled }}\n').replace('          resources: {requests: {cpu: 100m, memory: 64Mi}}\n', '          resources: {requests: {cpu: 100m, memory: 64Mi}}\n        {{- end }}\n');
    // The comment covers `- name: api`; the image line is the one after: reported, and the comment is unused.
    const found = summary(analyse(guarded, values));
    assert.ok(found.includes('values.yaml 1:6 build-release-run/mutable-image-tag'), found.join('\n'));
    assert.ok(found.some((f) => f.endsWith('suppression/unused')), 'the comment scopes the container line, where the rule reports nothing');
    // Above the image line, with a control line in between: suppressed, the comment used.
    const above = template('').replace('          image:', '          # twelve-factor-ignore build-release-run/mutable-image-tag -- pinned by the pipeline\n          {{- if .Values.enabled }}\n          image:').replace('          resources:', '          {{- end }}\n          resources:');
    assert.deepEqual(summary(analyse(above, values)), []);
  });

  it('a template comment above the line that uses a value suppresses the finding reported on values.yaml', () => {
    const commented = template('').replace('          image:', '          # twelve-factor-ignore build-release-run/mutable-image-tag -- pinned by the pipeline\n          image:');
    assert.deepEqual(summary(analyse(commented, values)), []);
    assert.deepEqual(summary(analyse(template(''), values)), ['values.yaml 1:6 build-release-run/mutable-image-tag']);
  });

  it('an ignore comment in a values file is not reported as unused by the values file\'s own analysis', () => {
    const text = '# twelve-factor-ignore build-release-run/mutable-image-tag -- pinned by the pipeline\ntag: latest\nenabled: true\n';
    const asValues = analyzeParsed(parseDocument({ uri: VALUES_URI, languageId: 'yaml', text }, 0, { helmValues: true }));
    assert.deepEqual(asValues.findings.map((f) => f.ruleId), []);
    const plain = analyzeParsed(parseDocument({ uri: VALUES_URI, languageId: 'yaml', text }));
    assert.deepEqual(plain.findings.map((f) => f.ruleId), ['suppression/unused'], 'any other YAML file still hears of it');
    // And the template's analysis honours it.
    assert.deepEqual(summary(analyse(template(''), text)), []);
  });
});

describe('values.yaml hover', () => {
  it('names the factor of the field a value lands in and the template lines that use it', async () => {
    const { HelmTemplate } = await import('../../server/src/core/helm/template-document');
    const { SourceText } = await import('../../server/src/core/source');
    const { valueUses, valuesKeyHover } = await import('../../server/src/core/helm/values-uses');
    const values = 'replicaCount: 2\nimage:\n  tag: latest\nlabel: web\n';
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {tier: {{ .Values.label }}}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: "registry.example.com/api:{{ .Values.image.tag }}"
`;
    const uses = valueUses(new HelmTemplate(new SourceText(TEMPLATE_URI, text, 'yaml'), context(values)));
    const hover = (line: number, character: number) => valuesKeyHover({ uri: VALUES_URI, text: values }, { line, character }, uses, (u) => u.split('/chart/')[1]);
    const tag = hover(2, 3);
    assert.ok(tag);
    assert.match(tag.markdown, /`image\.tag`/);
    assert.match(tag.markdown, /V Build, release, run\*\*: `templates\/deployment\.yaml` line 16 \(`image`\)/);
    assert.deepEqual(tag.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } });
    assert.match(hover(1, 1)!.markdown, /`image`[\s\S]*line 16/, 'a parent key gathers the uses of the values under it');
    assert.match(hover(0, 2)!.markdown, /VIII Concurrency\*\*: `templates\/deployment\.yaml` line 7 \(`replicas`\)/);
    assert.equal(hover(3, 1), undefined, 'a label value no factor governs: no hover');
  });
});

describe('fixes in templates', () => {
  const chart = (port: string, probeValues = 'image: {tag: "1.2.3"}\n') => ({
    template: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: "registry.example.com/api:{{ .Values.image.tag }}"
          ports:
            - containerPort: ${port}
          resources: {requests: {cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: 8080}]
`,
    values: probeValues,
  });

  it('the readiness probe fix lands in the template when the container is written out there, and is idempotent', async () => {
    const { applyEdits } = await import('../../server/src/core/edits');
    for (const newline of ['\n', '\r\n']) {
      const { template, values } = chart('8080');
      const text = template.replace(/\n/g, newline);
      const first = analyse(text, values);
      const probe = first.findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe');
      assert.ok(probe?.fix, summary(first).join('\n'));
      assert.equal(probe.fix.safety, 'unsafe');
      assert.equal(probe.uri, undefined, 'on the template');
      const fixed = applyEdits(text, probe.fix.edits).text;
      assert.ok(fixed.startsWith(text.slice(0, text.indexOf('          resources:'))), 'the bytes before the edit are kept');
      assert.match(fixed, /          resources: \{requests: \{cpu: 100m, memory: 64Mi\}\}\r?\n          readinessProbe:\r?\n            tcpSocket:\r?\n              port: 8080\r?\n---/);
      const again = analyse(fixed, values);
      assert.deepEqual(again.findings.filter((f) => f.ruleId === 'disposability/missing-readiness-probe'), [], 'fixed: the rule is silent');
      assert.ok(!again.findings.some((f) => f.fix && f.ruleId === 'disposability/missing-readiness-probe'), 'nothing more to apply');
    }
  });

  it('no fix when the probe would copy a value of values.yaml into the template, or the container comes from an action', () => {
    const templated = chart('{{ .Values.port }}', 'image: {tag: "1.2.3"}\nport: 8080\n');
    const found = analyse(templated.template, templated.values).findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe');
    assert.ok(found, 'still reported');
    assert.equal(found.fix, undefined);
    const included = chart('8080');
    const viaInclude = included.template.replace('          resources: {requests: {cpu: 100m, memory: 64Mi}}\n', '          {{- include "app.resources" . | nindent 10 }}\n');
    const helpers = `${HELPERS}{{- define "app.resources" -}}\nresources: {requests: {cpu: 100m, memory: 64Mi}}\n{{- end }}\n`;
    const withInclude = analyse(viaInclude, included.values, { helpers: [helpers] }).findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe');
    assert.ok(withInclude, 'still reported');
    assert.equal(withInclude.fix, undefined, 'the end of the container is rendered by an include: no place in the template is known to be right');
  });
});

/** A Deployment (or another kind) of one nginx container, under the given apiVersion line. */
const POD = (apiVersion: string, kind = 'Deployment') => `${apiVersion}
kind: ${kind}
metadata:
  name: web
spec:
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
        image: nginx:1.27.0
`;

// Constructs of helm/charts' stable charts (mysql, memcached, metabase) that the renderer lost a whole object to.
describe('conditions decided at install time and blocks pasted by tpl', () => {

  it('an apiVersion chosen by .Capabilities in an if/else with trimmed lines is read as the kind\'s current version', () => {
    const template = POD('{{- if semverCompare ">= 1.9-0" .Capabilities.KubeVersion.GitVersion -}}\napiVersion: apps/v1\n{{- else -}}\napiVersion: apps/v1beta1\n{{- end }}', 'StatefulSet');
    const found = summary(analyse(template, ''));
    assert.ok(found.includes('deployment.yaml 19:15 concurrency/missing-resource-requests'), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('helm/template-not-analysed')), found.join('\n'));
    assert.ok(!found.some((f) => f.includes('deprecated-api-version')), 'the version is not known, so not judged');
  });

  it('an apiVersion printed by a named template that asks .Capabilities: the object is still analysed', () => {
    const helper = '{{- define "deployment.apiVersion" -}}\n{{- if semverCompare "<1.14-0" .Capabilities.KubeVersion.GitVersion -}}\n{{- print "extensions/v1beta1" -}}\n{{- else -}}\n{{- print "apps/v1" -}}\n{{- end -}}\n{{- end -}}\n';
    const found = summary(analyse(POD('apiVersion: {{ template "deployment.apiVersion" . }}'), '', { helpers: [HELPERS + helper] }));
    assert.ok(found.includes('deployment.yaml 15:15 concurrency/missing-resource-requests'), found.join('\n'));
  });

  it('one value chosen by a condition it cannot decide is unknown, not the alternatives glued together', () => {
    const rendered = renderTemplate('image: {{ if .Capabilities.APIVersions.Has "x/v1" }}a:1{{ else }}b:2{{ end }}\n', context(''));
    assert.equal(rendered.text, `image: ${HELM_UNKNOWN}\n`);
    const blocks = renderTemplate('{{- if .Capabilities.APIVersions.Has "x/v1" -}}\na: 1\nb: 2\n{{- else -}}\nc: 3\n{{- end }}\n', context(''));
    assert.equal(blocks.text, 'a: 1\nb: 2\nc: 3\n', 'blocks are all kept, each on lines of its own');
  });

  it('the line break that ends untrimmed one-line alternatives stays, so the next line is not glued on', () => {
    const rendered = renderTemplate('{{ if .Capabilities.APIVersions.Has "apps/v1" }}apiVersion: apps/v1\n{{ else }}apiVersion: apps/v1beta1\n{{ end }}kind: Deployment\n', context(''));
    assert.equal(rendered.text, `apiVersion: ${HELM_UNKNOWN}\nkind: Deployment\n`);
    const value = renderTemplate('version:\n  {{ if .Capabilities.APIVersions.Has "x/v1" }}v1\n  {{ else }}v2\n  {{ end }}kind: X\n', context(''));
    assert.equal(value.text, `version:\n  ${HELM_UNKNOWN}\n  kind: X\n`);
  });

  it('an apiVersion chosen by .Capabilities as the first key of a list item is one unknown item, not two (OpenAtlas\'s CronJobs)', () => {
    const rendered = renderTemplate('items:\n{{- if $.Capabilities.APIVersions.Has "batch/v1" }}\n- apiVersion: "batch/v1"\n{{- else }}\n- apiVersion: "batch/v1beta1"\n{{- end }}\n  kind: CronJob\n', context(''));
    assert.equal(rendered.text, `items:\n- apiVersion: ${HELM_UNKNOWN}\n  kind: CronJob\n`);
    // A plain key and a list item are no alternatives of one value: both are kept.
    const mixed = renderTemplate('{{- if .Capabilities.APIVersions.Has "x/v1" }}\n- a: 1\n{{- else }}\na: 2\n{{- end }}\n', context(''));
    assert.equal(mixed.text, '\n- a: 1\na: 2\n');
  });

  it('`tpl … | indent 8` at the start of a line inside a list is an unknown item of that list, and the rest is read', () => {
    const template = POD('apiVersion: apps/v1').replace('        image: nginx:1.27.0\n', '        image: nginx:1.27.0\n        volumeMounts:\n        - name: data\n          mountPath: /data\n{{ tpl .Values.extraVolumeMounts . | indent 8 }}\n      volumes:\n      - name: data\n        emptyDir: {}\n');
    const rendered = renderTemplate(template, context('extraVolumeMounts: |\n  # - name: extras\n'));
    assert.match(rendered.text, new RegExp(`          mountPath: /data\\n        - ${HELM_UNKNOWN}\\n      volumes:`));
    const found = summary(analyse(template, 'extraVolumeMounts: |\n  # - name: extras\n'));
    assert.ok(found.includes('deployment.yaml 19:22 processes/emptydir-for-data'), found.join('\n'));
  });
});

describe('placeholders of a template are no annotation', () => {
  it('pod annotations the renderer cannot know are not the ignore annotation misplaced', () => {
    const template = POD('apiVersion: apps/v1').replace('        app: web\n    spec:', '        app: web\n      annotations: {{- include "common.tplvalues.render" (dict "value" .Values.podAnnotations "context" $) | nindent 8 }}\n    spec:');
    const found = summary(analyse(template, 'podAnnotations: {}\n'));
    assert.ok(!found.some((f) => f.includes('suppression/misplaced-annotation')), found.join('\n'));
    assert.ok(found.some((f) => f.includes('missing-resource-requests')), 'the object is analysed');
  });
});

describe("a named template's actions", () => {
  it('an unknown key followed by its value on the same line is one entry, not a block and a value (Bitnami common.affinities)', () => {
    const helper = '{{- define "x.match" -}}\napp: web\n{{- range $key, $value := .extra }}\n{{ $key }}: {{ $value | quote }}\n{{- end }}\n{{- end -}}\n';
    // A dict holding a value the renderer cannot know (the namespace): its other entries are still known, so the range
    // over `.extra` writes nothing; ranging over an unknown map writes an unknown entry.
    const rendered = renderTemplate('matchLabels:\n  {{- include "x.match" (dict "extra" .Values.extra "ns" .Release.Namespace) | nindent 2 }}\n', context('extra: {}\n', { helpers: [helper] }));
    assert.equal(rendered.text, 'matchLabels:\n  app: web\n');
    const unknown = renderTemplate('matchLabels:\n  {{- include "x.match" (dict "extra" .Release.Namespace) | nindent 2 }}\n', context('extra: {}\n', { helpers: [helper] }));
    assert.equal(unknown.text, `matchLabels:\n  app: web\n  ${HELM_UNKNOWN}: ${HELM_UNKNOWN}\n`);
    // Known, the dict's empty map writes nothing, as Helm does.
    const known = renderTemplate('matchLabels:\n  {{- include "x.match" (dict "extra" .Values.extra) | nindent 2 }}\n', context('extra: {}\n', { helpers: [helper] }));
    assert.equal(known.text, 'matchLabels:\n  app: web\n');
  });
});

describe('an include given a dict (SAP CAP\'s web-application chart)', () => {
  it('reads the dict\'s entries as the values they were given: the tag is judged, on the values file line', () => {
    const helper = '{{- define "c.img" -}}\n{{ .context.Values.global.registry }}/{{ .image.repository }}:{{ .image.tag | default "latest" }}\n{{- end -}}\n';
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: srv}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: srv}}\n  template:\n    metadata: {labels: {app: srv}}\n    spec:\n      containers:\n        - name: srv\n          image: {{ include "c.img" (dict "image" .Values.image "context" $) }}\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n';
    const found = summary(analyse(template, 'global:\n  registry: registry.example.com\nimage:\n  repository: bookshop-srv\n  tag: latest\n', { helpers: [HELPERS + helper] }));
    assert.ok(found.includes('values.yaml 5:8 build-release-run/mutable-image-tag'), found.join('\n'));
    const pinned = summary(analyse(template, 'global:\n  registry: registry.example.com\nimage:\n  repository: bookshop-srv\n  tag: "1.4.0"\n', { helpers: [HELPERS + helper] }));
    assert.ok(!pinned.some((f) => f.includes('mutable-image-tag')), pinned.join('\n'));
  });

  it('two probes whose paths the renderer cannot know are not known to be the same probe', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: srv}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: srv}}\n  template:\n    metadata: {labels: {app: srv}}\n    spec:\n      containers:\n        - name: srv\n          image: registry.example.com/srv:1.4.0\n          resources: {requests: {cpu: 100m, memory: 64Mi}}\n          livenessProbe:\n            httpGet: {path: "{{ tpl .Values.live . }}", port: 8080}\n          readinessProbe:\n            httpGet: {path: "{{ tpl .Values.ready . }}", port: 8080}\n';
    const found = summary(analyse(template, 'live: /{{ .Release.Name }}/live\nready: /{{ .Release.Name }}/ready\n'));
    assert.ok(!found.some((f) => f.includes('identical-liveness-readiness')), found.join('\n'));
  });
});

describe('named templates whose body starts on a line of its own (kube-state-metrics labels)', () => {
  it('an include trimmed onto a line that holds a key writes the fragment\'s lines as Helm does', () => {
    const helpers = '{{- define "x.sel" }}\na: 1\nb: 2\n{{- end }}\n{{- define "x.lab" }}\nc: 3\n{{- include "x.sel" . }}\nd: 4\n{{- end }}\n';
    const rendered = renderTemplate('labels: {{- include "x.lab" . | indent 4 }}\n', context('', { helpers: [helpers] }));
    assert.deepEqual(rendered.text.split('\n').map((l) => l.trimEnd()), ['labels:', '    c: 3', '    a: 1', '    b: 2', '    d: 4', '']);
  });

  it('the selector labels a Deployment writes this way match its pod template: no selector-mismatch', () => {
    const helpers = '{{- define "ksm.selectorLabels" }}\napp.kubernetes.io/name: ksm\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end }}\n{{- define "ksm.labels" }}\nhelm.sh/chart: ksm\n{{- include "ksm.selectorLabels" . }}\n{{- end }}\n';
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ksm\n  labels: {{- include "ksm.labels" . | indent 4 }}\nspec:\n  selector:\n    matchLabels: {{- include "ksm.selectorLabels" . | indent 6 }}\n  template:\n    metadata:\n      labels: {{- include "ksm.labels" . | indent 8 }}\n    spec:\n      containers:\n      - name: ksm\n        image: registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0\n';
    const found = summary(analyse(template, '', { helpers: [HELPERS + helpers] }));
    assert.ok(!found.some((f) => f.includes('selector-mismatch')), found.join('\n'));
    assert.ok(found.some((f) => f.includes('missing-resource-requests')), 'the Deployment is analysed');
  });

  it('a multi-line value in the middle of a line is still unknown, not a broken scalar', () => {
    const rendered = renderTemplate('description: {{ .Values.text }}\n', context('text: "first\\nsecond"\n'));
    assert.equal(rendered.text, `description: ${HELM_UNKNOWN}\n`);
  });
});

describe('Go types of values (typeOf, kindOf, kindIs) and join', () => {
  it('decide the backward-compatibility idiom of external-dns: a provider given as a string', () => {
    const helper = '{{- define "x.providerName" -}}\n{{- if eq (typeOf .Values.provider) "string" }}{{- .Values.provider }}{{- else }}{{- .Values.provider.name }}{{- end }}\n{{- end }}\n';
    const template = '{{- $providerName := include "x.providerName" . }}\nports:\n- name: http\n  targetPort: http\n{{- if eq $providerName "webhook" }}\n- name: http-wh-metrics\n  targetPort: http-wh-metrics\n{{- end }}\n';
    assert.equal(renderTemplate(template, context('provider: aws\n', { helpers: [helper] })).text, '\nports:\n- name: http\n  targetPort: http\n');
    assert.match(renderTemplate(template, context('provider:\n  name: webhook\n', { helpers: [helper] })).text, /http-wh-metrics/);
  });

  it('kindIs and kindOf of values; join of a list', () => {
    const values = 'list: [a, b]\nmap: {x: 1}\nn: 3\n';
    const rendered = renderTemplate('a: {{ kindOf .Values.list }}\nb: {{ kindIs "map" .Values.map }}\nc: {{ typeOf .Values.n }}\nd: {{ kindOf .Values.missing }}\ne: {{ join "," .Values.list }}\n', context(values));
    assert.equal(rendered.text, 'a: slice\nb: true\nc: float64\nd: invalid\ne: "a,b"\n');
  });
});

describe('related locations in a template', () => {
  it('name the related object where the template writes it, not where the rendered text has it', () => {
    const service = '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}\n# a ServiceMonitor would go here\n{{- end }}\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n';
    const analysis = analyse(`${service}---\n${POD('apiVersion: apps/v1').replace('image: nginx:1.27.0\n', 'image: nginx:1.27.0\n        ports:\n        - containerPort: 8080\n')}`, '');
    const probe = analysis.findings.find((f) => f.ruleId === 'disposability/missing-readiness-probe');
    assert.ok(probe, summary(analysis).join('\n'));
    assert.deepEqual(probe.related?.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line + 1}`), ['deployment.yaml:5'], 'line 5 of the template: kind: Service');
  });
});

describe('numbers in conditions', () => {
  it('decides `gt (int .Values.replicas) 1` and `len` as Helm does (snapshot-controller probes only with replicas)', () => {
    const template = 'replicas: {{ .Values.replicas }}\n{{- if gt (int .Values.replicas) 1 }}\nleaderElection: true\n{{- end }}\n{{- if lt (len .Values.zones) 2 }}\nsingleZone: true\n{{- end }}\n{{- if ge (int64 "3") (float64 .Values.replicas) }}\nsmall: true\n{{- end }}\n';
    assert.equal(renderTemplate(template, context('replicas: 1\nzones: [a]\n')).text, 'replicas: 1\nsingleZone: true\nsmall: true\n');
    assert.equal(renderTemplate(template, context('replicas: 4\nzones: [a, b]\n')).text, 'replicas: 4\nleaderElection: true\n');
    assert.equal(renderTemplate('{{- if gt (int .Capabilities.KubeVersion.Minor) 20 }}\nnew: true\n{{- end }}\n', context('')).text, '\nnew: true\n', 'an unknown number keeps the branch');
  });
});

describe('lists, index and urlParse', () => {
  it("cert-manager's image helper: `include \"image\" (tuple .Values.image $.Chart.AppVersion)` reads the values through `index`", () => {
    const helper = '{{- define "image" -}}\n{{- $defaultTag := index . 1 -}}\n{{- with index . 0 -}}\n{{- if .registry -}}{{ printf "%s/%s" .registry .repository }}{{- else -}}{{- .repository -}}{{- end -}}\n{{- if .digest -}}{{ printf "@%s" .digest }}{{- else -}}{{ printf ":%s" (default $defaultTag .tag) }}{{- end -}}\n{{- end }}\n{{- end }}\n';
    const template = 'image: "{{ template "image" (tuple .Values.image $.Chart.AppVersion) }}"\nother: {{ index .Values.ports 1 }}\nmissing: {{ index .Values.image "nothing" | default "none" }}\n';
    assert.equal(renderTemplate(template, context('image:\n  repository: quay.io/jetstack/cas\nports: [80, 443]\n', { helpers: [helper] })).text, 'image: "quay.io/jetstack/cas:2.1.0"\nother: 443\nmissing: none\n');
    assert.equal(renderTemplate(template, context('image:\n  registry: r.example\n  repository: cas\n  tag: v1.2.3\nports: [80, 443]\n', { helpers: [helper] })).text.split('\n')[0], 'image: "r.example/cas:v1.2.3"');
    // A position outside the list is an error in Helm: unknown here, never a guess.
    assert.match(renderTemplate('a: {{ index (list 1 2) 5 }}\n', context('')).text, new RegExp(`a: ${HELM_UNKNOWN}`));
  });

  it('a container whose image comes through such a helper is still judged, with the finding on the values line', () => {
    const helper = '{{- define "image" -}}\n{{- $defaultTag := index . 1 -}}\n{{- with index . 0 -}}{{ .repository }}:{{ default $defaultTag .tag }}{{- end }}\n{{- end }}\n';
    const template = POD('apiVersion: apps/v1').replace('image: nginx:1.27.0', 'image: "{{ template "image" (tuple .Values.image $.Chart.AppVersion) }}"');
    const analysis = analyse(template, 'image:\n  repository: shop/web\n  tag: latest\n', { helpers: [helper] });
    assert.ok(summary(analysis).includes('values.yaml 3:8 build-release-run/mutable-image-tag'), summary(analysis).join('\n'));
  });

  it("urlParse gives Go's parts of a URL (deliveryhero's backstage chart: `$u := urlParse .Values.baseUrl` then `$u.host`)", () => {
    const template = '{{- $u := urlParse .Values.url }}\nhost: {{ $u.host }}\nhostname: {{ $u.hostname }}\nscheme: {{ $u.scheme }}\npath: {{ $u.path }}\nquery: {{ $u.query }}\nuser: {{ $u.userinfo }}\n';
    // YAML reads `"demo.example.com:8443"` as the same string Helm writes plain.
    assert.equal(renderTemplate(template, context('url: HTTPS://me@demo.example.com:8443/a%20b?x=1#top\n')).text, '\nhost: "demo.example.com:8443"\nhostname: demo.example.com\nscheme: https\npath: /a b\nquery: x=1\nuser: me\n');
    assert.match(renderTemplate('{{- $u := urlParse .Values.url }}\nhost: {{ $u.host }}\n', context('url: "10.0.0.1:8080/x"\n')).text, new RegExp(`host: ${HELM_UNKNOWN}`), 'Go refuses a colon in the first path segment');
  });
});

describe('a list printed with {{ }} (DocSpring\'s CronJob: `command: {{ .Values.cronjobs.x.command }}`)', () => {
  const template = POD('apiVersion: apps/v1').replace('image: nginx:1.27.0', 'image: nginx:1.27.0\n        command: {{ .Values.command }}');
  const values = 'command: ["run_as_deploy", "rake", "submissions:enqueue_expiry_jobs"]\n';

  it('renders as Go prints it, one item, and the container is reported where the template prints it', () => {
    assert.match(renderTemplate(template, context(values)).text, /^ {8}command: \[run_as_deploy rake submissions:enqueue_expiry_jobs\]$/m);
    const analysis = analyse(template, values);
    const finding = analysis.findings.find((f) => f.ruleId === 'disposability/unsplit-container-command');
    assert.ok(finding, summary(analysis).join('\n'));
    assert.equal(`${finding.range.start.line + 1}:${finding.range.start.character + 1}`, '17:18');
    assert.match(finding.message, /a list value printed with `\{\{ \}\}` is one item \(`\[a b c\]`\); write it with `toJson`/);
  });

  it('is silent when the template writes the list with toJson, and a list Go would print otherwise stays unknown', () => {
    const ids = summary(analyse(template.replace('{{ .Values.command }}', '{{ toJson .Values.command }}'), values));
    assert.ok(!ids.some((l) => l.includes('unsplit-container-command')), ids.join('\n'));
    assert.match(renderTemplate(template, context('command: [serve, {port: 80}]\n')).text, new RegExp(`command: ${HELM_UNKNOWN}`));
    assert.match(renderTemplate(template, context('command: [serve, 1000000]\n')).text, new RegExp(`command: ${HELM_UNKNOWN}`), 'Go prints 1e+06');
  });
});

describe('a named template that no file of the chart defines (ScreamerKun heimdall-chart: no _helpers.tpl)', () => {
  const TEMPLATE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "heimdall.fullname" . }}\nspec:\n  ports:\n    - port: 80\n';
  const notices = (analysis: Analysis) => analysis.findings.filter((f) => f.ruleId === 'helm/named-template-undefined');

  it('gives one hint where the template names it, in a v2 chart without dependencies', () => {
    const found = notices(analyse(TEMPLATE, ''));
    assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.severity}`), ['4:20-39 hint']);
    assert.match(found[0].message, /^No file of this chart defines the named template `heimdall\.fullname`/);
  });

  it('says nothing when a define may come from elsewhere: a declared dependency, a v1 chart, an unreadable helpers file', () => {
    const withDependency = { chartText: 'apiVersion: v2\nname: heimdall\nversion: 1.0.0\ndependencies:\n  - name: common\n    repository: oci://registry-1.docker.io/bitnamicharts\n    version: 2.x.x\n' };
    assert.deepEqual(notices(analyse(TEMPLATE, '', withDependency)), []);
    assert.deepEqual(notices(analyse(TEMPLATE, '', { chartText: 'apiVersion: v1\nname: heimdall\nversion: 1.0.0\n' })), []);
    assert.deepEqual(notices(analyse(TEMPLATE, '', { helpers: ['{{- define "other" -}}\n{{ .Values.x\n'] })), []);
  });

  it('says nothing when the chart defines it', () => {
    assert.deepEqual(notices(analyse(TEMPLATE, '', { helpers: ['{{- define "heimdall.fullname" -}}\nheimdall\n{{- end }}\n'] })), []);
  });
});

describe("Go's print and a named template defined twice (review set 73: Book-U-Love)", () => {
  it('prints operands as fmt.Sprint does: no space beside a string, one between two other operands; println spaces all and ends the line', () => {
    const result = renderTemplate('a: {{ print .Values.org "/" .Values.name ":" .Values.version }}\nb: {{ print 1 2 "x" 3 }}\nc: {{ println "x" 1 | trim }}\n', context('org: acme\nname: web\nversion: 1.2.0\n'));
    // A value the renderer writes in quotes where it holds a colon, as it does any such value.
    assert.equal(result.text, 'a: "acme/web:1.2.0"\nb: 1 2x3\nc: x 1\n');
  });

  it("keeps a name's definition when another file defines it with an empty body, as Go's text/template does", () => {
    const real = '{{- define "svc.name" -}}\nweb\n{{- end }}\n';
    const empty = '{{- define "svc.name" }}\n\n{{- end }}\n';
    assert.equal(renderTemplate('name: {{ include "svc.name" . }}\n', context('', { helpers: [real, empty] })).text, 'name: web\n');
    assert.equal(renderTemplate('name: {{ include "svc.name" . }}\n', context('', { helpers: [empty, real] })).text, 'name: web\n');
  });
});

describe('a container whose image the chart leaves empty or unknown (review set 73: Book-U-Love)', () => {
  it('is still a whole container: the rules that do not read the image judge it', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        image: {{ .Values.nope }}\n      - name: side\n        image: {{ .Values.img | someUnknownFn }}\n';
    const requests = summary(analyse(template, 'img: x\n')).filter((line) => line.endsWith('concurrency/missing-resource-requests'));
    assert.deepEqual(requests, ['deployment.yaml 10:15 concurrency/missing-resource-requests', 'deployment.yaml 12:15 concurrency/missing-resource-requests']);
  });
});

describe("Sprig's b64enc (review set 73: Book-U-Love's MySQL Secret)", () => {
  it('encodes the UTF-8 text as standard base64, so a Secret that takes a literal value from values.yaml is judged', () => {
    assert.equal(renderTemplate('a: {{ .Values.pw | b64enc }}\nb: {{ "café" | b64enc }}\n', context('pw: bookulove\n')).text, 'a: Ym9va3Vsb3Zl\nb: Y2Fmw6k=\n');
    const template = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.auth.password | b64enc }}\n  token: {{ .Values.auth.token | b64enc }}\n';
    const found = analyse(template, 'auth:\n  password: bookulove\n  token: changeme\n').findings.filter((f) => f.ruleId === 'config/plaintext-secret-manifest');
    assert.deepEqual(found.map((f) => f.message.slice(0, 59)), ['Secret `db` commits 1 literal value in `data` (`password`);']);
  });
});

describe('a finding about what a container lacks, whose name comes from values.yaml (review set 75: kirill-sch backend chart)', () => {
  it('stays on the template, where the container is written: values.yaml holds nothing to fix for it', () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: {{ .Values.name }}\n        image: {{ .Values.image }}\n';
    const found = analyse(template, 'name: web\nimage: reg.io/web:1.0\n').findings.filter((f) => f.ruleId === 'concurrency/missing-resource-requests');
    assert.deepEqual(found.map((f) => `${f.uri ?? 'template'} ${f.range.start.line + 1}:${f.range.start.character + 1}`), ['template 10:15']);
  });
});
