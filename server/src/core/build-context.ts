/**
 * What a Dockerfile rule may know of its build context, handed in by the caller (the CLI and
 * the server read it from the Dockerfile's folder; the core reads no file). Everything is
 * optional: a field left undefined means "unknown", and rules that need it stay silent.
 *
 * Also here, pure helpers on that input: reading `.dockerignore` patterns the way Docker does
 * (comments, `!` exceptions, `**`, a leading `/`), without regular expressions built from the
 * user's text, and finding which context files a Dockerfile starts as its entrypoint script,
 * so the caller knows which (few, small) files to read.
 */
import type { Instruction } from 'dockerfile-ast';
import type { Range } from './types';
import type { CommandLine, DockerfileModel, Stage } from './dockerfile/model';
import { baseName, copiesDirectory, copyPaths, flagOf, globMatches, imageStages, runtimeInstructions, sourceMatches, variablesAt, type PathWord } from './dockerfile/instructions';
import { JVM_BUILD_FILES } from './dockerfile/jvm-build';
import { LOCK_FILES } from './dockerfile/manifests';
import { effectiveWords, type ShellWord } from './dockerfile/shell';
import { requirementArguments } from './dockerfile/packages';
import { AttachedCache } from './attached';
import { afterCd, cleanPath, joinImagePath, workdirs } from './dockerfile/image-paths';
import { devDependencyCopies, type DevDependencyCopy } from './dockerfile/dev-dependencies';

export { cleanPath };
import { packageScriptRun } from './dockerfile/package-scripts';
import { isPython, programWords, startInfo, type StartCommand, type StartInfo } from './dockerfile/start-command';
import { pythonScriptWord } from './dockerfile/python-scripts';
import { isShellScript, readScript, type ScriptReading } from './dockerfile/script-lines';

export interface ContextFile {
  /** Where the file is, for related information (a `file:` URI). */
  uri: string;
  text: string;
}

export interface BuildContext {
  /**
   * The `.dockerignore` that applies to the Dockerfile (`<name>.dockerignore` beside it first, as
   * BuildKit reads it, then `.dockerignore`): its text, `null` when known absent, undefined when unknown.
   */
  dockerignore?: string | null;
  /** Where that `.dockerignore` is, when it exists. */
  dockerignoreUri?: string;
  /** True when the context folder holds the repository metadata (`.git`): it is a repository root. */
  hasGit?: boolean;
  /**
   * Files of the context the caller read, by context-relative path (`/`-separated, no leading `./`),
   * as asked by `contextFilesWanted`; `null` when known absent or unreadable. Missing keys are unknown.
   */
  files?: Readonly<Record<string, ContextFile | null>>;
  /**
   * Whether files of the context exist, by context-relative path, as asked by `contextFilesWanted` (`present`): for
   * lock files, which may be larger than the files read. Missing keys are unknown.
   */
  present?: Readonly<Record<string, boolean>>;
}

/** The largest context file a caller reads for the rules (entrypoint scripts are small). */
export const MAX_CONTEXT_FILE_BYTES = 256 * 1024;

export interface IgnorePattern {
  /** Cleaned pattern split on `/` (no leading `/`, no `.` parts, no trailing `/`). */
  segments: string[];
  exception: boolean;
  /** 0-based line in the `.dockerignore`. */
  line: number;
}


/** The patterns of a `.dockerignore`, in order. Lines starting with `#` are comments; blank lines are skipped. */
export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line];
    if (raw.startsWith('#')) continue;
    let pattern = raw.trim();
    if (pattern === '') continue;
    const exception = pattern.startsWith('!');
    if (exception) pattern = pattern.slice(1).trim();
    const segments = cleanPath(pattern);
    if (segments.length === 0) continue;
    patterns.push({ segments, exception, line });
  }
  return patterns;
}

/** One pattern segment against one path segment: `**` inside a segment reads as `*`. */
function segmentMatches(pattern: string, name: string): boolean {
  return globMatches(pattern.includes('**') ? pattern.replace(/\*\*+/g, '*') : pattern, name);
}

/** Whether the pattern matches the whole path (segments), `**` standing for any number of segments. */
function matchesSegments(pattern: string[], path: string[]): boolean {
  // reach[j]: the first i pattern segments can match the first j path segments. O(|pattern| × |path|).
  let reach = new Array<boolean>(path.length + 1).fill(false);
  reach[0] = true;
  for (const seg of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= path.length; j++) {
        any = any || reach[j];
        next[j] = any;
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reach[j] && segmentMatches(seg, path[j])) next[j + 1] = true;
    }
    reach = next;
  }
  return reach[path.length];
}

/**
 * Whether Docker leaves `path` (context-relative) out of the context: the last pattern that matches
 * the path or one of its parent folders decides, an exception (`!`) putting it back.
 */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const parts = cleanPath(path);
  let ignored = false;
  for (const p of patterns) {
    let hit = false;
    for (let n = 1; n <= parts.length && !hit; n++) hit = matchesSegments(p.segments, parts.slice(0, n));
    if (hit) ignored = !p.exception;
  }
  return ignored;
}

/** A COPY/ADD source that sends the whole build context (`.`, `./`, `/`): what `.dockerignore` filters. */
export function isWholeContext(source: string): boolean {
  return cleanPath(source).length === 0 && !source.includes('$');
}

/**
 * COPY/ADD instructions of the final image (or of every stage, or of `stage` and its FROM chain) that take sources from
 * the build context (no `--from`, not a URL).
 */
export function contextCopies(model: DockerfileModel, everyStage = false, stage?: Stage): { instruction: Instruction; sources: PathWord[]; destination: PathWord | undefined }[] {
  const out = [];
  for (const instruction of everyStage ? model.instructions : stage ? model.inheritedInstructions(stage) : runtimeInstructions(model)) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    if (flagOf(instruction, 'from')) continue;
    const { sources, destination } = copyPaths(model, instruction);
    const local = sources.filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) && !s.value.startsWith('git@'));
    if (local.length > 0) out.push({ instruction, sources: local, destination });
  }
  return out;
}


