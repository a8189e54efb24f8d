/**
 * The command line's contact with the file system: which files a run checks and how they
 * are read. Hostile trees must not hang or exhaust the CLI: symbolic-link cycles are walked
 * once, FIFOs, sockets and devices are never opened for reading by name alone, and no file
 * is read past a size limit. One file that cannot be read is reported and the others are
 * still checked.
 */
import { close, closeSync, constants, fstat, fstatSync, lstat, lstatSync, open, openSync, read, readSync, readdir, readdirSync, realpath, realpathSync, stat, statSync, type Dirent, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { looksLikeServerless } from './core/serverless/model';
import { isForeignTemplateName, isManifestTemplatePath } from './core/foreign-templates';
import { isDockerfileName } from './core/analyze';
import { THREAD_POOL_SIZE } from './thread-pool';

/** Files larger than this are refused with a message rather than read into memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The walk takes `Dockerfile`, `Dockerfile.<anything>`, `Dockerfile-<name>` and the same for `Containerfile`, in any case, … */
const NAME_STEMS = ['dockerfile', 'containerfile'];
/**
 * … and names ending in one of these, in any case. JSON files and `.template` files are read, and analysed only when
 * their content is a CloudFormation/SAM template.
 */
const NAME_EXTENSIONS = ['dockerfile', 'containerfile', 'yaml', 'yml', 'json', 'template'];
/** Names by extension; names by stem are Dockerfiles' (core/analyze.ts `isDockerfileName`, also `Dockerfile-web`). */
const CANDIDATE_EXTENSION = new RegExp(`\\.(${NAME_EXTENSIONS.join('|')})$`, 'i');
/**
 * Folders the walk does not enter: dependencies, version control, `testdata` (Go's convention for a
 * tool's test inputs: deliberately odd files, not what the project deploys), and what the serverless
 * tools generate from a template at deploy time (`.serverless` of the Serverless Framework, `.aws-sam`
 * of `sam build`, `cdk.out` of `cdk synth`): copies of the template, each finding again on a line
 * nobody edits. A path named on the command line is still read.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'testdata', '.serverless', '.aws-sam', 'cdk.out']);

/** The configuration file's name, looked for in a file's folder and the folders above it (cli-config.ts); a JSON file, but never a template. */
export const CONFIG_FILE_NAME = '.twelve-factor-lens.json';

/**
 * True when a file name is one the directory walk picks up. The configuration file is not one, however cased (a
 * case-insensitive file system finds it so): the CLI counted it among the files it checked.
 */
export function isCandidateName(name: string): boolean {
  if (name.length === CONFIG_FILE_NAME.length && name.toLowerCase() === CONFIG_FILE_NAME) return false;
  // `Dockerfile.j2`, `Dockerfile.erb`: another tool's templates, rendered into a Dockerfile later (analyze.ts).
  return (isDockerfileName(name) || CANDIDATE_EXTENSION.test(name)) && !isForeignTemplateName(name);
}

/** Glob text matching `text` in any case: each letter as a class of its two cases (`[yY][aA][mM][lL]`), other characters as they are. */
function anyCase(text: string): string {
  let glob = '';
  for (const char of text) glob += char.toLowerCase() !== char.toUpperCase() ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
  return glob;
}

/**
 * Glob alternatives (for a file watcher) covering every name the walk takes ({@link isCandidateName}) and the
 * configuration file, in any case, as the walk takes them (`DEPLOY.YAML`, `DockerFile`). A client matches a watcher's
 * glob case-sensitively where the file system is (VS Code on Linux), so `*.yaml` alone missed changes to such a file.
 * `Dockerfile*` is wider than the walk's names; the server checks each change's name again.
 */
export const WALKED_NAME_GLOBS: readonly string[] = [
  ...NAME_STEMS.map((stem) => `${anyCase(stem)}*`),
  ...NAME_EXTENSIONS.map((extension) => `*.${anyCase(extension)}`),
  // Also under `*.json`; named for clients whose `*` does not match a leading dot.
  anyCase(CONFIG_FILE_NAME),
];

export interface WalkReporter {
  /** Something skipped that the user may want to know about; does not change the exit code. */
  warn(message: string): void;
  /** A file or path the user asked for that could not be checked; the run exits 2. */
  fail(message: string): void;
}

/** A short name for what a non-regular file is ("a FIFO", "a character device", ...). */
export function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return e?.code ? `${e.code}` : String((error as Error)?.message ?? error);
  }
}

