/**
 * The language server: LSP transport and wiring only. Analysis runs in worker threads
 * (analysis-worker.ts, pooled with a deadline per analysis in worker-pool.ts), so no
 * document can freeze the server; hover and code actions are answered on this thread
 * from the latest findings and the pure core (hoverAt, codeActionsFor). This file owns
 * document sync, the adaptive debounce, caching per document version, configuration,
 * the LSP lifecycle (lsp-transport.ts) and the promise that no input takes the server down.
 *
 * Transports: IPC when started by the VS Code client, `--stdio` (or `--socket=N`,
 * `--pipe=NAME`) for any other editor.
 */
import { join } from 'node:path';
import { format } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  type Diagnostic,
  type CodeAction,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, detectTarget, type Analysis, type ParsedDocument } from './core/analyze';
import { hoverAt } from './core/hover';
import { codeActionsFor } from './core/code-actions';
import { factorBySlug } from './core/factors';
import { SourceText } from './core/source';
import type { Configuration, Finding, Severity } from './core/types';
import { openTransport } from './lsp-transport';
import { AnalysisPool, type PoolDocument } from './worker-pool';

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
}

const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, debounceMs: 200, maxFileSize: 512_000, analysisTimeoutMs: 5000 };
/** Two workers: one stuck document never holds up the others while its deadline runs. */
const POOL_SIZE = 2;
/** Hover and code actions parse on this thread only documents whose whole analysis took less than this. */
const MAIN_THREAD_PARSE_BUDGET_MS = 100;

// Until the connection exists, messages go to stderr (never stdout: it may be the protocol stream).
let log = (message: string): void => void process.stderr.write(`${message}\n`);
const transport = openTransport(process.argv.slice(2), (message) => log(message));
const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
log = (message: string) => connection.console.log(`[${new Date().toISOString()}] ${message}`);
if (transport.stdio) routeConsoleToClient();
// The client closing our input ends the server, with the exit code `exit` would have given.
transport.stream?.on('end', () => process.exit(transport.reader.shutdownReceived ? 0 : 1));
transport.stream?.on('close', () => process.exit(transport.reader.shutdownReceived ? 0 : 1));

const documents = new TextDocuments(TextDocument);

let settings: Settings = { ...DEFAULT_SETTINGS };
let clientPullsConfiguration = false;
let shuttingDown = false;
/** Bumped whenever something that every analysis depends on changes (settings, the set of Kubernetes objects). */
let configurationGeneration = 0;
let workspaceGeneration = 0;

interface AnalysisResult {
  version: number;
  key: string;
  findings: Finding[];
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
  /** A parse on this thread for hover and code actions, per version. */
  view?: { version: number; parsed: ParsedDocument };
  tooLargeLogged?: number;
}

const states = new Map<string, DocumentState>();
const timers = new Map<string, NodeJS.Timeout>();
/** Documents whose open has scheduled an analysis: the change event that follows the open must not delay it. */
const justOpened = new Map<string, number>();
const reportedRuleFailures = new Set<string>();

