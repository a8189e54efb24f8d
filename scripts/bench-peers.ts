// `npm run bench:peers`: Twelve-Factor Lens beside docker-langserver and yaml-language-server, in one
// run, on the same generated inputs (test/helpers/generate.ts) and, when present, the shared corpus
// (../shared/corpus; skipped when absent). The peers are installed into a scratch folder
// (<tmpdir>/tfl-peers), never into this project's dependencies. All three servers are driven over
// stdio LSP the same way. Prints each measure side by side, the ratios, and which goals hold.
// Run `npm run build` first (the server and the CLI are measured as bundled).
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  LogMessageNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { build } from 'esbuild';
import { generate, type InputKind } from '../test/helpers/generate';
// @ts-expect-error: a JavaScript module of the build, without type declarations
import { bundleOptions } from './build-options.mjs';
// @ts-expect-error: plain JavaScript, so that the growth's child process can load it without tsx
import { leastCost, warmUp } from './bench-cost.cjs';
import { ANALYSE_WORKSPACE_METHOD, type AnalyseWorkspaceAnswer } from '../server/src/summary-protocol';

const ROOT = resolve(__dirname, '..');
const PEERS = join(tmpdir(), 'tfl-peers');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const quick = process.argv.includes('--quick');
const BURST = quick ? 200 : 1000;
const EDITS = quick ? 5 : 11;

type Lang = 'dockerfile' | 'yaml';
interface Peer {
  name: string;
  langs: Lang[];
  command: string[];
  /** Whether to offer `workspace/configuration` (docker-langserver is driven on its defaults). */
  configuration: boolean;
}

function ensurePeers(): Peer[] {
  const docker = join(PEERS, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');
  const yaml = join(PEERS, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(docker) || !existsSync(yaml)) {
    mkdirSync(PEERS, { recursive: true });
    console.log(`installing the peers into ${PEERS} …`);
    execFileSync('npm', ['install', '--prefix', PEERS, '--no-audit', '--no-fund', 'dockerfile-language-server-nodejs', 'yaml-language-server'], { stdio: 'inherit' });
  }
  return [
    { name: 'Twelve-Factor Lens', langs: ['dockerfile', 'yaml'], command: [join(ROOT, 'dist', 'server.js'), '--stdio'], configuration: true },
    { name: 'docker-langserver', langs: ['dockerfile'], command: [docker, '--stdio'], configuration: false },
    { name: 'yaml-language-server', langs: ['yaml'], command: [yaml, '--stdio'], configuration: true },
  ];
}

interface Input {
  uri: string;
  lang: Lang;
  text: string;
  lines: number;
}

const WORK = join(tmpdir(), `tfl-bench-peers-${process.pid}`);

function input(kind: InputKind, lines: number): Input {
  const g = generate(kind, lines);
  const lang: Lang = kind === 'manifest' ? 'yaml' : 'dockerfile';
  const path = join(WORK, 'inputs', `${kind}-${lines}`, lang === 'yaml' ? 'manifest.yaml' : 'Dockerfile');
  return { uri: pathToFileURL(path).href, lang, text: g.text, lines: g.lines };
}

/** One server under test, over stdio. */
class Session {
  private readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  private readonly waiters = new Map<string, ((p: PublishDiagnosticsParams) => void)[]>();
  private readonly logWaiters: { pattern: RegExp; resolve: (message: string) => void }[] = [];
  /** Every file diagnostics were published for. */
  readonly publishedUris = new Set<string>();
  readonly started = performance.now();

  constructor(readonly peer: Peer) {
    this.child = spawn(process.execPath, peer.command, { stdio: 'pipe', env: { ...process.env, TWELVE_FACTOR_LENS_TEST_COUNTERS: '0' } });
    this.child.stderr.on('data', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publishedUris.add(p.uri);
      const list = this.waiters.get(p.uri);
      const next = list?.shift();
      if (next) next(p);
    });
    // Settings as each server reads them: yaml-language-server validates without fetching schemas.
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) =>
        item.section === 'yaml' ? { validate: true, schemaStore: { enable: false }, schemas: {}, format: { enable: false }, hover: true, completion: true } : item.section === 'twelveFactor' ? {} : null,
      ),
    );
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      const k = this.logWaiters.findIndex((w) => w.pattern.test(p.message));
      if (k >= 0) this.logWaiters.splice(k, 1)[0].resolve(p.message);
    });
    this.connection.listen();
  }

  /** The next line of the server's log that matches `pattern` (undefined after two minutes without). */
  logLine(pattern: RegExp): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 120_000);
      this.logWaiters.push({ pattern, resolve: (message) => (clearTimeout(timer), resolve(message)) });
    });
  }

  async initialize(rootUri: string): Promise<number> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { configuration: this.peer.configuration }, textDocument: { publishDiagnostics: {} } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return performance.now() - this.started;
  }

  /** The next diagnostics of `uri` (after two minutes without: an empty set, and the run says so). */
  diagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        console.log(`${this.peer.name}: no diagnostics for ${uri} within 120 s`);
        resolve({ uri, diagnostics: [] });
      }, 120_000);
      const list = this.waiters.get(uri) ?? [];
      list.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
      this.waiters.set(uri, list);
    });
  }

  open(input: Input): Promise<PublishDiagnosticsParams> {
    const done = this.diagnostics(input.uri);
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: input.uri, languageId: input.lang, version: 1, text: input.text } });
    return done;
  }

  /** Types one character at the end of the first line and waits for the diagnostics that follow. */
  async keystroke(input: Input, version: number): Promise<number> {
    const column = input.text.indexOf('\n');
    const done = this.diagnostics(input.uri);
    const start = performance.now();
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: input.uri, version },
      // Even versions add a space at the end of the first line, odd ones take it away again.
      contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column + (version % 2) } }, text: version % 2 === 0 ? ' ' : '' }],
    });
    await done;
    return performance.now() - start;
  }

  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }

  async close(): Promise<void> {
    await Promise.race([this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined), sleep(3000)]);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

