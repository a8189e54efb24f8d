// A review habit, as a tool: runs the bundled CLI over a folder exactly as a user would and
// prints either a seeded random sample of findings (each with a few lines of context and the
// rule's one-line description) for a person to judge, or counts per rule, factor and severity.
//
//   npm run review -- <path>... [--sample N] [--seed S] [--rule ID] [--stats] [--split DEPTH]
//
// --split DEPTH runs the CLI once per folder DEPTH levels below each path (a monorepo of
// unrelated samples is closer to how users run it one project at a time); files above that
// depth are run one by one. Build first (`npm run build`): the review reads dist/cli.js.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  factor: string;
  severity: string;
  message: string;
}

interface RuleInfo {
  id: string;
  severity: string;
  description: string;
  /** A coverage notice (what the linter could not read), not a finding about the code. */
  notice?: boolean;
}

const CLI = resolve('dist/cli.js');

function parseArgs(argv: string[]) {
  const options = { paths: [] as string[], sample: 40, seed: 1, rules: [] as string[], stats: false, split: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--sample') options.sample = Number(next());
    else if (arg === '--seed') options.seed = Number(next());
    else if (arg === '--rule') options.rules.push(next());
    else if (arg === '--stats') options.stats = true;
    else if (arg === '--split') options.split = Number(next());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new Error('give at least one path');
  return options;
}

/** The folders DEPTH levels below `path` (and `path` itself for files left above that depth). */
function units(path: string, depth: number): string[] {
  if (depth <= 0 || !statSync(path).isDirectory()) return [path];
  const entries = readdirSync(path).sort();
  const dirs = entries.filter((e) => !e.startsWith('.') && statSync(join(path, e)).isDirectory());
  const files = entries.filter((e) => statSync(join(path, e)).isFile()).map((e) => join(path, e));
  return [...files, ...dirs.flatMap((d) => units(join(path, d), depth - 1))];
}

function run(path: string, attempt = 1): Finding[] {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-fail', path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  // dist/ may be mid-rebuild when several people share a tree: try once more before giving up.
  if (!result.stdout && attempt < 2) return run(path, attempt + 1);
  if (!result.stdout) {
    process.stderr.write(`${path}: CLI exited ${result.status}: ${result.stderr}\n`);
    return [];
  }
  return (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
}

function ruleInfo(): Map<string, RuleInfo> {
  const result = spawnSync(process.execPath, [CLI, '--list-rules', '--format', 'json'], { encoding: 'utf8' });
  return new Map((JSON.parse(result.stdout) as RuleInfo[]).map((r) => [r.id, r]));
}

/** A small seeded generator (mulberry32) so a sample can be drawn again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function table(title: string, counts: Map<string, number>, total: number): string {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  const lines = [`${title.padEnd(width)}  count      %`];
  for (const [key, count] of rows) lines.push(`${key.padEnd(width)}  ${String(count).padStart(5)}  ${((100 * count) / Math.max(total, 1)).toFixed(1).padStart(5)}`);
  return lines.join('\n');
}

function count<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function context(file: string, line: number, cache: Map<string, string[]>): string {
  let lines = cache.get(file);
  if (!lines) {
    lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
    cache.set(file, lines);
  }
  const out: string[] = [];
  for (let n = Math.max(1, line - 3); n <= Math.min(lines.length, line + 3); n++) {
    out.push(`${n === line ? '>' : ' '}${String(n).padStart(5)} | ${lines[n - 1]}`);
  }
  return out.join('\n');
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  let findings = options.paths.flatMap((p) => units(p, options.split)).flatMap(run);
  if (options.rules.length) findings = findings.filter((f) => options.rules.includes(f.rule));
  const cwd = process.cwd();
  const rules = ruleInfo();
  // Coverage notices say what the tool skipped; a precision review judges findings about the code.
  const notices = findings.filter((f) => rules.get(f.rule)?.notice);
  findings = findings.filter((f) => !rules.get(f.rule)?.notice);
  if (options.stats) {
    console.log(`${findings.length} finding(s) in ${new Set(findings.map((f) => f.file)).size} file(s)${notices.length ? `, and ${notices.length} coverage notice(s) not counted` : ''}\n`);
    console.log(table('severity', count(findings, (f) => f.severity), findings.length), '\n');
    console.log(table('factor', count(findings, (f) => f.factor ?? '(none)'), findings.length), '\n');
    console.log(table('rule (severity)', count(findings, (f) => `${f.rule} (${f.severity})`), findings.length));
    return;
  }
  const next = random(options.seed);
  const pool = findings.slice();
  const n = Math.min(options.sample, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const cache = new Map<string, string[]>();
  console.log(`${n} of ${findings.length} finding(s), seed ${options.seed}${notices.length ? ` (${notices.length} coverage notice(s) left out)` : ''}\n`);
  pool.slice(0, n).forEach((f, i) => {
    console.log(`#${i + 1} ${relative(cwd, f.file)}:${f.line}:${f.column}  ${f.severity}  ${f.rule}`);
    console.log(`   ${f.message}`);
    console.log(`   rule: ${rules.get(f.rule)?.description ?? '?'}`);
    console.log(context(f.file, f.line, cache));
    console.log('   verdict: true / debatable / false\n');
  });
}

main();
