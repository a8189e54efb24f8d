/**
 * The language server: LSP transport and wiring only. Analysis runs in worker threads
 * (analysis-worker.ts, pooled with a deadline per analysis in worker-pool.ts), so no
 * document can freeze the server; hover and code actions are answered on this thread
 * from the latest findings and the pure core (hoverAt, codeActionsFor). This file owns
 * document sync, the adaptive debounce, caching per document version, configuration,
 * the LSP lifecycle (lsp-transport.ts) and the promise that no input takes the server down.
 *
 * The workspace: every Dockerfile and YAML file of the workspace folders is indexed from
 * disk (workspace-index.ts) and kept current through watched-file events, so relations
 * between files never depend on which files are open; open documents' text wins over the
 * disk's. Each file's configuration is its nearest `.twelve-factor-lens.json` (rules, then
 * matching overrides, core/config.ts, as the CLI applies it) with the `twelveFactor.rules`
 * setting on top. Problems are published for open files, or for every indexed file with
 * `twelveFactor.problems: "workspace"` or after the `twelveFactor/analyseWorkspace` request.
 *
 * Transports: IPC when started by the VS Code client, `--stdio` (or `--socket=N`,
 * `--pipe=NAME`) for any other editor.
 */
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { format } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  RequestType0,
  RequestType,
  ShowMessageNotification,
  type Diagnostic,
  type CodeAction,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, detectTarget, isNotATarget, likelyTarget, type Analysis, type ParsedDocument } from './core/analyze';
import { decodeUri } from './core/uri';
import { CountingMap } from './counting-map';
import { hoverAt } from './core/hover';
import { HANDLER_LANGUAGES, handlerConfigHover } from './core/handler-hover';
import { codeActionsFor, fixAllEdits } from './core/code-actions';
import { factorBySlug, FACTORS } from './core/factors';
import { ruleById } from './core/rules';
import { severityRank } from './core/types';
import { endPosition, withRuleOff } from './config-edit';
import { SourceText } from './core/source';
import type { Configuration, Finding, ParseProblem, Severity, Target } from './core/types';
import { parseProblemText } from './core/parse-problems';
import { transportOrExit } from './lsp-transport';
import { AnalysisPool, type PoolDocument } from './worker-pool';
import { analysisWorkerScript, takeEarlyWorker, workerOptionsFromEnvironment } from './worker-start';
import { WorkspaceIndex } from './workspace-index';
import { ChartReader, overlayChartFiles } from './helm-charts';
import { HelmTemplate } from './core/helm/template-document';
import { valueUses, valuesKeyHover, type ValueUse } from './core/helm/values-uses';
import { KNOWN_RULE_IDS } from './cli-config';
import { WALKED_NAME_GLOBS } from './cli-files';
import { MANIFEST_TEMPLATE_GLOBS } from './core/foreign-templates';
import { BUILD_CONTEXT_NAME_GLOBS, isBuildContextName } from './build-context-files';
import { ApplicationIndex, isKustomizationFile } from './core/applications';
import { changedSignatures, changedTokens, dependsOn, type RelationSignature } from './core/kubernetes/relation-index';
import { ANALYSE_WORKSPACE_METHOD, ANALYSIS_COUNTS_METHOD, WORKSPACE_SUMMARY_METHOD, type AnalyseWorkspaceAnswer, type SummaryFinding, type WorkspaceSummary } from './summary-protocol';

/** Which files get problems: the open ones, or every indexed file of the workspace. */
type ProblemsScope = 'openFiles' | 'workspace';

/** The client's "Analyse Workspace" command: publish problems for every indexed file. */
export const AnalyseWorkspaceRequest = new RequestType0<AnalyseWorkspaceAnswer, void>(ANALYSE_WORKSPACE_METHOD);
/** Tests and benchmarks only (TWELVE_FACTOR_LENS_TEST_COUNTERS=1): how many analyses each file has had. */
export const AnalysisCountsRequest = new RequestType0<Record<string, number>, void>(ANALYSIS_COUNTS_METHOD);
/** The code action kind of "fix all safe problems" (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.twelveFactor`;

export type { SummaryFinding, WorkspaceSummary };
export const WorkspaceSummaryRequest = new RequestType<{ target?: string } | undefined, WorkspaceSummary, void>(WORKSPACE_SUMMARY_METHOD);

/**
 * The files the server watches (registered dynamically when the client allows it): every name the index reads, in
 * any case (cli-files.ts `WALKED_NAME_GLOBS`), and what analyses read besides (chart helpers, build-context
 * files), under the names those readers take, and other tools' templates of manifests (`deployment.tpl`), which the
 * index notes without reading.
 */
const WATCHED_GLOB = `**/{${[...new Set([...WALKED_NAME_GLOBS, ...MANIFEST_TEMPLATE_GLOBS, ...BUILD_CONTEXT_NAME_GLOBS])].join(',')}}`;

/** Settings under `twelveFactor.*`, as the client sends them. */
interface Settings {
  enable: boolean;
  rules: Configuration['rules'];
  /** Upper bound, in milliseconds, of the wait after an edit before analysing again. */
  debounceMs: number;
  /** Documents larger than this many characters are not analysed live (the CLI still does). */
  maxFileSize: number;
  /** An analysis that takes longer is stopped, and the document says so. */
  analysisTimeoutMs: number;
  problems: ProblemsScope;
}

const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, debounceMs: 200, maxFileSize: 512_000, analysisTimeoutMs: 5000, problems: 'openFiles' };
/**
 * At most two workers: one stuck document never holds up the others while its deadline runs. The
 * second starts only when an open document waits behind the first (see worker-pool.ts).
 */
const POOL_SIZE = 2;
/** Hover and code actions parse on this thread only documents whose whole analysis took less than this. */
const MAIN_THREAD_PARSE_BUDGET_MS = 100;

// Until the connection exists, messages go to stderr (never stdout: it may be the protocol stream).
let log = (message: string): void => void process.stderr.write(`${message}\n`);
const transport = transportOrExit(process.argv.slice(2), (message) => log(message));
const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
if (transport.stdio) routeConsoleToClient();
// The client closing our input ends the server, with the exit code `exit` would have given.
transport.stream?.on('end', () => process.exit(transport.reader.shutdownReceived ? 0 : 1));
transport.stream?.on('close', () => process.exit(transport.reader.shutdownReceived ? 0 : 1));

const documents = new TextDocuments(TextDocument);

let settings: Settings = { ...DEFAULT_SETTINGS };
let clientPullsConfiguration = false;
let clientRegistersWatchers = false;
/** Whether a workspace edit may create a file (the project configuration file of "turn this rule off"). */
let clientCreatesFiles = false;
let shuttingDown = false;
/** Bumped whenever something that every analysis depends on changes (settings, configuration files). */
let configurationGeneration = 0;
/** Bumped whenever the Kubernetes objects some file may relate to change. */
let workspaceGeneration = 0;
/** Set by the Analyse Workspace command: every indexed file gets problems until the server restarts. */
let workspaceRequested = false;
/** Bumped by every open, change and close of a document (see workerDocuments). */
let documentsGeneration = 0;
/** Bumped whenever a document's analysis is marked stopped, or a state holding that mark is dropped (see workerDocuments). */
let stoppedGeneration = 0;

// Before any other listener: whatever runs on these events already sees a new generation (see workerDocuments).
documents.onDidOpen(() => void documentsGeneration++);
documents.onDidChangeContent(() => void documentsGeneration++);
documents.onDidClose(() => void documentsGeneration++);

/** Every Dockerfile, YAML file and serverless template of the workspace folders, read from disk. */
const index = new WorkspaceIndex((message) => log(message));
let workspaceFolderUris: string[] = [];
/** Resolved once the first scan of the workspace is done; analyses wait for it so a finding never depends on timing (see readyFor). */
let indexReady: Promise<void> = Promise.resolve();
/** Resolved once the client's settings have been read at start-up (onInitialized), when the client offers them. */
let settingsRead: Promise<void> = Promise.resolve();
let settingsWereRead = (): void => undefined;