interface Row {
  measure: string;
  ours?: number;
  docker?: number;
  yaml?: number;
  unit: 'ms' | 'MB' | 'x';
  goal?: { text: string; holds: boolean };
}
const rows: Row[] = [];

function fmt(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined) return '—';
  return unit === 'ms' ? ms(value) : unit === 'MB' ? `${Math.round(value)} MB` : `${value.toFixed(2)}×`;
}

/** The analysis core as it ships: bundled with the build's esbuild settings, not run from the sources by tsx. */
interface BundledCore {
  analyzeParsed(parsed: unknown, options: object): unknown;
  parseDocument(input: { uri: string; languageId: string; text: string }): unknown;
  DockerfileParser: { parse(text: string): unknown };
  parseAllDocuments(text: string): unknown;
}

async function bundledCore(): Promise<BundledCore> {
  const entry = join(WORK, 'core-entry.ts');
  const outfile = join(WORK, 'core.js');
  const core = JSON.stringify(join(ROOT, 'server', 'src', 'core', 'analyze'));
  // The parsers are the bundle's own copies: `yaml`'s ES module build, and the dockerfile-ast whose
  // comment assignment our model makes linear (without it, 50,000 lines parse in 2.9 s instead of 1.2 s).
  writeFileSync(entry, `export { analyzeParsed, parseDocument } from ${core};\nexport { DockerfileParser } from 'dockerfile-ast';\nexport { parseAllDocuments } from 'yaml';\n`);
  await build({ ...bundleOptions(false), sourcemap: false, entryPoints: [entry], outfile, nodePaths: [join(ROOT, 'node_modules')] });
  const loaded = require(outfile) as BundledCore;
  warmUp(loaded);
  return loaded;
}

/** Fresh servers behind each start-up figure; the row shows their median. */
const STARTS = 3;

/**
 * Start-up of `peer`: STARTS fresh servers, each from its spawn until `initialize` is answered, after one unmeasured
 * start that brings the server's files into memory. Our bundle is there from the build; a peer's, installed in a
 * scratch folder, may not be: a single first start read 819-1,036 ms (docker-langserver) and 3.3-9.2 s
 * (yaml-language-server) in runs 40, 41, 47 and 48, against 179-211 ms and 432-1,552 ms in runs 42-46.
 */
