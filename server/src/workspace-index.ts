/**
 * The language server's view of the workspace on disk: every Dockerfile, YAML file and serverless
 * template of the workspace folders (read by this thread, handed to the analysis workers; a JSON or
 * `.template` file without a template's markers is read and not kept) and every
 * `.twelve-factor-lens.json`, so relations and configuration never depend on which files
 * happen to be open. Open documents are layered on top by the server (their text wins).
 *
 * The walk is the CLI's own (cli-files.ts `listAhead` and `collectFiles`): the same file names, the same skipped
 * folders (SKIPPED_DIRECTORIES: `node_modules`, `.git`, `testdata`, the serverless tools' generated templates), links
 * followed to files and not to folders (a file reached by two names is read once, under the first the walk meets;
 * no link can take the walk out of the workspace folders), and files a configuration's `ignorePatterns` match are not
 * read at all. Generated folders (`dist`, `build`, `.terraform`)
 * are left out with `ignorePatterns`, which the CLI honours the same way.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lstat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { collectFiles, CONFIG_FILE_NAME, FolderListings, isCandidateName, listAhead, readRegularFiles, SKIPPED_DIRECTORIES, type ReadResult, type WalkAhead } from './cli-files';
import { ConfigError, parseConfigText } from './cli-config';
import { ConfigurationMatcher, relativeTo, type RuleLevel } from './core/config';
import { folderOf } from './core/applications';
import { likelyTarget } from './core/analyze';
import { decodeUri } from './core/uri';
import { isManifestTemplatePath } from './core/foreign-templates';
import { CountingMap } from './counting-map';
import type { Configuration, Target } from './core/types';

export interface IndexedFile {
  uri: string;
  /** Negative, unique per read: never equal to an editor's document version. */
  version: number;
  text: string;
  target: Target | undefined;
}

export interface ConfigEntry {
  uri: string;
  /** Globs are relative to this folder (a URI without a trailing slash). */
  folder: string;
  matcher?: ConfigurationMatcher;
  /** Why the file cannot be used (it is then ignored: defaults apply). */
  error?: string;
  warnings: string[];
}

/**
 * What a change on disk did to the index. `names`: a file may now be read under another name (a link came or went
 * where the walk takes each file once, under the first name it meets), so the walk must be taken again (`reconcile`).
 */
export type IndexChange = { kind: 'none' } | { kind: 'file'; uri: string } | { kind: 'configuration'; uri: string } | { kind: 'names' } | { kind: 'templates' };

/** A change on disk, as a file watcher reports it. */
export type DiskChange = 'created' | 'changed' | 'deleted';

let nextStamp = -1;
const BOM = '\uFEFF';

function decodeText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined; // binary: the CLI skips it too
  const text = bytes.toString('utf8');
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The path of a file: URI; a URI with no path (`file://host/…` here) names none, and its read fails as a missing file's would. */
function pathOfUri(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch {
    return '';
  }
}

function trimSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

/** Whether the walk's listings hold a link with a name the walk takes (it may lead to a file, or nowhere yet). */
function holdsLinkOfOurs(ahead: WalkAhead): boolean {
  for (const listing of ahead.listings.values()) {
    if (!Array.isArray(listing)) continue;
    for (const dirent of listing) if (dirent.isSymbolicLink() && isCandidateName(dirent.name)) return true;
  }
  // Entries a listing did not type, asked with lstat.
  for (const [place, kind] of ahead.kinds) if (!('error' in kind) && kind.isSymbolicLink() && isCandidateName(basename(place))) return true;
  return false;
}

async function isSymbolicLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

export class WorkspaceIndex {
  readonly files = new CountingMap<string, IndexedFile>();
  /** By the folder URI the configuration file sits in. */
  readonly configs = new CountingMap<string, ConfigEntry>();
  private folders: string[] = [];
  /** Whether the last walk met a link with a name the walk takes (to a file, or dangling): see refresh. */
  private linksMet = false;
  /** Scans running (scanning). */
  private scans = 0;
  /** True from the start of a scan until it has read the configuration files the walk found (see readConfigAhead). */
  private configsPending = false;
  /** While configsPending: configuration files read ahead of the walk, by folder URI; null where a folder has none. */
  private readonly configsAhead = new Map<string, ConfigEntry | null>();
  /**
   * Other tools' templates of manifests in the walked folders (`deployment.tpl` for envsubst), as URIs: not read, but
   * the applications that hold one are told (ApplicationIndex.holdsUnreadTemplates), as the CLI's walk tells its own.
   * A new array whenever it changes.
   */
  templates: readonly string[] = [];
  private templateChanges = 0;