/** An entry whose kind the listing did not give (some file systems leave it out). */
function isUnknownKind(dirent: Dirent): boolean {
  return !dirent.isFile() && !dirent.isDirectory() && !dirent.isSymbolicLink() && !dirent.isFIFO() && !dirent.isSocket() && !dirent.isBlockDevice() && !dirent.isCharacterDevice();
}

/**
 * Which of a few names each folder held when the walk listed it. The configuration lookup (cli-config.ts) asks, for
 * every folder on a file's way up, whether `.twelve-factor-lens.json` and `.git` are there: a folder the walk listed
 * already says "no" for most of them, without another call to the storage (where each call waits, a network home
 * folder or a container's bind mount, those calls cost more than reading the files). Names are compared without
 * case, so a case-insensitive file system is still asked whenever a differently cased name could be the one.
 */
export class FolderListings {
  private readonly interesting: ReadonlySet<string>;
  private readonly found = new Map<string, ReadonlySet<string>>();
  /** Other tools' templates of manifests met in the listed folders, by absolute path (isManifestTemplatePath). */
  private readonly templates = new Map<string, string[]>();

  constructor(names: readonly string[]) {
    this.interesting = new Set(names.map((n) => n.toLowerCase()));
  }

  /** The names `folder` holds, as listed. */
  record(folder: string, names: readonly string[]): void {
    const kept = new Set<string>();
    const templates: string[] = [];
    const place = resolve(folder);
    for (const name of names) {
      const lower = name.toLowerCase();
      if (this.interesting.has(lower)) kept.add(lower);
      if (isForeignTemplateName(name) && isManifestTemplatePath(join(place, name).split(sep).join('/'))) templates.push(join(place, name));
    }
    this.found.set(place, kept);
    this.templates.set(place, templates);
  }

  /** The templates of manifests (`deployment.tpl`) in the folders listed: the application index is told of them. */
  manifestTemplates(): string[] {
    return [...this.templates.values()].flat();
  }

  /** The folders listed that hold `name` (as the listing cased it or not), in the order they were listed. */
  holding(name: string): string[] {
    const lower = name.toLowerCase();
    return [...this.found].filter(([, names]) => names.has(lower)).map(([folder]) => folder);
  }

  /** True when `path` (absolute) is known not to exist: its folder was listed, without its name. */
  lacks(path: string): boolean {
    const kept = this.found.get(dirname(path));
    return kept !== undefined && !kept.has(basename(path).toLowerCase());
  }
}

/**
 * What the walk does with a listed entry: walk it, take it, ask the entry itself (an entry the listing does not type,
 * or a link or odd entry with a name of ours), or pass. A link is followed to a file, never to a folder.
 */
function entryStep(dirent: Dirent): 'folder' | 'file' | 'stat' | 'pass' {
  if (dirent.isDirectory()) return 'folder';
  if (isUnknownKind(dirent)) return 'stat'; // it may be a folder
  if (!isCandidateName(dirent.name)) return 'pass';
  return dirent.isFile() ? 'file' : 'stat';
}

type Answer<T> = T | { error: unknown };

function answered<T>(answer: Answer<T>): T {
  if (answer !== null && typeof answer === 'object' && 'error' in answer) throw answer.error;
  return answer as T;
}

/**
 * The walk's questions to the file system, asked beforehand {@link READS_IN_FLIGHT} at a time by {@link listAhead}:
 * each folder's listing, what each entry the listing does not type is itself (`kinds`, from lstat), and for the
 * links and odd entries with a name of ours what they lead to (`stats`) and their real paths. {@link collectFiles}
 * then walks in its own order from these answers. Where every call waits on the storage, one folder at a time paid
 * each wait in turn.
 *
 * Each answer is kept by where the thing really is: a listing by the folder's real path, an entry's answers by its
 * real folder's path joined with its name (a path named to the walk by that path).
 */
export class WalkAhead {
  readonly listings = new Map<string, Answer<Dirent[]>>();
  readonly kinds = new Map<string, Answer<Stats>>();
  readonly stats = new Map<string, Answer<Stats>>();
  readonly realPaths = new Map<string, Answer<string>>();
}