/**
 * A file as it is analysed: an open document (its text wins) or an indexed file from disk.
 * Disk versions are negative, editor versions positive.
 */
interface Source {
  uri: string;
  languageId: string;
  version: number;
  text: string;
  open: boolean;
}

interface AnalysisResult {
  version: number;
  key: string;
  findings: Finding[];
  /** What of the document was not read (see ResultMessage.unread). */
  unread?: ParseProblem[];
  /** What its content turned out to be (see ResultMessage.target). */
  target?: Target;
}

interface DocumentState {
  result?: AnalysisResult;
  /** Wall-clock time of this document's last analysis; drives its debounce. */
  lastAnalysisMs?: number;
  /** The analysis of this version ran out of time: not retried until the text or the settings change. */
  stopped?: { version: number; configurationGeneration: number; elapsedMs: number };
  /** The analysis of this version failed outside any rule (logged); hover does not ask for it again. */
  failedVersion?: number;
  running?: Promise<void>;
  rerun?: boolean;
  /** The version the last finished analysis read, and whether it held Kubernetes objects. */
  analysedVersion?: number;
  hasObjects?: boolean;
  /** What the objects of the last finished analysis relate to (see core/kubernetes/relation-index.ts). */
  relations?: RelationSignature[];
  /** Bumped when an object this file relates to changed in another file: its cached findings are then stale. */
  relationsEpoch?: number;
  /** A worker has taken this file's current analysis (and was sent the documents as they were then). */
  jobStarted?: boolean;
  /** A parse on this thread for hover and code actions, per version. */
  view?: { version: number; parsed: ParsedDocument };
  tooLargeLogged?: number;
  /** What an open document's text promises to be (likelyTarget), per version: asked of every open document on each keystroke (documentsFor). */
  likely?: { version: number; target: Target | undefined };
}

const states = new Map<string, DocumentState>();
const timers = new Map<string, NodeJS.Timeout>();
/** Documents whose open has scheduled an analysis: the change event that follows the open must not delay it. */
const justOpened = new Map<string, number>();
const reportedRuleFailures = new Set<string>();
/** Uris that currently show problems (non-empty diagnostics were sent). */
const published = new Set<string>();

/** Protocol tests and the benchmark only: count analyses per file, answered by {@link AnalysisCountsRequest}. */
const testCounters = process.env.TWELVE_FACTOR_LENS_TEST_COUNTERS === '1';
const analysisCounts = new Map<string, number>();
const workerScript = analysisWorkerScript(__dirname);
const workerOptions = workerOptionsFromEnvironment(process.env);
const pool = new AnalysisPool({
  script: workerScript,
  size: POOL_SIZE,
  workerOptions,
  // Started by dist/server.js before this bundle loaded, when it is what the editor ran (see worker-start.ts).
  first: takeEarlyWorker(workerScript, workerOptions),
  documents: workerDocuments,
  templates: () => index.templates,
  log: (message) => log(message),
});

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function routeConsoleToClient(): void {
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = toLog;
  console.info = toLog;
  console.debug = toLog;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}

/** Forgets a document's state; a stopped mark goes with it, which changes what the workers are handed. */
function dropState(uri: string): void {
  if (states.get(uri)?.stopped) stoppedGeneration++;
  states.delete(uri);
}

function stateOf(uri: string): DocumentState {
  let state = states.get(uri);
  if (!state) states.set(uri, (state = {}));
  return state;
}

/** The index's spelling of a file URI (editors may percent-encode differently from Node); memoised (asked for every file per analysis). */
function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  let canonical = canonicalSpelling.get(uri);
  if (canonical === undefined) {
    try {
      canonical = pathToFileURL(fileURLToPath(uri)).href;
    } catch {
      canonical = uri;
    }
    if (canonicalSpelling.size >= 100_000) canonicalSpelling.clear();
    canonicalSpelling.set(uri, canonical);
  }
  return canonical;
}
const canonicalSpelling = new Map<string, string>();

/** Open documents by their canonical URI: an open document hides its file on disk. */
const openByCanonical = new CountingMap<string, string>();

function sourceOf(uri: string): Source | undefined {
  const document = documents.get(uri);
  if (document) return { uri, languageId: document.languageId, version: document.version, text: document.getText(), open: true };
  if (openByCanonical.has(uri)) return undefined; // shown under the editor's spelling
  const file = index.files.get(uri);
  return file && { uri, languageId: '', version: file.version, text: file.text, open: false };
}

/** Every file that is analysed: open documents, then the indexed files not open. */
function* allSources(): Iterable<Source> {
  for (const document of documents.all()) yield sourceOf(document.uri)!;
  // An open document hides its file on disk, also when it was opened before the index had read
  // the file (then openByCanonical does not know it): yielding both gave the workers the disk
  // text under the open document's URI, and its analyses failed ("was not synchronised").
  for (const file of index.files.values()) if (!openByCanonical.has(file.uri) && !documents.get(file.uri)) yield { uri: file.uri, languageId: '', version: file.version, text: file.text, open: false };
}

function isKubernetes(source: Source): boolean {
  return detectTarget(source.uri, source.languageId) === 'kubernetes';
}

function likelyTargetOf(source: Source): Target | undefined {
  const state = stateOf(source.uri);
  if (state.likely?.version !== source.version) state.likely = { version: source.version, target: likelyTarget(source.uri, source.languageId, source.text) };
  return state.likely.target;
}

/** Whether the file is analysed at all (its target, the size limit, the enable switch, `ignorePatterns`). */
function analysable(source: Source): boolean {
  if (!settings.enable) return false;
  // An open JSON file without a template's markers (package.json) sends no job on any keystroke: its parse would come
  // to nothing. The index keeps no such file (workspace-index.ts), so only open documents need the look at the text.
  if (!(source.open ? likelyTargetOf(source) : detectTarget(source.uri, source.languageId))) return false;
  if (index.isIgnored(canonicalUri(source.uri))) return false;
  const length = source.text.length;
  if (length <= settings.maxFileSize) return true;
  const state = stateOf(source.uri);
  if (state.tooLargeLogged !== source.version) {
    state.tooLargeLogged = source.version;
    log(`${source.uri}: ${length} characters is above twelveFactor.maxFileSize (${settings.maxFileSize}); not analysed live. Run the CLI on it instead.`);
  }
  return false;
}

function isStopped(source: { version: number }, state: DocumentState | undefined): boolean {
  return !!state?.stopped && state.stopped.version === source.version && state.stopped.configurationGeneration === configurationGeneration;
}

/** Whether problems of `uri` are shown: open files always, every indexed file in workspace mode. */
function wantsProblems(uri: string): boolean {
  return !!documents.get(uri) || ((settings.problems === 'workspace' || workspaceRequested) && index.files.has(uri) && !openByCanonical.has(uri));
}

/**
 * What a worker needs to analyse `uri`: that file and every other analysable file (open or
 * indexed); the worker relates it to the objects of its own application only. A file whose
 * analysis ran out of time is left out, so it never stalls the analysis of its neighbours.
 *
 * The list is worked out again only when something it depends on changed (see documentsKey), and
 * is then the same list object, which the pool takes to mean that a worker already holding it needs
 * nothing sent. Walking every file for every job made a workspace's analysis quadratic: Analyse
 * Workspace on the GKE samples (758 files) made 575,000 such checks, 1.2 s of this thread's CPU,
 * while the worker waited for its next job a third of the time.
 */
function workerDocuments(uri: string): Iterable<PoolDocument> {
  // A file whose analysis ran out of time is left out of its neighbours' lists, not out of its own (rare: made afresh).
  if (states.get(uri)?.stopped) return [...documentsFor(uri)];
  const key = documentsKey();
  if (neighbourDocuments?.key !== key) neighbourDocuments = { key, documents: [...documentsFor(undefined)] };
  return neighbourDocuments.documents;
}

/** The last list of workerDocuments, and what it was made from. */
let neighbourDocuments: { key: string; documents: readonly PoolDocument[] } | undefined;