/** The build stages read for each `COPY --from` step followed (wholeCopiesOfStage, contextFileOf): linear in the file. */
const MAX_CARRYING_STAGES = 8;
/** How many `COPY --from` steps are followed back from the image: a build stage, then the stage it copied from. */
const MAX_STAGE_HOPS = 2;

/** A copy of the whole build context whose files end up in the final image. */
export interface WholeContextCopy {
  instruction: Instruction;
  /** The source that sends the whole context (`.`). */
  source: PathWord;
  /** The final image's `COPY --from=<stage> <folder>` that carries the copy of a build stage into it, if that is how. */
  carriedBy?: Instruction;
}

/**
 * The copies of the whole build context (`COPY . .`) whose files reach the final image: those of the final stage and
 * the stages it is built FROM, and those of a build stage whose destination the final image copies whole
 * (`COPY . /app` in the builder, then `COPY --from=builder /app /app`: the folder, or one above it), up to
 * MAX_STAGE_HOPS such steps. Paths are read with the values the Dockerfile gives their variables; a path it cannot tell
 * is not followed.
 */
/** The local environment files a whole-context copy must not carry into the image (codebase/unfiltered-build-context). */
export const LOCAL_ENV_FILES: readonly string[] = ['.env', '.env.local'];

export function wholeContextCopiesInImage(model: DockerfileModel): WholeContextCopy[] {
  const final = model.finalStage;
  return final ? wholeCopiesOfStage(model, final, MAX_STAGE_HOPS).map(({ instruction, source, carriedBy }) => ({ instruction, source, carriedBy })) : [];
}

function wholeSource(copy: { sources: PathWord[] }): PathWord | undefined {
  return copy.sources.find((s) => isWholeContext(s.value));
}

/** A whole-context copy that `stage` holds, where it is there (undefined when not known) and the copy that brought it. */
interface HeldCopy extends WholeContextCopy {
  destination: string | undefined;
}

/**
 * The whole-context copies whose files `stage` holds: its own and those of the stages it is built FROM, and, `hops`
 * steps deep, those of a stage it copies their folder from, each with the `COPY --from` of `stage` that brought it
 * (Infisical: the context goes into `build`, `runner` copies `build`'s `/app` to `/backend`, the image copies
 * `runner`'s `/backend`). Each copy once; at most MAX_CARRYING_STAGES stages read per step.
 */
