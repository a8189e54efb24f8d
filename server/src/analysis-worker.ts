/**
 * The analysis worker: runs the pure core off the language server's main thread, so a
 * pathological document costs at most one worker (which the pool terminates and
 * replaces) and never the server's answers to hover, code actions or other documents.
 *
 * It keeps the text of every document the main thread synchronised to it and parses
 * each one at most once per version; Kubernetes objects of all of them are the
 * workspace for cross-file relations.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeParsed, parseDocument, type ParsedDocument } from './core/analyze';
import type { KubeObject } from './core/kubernetes/model';
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

function parsedOf(uri: string, entry: Entry): ParsedDocument {
  entry.parsed ??= parseDocument({ uri, languageId: entry.languageId, text: entry.text }, entry.version);
  return entry.parsed;
}

/** Kubernetes objects of every other synchronised YAML document. */
function workspaceObjects(except: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [uri, entry] of entries) {
    if (uri === except) continue;
    const parsed = parsedOf(uri, entry);
    if (parsed.kubernetes) objects.push(...parsed.kubernetes.objects);
  }
  return objects;
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
  });
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'sync':
      entries.set(message.uri, { languageId: message.languageId, version: message.version, text: message.text });
      break;
    case 'forget':
      entries.delete(message.uri);
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