  constructor(private readonly log: (message: string) => void) {}

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Grows with every change of the indexed files or the configuration files (and nothing else). */
  get generation(): number {
    return this.files.changes + this.configs.changes + this.templateChanges;
  }

  private setTemplates(paths: readonly string[]): void {
    const uris = paths.map((path) => pathToFileURL(path).href).sort();
    if (uris.length === this.templates.length && uris.every((uri, i) => uri === this.templates[i])) return;
    this.templates = uris;
    this.templateChanges++;
  }

  /** Walks the folders (file: URIs) and reads every candidate file that no configuration ignores. */
  async scan(folderUris: readonly string[]): Promise<{ files: number; elapsedMs: number }> {
    this.scans++;
    try {
      return await this.scanFolders(folderUris);
    } finally {
      this.scans--;
    }
  }

  private async scanFolders(folderUris: readonly string[]): Promise<{ files: number; elapsedMs: number }> {
    const started = Date.now();
    this.folders = folderUris.filter((u) => u.startsWith('file:')).map(trimSlash);
    this.files.clear();
    this.configs.clear();
    this.ignoredCache.clear();
    this.configsPending = true;
    let candidates: string[];
    try {
      const walked = await this.walk();
      candidates = walked.candidates;
      this.setTemplates(walked.templates);
      await this.loadConfigs(walked.configFiles.map((path) => pathToFileURL(path).href));
    } finally {
      // From here on the walk's configuration files answer; answers given from those read ahead are forgotten.
      this.configsPending = false;
      this.configsAhead.clear();
      this.ignoredCache.clear();
    }
    const wanted = candidates.map((path) => pathToFileURL(path).href).filter((uri) => !this.isIgnored(uri));
    await this.readFiles(wanted);
    return { files: this.files.size, elapsedMs: Date.now() - started };
  }

  /**
   * The workspace folders' candidate files, in the CLI's walk order, and the configuration files in the folders it
   * walked. A configuration file is looked for as the CLI looks for it: by its name in each folder (cli-config.ts
   * `ConfigLocator`), so a file system that finds names whatever their case finds it here too.
   */
  private async walk(): Promise<{ candidates: string[]; configFiles: string[]; templates: string[] }> {
    const roots = this.folders.map((folder) => fileURLToPath(folder));
    const listings = new FolderListings([CONFIG_FILE_NAME]);
    const reporter = { warn: this.log, fail: this.log };
    const ahead = await listAhead(roots);
    this.linksMet = holdsLinkOfOurs(ahead);
    const candidates = collectFiles(roots, reporter, () => false, listings, ahead);
    return { candidates, configFiles: listings.holding(CONFIG_FILE_NAME).map((folder) => join(folder, CONFIG_FILE_NAME)), templates: listings.manifestTemplates() };
  }

  /**
   * Reads files into the index as the CLI reads them (cli-files.ts `readRegularFiles`): a few at a time, each
   * opened without blocking and checked on its descriptor (a FIFO swapped in after the walk cannot hold a thread),
   * at most the CLI's size limit. A file gone, too large, not regular, binary or ignored leaves the index.
   * True for each file whose text changed.
   */
  private async readFiles(uris: readonly string[]): Promise<boolean[]> {
    const results = await readRegularFiles(uris.map(pathOfUri));
    return uris.map((uri, i) => this.keep(uri, results[i]));
  }

  private keep(uri: string, read: ReadResult): boolean {
    const previous = this.files.get(uri);
    const text = read.ok ? decodeText(read.bytes) : undefined;
    // package.json, tsconfig.json and the like are read in case they are templates, and not kept: nothing of them is checked.
    const target = text === undefined ? undefined : likelyTarget(uri, '', text);
    if (text === undefined || !target || this.isIgnored(uri)) {
      this.files.delete(uri);
      return previous !== undefined;
    }
    if (previous?.text === text) return false;
    this.files.set(uri, { uri, version: nextStamp--, text, target });
    return true;
  }

