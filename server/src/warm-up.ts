/**
 * What an analysis worker analyses while it has nothing to do, before its first job (analysis-worker.ts), so
 * that the first file the user opens does not pay for compiling the analysis. The results are dropped.
 *
 * Each input should run as many rules' paths as a real file does, findings included: code that the warm-up
 * does not run is compiled during the user's first analysis. With a 10-line Dockerfile that had no
 * findings, a new server's first 51-line Dockerfile (opened right after initialize) got its diagnostics after
 * a median of 57, 51.5 and 61 ms in three sets of alternated runs; with the Dockerfile below (four findings,
 * most instruction kinds) after 40, 39 and 53 ms. Keep them short: a job that arrives meanwhile waits for the
 * input in progress (a 360-line manifest here made the first Dockerfile wait up to 150 ms).
 */
export const WARM_UP: readonly { uri: string; languageId: string; text: string }[] = [
  {
    uri: 'file:///twelve-factor-lens/warm-up/Dockerfile',
    languageId: 'dockerfile',
    text: [
      '# syntax=docker/dockerfile:1',
      'ARG NODE_VERSION=20',
      'FROM node:${NODE_VERSION}-bookworm-slim AS build',
      'WORKDIR /app',
      'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \\',
      '    && curl -fsSL https://example.com/install.sh | sh \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build && npm prune --omit=dev',
      'FROM node:${NODE_VERSION}-bookworm-slim',
      'LABEL org.opencontainers.image.source=https://example.com/app',
      'ENV NODE_ENV=production PORT=8080 DATABASE_URL=postgres://db:5432/app',
      'ARG BUILD_ID',
      'WORKDIR /app',
      'COPY --from=build --chown=node:node /app/dist ./dist',
      'ADD https://example.com/ca.pem /etc/ssl/certs/',
      'EXPOSE 8080',
      'USER node',
      'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/health || exit 1',
      'STOPSIGNAL SIGTERM',
      'ENTRYPOINT ["node"]',
      'CMD node dist/server.js > /var/log/app.log',
      '',
    ].join('\n'),
  },
  {
    uri: 'file:///twelve-factor-lens/warm-up/app.yaml',
    languageId: 'yaml',
    text: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  replicas: 2',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: example.com/web:1.0.0',
      '          ports: [{containerPort: 8080}]',
      '          env: [{name: LOG_LEVEL, value: info}]',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      'spec:',
      '  selector: {app: web}',
      '  ports: [{port: 80, targetPort: 8080}]',
      '',
    ].join('\n'),
  },
];
