// Regression for ../shared/reliability/secrets: a Dockerfile and a manifest with planted secrets in
// every place people put them (ENV, ARG, LABEL, RUN, ADD, HEALTHCHECK, CMD, env values, commands,
// args, annotations, ConfigMaps, Secrets). No planted secret may appear in any output: finding
// messages, hovers, code-action titles, the CLI's stylish, JSON and SARIF output (in-process and
// through the bundled CLI). The files are generated here; token-shaped values are assembled from
// pieces so that no token-looking literal is committed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { codeActionsFor } from '../../server/src/core/code-actions';
import { toJson, toSarif, toStylish, type FileReport } from '../../server/src/cli-format';

/** The planted secrets, by name; every one must stay out of every output. */
const S = {
  AWS_KEY_BODY: 'Z3MSJV4WQFAKE9X7',
  AWS_SECRET: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Hn3Rt4V',
  PASSWORD1: 'S3cr3tPassw0rd2024xyz',
  PASSWORD2: 'Tr0ub4dor-and-3-horses',
  GH_BODY: 'R8sKq2LmZ7wXv4NcY1pTb6UeJ0aHd3Fg9QoW',
  SLACK_BODY: '1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  STRIPE_BODY: '51HqzFAKEa8b7c6d5e4f3g2h1',
  JWT_SIGNATURE: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  PG_PASS: 'Pg0nlyP4ssw0rdZZ9',
  MONGO_PASS: 'M0ng0Secr3tQQ7',
  MSSQL_PASS: 'MsSqlP4ssw0rd123',
  REDIS_PASS: 'RedisPassw0rdXYZ77',
  AMQP_PASS: 'Rabb1tPassw0rdKK1',
  AT_PASS: 'p4ss@w0rd/with@chars9',
  SLASH_PASS: 'abc/def/ghi/Secret88',
  GITLAB_BODY: 'Xy7FAKEtok3nAbCdEfGh12',
  CURL_PASS: 'CurlUs3rPassw0rd55',
  PIP_TOKEN: 'PipInd3xT0kenFAKE99',
  MYSQL_PASS: 'MySqlR00tPw-4422',
  NPM_BODY: 'Zq8FAKEnpmT0kenAbCdEfGhIjKlMnOpQrSt',
  ADD_PASS: 'AddD0wnl0adPw77',
  ENVSPACE: 'LegacyEnvF0rmSecret1',
  QUOTED: 'Qu0ted Secret With Spaces',
  APIKEY: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
  PRIVKEY: 'MIIEowIBAAKCAQEAuFAKEprivatekeymaterial0123456789',
  ARG_TOKEN: 'ArgDefaultT0ken-XYZ-123',
  LOC_PASS: 'L0catorPassw0rd31',
  JDBC_PASS: 'JdbcPassw0rdAA12',
  CM_PASS: 'ConfigMapPassw0rd44',
  CM_FILE_PASS: 'Fil3SettingPassw0rd',
  SECRET_DATA: 'PlainSecretData0099',
  ANNOT: 'AnnotationT0kenZZ12',
  ARGS_PASS: 'ArgsFlagPassw0rd08',
  HEALTH_PASS: 'HealthCheckPw0rd61',
  LABEL_PASS: 'LabelPassw0rd7788',
  SED_PASS: 'SedPassw0rdInRun72',
  WGET_PASS: 'WgetPassw0rdFAKE13',
  REQUIRE_PASS: 'Zz9SuperSecretVal9Zz',
};

const AKIA = 'AK' + 'IA' + S.AWS_KEY_BODY;
const GHP = 'gh' + 'p_' + S.GH_BODY;
const XOXB = 'xo' + 'xb-' + S.SLACK_BODY;
const STRIPE = 's' + 'k_live_' + S.STRIPE_BODY;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.' + S.JWT_SIGNATURE;
const GLPAT = 'gl' + 'pat-' + S.GITLAB_BODY;
const NPM = 'np' + 'm_' + S.NPM_BODY;