async function startUps(peer: Peer): Promise<number[]> {
  const starts: number[] = [];
  for (let run = -1; run < STARTS; run++) {
    const session = new Session(peer);
    const elapsed = await session.initialize(pathToFileURL(join(WORK, 'inputs')).href);
    await session.close();
    if (run >= 0) starts.push(elapsed);
  }
  return starts;
}

/**
 * Fresh servers behind each open → diagnostics figure; the row shows their median. One server's opens moved by half
 * from one run to the next (the first 51-line Dockerfile: 39-70 ms in runs 42-46, 49-66 ms in runs 47-49).
 */
const OPEN_RUNS = 3;

/** Independent readings behind each analysis ratio and growth row; the row shows their median. */
const READINGS = 3;

/** Parse-only against parse + rules, in this process, CPU time (least of several runs). */
function analysisCost(core: BundledCore, kind: InputKind, lines: number): { parse: number; full: number } {
  // The least of many runs: on a shared 2-core machine single runs of one input vary by half. At 50,000 lines the
  // least of four flattered the manifest: the bare parse's least fell by 10-20% more over eight rounds, ours by 5%
  // (four rounds read 1.25-1.43x, eight 1.48-1.69x, on the same code), so the largest size takes eight too.
  const runs = lines >= 10_000 ? 8 : 15;
  return leastCost(core, kind, generate(kind, lines).text, 1, runs);
}

/**
 * Growth per 10x input, in a fresh process of its own (the bundled core, as shipped): ten 1,000-line
 * analyses back to back against one of 10,000 lines, each the least CPU time of five rounds, and the
 * bare parse measured the same way. A fresh process, because a major collection of garbage left by
 * the 50,000-line rows or the LSP sessions lands in whichever run comes next.
 */
