/**
 * The CLI's files parsed and analysed one application at a time (core/applications.ts says which files
 * make one), each application's parses let go before the next is read. Relation rules read only the
 * objects of a file's own application, so each file's analysis is what it would be with the whole run
 * parsed at once, while the run holds one application's parses instead of every file's: over the 1,332
 * files of `../shared/corpus` the collector no longer copies and promotes every parse of the run (see
 * the README's performance section).
 */
import { applicationIndex } from './related-objects';
import type { Configuration } from './core/types';
import { analysisOptionsOf, analyzeContained, objectsByApplication, outcomeOf, parseFile, type FileOutcome, type LoadedFile, type ParseOptionsOf, type ReadFile } from './cli-run';

export interface ApplicationRun {
  configurationFor(uri: string): Configuration;
  parseOptionsOf: ParseOptionsOf;
  quiet: boolean;
  debug: boolean;
  /** Other tools' templates of manifests the walk met (FolderListings.manifestTemplates), as URIs. */
  templates?: readonly string[];
}

/**
 * Each file's outcome, in the files' order; undefined when a parse threw. A file that cannot be parsed is
 * left out of the application index when the whole run is parsed at once, which can change what its
 * neighbours relate to: the caller then parses the whole run at once.
 */
export function analyseByApplication(files: readonly ReadFile[], run: ApplicationRun): FileOutcome[] | undefined {
  const uris = files.map((f) => f.uri);
  const byUri = new Map(files.map((f) => [f.uri, f]));
  const applications = applicationIndex({ uris, textOf: (uri) => byUri.get(uri)?.text ?? '', templates: run.templates });
  const outcomes: FileOutcome[] = [];
  for (const group of closedGroups(files, (uri) => applications.relatedFiles(uri))) {
    const loaded: LoadedFile[] = [];
    for (const file of group) {
      try {
        loaded.push(parseFile(file, run.parseOptionsOf));
      } catch {
        return undefined;
      }
    }
    const objectsOf = objectsByApplication(loaded, uris, applications);
    const failures = new Map<string, unknown>();
    for (const file of loaded) {
      const analysis = analyzeContained(file.parsed, analysisOptionsOf(file, run.configurationFor(file.uri), objectsOf), failures);
      outcomes[file.index] = outcomeOf(file, analysis, run, failures);
    }
  }
  return outcomes;
}

/**
 * The files in groups closed under `related`: a file, every file related to it, and theirs in turn, are in one
 * group. Groups come in the order of their first file, each in the files' order.
 */
export function closedGroups<T extends { uri: string }>(files: readonly T[], related: (uri: string) => readonly string[]): T[][] {
  const position = new Map(files.map((f, i) => [f.uri, i]));
  const parent = files.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // An application's files share one list: it is joined once, and each later file of it joins its first file.
  const joined = new Set<readonly string[]>();
  files.forEach((file, i) => {
    const list = related(file.uri);
    const first = joined.has(list) ? position.get(list[0]) : undefined;
    if (first !== undefined) {
      parent[root(i)] = root(first);
      return;
    }
    joined.add(list);
    for (const uri of list) {
      const j = position.get(uri);
      if (j !== undefined) parent[root(j)] = root(i);
    }
  });
  const groups = new Map<number, T[]>();
  files.forEach((file, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(file);
    else groups.set(r, [file]);
  });
  return [...groups.values()];
}
