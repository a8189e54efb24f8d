/**
 * The steps of a CLI run that happen once per file: its text as read, its parse, the analysis with its
 * application's objects, and what the run prints about it. cli.ts runs them over the whole run at once
 * (--fix) or application by application (cli-applications.ts), with the same result.
 */
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBuildContext } from './build-context-files';
import { relatedObjects, type RelatedObjects } from './related-objects';
import { analyzeParsed as analyzeInCore, isNotATarget, parseDocument, type Analysis, type AnalysisOptions, type ParseOptions, type ParsedDocument } from './core/analyze';
import type { ApplicationIndex } from './core/applications';
import type { Configuration } from './core/types';
import type { FileReport } from './cli-format';

export const BOM = '\uFEFF';

/** A file's text as read, before it is parsed. */
export interface ReadFile {
  /** Its place in the run's list of files (reports and warnings keep that order). */
  index: number;
  path: string;
  /** The path as reports show it (displayPath), worked out once: reports and their regrouping ask for it. */
  shown: string;
  uri: string;
  languageId: string;
  hasBom: boolean;
  text: string;
}

export interface LoadedFile extends ReadFile {
  parsed: ParsedDocument;
}

/** How a file is parsed (as a chart template, a values file, or plainly), decided by its URI before it is read. */
export type ParseOptionsOf = (uri: string, languageId: string) => ParseOptions;

/** The bytes of a file as text, or why it is skipped (binary content). */
export function decodeFile(index: number, path: string, uri: string, languageId: string, bytes: Buffer): ReadFile | string {
  if (bytes.subarray(0, 8000).includes(0)) return `${path}: binary content; skipped`;
  let text = bytes.toString('utf8');
  const hasBom = text.startsWith(BOM);
  if (hasBom) text = text.slice(1);
  return { index, path, shown: displayPath(path), uri, languageId, hasBom, text };
}

/** Test hook: the parse of a file whose path ends with this text throws (the parsers contain their own failures). */
const INJECTED_PARSE_FAULT = process.env.TWELVE_FACTOR_LENS_TEST_PARSE_FAULT;

/** Parses a file as read; an exception of the parser is the caller's to report (internalError). */
export function parseFile(file: ReadFile, optionsOf: ParseOptionsOf): LoadedFile {
  if (INJECTED_PARSE_FAULT && file.uri.endsWith(INJECTED_PARSE_FAULT)) throw new RangeError('injected parse fault for a test');
  return { ...file, parsed: parseDocument({ uri: file.uri, languageId: file.languageId, text: file.text }, 0, optionsOf(file.uri, file.languageId)) };
}

/** One line for an unexpected exception; its stack only with --debug. */
export function internalError(error: unknown, debug: boolean): string {
  const line = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  if (debug && error instanceof Error && error.stack) return `internal error: ${error.stack}`;
  return `internal error: ${line} (run with --debug for the stack)`;
}

/** Test hook: the analysis of a file whose path ends with this text throws (proves the containment). */
const INJECTED_FAULT = process.env.TWELVE_FACTOR_LENS_TEST_FAULT;

/**
 * Runs the core on one file. An exception costs that file only: it is recorded in `failures` (by URI) and
 * the analysis comes back empty, so the other files are still reported and the run exits 2.
 */
export function analyzeContained(parsed: ParsedDocument, options: AnalysisOptions, failures: Map<string, unknown>): Analysis {
  try {
    if (INJECTED_FAULT && parsed.input.uri.endsWith(INJECTED_FAULT)) throw new RangeError('injected fault for a test');
    return analyzeInCore(parsed, options);
  } catch (error) {
    failures.set(parsed.input.uri, error);
    return { parsed, findings: [], ruleFailures: [] };
  }
}

/**
 * For each file, the Kubernetes objects of the files in its application (related-objects.ts), among `files`.
 * `applications`, when given, must have been made from `uris`, the kustomizations' texts and `templates` (the other
 * tools' templates of manifests the walk met).
 */
export function objectsByApplication(files: readonly LoadedFile[], uris: readonly string[] = files.map((f) => f.uri), applications?: ApplicationIndex, templates?: readonly string[]): RelatedObjects {
  const byUri = new Map(files.map((f) => [f.uri, f.parsed]));
  const related = { uris, textOf: (uri: string) => byUri.get(uri)?.source.text ?? '', objectsOf: (uri: string) => byUri.get(uri)?.kubernetes?.objects ?? [], templates };
  return applications ? relatedObjects(related, applications) : relatedObjects(related);
}

/** What the analysis of one file is given besides its parse: its application's objects, Kustomize pins, build context. */
export function analysisOptionsOf(file: LoadedFile, configuration: Configuration, objectsOf: RelatedObjects): AnalysisOptions {
  const uri = file.parsed.input.uri;
  return {
    configuration,
    workspaceObjects: objectsOf(uri),
    // Kustomize builds: the images every build of a base pins are not judged as the base writes them.
    pinnedImages: objectsOf.pinnedImages(uri),
    // The Dockerfile's folder as its build context (.dockerignore, entrypoint script), as the editor reads it.
    buildContext: file.parsed.dockerfile && file.path !== '<stdin>' ? readBuildContext(fileURLToPath(uri), file.parsed.dockerfile) : undefined,
  };
}

/** What a run prints about one analysed file. */
export interface FileOutcome {
  index: number;
  report: FileReport;
  /** Its rules that failed (and, with --fix, fixes that were not applied), in order. */
  warnings: string[];
  /** Its content is none of the targets (a JSON file that is no template): not reported, nor counted as checked. */
  notATarget: boolean;
  /** A `sam init`/cookiecutter project template: counted in the summary as not analysed. */
  projectTemplateSkipped: boolean;
  /** A Helm chart template: analysed, or skipped (one the renderer cannot read). */
  helm: 'analysed' | 'skipped' | undefined;
  /** The analysis threw: the file is not reported (internalError's line). */
  failure: string | undefined;
}

/** `warnings`: what the run already has to say about the file (fixes not applied), before its rules' failures. */
export function outcomeOf(file: LoadedFile, analysis: Analysis, options: { quiet: boolean; debug: boolean }, failures: ReadonlyMap<string, unknown>, warnings: string[] = []): FileOutcome {
  for (const failure of analysis.ruleFailures) warnings.push(`${file.path}: rule ${failure.ruleId} failed and was skipped: ${failure.error.split('\n')[0]}`);
  const findings = options.quiet ? analysis.findings.filter((f) => f.severity === 'error') : analysis.findings;
  const failure = failures.get(file.uri);
  return {
    index: file.index,
    report: { path: file.shown, findings, parseProblems: file.parsed.parseProblems },
    warnings,
    notATarget: isNotATarget(file.parsed),
    projectTemplateSkipped: !!file.parsed.serverless?.skipped,
    helm: file.parsed.helm ? (file.parsed.helm.skipped ? 'skipped' : 'analysed') : undefined,
    failure: failure === undefined ? undefined : internalError(failure, options.debug),
  };
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split(sep).join('/');
}
