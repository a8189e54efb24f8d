/**
 * The analysis worker: runs the pure core off the language server's main thread, so a
 * pathological document costs at most one worker (which the pool terminates and
 * replaces) and never the server's answers to hover, code actions or other documents.
 *
 * It keeps the text of every document the main thread synchronised to it (open documents
 * and the indexed files of the workspace) and parses each one at most once per version;
 * a file relates to the Kubernetes objects of its own application among them, through the
 * same code as the CLI (related-objects.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeParsed, detectTarget, parseDocument, type ParsedDocument } from './core/analyze';
import type { ParseProblem } from './core/types';
import type { KubeObject } from './core/kubernetes/model';
import type { ApplicationIndex } from './core/applications';
import { fileURLToPath } from 'node:url';
import type { BuildContext } from './core/build-context';
import { readBuildContext } from './build-context-files';
import { applicationIndex, relatedObjects, type RelatedFiles, type RelatedObjects } from './related-objects';
import { ChartReader, chartContextKey, overlayChartFiles } from './helm-charts';
import { parsesToDrop } from './closed-parses';
import { relationSignatures } from './core/kubernetes/relation-index';
import { WARM_UP } from './warm-up';
import { TEST_DELAY_MARKER, type AnalyseMessage, type FromWorker, type ToWorker, type WorkerOptions } from './analysis-protocol';

interface Entry {
  languageId: string;
  version: number;
  text: string;
  parsed?: ParsedDocument;
  /** The chart context the parse was made with (helm-charts.ts chartContextKey): '' for a file that is no chart template. */
  helmKey?: string;
}

const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');
const options: WorkerOptions = (workerData as WorkerOptions | undefined) ?? {};
const entries = new Map<string, Entry>();
/** Set by the first analysis: the warm-up (see WARM_UP) is then of no use. */
let analysedAny = false;

function send(message: FromWorker): void {
  port!.postMessage(message);
}

/**
 * Parses of files that are not open (negative versions: read from disk), least recently used
 * first. Open documents keep their parse for as long as their version lives; a workspace of
 * hundreds of files keeps at most MAX_CLOSED_PARSES of them parsed per worker, or as many as its
 * largest application needs, so memory stays bounded (the others are parsed again when an analysis
 * needs them; see parsesToDrop).
 */
const closedParses = new Map<string, Entry>();
const MAX_CLOSED_PARSES = 200;

/**
 * Charts as the synchronised texts and the disk show them now (a `.tpl` helper is synchronised only while
 * it is open; otherwise it is read from disk): one reader per analysis, so a change to values.yaml,
 * Chart.yaml or a helper is seen by the next one.
 */
let charts: ChartReader | undefined;

function chartReader(): ChartReader {
  charts ??= new ChartReader(
    overlayChartFiles(
      (uri) => entries.get(uri)?.text,
      (folder) => [...entries.keys()].filter((uri) => uri.startsWith(`${folder}/`) && !uri.slice(folder.length + 1).includes('/')),
    ),
  );
  return charts;
}

/** A chart template is parsed with its chart (as the CLI does, helm-charts.ts); its parse is kept while the chart is unchanged. */
function parsedOf(uri: string, entry: Entry): ParsedDocument {
  const options = chartReader().parseOptionsOf(uri, entry.languageId);
  const helmKey = options.helm ? chartContextKey(options.helm) : options.helmValues ? 'values' : '';
  if (entry.parsed && entry.helmKey !== helmKey) {
    entry.parsed = undefined;
    related = undefined; // its memo holds the objects of the old parse
  }
  entry.helmKey = helmKey;
  entry.parsed ??= parseDocument({ uri, languageId: entry.languageId, text: entry.text }, entry.version, options);
  if (entry.version < 0) {
    closedParses.delete(uri);
    closedParses.set(uri, entry);
  }
  return entry.parsed;
}

/** After an analysis: drops the oldest parses of closed files, in batches so that relations are regrouped rarely (see parsesToDrop). */
function trimClosedParses(neighbours: readonly string[]): void {
  const drop = parsesToDrop(closedParses, neighbours, MAX_CLOSED_PARSES);
  for (const uri of drop) {
    closedParses.get(uri)!.parsed = undefined;
    closedParses.delete(uri);
  }
  if (drop.length > 0) related = undefined; // its memo holds objects of the dropped parses
}

/** Rebuilt after any sync or forget: which files make up each application. */
let applications: ApplicationIndex | undefined;
/**
 * What each file relates to, per application: rebuilt after any sync or forget, and whenever a parse whose objects its
 * memo holds is dropped. The application index is kept then: rebuilding it with every lone manifest's analysis (its
 * parse is not kept) read every kustomization again, 400 ms of Analyse Workspace on the GKE samples.
 */
let related: RelatedObjects | undefined;
/** Other tools' templates of manifests in the workspace (TemplatesMessage): not read, but their applications are told. */
let templates: readonly string[] = [];

/** Kubernetes objects of the files in `uri`'s application (its own are added by the core). */
function workspaceObjects(uri: string): readonly KubeObject[] {
  return relatedIndex()(uri);
}