const DOCKERFILE = `FROM node:20.11-slim
ARG NPM_TOKEN=${NPM}
ARG DEPLOY_TOKEN=${S.ARG_TOKEN}
ARG GITHUB_TOKEN
ENV AWS_ACCESS_KEY_ID=${AKIA} \\
    AWS_SECRET_ACCESS_KEY=${S.AWS_SECRET}
ENV DB_PASSWORD=${S.PASSWORD1}
ENV ADMIN_PASSWORD "${S.PASSWORD2}"
ENV GH_TOKEN=${GHP}
ENV SLACK_TOKEN=${XOXB}
ENV STRIPE_KEY=${STRIPE}
ENV SESSION_TOKEN=${JWT}
ENV DATABASE_URL=postgres://app:${S.PG_PASS}@db.internal:5432/app
ENV MONGO_URL=mongodb+srv://admin:${S.MONGO_PASS}@cluster0.abc.mongodb.net/db
ENV SQL_CONNECTION="Server=tcp:sql.example.com,1433;Database=app;User Id=sa;Password=${S.MSSQL_PASS};"
ENV REDIS_URL=redis://:${S.REDIS_PASS}@cache:6379/0
ENV AMQP_URL=amqp://guest:${S.AMQP_PASS}@rabbit:5672/
ENV PAYMENTS_DB_URL=postgres://pay:${S.AT_PASS}@10.0.0.5:5432/pay
ENV ORDERS_DSN=mysql://orders:${S.SLASH_PASS}@127.0.0.1:3306/orders
ENV JDBC_URL=jdbc:postgresql://db:5432/app?user=app&password=${S.JDBC_PASS}
ENV LEGACY_SECRET ${S.ENVSPACE}
ENV API_KEY="${S.QUOTED}"
ENV SERVICE_API_KEY=${S.APIKEY}
ENV TLS_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----${S.PRIVKEY}-----END RSA PRIVATE KEY-----"
ENV CACHE_HOST=localhost
LABEL deploy.password=${S.LABEL_PASS}
RUN echo "//registry.npmjs.org/:_authToken=${NPM}" > .npmrc && npm install
RUN git clone https://oauth2:${GLPAT}@gitlab.com/acme/app.git /src
RUN curl -u deploy:${S.CURL_PASS} https://get.example.com/install.sh | sh
RUN pip install --index-url https://__token__:${S.PIP_TOKEN}@pypi.example.com/simple app
RUN wget --password=${S.WGET_PASS} http://x.example.com/a.tgz
RUN sed -i "s/PASSWORD/${S.SED_PASS}/" /etc/app.conf
ADD https://user:${S.ADD_PASS}@files.example.com/app.tgz /app/
HEALTHCHECK CMD curl -f http://admin:${S.HEALTH_PASS}@127.0.0.1:8080/health || exit 1
EXPOSE 3000
CMD mysql -uroot -p${S.MYSQL_PASS} < migrate.sql && DATABASE_URL=postgres://app:${S.LOC_PASS}@localhost/app node server.js --inspect=0.0.0.0:9229
`;

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    deploy.token: "${S.ANNOT}"
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
      - name: migrate
        image: acme/web:1.2.3
        command: ["sh", "-c", "mysql -uroot -p${S.MYSQL_PASS} < /m.sql && python manage.py migrate"]
      containers:
      - name: web
        image: acme/web:latest
        command: ["sh", "-c"]
        args:
        - "git clone https://oauth2:${GLPAT}@gitlab.com/acme/app.git /src && curl -u deploy:${S.CURL_PASS} https://get.example.com/i.sh | sh && pip install --index-url https://__token__:${S.PIP_TOKEN}@pypi.example.com/simple app && npm run build && python manage.py migrate && gunicorn app --log-file=/var/log/app.log --password=${S.ARGS_PASS} & sleep 5 && node server.js"
        env:
        - name: AWS_ACCESS_KEY_ID
          value: ${AKIA}
        - name: AWS_SECRET_ACCESS_KEY
          value: "${S.AWS_SECRET}"
        - name: DB_PASSWORD
          value: "${S.PASSWORD1}"
        - name: GH_TOKEN
          value: ${GHP}
        - name: SLACK_TOKEN
          value: ${XOXB}
        - name: STRIPE_KEY
          value: ${STRIPE}
        - name: SESSION_TOKEN
          value: ${JWT}
        - name: DATABASE_URL
          value: postgres://app:${S.PG_PASS}@10.0.0.7:5432/app
        - name: MONGO_URL
          value: mongodb+srv://admin:${S.MONGO_PASS}@cluster0.abc.mongodb.net/db
        - name: SQL_CONNECTION
          value: "Server=tcp:sql.example.com,1433;Database=app;User Id=sa;Password=${S.MSSQL_PASS};"
        - name: REDIS_URL
          value: redis://:${S.REDIS_PASS}@127.0.0.1:6379/0
        - name: AMQP_URL
          value: amqp://guest:${S.AMQP_PASS}@localhost:5672/
        - name: PAYMENTS_DB_URL
          value: postgres://pay:${S.AT_PASS}@10.0.0.5:5432/pay
        - name: ORDERS_DSN
          value: mysql://orders:${S.SLASH_PASS}@127.0.0.1:3306/orders
        - name: JDBC_URL
          value: "jdbc:postgresql://10.0.0.9:5432/app?user=app&password=${S.JDBC_PASS}"
        - name: API_KEY
          value: "${S.QUOTED}"
        - name: SERVICE_API_KEY
          value: "${S.APIKEY}"
        - name: DB_PASSWORD
          value: "${S.PASSWORD2}"
        - name: NODE_ENV
          value: development
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  DB_PASSWORD: "${S.CM_PASS}"
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db/app
    spring.datasource.password=${S.CM_FILE_PASS}
  settings.yaml: |
    database:
      password: ${S.CM_FILE_PASS}
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secret
stringData:
  password: ${S.SECRET_DATA}