  /** Reads configuration files (as readFiles reads files) into `configs`; one that cannot be read or used leaves defaults for its folder. */
  private async loadConfigs(uris: readonly string[]): Promise<void> {
    const reads = await readRegularFiles(uris.map(pathOfUri));
    this.ignoredCache.clear();
    uris.forEach((uri, i) => this.keepConfig(uri, reads[i]));
  }

  private keepConfig(uri: string, read: ReadResult): void {
    const folder = folderOf(uri);
    if (read.ok) this.configs.set(folder, this.configEntry(uri, read.bytes));
    else this.configs.delete(folder);
  }

  /** A configuration file as read: its rules, or why it cannot be used. */
  private configEntry(uri: string, bytes: Buffer): ConfigEntry {
    const folder = folderOf(uri);
    const text = bytes.toString('utf8');
    const label = this.displayPath(uri);
    try {
      const file = parseConfigText(text, label);
      return { uri, folder, matcher: new ConfigurationMatcher(file), warnings: file.warnings };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { uri, folder, error: error.message, warnings: [] };
    }
  }

  /** A workspace-relative name for messages. */
  displayPath(uri: string): string {
    for (const folder of this.folders) {
      const rel = relativeTo(folder, uri);
      if (rel !== undefined) return rel.split('/').map(decodeUri).join('/');
    }
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  }

