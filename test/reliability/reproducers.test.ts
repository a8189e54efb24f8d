// Regressions for the crash, hang and fuzz reproducers of ../shared/reliability/{crash,hang,fuzz} that are about
// stack overflows, super-linear growth and the heredoc crash. The large inputs are generated here in the shape
// of the originals; the small ones are copied under fixtures/ (crash-C3-*, fuzz-1-*, fuzz-2-*, fuzz-9*).
// Each must go through the core without a failed rule, within a generous budget: the originals took 2.5 to 49 s
// or crashed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, MAX_FINDINGS_PER_RULE, type Analysis } from '../../server/src/core/analyze';
import { TOO_DEEP_MESSAGE, withoutStackTraces } from '../../server/src/core/yaml-read';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** Generous: every input here finishes in well under a second on a quiet machine. */
const BUDGET_MS = 2000;

function run(filename: string, text: string): { analysis: Analysis; ms: number } {
  const start = performance.now();
  const analysis = analyze({ uri: `file:///repro/${filename}`, languageId: '', text });
  const ms = performance.now() - start;
  assert.deepEqual(analysis.ruleFailures.map((f) => `${f.ruleId}: ${f.error.split('\n')[0]}`), [], 'no rule may fail');
  return { analysis, ms };
}

function within(ms: number, budget = BUDGET_MS): void {
  assert.ok(ms < budget, `took ${ms.toFixed(0)} ms (budget ${budget} ms)`);
}

const count = (analysis: Analysis, ruleId: string) => analysis.findings.filter((f) => f.ruleId === ruleId).length;
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

