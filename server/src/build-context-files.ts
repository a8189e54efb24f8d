/**
 * Reads what the Dockerfile rules may know of a build context, from the folder a Compose file of the repository
 * builds the Dockerfile from, or else the Dockerfile's own folder or the folder above it that holds the files it
 * copies: the `.dockerignore` (`<Dockerfile name>.dockerignore` first, as BuildKit does),
 * the entrypoint script the Dockerfile copies and starts, and the other context files the rules ask for. Shared by
 * the CLI and the language server's analysis worker, so both hand the core the same input. Nothing outside the
 * context folder is read, files over
 * MAX_CONTEXT_FILE_BYTES are not read, and anything unreadable stays unknown (the rules are silent).
 */
import { existsSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DockerfileModel } from './core/dockerfile/model';
import { LOCAL_ENV_FILES, MAX_CONTEXT_FILE_BYTES, contextFilesWanted, wholeContextCopiesInImage, type BuildContext, type ContextFile } from './core/build-context';
import { readRegularFile } from './cli-files';
import { LOCK_FILES } from './core/dockerfile/manifests';
import { readData } from './core/yaml-read';
import { globMatches } from './core/dockerfile/instructions';
import { isDockerfileName } from './core/analyze';

/** The names Docker Compose looks for in a project folder, in its order of preference (see composeContext). */
const COMPOSE_FILE_NAMES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * Names of the files a Dockerfile's analysis may read from its build context (see contextFilesWanted): the
 * .dockerignore, entrypoint scripts, pip requirement files, started Python scripts, package.json, Gradle and Maven
 * build files, and lock files and local environment files (whose presence counts). The server watches them and re-checks the open Dockerfiles
 * near a changed one, so that the editor says what the CLI would.
 */
export const BUILD_CONTEXT_NAME_GLOBS: readonly string[] = ['.dockerignore', '*.dockerignore', '*.sh', '*.py', '*.txt', 'package.json', 'pom.xml', 'build.gradle', 'build.gradle.kts', ...LOCK_FILES, ...LOCAL_ENV_FILES, ...COMPOSE_FILE_NAMES];

/** True when a file of this name may be read by a Dockerfile's analysis (see BUILD_CONTEXT_NAME_GLOBS). */
export function isBuildContextName(name: string): boolean {
  return BUILD_CONTEXT_NAME_GLOBS.some((glob) => (glob.startsWith('*') ? name.endsWith(glob.slice(1)) : name === glob));
}

