// `npm run fuzz -- --seed N --count M [--from K] [--out fuzz-failures] [--budget-ms 2000]`
// Mutates the project's own inputs (examples/, test/corpus/, test/reliability/fixtures/) and drives each
// mutant through the core in-process, as the server does: parseDocument + analyzeParsed with every rule,
// hoverAt and codeActionsFor at findings, and each fix applied and the result analysed again. A failure is:
// an uncontained throw, a rule failure, a range outside the document, "undefined"/"NaN"/"[object Object]"
// in a message, or an input over the time budget (CPU time of this process). Each failure is shrunk (lines, then characters dropped
// while it still fails the same way) and written to the output folder. Deterministic by seed.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeParsed, parseDocument, type Analysis } from '../server/src/core/analyze';
import { hoverAt } from '../server/src/core/hover';
import { codeActionsFor } from '../server/src/core/code-actions';
import { applyEdits } from '../server/src/core/edits';
import { SourceText } from '../server/src/core/source';
import type { Range } from '../server/src/core/types';

/** Small fast PRNG with a 32-bit state: the same seed gives the same inputs on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Seed {
  /** File name the mutant is analysed under (decides Dockerfile or YAML). */
  filename: string;
  text: string;
}

export type FailureKind = 'throw' | 'rule-failure' | 'range' | 'message' | 'slow';

export interface Failure {
  kind: FailureKind;
  /** What failed, stable across shrinking (rule id, or the stage that threw). */
  key: string;
  detail: string;
}

export interface FuzzCase {
  index: number;
  mutation: string;
  filename: string;
  text: string;
}

const ROOT = resolve(__dirname, '..');
const SEED_FOLDERS = ['examples', 'test/corpus', 'test/reliability/fixtures'];

function isDockerfileName(name: string): boolean {
  return /(^|\/)(Dockerfile|Containerfile)(\.[^/]*)?$|\.(dockerfile|containerfile)$/i.test(name);
}