const testDelayMs = Number(process.env.TWELVE_FACTOR_LENS_TEST_DELAY_MS);
const pool = new AnalysisPool({
  script: join(__dirname, 'analysis-worker.js'),
  size: POOL_SIZE,
  workerOptions: { testDelayMs: Number.isFinite(testDelayMs) && testDelayMs > 0 ? testDelayMs : undefined },
  documents: workerDocuments,
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

function stateOf(uri: string): DocumentState {
  let state = states.get(uri);
  if (!state) states.set(uri, (state = {}));
  return state;
}

function isKubernetes(document: TextDocument): boolean {
  return detectTarget(document.uri, document.languageId) === 'kubernetes';
}

/** Whether the document is analysed live at all (its target, the size limit, the enable switch). */
function analysable(document: TextDocument): boolean {
  if (!settings.enable || !detectTarget(document.uri, document.languageId)) return false;
  const length = document.getText().length;
  if (length <= settings.maxFileSize) return true;
  const state = stateOf(document.uri);
  if (state.tooLargeLogged !== document.version) {
    state.tooLargeLogged = document.version;
    log(`${document.uri}: ${length} characters is above twelveFactor.maxFileSize (${settings.maxFileSize}); not analysed live. Run the CLI on it instead.`);
  }
  return false;
}

function isStopped(document: TextDocument, state: DocumentState | undefined): boolean {
  return !!state?.stopped && state.stopped.version === document.version && state.stopped.configurationGeneration === configurationGeneration;
}

/**
 * What a worker needs to analyse `uri`: that document and every Kubernetes document it may
 * relate to. Only other documents whose current version was analysed in time are included,
 * so a pathological file never stalls the analysis of its neighbours; once it has been
 * analysed, its neighbours are refreshed (see `scheduleRelatedKubernetes`).
 */
function* workerDocuments(uri: string): Iterable<PoolDocument> {
  for (const document of documents.all()) {
    if (document.uri !== uri && (!isKubernetes(document) || states.get(document.uri)?.analysedVersion !== document.version)) continue;
    if (isStopped(document, states.get(document.uri)) || !analysable(document)) continue;
    yield { uri: document.uri, languageId: document.languageId, version: document.version, text: document.getText() };
  }
}

function keyFor(document: TextDocument): string {
  return `${document.version}|${configurationGeneration}|${isKubernetes(document) ? workspaceGeneration : 0}`;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'twelve-factor',
    message: finding.factor ? `${finding.message} (${factorBySlug(finding.factor).numeral}. ${factorBySlug(finding.factor).title})` : finding.message,
    data: { ruleId: finding.ruleId },
  };
  if (finding.factor) diagnostic.codeDescription = { href: factorBySlug(finding.factor).url };
  return diagnostic;
}

/** The one diagnostic of a document whose analysis ran out of time, on its first line. */
function stoppedDiagnostic(document: TextDocument, elapsedMs: number): Diagnostic {
  const firstLine = document.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  const width = firstLine.endsWith('\r\n') ? firstLine.length - 2 : firstLine.endsWith('\n') ? firstLine.length - 1 : firstLine.length;
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

function publish(document: TextDocument, diagnostics: Diagnostic[]): void {
  if (shuttingDown) return;
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

async function validate(uri: string): Promise<void> {
  timers.delete(uri);
  const document = documents.get(uri);
  if (!document || shuttingDown) return;
  const state = stateOf(uri);
  if (state.running) {
    state.rerun = true; // coalesced: one analysis per document at a time, the latest text next
    return;
  }
  if (!analysable(document)) {
    state.result = undefined;
    publish(document, []);
    return;
  }
  if (isStopped(document, state)) {
    publish(document, [stoppedDiagnostic(document, state.stopped!.elapsedMs)]);
    return;
  }
  const key = keyFor(document);
  if (state.result?.key === key) {
    publish(document, state.result.findings.map(toDiagnostic));
    return;
  }
  state.running = run(document, state, key).catch((error) => connection.console.error(`Analysis of ${uri} failed: ${errorText(error)}`));
  await state.running;
  state.running = undefined;
  if (state.rerun) {
    state.rerun = false;
    if (states.get(uri) === state) schedule(uri, 0);
  }
}

async function run(document: TextDocument, state: DocumentState, key: string): Promise<void> {
  const { uri, version } = document;
  const generationAtStart = workspaceGeneration;
  const configurationAtStart = configurationGeneration;
  const outcome = await pool.analyse({ uri, version, configuration: { rules: settings.rules }, timeoutMs: settings.analysisTimeoutMs });
  const current = documents.get(uri);
  if (!current || states.get(uri) !== state) return; // closed meanwhile
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
    const relationsChanged = state.analysedVersion !== version && (outcome.hasObjects || !!state.hasObjects);
    state.analysedVersion = version;
    state.hasObjects = outcome.hasObjects;
    state.stopped = undefined;
    let resultKey = key;
    if (relationsChanged) {
      const untouched = workspaceGeneration === generationAtStart;
      workspaceGeneration++;
      // This document's own change is already in its findings; a change elsewhere meanwhile is not.
      if (untouched) resultKey = `${version}|${key.split('|')[1]}|${workspaceGeneration}`;
      scheduleRelatedKubernetes(uri);
    }
    state.result = { version, key: resultKey, findings: outcome.findings };
    if (isCurrent) publish(current, outcome.findings.map(toDiagnostic));
    return;
  }
  state.result = undefined;
  if (outcome.kind === 'timeout') {
    state.stopped = { version, configurationGeneration: configurationAtStart, elapsedMs: outcome.elapsedMs };
    log(`Stopped analysing ${uri} (version ${version}) after ${outcome.elapsedMs} ms; its worker was restarted. Other documents are not affected.`);
    if (state.hasObjects) {
      // Its objects are no longer part of the workspace the workers see.
      state.hasObjects = false;
      state.analysedVersion = undefined;
      workspaceGeneration++;
      scheduleRelatedKubernetes(uri);
    }
    if (isCurrent) publish(current, [stoppedDiagnostic(current, outcome.elapsedMs)]);
    return;
  }
  if (!isCurrent) {
    state.rerun = true; // the text moved on while the job waited: analyse the new one
    return;
  }
  state.failedVersion = version;
  connection.console.error(`Analysis of ${uri} failed: ${outcome.error}`);
  publish(current, []);
}

function schedule(uri: string, delay: number): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(uri, setTimeout(() => void validate(uri), delay));
}

/**
 * The wait after an edit: twice what this document's last analysis took, so small
 * files are analysed at once and heavy ones are not re-analysed on every keystroke;
 * `twelveFactor.debounceMs` is the upper bound.
 */
function editDelay(uri: string): number {
  const last = states.get(uri)?.lastAnalysisMs;
  if (last === undefined) return settings.debounceMs;
  return Math.min(settings.debounceMs, Math.max(0, Math.round(2 * last)));
}

/** Other open Kubernetes files may relate to the one that changed (Service -> Deployment): refresh them lazily. */
function scheduleRelatedKubernetes(changedUri: string): void {
  for (const [uri, state] of states) if (uri !== changedUri && state.hasObjects) schedule(uri, settings.debounceMs);
}

function revalidateAll(): void {
  for (const document of documents.all()) schedule(document.uri, 0);
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
    if (!document || shuttingDown || !analysable(document)) return undefined;
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

function normaliseSettings(raw: Partial<Settings> | undefined): Settings {
  const rules: Configuration['rules'] = {};
  for (const [id, value] of Object.entries(raw?.rules ?? {})) {
    if (['error', 'warning', 'info', 'hint', 'off'].includes(String(value))) rules[id] = value as Severity | 'off';
  }
  const positive = (value: unknown, fallback: number, minimum: number) => (typeof value === 'number' && Number.isFinite(value) && value >= minimum ? value : fallback);
  return {
    enable: raw?.enable ?? DEFAULT_SETTINGS.enable,
    rules,
    debounceMs: positive(raw?.debounceMs, DEFAULT_SETTINGS.debounceMs, 0),
    maxFileSize: positive(raw?.maxFileSize, DEFAULT_SETTINGS.maxFileSize, 1),
    analysisTimeoutMs: positive(raw?.analysisTimeoutMs, DEFAULT_SETTINGS.analysisTimeoutMs, 1),
  };
}

connection.onInitialize((params): InitializeResult => {
  clientPullsConfiguration = !!params.capabilities.workspace?.configuration;
  // Editors other than VS Code can pass settings at start-up.
  settings = normaliseSettings((params.initializationOptions as { twelveFactor?: Partial<Settings> } | undefined)?.twelveFactor);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'Twelve-Factor Lens', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (clientPullsConfiguration) {
    await refreshSettings();
    revalidateAll();
  }
  log('Twelve-Factor Lens server started.');
});

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
  // Opening analyses at once; the content-change event fired right after the open must not push it back.
  justOpened.set(event.document.uri, event.document.version);
  schedule(event.document.uri, 0);
});
documents.onDidChangeContent((event) => {
  const { uri, version } = event.document;
  if (justOpened.get(uri) === version) {
    justOpened.delete(uri);
    return;
  }
  justOpened.delete(uri);
  schedule(uri, editDelay(uri));
});
documents.onDidClose((event) => {
  const uri = event.document.uri;
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.delete(uri);
  justOpened.delete(uri);
  const hadObjects = !!states.get(uri)?.hasObjects;
  states.delete(uri);
  if (!shuttingDown) void connection.sendDiagnostics({ uri, diagnostics: [] });
  if (hadObjects) {
    workspaceGeneration++;
    scheduleRelatedKubernetes(uri);
  }
});

connection.onHover(async (params) => {
  try {
    const analysis = await currentAnalysis(params.textDocument.uri);
    const hover = analysis && hoverAt(analysis, params.position);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  } catch (error) {
    connection.console.error(`Hover failed: ${errorText(error)}`);
    return null;
  }
});

connection.onCodeAction(async (params) => {
  try {
    const analysis = await currentAnalysis(params.textDocument.uri);
    if (!analysis) return [];
    return codeActionsFor(analysis, params.range).map((proposal): CodeAction => {
      const diagnostic = toDiagnostic(proposal.finding);
      return {
        title: proposal.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: proposal.isPreferred,
        edit: { changes: { [params.textDocument.uri]: proposal.edits } },
      };
    });
  } catch (error) {
    connection.console.error(`Code actions failed: ${errorText(error)}`);
    return [];
  }
});

// The server never dies on input: anything that escapes a handler is logged and the server carries on.
process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${errorText(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unexpected rejection: ${errorText(error)}`));

documents.listen(connection);
connection.listen();