const readdirAsync = promisify(readdir);
const statAsync = promisify(stat);
const lstatAsync = promisify(lstat);
/** The callback realpath, which answers as realpathSync does (fs/promises' is the native one). */
const realpathAsync = promisify(realpath);

/** Lists the folders under `paths` (as collectFiles walks them) and asks about their untyped entries and links, all at once. */
export async function listAhead(paths: readonly string[]): Promise<WalkAhead> {
  const ahead = new WalkAhead();
  const inTurn = limiter(READS_IN_FLIGHT);
  const ask = async <T>(question: () => Promise<T>): Promise<Answer<T>> => {
    try {
      return await inTurn(question);
    } catch (error) {
      return { error };
    }
  };
  /** Real folders listed: one inside another path given is listed once. */
  const listed = new Set<string>();
  /** `place`: the entry's real folder joined with its name. */
  const entry = async (place: string, dirent: Dirent): Promise<void> => {
    if (isUnknownKind(dirent)) {
      const own = await ask(() => lstatAsync(place));
      ahead.kinds.set(place, own);
      if (!('error' in own) && own.isDirectory()) return folder(place);
    }
    if (!isCandidateName(dirent.name)) return;
    const stats = await ask(() => statAsync(place));
    ahead.stats.set(place, stats);
    if (!('error' in stats) && stats.isFile()) ahead.realPaths.set(place, await ask(() => realpathAsync(place)));
  };
  /** `real`: the folder's real path. */
  const folder = async (real: string): Promise<void> => {
    if (listed.has(real)) return;
    listed.add(real);
    const listing = await ask(() => readdirAsync(real, { withFileTypes: true }));
    ahead.listings.set(real, listing);
    if ('error' in listing) return;
    const next: Promise<void>[] = [];
    for (const dirent of listing) {
      if (SKIPPED_DIRECTORIES.has(dirent.name)) continue;
      const place = join(real, dirent.name);
      const step = entryStep(dirent);
      // A plain folder inside a real folder is real where it is listed.
      if (step === 'folder') next.push(folder(place));
      else if (step === 'stat') next.push(entry(place, dirent));
    }
    await Promise.all(next);
  };
  await Promise.all(
    paths.map(async (path) => {
      const stats = await ask(() => statAsync(path));
      ahead.stats.set(path, stats);
      if ('error' in stats || !stats.isDirectory()) return;
      const real = await ask(() => realpathAsync(path));
      ahead.realPaths.set(path, real);
      if (typeof real === 'string') await folder(real);
    }),
  );
  return ahead;
}

/**
 * Expands the paths into the files to check, in a stable order. Links to files are followed and a
 * file reached by several names is checked once, under the first name met; links to folders are not
 * followed (a folder linked from inside is walked under its own name, and one linked from outside,
 * such as Bazel's `bazel-*` output links or a link to `/`, is not the project's), so the walk is
 * bounded by the folders named. A folder named twice (or inside another) is walked once. Explicitly
 * named paths are followed whatever they are, and named files kept whatever their name when
 * `keepExplicit` accepts them. With `ahead` (listAhead of the same paths) the walk asks the file
 * system nothing it has not already answered.
 */
