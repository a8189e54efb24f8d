/**
 * Manifests, lock files and the commands that install from them, plus what a stage
 * has copied in before a given RUN: the dependencies rules use this to tell a
 * reproducible install (`npm ci` with `package-lock.json`) from a resolving one.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './model';
import type { ShellWord, SimpleCommand } from './shell';
import { effectiveWords } from './shell';
import { baseName, bindMountSources, copiesDirectory, copyPaths, programOf, sourceMatches, type PathWord } from './instructions';
import { AttachedCache } from '../attached';
import { addTo, countBelow } from '../lists';
import { cleanPath, folderContextFiles, globbedContextFiles, ignoredByContext, type BuildContext } from '../build-context';
import { commandDirectory, joinImagePath, workdirs } from './image-paths';
import { MANIFESTS, type Ecosystem } from './manifests';

export { MANIFESTS, type Ecosystem };

export interface InstallCommand {
  ecosystem: Ecosystem;
  /** `npm`, `yarn`, `pnpm`, `bun`, `bundle`, `composer`, `pipenv`, `poetry`, `uv`, `pdm`, `cargo`. */
  tool: string;
  /** The effective words (wrappers stripped). */
  words: ShellWord[];
  /** The subcommand word (`install`, `ci`, `sync`); `undefined` for a bare `yarn`. */
  verb: ShellWord | undefined;
  /** Non-option words after the verb (named packages for npm/yarn/pnpm). */
  operands: ShellWord[];
  command: SimpleCommand;
}

/**
 * Options of package managers whose value is a separate word, so it is not mistaken for a package name or for the
 * command (`npm --prefix plugins install`, `yarn --cwd web start`, `pnpm -F api start`).
 */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(['--prefix', '-C', '--dir', '--loglevel', '--registry', '--cache', '--cwd', '--modules-folder', '--network-timeout', '--filter', '-F', '-w', '--workspace', '--userconfig', '--path', '--jobs', '-j', '--retry', '--without', '--with', '--only', '--target', '--extras', '-E', '--python', '--group', '--profile']);

/** The index of a package manager's command word, past the options (and their values) before it; -1 when none. */
export function managerVerbIndex(words: readonly ShellWord[]): number {
  let at = 1;
  while (at < words.length && words[at].value.startsWith('-')) at += VALUE_OPTIONS.has(words[at].value) ? 2 : 1;
  return at < words.length ? at : -1;
}

/** Recognises a command that installs a project's dependencies from its manifest. */
export function installCommandOf(command: SimpleCommand): InstallCommand | undefined {
  // Several rules ask of every command of one parse: read once per command object.
  if (installByCommand.has(command)) return installByCommand.get(command);
  const install = readInstallCommand(command);
  installByCommand.set(command, install);
  return install;
}

const installByCommand = new AttachedCache<SimpleCommand, InstallCommand | undefined>('install command');

function readInstallCommand(command: SimpleCommand): InstallCommand | undefined {
  const words = effectiveWords(command);
  const tool = programOf(words);
  const vi = managerVerbIndex(words);
  const verb = vi >= 0 ? words[vi] : undefined;
  const operands: ShellWord[] = [];
  if (vi >= 0) {
    for (let i = vi + 1; i < words.length; i++) {
      const w = words[i];
      if (w.value.startsWith('-')) {
        if (VALUE_OPTIONS.has(w.value)) i++;
        continue;
      }
      operands.push(w);
    }
  }
  const make = (ecosystem: Ecosystem): InstallCommand => ({ ecosystem, tool, words, verb, operands, command });
  const v = verb?.value;
  switch (tool) {
    case 'npm':
      return v === 'install' || v === 'i' || v === 'ci' || v === 'clean-install' || v === 'install-clean' ? make('npm') : undefined;
    case 'yarn':
      return v === undefined || v === 'install' ? make('npm') : undefined;
    case 'pnpm':
    case 'bun':
      return v === 'install' || v === 'i' ? make('npm') : undefined;
    case 'bundle':
    case 'bundler':
      return v === undefined || v === 'install' ? make('bundler') : undefined;
    case 'composer':
      return v === 'install' || v === 'update' ? make('composer') : undefined;
    case 'pipenv':
      return v === 'install' || v === 'sync' ? make('pipenv') : undefined;
    case 'poetry':
    case 'pdm':
      return v === 'install' || v === 'sync' ? make('python-project') : undefined;
    case 'uv':
      return v === 'sync' ? make('python-project') : undefined;
    case 'cargo':
      return v === 'build' || v === 'fetch' || v === 'vendor' || (v === 'install' && words.some((w) => w.value === '--path' || w.value.startsWith('--path='))) ? make('cargo') : undefined;
    default:
      return undefined;
  }
}