/** Everything workerDocuments depends on: the indexed files, the open documents and which files they hide, the settings, the stopped analyses. */
function documentsKey(): string {
  return `${index.generation}|${documentsGeneration}|${openByCanonical.changes}|${stoppedGeneration}|${configurationGeneration}|${settings.enable}|${settings.maxFileSize}`;
}

function* documentsFor(uri: string | undefined): Iterable<PoolDocument> {
  for (const source of allSources()) {
    if (source.uri !== uri && isStopped(source, states.get(source.uri))) continue;
    // An open `.tpl` (a chart's named templates) is not analysed, but the chart's templates read its text.
    if (!analysable(source) && !(source.open && source.uri.endsWith('.tpl'))) continue;
    yield { uri: source.uri, languageId: source.languageId, version: source.version, text: source.text };
  }
}

/** What a result was computed from; `configuration` is the generation of the configuration the job carried. */
function keyFor(source: Source, configuration = configurationGeneration): string {
  return `${source.version}|${configuration}|${isKubernetes(source) ? `${workspaceGeneration}.${states.get(source.uri)?.relationsEpoch ?? 0}` : `c${buildContextGeneration}`}`;
}

/**
 * Bumped when a file a Dockerfile may read from its build context changed on disk (a `.dockerignore`,
 * a shell script): the worker reads them at each analysis, so Dockerfiles in that folder or below are re-checked.
 */
let buildContextGeneration = 0;

function isBuildContextFile(uri: string): boolean {
  return isBuildContextName(decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)));
}


function recheckDockerfilesNear(changedUri: string): void {
  buildContextGeneration++;
  const changedFolder = changedUri.slice(0, changedUri.lastIndexOf('/') + 1);
  for (const source of allSources()) {
    // A Dockerfile reads files of its context: its own folder and below, or a folder above it whose files it copies
    // (build-context-files.ts): re-check those whose folder holds the changed file or lies below the file's folder.
    const folder = source.uri.slice(0, source.uri.lastIndexOf('/') + 1);
    if (!changedUri.startsWith(folder) && !folder.startsWith(changedFolder)) continue;
    if (detectTarget(source.uri, source.languageId) === 'dockerfile' && wantsProblems(source.uri)) schedule(source.uri, settings.debounceMs);
  }
}