export function collectFiles(paths: readonly string[], reporter: WalkReporter, keepExplicit: (path: string) => boolean, listings?: FolderListings, ahead?: WalkAhead, pace?: StoragePace): string[] {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirectories = new Set<string>();
  // What was asked ahead (listAhead, by where the thing really is: see WalkAhead), else the file system now (timed by
  // `pace`, when given: the walk stops as soon as the storage turns out slow).
  const now = <T>(question: () => T): T => (pace ? pace.ask(question) : question());
  const realpathOf = (place: string): string => {
    const known = ahead?.realPaths.get(place);
    return known !== undefined ? answered(known) : now(() => realpathSync(place));
  };
  const statOf = (place: string): Stats => {
    const known = ahead?.stats.get(place);
    return known !== undefined ? answered(known) : now(() => statSync(place));
  };
  const kindOf = (place: string): Stats => {
    const known = ahead?.kinds.get(place);
    return known !== undefined ? answered(known) : now(() => lstatSync(place));
  };
  const listingOf = (real: string): Dirent[] => {
    const known = ahead?.listings.get(real);
    return known !== undefined ? answered(known) : now(() => readdirSync(real, { withFileTypes: true }));
  };

  /** `real`: the file's real path when the walk knows it (no link on the way), else worked out from `place`. */
  const addFile = (path: string, real?: string, place = path) => {
    if (real === undefined) {
      try {
        real = realpathOf(place);
      } catch {
        real = path;
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  /** `real`: the folder's real path when the walk knows it (below a path named), else worked out from the path. */
  const walk = (directory: string, real?: string) => {
    if (pace?.slow) return;
    if (real === undefined) {
      try {
        real = realpathOf(directory);
      } catch (error) {
        reporter.fail(`cannot read directory ${directory}: ${reason(error)}`);
        return;
      }
    }
    if (seenDirectories.has(real)) return; // named twice, or inside a folder named before
    seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = [...listingOf(real)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      reporter.fail(`cannot read directory ${directory}: ${reason(error)}`);
      return;
    }
    listings?.record(directory, entries.map((dirent) => dirent.name));
    for (const dirent of entries) {
      if (pace?.slow) return;
      const entry = dirent.name;
      if (SKIPPED_DIRECTORIES.has(entry)) continue;
      const child = join(directory, entry);
      const childPlace = join(real, entry);
      // A plain folder or file is known from the listing, with its real path: no stat, no realpath per entry.
      const step = entryStep(dirent);
      if (step === 'pass') continue;
      if (step === 'folder') {
        walk(child, childPlace);
        continue;
      }
      if (step === 'file') {
        addFile(child, childPlace);
        continue;
      }
      // A file system that does not say what an entry is: ask what it is itself (a plain folder is walked).
      if (isUnknownKind(dirent)) {
        try {
          if (kindOf(childPlace).isDirectory()) {
            walk(child, childPlace);
            continue;
          }
        } catch {
          continue;
        }
      }
      if (!isCandidateName(entry)) continue;
      // A link or an odd entry with a name of ours: ask what it leads to.
      let stats: Stats;
      try {
        stats = statOf(childPlace);
      } catch {
        continue; // a dangling link inside a tree is not the user's request
      }
      if (stats.isDirectory()) continue; // a link to a folder is not followed
      if (stats.isFile()) addFile(child, undefined, childPlace);
      else reporter.warn(`${child}: ${describeKind(stats)}, not a regular file; skipped`);
    }
  };

  for (const path of paths) {
    if (pace?.slow) break;
    let stats: Stats;
    try {
      stats = statOf(path);
    } catch (error) {
      reporter.fail(`cannot read ${path}: ${reason(error)}`);
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else if (!keepExplicit(path)) continue;
    else if (stats.isFile()) addFile(path);
    else reporter.fail(`${path}: ${describeKind(stats)}, not a regular file; skipped`);
  }
  return files;
}

/**
 * Whether the storage answers as fast as memory does, from the time its synchronous answers took so far: slow once they
 * took longer than {@link SLOW_STORAGE_GRACE_MS} plus {@link SLOW_STORAGE_MS_PER_ANSWER} for each (a folder listed, a
 * file read). From memory a listing takes about 0.05 ms, a file's four calls as long; where every call waits 2 ms, the
 * first few answers say the storage is slow.
 */
export class StoragePace {
  private spentMs = 0;
  private answers = 0;
  slow = false;

  /** The answer to `question`, a synchronous call to the storage, timed. */
  ask<T>(question: () => T): T {
    const start = process.hrtime.bigint();
    try {
      return question();
    } finally {
      this.spentMs += Number(process.hrtime.bigint() - start) / 1e6;
      this.answers++;
      if (this.spentMs > SLOW_STORAGE_GRACE_MS + this.answers * SLOW_STORAGE_MS_PER_ANSWER) this.slow = true;
    }
  }
}

/**
 * {@link collectFiles}, walking with synchronous calls while the storage answers as fast as memory does ({@link
 * StoragePace}); once it does not, the walk starts again from listings asked {@link READS_IN_FLIGHT} at a time
 * ({@link listAhead}), and only that walk's messages are given to `reporter`. From memory the shared corpus's 812
 * folders took 35-40 ms to walk one at a time and 70-115 ms listed ahead on the pool. Only for the CLI, which has
 * nothing else to do meanwhile: the server never blocks on the storage (workspace-index.ts lists ahead).
 */
export async function collectFilesAsTheStorageAllows(paths: readonly string[], reporter: WalkReporter, keepExplicit: (path: string) => boolean, listings?: FolderListings): Promise<string[]> {
  const pace = new StoragePace();
  const said: (() => void)[] = [];
  const held: WalkReporter = { warn: (message) => said.push(() => reporter.warn(message)), fail: (message) => said.push(() => reporter.fail(message)) };
  const files = collectFiles(paths, held, keepExplicit, listings, undefined, pace);
  if (pace.slow) return collectFiles(paths, reporter, keepExplicit, listings, await listAhead(paths));
  for (const say of said) say();
  return files;
}

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a regular file. The kind and size are checked on the open descriptor (opened without
 * blocking, so a FIFO swapped in after the walk cannot hang the run), and at most
 * `limit` bytes are read even if the file grows meanwhile.
 */
export function readRegularFile(path: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    const stats = fstatSync(fd);
    return refusal(path, stats, limit) ?? readOutcome(path, readAtMost(fd, limit + 1, stats.size), limit);
  } catch (error) {
    return unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Opened without blocking: a FIFO swapped in after the walk cannot hang the run. */
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

function unreadable(path: string, error: unknown): ReadResult {
  return { ok: false, message: `cannot read ${path}: ${reason(error)}` };
}

/** Why an opened file is not read, from its descriptor's stats: not a regular file, or over the limit. */
function refusal(path: string, stats: Stats, limit: number): ReadResult | undefined {
  if (!stats.isFile()) return { ok: false, message: `${path}: ${describeKind(stats)}, not a regular file; skipped` };
  if (stats.size > limit) return { ok: false, message: `${path}: ${formatSize(stats.size)} is over the ${formatSize(limit)} limit; skipped` };
  return undefined;
}

/** `bytes` were read with a limit of one byte more than `limit`: one more means the file grew past it. */
function readOutcome(path: string, bytes: Buffer, limit: number): ReadResult {
  if (bytes.length > limit) return { ok: false, message: `${path}: grew over the ${formatSize(limit)} limit while being read; skipped` };
  return { ok: true, bytes };
}

/**
 * How many files {@link readRegularFiles} keeps open at once. Each read waits on the storage: from memory that is
 * nothing, but where every call waits (a network home folder, a container's bind mount, WSL's Windows drives) one
 * file at a time pays every wait in turn. The CLI gives libuv's pool as many threads (see its entry point).
 */
export const READS_IN_FLIGHT = THREAD_POOL_SIZE;

/**
 * Reads the files as {@link readRegularFile} does, with the same outcomes and messages, up to
 * {@link READS_IN_FLIGHT} at a time; the results are in the order of `paths`. Each file's steps are callbacks, one
 * promise per file: from memory, the 1,324 files of the shared corpus took 50-190 ms longer with a promise per call
 * (`fs/promises`, or the callbacks wrapped one by one) than one at a time with the synchronous calls.
 */
export function readRegularFiles(paths: readonly string[], limit = MAX_FILE_BYTES): Promise<ReadResult[]> {
  const inTurn = limiter(READS_IN_FLIGHT);
  return Promise.all(paths.map((path) => inTurn(() => new Promise<ReadResult>((resolve) => readOneFile(path, limit, resolve)))));
}

/** How long the storage's synchronous answers may take before it counts as slow ({@link StoragePace}). */
const SLOW_STORAGE_GRACE_MS = 10;
const SLOW_STORAGE_MS_PER_ANSWER = 0.15;

/**
 * Reads the files as {@link readRegularFile} does, with the same outcomes and messages, in the order of `paths`:
 * one at a time with synchronous calls while the storage answers as fast as memory does, and the rest
 * {@link READS_IN_FLIGHT} at a time ({@link readRegularFiles}) once it does not (a network home folder, a container's
 * bind mount, WSL's Windows drives, a disk not yet in the page cache). From memory, the 1,324 files of the shared
 * corpus took 42 ms one at a time and 110-200 ms on the pool: each call on the pool costs the CLI's one thread a
 * hand-over, and sixteen pool threads share two cores with it. Only for the CLI, which has nothing else to do
 * meanwhile: the server never blocks on the storage (workspace-index.ts reads on the pool).
 */
export async function readFilesAsTheStorageAllows(paths: readonly string[], limit = MAX_FILE_BYTES): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  const pace = new StoragePace();
  for (const path of paths) {
    if (pace.slow) {
      results.push(...(await readRegularFiles(paths.slice(results.length), limit)));
      break;
    }
    results.push(pace.ask(() => readRegularFile(path, limit)));
  }
  return results;
}

/**
 * Runs the tasks it is given at most `size` at a time, in the order given; a task that ends hands its place straight to
 * the next one waiting. A task given a free place starts at once (before the call returns), so the first `size` of
 * a batch are all under way together.
 */
function limiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < size) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** {@link readRegularFile}'s steps (open without blocking, check the kind and size, read at most the limit, close) on libuv's pool. */
function readOneFile(path: string, limit: number, done: (result: ReadResult) => void): void {
  open(path, READ_FLAGS, (openError, fd) => {
    if (openError) return done(unreadable(path, openError));
    const finish = (result: ReadResult): void => close(fd, (closeError) => done(closeError ? unreadable(path, closeError) : result));
    fstat(fd, (statError, stats) => {
      if (statError) return finish(unreadable(path, statError));
      const refused = refusal(path, stats, limit);
      if (refused) return finish(refused);
      const max = limit + 1;
      const chunks: Buffer[] = [];
      let total = 0;
      let chunk: Buffer = Buffer.allocUnsafe(firstChunkSize(max, stats.size));
      const readMore = (): void => {
        read(fd, chunk, 0, Math.min(chunk.length, max - total), null, (readError, n) => {
          if (readError) return finish(unreadable(path, readError));
          if (n > 0) {
            chunks.push(chunk.subarray(0, n));
            total += n;
            chunk = nextChunk(chunk, n, max);
          }
          if (n === 0 || total >= max) finish(readOutcome(path, Buffer.concat(chunks, total), limit));
          else readMore();
        });
      };
      readMore();
    });
  });
}

function firstChunkSize(max: number, sizeHint: number): number {
  return Math.min(max, Math.max(sizeHint, 4096));
}

/** After `n` bytes were read into `chunk`: its unused rest, or a fresh buffer when it is full. */
function nextChunk(chunk: Buffer, n: number, max: number): Buffer {
  return n === chunk.length ? Buffer.allocUnsafe(Math.min(Math.max(chunk.length, 64 * 1024), max)) : chunk.subarray(n);
}

/**
 * Reads standard input to its end (at most `limit` bytes; more is an error). Waits briefly
 * when the descriptor is non-blocking and has no data yet.
 */
export function readStandardInput(limit = MAX_FILE_BYTES): ReadResult {
  try {
    const bytes = readAtMost(0, limit + 1, 64 * 1024, true);
    if (bytes.length > limit) return { ok: false, message: `standard input is over the ${formatSize(limit)} limit` };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: `cannot read standard input: ${reason(error)}` };
  }
}

function readAtMost(fd: number, max: number, sizeHint: number, waitWhenEmpty = false): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk: Buffer = Buffer.allocUnsafe(firstChunkSize(max, sizeHint));
  const pause = waitWhenEmpty ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  while (total < max) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, Math.min(chunk.length, max - total), null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (pause && code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows reports the end of a pipe this way
      throw error;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    chunk = nextChunk(chunk, n, max);
  }
  return Buffer.concat(chunks, total);
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

/**
 * Guesses what text read from standard input is when no `--stdin-filename` names it:
 * `kubernetes` when a line starts with `apiVersion:` or `kind:` (YAML top-level keys), `dockerfile`
 * when a line starts with a `FROM` instruction; undefined when neither or both hold.
 */
export function guessTarget(text: string): 'dockerfile' | 'kubernetes' | undefined {
  let yaml = false;
  let dockerfile = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.startsWith('apiVersion:') || line.startsWith('kind:')) yaml = true;
    else if (/^\s*FROM\s+\S/i.test(line)) dockerfile = true;
  }
  // A SAM/CloudFormation template or serverless.yml (JSON too) is read through the YAML path, whose content detection takes it.
  if (!yaml && !dockerfile && looksLikeServerless(text)) return 'kubernetes';
  if (yaml === dockerfile) return undefined;
  return yaml ? 'kubernetes' : 'dockerfile';
}