export interface CopiedFile extends PathWord {
  instruction: Instruction;
}

/**
 * What a stage (and the stages it is built FROM) has copied in before one RUN, plus that RUN's bind mounts.
 * Each question is answered from a per-stage index built once, so asking it for every RUN of a long
 * Dockerfile stays linear (listing the earlier copies per RUN was quadratic: fuzz seed 5150).
 */
/** Shell words that open or close a compound command: a branch walked back over one of them is not a plain `then` branch. */
const COMPOUND_EDGES: ReadonlySet<string> = new Set(['if', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for']);

/**
 * The file an `if [ -f FILE ]; then ...` (or `elif`, `[[ ... ]]`, `test`, `-e`) tests for the branch that `command` runs
 * in, or undefined when it runs in no such branch. The commands are those of one script, in order: the branch's
 * first command starts with `then`, the condition is the command before it (`corepack enable pnpm && pnpm i` after
 * `elif [ -f pnpm-lock.yaml ]; then`).
 */
export function branchFileTest(commands: readonly SimpleCommand[], command: SimpleCommand): string | undefined {
  let i = commands.indexOf(command);
  for (; i > 0; i--) {
    const first = commands[i].words[0]?.value;
    if (first === 'then') break;
    if (first !== undefined && COMPOUND_EDGES.has(first)) return undefined;
  }
  if (i <= 0 || commands[i].words[0]?.value !== 'then') return undefined;
  const condition = commands[i - 1].words.map((w) => w.value);
  if (condition[0] !== 'if' && condition[0] !== 'elif') return undefined;
  const test = condition.slice(1);
  const bracketed = (test[0] === '[' && test[3] === ']') || (test[0] === '[[' && test[3] === ']]');
  if (!(bracketed && test.length === 4) && !(test[0] === 'test' && test.length === 3)) return undefined;
  return test[1] === '-f' || test[1] === '-e' ? test[2] : undefined;
}

/**
 * True when `command` runs only if a lock file is there that the image does not hold at that point: the Next.js
 * example's `if [ -f yarn.lock ]; then yarn ...; elif [ -f package-lock.json ]; then npm ci; elif [ -f pnpm-lock.yaml ]
 * ...` after `COPY package.json yarn.lock* package-lock.json* pnpm-lock.yaml* ./`, where the build context holds only
 * package-lock.json: the other branches never run. A lock file named by a glob counts as there unless the context is
 * known to lack it (CopiedBefore.has).
 */
export function runsOnlyWithAbsentLock(commands: readonly SimpleCommand[], command: SimpleCommand, files: CopiedBefore): boolean {
  const tested = branchFileTest(commands, command);
  return tested !== undefined && LOCK_FILE_NAMES.has(tested) && !files.has(tested);
}

const LOCK_FILE_NAMES: ReadonlySet<string> = new Set(Object.values(MANIFESTS).flatMap((m) => m.locks));

export interface CopiedBefore {
  /** True when a source names `name` exactly or by a glob (`package*.json`). */
  has(name: string): boolean;
  /** True when some source satisfies `test`; `key` names the question so its answer is indexed once per stage. */
  some(key: string, test: (source: string) => boolean): boolean;
  /** The latest source whose base name is `name`. */
  lastNamed(name: string): CopiedFile | undefined;
  /** The latest source that names `name` exactly or by a glob (`package*.json`). */
  lastMatching(name: string): CopiedFile | undefined;
  /**
   * True when a whole directory other than `file` was copied before, into the folder `file` landed in (`COPY . .` after
   * `COPY Cargo.toml ./`), or where either folder is unknown: it may bring the files that belong beside `file`.
   * `COPY src /app/src/` lands in another folder and brings none.
   */
  directoryBeside(file: CopiedFile): boolean;
}

/** How many of the latest directory copies directoryBeside compares, one by one; past them, a directory counts as beside. */
const MAX_DIRECTORIES_COMPARED = 64;

export function copiedBefore(model: DockerfileModel, run: Instruction, context?: BuildContext, command?: SimpleCommand): CopiedBefore {
  const stage = model.stageOf(run);
  const index = stage ? stageIndex(model, stage) : undefined;
  const limit = index ? index.countBefore(run.getRange().start.line) : 0;
  const mounts: CopiedFile[] = bindMountSources(run).map((value) => ({ value, range: run.getRange(), instruction: run }));
  const some = (key: string, test: (source: string) => boolean): boolean =>
    (index !== undefined && index.firstIndex(key, test) < limit) || mounts.some((m) => test(m.value));
  // A folder copied whole (`COPY . .`, `COPY ./web/ ./`) brings a lock file the build context is known to hold there.
  const inCopiedFolder = (name: string): boolean => {
    const paths = context?.present ? folderContextFiles(model).filter((f) => f.name === name && context.present![f.path] === true && !ignoredByContext(context, f.path)) : [];
    if (paths.length === 0) return false;
    const folders = new Set(paths.map((f) => f.folder));
    // The folder's files land where the install runs: `COPY ./cli ./cli` brings cli/yarn.lock to ./cli, not to the
    // working directory of a `RUN yarn` (Homarr), but to that of `RUN cd cli && yarn` (TeslaMate's assets). Asked
    // without the command, or where a directory is unknown, the folder counts.
    const dirs = stage && command ? stageWorkdirs(model, stage) : undefined;
    const runDir = dirs && command ? commandDirectory(model.commandLine(run)?.commands ?? [], command, dirs.get(run)) : undefined;
    const landsHere = ({ instruction, destination }: StageIndex['files'][number]): boolean => {
      const copyDir = dirs?.get(instruction);
      if (runDir === undefined || copyDir === undefined || destination === undefined || destination.includes('$')) return true;
      return joinImagePath(copyDir, destination) === runDir;
    };
    if (mounts.some((m) => copiesDirectory(m.value) && folders.has(cleanPath(m.value).join('/')))) return true;
    return index !== undefined && index.files.slice(0, limit).some((f) => copiesDirectory(f.value) && folders.has(cleanPath(f.value).join('/')) && landsHere(f));
  };
  const copied: CopiedBefore = {
    has(name) {
      if (!some(`name:${name}`, (source) => sourceMatches(source, name))) return inCopiedFolder(name);
      // Named only by a glob (`COPY package*.json ./`), a lock file comes along only if the build context has it.
      return copied.lastNamed(name) !== undefined || !knownAbsent(model, context, name) || inCopiedFolder(name);
    },
    some,
    lastNamed(name) {
      const mount = [...mounts].reverse().find((m) => baseName(m.value) === name);
      if (mount) return mount;
      const at = index?.lastNamedBefore(name, limit);
      return at === undefined ? undefined : index!.files[at];
    },
    lastMatching(name) {
      const mount = [...mounts].reverse().find((m) => sourceMatches(m.value, name));
      if (mount) return mount;
      const at = index?.lastMatchingBefore(name, limit);
      return at === undefined ? undefined : index!.files[at];
    },
    directoryBeside(file) {
      // `Gemfile` reads like a folder (no extension): the file itself, and others of its name, are not the directory.
      const name = baseName(file.value);
      const isDirectory = (source: string) => baseName(source) !== name && copiesDirectory(source);
      if (!some(`directory-besides:${name}`, isDirectory)) return false;
      if (mounts.some((m) => isDirectory(m.value)) || !stage || !index) return true;
      const dirs = stageWorkdirs(model, stage);
      const own = index.files.find((f) => f.instruction === file.instruction && f.value === file.value);
      const fileFolder = own && landingFolder(own, dirs, true);
      if (fileFolder === undefined) return true;
      let compared = 0;
      for (let i = limit - 1; i >= 0; i--) {
        const copy = index.files[i];
        if (!isDirectory(copy.value)) continue;
        if (++compared > MAX_DIRECTORIES_COMPARED) return true;
        const folder = landingFolder(copy, dirs, false);
        if (folder === undefined || folder === fileFolder) return true;
      }
      return false;
    },
  };
  return copied;
}

/**
 * The folder a copied source lands in, from its COPY's destination and working directory: for a file, the folder that
 * holds it (`COPY Cargo.toml /app/` and `COPY Cargo.toml /app/Cargo.toml` land in /app); for a directory, the
 * destination itself. Undefined when the destination is not known.
 */
function landingFolder(copy: StageIndex['files'][number], dirs: ReadonlyMap<Instruction, string | undefined>, isFile: boolean): string | undefined {
  const dir = dirs.get(copy.instruction);
  const destination = copy.destination;
  if (dir === undefined || destination === undefined || destination.includes('$')) return undefined;
  const target = joinImagePath(dir, destination);
  // A file copied to a path that ends in its own name (not `./`, not `dir/`) lands in that path's folder.
  if (isFile && !destination.endsWith('/') && baseName(destination) === baseName(copy.value)) return target.slice(0, target.lastIndexOf('/')) || '/';
  return target;
}

/** True when the build context is known to hold none of the files named `name` that the Dockerfile's glob copies could bring. */
function knownAbsent(model: DockerfileModel, context: BuildContext | undefined, name: string): boolean {
  const files = context?.files;
  const present = context?.present;
  if (!files && !present) return false;
  const globbed = globbedContextFiles(model).filter((g) => g.name === name);
  return globbed.length > 0 && globbed.every((g) => files?.[g.path] === null || present?.[g.path] === false);
}

/** COPY/ADD sources of a stage and its FROM ancestors, oldest first, with the answers asked of them so far. */
class StageIndex {
  /** Each source copied in, with the destination its COPY names (undefined for a bind mount's). */
  readonly files: (CopiedFile & { ownStage: boolean; destination: string | undefined })[] = [];
  private readonly firsts = new Map<string, number>();
  private byBase: Map<string, number[]> | undefined;
  private byMatch = new Map<string, number[]>();

  constructor(model: DockerfileModel, stage: Stage) {
    const own = new Set(stage.instructions);
    for (const instruction of model.inheritedInstructions(stage)) {
      const ownStage = own.has(instruction);
      const { sources, destination } = copyPaths(model, instruction);
      // `COPY yarn.lock ./temp_yarn.lock` (Homarr): the file arrives under another name, so no lock file is there.
      if (sources.length === 1 && destination && renamedFile(sources[0].value, destination.value)) continue;
      for (const { value, range } of sources) this.files.push({ value, range, instruction, ownStage, destination: destination?.value });
    }
  }

  /** How many sources come before `line`: all inherited ones, and the stage's own up to that line. */
  countBefore(line: number): number {
    let lo = this.files.findIndex((f) => f.ownStage);
    if (lo < 0) return this.files.length;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.files[mid].instruction.getRange().start.line >= line) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  firstIndex(key: string, test: (source: string) => boolean): number {
    let at = this.firsts.get(key);
    if (at === undefined) {
      at = this.files.findIndex((f) => test(f.value));
      if (at < 0) at = Infinity;
      this.firsts.set(key, at);
    }
    return at;
  }

  lastNamedBefore(name: string, limit: number): number | undefined {
    if (!this.byBase) {
      this.byBase = new Map();
      this.files.forEach((f, i) => addTo(this.byBase!, baseName(f.value), i));
    }
    const list = this.byBase.get(name);
    if (!list) return undefined;
    const below = countBelow(list, limit);
    return below === 0 ? undefined : list[below - 1];
  }

  /** Like lastNamedBefore, globs included; the sources that match a name are listed once per name. */
  lastMatchingBefore(name: string, limit: number): number | undefined {
    let list = this.byMatch.get(name);
    if (!list) {
      list = [];
      for (let i = 0; i < this.files.length; i++) if (sourceMatches(this.files[i].value, name)) list.push(i);
      this.byMatch.set(name, list);
    }
    const below = countBelow(list, limit);
    return below === 0 ? undefined : list[below - 1];
  }
}

const indexByModel = new AttachedCache<DockerfileModel, Map<Stage, StageIndex>>('stage indexes');

/**
 * True when one file is copied to a path of another name that is no folder: `COPY yarn.lock ./temp_yarn.lock`. A
 * destination that ends with `/`, is `.`, or has no dot in its last part (`/app`, likely a folder) keeps the name.
 */
function renamedFile(source: string, destination: string): boolean {
  if (destination.endsWith('/') || /[*?[]/.test(source)) return false;
  const target = baseName(destination);
  return target !== '' && target !== '.' && target !== '..' && target.includes('.') && target !== baseName(source);
}

const workdirsByStage = new AttachedCache<Stage, Map<Instruction, string | undefined>>('workdirs');

/** The working directory at each instruction of `stage`, worked out once per stage. */
function stageWorkdirs(model: DockerfileModel, stage: Stage): Map<Instruction, string | undefined> {
  let dirs = workdirsByStage.get(stage);
  if (!dirs) workdirsByStage.set(stage, (dirs = workdirs(model, stage)));
  return dirs;
}

function stageIndex(model: DockerfileModel, stage: Stage): StageIndex {
  let byStage = indexByModel.get(model);
  if (!byStage) indexByModel.set(model, (byStage = new Map()));
  let index = byStage.get(stage);
  if (!index) byStage.set(stage, (index = new StageIndex(model, stage)));
  return index;
}