describe('crash reproducers: unbounded arrays are never spread into a call', () => {
  it('C1: 150,000 ids in one suppression comment are each reported as unknown, and the next line is still analysed', () => {
    const text = `FROM alpine\n# twelve-factor-ignore ${Array(150_000).fill('a').join(' ')} -- r\nRUN true\n`;
    const { analysis, ms } = run('Dockerfile', text);
    assert.equal(count(analysis, 'suppression/unknown-rule'), 150_000);
    // The base image is still judged: the suppression cost no other finding.
    assert.equal(count(analysis, 'dependencies/unpinned-base-image'), 1);
    within(ms, 5 * BUDGET_MS); // its defect was a crash; 150,000 findings take their time
  });

  it('C1b: an ignore annotation with 150,000 ids does not overflow and still suppresses a listed rule', () => {
    const ids = Array(150_000).fill('a').concat(['build-release-run/mutable-image-tag']).join(',');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    twelve-factor-lens/ignore: "${ids}"\nspec:\n  containers: [{name: a, image: "nginx:latest", env: [{name: DB_PASSWORD, value: hunter2hunter2}]}]\n`;
    const { analysis, ms } = run('pod.yaml', text);
    // Ids of an annotation are reported on its value as a whole: one range, so one finding after de-duplication.
    assert.equal(count(analysis, 'suppression/unknown-rule'), 1);
    assert.equal(count(analysis, 'build-release-run/mutable-image-tag'), 0, 'the listed rule is suppressed');
    assert.equal(count(analysis, 'config/literal-secret-in-manifest'), 1, 'the pod is still analysed');
    within(ms);
  });

  it('C2: a rule with more than 125,000 findings is not dropped: it lists the first ones and counts the rest', () => {
    const text = `FROM python:3.12\nCMD gunicorn${' -w 4'.repeat(150_000)} app:app\n`;
    const { analysis, ms } = run('Dockerfile', text);
    assert.equal(count(analysis, 'concurrency/hard-coded-workers'), MAX_FINDINGS_PER_RULE + 1);
    const closing = analysis.findings.filter((f) => f.ruleId === 'concurrency/hard-coded-workers').pop()!;
    assert.ok(closing.message.startsWith(`${150_000 - MAX_FINDINGS_PER_RULE} more findings`), closing.message);
    within(ms, 5 * BUDGET_MS); // its defect was a crash; most of the time is dockerfile-ast reading a 750 KB line
  });
});

describe('heredoc crash: a dockerfile-ast getter that throws for one instruction costs no rule', () => {
  it('C3: `RUN <<-` followed by a tab-only line', () => {
    const { analysis } = run('Dockerfile', fixture('crash-C3-heredoc-empty-name-tab.Dockerfile'));
    assert.equal(count(analysis, 'dependencies/unpinned-base-image'), 1);
  });

  it('C3 with another RUN: the rules that read commands still report on it', () => {
    const text = fixture('crash-C3-heredoc-empty-name-tab.Dockerfile').replace('FROM alpine\n', 'FROM alpine\nRUN curl -fsSL https://example.com/install.sh | sh\n');
    const { analysis } = run('Dockerfile', text);
    assert.equal(count(analysis, 'dependencies/pipe-to-shell'), 1);
  });

  for (const name of ['fuzz-1-heredoc.Dockerfile', 'fuzz-2-heredoc.Dockerfile']) {
    it(`${name}: no rule fails`, () => {
      run('Dockerfile', fixture(name));
    });
  }
});

describe('fuzz 9 and 9b: no "undefined" in a message', () => {
  for (const name of ['fuzz-9-undefined-port.yaml', 'fuzz-9b-undefined-in-message.yaml']) {
    it(name, () => {
      const { analysis } = run('manifest.yaml', fixture(name));
      const unmatched = analysis.findings.filter((f) => f.ruleId === 'port-binding/service-target-port-unmatched');
      assert.equal(unmatched.length, 1, 'the Service is still reported');
      for (const f of analysis.findings) assert.doesNotMatch(f.message, /undefined|NaN|\[object Object\]/, `${f.ruleId}: ${f.message}`);
    });
  }

  it('9b: a port declared by name only is listed by its name', () => {
    const { analysis } = run('manifest.yaml', fixture('fuzz-9b-undefined-in-message.yaml'));
    const message = analysis.findings.find((f) => f.ruleId === 'port-binding/service-target-port-unmatched')!.message;
    assert.match(message, /declare grpc, 8080 \(http\)/);
  });
});

describe('fuzz seed 8086, input 19384: the yaml parser ran out of stack', () => {
  it('the document is read up to where it nests too deeply, with no findings, instead of throwing', () => {
    // 2,276 levels: the parser overflowed a main thread's stack, not a worker's (see deep-nesting.test.ts).
    const { analysis } = run('manifest.yaml', fixture('fuzz-8086-19384-yaml-stack.yaml'));
    assert.equal(analysis.findings.length, 0);
    assert.deepEqual(analysis.parsed.parseProblems.map((p) => `${p.range.start.line}:${p.range.start.character} ${p.message}`), [`339:22 ${TOO_DEEP_MESSAGE}`]);
  });
});

describe('fuzz seed 8086, input 41705: 148,000 yaml parse errors in deep nesting', () => {
  it('are read without recording a stack trace for each (2.6 s before)', () => {
    const { analysis, ms } = run('manifest.yaml', fixture('fuzz-8086-41705-yaml-errors.yaml'));
    // No document holds an object (none has apiVersion and kind): read as YAML, nothing to report.
    assert.deepEqual([analysis.parsed.target, analysis.parsed.kubernetes?.objects.length, analysis.findings.length], ['kubernetes', 0, 0]);
    // The model parsed without recording traces: its YAML errors carry their message and no stack frames.
    const errors = analysis.parsed.kubernetes!.documents.flatMap((d) => d.errors);
    assert.ok(errors.length > 100_000);
    assert.ok(errors.every((e) => !String(e.stack).includes('\n    at ')), 'a yaml error recorded a stack trace');
    within(ms);
  });

  it('withoutStackTraces records none inside and restores the limit after, also when the parse throws', () => {
    const limit = Error.stackTraceLimit;
    assert.equal(withoutStackTraces(() => new Error('x').stack), 'Error: x');
    assert.throws(() => withoutStackTraces(() => { throw new RangeError('y'); }), RangeError);
    assert.equal(Error.stackTraceLimit, limit);
  });
});

describe('hang reproducers: linear in the size of the file', () => {
  it('H1: 20,000 aliases of one container (was 49 s)', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - &c name: a\n    image: nginx:latest\n${lines(20_000, () => '  - *c')}\n`;
    const { analysis, ms } = run('pod.yaml', text);
    assert.ok(count(analysis, 'build-release-run/mutable-image-tag') === 1, 'the aliased container is still judged');
    within(ms);
  });

  it('H2: 2,000 init containers sharing one aliased env list (was 38 s)', () => {
    const env = lines(500, (i) => `        - name: V${i}\n          value: "${i}"`);
    const inits = lines(2000, (i) => `      - {name: i${i}, image: "busybox", env: *env}`);
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      labels: &lab {app: x}\n    spec:\n      containers:\n      - name: a\n        image: nginx:1\n        env: &env\n${env}\n      initContainers:\n${inits}\n`;
    const { analysis, ms } = run('deploy.yaml', text);
    assert.ok(analysis.findings.length > 0);
    within(ms);
  });

  it('H3: a chain of 10,000 stages, each built FROM the previous one (was 9 s)', () => {
    const stages = lines(10_000, (i) => `FROM s${i} AS s${i + 1}\nENV A${i}=1`);
    const text = `FROM debian:12-slim AS s0\n${stages}\nCMD node server.js\n`;
    const { analysis, ms } = run('Dockerfile', text);
    assert.ok(analysis.findings.some((f) => f.ruleId === 'disposability/shell-form-command'), 'the final stage is still judged');
    within(ms);
  });

  it('H7: a 10,000-line single-stage Dockerfile (was 2.5 s; 100,000 lines took 256 s)', () => {
    const block = [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'ENV APP_HOME=/app PYTHONDONTWRITEBYTECODE=1',
      'COPY requirements.txt ./',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY src/ ./src/',
      'ARG BUILD_VERSION=1.0.0',
      'LABEL org.opencontainers.image.version=$BUILD_VERSION',
      'EXPOSE 8080',
      '# a comment line',
    ];
    const body = Array.from({ length: 1000 }, () => block.join('\n')).join('\n');
    const text = `FROM python:3.12-slim\nWORKDIR /app\n${body}\nUSER 1000\nCMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n`;
    const { ms } = run('Dockerfile', text);
    within(ms, 2 * BUDGET_MS);
  });

  it('H8: 30,000 lines of documents whose Services all select one shared label (was 3.3 s)', () => {
    const group = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app${i}
  labels: {app: shop}
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
      - name: web
        image: registry.example.com/app${i}:1.0.0
        ports:
        - {containerPort: 8080, name: http}
        env:
        - name: PORT
          value: "8080"
        - name: DB_HOST
          value: db.internal
        resources:
          requests: {cpu: 100m, memory: 128Mi}
        readinessProbe:
          httpGet: {path: /ready, port: http}
---
apiVersion: v1
kind: Service
metadata:
  name: app${i}
spec:
  selector: {app: shop}
  ports:
  - {port: 80, targetPort: http}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app${i}-config
data:
  LOG_LEVEL: info
  FEATURE_X: "true"
---`;
    const text = Array.from({ length: 682 }, (_, i) => group(i)).join('\n') + '\n';
    const { ms } = run('shop.yaml', text);
    within(ms);
  });
});

