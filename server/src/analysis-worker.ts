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
import { analyzeParsed, parseDocument, type ParsedDocument } from './core/analyze';
import type { KubeObject } from './core/kubernetes/model';
import { relatedObjects } from './related-objects';
import { relationSignatures } from './core/kubernetes/relation-index';
import { TEST_DELAY_MARKER, type AnalyseMessage, type FromWorker, type ToWorker, type WorkerOptions } from './analysis-protocol';

interface Entry {
  languageId: string;
  version: number;
  text: string;
  parsed?: ParsedDocument;
}

const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');
const options: WorkerOptions = (workerData as WorkerOptions | undefined) ?? {};
const entries = new Map<string, Entry>();

function send(message: FromWorker): void {
  port!.postMessage(message);
}

/**
 * Parses of files that are not open (negative versions: read from disk), least recently used
 * first. Open documents keep their parse for as long as their version lives; a workspace of
 * hundreds of files keeps at most MAX_CLOSED_PARSES of them parsed per worker, so memory stays
 * bounded (the others are parsed again when an analysis needs them).
 */
const closedParses = new Map<string, Entry>();
const MAX_CLOSED_PARSES = 200;

function parsedOf(uri: string, entry: Entry): ParsedDocument {
  entry.parsed ??= parseDocument({ uri, languageId: entry.languageId, text: entry.text }, entry.version);
  if (entry.version < 0) {
    closedParses.delete(uri);
    closedParses.set(uri, entry);
  }
  return entry.parsed;
}

/** After an analysis: drops the oldest parses of closed files (in batches, so relations are regrouped rarely). */
function trimClosedParses(): void {
  if (closedParses.size <= MAX_CLOSED_PARSES) return;
  for (const [uri, entry] of closedParses) {
    if (closedParses.size <= MAX_CLOSED_PARSES / 2) break;
    entry.parsed = undefined;
    closedParses.delete(uri);
  }
  related = undefined; // its memo holds objects of the dropped parses
}

/** Rebuilt after any sync or forget: what each file relates to, per application. */
let related: ((uri: string) => readonly KubeObject[]) | undefined;

/** Kubernetes objects of the files in `uri`'s application (its own are added by the core). */
function workspaceObjects(uri: string): readonly KubeObject[] {
  related ??= relatedObjects({
    uris: [...entries.keys()],
    textOf: (u) => entries.get(u)?.text ?? '',
    objectsOf: (u) => {
      const entry = entries.get(u);
      return entry ? (parsedOf(u, entry).kubernetes?.objects ?? []) : [];
    },
  });
  return related(uri);
}

function analyse(message: AnalyseMessage): void {
  const entry = entries.get(message.uri);
  if (!entry || entry.version !== message.version) {
    send({ kind: 'failure', id: message.id, error: `version ${message.version} of ${message.uri} was not synchronised to the worker` });
    return;
  }
  if (options.testDelayMs && message.uri.includes(TEST_DELAY_MARKER)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, options.testDelayMs);
  }
  const parsed = parsedOf(message.uri, entry);
  const result = analyzeParsed(parsed, {
    configuration: message.configuration,
    workspaceObjects: parsed.kubernetes ? workspaceObjects(message.uri) : [],
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
  });
  trimClosedParses();
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'sync':
      closedParses.delete(message.uri);
      entries.set(message.uri, { languageId: message.languageId, version: message.version, text: message.text });
      related = undefined;
      break;
    case 'forget':
      entries.delete(message.uri);
      closedParses.delete(message.uri);
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
