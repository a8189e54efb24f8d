// Regressions for the regex reproducers of ../shared/reliability (redos/R01–R15, hang/H4–H6,
// crash/C4–C5). Every input is generated here in the shape of the reproducer; each used to take
// from seconds to minutes (or threw), and must now go through the whole analysis quickly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../server/src/core/analyze';

/** Generous: the slowest of these took 56 s before the fix and takes milliseconds now. */
const BUDGET_MS = 2000;

const deployment = (containerLines: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: acme/web:1.0',
    containerLines,
    '',
  ].join('\n');
const envValue = (value: string) => `        env:\n        - name: X\n          value: "${value}"`;

interface Case {
  id: string;
  what: string;
  filename: string;
  text: string;
}

const CASES: Case[] = [
  { id: 'R01', what: 'ARG name pasted into a regex (nested quantifier)', filename: 'Dockerfile', text: `FROM alpine:3.19\nARG (a+)+_TOKEN\nRUN echo $${'a'.repeat(30)}!\n` },
  { id: 'H4', what: 'ARG name pasted into a regex, 34 characters', filename: 'Dockerfile', text: `FROM alpine:3.19\nARG (a+)+_TOKEN\nRUN echo $${'a'.repeat(34)}!\n` },
  { id: 'R02', what: 'Helm detection over a comment of `}{{`', filename: 'config.yaml', text: `# ${'}{{'.repeat(16_000)}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n` },
  { id: 'H5', what: 'Helm detection over a 480 KB file', filename: 'config.yaml', text: `# ${'}{{'.repeat(160_000)}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n` },
  { id: 'R03', what: 'template check on an env value', filename: 'web.yaml', text: deployment(envValue(`${'}{{'.repeat(16_000)}}`)) },
  { id: 'R04', what: 'JWT shape on an env value', filename: 'web.yaml', text: deployment(envValue('eyJJe-e-y0-'.repeat(8000))) },
  { id: 'R05', what: 'JWT shape on a Dockerfile ENV', filename: 'Dockerfile', text: `FROM alpine:3.19\nENV X=${'eyJJe-e-y0-'.repeat(8000)}\n` },
  { id: 'R06', what: 'URL credentials in an ENV value', filename: 'Dockerfile', text: `FROM alpine:3.19\nENV X=${'A+'.repeat(20_000)}\n` },
  { id: 'R07', what: 'hadolint ignore codes', filename: 'Dockerfile', text: `FROM alpine:3.19\n# hadolint ignore=${'A'.repeat(30_000)}\nRUN true\n` },
  { id: 'R09', what: 'COPY source with 30k trailing slashes', filename: 'Dockerfile', text: `FROM alpine:3.19\nCOPY ${'/'.repeat(30_000)}x/ /app/\n` },
  { id: 'H6', what: 'COPY source with 60k slashes', filename: 'Dockerfile', text: `FROM alpine:3.19\nCOPY ${'/'.repeat(60_000)}x/ /app/\n` },
  { id: 'R10', what: 'ARG expansion of nested `${A+`', filename: 'Dockerfile', text: `FROM alpine:3.19\nEXPOSE ${'A${A+'.repeat(24_000)}A$A\n` },
  { id: 'R11', what: 'apt package name parsing', filename: 'Dockerfile', text: `FROM alpine:3.19\nRUN apt-get install -y +${'@'.repeat(30_000)}/@\n` },
  { id: 'R12', what: 'k8s args split at `--`', filename: 'web.yaml', text: deployment(`        args: ["${'\\t'.repeat(30_001)}-\\t--\\t"]`) },
  { id: 'R13', what: 'git clone detection in k8s args', filename: 'web.yaml', text: deployment(`        args: ["${'git -c ='.repeat(10_000)}"]`) },
  { id: 'R14', what: 'backing-service env name', filename: 'web.yaml', text: deployment(`        env:\n        - name: "I${'_PG_F'.repeat(24_000)}"\n          value: x`) },
  { id: 'R15', what: 'credential file name in an ENV value', filename: 'Dockerfile', text: `FROM alpine:3.19\nENV X=.${'firebase-adminsdk'.repeat(6000)}d\n` },
  { id: 'C4', what: 'ARG name that is not a valid regex', filename: 'Dockerfile', text: 'FROM alpine:3.19\nARG (_TOKEN\nRUN echo $x\n' },
  { id: 'C5', what: 'ARG name with a `.`', filename: 'Dockerfile', text: 'FROM alpine:3.19\nARG A.B_TOKEN\nRUN echo $AxB_TOKEN\n' },
];

function run(c: Case): { analysis: Analysis; ms: number } {
  const t0 = performance.now();
  const analysis = analyze({ uri: `file:///workspace/${c.filename}`, languageId: '', text: c.text });
  return { analysis, ms: performance.now() - t0 };
}

describe('regex reproducers (ReDoS, regex hangs and crashes)', () => {
  it('the generated inputs have the size of the reproducers', () => {
    const size = (id: string) => CASES.find((c) => c.id === id)!.text.length;
    assert.equal(size('H4'), 79);
    assert.equal(size('H6'), 60_031);
    assert.ok(size('H5') > 480_000);
  });

  for (const c of CASES) {
    it(`${c.id}: ${c.what} is analysed in under ${BUDGET_MS} ms, with no rule failure`, () => {
      const { analysis, ms } = run(c);
      assert.deepEqual(analysis.ruleFailures, []);
      assert.ok(ms < BUDGET_MS, `${c.id} took ${ms.toFixed(0)} ms`);
    });
  }

  it('C5: a `.` in an ARG name is a dot, not a wildcard', () => {
    const findings = (text: string) => analyze({ uri: 'file:///workspace/Dockerfile', languageId: '', text }).findings.filter((f) => f.ruleId === 'config/secret-build-arg');
    assert.deepEqual(findings(CASES.find((c) => c.id === 'C5')!.text), []);
    // The same rule still reports a real use, including of a name that holds regex syntax.
    assert.equal(findings('FROM alpine:3.19\nARG NPM_TOKEN\nRUN echo ${NPM_TOKEN:-x}\n').length, 1);
    assert.equal(findings('FROM alpine:3.19\nARG A.B_TOKEN\nRUN echo $A.B_TOKEN\n').length, 1);
    assert.equal(findings('FROM alpine:3.19\nARG NPM_TOKEN\nRUN echo $NPM_TOKENS\n').length, 0);
  });

  it('C4 and H4: a name with regex syntax neither throws nor hangs, and is matched literally', () => {
    const findings = (text: string) => analyze({ uri: 'file:///workspace/Dockerfile', languageId: '', text }).findings.filter((f) => f.ruleId === 'config/secret-build-arg');
    assert.deepEqual(findings(CASES.find((c) => c.id === 'C4')!.text), []);
    assert.deepEqual(findings(CASES.find((c) => c.id === 'H4')!.text), []);
  });
});
