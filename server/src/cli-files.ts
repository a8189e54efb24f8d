/**
 * The command line's contact with the file system: which files a run checks and how they
 * are read. Hostile trees must not hang or exhaust the CLI: symbolic-link cycles are walked
 * once, FIFOs, sockets and devices are never opened for reading by name alone, and no file
 * is read past a size limit. One file that cannot be read is reported and the others are
 * still checked.
 */
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { looksLikeServerless } from './core/serverless/model';

/** Files larger than this are refused with a message rather than read into memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const DOCKERFILE_FILE = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i;
const YAML_FILE = /\.ya?ml$/i;
/** JSON files and `.template` files are read, and analysed only when their content is a CloudFormation/SAM template. */
const TEMPLATE_FILE = /\.(json|template)$/i;
/**
 * Folders the walk does not enter: dependencies, version control, and `testdata` (Go's convention
 * for a tool's test inputs: deliberately odd files, not what the project deploys). A path named on
 * the command line is still read.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'testdata']);

/** True when a file name is one the directory walk picks up. */
export function isCandidateName(name: string): boolean {
  return DOCKERFILE_FILE.test(name) || YAML_FILE.test(name) || TEMPLATE_FILE.test(name);
}

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
 * Expands the paths into the files to check, in a stable order. Directories are walked once
 * per real path (a link back to an ancestor is not followed again) and a file reached through
 * several links is checked once, under the first name met. Explicitly named files are kept
 * whatever their name when `keepExplicit` accepts them.
 */
export function collectFiles(paths: readonly string[], reporter: WalkReporter, keepExplicit: (path: string) => boolean): string[] {
  const files: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirectories = new Set<string>();

  /** `real`: the file's real path when the walk knows it (no link on the way), else worked out here. */
  const addFile = (path: string, real?: string) => {
    if (real === undefined) {
      try {
        real = realpathSync(path);
      } catch {
        real = path;
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  /** `real`: the folder's real path when the walk knows it (reached without a link), else worked out here. */
  const walk = (directory: string, real?: string) => {
    if (real === undefined) {
      try {
        real = realpathSync(directory);
      } catch (error) {
        reporter.fail(`cannot read directory ${directory}: ${reason(error)}`);
        return;
      }
    }
    if (seenDirectories.has(real)) return; // a symbolic-link cycle or a second link to a folder already walked
    seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      reporter.fail(`cannot read directory ${directory}: ${reason(error)}`);
      return;
    }
    for (const dirent of entries) {
      const entry = dirent.name;
      if (SKIPPED_DIRECTORIES.has(entry)) continue;
      const child = join(directory, entry);
      // A plain folder or file is known from the listing, with its real path: no stat, no realpath per entry.
      if (dirent.isDirectory()) {
        walk(child, join(real, entry));
        continue;
      }
      if (!isCandidateName(entry)) {
        // A link may lead to a folder; any other kind of entry with such a name is not for us.
        if (!dirent.isSymbolicLink() && !isUnknownKind(dirent)) continue;
      } else if (dirent.isFile()) {
        addFile(child, join(real, entry));
        continue;
      }
      // A link, or a file system that does not say what an entry is: ask the entry itself.
      let stats: Stats;
      try {
        stats = statSync(child);
      } catch {
        continue; // a dangling link inside a tree is not the user's request
      }
      if (stats.isDirectory()) walk(child);
      else if (!isCandidateName(entry)) continue;
      else if (stats.isFile()) addFile(child);
      else reporter.warn(`${child}: ${describeKind(stats)}, not a regular file; skipped`);
    }
  };

  for (const path of paths) {
    let stats: Stats;
    try {
      stats = statSync(path);
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

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a regular file. The kind and size are checked on the open descriptor (opened without
 * blocking, so a FIFO swapped in after the walk cannot hang the run), and at most
 * `limit` bytes are read even if the file grows meanwhile.
 */
export function readRegularFile(path: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${reason(error)}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, message: `${path}: ${describeKind(stats)}, not a regular file; skipped` };
    if (stats.size > limit) return { ok: false, message: `${path}: ${formatSize(stats.size)} is over the ${formatSize(limit)} limit; skipped` };
    const bytes = readAtMost(fd, limit + 1, stats.size);
    if (bytes.length > limit) return { ok: false, message: `${path}: grew over the ${formatSize(limit)} limit while being read; skipped` };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: `cannot read ${path}: ${reason(error)}` };
  } finally {
    closeSync(fd);
  }
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
  let chunk = Buffer.allocUnsafe(Math.min(max, Math.max(sizeHint, 4096)));
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
    if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.min(Math.max(chunk.length, 64 * 1024), max));
    else chunk = chunk.subarray(n);
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
