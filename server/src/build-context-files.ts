/**
 * Reads what the Dockerfile rules may know of a build context, from the Dockerfile's own folder:
 * the `.dockerignore` (`<Dockerfile name>.dockerignore` first, as BuildKit does), the entrypoint
 * script the Dockerfile copies and starts, and the pip requirement files it installs from. Shared by the CLI and the language server's analysis
 * worker, so both hand the core the same input. Nothing outside the folder is read, files over
 * MAX_CONTEXT_FILE_BYTES are not read, and anything unreadable stays unknown (the rules are silent).
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DockerfileModel } from './core/dockerfile/model';
import { MAX_CONTEXT_FILE_BYTES, contextCopies, contextFilesWanted, isWholeContext, type BuildContext, type ContextFile } from './core/build-context';
import { readRegularFile } from './cli-files';

/** The real path of `relative` inside `root`, or undefined when it does not exist or leads outside (a symlink, `..`). */
function inside(root: string, relative: string): string | undefined {
  try {
    const real = realpathSync(join(root, ...relative.split('/')));
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** A small text file: its text; `null` when it does not exist; undefined when it exists but cannot be read. */
function readSmall(path: string): string | null | undefined {
  if (!existsSync(path)) return null;
  const read = readRegularFile(path, MAX_CONTEXT_FILE_BYTES);
  return read.ok ? read.bytes.toString('utf8') : undefined;
}

/**
 * The build context of the Dockerfile at `path`, taken to be the Dockerfile's folder; undefined when the
 * Dockerfile needs nothing of it, or when a file it copies by name is not in that folder (then the
 * context is somewhere else, say a parent folder named by a compose file, and is left unknown).
 */
export function readBuildContext(path: string, model: DockerfileModel): BuildContext | undefined {
  const wanted = contextFilesWanted(model);
  const copiesAll = contextCopies(model).some((c) => c.sources.some((s) => isWholeContext(s.value)));
  if (!copiesAll && wanted.files.length === 0) return undefined;
  const folder = dirname(path);
  let root: string;
  try {
    root = realpathSync(folder);
  } catch {
    return undefined;
  }
  for (const source of wanted.sources) if (!inside(root, source)) return undefined;
  const context: BuildContext = {};
  if (copiesAll) {
    for (const name of [`${basename(path)}.dockerignore`, '.dockerignore']) {
      const file = join(folder, name);
      const text = !existsSync(file) ? null : inside(root, name) ? readSmall(file) : undefined;
      if (text === null) continue;
      context.dockerignore = text;
      if (text !== undefined) context.dockerignoreUri = pathToFileURL(file).href;
      break;
    }
    // Neither file exists: known absent. (A file that exists but could not be read leaves it unknown.)
    if (!('dockerignore' in context)) context.dockerignore = null;
    context.hasGit = existsSync(join(folder, '.git'));
  }
  const files: Record<string, ContextFile | null> = {};
  for (const wantedFile of wanted.files) {
    const real = inside(root, wantedFile);
    const text = real ? readSmall(real) : null;
    if (text === undefined) continue;
    // The URI names the file as the Dockerfile's folder does (not its real path), like the Dockerfile's own.
    files[wantedFile] = text === null || !real ? null : { uri: pathToFileURL(join(folder, ...wantedFile.split('/'))).href, text };
  }
  if (wanted.files.length > 0) context.files = files;
  return context;
}
