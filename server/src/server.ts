/**
 * The language server: LSP transport and wiring only. Every answer comes from the
 * pure core (parseDocument/analyzeParsed, hoverAt, codeActionsFor); this file owns
 * document sync, debouncing, caching per document version, configuration and the
 * promise that no input takes the server down.
 *
 * Transports: IPC when started by the VS Code client, `--stdio` (or `--socket=N`)
 * for any other editor; `createConnection` picks from argv.
 */
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
import { analyzeParsed, parseDocument, detectTarget, type Analysis, type ParsedDocument } from './core/analyze';
import { hoverAt } from './core/hover';
import { codeActionsFor } from './core/code-actions';
import { factorBySlug } from './core/factors';
import type { Configuration, Finding, Severity } from './core/types';
import type { KubeObject } from './core/kubernetes/model';

/** Settings under `twelveFactor.*`, as the client sends them. */
interface Settings {
  enable: boolean;
  rules: Configuration['rules'];
  /** Milliseconds to wait after the last keystroke before analysing. */
  debounceMs: number;
  /** Documents larger than this many characters are not analysed live (the CLI still does). */
  maxFileSize: number;
}

const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, debounceMs: 200, maxFileSize: 512_000 };

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let settings: Settings = { ...DEFAULT_SETTINGS };
let clientPullsConfiguration = false;
/** Bumped whenever something that every analysis depends on changes (settings, the set of Kubernetes objects). */
let configurationGeneration = 0;
let workspaceGeneration = 0;

interface CachedDocument {
  version: number;
  parsed: ParsedDocument | undefined;
  analysis?: { key: string; result: Analysis };
}
const cache = new Map<string, CachedDocument>();
const timers = new Map<string, NodeJS.Timeout>();
const reportedRuleFailures = new Set<string>();

function log(message: string): void {
  connection.console.log(`[${new Date().toISOString()}] ${message}`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Parses a document once per version; `undefined` for documents we do not analyse. */
function parsedFor(document: TextDocument): ParsedDocument | undefined {
  const cached = cache.get(document.uri);
  if (cached && cached.version === document.version) return cached.parsed;
  let parsed: ParsedDocument | undefined;
  if (!detectTarget(document.uri, document.languageId)) {
    parsed = undefined;
  } else if (document.getText().length > settings.maxFileSize) {
    log(`${document.uri}: ${document.getText().length} characters is above twelveFactor.maxFileSize (${settings.maxFileSize}); not analysed live. Run the CLI on it instead.`);
    parsed = undefined;
  } else {
    parsed = parseDocument({ uri: document.uri, languageId: document.languageId, text: document.getText() }, document.version);
  }
  cache.set(document.uri, { version: document.version, parsed });
  // Only a file that holds (or held) Kubernetes objects changes what other files relate to.
  if (hasObjects(parsed) || hasObjects(cached?.parsed)) {
    workspaceGeneration++;
    scheduleRelatedKubernetes(document.uri);
  }
  return parsed;
}

function hasObjects(parsed: ParsedDocument | undefined): boolean {
  return (parsed?.kubernetes?.objects.length ?? 0) > 0;
}

/** Kubernetes objects of every open document, for relations across files. */
function workspaceObjects(): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const entry of cache.values()) if (entry.parsed?.kubernetes) objects.push(...entry.parsed.kubernetes.objects);
  return objects;
}

function analysisFor(document: TextDocument): Analysis | undefined {
  const parsed = parsedFor(document);
  if (!parsed || !settings.enable) return undefined;
  const entry = cache.get(document.uri)!;
  const key = `${document.version}|${configurationGeneration}|${parsed.kubernetes ? workspaceGeneration : 0}`;
  if (entry.analysis?.key === key) return entry.analysis.result;
  const result = analyzeParsed(parsed, { configuration: { rules: settings.rules }, workspaceObjects: parsed.kubernetes ? workspaceObjects() : [] });
  for (const failure of result.ruleFailures) {
    const id = `${failure.ruleId}@${document.uri}@${document.version}`;
    if (reportedRuleFailures.has(id)) continue;
    reportedRuleFailures.add(id);
    connection.console.error(`Rule ${failure.ruleId} failed on ${document.uri} (other rules still reported): ${failure.error}`);
  }
  entry.analysis = { key, result };
  return result;
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

function validate(uri: string): void {
  timers.delete(uri);
  const document = documents.get(uri);
  if (!document) return;
  try {
    const analysis = analysisFor(document);
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: analysis ? analysis.findings.map(toDiagnostic) : [] });
  } catch (error) {
    connection.console.error(`Analysis of ${uri} failed: ${errorText(error)}`);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

function schedule(uri: string, delay = settings.debounceMs): void {
  const pending = timers.get(uri);
  if (pending) clearTimeout(pending);
  timers.set(uri, setTimeout(() => validate(uri), delay));
}

/** Other open Kubernetes files may relate to the one that changed (Service -> Deployment): refresh them lazily. */
function scheduleRelatedKubernetes(changedUri: string): void {
  for (const [uri, entry] of cache) if (uri !== changedUri && hasObjects(entry.parsed)) schedule(uri, settings.debounceMs * 2);
}

function revalidateAll(): void {
  for (const document of documents.all()) schedule(document.uri, 0);
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
  // The size limit affects parsing: forget parses so they are redone under the new settings.
  for (const entry of cache.values()) entry.version = -1;
}

function normaliseSettings(raw: Partial<Settings> | undefined): Settings {
  const rules: Configuration['rules'] = {};
  for (const [id, value] of Object.entries(raw?.rules ?? {})) {
    if (['error', 'warning', 'info', 'hint', 'off'].includes(String(value))) rules[id] = value as Severity | 'off';
  }
  return {
    enable: raw?.enable ?? DEFAULT_SETTINGS.enable,
    rules,
    debounceMs: typeof raw?.debounceMs === 'number' && raw.debounceMs >= 0 ? raw.debounceMs : DEFAULT_SETTINGS.debounceMs,
    maxFileSize: typeof raw?.maxFileSize === 'number' && raw.maxFileSize > 0 ? raw.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
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

connection.onDidChangeConfiguration(async (change) => {
  await refreshSettings(change.settings);
  revalidateAll();
});

documents.onDidOpen((event) => schedule(event.document.uri, 0));
documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidClose((event) => {
  const pending = timers.get(event.document.uri);
  if (pending) clearTimeout(pending);
  timers.delete(event.document.uri);
  const hadObjects = hasObjects(cache.get(event.document.uri)?.parsed);
  cache.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  if (hadObjects) {
    workspaceGeneration++;
    scheduleRelatedKubernetes(event.document.uri);
  }
});

connection.onHover((params) => {
  try {
    const document = documents.get(params.textDocument.uri);
    const analysis = document && analysisFor(document);
    const hover = analysis && hoverAt(analysis, params.position);
    return hover ? { contents: { kind: 'markdown', value: hover.markdown }, range: hover.range } : null;
  } catch (error) {
    connection.console.error(`Hover failed: ${errorText(error)}`);
    return null;
  }
});

connection.onCodeAction((params) => {
  try {
    const document = documents.get(params.textDocument.uri);
    const analysis = document && analysisFor(document);
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