/** The project's Dockerfiles and YAML files, sorted so the corpus (and so every run) is the same everywhere. */
export function loadSeeds(root = ROOT): Seed[] {
  const seeds: Seed[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.size < 200_000 && (isDockerfileName(name) || /\.ya?ml$/i.test(name))) {
        seeds.push({ filename: isDockerfileName(name) ? 'Dockerfile' : 'manifest.yaml', text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const folder of SEED_FOLDERS) walk(join(root, folder));
  return seeds;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, max: number) => Math.floor(rng() * max);

const NOISE = ['\\', '"', "'", '$', '{', '}', '[', ']', ':', '-', '#', '&', '*', '<<', '\t', ' ', '\n', '\r', '\r\n', '\u00a0', '\u{1F600}', '%', '|', '>', '!', '=', ',', '0', '${', '{{', '}}', '--'];

const MUTATORS: Record<string, (rng: Rng, text: string, other: Seed) => string> = {
  byteflip(rng, text) {
    let out = text;
    for (let n = 1 + int(rng, 4); n > 0; n--) {
      const at = int(rng, out.length + 1);
      const replacement = rng() < 0.7 ? pick(rng, NOISE) : String.fromCharCode(int(rng, 0x7f));
      out = out.slice(0, at) + replacement + out.slice(at + (rng() < 0.5 ? 1 : 0));
    }
    return out;
  },
  truncate(rng, text) {
    return text.slice(0, int(rng, text.length + 1));
  },
  splice(rng, text, other) {
    const a = int(rng, text.length + 1);
    const b = int(rng, other.text.length + 1);
    return text.slice(0, a) + other.text.slice(b);
  },
  lineendings(rng, text) {
    const choice = int(rng, 4);
    if (choice === 0) return text.replace(/\r?\n/g, '\r\n');
    if (choice === 1) return text.replace(/\r?\n/g, '\r');
    if (choice === 2) return '\uFEFF' + text;
    return text.replace(/\r?\n/g, () => pick(rng, ['\n', '\r\n', '\r']));
  },
  hugeline(rng, text) {
    const lines = text.split('\n');
    const at = int(rng, lines.length);
    const unit = pick(rng, ['a', 'a ', '/', '-w 4 ', '$A', '${A}', '\\', '"x", ', 'a,', '&& true ', '8080 ']);
    lines[at] = lines[at] + unit.repeat(1000 + int(rng, 10_000));
    return lines.join('\n');
  },
  deepnesting(rng, text) {
    const depth = 50 + int(rng, 500);
    const kind = int(rng, 3);
    const nested =
      kind === 0
        ? '['.repeat(depth) + ']'.repeat(depth)
        : kind === 1
          ? '{a: '.repeat(depth) + '1' + '}'.repeat(depth)
          : Array.from({ length: Math.min(depth, 200) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
    const lines = text.split('\n');
    lines.splice(int(rng, lines.length + 1), 0, `deep: ${nested}`);
    return lines.join('\n');
  },
  aliases(rng, text) {
    const lines = text.split('\n');
    const mapLine = lines.findIndex((l, i) => i >= int(rng, lines.length) && /^\s*(- )?[A-Za-z]+:\s*$/.test(l));
    const target = mapLine >= 0 ? mapLine : int(rng, lines.length);
    lines[target] = lines[target].replace(/:\s*$/, ': &x');
    const indent = (lines[target].match(/^\s*/) ?? [''])[0];
    const refs = Array.from({ length: 1 + int(rng, 200) }, (_, i) => `${indent}r${i}: *x`);
    lines.splice(target + 1 + int(rng, 20), 0, ...refs.slice(0, 500));
    if (rng() < 0.3) lines.push(`<<: *x`, `merged: {<<: *x, extra: *x}`);
    return lines.join('\n');
  },
  documents(rng, text) {
    const copies = Math.max(2, Math.min(2 + int(rng, 30), Math.floor(MAX_INPUT / Math.max(text.length, 1))));
    return Array.from({ length: copies }, () => text).join(rng() < 0.5 ? '\n---\n' : '---\n');
  },
  heredoc(rng, text) {
    const bodies = ['RUN <<EOF\napt-get update\nEOF', 'RUN <<-EOF\n\techo hi\n\tEOF', 'RUN <<-\n\t\n', 'RUN python3 <<PY\nprint(1)\nPY', 'COPY <<EOF /app/x\ny\nEOF', 'RUN <<"A" <<B\na\nA\nb\nB', 'RUN <<EOF\nno end'];
    const lines = text.split('\n');
    lines.splice(int(rng, lines.length + 1), 0, pick(rng, bodies));
    return lines.join('\n');
  },
  repeat(rng, text) {
    const lines = text.split('\n');
    const from = int(rng, lines.length);
    const chunk = lines.slice(from, from + 1 + int(rng, 5));
    const times = 10 + int(rng, 1000);
    const repeated: string[] = [];
    for (let i = 0; i < times; i++) for (const l of chunk) repeated.push(l);
    lines.splice(from, 0, ...repeated.slice(0, 20_000));
    return lines.join('\n');
  },
};

export const MUTATION_NAMES = Object.keys(MUTATORS);

/** Largest mutant, in UTF-16 code units (about 3,000 lines of a typical manifest). */
const MAX_INPUT = 150_000;

/** The `index`-th input of a run with `seed`: depends on nothing else, so any case can be replayed alone. */
export function makeCase(seeds: readonly Seed[], seed: number, index: number, maxInput = MAX_INPUT): FuzzCase {
  const rng = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const base = seeds[int(rng, seeds.length)];
  const other = seeds[int(rng, seeds.length)];
  const mutations: string[] = [];
  let text = base.text;
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const name = pick(rng, MUTATION_NAMES);
    mutations.push(name);
    text = MUTATORS[name](rng, text, other);
    // Keep mutants the size of real files: the time budget is per input, and growth is measured by the bench.
    if (text.length > maxInput) text = text.slice(0, maxInput);
  }
  return { index, mutation: mutations.join('+'), filename: base.filename, text };
}

const BAD_WORDS = /\bundefined\b|\bNaN\b|\[object Object\]/;

function rangeOutside(source: SourceText, range: Range): boolean {
  const ok = (p: Range['start']) => p.line >= 0 && p.character >= 0 && p.line < Math.max(source.lineCount, 1) && p.character <= source.lineText(p.line).length;
  return !ok(range.start) || !ok(range.end);
}

/** Every check on one input; the first failure found, or undefined. */
/**
 * Milliseconds of CPU this process has used (user and system). Budgets are measured in CPU time, not on
 * the wall clock, so an input is judged by the work it costs and not by what else the machine is doing.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function checkInput(filename: string, text: string, budgetMs = 2000): Failure | undefined {
  const start = cpuNow();
  const uri = `file:///fuzz/${filename}`;
  let stage = 'parseDocument';
  let analysedMs = 0;
  try {
    const parsed = parseDocument({ uri, languageId: '', text });
    stage = 'analyzeParsed';
    const analysis: Analysis = analyzeParsed(parsed);
    for (const f of analysis.ruleFailures) return { kind: 'rule-failure', key: f.ruleId, detail: f.error.split('\n').slice(0, 4).join('\n') };
    const source = new SourceText(uri, text);
    for (const f of analysis.findings) {
      if (rangeOutside(source, f.range)) return { kind: 'range', key: f.ruleId, detail: `${f.ruleId} at ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}` };
      if (BAD_WORDS.test(f.message)) return { kind: 'message', key: f.ruleId, detail: `${f.ruleId}: ${f.message.slice(0, 300)}` };
      for (const edit of f.fix?.edits ?? []) {
        if (rangeOutside(source, edit.range)) return { kind: 'range', key: `${f.ruleId} (fix)`, detail: `fix edit of ${f.ruleId} at ${edit.range.start.line}:${edit.range.start.character}` };
      }
    }
    for (const p of analysis.parsed.parseProblems) {
      if (rangeOutside(source, p.range)) return { kind: 'range', key: 'parse-problem', detail: `parse problem at ${p.range.start.line}:${p.range.start.character}` };
    }
    // What an editor does next: hover and code actions at findings, then a fix applied and the result analysed.
    const sample = analysis.findings.slice(0, 40);
    for (const f of sample) {
      stage = 'hoverAt';
      hoverAt(analysis, f.range.start);
      stage = 'codeActionsFor';
      for (const action of codeActionsFor(analysis, f.range)) {
        for (const edit of action.edits) {
          if (rangeOutside(source, edit.range)) return { kind: 'range', key: `${f.ruleId} (code action)`, detail: `${action.title} edits ${edit.range.start.line}:${edit.range.start.character}` };
        }
      }
    }
    // The budget covers what one keystroke costs: analysis, hover and code actions. Each fix is then
    // applied and its result analysed (up to 5, each with its own budget).
    analysedMs = cpuNow() - start;
    let fixed = 0;
    for (const f of analysis.findings) {
      if (!f.fix || fixed >= 5) continue;
      fixed++;
      stage = `apply fix of ${f.ruleId}`;
      const after = applyEdits(text, f.fix.edits).text;
      stage = `analyse after fix of ${f.ruleId}`;
      const fixStart = cpuNow();
      const again = analyzeParsed(parseDocument({ uri, languageId: '', text: after }));
      analysedMs = Math.max(analysedMs, cpuNow() - fixStart);
      for (const failure of again.ruleFailures) return { kind: 'rule-failure', key: `${failure.ruleId} (after fix of ${f.ruleId})`, detail: failure.error.split('\n').slice(0, 4).join('\n') };
    }
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 5).join('\n') : String(error);
    return { kind: 'throw', key: stage, detail: message };
  }
  if (analysedMs > budgetMs) return { kind: 'slow', key: 'time', detail: `${analysedMs.toFixed(0)} ms` };
  return undefined;
}

/**
 * Simple delta debugging: drop chunks of lines, then of characters, halving the chunk size, while the
 * input still fails with the same kind and key. Bounded by `maxChecks` analyses.
 */
export function shrink(filename: string, text: string, failure: Failure, budgetMs = 2000, maxChecks = 400): string {
  let checks = 0;
  const stillFails = (candidate: string) => {
    checks++;
    const f = checkInput(filename, candidate, budgetMs);
    return !!f && f.kind === failure.kind && f.key === failure.key;
  };
  const reduce = (units: string[], join: string): string[] => {
    let chunk = Math.max(1, Math.floor(units.length / 2));
    while (chunk >= 1 && checks < maxChecks) {
      let removed = false;
      for (let at = 0; at < units.length && checks < maxChecks; ) {
        const candidate = units.slice(0, at).concat(units.slice(at + chunk));
        if (candidate.length < units.length && stillFails(candidate.join(join))) {
          units = candidate;
          removed = true;
        } else at += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
    return units;
  };
  // A slow input shrinks by its size, which is what makes it slow: keep it as found.
  if (failure.kind === 'slow') return text;
  const lines = reduce(text.split('\n'), '\n').join('\n');
  return lines.length <= 4000 ? reduce([...lines], '').join('') : lines;
}

export interface FuzzOptions {
  seed: number;
  count: number;
  /** First input index (default 0): inputs `from`…`from + count - 1`, so one run can be split across processes. */
  from?: number;
  budgetMs?: number;
  /** Folder to write minimal reproducers to; none written when undefined. */
  out?: string;
  seeds?: readonly Seed[];
  /** Progress callback every so many inputs. */
  onProgress?: (done: number, failures: number, byKind: Record<FailureKind, number>) => void;
  /** Shrink failures (default true). */
  minimize?: boolean;
  /** Largest mutant in characters (default 150,000); the CI run uses smaller ones. */
  maxInput?: number;
}

export interface FuzzFailure extends Failure {
  case: Omit<FuzzCase, 'text'>;
  reproducer: string;
}

export interface FuzzReport {
  inputs: number;
  failures: FuzzFailure[];
  byKind: Record<FailureKind, number>;
  slowestMs: number;
  /** Inputs over the budget once that ran within it when timed again. */
  retimed: number;
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const seeds = options.seeds ?? loadSeeds();
  const budgetMs = options.budgetMs ?? 2000;
  const byKind: Record<FailureKind, number> = { throw: 0, 'rule-failure': 0, range: 0, message: 0, slow: 0 };
  const failures: FuzzFailure[] = [];
  const seen = new Set<string>();
  let slowestMs = 0;
  let retimed = 0;
  if (options.out) mkdirSync(options.out, { recursive: true });
  const from = options.from ?? 0;
  for (let index = from; index < from + options.count; index++) {
    const c = makeCase(seeds, options.seed, index, options.maxInput);
    const start = cpuNow();
    let failure = checkInput(c.filename, c.text, budgetMs);
    let tookMs = cpuNow() - start;
    if (failure?.kind === 'slow') {
      // A slow input is timed once more and counts as slow only when it is slow again (a garbage collection
      // can land on any input). How often that rescued an input is reported.
      const again = cpuNow();
      const second = checkInput(c.filename, c.text, budgetMs);
      const secondMs = cpuNow() - again;
      if (second?.kind !== 'slow') {
        retimed++;
        failure = second;
        tookMs = secondMs;
      }
    }
    slowestMs = Math.max(slowestMs, tookMs);
    if (failure) {
      byKind[failure.kind]++;
      // One reproducer per distinct failure (kind and key); the count still says how often it happened.
      const id = `${failure.kind}:${failure.key}`;
      if (!seen.has(id)) {
        seen.add(id);
        const reproducer = options.minimize === false ? c.text : shrink(c.filename, c.text, failure, budgetMs);
        const { text: _text, ...rest } = c;
        failures.push({ ...failure, case: rest, reproducer });
        if (options.out) {
          const base = `${failure.kind}-${options.seed}-${index}`;
          const ext = c.filename === 'Dockerfile' ? '.Dockerfile' : '.yaml';
          writeFileSync(join(options.out, base + ext), reproducer);
          writeFileSync(join(options.out, base + '.json'), JSON.stringify({ seed: options.seed, index, mutation: c.mutation, filename: c.filename, ...failure, reproducer }, null, 2) + '\n');
        }
      }
    }
    if (options.onProgress && (index + 1 - from) % 1000 === 0) options.onProgress(index + 1 - from, failures.length, byKind);
  }
  return { inputs: options.count, failures, byKind, slowestMs, retimed };
}

function main(): void {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const seed = Number(value('seed', '1'));
  const count = Number(value('count', '1000'));
  const from = Number(value('from', '0'));
  const budgetMs = Number(value('budget-ms', '2000'));
  const out = resolve(value('out', 'fuzz-failures'));
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0 || !Number.isInteger(from) || from < 0) {
    console.error('usage: npm run fuzz -- --seed N --count M [--from K] [--out fuzz-failures] [--budget-ms 2000]');
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const report = runFuzz({
    seed,
    count,
    from,
    budgetMs,
    out,
    onProgress: (done, failures, k) =>
      console.error(`${done}/${count} inputs, ${((performance.now() - started) / 1000).toFixed(0)} s: ${failures} distinct failures (throw ${k.throw}, rule ${k['rule-failure']}, range ${k.range}, message ${k.message}, slow ${k.slow})`),
  });
  for (const f of report.failures) {
    console.log(`\n[${f.kind}] ${f.key} (input ${f.case.index}, ${f.case.mutation} of a ${f.case.filename})\n${f.detail}\nminimal reproducer: ${JSON.stringify(f.reproducer.slice(0, 500))}`);
  }
  const k = report.byKind;
  console.log(
    `\n${report.inputs} inputs (seed ${seed}${from ? `, from input ${from}` : ''}) in ${((performance.now() - started) / 1000).toFixed(0)} s: ${k.throw} uncontained throws, ${k['rule-failure']} rule failures, ` +
      `${k.range} ranges outside the document, ${k.message} bad messages, ${k.slow} over ${budgetMs} ms (slowest input with its fixes ${report.slowestMs.toFixed(0)} ms; ${report.retimed} slow once, within the budget when timed again); ` +
      `${report.failures.length} distinct${report.failures.length ? `, reproducers in ${out}` : ''}.`,
  );
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}

if (require.main === module) main();