function wholeCopiesOfStage(model: DockerfileModel, stage: Stage, hops: number): HeldCopy[] {
  const out: HeldCopy[] = [];
  const directories = workdirs(model, stage);
  for (const copy of contextCopies(model, false, stage)) {
    const source = wholeSource(copy);
    if (source) out.push({ instruction: copy.instruction, source, destination: copy.destination && imagePathOf(model, copy.instruction, copy.destination.value, directories.get(copy.instruction)) });
  }
  if (hops <= 0) return out;
  const lineage = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !lineage.has(s); s = s.parent) lineage.add(s);
  const read = new Map<Stage, HeldCopy[]>();
  const carried = new Set<Instruction>();
  for (const instruction of model.inheritedInstructions(stage, 'COPY')) {
    const reference = flagOf(instruction, 'from')?.getValue();
    const from = reference ? model.stageByReference(reference) : undefined;
    if (!from || from.index >= stage.index || lineage.has(from)) continue;
    let copies = read.get(from);
    if (!copies) {
      if (read.size >= MAX_CARRYING_STAGES) continue;
      read.set(from, (copies = wholeCopiesOfStage(model, from, hops - 1)));
    }
    const { sources, destination } = copyPaths(model, instruction);
    const into = destination && imagePathOf(model, instruction, destination.value, directories.get(instruction));
    for (const folder of sources.map((s) => imagePathOf(model, instruction, s.value, '/'))) {
      if (folder === undefined) continue;
      // A folder's contents land in the destination: `/app/x` of that stage is `<destination>/x` here.
      for (const copy of copies) {
        const held = copy.destination;
        const inside = held === undefined ? undefined : folder === '/' ? held : held === folder ? '' : held.startsWith(`${folder}/`) ? held.slice(folder.length) : undefined;
        if (inside === undefined || carried.has(copy.instruction)) continue;
        carried.add(copy.instruction);
        const where = into !== undefined && sources.length === 1 ? joinImagePath(into, inside.replace(/^\//, '') || '.') : undefined;
        out.push({ instruction: copy.instruction, source: copy.source, destination: where, carriedBy: instruction });
      }
    }
  }
  return out;
}

/**
 * A COPY path as an absolute image path (relative ones from `dir`, the working directory there), its variables given
 * the values the Dockerfile sets; undefined when unknown or a pattern.
 */
function imagePathOf(model: DockerfileModel, instruction: Instruction, path: string, dir: string | undefined): string | undefined {
  const value = copyPathValue(model, instruction, path);
  if (value === undefined || /[*?[]/.test(value) || (dir === undefined && !value.startsWith('/'))) return undefined;
  return joinImagePath(dir ?? '/', value);
}

/**
 * A COPY/ADD path with its variables given the values the Dockerfile sets before `instruction` (ARG defaults, ENV):
 * `entrypoint-${APP_ENV}.sh` under `ARG APP_ENV=production` is `entrypoint-production.sh`. BuildKit reads a COPY path's
 * quotes as a shell word's (`"${APP_HOME}"/` is `/opt/app/`). Undefined when a variable has no known value.
 */
function copyPathValue(model: DockerfileModel, instruction: Instruction, path: string): string | undefined {
  if (!path.includes('$')) return path;
  const expanded = model.expand(path, variablesAt(model, instruction));
  const value = expanded?.includes('"') || expanded?.includes("'") ? expanded.replace(/["']/g, '') : expanded;
  return value === undefined || value.includes('$') ? undefined : value;
}


export interface EntrypointScript {
  /** The ENTRYPOINT or CMD that starts the script. */
  instruction: Instruction;
  /** The word that names the script. */
  range: Range;
  /** The script's path in the image. */
  imagePath: string;
  /** Its path in the build context. */
  contextPath: string;
  /** What the script is given as `$1`, `$2` … when it starts (see scriptArguments); undefined when not known. */
  arguments: string[] | undefined;
}

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash)$/;
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Where in the context a file at `imagePath` came from, when a copy of `source` (cleaned parts) to `destination` wrote it. */
function contextPathOf(source: string, parts: string[], destination: string, intoDirectory: boolean, imagePath: string): string | undefined {
  if (parts.length === 0) {
    // The whole context into `destination`: the file is at the same relative place.
    const prefix = destination === '/' ? '/' : `${destination}/`;
    return imagePath.startsWith(prefix) ? imagePath.slice(prefix.length) : undefined;
  }
  const target = intoDirectory ? joinImagePath(destination, parts[parts.length - 1]) : destination;
  if (target === imagePath) return parts.join('/');
  // A folder source (`bin/`, `scripts`: no dot in its name) copies its contents into the destination (`COPY bin/ /srv/bin/`).
  const folder = destination === '/' ? '/' : `${destination}/`;
  if (copiesDirectory(source) && imagePath.startsWith(folder)) return [...parts, imagePath.slice(folder.length)].join('/');
  return undefined;
}

/**
 * The script the final image starts, when it is a file copied from the build context: the first
 * exec-form word of the effective ENTRYPOINT (or of CMD when there is none), the script a shell
 * runs (`["bash", "start.sh"]`), or the one command of a shell form (`ENTRYPOINT /startup.sh`, which
 * `/bin/sh -c` runs), traced back to the COPY/ADD that put it there.
 */
export function entrypointScript(model: DockerfileModel): EntrypointScript | undefined {
  // Asked by every rule that reads the script: found once per model.
  return entrypointScripts.has(model) ? entrypointScripts.get(model) : entrypointScripts.set(model, findEntrypointScript(model));
}

const entrypointScripts = new AttachedCache<DockerfileModel, EntrypointScript | undefined>('entrypoint script');

function findEntrypointScript(model: DockerfileModel): EntrypointScript | undefined {
  const stage = model.finalStage;
  if (!stage) return undefined;
  let instruction = model.lastOf(stage, 'ENTRYPOINT') ?? model.lastOf(stage, 'CMD');
  if (!instruction) return undefined;
  let line = model.commandLine(instruction);
  if (!line) return undefined;
  const handed = shellGivenCmd(model, line);
  let args: readonly ShellWord[];
  if (handed) ({ instruction, line, args } = handed);
  else if (line.form === 'exec' && !line.script) args = line.execArgs;
  // A shell form, or an exec form that hands one command to a shell (`CMD ["sh", "-c", "/var/www/html/startup.sh"]`).
  else if (line.commands.length === 1) args = effectiveWords(line.commands[0]);
  else return undefined;
  const directories = workdirs(model);
  const script = scriptOf(args, directories.get(instruction));
  if (!script) return undefined;
  const { word, candidates } = script;
  const found = contextFileOf(model, candidates, directories);
  if (!found) return undefined;
  return { instruction, range: word.range, imagePath: found.imagePath, contextPath: found.contextPath, arguments: scriptArguments(model, instruction, line, args, word) };
}

/**
 * The CMD's line when the ENTRYPOINT is a bare shell in exec form (`ENTRYPOINT ["/bin/sh"]`) and the CMD in exec form
 * names what it runs (`CMD ["start.sh"]`): the container starts `/bin/sh start.sh`, so the script is the CMD's word.
 */
function shellGivenCmd(model: DockerfileModel, line: CommandLine): { instruction: Instruction; line: CommandLine; args: ShellWord[] } | undefined {
  if (line.instruction.getKeyword() !== 'ENTRYPOINT' || line.form !== 'exec' || line.script || line.execArgs.length !== 1 || !SHELLS.test(line.execArgs[0].value)) return undefined;
  const cmd = startInfo(model)?.cmd;
  const cmdLine = cmd ? model.commandLine(cmd) : undefined;
  if (!cmd || !cmdLine || cmdLine.form !== 'exec' || cmdLine.script || cmdLine.execArgs.length === 0) return undefined;
  return { instruction: cmd, line: cmdLine, args: [...line.execArgs, ...cmdLine.execArgs] };
}

/** The entrypoint script with its file, and what runs in it on every start. */
export interface EntrypointScriptReading {
  script: EntrypointScript;
  file: ContextFile;
  /** readScript's answer, with the arguments the image starts the script with. */
  reading: ScriptReading;
}

/** Readings by file, then by the arguments the script is given (two Dockerfiles may start one script differently). */
const scriptReadings = new WeakMap<ContextFile, Map<string, ScriptReading>>();

/**
 * The image's entrypoint script (entrypointScript) when the caller read it from the build context and it is a shell
 * script, read once per file (readScript): the rules that look into it share one reading.
 */
export function readEntrypointScript(model: DockerfileModel, buildContext: BuildContext | undefined): EntrypointScriptReading | undefined {
  if (!buildContext?.files) return undefined;
  const script = entrypointScript(model);
  const file = script ? buildContext.files[script.contextPath] : undefined;
  if (!script || !file || !isShellScript(file.text, script.contextPath)) return undefined;
  let byArguments = scriptReadings.get(file);
  if (!byArguments) scriptReadings.set(file, (byArguments = new Map()));
  const key = script.arguments === undefined ? '' : `=${script.arguments.join('\0')}`;
  let reading = byArguments.get(key);
  if (!reading) byArguments.set(key, (reading = readScript(file.uri, file.text, script.arguments)));
  return { script, file, reading };
}

/**
 * The command an entrypoint script ends with, the process the container keeps running (its words after wrappers and
 * assignments), and whether the script hands its own process to it with `exec` (then it is PID 1 and gets the signals).
 */
export function scriptMainCommand(read: EntrypointScriptReading): { words: ShellWord[]; program: string; exec: boolean } | undefined {
  const last = read.reading.commands.at(-1);
  if (!last) return undefined;
  const { words, program, assignments } = programWords(last);
  if (words.length === 0 || program === 'wait') return undefined;
  // The first word after the command's own assignments (`FOO=1 exec nginx`).
  return { words, program, exec: last.words[assignments.length]?.value === 'exec' };
}

/**
 * The arguments the entrypoint script starts with: the words after it, then, for an exec-form ENTRYPOINT, the exec-form
 * CMD that Docker appends (Flagsmith's `ENTRYPOINT ["/app/scripts/run-docker.sh"]` with `CMD ["migrate-and-serve"]`).
 * Undefined when one is not known as written: a variable, or a shell-form CMD.
 */
function scriptArguments(model: DockerfileModel, instruction: Instruction, line: CommandLine, words: readonly ShellWord[], script: ShellWord): string[] | undefined {
  const values = words.slice(words.indexOf(script) + 1).map((w) => w.value);
  if (instruction.getKeyword() === 'ENTRYPOINT' && line.form === 'exec' && !line.script) {
    const cmd = startInfo(model)?.cmd;
    const cmdLine = cmd ? model.commandLine(cmd) : undefined;
    if (cmdLine && (cmdLine.form !== 'exec' || cmdLine.script)) return undefined;
    if (cmdLine) values.push(...cmdLine.execArgs.map((w) => w.value));
  }
  return values.some((v) => v.includes('$')) ? undefined : values;
}

/**
 * The script a command runs and where the image may hold it: the program itself (`./start.sh`, `/app/run.sh`, or a
 * bare name looked up on the default PATH: `koel-entrypoint`, copied into `/usr/local/bin/`) or the script a shell is
 * given (`bash start.sh`: from WORKDIR, then the PATH, as bash looks). A bare name is a script only when a copy from
 * the build context put a file of that name on the PATH (contextFileOf decides); `node` or `gunicorn` are not.
 * Undefined for a word with a variable, or a relative path with WORKDIR unknown.
 */
function scriptOf(words: readonly ShellWord[], workdir: string | undefined): { word: ShellWord; candidates: string[] } | undefined {
  const viaShell = words.length > 1 && SHELLS.test(words[0].value) && !words[1].value.startsWith('-');
  const word = viaShell ? words[1] : words[0];
  if (!word || word.value.includes('$') || word.value === '') return undefined;
  const onPath = PATH_DIRS.map((dir) => `${dir}/${word.value}`);
  if (!word.value.includes('/')) return { word, candidates: viaShell && workdir !== undefined ? [joinImagePath(workdir, word.value), ...onPath] : onPath };
  if (workdir === undefined && !word.value.startsWith('/')) return undefined;
  return { word, candidates: [joinImagePath(workdir ?? '/', word.value)] };
}

/**
 * At most this many scripts of a build are read (buildScripts), and this many script-like commands looked up among
 * the copies: enough for the layouts seen, and linear whatever a file holds (each look-up reads every copy).
 */
const MAX_BUILD_SCRIPTS = 8;
const MAX_BUILD_SCRIPT_LOOKUPS = 32;

const buildScriptsOf = new AttachedCache<DockerfileModel, Map<Stage, { instruction: Instruction; contextPath: string }[]>>('build scripts');

/**
 * The scripts from the build context that the final image's RUN instructions run (`RUN ./docker/build/finalize.sh`,
 * `RUN sh scripts/setup.sh`), traced back to the COPY/ADD that put them there: what the build does in them (Gogs
 * creates its `git` account in one) is part of the image.
 */
export function buildScripts(model: DockerfileModel, stage: Stage | undefined = model.finalStage): { instruction: Instruction; contextPath: string }[] {
  if (!stage) return [];
  let byStage = buildScriptsOf.get(model);
  if (!byStage) buildScriptsOf.set(model, (byStage = new Map()));
  let out = byStage.get(stage);
  if (!out) {
    out = readBuildScripts(model, stage);
    byStage.set(stage, out);
  }
  return out;
}

function readBuildScripts(model: DockerfileModel, stage: Stage): { instruction: Instruction; contextPath: string }[] {
  const out: { instruction: Instruction; contextPath: string }[] = [];
  const directories = workdirs(model, stage);
  let lookups = 0;
  for (const instruction of model.inheritedInstructions(stage, 'RUN')) {
    for (const command of model.commandLine(instruction)?.commands ?? []) {
      const script = scriptOf(effectiveWords(command), directories.get(instruction));
      if (!script || !/\.sh$|\//.test(script.word.value)) continue;
      if (++lookups > MAX_BUILD_SCRIPT_LOOKUPS) return out;
      const found = contextFileOf(model, script.candidates, directories, stage);
      if (!found || out.some((s) => s.contextPath === found.contextPath)) continue;
      out.push({ instruction, contextPath: found.contextPath });
      if (out.length >= MAX_BUILD_SCRIPTS) return out;
    }
  }
  return out;
}

/**
 * Which build-context file the final image (or `stage`) holds at one of the `candidates` (absolute image paths, the
 * first preferred): the last COPY/ADD that writes one of them decides. Undefined when no copy from the context does.
 */
function contextFileOf(model: DockerfileModel, candidates: readonly string[], directories = workdirs(model), stage?: Stage, hops = MAX_STAGE_HOPS): { imagePath: string; contextPath: string } | undefined {
  let found: { imagePath: string; contextPath: string; line: number; exact: boolean } | undefined;
  // The last copy that writes the path decides; a copy of a folder (a source without a dot in its name: `console`, `bin`)
  // only may hold the file, and does not replace one that names it (elekto's `COPY entrypoint.sh console ./`).
  for (const copy of contextCopies(model, false, stage)) {
    const hit = sourcePathOf(model, copy, candidates, directories);
    if (hit && (hit.exact || !found?.exact)) found = { imagePath: hit.imagePath, contextPath: hit.path, line: copy.instruction.getRange().start.line, exact: hit.exact };
  }
  // A later `COPY --from=<stage>` that writes it brings the file from that stage, where a copy from the context put it
  // (Rallly's `COPY --from=builder /app/scripts/docker-start.sh ./`, the builder having copied the whole context; in
  // Infisical's, build -> runner -> image). A bounded number of stages read, at most MAX_STAGE_HOPS deep: linear in the file.
  const target = stage ?? model.finalStage;
  if (hops > 0 && target) {
    const read = new Set<Stage>();
    for (const instruction of model.inheritedInstructions(target, 'COPY')) {
      if (found && instruction.getRange().start.line < found.line) continue;
      const reference = flagOf(instruction, 'from')?.getValue();
      if (!reference) continue;
      const hit = sourcePathOf(model, { instruction, ...copyPaths(model, instruction) }, candidates, directories);
      if (!hit) continue;
      // A file the copy names replaces the path: from an image, or a stage not read, it is not the context's file (or
      // not known to be). A folder is told from a file by its name only (no dot: `/app`, but also a binary `gogs`), and
      // a builder's whole context holds any path, so a copy that would hold the path inside a folder only fills it when
      // nothing has yet (Rallly copies its start script by name, then `.next/standalone` over the same folder).
      const source = model.stageByReference(reference);
      if (!hit.exact && found) continue;
      if (hit.exact) found = undefined;
      if (!source || source.index >= target.index || (!read.has(source) && read.size >= MAX_CARRYING_STAGES)) continue;
      read.add(source);
      // Paths of COPY --from are read from the root of the stage's file system.
      const there = contextFileOf(model, [joinImagePath('/', hit.path)], workdirs(model, source), source, hops - 1);
      if (there) found = { imagePath: hit.imagePath, contextPath: there.contextPath, line: instruction.getRange().start.line, exact: hit.exact };
    }
  }
  return found && { imagePath: found.imagePath, contextPath: found.contextPath };
}

/** True when a COPY puts its sources into its destination as a folder: several sources, or a destination ending in `/` or `.`. */
function writesIntoFolder(sources: readonly PathWord[], destination: PathWord): boolean {
  return sources.length > 1 || /[/\\]$/.test(destination.value) || destination.value === '.';
}

/**
 * Which of `candidates` (image paths) `copy` writes, and the path of its source it came from (context-relative, or in a
 * stage); `exact` when the copy names that very file (not a folder or the whole context holding it).
 */
function sourcePathOf(model: DockerfileModel, copy: { instruction: Instruction; sources: PathWord[]; destination: PathWord | undefined }, candidates: readonly string[], directories: Map<Instruction, string | undefined>): { imagePath: string; path: string; exact: boolean } | undefined {
  const destination = copy.destination && imagePathOf(model, copy.instruction, copy.destination.value, directories.get(copy.instruction));
  if (!copy.destination || destination === undefined) return undefined;
  const intoDirectory = writesIntoFolder(copy.sources, copy.destination);
  let out: { imagePath: string; path: string; exact: boolean } | undefined;
  for (const source of copy.sources) {
    const value = copyPathValue(model, copy.instruction, source.value);
    if (value === undefined) continue;
    const parts = cleanPath(value);
    const glob = parts.length > 0 && /[*?[]/.test(parts[parts.length - 1]) ? parts[parts.length - 1] : undefined;
    if (parts.slice(0, -1).some((p) => /[*?[]/.test(p))) continue;
    for (const candidate of candidates) {
      // A glob (`COPY package*.json ./`) copies each file it matches into the destination folder.
      const name = candidate.slice(candidate.lastIndexOf('/') + 1);
      if (glob !== undefined && !globMatches(glob, name)) continue;
      const named = glob === undefined ? parts : [...parts.slice(0, -1), name];
      const path = contextPathOf(glob === undefined ? value : named.join('/'), named, destination, intoDirectory || glob !== undefined, candidate);
      if (path === undefined) continue;
      const exact = named.length > 0 && path === named.join('/');
      // A source named as the file beats one that is a folder only by its name (`COPY entrypoint.sh console ./`).
      if (!exact && out?.exact) continue;
      out = { imagePath: candidate, path, exact };
    }
  }
  return out;
}

/** A dotenv file's name (`.env`, `.env.public`, `production.env`). */
export function isDotenvName(name: string): boolean {
  return name === '.env' || /^\.env\.[^.]+$/.test(name) || /^[\w-]+\.env$/.test(name);
}

const dotenvCopiesOf = new AttachedCache<DockerfileModel, Map<string, string>>('dotenv files the image copies');

/** Where a source word is written: the key of copiedDotenvFiles (copyPaths makes new words on each call). */
function wordKey(word: PathWord): string {
  return `${word.range.start.line}:${word.range.start.character}`;
}

/**
 * The dotenv files the final image copies by name (a source word whose name is one, copied from the build context or
 * from a stage a copy of the context put it in): their build-context paths, by where each source word is written.
 */
function copiedDotenvFiles(model: DockerfileModel): ReadonlyMap<string, string> {
  let out = dotenvCopiesOf.get(model);
  if (!out) {
    out = new Map();
    const directories = workdirs(model);
    for (const instruction of runtimeInstructions(model)) {
      const { sources, destination } = copyPaths(model, instruction);
      if (!destination || sources.length === 0) continue;
      const into = imagePathOf(model, instruction, destination.value, directories.get(instruction));
      if (into === undefined) continue;
      const intoDirectory = writesIntoFolder(sources, destination);
      for (const word of sources) {
        const name = baseName(word.value);
        if (word.value.includes('$') || !isDotenvName(name)) continue;
        const found = contextFileOf(model, [intoDirectory ? joinImagePath(into, name) : into], directories);
        if (found) out.set(wordKey(word), found.contextPath);
      }
    }
    dotenvCopiesOf.set(model, out);
  }
  return out;
}

/** The build-context path of the dotenv file a source word of the final image's copies names, when it is known. */
export function dotenvContextPath(model: DockerfileModel, word: PathWord): string | undefined {
  return copiedDotenvFiles(model).get(wordKey(word));
}

/**
 * True for a dotenv file that only lists names, every value left empty (`CONTACT_EMAIL=`): a template whose values the
 * container's environment fills in at start (import-meta-env's `-x .env.public`), not config baked into the image.
 */
export function isDotenvTemplate(text: string): boolean {
  let names = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return false;
    const value = line.slice(eq + 1).trim();
    if (value !== '' && value !== '""' && value !== "''") return false;
    names++;
  }
  return names > 0;
}

/**
 * What a caller should read for this Dockerfile: the entrypoint script, the pip requirement files the final
 * image installs from (see requirementFiles), the lock files a glob copy may bring (see globbedContextFiles),
 * the package.json whose script the image starts (see startPackageJson) and the Gradle or Maven build files of the
 * stages that build the image's code (see jvmBuildFiles), the Python script the image starts (see startPythonScript)
 * and the package.json of each install whose node_modules the image copies with development dependencies (see
 * installedPackageJson),
 * context-relative; the lock files whose presence a copied
 * folder would bring (`present`, see folderContextFiles); and
 * the explicit file sources of its context copies in any stage, whose presence in the Dockerfile's folder tells the
 * caller that the folder is the build context (when one is missing, the context is elsewhere: unknown); and, for each
 * copy whose every source is a glob of the context's top folder (`COPY package*.json ./`), those globs (`globGroups`):
 * Docker fails that copy unless one of them matches, so a folder where none does is not the context.
 */
export function contextFilesWanted(model: DockerfileModel): { files: string[]; sources: string[]; present: string[]; globGroups: string[][] } {
  const script = entrypointScript(model);
  const files = script ? [script.contextPath] : [];
  for (const { contextPath } of buildScripts(model)) if (!files.includes(contextPath)) files.push(contextPath);
  for (const path of requirementFiles(model)) if (!files.includes(path)) files.push(path);
  // npm's lock files a glob brings are read (their presence is also asked, below, as every globbed lock file's is).
  for (const { name, path } of globbedContextFiles(model)) if (NPM_LOCKS.has(name) && !files.includes(path)) files.push(path);
  const packageJson = startPackageJson(model);
  if (packageJson !== undefined && !files.includes(packageJson)) files.push(packageJson);
  for (const path of jvmBuildFiles(model)) if (!files.includes(path)) files.push(path);
  for (const path of copiedDotenvFiles(model).values()) if (!files.includes(path)) files.push(path);
  const pythonScript = startPythonScript(model);
  if (pythonScript !== undefined && !files.includes(pythonScript)) files.push(pythonScript);
  for (const copy of devDependencyCopies(model)) {
    const path = installedPackageJson(model, copy);
    if (path !== undefined && !files.includes(path)) files.push(path);
    // The scripts the install's stage runs: one may remove node_modules (zammad's cleanup.sh).
    for (const { contextPath } of buildScripts(model, copy.stage)) if (!files.includes(contextPath)) files.push(contextPath);
  }
  const sources = new Set<string>();
  // A copy whose every source is a glob of the context's top folder (`COPY package*.json ./`) fails unless one matches.
  const globGroups: string[][] = [];
  for (const copy of contextCopies(model, true)) {
    const globs = copy.sources.map((s) => s.value).filter((v) => !v.includes('$') && /[*?[]/.test(v) && cleanPath(v).length === 1);
    if (globs.length > 0 && globs.length === copy.sources.length) globGroups.push(globs.map((g) => cleanPath(g)[0]));
    for (const source of copy.sources) {
      if (source.value.includes('$')) continue;
      const parts = cleanPath(source.value);
      // A glob names the folder it matches in (`./Docker/*.Apache.conf`: the context holds `Docker/`).
      const glob = parts.findIndex((p) => /[*?[]/.test(p));
      const fixed = glob < 0 ? parts : parts.slice(0, glob);
      if (fixed.length > 0) sources.add(fixed.join('/'));
    }
  }
  const present = new Set([...folderContextFiles(model), ...globbedContextFiles(model)].map((f) => f.path));
  // The local environment files a whole-context copy would carry, so a finding can name the ones there are.
  if (wholeContextCopiesInImage(model).length > 0) for (const name of LOCAL_ENV_FILES) present.add(name);
  return { files, sources: [...sources], present: [...present], globGroups };
}

/** The build-context path of the package.json the install of a `DevDependencyCopy` read, when a COPY from the context put it there. */
export function installedPackageJson(model: DockerfileModel, copy: DevDependencyCopy): string | undefined {
  return contextFileOf(model, [joinImagePath(copy.folder, 'package.json')], workdirs(model, copy.stage), copy.stage)?.contextPath;
}

/**
 * The pip requirement files (`pip install -r requirements.txt`) of the final image's RUN instructions, and of the
 * stages it copies files from (a virtualenv built in a stage of its own), as build-context paths, when a COPY from
 * the context put them where the install reads them.
 */
export function requirementFiles(model: DockerfileModel): string[] {
  const out: string[] = [];
  for (const stage of imageStages(model)) {
    for (const { contextPath } of requirementInstalls(model, stage)) if (!out.includes(contextPath)) out.push(contextPath);
  }
  return out;
}

/** Each `pip install -r` of `stage` (and the stages it builds on) whose file a COPY from the context put where it reads it. */
function requirementInstalls(model: DockerfileModel, stage: Stage): { instruction: Instruction; contextPath: string }[] {
  const out: { instruction: Instruction; contextPath: string }[] = [];
  const directories = workdirs(model, stage);
  for (const { instruction, path } of requirementArguments(model, stage)) {
    const workdir = directories.get(instruction);
    if (path.includes('$') || (workdir === undefined && !path.startsWith('/'))) continue;
    const found = contextFileOf(model, [joinImagePath(workdir ?? '/', path)], directories, stage);
    if (found) out.push({ instruction, contextPath: found.contextPath });
  }
  return out;
}

/**
 * The names of the packages a requirements file lists (`flask==3.0`, `Django>=4; python_version > "3.8"`), lower-cased;
 * options (`-r`, `-e`, `--index-url`), URLs and comments are passed over.
 */
export function requirementNames(text: string): string[] {
  return requirementEntries(text).map((e) => e.name);
}

/**
 * The packages a requirements file lists, each lower-cased and whether the line pins one version (`name==1.2`,
 * `name[extra] === 1.2`). Read in steps: one regex with optional spaces on both sides of the optional extras
 * backtracks quadratically on a line of spaces.
 */
function requirementEntries(text: string): { name: string; pinned: boolean }[] {
  const entries: { name: string; pinned: boolean }[] = [];
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line === '' || line.startsWith('-') || line.includes('://')) continue;
    let end = 0;
    while (end < line.length && /[A-Za-z0-9._-]/.test(line[end])) end++;
    if (end === 0) continue;
    let rest = line.slice(end).trimStart();
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      rest = close < 0 ? '' : rest.slice(close + 1).trimStart();
    }
    entries.push({ name: line.slice(0, end).toLowerCase(), pinned: /^===?\s*[A-Za-z0-9]/.test(rest) });
  }
  return entries;
}

/** A package name as pip compares them (PEP 503): lower-cased, runs of `-`, `_` and `.` as one `-`. */
export function normalPythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The packages that requirement files installed before `instruction`, in its stage or the stages it builds on, pin to
 * one version (`transformers==4.47.1`), as normalPythonName gives them, when the caller read those files: a later
 * `pip install transformers` finds that version installed and keeps it.
 */
export function pinnedByEarlierRequirements(model: DockerfileModel, buildContext: BuildContext | undefined, instruction: Instruction): ReadonlySet<string> {
  const stage = model.stageOf(instruction);
  const files = buildContext?.files;
  if (!files || !stage) return new Set();
  // Read once per reading of the context and stage, however many installs ask (a new reading is a new files object).
  let byStage = requirementPinsByFiles.get(files);
  if (!byStage) requirementPinsByFiles.set(files, (byStage = new Map()));
  let pins = byStage.get(stage);
  if (!pins) byStage.set(stage, (pins = requirementPins(model, files, stage)));
  const line = instruction.getRange().start.line;
  const pinned = new Set<string>();
  for (const pin of pins) if (pin.line < line) for (const name of pin.names) pinned.add(name);
  return pinned;
}

const requirementPinsByFiles = new WeakMap<object, Map<Stage, { line: number; names: string[] }[]>>();

/** Each `pip install -r` of the stage (and those it builds on) whose file the caller read: its line and the names it pins. */
function requirementPins(model: DockerfileModel, files: NonNullable<BuildContext['files']>, stage: Stage): { line: number; names: string[] }[] {
  const out: { line: number; names: string[] }[] = [];
  for (const { instruction, contextPath } of requirementInstalls(model, stage)) {
    const text = files[contextPath]?.text;
    if (text !== undefined) out.push({ line: instruction.getRange().start.line, names: requirementEntries(text).filter((e) => e.pinned).map((e) => normalPythonName(e.name)) });
  }
  return out;
}

/** npm's lock files, which a caller reads when a glob may bring them (`COPY package*.json ./`). */
const NPM_LOCKS: ReadonlySet<string> = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

/** Lock files a glob brings only when the build context has them: `COPY package*.json ./`. */
const globbedByModel = new AttachedCache<DockerfileModel, { name: string; path: string }[]>('globbed context files');

/**
 * The context paths of the lock files that glob sources of the Dockerfile's context copies (any stage) would bring
 * if they exist (`COPY app/package*.json ./` -> `app/package-lock.json`; `COPY yarn.lock* pnpm-lock.yaml* ./`, the
 * Next.js example's, -> `yarn.lock`, `pnpm-lock.yaml`): whether they do, only the context says.
 */
export function globbedContextFiles(model: DockerfileModel): readonly { name: string; path: string }[] {
  // copiedBefore asks once per install command of a long Dockerfile: one walk of the copies per parse.
  let out = globbedByModel.get(model);
  if (out) return out;
  out = [];
  globbedByModel.set(model, out);
  for (const copy of contextCopies(model, true)) {
    for (const source of copy.sources) {
      const parts = cleanPath(source.value);
      const base = parts[parts.length - 1];
      if (base === undefined || source.value.includes('$') || !/[*?[]/.test(base) || parts.slice(0, -1).some((p) => /[*?[]/.test(p))) continue;
      for (const name of LOCK_FILES) {
        const path = [...parts.slice(0, -1), name].join('/');
        if (sourceMatches(source.value, name) && !out.some((o) => o.path === path)) out.push({ name, path });
      }
    }
  }
  return out;
}

const foldersByModel = new AttachedCache<DockerfileModel, { name: string; folder: string; path: string }[]>('folder context files');

/**
 * The lock files (of any ecosystem) that the folders the Dockerfile's context copies take whole (`COPY . .`,
 * `COPY ./web/ ./`; any stage) would bring if the context holds them, with the folder's context path (`''` for the
 * whole context): whether they are there, only the context says.
 */
export function folderContextFiles(model: DockerfileModel): readonly { name: string; folder: string; path: string }[] {
  let out = foldersByModel.get(model);
  if (out) return out;
  out = [];
  foldersByModel.set(model, out);
  const folders = new Set<string>();
  for (const copy of contextCopies(model, true)) {
    for (const source of copy.sources) {
      if (source.value.includes('$') || /[*?[]/.test(source.value) || !copiesDirectory(source.value)) continue;
      folders.add(cleanPath(source.value).join('/'));
    }
  }
  for (const folder of folders) for (const name of LOCK_FILES) out.push({ name, folder, path: folder === '' ? name : `${folder}/${name}` });
  return out;
}

const ignoreByContext = new WeakMap<BuildContext, IgnorePattern[]>();

/** True when the context's `.dockerignore` (when known) keeps `path` out of the context. */
export function ignoredByContext(context: BuildContext, path: string): boolean {
  if (typeof context.dockerignore !== 'string') return false;
  let patterns = ignoreByContext.get(context);
  if (!patterns) {
    patterns = parseDockerignore(context.dockerignore);
    ignoreByContext.set(context, patterns);
  }
  return isIgnored(patterns, path);
}

/**
 * The build-context path of the Python script the final image starts (`python app.py`, `/venv/bin/python -u
 * src/main.py`), in the working directory of its start instruction, traced to the copy that put it there.
 */
export function startPythonScript(model: DockerfileModel): string | undefined {
  const main = startInfo(model)?.main;
  if (!main || !isPython(main.program)) return undefined;
  const script = pythonScriptWord(main.words);
  if (!script || script.value.includes('$')) return undefined;
  const directories = workdirs(model);
  const workdir = directories.get(main.instruction);
  if (workdir === undefined && !script.value.startsWith('/')) return undefined;
  return contextFileOf(model, [joinImagePath(workdir ?? '/', script.value)], directories)?.contextPath;
}

/**
 * The build-context path of the package.json whose script the final image starts (`CMD ["npm", "start"]`, `yarn
 * serve`), or of the package whose script the main process runs with Node (`node index.js`): the one in the working
 * directory of the start instruction, traced to the copy that put it there.
 */
export function startPackageJson(model: DockerfileModel): string | undefined {
  const info = startInfo(model);
  const runsScript = (c: StartCommand) => packageScriptRun(c.words.map((w) => w.value)) !== undefined;
  const runsNode = (c: StartCommand) => /^(node|bun|pm2-runtime)$/.test(c.program);
  // The main process's package script when it runs one (what the rules read), else the first one started.
  const command = info?.main && (runsScript(info.main) || runsNode(info.main)) ? info.main : info?.commands.find(runsScript);
  if (!info || !command) return undefined;
  const directories = workdirs(model);
  const directory = startDirectory(info, command, directories);
  if (directory === undefined) return undefined;
  return contextFileOf(model, [joinImagePath(directory, 'package.json')], directories)?.contextPath;
}

/**
 * The directory a start command runs in: its instruction's working directory, changed by the `cd` commands that
 * run before it in the same command line (Pingvin Share's `… & cd backend && npm run prod`); undefined when a `cd`
 * goes where the file does not say (`cd "$APP_DIR"`, `cd -`, `cd` alone).
 */
function startDirectory(info: StartInfo, command: StartCommand, directories: ReadonlyMap<Instruction, string | undefined>): string | undefined {
  let directory = directories.get(command.instruction);
  for (const earlier of info.commands) {
    if (earlier === command || directory === undefined) break;
    // A `cd` sent to the background runs in a subshell of its own.
    if (earlier.instruction !== command.instruction || earlier.background || earlier.program !== 'cd') continue;
    directory = afterCd(directory, earlier.words.map((w) => w.value));
  }
  return directory;
}

/** Options that point a JVM build tool at a build file or project folder other than its working directory's. */
const JVM_BUILD_ELSEWHERE = /^(-f|--file|-p|--project-dir|-b|--build-file)(=|$)/;

/**
 * The Gradle or Maven build files (`build.gradle.kts`, `build.gradle`, `pom.xml`) that `gradle …`, `./gradlew …`,
 * `mvn …` or `./mvnw …` read in the stages whose files make up the final image (a builder stage whose jar the image
 * copies), as build-context paths, when a COPY from the context put them in the tool's working directory.
 */
export function jvmBuildFiles(model: DockerfileModel): string[] {
  const out: string[] = [];
  for (const stage of imageStages(model)) {
    let directories: Map<Instruction, string | undefined> | undefined;
    for (const instruction of model.inheritedInstructions(stage, 'RUN')) {
      for (const command of model.commandLine(instruction)?.commands ?? []) {
        const words = effectiveWords(command);
        const names = words.length > 0 ? JVM_BUILD_FILES.get(baseName(words[0].value)) : undefined;
        if (!names || words.some((w) => JVM_BUILD_ELSEWHERE.test(w.value))) continue;
        directories ??= workdirs(model, stage);
        const workdir = directories.get(instruction);
        if (workdir === undefined) continue;
        for (const name of names) {
          const found = contextFileOf(model, [joinImagePath(workdir, name)], directories, stage);
          if (found && !out.includes(found.contextPath)) out.push(found.contextPath);
        }
      }
    }
  }
  return out;
}