data:
  token: ${S.SECRET_DATA}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

/** The smallest inputs that leaked before: every pattern once. */
const MINIMAL_DOCKERFILE = `FROM alpine:3.19
ENV REDIS_URL=redis://:${S.REDIS_PASS}@cache:6379/0
ENV ORDERS_DSN=mysql://orders:${S.SLASH_PASS}@db:3306/orders
ENV PAYMENTS_DB_URL=postgres://pay:${S.AT_PASS}@db:5432/pay
ADD https://user:${S.ADD_PASS}@files.example.com/app.tgz /app/
CMD ["/app/run"]
`;

const MINIMAL_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: acme/web:1.0
        command: ["sh", "-c", "curl -u deploy:${S.CURL_PASS} https://get.example.com/i.sh | sh && redis-server --requirepass ${S.REQUIRE_PASS} & DATABASE_URL=postgres://u:${S.REQUIRE_PASS}@db/x python manage.py migrate && exec gunicorn app"]
        env:
        - name: REDIS_URL
          value: redis://:${S.REDIS_PASS}@127.0.0.1:6379/0
        - name: JDBC_URL
          value: "jdbc:postgresql://10.0.0.9:5432/app?user=app&password=${S.JDBC_PASS}"
`;

const FILES: { name: string; text: string }[] = [
  { name: 'Dockerfile', text: DOCKERFILE },
  { name: 'deploy.yaml', text: MANIFEST },
  { name: 'minimal-leaks.Dockerfile', text: MINIMAL_DOCKERFILE },
  { name: 'minimal-leaks.yaml', text: MINIMAL_MANIFEST },
];

function analysisOf(file: { name: string; text: string }): Analysis {
  return analyze({ uri: `file:///w/${file.name}`, languageId: file.name.endsWith('.yaml') ? 'yaml' : 'dockerfile', text: file.text });
}

function leaksIn(where: string, text: string): string[] {
  return Object.entries(S)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => `${where}: ${name}`);
}

describe('planted secrets (../shared/reliability/secrets) stay out of every output', () => {
  const analyses = FILES.map((file) => ({ file, analysis: analysisOf(file) }));

  it('the planted files are analysed and report the secrets (masked)', () => {
    for (const { file, analysis } of analyses) assert.ok(analysis.findings.length >= 3, `${file.name}: ${analysis.findings.length} findings`);
    const messages = analyses.flatMap(({ analysis }) => analysis.findings.map((f) => f.message)).join('\n');
    // The useful part of each message survives the masking.
    for (const kept of ['redis://:****@cache:6379/0', 'mysql://orders:****@127.0.0.1:3306/orders', 'postgres://pay:****@10.0.0.5:5432/pay', 'https://user:****@files.example.com/app.tgz', 'curl -u deploy:****', 'password=****']) {
      assert.ok(messages.includes(kept), `no message shows ${kept}`);
    }
  });

  it('finding messages, fix titles, hovers and code-action titles', () => {
    const leaks: string[] = [];
    for (const { file, analysis } of analyses) {
      for (const finding of analysis.findings) {
        leaks.push(...leaksIn(`${file.name} ${finding.ruleId} message`, finding.message));
        if (finding.fix) leaks.push(...leaksIn(`${file.name} ${finding.ruleId} fix title`, finding.fix.title));
        const hover = hoverAt(analysis, finding.range.start);
        if (hover) leaks.push(...leaksIn(`${file.name} ${finding.ruleId} hover`, hover.markdown));
        for (const action of codeActionsFor(analysis, finding.range)) leaks.push(...leaksIn(`${file.name} code action`, action.title));
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('the CLI formats (stylish, JSON, SARIF), in process', () => {
    const reports: FileReport[] = analyses.map(({ file, analysis }) => ({ path: file.name, findings: analysis.findings, parseProblems: analysis.parsed.parseProblems }));
    assert.deepEqual(leaksIn('stylish', toStylish(reports, false)), []);
    assert.deepEqual(leaksIn('json', toJson(reports)), []);
    assert.deepEqual(leaksIn('sarif', toSarif(reports, '0.0.0')), []);
  });

  describe('through the bundled CLI', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'tfl-secrets-'));
      for (const file of FILES) writeFileSync(join(dir, file.name), file.text);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const format of ['stylish', 'json', 'sarif']) {
      it(`--format ${format}`, () => {
        const result = spawnSync(process.execPath, [resolve('dist/cli.js'), '--format', format, dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        assert.equal(result.status, 1, result.stderr);
        assert.ok(result.stdout.includes('****'), 'the output shows masked values');
        assert.deepEqual(leaksIn(`cli ${format}`, result.stdout + result.stderr), []);
      });
    }
  });
});