/** Each file's configuration: its configuration file (with overrides), then the editor settings. */
function configurationFor(uri: string): Configuration {
  return index.configurationFor(canonicalUri(uri), settings.rules ?? {});
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where the extension ships the rule pages (docs/rules/<id>.md next to dist/). */
const RULE_DOCS = join(__dirname, '..', 'docs', 'rules');
const ruleDocCache = new Map<string, string | undefined>();

/** The packaged page of a rule as a file URI; undefined when it is not there (then the factor's page is linked). */
function ruleDocUri(ruleId: string): string | undefined {
  if (!ruleDocCache.has(ruleId)) {
    const path = join(RULE_DOCS, ...`${ruleId}.md`.split('/'));
    ruleDocCache.set(ruleId, ruleById(ruleId) && existsSync(path) ? pathToFileURL(path).href : undefined);
  }
  return ruleDocCache.get(ruleId);
}

/** Set by the VS Code client: hover links open the rule page as a rendered preview through this command. */
let ruleDocumentationCommand: string | undefined;

function ruleDocLink(ruleId: string): string | undefined {
  if (!ruleDocUri(ruleId)) return undefined;
  if (ruleDocumentationCommand) return `command:${ruleDocumentationCommand}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
  return ruleDocUri(ruleId);
}

function toDiagnostic(finding: Finding): Diagnostic {
  const factor = finding.factor ? factorBySlug(finding.factor) : undefined;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'twelve-factor',
    // The factor first and short, so the Problems panel never cuts it off; the details are in the hover.
    message: factor ? `${factor.numeral} ${factor.title}: ${finding.message}` : finding.message,
    data: { ruleId: finding.ruleId },
  };
  if (factor) diagnostic.codeDescription = { href: ruleDocUri(finding.ruleId) ?? factor.url };
  // Where the other object of a relation is (the Service, the autoscaler), clickable in the editor.
  if (finding.related?.length) diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  return diagnostic;
}

/** The one diagnostic of a file whose analysis ran out of time, on its first line. */
function stoppedDiagnostic(source: Source, elapsedMs: number): Diagnostic {
  const lineEnd = source.text.search(/\r?\n/);
  const width = lineEnd < 0 ? source.text.length : lineEnd;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: width } },
    severity: DiagnosticSeverity.Warning,
    code: 'analysis-timeout',
    source: 'twelve-factor',
    message:
      `Twelve-Factor Lens stopped analysing this file after ${elapsedMs} ms (twelveFactor.analysisTimeoutMs is ${settings.analysisTimeoutMs}), ` +
      'so its findings are not shown. Other files are still analysed; this one is tried again when it changes.',
  };
}

/** A file's own problems; `elsewhere`: the findings it reports on other files (Helm values, see foreignFindings). */
function publish(source: Source, diagnostics: Diagnostic[], elsewhere: ReadonlyMap<string, Finding[]> = new Map()): void {
  if (shuttingDown) return;
  ownDiagnostics.set(source.uri, diagnostics);
  setForeignFindings(source.uri, elsewhere);
  const all = diagnostics.concat(foreignDiagnostics(source.uri));
  if (all.length > 0) published.add(source.uri);
  else published.delete(source.uri);
  void connection.sendDiagnostics({ uri: source.uri, version: source.open ? source.version : undefined, diagnostics: all });
}

/**
 * A part of the file that was not read (binary data, nested deeper than the linter reads), said where it is and in
 * the CLI's words: otherwise the editor would show no problem there, as if it had been analysed and found clean.
 */
function unreadDiagnostic(problem: ParseProblem): Diagnostic {
  const { label, message, severity } = parseProblemText(problem);
  return { range: problem.range, severity: SEVERITY[severity], code: label, source: 'twelve-factor', message };
}

/** Publishes an analysis: findings on this file here, findings on another file (a chart's values.yaml) there. */
function publishFindings(source: Source, findings: readonly Finding[], unread: readonly ParseProblem[] = []): void {
  const own: Finding[] = [];
  const elsewhere = new Map<string, Finding[]>();
  for (const finding of findings) {
    const target = finding.uri === undefined ? source.uri : canonicalUri(finding.uri);
    if (target === source.uri || target === canonicalUri(source.uri)) own.push(finding);
    else elsewhere.set(target, [...(elsewhere.get(target) ?? []), finding]);
  }
  publish(source, unread.map(unreadDiagnostic).concat(own.map(toDiagnostic)), elsewhere);
  if (/\/values\.ya?ml$/.test(canonicalUri(source.uri))) void pullChartFindings(source);
}

/** A chart reader over what the server holds (open documents, the index), the disk for the rest (`.tpl`). */
function serverChartReader(override?: { uri: string; text: string }): ChartReader {
  const textOf = (u: string) => (u === override?.uri ? override.text : sourceOf(openByCanonical.get(u) ?? u)?.text);
  const urisUnder = (folder: string) => [...allSources()].map((s) => canonicalUri(s.uri)).filter((u) => u.startsWith(`${folder}/`) && !u.slice(folder.length + 1).includes('/'));
  return new ChartReader(overlayChartFiles(textOf, urisUnder));
}

/**
 * A values.yaml shown with problems gets what every template of its chart reports on it, as the CLI
 * does, also from templates that are not shown themselves (they are analysed, not published).
 */
async function pullChartFindings(values: Source): Promise<void> {
  const canonical = canonicalUri(values.uri);
  const root = canonical.slice(0, canonical.lastIndexOf('/'));
  if (!serverChartReader().isValuesFile(canonical)) return;
  for (const source of [...allSources()]) {
    const uri = canonicalUri(source.uri);
    if (!inChart(uri, root) || !isKubernetes(source) || wantsProblems(source.uri)) continue;
    const findings = (await resultOf(source))?.findings ?? [];
    if (!wantsProblems(values.uri) || wantsProblems(source.uri)) continue; // closed meanwhile, or now published by itself
    const here = findings.filter((f) => f.uri !== undefined && canonicalUri(f.uri) === canonical);
    setForeignFindings(source.uri, new Map(here.length > 0 ? [[canonical, here]] : []));
  }
}

/** What templates that are not shown reported on `uri` (pulled by pullChartFindings) goes when `uri` is no longer shown. */
function dropPulledFindings(uri: string): void {
  const bySource = foreignFindings.get(canonicalUri(uri));
  if (!bySource) return;
  for (const source of [...bySource.keys()]) if (!wantsProblems(source)) setForeignFindings(source, new Map());
}

/** Takes a file's problems away (closed in open-files mode, deleted, ignored); what other files report on it stays. */
function clearProblems(uri: string): void {
  ownDiagnostics.delete(uri);
  setForeignFindings(uri, new Map());
  if (!wantsProblems(uri)) dropPulledFindings(uri);
  if (foreignFindings.has(canonicalUri(uri))) return sendMerged(uri);
  if (!published.delete(uri) || shuttingDown) return;
  void connection.sendDiagnostics({ uri, diagnostics: [] });
}

/*
 * Helm: a chart template reports a finding about a value on the values file that sets it (core
 * Finding.uri), as the CLI does. Such findings are published on that file, even when it is not
 * open, together with its own problems; they go when the template's next analysis no longer
 * reports them or when the template's problems are withdrawn.
 */
/** By target (canonical URI), by reporting file: the findings that file reports there. */
const foreignFindings = new Map<string, Map<string, Finding[]>>();
/** Each file's own diagnostics as last published, merged with what others report on it. */
const ownDiagnostics = new Map<string, Diagnostic[]>();

/** Replaces what `sourceUri` reports on other files, and republishes each file that changed. */
function setForeignFindings(sourceUri: string, elsewhere: ReadonlyMap<string, Finding[]>): void {
  const touched = new Set<string>();
  for (const [target, bySource] of foreignFindings) {
    if (!bySource.delete(sourceUri)) continue;
    touched.add(target);
    if (bySource.size === 0) foreignFindings.delete(target);
  }
  for (const [target, findings] of elsewhere) {
    let bySource = foreignFindings.get(target);
    if (!bySource) foreignFindings.set(target, (bySource = new Map()));
    bySource.set(sourceUri, findings);
    touched.add(target);
  }
  for (const target of touched) sendMerged(openByCanonical.get(target) ?? target);
}

/** What other files report on `uri`: one diagnostic per rule and position, every template's use as related information (as the CLI). */
function foreignDiagnostics(uri: string): Diagnostic[] {
  return foreignFindingsOn(uri).map(toDiagnostic);
}

/** The findings other files report on `uri`, merged as the CLI merges them. */
function foreignFindingsOn(uri: string): Finding[] {
  const bySource = foreignFindings.get(canonicalUri(uri));
  if (!bySource) return [];
  const merged = new Map<string, Finding>();
  for (const source of [...bySource.keys()].sort()) {
    for (const finding of bySource.get(source)!) {
      const key = `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.character}`;
      const first = merged.get(key);
      if (first) first.related = [...(first.related ?? []), ...(finding.related ?? [])];
      else merged.set(key, { ...finding, related: [...(finding.related ?? [])] });
    }
  }
  return [...merged.values()];
}

/** Hover and code actions on a values file also see the findings its chart's templates report there. */
function withForeignFindings(uri: string, analysis: Analysis): Analysis {
  const foreign = foreignFindingsOn(uri);
  return foreign.length === 0 ? analysis : { ...analysis, findings: [...analysis.findings, ...foreign.map((f) => ({ ...f, uri: undefined }))] };
}

/** The hover on a key of a chart's values.yaml: the factor of the fields its value lands in, and the templates that use it (core/helm/values-uses.ts). */
function valuesHoverAt(uri: string, position: { line: number; character: number }): { markdown: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined {
  const canonical = canonicalUri(uri);
  const document = documents.get(uri);
  if (!document || !/\/values\.ya?ml$/.test(canonical)) return undefined;
  const reader = serverChartReader({ uri: canonical, text: document.getText() });
  if (!reader.isValuesFile(canonical)) return undefined;
  const root = canonical.slice(0, canonical.lastIndexOf('/'));
  const uses: ValueUse[] = [];
  for (const source of allSources()) {
    const templateUri = canonicalUri(source.uri);
    if (!templateUri.startsWith(`${root}/templates/`) || !/\.ya?ml$/i.test(templateUri) || source.text.length > settings.maxFileSize) continue;
    const chart = reader.templateOf(templateUri);
    if (chart?.root !== root) continue;
    uses.push(...valueUses(new HelmTemplate(new SourceText(templateUri, source.text, 'yaml'), chart.context)));
  }
  const name = (u: string) => u.slice(root.length + 1).split('/').map(decodeUri).join('/');
  return valuesKeyHover({ uri: canonical, text: document.getText() }, position, uses, name);
}

/** Sends a file's own diagnostics with what other files report on it. */
function sendMerged(uri: string): void {
  if (shuttingDown) return;
  const diagnostics = (ownDiagnostics.get(uri) ?? []).concat(foreignDiagnostics(uri));
  if (diagnostics.length === 0 && !published.has(uri)) return;
  if (diagnostics.length > 0) published.add(uri);
  else published.delete(uri);
  const document = documents.get(uri);
  void connection.sendDiagnostics({ uri, version: document?.version, diagnostics });
}

/** For the workspace summary: a finding a chart template reports on values.yaml is listed under values.yaml, once (as the CLI lists it). */
function helmFindingsToTheirFiles<T extends { source: Source; findings: Finding[] }>(analysed: T[]): T[] {
  const byUri = new Map(analysed.map((a) => [canonicalUri(a.source.uri), a]));
  const moved = new Map<string, Finding[]>();
  const seen = new Set<string>();
  const out = analysed.map((a) => {
    const own = canonicalUri(a.source.uri);
    const findings = a.findings.filter((f) => {
      const target = f.uri === undefined ? own : canonicalUri(f.uri);
      if (target === own) return true;
      const key = `${target}#${f.ruleId}@${f.range.start.line}:${f.range.start.character}`;
      if (!seen.has(key) && byUri.has(target)) {
        seen.add(key);
        moved.set(target, [...(moved.get(target) ?? []), f]);
      }
      return false;
    });
    return { ...a, findings };
  });
  for (const entry of out) entry.findings.push(...(moved.get(canonicalUri(entry.source.uri)) ?? []));
  return out;
}

/** True for a template of the chart at `root` or of a subchart unpacked under its `charts/` folder. */
function inChart(uri: string, root: string): boolean {
  if (uri.startsWith(`${root}/templates/`)) return true;
  if (!uri.startsWith(`${root}/charts/`)) return false;
  const rest = uri.slice(root.length + '/charts/'.length).split('/');
  return rest.length >= 3 && rest[1] === 'templates';
}

/** Chart files (Chart.yaml, values.yaml, the `.tpl` files under `templates/`) are read by every template of their chart. */
const CHART_FILE = /(?:^|\/)(?:Chart\.ya?ml|values\.ya?ml|templates\/(?:[^/]+\/){0,3}[^/]*\.tpl)$/;