describe('fuzz seed 1201901, input 12058: a heredoc opening word made of escape characters', () => {
  // `RUN <<-` followed by 9,906 backslashes, then 200 lines. dockerfile-ast reads a heredoc's name once per
  // line of the instruction, in time growing with the square of the word's length: 31 s before.
  it('is read as a plain command, within the budget', () => {
    const { analysis, ms } = run('Dockerfile', fixture('fuzz-1201901-12058-heredoc-escapes.Dockerfile'));
    const run0 = analysis.parsed.dockerfile!.instructions[0];
    assert.equal(run0.getKeyword(), 'RUN');
    const line = analysis.parsed.dockerfile!.commandLine(run0)!;
    assert.equal(line.form, 'shell');
    assert.ok(line.script!.text.startsWith('<<-\\\\'), line.script!.text.slice(0, 20));
    within(ms);
  });

  it('grows linearly with the word and the lines after it', () => {
    const text = (n: number) => `FROM alpine\nRUN <<-${'\\'.repeat(n)}\n${lines(n / 10, (i) => `echo ${i}`)}\nEOF\n`;
    const best = (n: number) => Math.min(...[0, 1, 2].map(() => run('Dockerfile', text(n)).ms));
    best(200);
    const small = best(1000);
    const large = best(10_000);
    // Quadratic in the word times linear in the lines was about 1,000x here.
    assert.ok(large / small < 40, `${small.toFixed(1)} ms → ${large.toFixed(1)} ms`);
  });

  it('real heredocs are still read as heredocs', () => {
    const { analysis } = run('Dockerfile', 'FROM alpine\nRUN <<-"END_OF_SCRIPT"\n\tapk add curl\n\tcurl -fsSL https://example.com/i.sh | sh\nEND_OF_SCRIPT\n');
    assert.equal(count(analysis, 'dependencies/pipe-to-shell'), 1);
    const run0 = analysis.parsed.dockerfile!.instructions[1];
    assert.equal(analysis.parsed.dockerfile!.commandLine(run0)!.script!.text.trim(), 'apk add curl\n\tcurl -fsSL https://example.com/i.sh | sh');
  });
});