function relatedIndex(): RelatedObjects {
  if (related) return related;
  const files: RelatedFiles = {
    uris: [...entries.keys()],
    textOf: (u) => entries.get(u)?.text ?? '',
    objectsOf: (u) => {
      const entry = entries.get(u);
      // A Dockerfile holds no Kubernetes objects: it is not parsed for its neighbours.
      if (!entry || detectTarget(u, entry.languageId) === 'dockerfile') return [];
      return parsedOf(u, entry).kubernetes?.objects ?? [];
    },
    templates,
  };
  applications ??= applicationIndex(files);
  related = relatedObjects(files, applications);
  return related;
}

/** A Dockerfile's build context as the CLI reads it (build-context-files.ts), from disk: saved changes are seen. */
function buildContextOf(uri: string, parsed: ParsedDocument): BuildContext | undefined {
  if (!uri.startsWith('file:') || !parsed.dockerfile) return undefined;
  try {
    return readBuildContext(fileURLToPath(uri), parsed.dockerfile);
  } catch {
    return undefined;
  }
}

/** The parse problems of kind `unread`, when there are any. */
function unreadProblems(parsed: ParsedDocument): ParseProblem[] | undefined {
  const unread = parsed.parseProblems.filter((p) => p.kind === 'unread');
  return unread.length > 0 ? unread : undefined;
}

function analyse(message: AnalyseMessage): void {
  analysedAny = true;
  const entry = entries.get(message.uri);
  if (!entry || entry.version !== message.version) {
    send({ kind: 'failure', id: message.id, error: `version ${message.version} of ${message.uri} was not synchronised to the worker` });
    return;
  }
  if (options.testDelayMs && message.uri.includes(TEST_DELAY_MARKER)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, options.testDelayMs);
  }
  charts = undefined;
  const parsed = parsedOf(message.uri, entry);
  const neighbourhood = parsed.kubernetes ? workspaceObjects(message.uri) : [];
  const result = analyzeParsed(parsed, {
    configuration: message.configuration,
    workspaceObjects: neighbourhood,
    // The same image pins the CLI passes: names every Kustomize build of this file rewrites to a tag or digest.
    pinnedImages: parsed.kubernetes ? relatedIndex().pinnedImages(message.uri) : undefined,
    buildContext: parsed.dockerfile ? buildContextOf(message.uri, parsed) : undefined,
  });
  send({
    kind: 'result',
    id: message.id,
    uri: message.uri,
    version: message.version,
    findings: result.findings,
    ruleFailures: result.ruleFailures,
    hasObjects: (parsed.kubernetes?.objects.length ?? 0) > 0,
    relations: parsed.kubernetes ? relationSignatures(parsed.kubernetes.objects, parsed.kubernetes.source.lfText) : undefined,
    // Syntax errors are not sent: the YAML and Docker extensions show them already.
    unread: unreadProblems(parsed),
    target: parsed.target,
  });
  // No other file's analysis reads a Dockerfile's parse, nor that of a manifest whose application holds no
  // other Kubernetes objects (its own folder, say): such a parse is not kept (a 10,000-line file's tree is
  // tens of MB). It is parsed again if it is analysed again or a neighbour with objects appears.
  if (parsed.dockerfile || (parsed.kubernetes && neighbourhood.length === parsed.kubernetes.objects.length)) {
    entry.parsed = undefined;
    closedParses.delete(message.uri);
    if (parsed.kubernetes) related = undefined; // its memo holds these objects
  }
  trimClosedParses(parsed.kubernetes && applications ? applications.relatedFiles(message.uri) : []);
}

/**
 * A new version with the very text of the one held (a file on disk opened in the editor, read as the
 * same target): it keeps that parse, so a burst of opens does not parse every file twice.
 */
function carriedOver(uri: string, previous: Entry | undefined, next: Entry): Entry {
  if (!previous?.parsed || previous.text !== next.text) return next;
  const same = previous.languageId === next.languageId || (previous.languageId !== 'helm' && next.languageId !== 'helm' && detectTarget(uri, previous.languageId) === detectTarget(uri, next.languageId));
  if (!same) return next;
  const entry: Entry = { ...previous, languageId: next.languageId, version: next.version };
  if (entry.version < 0) closedParses.set(uri, entry);
  return entry;
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'sync':
      closedParses.delete(message.uri);
      entries.set(message.uri, carriedOver(message.uri, entries.get(message.uri), { languageId: message.languageId, version: message.version, text: message.text }));
      applications = undefined;
      related = undefined;
      break;
    case 'templates':
      templates = message.uris;
      applications = undefined;
      related = undefined;
      break;
    case 'forget':
      entries.delete(message.uri);
      closedParses.delete(message.uri);
      applications = undefined;
      related = undefined;
      break;
    case 'analyse':
      try {
        analyse(message);
      } catch (error) {
        send({ kind: 'failure', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
      break;
  }
});

send({ kind: 'ready' });

/** One input per turn of the event loop, so that a job arriving meanwhile waits for one of them at most. */
function warmUp(next: number): void {
  if (analysedAny || next >= WARM_UP.length) return;
  try {
    analyzeParsed(parseDocument(WARM_UP[next]), {});
  } catch {
    // Only a warm-up: a real analysis reports its own failures.
  }
  setImmediate(() => warmUp(next + 1));
}
setImmediate(() => warmUp(0));