/** After a chart file changed (an edit, a close, a change on disk): its chart's templates shown with problems are checked again. */
function recheckChart(uri: string): void {
  const canonical = canonicalUri(uri);
  const templatesAt = canonical.lastIndexOf('/templates/');
  if (templatesAt >= 0 && /\.ya?ml$/.test(canonical)) {
    // A template: the values file of its chart, when shown, gathers what the templates report on it again, and so does
    // the parent's of a subchart (`<parent>/charts/<sub>/templates/`: the parent's values reach the subchart).
    const chart = canonical.slice(0, templatesAt);
    const charts = chart.slice(0, chart.lastIndexOf('/'));
    const roots = charts.endsWith('/charts') ? [chart, charts.slice(0, -'/charts'.length)] : [chart];
    for (const root of roots) {
      for (const name of ['values.yaml', 'values.yml']) {
        const values = `${root}/${name}`;
        const shown = openByCanonical.get(values) ?? values;
        if (wantsProblems(shown)) schedule(shown, settings.debounceMs);
      }
    }
  }
  if (!CHART_FILE.test(canonical)) return;
  const folder = canonical.slice(0, canonical.lastIndexOf('/'));
  const chartRoot = folder.endsWith('/templates') ? folder.slice(0, -'/templates'.length) : folder;
  // A .tpl serves its own chart's templates; Chart.yaml and values.yaml also serve its subcharts' (their values come from it).
  const reaches = (uri: string) => (folder.endsWith('/templates') ? uri.startsWith(`${folder}/`) : inChart(uri, chartRoot));
  for (const source of allSources()) {
    if (!reaches(canonicalUri(source.uri)) || !isKubernetes(source)) continue;
    // Every template's kept result is stale (a shown values.yaml asks the closed ones again: pullChartFindings); the
    // shown ones are checked again now.
    const state = stateOf(source.uri);
    state.relationsEpoch = (state.relationsEpoch ?? 0) + 1;
    if (wantsProblems(source.uri)) schedule(source.uri, editDelay(source.uri));
  }
}

/**
 * What an analysis waits for: the first scan of the workspace, so that a finding never depends on timing. A
 * Dockerfile's findings depend on no other file of the workspace, only on the settings and its configuration file:
 * an open Dockerfile waits for those alone while the workspace is still read (with the 758 GKE samples as the
 * workspace, the first Dockerfile opened waited 190-310 ms for the scan, against 33-44 ms with no workspace
 * folder). When the scan ends, every file is analysed again (onInitialized) with the configuration files it found.
 */
function readyFor(uri: string): Promise<unknown> {
  const document = documents.get(uri);
  if (!document || !index.scanning || detectTarget(uri, document.languageId) !== 'dockerfile') return indexReady;
  // Never later than the scan: a client that does not answer for its settings holds up nothing more than before.
  return Promise.race([indexReady, Promise.all([settingsRead, index.readConfigAhead(canonicalUri(uri))])]);
}

async function validate(uri: string): Promise<void> {
  timers.delete(uri);
  await readyFor(uri);
  const source = sourceOf(uri);
  if (!source || shuttingDown) {
    if (!source) clearProblems(uri);
    return;
  }
  if (!wantsProblems(uri)) {
    clearProblems(uri);
    return;
  }
  const state = stateOf(uri);
  if (state.running) {
    state.rerun = true; // coalesced: one analysis per document at a time, the latest text next
    return;
  }
  if (!analysable(source)) {
    state.result = undefined;
    publish(source, []);
    return;
  }
  if (isStopped(source, state)) {
    publish(source, [stoppedDiagnostic(source, state.stopped!.elapsedMs)]);
    return;
  }
  const key = keyFor(source);
  if (state.result?.key === key) {
    publishFindings(source, state.result.findings, state.result.unread);
    return;
  }
  state.running = run(source, state, key).catch((error) => connection.console.error(`Analysis of ${uri} failed: ${errorText(error)}`));
  await state.running;
  state.running = undefined;
  if (state.rerun) {
    state.rerun = false;
    if (states.get(uri) === state) schedule(uri, 0);
  }
}

async function run(source: Source, state: DocumentState, key: string): Promise<void> {
  const { uri, version } = source;
  const configurationAtStart = configurationGeneration;
  // What the worker reads is fixed when it takes the job: a related change before that is already in the result.
  let resultKey = key;
  const onStart = () => {
    state.jobStarted = true;
    // The workspace is read when the worker starts, but the configuration was fixed when the job was sent:
    // a configuration change in between must not be taken as already applied.
    resultKey = keyFor(source, configurationAtStart);
  };
  const outcome = await pool.analyse({ uri, version, configuration: configurationFor(uri), timeoutMs: settings.analysisTimeoutMs, urgent: source.open, onStart });
  state.jobStarted = false;
  if (testCounters) analysisCounts.set(uri, (analysisCounts.get(uri) ?? 0) + 1);
  const current = sourceOf(uri);
  if (!current || states.get(uri) !== state) return; // closed or gone meanwhile
  state.lastAnalysisMs = outcome.elapsedMs;
  const isCurrent = current.version === version;
  if (outcome.kind === 'done') {
    for (const failure of outcome.ruleFailures) {
      const id = `${failure.ruleId}@${uri}@${version}`;
      if (reportedRuleFailures.has(id)) continue;
      reportedRuleFailures.add(id);
      connection.console.error(`Rule ${failure.ruleId} failed on ${uri} (other rules still reported): ${failure.error}`);
    }
    // Only a file that holds (or held) Kubernetes objects changes what other files relate to.
    const relationsChanged = state.analysedVersion !== version && (outcome.hasObjects || !!state.hasObjects) && !neighboursAlreadyRead(source, state);
    state.analysedVersion = version;
    state.hasObjects = outcome.hasObjects;
    if (state.stopped) stoppedGeneration++;
    state.stopped = undefined;
    const before = state.relations;
    state.relations = outcome.relations;
    // Editing changes what the neighbours see (a change on disk has already told them, see onDidChangeWatchedFiles).
    if (relationsChanged && source.open) recheckRelated(uri, before, outcome.relations);
    state.result = { version, key: resultKey, findings: outcome.findings, unread: outcome.unread, target: outcome.target };
    if (isCurrent && wantsProblems(uri)) publishFindings(current, outcome.findings, outcome.unread);
    return;
  }
  state.result = undefined;
  if (outcome.kind === 'timeout') {
    state.stopped = { version, configurationGeneration: configurationAtStart, elapsedMs: outcome.elapsedMs };
    stoppedGeneration++;
    log(`Stopped analysing ${uri} (version ${version}) after ${outcome.elapsedMs} ms; its worker was restarted. Other documents are not affected.`);
    if (state.hasObjects) {
      // Its objects are no longer part of the workspace the workers see.
      state.hasObjects = false;
      state.analysedVersion = undefined;
      const before = state.relations;
      state.relations = undefined;
      recheckRelated(uri, before, undefined);
    }
    if (isCurrent && wantsProblems(uri)) publish(current, [stoppedDiagnostic(current, outcome.elapsedMs)]);
    return;
  }
  if (!isCurrent) {
    state.rerun = true; // the text moved on while the job waited: analyse the new one
    return;
  }
  state.failedVersion = version;
  connection.console.error(`Analysis of ${uri} failed: ${outcome.error}`);
  if (wantsProblems(uri)) publish(current, []);
}

/**
 * Whether the other files' analyses already read these objects: the first analysis of a document
 * opened with the very text its file has on disk (the workers held the indexed file under the same
 * URI until then). Then opening it changes nothing for its neighbours, and a burst of opens
 * re-checks nothing.
 */
function neighboursAlreadyRead(source: Source, state: DocumentState): boolean {
  if (state.analysedVersion !== undefined || state.stopped || !source.open || canonicalUri(source.uri) !== source.uri) return false;
  return index.files.get(source.uri)?.text === source.text;
}

function schedule(uri: string, delay: number): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(uri, setTimeout(() => void validate(uri), delay));
}

/**
 * The wait after an edit: none when this document's last analysis was fast, else as long as
 * that analysis took, so heavy documents are not re-analysed on every keystroke;
 * `twelveFactor.debounceMs` is the upper bound.
 */
function editDelay(uri: string): number {
  const last = states.get(uri)?.lastAnalysisMs;
  if (last === undefined) return settings.debounceMs;
  // Fast analyses run at once: edits typed meanwhile coalesce into the one analysis that follows (validate).
  if (last <= FAST_ANALYSIS_MS) return 0;
  return Math.min(settings.debounceMs, Math.round(last));
}

/** An analysis at most this long is not debounced at all. */
const FAST_ANALYSIS_MS = 100;

