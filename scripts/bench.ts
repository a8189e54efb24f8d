// `npm run bench`: analysis time per file against the time to only parse it with the same
// parsers (dockerfile-ast, yaml), for generated inputs of about 100, 1,000 and 10,000 lines.
// The ratio shows what the rules cost on top of parsing. Targets are checked here, not in unit tests.
// Then growth: generated inputs (test/helpers/generate.ts) of 1k, 10k and 100k lines, with the cost of
// each 10x step in size; a step that costs more than MAX_STEP_RATIO times fails the run (the analysis
// must grow linearly in file size and number of objects).
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../server/src/core/analyze';
import { generate, INPUT_KINDS } from '../test/helpers/generate';

const ITERATIONS = { 100: 50, 1000: 20, 10000: 5 } as const;
/** Budget for one full analysis of a 1,000-line file: well inside a keystroke debounce. */
const TARGET_MS_PER_1000_LINES = 60;
/** Memory the parsed models and analysis of one document may keep alive, per byte of its text. */
const MEMORY_FACTOR = 60;

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap bytes still reachable from the result of `make()` after a full collection. */
function retainedBy(make: () => unknown): number {
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  void kept;
  return Math.max(0, after - before);
}

function dockerfile(lines: number): string {
  const stage = [
    'ARG NODE_VERSION=20.15',
    'FROM node:${NODE_VERSION}-bookworm-slim AS build',
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=cache,target=/root/.npm npm ci',
    'COPY . .',
    'RUN npm run build && \\',
    '    npm prune --omit=dev',
    'ENV NODE_ENV=production PORT=8080',
    'EXPOSE 8080',
  ];
  const out: string[] = [];
  while (out.length < lines - 6) out.push(...stage.map((l) => l.replace('AS build', `AS build${out.length}`)));
  out.push('FROM node:20.15-bookworm-slim', 'COPY --from=build0 /src/dist /app', 'USER node', 'ENV PORT=8080', 'EXPOSE 8080', 'CMD node /app/server.js');
  return out.join('\n') + '\n';
}

function manifest(lines: number): string {
  const doc = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels: {app: app-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:${i}.0.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DATABASE_URL
              valueFrom: {secretKeyRef: {name: app-${i}, key: url}}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
          readinessProbe: {httpGet: {path: /ready, port: http}}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
spec:
  selector: {app: app-${i}}
  ports:
    - port: 80
      targetPort: http
---
`;
  let text = '';
  let i = 0;
  while (text.split('\n').length < lines) text += doc(i++);
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => void, iterations: number): number {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const rows: string[][] = [];
let failed = false;
for (const size of [100, 1000, 10000] as const) {
  for (const kind of ['Dockerfile', 'Kubernetes'] as const) {
    const text = kind === 'Dockerfile' ? dockerfile(size) : manifest(size);
    const lines = text.split('\n').length;
    const input = { uri: kind === 'Dockerfile' ? 'file:///bench/Dockerfile' : 'file:///bench/app.yaml', languageId: '', text };
    const parseMs = time(() => (kind === 'Dockerfile' ? DockerfileParser.parse(text) : parseAllDocuments(text)), ITERATIONS[size]);
    let findings = 0;
    const analyzeMs = time(() => (findings = analyze(input).findings.length), ITERATIONS[size]);
    // What the server keeps per open document: the parsed models and the last analysis.
    const retainedMb = retainedBy(() => analyze(input)) / 1e6;
    const budget = (TARGET_MS_PER_1000_LINES * Math.max(lines, 1000)) / 1000;
    const memoryBudgetMb = (MEMORY_FACTOR * text.length) / 1e6;
    const ok = analyzeMs <= budget && retainedMb <= memoryBudgetMb;
    failed ||= !ok;
    rows.push([kind, String(lines), parseMs.toFixed(2), analyzeMs.toFixed(2), (analyzeMs / parseMs).toFixed(1) + 'x', String(findings), retainedMb.toFixed(2), `${budget.toFixed(0)} / ${memoryBudgetMb.toFixed(1)} ${ok ? 'ok' : 'OVER'}`]);
  }
}

const header = ['input', 'lines', 'parse ms', 'analyse ms', 'ratio', 'findings', 'kept MB', 'budget ms / MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
console.log(`\nanalyse = parse + every rule (median of runs); kept = heap the parsed document and its analysis keep alive.\nBudgets: ${TARGET_MS_PER_1000_LINES} ms per 1,000 lines; ${MEMORY_FACTOR} bytes kept per byte of text.`);

/** A 10x larger input may cost at most this many times more (linear is 10; the slack absorbs noise and GC). */
const MAX_STEP_RATIO = 12;
const GROWTH_SIZES = [1000, 10000, 100000] as const;
const GROWTH_RUNS = { 1000: 5, 10000: 3, 100000: 3 } as const;

const growthRows: string[][] = [];
for (const kind of INPUT_KINDS) {
  const times: number[] = [];
  const row: string[] = [kind];
  for (const size of GROWTH_SIZES) {
    const input = generate(kind, size);
    const samples: number[] = [];
    for (let run = 0; run < GROWTH_RUNS[size]; run++) {
      gc?.(); // start each run from a collected heap: the garbage of the previous run is not this one's cost
      const start = process.hrtime.bigint();
      analyze({ uri: input.uri, languageId: '', text: input.text });
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.push(median(samples));
    row.push(times[times.length - 1].toFixed(0));
  }
  for (let i = 1; i < times.length; i++) {
    const ratio = times[i] / times[i - 1];
    const ok = ratio <= MAX_STEP_RATIO;
    failed ||= !ok;
    row.push(`${ratio.toFixed(1)}x ${ok ? 'ok' : 'OVER'}`);
  }
  growthRows.push(row);
}
const growthHeader = ['generated input', ...GROWTH_SIZES.map((s) => `${s / 1000}k ms`), '1k→10k', '10k→100k'];
const growthWidths = growthHeader.map((h, i) => Math.max(h.length, ...growthRows.map((r) => r[i].length)));
const growthLine = (cells: string[]) => cells.map((c, i) => (i < 1 ? c.padEnd(growthWidths[i]) : c.padStart(growthWidths[i]))).join('  ');
console.log('\n' + growthLine(growthHeader));
console.log(growthWidths.map((w) => '-'.repeat(w)).join('  '));
for (const row of growthRows) console.log(growthLine(row));
console.log(`\nGrowth: median analysis time of generated inputs; each 10x step in size may cost at most ${MAX_STEP_RATIO}x.`);
process.exitCode = failed ? 1 : 0;