function growthOf(kind: InputKind): { ours: number; bare: number } {
  const [small, large] = [1000, 10_000].map((lines) => {
    const path = join(WORK, `growth-${kind}-${lines}.txt`);
    writeFileSync(path, generate(kind, lines).text);
    return path;
  });
  const script = `
const { leastCost, warmUp } = require(${JSON.stringify(join(__dirname, 'bench-cost.cjs'))});
const core = require(${JSON.stringify(join(WORK, 'core.js'))});
const text = (path) => require('fs').readFileSync(path, 'utf8');
warmUp(core);
const small = leastCost(core, ${JSON.stringify(kind)}, text(${JSON.stringify(small)}), 10, 5);
const large = leastCost(core, ${JSON.stringify(kind)}, text(${JSON.stringify(large)}), 1, 5);
process.stdout.write(JSON.stringify({ ours: large.full / small.full, bare: large.parse / small.parse }));
`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { ours: number; bare: number };
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'server.js')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run `npm run build` first');
  const peers = ensurePeers();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start${quick ? ' (--quick)' : ''}`);

  // The seven inputs, and the files under 5,000 lines that keystrokes are measured on.
  const seven = [
    input('dockerfile-single-stage', 40),
    input('dockerfile-multi-stage', 400),
    input('dockerfile-multi-stage', 10_000),
    input('manifest', 400),
    input('manifest', 4000),
    input('manifest', 10_000),
    input('manifest', 50_000),
  ];
  for (const i of seven) {
    mkdirSync(join(new URL(i.uri).pathname, '..'), { recursive: true });
    writeFileSync(new URL(i.uri).pathname, i.text);
  }
  // The burst: many small manifests, in folders of ten (an application each).
  const burst: Input[] = [];
  for (let n = 0; n < BURST; n++) {
    const g = generate('manifest', 60 + (n % 7) * 10);
    const path = join(WORK, 'burst', `app-${Math.floor(n / 10)}`, `m${n}.yaml`);
    burst.push({ uri: pathToFileURL(path).href, lang: 'yaml', text: g.text.replaceAll('app0', `app${n}x`), lines: g.lines });
  }
  for (const b of burst) {
    mkdirSync(join(new URL(b.uri).pathname, '..'), { recursive: true });
    writeFileSync(new URL(b.uri).pathname, b.text);
  }

  const results = new Map<string, { starts: number[]; opens: Map<string, number[]>; keys: number[]; rss: number; burst?: number }>();
  for (const peer of peers) {
    const starts = await startUps(peer);
    // Open-to-diagnostics on the inputs this server reads, in OPEN_RUNS fresh servers; in the last of them,
    // keystrokes on the files under 5,000 lines, then memory with every input open.
    const opens = new Map<string, number[]>();
    const keys: number[] = [];
    let rss = 0;
    const mine = seven.filter((i) => peer.langs.includes(i.lang));
    for (let run = 0; run < OPEN_RUNS; run++) {
      const session = new Session(peer);
      await session.initialize(pathToFileURL(join(WORK, 'inputs')).href);
      for (const i of mine) {
        const t = performance.now();
        await session.open(i);
        opens.set(i.uri, [...(opens.get(i.uri) ?? []), performance.now() - t]);
      }
      if (run === OPEN_RUNS - 1) {
        for (const i of mine.filter((x) => x.lines < 5000)) {
          for (let v = 2; v < 2 + EDITS; v++) keys.push(await session.keystroke(i, v));
        }
        await sleep(1000);
        rss = session.rssMb();
      }
      await session.close();
    }
    let burstMs: number | undefined;
    if (peer.langs.includes('yaml')) {
      const s = new Session(peer);
      await s.initialize(pathToFileURL(join(WORK, 'burst')).href);
      const t = performance.now();
      await Promise.all(burst.map((b) => s.open(b)));
      burstMs = performance.now() - t;
      await s.close();
    }
    results.set(peer.name, { starts, opens, keys, rss, burst: burstMs });
    console.log(`measured ${peer.name}`);
  }
  const ours = results.get('Twelve-Factor Lens')!;
  const docker = results.get('docker-langserver')!;
  const yaml = results.get('yaml-language-server')!;

  const startsText = [ours, docker, yaml].map((r) => r.starts.map((t) => Math.round(t)).join(', ')).join('; ');
  rows.push({
    measure: `start-up (initialize answered; median of ${STARTS} fresh servers after an unmeasured one: ${startsText} ms)`,
    ours: median(ours.starts),
    docker: median(docker.starts),
    yaml: median(yaml.starts),
    unit: 'ms',
  });
  for (const i of seven) {
    const tooLarge = i.text.length > 512_000 ? '; above twelveFactor.maxFileSize, so ours does not analyse it live' : '';
    const times = [...results].flatMap(([name, r]) => {
      const t = r.opens.get(i.uri);
      return t ? [`${name === 'Twelve-Factor Lens' ? 'ours' : name} ${t.map(Math.round).join(', ')}`] : [];
    });
    const label = `open → diagnostics, ${new URL(i.uri).pathname.split('/').slice(-2, -1)[0]} (${i.lines} lines${tooLarge}; median of ${OPEN_RUNS} fresh servers each: ${times.join('; ')} ms)`;
    const medianOf = (r: { opens: Map<string, number[]> }) => {
      const t = r.opens.get(i.uri);
      return t && median(t);
    };
    rows.push({ measure: label, ours: medianOf(ours), docker: medianOf(docker), yaml: medianOf(yaml), unit: 'ms' });
  }
  const keyMedian = median(ours.keys);
  rows.push({
    measure: 'keystroke → diagnostics, median, files < 5,000 lines',
    ours: keyMedian,
    docker: median(docker.keys),
    yaml: median(yaml.keys),
    unit: 'ms',
    goal: { text: '≤ 60 ms', holds: keyMedian <= 60 },
  });
  rows.push({
    measure: 'memory (RSS) with the inputs open (peers: their own languages only)',
    ours: ours.rss,
    docker: docker.rss,
    yaml: yaml.rss,
    unit: 'MB',
    goal: { text: '≤ 150 MB and below yaml-language-server', holds: ours.rss <= 150 && ours.rss < yaml.rss },
  });
  rows.push({
    measure: `${BURST} manifests opened at once → all diagnostics`,
    ours: ours.burst,
    yaml: yaml.burst,
    unit: 'ms',
    goal: { text: '≤ 2× yaml-language-server', holds: (ours.burst ?? Infinity) <= 2 * (yaml.burst ?? 0) },
  });

  // Whole-workspace indexing (the one-truth issue's measure): a fresh server of ours whose workspace folder is the
  // GKE samples (the generated burst when the corpus is absent), from `initialized` to its "Indexed N files" log line.
  // The median of three fresh servers: the first read of a folder after boot comes from the disk, the others from its cache.
  // Then the command Analyse Workspace on the same server: until every file's problems are published.
  const indexFolder = existsSync(join(CORPUS, 'gke-samples')) ? join(CORPUS, 'gke-samples') : join(WORK, 'burst');
  const indexings: { ms: number; files: number; memory: number; analysed: number; rss: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const s = new Session(peers[0]);
    const line = s.logLine(/\bIndexed \d+ files\b/);
    await s.initialize(pathToFileURL(indexFolder).href);
    const t = performance.now();
    const message = await line;
    const elapsed = performance.now() - t;
    if (message === undefined) throw new Error(`no "Indexed" line in the server's log within 120 s (${indexFolder})`);
    const t2 = performance.now();
    // The command Analyse Workspace (server.ts): answers how many files will get their problems published.
    const { files } = (await s.connection.sendRequest(ANALYSE_WORKSPACE_METHOD)) as AnalyseWorkspaceAnswer;
    while (s.publishedUris.size < files && performance.now() - t2 < 120_000) await sleep(10);
    const analysed = performance.now() - t2;
    const rss = s.rssMb();
    await s.close();
    indexings.push({ ms: elapsed, files: Number(/Indexed (\d+) files/.exec(message)?.[1]), memory: Number(/server memory (\d+) MB/.exec(message)?.[1]), analysed, rss });
  }
  const indexMs = median(indexings.map((i) => i.ms));
  const indexMemory = Math.max(...indexings.map((i) => i.memory));
  rows.push({
    measure: `whole-workspace index, ${indexFolder.endsWith('gke-samples') ? 'GKE samples' : 'generated burst'} (${indexings[0].files} Dockerfiles and YAML files; median of 3 fresh servers: ${indexings.map((i) => Math.round(i.ms)).join(', ')} ms; server memory after it ${indexMemory} MB)`,
    ours: indexMs,
    unit: 'ms',
    goal: { text: '≤ 2 s, server ≤ 150 MB', holds: indexMs <= 2000 && indexMemory <= 150 },
  });
  rows.push({
    measure: `Analyse Workspace after it → every file's problems published (median of 3: ${indexings.map((i) => Math.round(i.analysed)).join(', ')} ms; server memory then ${Math.round(Math.max(...indexings.map((i) => i.rss)))} MB)`,
    ours: median(indexings.map((i) => i.analysed)),
    unit: 'ms',
  });

  // Analysis cost against the bare parse, and growth per 10× (in this process, on the bundled core).
  const core = await bundledCore();
  for (const kind of ['dockerfile-multi-stage', 'manifest'] as const) {
    const sizes = quick ? [1000, 10_000] : [1000, 10_000, 50_000];
    // Each ratio is the median of READINGS readings, the sizes taken in turn so that the readings of one size
    // are minutes apart: single readings of the same code read 1.24-1.78x (manifest, 1k) and 1.21-1.83x (50k)
    // from one run to the next on the 2-core build machine, as its speed moved during a reading.
    const readings = sizes.map(() => [] as { full: number; parse: number }[]);
    for (let reading = 0; reading < READINGS; reading++) sizes.forEach((n, i) => readings[i].push(analysisCost(core, kind, n)));
    sizes.forEach((n, i) => {
      const ratios = readings[i].map((c) => c.full / c.parse);
      const middle = readings[i][ratios.indexOf(median(ratios))];
      const r = median(ratios);
      rows.push({
        measure: `analysis ÷ bare parse, ${kind} ${n} lines (median of ${READINGS}: ${ratios.map((x) => x.toFixed(2)).join(', ')}; CPU ${Math.round(middle.full)} / ${Math.round(middle.parse)} ms)`,
        ours: r,
        unit: 'x',
        goal: { text: '≤ 1.5×', holds: r <= 1.5 },
      });
    });
    // Growth compares equal amounts of input: ten 1,000-line analyses against one of 10,000 lines, in fresh
    // processes (see growthOf). The bare parse's own growth, measured the same way, is printed beside it.
    const growths = Array.from({ length: READINGS }, () => growthOf(kind));
    const growth = median(growths.map((g) => g.ours));
    const bare = median(growths.map((g) => g.bare));
    rows.push({
      measure: `growth of the analysis, ${kind} 1k → 10k lines (ten 1k analyses against one 10k, median of ${READINGS} fresh processes: ${growths.map((g) => g.ours.toFixed(2)).join(', ')}; bare parse ${bare.toFixed(2)}×)`,
      ours: growth,
      unit: 'x',
      goal: { text: '≤ 12×', holds: growth <= 12 },
    });
  }

  // The CLI over many real files against a bare parse of the same files, each in one process.
  const corpusFiles = existsSync(CORPUS) ? walk(CORPUS) : [];
  const files = corpusFiles.length > 0 ? corpusFiles : burst.map((b) => new URL(b.uri).pathname);
  const listFile = join(WORK, 'files.json');
  writeFileSync(listFile, JSON.stringify(files));
  const parseScript = `const fs=require('fs');const y=require(${JSON.stringify(require.resolve('yaml'))});const d=require(${JSON.stringify(require.resolve('dockerfile-ast'))});for(const f of JSON.parse(fs.readFileSync(${JSON.stringify(listFile)},'utf8'))){const t=fs.readFileSync(f,'utf8');if(/\\.ya?ml$/i.test(f))y.parseAllDocuments(t);else d.DockerfileParser.parse(t)}`;
  // The least of three runs on each side, taken in turn: one run of each read 1.24-1.81x for the same code,
  // as the machine's speed moved between the two processes.
  let cliMs = Infinity;
  let parseMs = Infinity;
  for (let run = 0; run < 3; run++) {
    cliMs = Math.min(cliMs, timed(() => execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--no-fail', '--format', 'json', ...(corpusFiles.length > 0 ? [CORPUS] : [join(WORK, 'burst')])], { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'ignore'] })));
    parseMs = Math.min(parseMs, timed(() => execFileSync(process.execPath, ['-e', parseScript], { stdio: 'ignore' })));
  }
  const cliRatio = cliMs / parseMs;
  rows.push({
    measure: `CLI over ${files.length} ${corpusFiles.length > 0 ? 'corpus' : 'generated'} files ÷ bare parse (least of three runs each: ${Math.round(cliMs)} / ${Math.round(parseMs)} ms)`,
    ours: cliRatio,
    unit: 'x',
    goal: { text: '≤ 1.6×', holds: cliRatio <= 1.6 },
  });

  console.log(`\nmachine load at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${cpus().length} cores)\n`);
  console.log('| Measure | Twelve-Factor Lens | docker-langserver | yaml-language-server | Goal | Holds |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    const peersText = [fmt(row.docker, row.unit), fmt(row.yaml, row.unit)];
    if (row.unit === 'ms' && row.ours !== undefined) {
      if (row.docker !== undefined) peersText[0] += ` (ours ${ratio(row.ours, row.docker)})`;
      if (row.yaml !== undefined) peersText[1] += ` (ours ${ratio(row.ours, row.yaml)})`;
    }
    console.log(`| ${row.measure} | ${fmt(row.ours, row.unit)} | ${peersText[0]} | ${peersText[1]} | ${row.goal?.text ?? ''} | ${row.goal ? (row.goal.holds ? 'yes' : '**no**') : ''} |`);
  }
  rmSync(WORK, { recursive: true, force: true });
}

function timed(f: () => void): number {
  const s = performance.now();
  f();
  return performance.now() - s;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...walk(path));
    else if (/\.ya?ml$/i.test(name) || /^(Dockerfile|Containerfile)/.test(name) || /\.(dockerfile|containerfile)$/i.test(name)) out.push(path);
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