/**
 * After `uri` was opened or closed: the application index depends only on the set of URIs and the
 * text of kustomization files, so it is kept when the document is a file the index already holds
 * under the same spelling (a burst of opens then costs no regrouping per open).
 */
function applicationsAfterOpenOrClose(uri: string): void {
  if (uri !== canonicalUri(uri) || !index.files.has(uri) || isKustomizationFile(uri)) applications = undefined;
}

/** Application boundaries over every known file (the same index the workers and the CLI use); rebuilt after the set of files changes. */
let applications: { index: ApplicationIndex; members: Map<readonly string[], Set<string>> } | undefined;

function applicationIndex(): NonNullable<typeof applications> {
  if (!applications) {
    const uris: string[] = [];
    const kustomizations = new Map<string, string>();
    for (const source of allSources()) {
      uris.push(source.uri);
      if (isKustomizationFile(source.uri)) kustomizations.set(source.uri, source.text);
    }
    applications = { index: new ApplicationIndex({ uris, kustomizations }), members: new Map() };
  }
  return applications;
}

/** Whether `uri`'s findings may depend on the objects of `changed`. */
function relatesTo(uri: string, changed: string): boolean {
  const { index: apps, members } = applicationIndex();
  const related = apps.relatedFiles(uri);
  let set = members.get(related);
  if (!set) members.set(related, (set = new Set(related)));
  return set.has(changed) || set.has(canonicalUri(changed));
}

/** Kubernetes files shown with problems whose findings may depend on `changedUri`. */
function dependentsOf(changedUri: string): string[] {
  const out: string[] = [];
  for (const source of allSources()) {
    const uri = source.uri;
    if (uri === changedUri || !wantsProblems(uri) || !isKubernetes(source)) continue;
    if (relatesTo(uri, changedUri)) out.push(uri);
  }
  return out;
}

/** Kubernetes files shown with problems in the applications of these folders' files (another tool's templates). */
function kubernetesFilesBeside(templates: readonly string[]): string[] {
  const { index: apps } = applicationIndex();
  const related = new Set(templates.flatMap((template) => apps.relatedFiles(template)));
  return [...allSources()].filter((source) => related.has(source.uri) && wantsProblems(source.uri) && isKubernetes(source)).map((source) => source.uri);
}

/** Re-checks past this many files per change wait for the debounce bound, so one change cannot flood the workers. */
const IMMEDIATE_RECHECKS = 32;

/**
 * After the objects of `changedUri` changed (from `before` to `after`): re-check only the files shown
 * with problems whose findings can change, those of its application holding an object related to a
 * changed object (core/kubernetes/relation-index.ts). Each is scheduled once (timers coalesce; a file
 * whose analysis has not been taken by a worker yet will read the new text anyway), so a change costs
 * at most one analysis per related file. A kustomization changes what every file of its builds reads.
 */
function recheckRelated(changedUri: string, before: readonly RelationSignature[] | undefined, after: readonly RelationSignature[] | undefined): void {
  if (isKustomizationFile(changedUri)) {
    applications = undefined;
    workspaceGeneration++;
    scheduleRelatedKubernetes(changedUri);
    return;
  }
  const tokens = changedTokens(before, after);
  if (tokens.size === 0) return;
  const changed = changedSignatures(before, after);
  const dependents: string[] = [];
  for (const [uri, state] of states) {
    if (uri === changedUri || !wantsProblems(uri)) continue;
    const source = sourceOf(uri);
    if (!source || !isKubernetes(source) || !relatesTo(uri, changedUri)) continue;
    // Not analysed yet: only an analysis already running may have read the old text.
    const affected = state.relations ? dependsOn(state.relations, tokens, changed) : !!state.jobStarted;
    if (affected) dependents.push(uri);
  }
  dependents.forEach((uri, i) => {
    const state = stateOf(uri);
    state.relationsEpoch = (state.relationsEpoch ?? 0) + 1;
    schedule(uri, i < IMMEDIATE_RECHECKS ? editDelay(uri) : settings.debounceMs);
  });
  if (dependents.length > 0 && testCounters) log(`Re-checking ${dependents.length} related file(s) after ${changedUri} changed.`);
}

/** Files shown with problems that may relate to the one that changed (Service -> Deployment): refresh them lazily. */
function scheduleRelatedKubernetes(changedUri: string): void {
  if (isKustomizationFile(changedUri)) applications = undefined;
  for (const uri of dependentsOf(changedUri)) schedule(uri, settings.debounceMs);
}

/** Every file that shows problems is analysed again (cached results are reused when nothing they depend on changed). */
function revalidateAll(): void {
  for (const uri of [...published]) if (!wantsProblems(uri)) clearProblems(uri);
  for (const source of allSources()) if (wantsProblems(source.uri)) schedule(source.uri, 0);
}

/**
 * The findings of the document's current version, analysing it now if they are not
 * there yet (the debounce is skipped: someone is waiting). `undefined` when the document
 * is not analysed or its analysis ran out of time.
 */
