/**
 * Scaled inputs for the linear-growth checks (`npm run bench`, test/reliability/linear.test.ts): Dockerfiles
 * and Kubernetes manifests of about `lines` lines, built from realistic blocks repeated with varying names,
 * so that every rule and model step sees its usual shapes at 1k, 10k and 100k lines. Deterministic: the same
 * size always yields the same text.
 */

export type InputKind = 'dockerfile-single-stage' | 'dockerfile-multi-stage' | 'manifest';

export const INPUT_KINDS: readonly InputKind[] = ['dockerfile-single-stage', 'dockerfile-multi-stage', 'manifest'];

/** A generated input: its text and the uri to analyse it under. */
export interface GeneratedInput {
  kind: InputKind;
  uri: string;
  text: string;
  lines: number;
}

export function generate(kind: InputKind, lines: number): GeneratedInput {
  const text = kind === 'manifest' ? manifest(lines) : kind === 'dockerfile-multi-stage' ? multiStageDockerfile(lines) : singleStageDockerfile(lines);
  const uri = kind === 'manifest' ? `file:///generated/${kind}-${lines}.yaml` : `file:///generated/${kind}-${lines}/Dockerfile`;
  return { kind, uri, text, lines: text.split('\n').length };
}

/** One stage's body: RUN with continuations, ENV, COPY, ARG expansion, LABEL, comments, a suppression. */
function stageBlock(i: number): string[] {
  return [
    `# step ${i}: dependencies and sources`,
    `ARG TOOL_VERSION_${i % 7}=1.${i % 13}.0`,
    `RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates \\`,
    `    && curl -fsSL https://example.com/tool-\${TOOL_VERSION_${i % 7}}.tar.gz -o /tmp/tool.tar.gz \\`,
    `    && tar -xzf /tmp/tool.tar.gz -C /usr/local/bin \\`,
    `    && rm -rf /var/lib/apt/lists/* /tmp/tool.tar.gz`,
    `ENV APP_HOME=/app LOG_LEVEL=info FEATURE_${i % 11}=on`,
    `COPY requirements-${i % 5}.txt ./`,
    `RUN pip install --no-cache-dir -r requirements-${i % 5}.txt`,
    `COPY --chown=1000:1000 src/module${i % 17}/ ./src/module${i % 17}/`,
    `LABEL org.opencontainers.image.version=\${TOOL_VERSION_${i % 7}} step=${i}`,
    `# twelve-factor-ignore dependencies/pipe-to-shell -- generated step ${i}`,
    `RUN curl -fsSL https://example.com/setup.sh | sh -s -- --prefix /opt/step${i}`,
    `WORKDIR /app`,
  ];
}

/** A single stage that grows: the shape where per-instruction rescans of the stage go quadratic. */
function singleStageDockerfile(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG PYTHON_VERSION=3.12', 'FROM python:${PYTHON_VERSION}-slim', 'WORKDIR /app'];
  const tail = ['EXPOSE 8080', 'USER 1000', 'STOPSIGNAL SIGTERM', 'CMD ["gunicorn", "-b", "0.0.0.0:8080", "-w", "4", "app:app"]'];
  for (let i = 0; out.length + tail.length < lines; i++) for (const line of stageBlock(i)) out.push(line);
  return out.concat(tail).join('\n') + '\n';
}

/** Many stages, some built FROM the previous one (a chain), others from external images, with COPY --from. */
function multiStageDockerfile(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG NODE_VERSION=20.15', 'ARG PYTHON_VERSION=3.12'];
  const tail = ['FROM node:${NODE_VERSION}-bookworm-slim AS runtime', 'WORKDIR /app', 'COPY --from=s0 /app/dist ./dist', 'ENV NODE_ENV=production PORT=8080', 'EXPOSE 8080', 'USER node', 'CMD ["node", "dist/server.js"]'];
  for (let s = 0; out.length + tail.length < lines; s++) {
    const base = s % 3 === 0 || s === 0 ? `python:\${PYTHON_VERSION}-slim` : `s${s - 1}`;
    out.push(`FROM ${base} AS s${s}`);
    if (s > 1) out.push(`COPY --from=s${s - 2} /app/out /app/in${s}`);
    for (const line of stageBlock(s).slice(0, 10)) out.push(line);
  }
  return out.concat(tail).join('\n') + '\n';
}

/**
 * Many documents per application: a Deployment (anchors for resources and env, aliases in its sidecar), a
 * Service selecting it through labels shared by a group of applications, an HPA, a PVC, a PDB and a ConfigMap.
 */
function manifest(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    const group = `shop-${Math.floor(i / 5)}`;
    out.push(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: app${i}`,
      `  labels: {app: app${i}, part-of: ${group}}`,
      'spec:',
      '  replicas: 2',
      '  selector:',
      `    matchLabels: {app: app${i}}`,
      '  template:',
      '    metadata:',
      `      labels: {app: app${i}, part-of: ${group}, tier: web}`,
      '    spec:',
      '      containers:',
      '      - name: web',
      `        image: registry.example.com/app${i}:1.${i % 10}.0`,
      '        ports:',
      '        - {containerPort: 8080, name: http}',
      '        env: &env',
      '        - name: PORT',
      '          value: "8080"',
      '        - name: DB_HOST',
      '          value: db.internal',
      '        - name: DATABASE_PASSWORD',
      '          valueFrom: {secretKeyRef: {name: db, key: password}}',
      '        resources: &res',
      '          requests: {cpu: 100m, memory: 128Mi}',
      '          limits: {memory: 256Mi}',
      '        readinessProbe:',
      '          httpGet: {path: /ready, port: http}',
      '        volumeMounts:',
      `        - {name: data, mountPath: /data}`,
      '      - name: log-forwarder',
      '        image: registry.example.com/forwarder:2.1.0',
      '        env: *env',
      '        resources: *res',
      '      volumes:',
      `      - name: data`,
      `        persistentVolumeClaim: {claimName: data-${i}}`,
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${group}-web-${i}`,
      'spec:',
      `  selector: {part-of: ${group}, tier: web}`,
      '  ports:',
      '  - {port: 80, targetPort: http}',
      '---',
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      `  name: app${i}`,
      'spec:',
      `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app${i}}`,
      '  minReplicas: 2',
      '  maxReplicas: 6',
      '---',
      'apiVersion: v1',
      'kind: PersistentVolumeClaim',
      'metadata:',
      `  name: data-${i}`,
      'spec:',
      '  accessModes: [ReadWriteOnce]',
      '  resources: {requests: {storage: 1Gi}}',
      '---',
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      `  name: app${i}`,
      'spec:',
      '  minAvailable: 1',
      `  selector: {matchLabels: {app: app${i}}}`,
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      `  name: app${i}-config`,
      `  labels: {part-of: ${group}}`,
      'data:',
      '  LOG_LEVEL: info',
      '  FEATURE_X: "true"',
      '---',
    );
  }
  return out.join('\n') + '\n';
}