  /** The workspace folder holding `uri`, if any (the innermost one). */
  private rootOf(uri: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders) if (relativeTo(folder, uri) !== undefined && (!best || folder.length > best.length)) best = folder;
    return best;
  }

  /**
   * The nearest configuration file in `uri`'s folder or above, up to its workspace folder (as the CLI stops at its working
   * directory). While a scan has not yet read the configuration files, those read ahead for `uri` (readConfigAhead) answer.
   */
  configFor(uri: string): ConfigEntry | undefined {
    for (const folder of this.foldersUp(uri)) {
      const entry = this.configsPending ? this.configsAhead.get(folder) : this.configs.get(folder);
      if (entry) return entry;
    }
    return undefined;
  }

  /** `uri`'s folder, then each folder above it up to its workspace folder (none outside the workspace folders). */
  private *foldersUp(uri: string): Iterable<string> {
    const root = this.rootOf(uri);
    if (!root) return;
    for (let folder = folderOf(uri); folder.length >= root.length; folder = folderOf(folder)) {
      yield folder;
      if (folder === root) return;
    }
  }

  /** True while a scan runs (scan). */
  get scanning(): boolean {
    return this.scans > 0;
  }

  /**
   * While a scan runs: reads the configuration file that will govern `uri` on its own, so that a file whose findings
   * depend on no other file (a Dockerfile) need not wait for the whole walk. The folders from `uri`'s up to its
   * workspace folder are asked in turn, nearest first, for the file by its name (as the CLI asks, cli-config.ts
   * ConfigLocator), leaving out the folders the walk does not enter (SKIPPED_DIRECTORIES), until one
   * holds it: a file that cannot be used stops the search as it does in configFor. Once the scan has read the
   * configuration files it found, they answer instead (the server then analyses the file again). They are the same
   * files, except below a link to a folder: read here through the link, and not by the walk, which does not follow it.
   */
  async readConfigAhead(uri: string): Promise<void> {
    if (!this.configsPending) return;
    const folders: string[] = [];
    for (const folder of this.foldersUp(uri)) {
      const known = this.configsAhead.get(folder);
      if (known) break; // read before, and the nearest: it answers
      if (known === undefined && !this.insideSkippedFolder(`${folder}/${CONFIG_FILE_NAME}`)) folders.push(folder);
    }
    const reads = await readRegularFiles(folders.map((folder) => pathOfUri(`${folder}/${CONFIG_FILE_NAME}`)));
    if (!this.configsPending) return;
    for (let i = 0; i < folders.length; i++) {
      const read = reads[i];
      if (!read.ok) {
        this.configsAhead.set(folders[i], null);
        continue;
      }
      this.configsAhead.set(folders[i], this.configEntry(`${folders[i]}/${CONFIG_FILE_NAME}`, read.bytes));
      this.ignoredCache.clear();
      break;
    }
  }

  private relativePath(entry: ConfigEntry, uri: string): string {
    return (relativeTo(entry.folder, uri) ?? '').split('/').map(decodeUri).join('/');
  }

  /** Answers of `isIgnored`, until a configuration file changes. */
  private readonly ignoredCache = new Map<string, boolean>();

  isIgnored(uri: string): boolean {
    let ignored = this.ignoredCache.get(uri);
    if (ignored === undefined) {
      const entry = this.configFor(uri);
      ignored = !!entry?.matcher?.isIgnored(this.relativePath(entry, uri));
      if (this.ignoredCache.size > 100_000) this.ignoredCache.clear();
      this.ignoredCache.set(uri, ignored);
    }
    return ignored;
  }

  /** The configuration of one file: its configuration file's rules and overrides, then `personal` (VS Code settings) on top. */
  configurationFor(uri: string, personal: Record<string, RuleLevel>): Configuration {
    const entry = this.configFor(uri);
    if (!entry?.matcher) return { rules: { ...personal } };
    return entry.matcher.configurationFor(this.relativePath(entry, uri), personal);
  }

  /** Brings one file up to date after a change on disk. */
  async refresh(uri: string, change: DiskChange): Promise<IndexChange> {
    if (!uri.startsWith('file:') || !this.rootOf(uri)) return { kind: 'none' };
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    // However its name is cased, the configuration file is read again under its own name, as the scan finds it (a
    // file system that ignores case answers for it; one that does not, for the file the CLI would read). Deleted, the
    // read fails and its folder's defaults apply.
    if (decodeUri(name).toLowerCase() === CONFIG_FILE_NAME) {
      const configUri = `${folderOf(uri)}/${CONFIG_FILE_NAME}`;
      await this.loadConfigs([configUri]);
      return { kind: 'configuration', uri: configUri };
    }
    if (isManifestTemplatePath(decodeUri(uri))) {
      if (this.insideSkippedFolder(uri)) return { kind: 'none' };
      const held = this.templates.includes(uri);
      if (held === (change !== 'deleted')) return { kind: 'none' };
      this.templates = change === 'deleted' ? this.templates.filter((t) => t !== uri) : [...this.templates, uri].sort();
      this.templateChanges++;
      return { kind: 'templates' };
    }
    if (!isCandidateName(decodeUri(name)) || this.insideSkippedFolder(uri)) return { kind: 'none' };
    // A name coming or going can decide which name a file is read under, and then the walk decides, as for the CLI:
    // a name the index read going where links exist (another name of its file may come first now); a new file where
    // links exist (a link met before it may lead to it); a link the index does not hold, made or saved through (its
    // file may be held under another name).
    const held = this.files.has(uri);
    if (change === 'deleted') {
      if (held && this.linksMet) return { kind: 'names' };
      return this.files.delete(uri) ? { kind: 'file', uri } : { kind: 'none' };
    }
    if (!held && ((change === 'created' && this.linksMet) || (await isSymbolicLink(pathOfUri(uri))))) return { kind: 'names' };
    const [changed] = await this.readFiles([uri]);
    return changed ? { kind: 'file', uri } : { kind: 'none' };
  }

  /**
   * Walks again and brings the index in line: after a configuration file changed (files it now ignores leave the
   * index, files it no longer ignores are read), or when a file may be read under another name. Returns the URIs
   * that left the index or were read into it.
   */
  async reconcile(): Promise<string[]> {
    if (this.folders.length === 0) return [];
    const { candidates, templates } = await this.walk();
    this.setTemplates(templates);
    const wanted = new Set(candidates.map((path) => pathToFileURL(path).href).filter((uri) => !this.isIgnored(uri)));
    const changed: string[] = [];
    for (const uri of [...this.files.keys()]) if (!wanted.has(uri) && this.files.delete(uri)) changed.push(uri);
    const missing = [...wanted].filter((uri) => !this.files.has(uri));
    const read = await this.readFiles(missing);
    return [...changed, ...missing.filter((_, i) => read[i])];
  }

  private insideSkippedFolder(uri: string): boolean {
    const root = this.rootOf(uri);
    const rel = root ? relativeTo(root, uri) : undefined;
    return !!rel && rel.split('/').slice(0, -1).some((part) => SKIPPED_DIRECTORIES.has(decodeUri(part)));
  }
}