async function currentAnalysis(uri: string): Promise<Analysis | undefined> {
  const deadline = Date.now() + settings.analysisTimeoutMs + 2000;
  for (;;) {
    const document = documents.get(uri);
    const source = document && sourceOf(uri);
    if (!document || !source || shuttingDown || !analysable(source)) return undefined;
    const state = stateOf(uri);
    if (state.result?.version === document.version) return viewOf(document, state, state.result);
    if (isStopped(document, state) || state.failedVersion === document.version || Date.now() > deadline) return undefined;
    if (!state.running) {
      const pending = timers.get(uri);
      if (pending) clearTimeout(pending);
      void validate(uri);
    }
    if (state.running) await state.running;
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An Analysis for the core's hover and code actions: the worker's findings plus a parse on this thread. */
function viewOf(document: TextDocument, state: DocumentState, result: AnalysisResult): Analysis {
  if (state.view?.version !== document.version) {
    const input = { uri: document.uri, languageId: document.languageId, text: document.getText() };
    // A document that was slow to analyse is not parsed here: hover then explains findings only.
    const parsed: ParsedDocument =
      (state.lastAnalysisMs ?? Infinity) <= MAIN_THREAD_PARSE_BUDGET_MS
        ? parseDocument(input, document.version)
        : { input, target: detectTarget(input.uri, input.languageId), source: new SourceText(input.uri, input.text, input.languageId, document.version), parseProblems: [], suppressions: [] };
    state.view = { version: document.version, parsed };
  }
  return { parsed: state.view.parsed, findings: result.findings, ruleFailures: [] };
}

async function refreshSettings(fromNotification?: unknown): Promise<void> {
  let raw: Partial<Settings> | undefined;
  if (clientPullsConfiguration) {
    try {
      raw = (await connection.workspace.getConfiguration({ section: 'twelveFactor' })) as Partial<Settings> | undefined;
    } catch (error) {
      log(`Could not read settings: ${errorText(error)}`);
    }
  } else if (fromNotification && typeof fromNotification === 'object') {
    raw = (fromNotification as { twelveFactor?: Partial<Settings> }).twelveFactor;
  }
  settings = normaliseSettings(raw);
  configurationGeneration++;
}

/** Remarks already shown, so a setting or a configuration file is complained about once per content. */
const shownWarnings = new Set<string>();

/** Unknown rule ids and unusable configuration files: one line in the output log and one window message. */
function warnUser(message: string): void {
  if (shownWarnings.has(message)) return;
  shownWarnings.add(message);
  log(`Warning: ${message}`);
  // A notification, not a request: nothing waits for the user to dismiss it.
  if (!shuttingDown) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Twelve-Factor Lens: ${message}` });
}

function normaliseSettings(raw: Partial<Settings> | undefined): Settings {
  const rules: Configuration['rules'] = {};
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(raw?.rules ?? {})) {
    if (!KNOWN_RULE_IDS.has(id)) unknown.push(id);
    else if (['error', 'warning', 'info', 'hint', 'off'].includes(String(value))) rules[id] = value as Severity | 'off';
  }
  if (unknown.length > 0) warnUser(`setting twelveFactor.rules: unknown rule ${unknown.map((id) => JSON.stringify(id)).join(', ')} ignored (run twelve-factor-lens --list-rules for the ids)`);
  const positive = (value: unknown, fallback: number, minimum: number) => (typeof value === 'number' && Number.isFinite(value) && value >= minimum ? value : fallback);
  return {
    enable: raw?.enable ?? DEFAULT_SETTINGS.enable,
    rules,
    debounceMs: positive(raw?.debounceMs, DEFAULT_SETTINGS.debounceMs, 0),
    maxFileSize: positive(raw?.maxFileSize, DEFAULT_SETTINGS.maxFileSize, 1),
    analysisTimeoutMs: positive(raw?.analysisTimeoutMs, DEFAULT_SETTINGS.analysisTimeoutMs, 1),
    problems: raw?.problems === 'workspace' ? 'workspace' : 'openFiles',
  };
}

/** Reports what is wrong with the configuration files (once per content). */
function reportConfigurationProblems(): void {
  for (const entry of index.configs.values()) {
    if (entry.error) warnUser(`${entry.error}; this file is not used until it is fixed (its folder gets the default rules)`);
    for (const warning of entry.warnings) warnUser(warning.replace('(see --list-rules)', '(run twelve-factor-lens --list-rules for the ids)'));
  }
}

/** Reads the workspace folders; analyses wait for it. */
function startIndexing(): void {
  indexReady = (async () => {
    if (workspaceFolderUris.length === 0) return;
    try {
      const { files, elapsedMs } = await index.scan(workspaceFolderUris);
      const memory = Math.round(process.memoryUsage().rss / (1024 * 1024));
      log(`Indexed ${files} files of ${workspaceFolderUris.length} workspace folder${workspaceFolderUris.length === 1 ? '' : 's'} in ${elapsedMs} ms (${index.configs.size} configuration file${index.configs.size === 1 ? '' : 's'}; server memory ${memory} MB).`);
      reportConfigurationProblems();
    } catch (error) {
      log(`Could not index the workspace: ${errorText(error)}`);
    }
    applications = undefined;
    workspaceGeneration++;
    configurationGeneration++;
  })();
}

/** Disk changes: a file's text (its neighbours may relate to it), a configuration file (every file may change). */
async function onWatchedFilesChanged(changes: readonly { uri: string; type: number }[]): Promise<void> {
  await indexReady;
  let configurationChanged = false;
  let namesChanged = false;
  const templatesChanged: string[] = [];
  const changedFiles = new Set<string>();
  // Files that related to a deleted (or changed) file must hear of it: found before the file leaves the index.
  const dependents = new Set<string>();
  for (const change of changes) for (const uri of dependentsOf(canonicalUri(change.uri))) dependents.add(uri);
  for (const change of changes) {
    const uri = canonicalUri(change.uri);
    if (uri.endsWith('.tpl')) recheckChart(uri); // a chart's named templates: not indexed, read by its templates
    if (isBuildContextFile(uri)) recheckDockerfilesNear(uri); // read by the Dockerfiles of its folder (build-context-files.ts)
    const result = await index.refresh(uri, change.type === FileChangeType.Deleted ? 'deleted' : change.type === FileChangeType.Created ? 'created' : 'changed');
    if (result.kind === 'configuration') configurationChanged = true;
    else if (result.kind === 'names') namesChanged = true;
    else if (result.kind === 'templates') templatesChanged.push(uri);
    else if (result.kind === 'file') changedFiles.add(uri);
  }
  if (configurationChanged) {
    await index.reconcile(); // ignorePatterns may now take files in or out
    reportConfigurationProblems();
    applications = undefined;
    configurationGeneration++;
    workspaceGeneration++;
    revalidateAll();
    return;
  }
  // A template of a manifest came or went (`deployment.tpl`): whether an application's relations can be judged changed.
  // The Kubernetes files of its folder's application are re-checked, as for a manifest that changed.
  if (templatesChanged.length > 0) {
    applications = undefined;
    workspaceGeneration++;
    for (const uri of kubernetesFilesBeside(templatesChanged)) schedule(uri, 0);
  }
  // A link came or went: the walk says which files are read under which names now, as it does for the CLI.
  if (namesChanged) for (const uri of await index.reconcile()) changedFiles.add(uri);
  if (changedFiles.size === 0) return;
  applications = undefined;
  workspaceGeneration++;
  for (const uri of changedFiles) {
    const state = states.get(uri);
    if (!index.files.has(uri)) {
      dropState(uri);
      clearProblems(uri);
    } else if (state && !openByCanonical.has(uri)) state.result = undefined;
    if (wantsProblems(uri)) schedule(uri, 0);
    scheduleRelatedKubernetes(uri);
  }
  for (const uri of dependents) if (wantsProblems(uri)) schedule(uri, settings.debounceMs);
}

connection.onInitialize((params): InitializeResult => {
  clientPullsConfiguration = !!params.capabilities.workspace?.configuration;
  clientRegistersWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  workspaceFolderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const command = (params.initializationOptions as { ruleDocumentationCommand?: unknown } | undefined)?.ruleDocumentationCommand;
  ruleDocumentationCommand = typeof command === 'string' && /^[\w.]+$/.test(command) ? command : undefined;
  clientCreatesFiles = !!params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create');
  if (clientPullsConfiguration) settingsRead = new Promise((resolve) => (settingsWereRead = resolve));
  startIndexing();
  // Editors other than VS Code can pass settings at start-up.
  settings = normaliseSettings((params.initializationOptions as { twelveFactor?: Partial<Settings> } | undefined)?.twelveFactor);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
    serverInfo: { name: 'Twelve-Factor Lens', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (clientRegistersWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] }).catch((error) => log(`Could not watch the workspace files: ${errorText(error)}`));
  }
  if (clientPullsConfiguration) await refreshSettings();
  settingsWereRead();
  await indexReady;
  revalidateAll();
  log('Twelve-Factor Lens server started.');
});

connection.onDidChangeWatchedFiles((params) => void onWatchedFilesChanged(params.changes).catch((error) => log(`Could not take in a file change: ${errorText(error)}`)));

connection.onRequest(AnalyseWorkspaceRequest, async () => {
  await indexReady;
  workspaceRequested = true;
  revalidateAll();
  return { files: [...index.files.keys()].filter((uri) => wantsProblems(uri)).length };
});

if (testCounters) connection.onRequest(AnalysisCountsRequest, () => Object.fromEntries(analysisCounts));

connection.onShutdown(() => {
  shuttingDown = true;
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  pool.dispose();
});

connection.onDidChangeConfiguration(async (change) => {
  await refreshSettings(change.settings);
  revalidateAll();
});

documents.onDidOpen((event) => {
  const uri = event.document.uri;
  const canonical = canonicalUri(uri);
  if (canonical !== uri || index.files.has(canonical)) {
    openByCanonical.set(canonical, uri);
    if (canonical !== uri) {
      // Shown under the editor's spelling from now on.
      dropState(canonical);
      clearProblems(canonical);
    }
  }
  applicationsAfterOpenOrClose(uri);
  // Opening analyses at once; the content-change event fired right after the open must not push it back.
  justOpened.set(uri, event.document.version);
  schedule(uri, 0);
});
documents.onDidChangeContent((event) => {
  const { uri, version } = event.document;
  if (justOpened.get(uri) === version) {
    justOpened.delete(uri);
    return;
  }
  justOpened.delete(uri);
  schedule(uri, editDelay(uri));
  recheckChart(uri);
});
documents.onDidClose((event) => {
  const uri = event.document.uri;
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.delete(uri);
  justOpened.delete(uri);
  const hadObjects = !!states.get(uri)?.hasObjects;
  const closedRelations = states.get(uri)?.relations;
  dropState(uri);
  const canonical = canonicalUri(uri);
  openByCanonical.delete(canonical);
  applicationsAfterOpenOrClose(uri);
  // The file on disk takes the closed document's place: its problems stay in workspace mode.
  if (wantsProblems(canonical)) {
    if (canonical !== uri) clearProblems(uri);
    schedule(canonical, 0);
  } else {
    published.delete(uri);
    ownDiagnostics.delete(uri);
    setForeignFindings(uri, new Map());
    dropPulledFindings(canonical);
    // What chart templates report on it (a values.yaml) stays; anything else goes.
    if (foreignFindings.has(canonical)) sendMerged(uri);
    else if (!shuttingDown) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  recheckChart(uri);
  if (hadObjects) {
    // The file on disk (if any) takes its place: every file related to what the editor held is checked again.
    if (isKustomizationFile(uri)) {
      workspaceGeneration++;
      scheduleRelatedKubernetes(uri);
    } else recheckRelated(uri, closedRelations, undefined);
  }
});

connection.onHover(async (params) => {
  try {
    // Lambda handler code is not analysed: only its environment reads get a hover (core/handler-hover).
    const handlerDocument = documents.get(params.textDocument.uri);
    if (handlerDocument && HANDLER_LANGUAGES.has(handlerDocument.languageId)) {
      const hover = settings.enable ? handlerConfigHover(handlerDocument.getText(), handlerDocument.languageId, params.position, { ruleDocUrl: ruleDocLink }) : undefined;
      return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
    }
    const analysis = await currentAnalysis(params.textDocument.uri);
    const hover = analysis && hoverAt(withForeignFindings(params.textDocument.uri, analysis), params.position, { ruleDocUrl: ruleDocLink });
    const values = analysis && valuesHoverAt(params.textDocument.uri, params.position);
    if (hover && values) return { contents: { kind: 'markdown', value: `${hover.markdown}\n\n---\n\n${values.markdown}` }, range: hover.range };
    const shown = hover ?? values;
    return shown ? { contents: { kind: 'markdown', value: shown.markdown }, range: shown.range } : null;
  } catch (error) {
    connection.console.error(`Hover failed: ${errorText(error)}`);
    return null;
  }
});

connection.onCodeAction(async (params) => {
  try {
    const own = await currentAnalysis(params.textDocument.uri);
    if (!own) return [];
    const analysis = withForeignFindings(params.textDocument.uri, own);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    // Fix all: only when asked for by kind (fix-on-save, "Fix All"), never in the light bulb.
    if (only && wants(FIX_ALL_KIND)) {
      const edits = fixAllEdits(analysis);
      if (edits.length > 0) actions.push({ title: 'Fix all safe twelve-factor problems', kind: FIX_ALL_KIND, edit: { changes: { [params.textDocument.uri]: edits } } });
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;
    const offTurned = new Set<string>();
    for (const proposal of codeActionsFor(analysis, params.range)) {
      const diagnostic = toDiagnostic(proposal.finding);
      actions.push({
        title: proposal.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: proposal.isPreferred,
        edit: { changes: { [params.textDocument.uri]: proposal.edits } },
      });
      const ruleId = proposal.finding.ruleId;
      if (proposal.finding.factor === null || offTurned.has(ruleId)) continue;
      offTurned.add(ruleId);
      const off = turnRuleOffAction(params.textDocument.uri, ruleId);
      if (off) actions.push({ ...off, diagnostics: [diagnostic] });
    }
    return actions;
  } catch (error) {
    connection.console.error(`Code actions failed: ${errorText(error)}`);
    return [];
  }
});

/**
 * "Turn this rule off for the project": `"<id>": "off"` in the nearest `.twelve-factor-lens.json`
 * (the one that configures this file), or a new one at the root of the file's workspace folder.
 */
function turnRuleOffAction(uri: string, ruleId: string): CodeAction | undefined {
  const canonical = canonicalUri(uri);
  const existing = index.configFor(canonical)?.uri;
  const folder = index.workspaceFolders.filter((f) => canonical.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
  const target = existing ?? (folder ? `${folder}/.twelve-factor-lens.json` : undefined);
  if (!target) return undefined;
  const title = `Turn ${ruleId} off for the project (${existing ? 'in' : 'create'} .twelve-factor-lens.json)`;
  const open = documents.all().find((d) => canonicalUri(d.uri) === target);
  let text: string | undefined = open?.getText();
  if (text === undefined && existing) {
    try {
      text = readFileSync(fileURLToPath(target), 'utf8');
    } catch {
      return undefined;
    }
  }
  const next = withRuleOff(text, ruleId);
  if (next === undefined) return undefined;
  const targetUri = open?.uri ?? target;
  const whole = { start: { line: 0, character: 0 }, end: endPosition(text ?? '') };
  if (text !== undefined) return { title, kind: CodeActionKind.QuickFix, edit: { changes: { [targetUri]: [{ range: whole, newText: next }] } } };
  if (!clientCreatesFiles) return undefined;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    edit: {
      documentChanges: [
        { kind: 'create', uri: targetUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: targetUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: next }] },
      ],
    },
  };
}

/** Every analysable file's analysis, analysing those not analysed yet (without publishing problems for them). */
async function resultOf(source: Source): Promise<AnalysisResult | undefined> {
  if (!analysable(source)) return undefined;
  const state = stateOf(source.uri);
  for (let attempt = 0; attempt < 3 && !shuttingDown; attempt++) {
    if (state.result?.key === keyFor(source) || (state.result && attempt > 0)) return state.result;
    if (isStopped(source, state) || state.failedVersion === source.version) return undefined;
    if (state.running) {
      await state.running;
      continue;
    }
    const running = run(source, state, keyFor(source)).catch((error) => connection.console.error(`Analysis of ${source.uri} failed: ${errorText(error)}`));
    state.running = running;
    await running;
    if (state.running === running) state.running = undefined;
  }
  return state.result;
}

connection.onRequest(WorkspaceSummaryRequest, async (params) => {
  await indexReady;
  const wanted = params?.target;
  const sources = [...allSources()].filter((source) => analysable(source));
  const results = await Promise.all(sources.map(async (source) => ({ source, result: await resultOf(source) })));
  // Plain JSON is not analysable (see analysable); one with a template's markers whose parse found no template is not
  // counted either, as the CLI does not count it.
  const checked = results.filter(({ result }) => !result || !isNotATarget({ target: result.target, parseProblems: result.unread ?? [] }));
  const analysed = helmFindingsToTheirFiles(checked.map(({ source, result }) => ({ source, result, findings: result?.findings ?? [] })));
  const targets = new Set<string>();
  const files: WorkspaceSummary['files'] = [];
  for (const { source, result, findings } of analysed) {
    // What the content is: a template.yaml holding a SAM template is serverless, not Kubernetes.
    const target = result?.target ?? detectTarget(source.uri, source.languageId) ?? 'other';
    const listed = findings
      .filter((f) => f.factor !== null)
      .map((f): SummaryFinding => ({ ruleId: f.ruleId, factor: f.factor!, severity: f.severity, message: f.message, range: f.range, target: ruleById(f.ruleId)?.meta.target ?? target }));
    targets.add(target);
    for (const f of listed) targets.add(f.target);
    const shown = wanted ? listed.filter((f) => f.target === wanted) : listed;
    if (wanted && target !== wanted && shown.length === 0) continue;
    files.push({ uri: source.uri, target, findings: shown });
  }
  const factors = FACTORS.map((factor) => {
    let findings = 0;
    let worst: Severity | null = null;
    let withFindings = 0;
    for (const file of files) {
      const own = file.findings.filter((f) => f.factor === factor.slug);
      if (own.length) withFindings++;
      findings += own.length;
      for (const f of own) if (!worst || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
    }
    return { slug: factor.slug, numeral: factor.numeral, title: factor.title, url: factor.url, findings, worst, files: withFindings };
  });
  return { filesChecked: files.length, targets: [...targets].sort(), factors, files };
});

// The server never dies on input: anything that escapes a handler is logged and the server carries on.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${errorText(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unexpected rejection: ${errorText(error)}`));

documents.listen(connection);
connection.listen();