/** The real path of `relative` inside `root`, or undefined when it does not exist or leads outside (a symlink, `..`). */
function inside(root: string, relative: string): string | undefined {
  try {
    const real = realpathSync(join(root, ...relative.split('/')));
    return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

/** A folder as given and its real path; undefined when it does not exist. */
function realFolder(folder: string): { folder: string; real: string } | undefined {
  try {
    return { folder, real: realpathSync(folder) };
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

/** How many folders above the Dockerfile's a build context is looked for. */
const MAX_CONTEXT_LEVELS = 4;

/**
 * True for a file that says nothing of what a build copies: a Dockerfile or Containerfile (any of their name forms),
 * an ignore file for one, a Markdown note, or a file manager's metadata.
 */
function isBuildDescription(name: string): boolean {
  const lower = name.toLowerCase();
  return isDockerfileName(name) || lower.endsWith('.dockerignore') || lower.endsWith('.md') || lower === '.ds_store';
}

/**
 * True when a folder holds nothing but Dockerfiles, their ignore files and notes (`docker/Dockerfile` alone): nobody
 * builds from such a folder, so its context is elsewhere (`docker build -f docker/Dockerfile .`). False when it
 * cannot be read.
 */
function holdsOnlyBuildDescriptions(folder: string): boolean {
  try {
    return readdirSync(folder).every(isBuildDescription);
  } catch {
    return false;
  }
}

/**
 * The folder that is the build context for `sources` (the explicit file sources the Dockerfile copies): the
 * Dockerfile's folder when it holds them all and something besides Dockerfiles; otherwise the nearest folder above it (at most MAX_CONTEXT_LEVELS up,
 * never above a repository root) that holds them all and from which at least one of them is a file of the
 * Dockerfile's own folder or that folder itself (`src/llm/Dockerfile` copying `./src/llm/app.py`: a monorepo built from its root). Its
 * path as given and its real path; undefined when no folder qualifies (the context is unknown).
 */
function contextFolder(folder: string, sources: readonly string[], globGroups: readonly (readonly string[])[] = []): { folder: string; real: string } | undefined {
  let candidate = folder;
  for (let level = 0; level <= MAX_CONTEXT_LEVELS; level++) {
    let real: string | undefined;
    try {
      real = realpathSync(candidate);
    } catch {
      return undefined;
    }
    const below = relative(candidate, folder).split(sep).join('/');
    // A Dockerfile alone in its folder is built from elsewhere: from a folder above that it copies its own folder
    // from (below), or from one that only a compose file or a script names.
    const ownFolder = level === 0 ? !holdsOnlyBuildDescriptions(candidate) : sources.some((s) => s === below || s.startsWith(`${below}/`));
    if (ownFolder && sources.every((s) => inside(real, s)) && globsMatchIn(candidate, globGroups)) return { folder: candidate, real };
    if (existsSync(join(candidate, '.git'))) return undefined;
    const parent = dirname(candidate);
    if (parent === candidate) return undefined;
    candidate = parent;
  }
  return undefined;
}

/**
 * True when, for each copy whose sources are all globs of the context's top folder, one of them matches a name in
 * `folder` (`COPY package*.json ./` in `infra/docker/`, which holds no package.json: Docker would fail the copy, so the
 * folder is not the context). True when there are none; false when the folder cannot be read.
 */
function globsMatchIn(folder: string, globGroups: readonly (readonly string[])[]): boolean {
  if (globGroups.length === 0) return true;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return false;
  }
  return globGroups.every((group) => group.some((glob) => names.some((name) => globMatches(glob, name))));
}

/**
 * The build context a Compose file of the repository gives the Dockerfile at `path`: a service whose `build` names
 * this Dockerfile (`build: {context: .., dockerfile: docker/Dockerfile}`, or `build: ./api` for `api/Dockerfile`).
 * Compose files are looked for in the Dockerfile's folder and the folders above it, up to MAX_CONTEXT_LEVELS and never
 * above a repository root, and in the other subfolders of the two folders above it (a sibling `compose/`). `null`
 * when services name it with different contexts (the context is not known); undefined when none names it (remote
 * contexts, Git URLs, are not read).
 */
function composeContext(path: string): string | null | undefined {
  const dockerfile = resolve(path);
  let folder = dirname(dockerfile);
  let from: string | undefined;
  for (let level = 0; level <= MAX_CONTEXT_LEVELS; level++) {
    const contexts = new Set<string>();
    // The folder's own Compose files, then (above the Dockerfile's folder) those of its other subfolders: a
    // `deploy/compose/docker-compose.yml` builds `deploy/docker/Dockerfile.worker` with `context: ../..`.
    for (const place of level === 0 || level > MAX_SIBLING_LEVELS ? [folder] : [folder, ...subfolders(folder, from)]) {
      for (const name of COMPOSE_FILE_NAMES) {
        const text = readSmall(join(place, name));
        if (typeof text !== 'string') continue;
        for (const context of composeBuilds(text, place)) if (context.dockerfile === dockerfile) contexts.add(context.folder);
      }
    }
    if (contexts.size === 1) return [...contexts][0];
    if (contexts.size > 1) return null;
    if (existsSync(join(folder, '.git'))) return undefined;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    from = folder;
    folder = parent;
  }
  return undefined;
}

/**
 * At most this many subfolders of a folder are searched for Compose files (composeContext), and only in the two
 * folders above the Dockerfile's: the build context is read on every analysis, and each look costs a listing and
 * four failed opens per subfolder.
 */
const MAX_COMPOSE_SUBFOLDERS = 32;
const MAX_SIBLING_LEVELS = 2;

/** The subfolders of `folder` other than `except`, in name order: no hidden folders but `.docker`, no node_modules. */
function subfolders(folder: string, except: string | undefined): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && (e.name === '.docker' || !e.name.startsWith('.')) && e.name !== 'node_modules')
    .map((e) => join(folder, e.name))
    .filter((sub) => sub !== except)
    .sort()
    .slice(0, MAX_COMPOSE_SUBFOLDERS);
}

/** The builds a Compose file's services declare: each context folder and the Dockerfile it builds, as absolute paths. */
function composeBuilds(text: string, folder: string): { folder: string; dockerfile: string }[] {
  const data = readData(text, { maxAliasCount: 100 });
  const services = data && typeof data === 'object' ? (data as Record<string, unknown>).services : undefined;
  if (!services || typeof services !== 'object') return [];
  const builds: { folder: string; dockerfile: string }[] = [];
  for (const service of Object.values(services as Record<string, unknown>)) {
    const build = service && typeof service === 'object' ? (service as Record<string, unknown>).build : undefined;
    const spec = typeof build === 'string' ? { context: build } : build && typeof build === 'object' ? (build as Record<string, unknown>) : undefined;
    if (!spec) continue;
    const context = typeof spec.context === 'string' ? spec.context : spec.context === undefined ? '.' : undefined;
    // A remote context (a Git URL, an archive) or a value left to interpolation is no folder of the workspace.
    if (context === undefined || context.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')) continue;
    const dockerfileName = typeof spec.dockerfile === 'string' ? spec.dockerfile : spec.dockerfile === undefined ? 'Dockerfile' : undefined;
    if (dockerfileName === undefined || dockerfileName.includes('$')) continue;
    const contextFolder = resolve(folder, context);
    builds.push({ folder: contextFolder, dockerfile: resolve(contextFolder, dockerfileName) });
  }
  return builds;
}

/**
 * The build context of the Dockerfile at `path`: the Dockerfile's folder, or the folder above it whose files it
 * copies (see contextFolder); undefined when the Dockerfile needs nothing of it, or when no such folder holds
 * every file it copies by name (the context is then somewhere else, named by a compose file or a build script,
 * and is left unknown).
 */
export function readBuildContext(path: string, model: DockerfileModel): BuildContext | undefined {
  const wanted = contextFilesWanted(model);
  const copiesAll = wholeContextCopiesInImage(model).length > 0;
  if (!copiesAll && wanted.files.length === 0 && wanted.present.length === 0) return undefined;
  // A Compose file that builds this Dockerfile says where its context is; otherwise it is inferred from what it copies.
  const composed = composeContext(path);
  if (composed === null) return undefined;
  const found = composed !== undefined ? realFolder(composed) : contextFolder(dirname(path), wanted.sources, wanted.globGroups);
  if (!found) return undefined;
  const { folder, real: root } = found;
  const context: BuildContext = {};
  if (copiesAll) {
    // BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile first, then the context's `.dockerignore`.
    for (const file of [`${path}.dockerignore`, join(folder, '.dockerignore')]) {
      const text = !existsSync(file) ? null : inside(root, relative(folder, file).split(sep).join('/')) ? readSmall(file) : undefined;
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
    // The URI names the file as the context folder does (not its real path), like the Dockerfile's own.
    files[wantedFile] = text === null || !real ? null : { uri: pathToFileURL(join(folder, ...wantedFile.split('/'))).href, text };
  }
  if (wanted.files.length > 0) context.files = files;
  if (wanted.present.length > 0) {
    const present: Record<string, boolean> = {};
    for (const path of wanted.present) present[path] = inside(root, path) !== undefined;
    context.present = present;
  }
  return context;
}
