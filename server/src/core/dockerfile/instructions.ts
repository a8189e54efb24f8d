/**
 * Small, reusable readings of single instructions that several rules need: the
 * sources of a COPY/ADD with their ranges, flags by name, the effective start
 * commands of a stage (exec form included), the ARG values visible at an
 * instruction, and the root base image of a stage.
 */
import type { Instruction, Flag } from 'dockerfile-ast';
import type { Range } from '../types';
import type { CommandLine, DockerfileModel, EnvVariable, ImageReference, Stage } from './model';
import { isExecForm, propertiesOf } from './model';
import type { ShellWord, SimpleCommand } from './shell';
import { AttachedCache } from '../attached';
import { countBelow } from '../lists';

export interface PathWord {
  /** The path as Docker sees it (quotes removed). */
  value: string;
  range: Range;
}

/** Flags of an instruction (`--from`, `--checksum`, `--mount` …); empty for instructions without flags. */
export function flagsOf(instruction: Instruction): Flag[] {
  const getFlags = (instruction as unknown as { getFlags?: () => Flag[] }).getFlags;
  return typeof getFlags === 'function' ? getFlags.call(instruction) : [];
}

export function flagOf(instruction: Instruction, name: string): Flag | undefined {
  return flagsOf(instruction).find((f) => f.getName().toLowerCase() === name);
}

/**
 * The source and destination words of a COPY or ADD. Heredoc copies (`COPY <<EOF /x`)
 * have no file sources. The JSON form is read from the document text because
 * dockerfile-ast's JSON values drop whitespace.
 */
export function copyPaths(model: DockerfileModel, instruction: Instruction): { sources: PathWord[]; destination: PathWord | undefined } {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return { sources: [], destination: undefined };
  let words: PathWord[];
  const json = isExecForm(instruction) ? jsonArguments(model, instruction) : undefined;
  if (json) {
    words = json;
  } else {
    const args = instruction.getArguments();
    if (args.some((a) => a.getValue().startsWith('<<'))) return { sources: [], destination: undefined };
    // Only surrounding quotes are removed: a backslash in a path is a Windows separator, not an escape.
    words = args.map((a) => ({ value: a.getValue().replace(/^(["'])(.*)\1$/, '$2'), range: a.getRange() }));
  }
  if (words.length < 2) return { sources: [], destination: words[0] };
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}

/** The last path component, without trailing slashes (`./config/.env` -> `.env`). */
/**
 * The strings of an instruction written as a JSON array (`SHELL ["/bin/bash", "-c"]`, exec-form `COPY`), read from
 * the document text because dockerfile-ast's JSON values drop whitespace; undefined when it holds none.
 */
export function jsonArguments(model: DockerfileModel, instruction: Instruction): PathWord[] | undefined {
  const getJSONStrings = (instruction as unknown as { getJSONStrings?: () => { getRange(): Range }[] }).getJSONStrings;
  if (typeof getJSONStrings !== 'function') return undefined;
  return getJSONStrings.call(instruction).map((s) => {
    const raw = model.source.textOf(s.getRange());
    let value: string;
    try {
      value = JSON.parse(raw) as string;
    } catch {
      value = raw.replace(/^"|"$/g, '');
    }
    return { value, range: s.getRange() };
  });
}

export function baseName(path: string): string {
  const trimmed = path.replace(/(?<![\\/])[\\/]+$/, ''); // the lookbehind tries each run of slashes once
  const parts = trimmed.split(/[\\/]/);
  return parts[parts.length - 1] ?? trimmed;
}

type GlobToken = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string } | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/** The tokens of a Docker/Go-style glob (`*`, `?`, `[…]`, `[!…]`); an unclosed `[` is a literal. */
function globTokens(glob: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[' && glob.indexOf(']', i + 1) > i) {
      const close = glob.indexOf(']', i + 1);
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else ranges.push([body[k], body[k]]);
      }
      tokens.push({ kind: 'class', negated, ranges });
      i = close;
    } else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/**
 * Whether the glob matches the whole of `name` (`*` and `?` never match `/`). A set-of-states
 * simulation, no regular expression: time is |glob| × |name| whatever the glob holds.
 */
export function globMatches(glob: string, name: string): boolean {
  const tokens = globTokens(glob);
  let states = new Array<boolean>(tokens.length + 1).fill(false);
  const close = (s: boolean[]) => {
    for (let i = 0; i < tokens.length; i++) if (s[i] && tokens[i].kind === 'star') s[i + 1] = true;
    return s;
  };
  states[0] = true;
  close(states);
  for (const ch of name) {
    const next = new Array<boolean>(tokens.length + 1).fill(false);
    let any = false;
    for (let i = 0; i < tokens.length; i++) {
      if (!states[i]) continue;
      const t = tokens[i];
      const ok =
        t.kind === 'star' ? ch !== '/' : t.kind === 'any' ? ch !== '/' : t.kind === 'char' ? ch === t.char : t.ranges.some(([lo, hi]) => lo <= ch && ch <= hi) !== t.negated;
      if (ok) {
        next[t.kind === 'star' ? i : i + 1] = true;
        any = true;
      }
    }
    if (!any) return false;
    states = close(next);
  }
  return states[tokens.length];
}

/** True when a COPY source (literal or glob) names, or may match, the file `name` (a base name). */
export function sourceMatches(source: string, name: string): boolean {
  const base = baseName(source);
  if (base === name) return true;
  return /[*?[]/.test(base) && globMatches(base, name);
}

/** True when a COPY source copies a whole directory tree (`.`, `./`, `*`, `src/`, `app`), which may contain any file. */
export function copiesDirectory(source: string): boolean {
  const s = source.replace(/^\.\//, '');
  if (s === '' || s === '.' || s === '*' || s === './' || s.endsWith('/') || s.endsWith('/.')) return true;
  const base = baseName(s);
  return !base.includes('.') && !/[*?[]/.test(base);
}

/** Values of `RUN --mount=type=bind,source=…` mounts (files visible to that RUN only). */
export function bindMountSources(instruction: Instruction): string[] {
  const out: string[] = [];
  for (const flag of flagsOf(instruction)) {
    if (flag.getName() !== 'mount') continue;
    const value = flag.getValue() ?? '';
    const options = new Map(value.split(',').map((kv) => {
      const eq = kv.indexOf('=');
      return eq < 0 ? [kv, ''] as [string, string] : [kv.slice(0, eq), kv.slice(eq + 1)] as [string, string];
    }));
    const type = options.get('type') ?? 'bind';
    if (type !== 'bind') continue;
    const src = options.get('source') ?? options.get('src');
    if (src) out.push(src);
  }
  return out;
}

/** The simple commands of a command line, exec form without a shell included (as one command). */
export function commandsOf(line: CommandLine | undefined): SimpleCommand[] {
  if (!line) return [];
  if (line.form === 'exec' && !line.script) {
    if (line.execArgs.length === 0) return [];
    const words: ShellWord[] = line.execArgs;
    return [{ words, terminator: 'end', range: { start: words[0].range.start, end: words[words.length - 1].range.end } }];
  }
  return line.commands;
}

/**
 * The final stage's effective ENTRYPOINT and CMD with their commands. An exec-form
 * ENTRYPOINT receives an exec-form CMD as arguments, so the two are joined into one
 * command (`ENTRYPOINT ["yarn"]` + `CMD ["start"]` is `yarn start`), except when the
 * entrypoint is a wrapper script that runs its arguments (`docker-entrypoint.sh`).
 */
export function startCommands(model: DockerfileModel, stage: Stage | undefined = model.finalStage): { instruction: Instruction; commands: SimpleCommand[] }[] {
  if (!stage) return [];
  const entrypoint = model.lastOf(stage, 'ENTRYPOINT');
  const cmd = model.lastOf(stage, 'CMD');
  const entryLine = entrypoint ? model.commandLine(entrypoint) : undefined;
  const cmdLine = cmd ? model.commandLine(cmd) : undefined;
  const out: { instruction: Instruction; commands: SimpleCommand[] }[] = [];
  if (entrypoint && entryLine?.form === 'exec' && !entryLine.script && cmd) {
    const program = entryLine.execArgs[0]?.value ?? '';
    const wrapper = /entrypoint|\.sh$/i.test(program.split('/').pop() ?? '');
    if (!wrapper && cmdLine?.form === 'exec' && !cmdLine.script && entryLine.execArgs.length > 0) {
      const words = [...entryLine.execArgs, ...cmdLine.execArgs];
      out.push({ instruction: cmd, commands: [{ words, terminator: 'end', range: { start: words[0].range.start, end: words[words.length - 1].range.end } }] });
      return out;
    }
    out.push({ instruction: entrypoint, commands: commandsOf(entryLine) });
    if (wrapper) out.push({ instruction: cmd, commands: commandsOf(cmdLine) });
    return out;
  }
  if (entrypoint) out.push({ instruction: entrypoint, commands: commandsOf(entryLine) });
  if (cmd) out.push({ instruction: cmd, commands: commandsOf(cmdLine) });
  return out;
}

/** The instructions that build the final image: the final stage and its FROM ancestors, oldest first. */
export function runtimeInstructions(model: DockerfileModel): Instruction[] {
  const stage = model.finalStage;
  return stage ? model.inheritedInstructions(stage) : [];
}

/**
 * True when a RUN (or an ONBUILD, which may run one) comes after `instruction` in `instructions` (a stage chain, as
 * runtimeInstructions gives it): only a later build step can read what `instruction` sets while the image is built.
 */
export function runsAfter(instructions: readonly Instruction[], instruction: Instruction): boolean {
  const index = instructions.indexOf(instruction);
  for (let i = index + 1; i < instructions.length; i++) {
    const keyword = instructions[i].getKeyword();
    if (keyword === 'RUN' || keyword === 'ONBUILD') return true;
  }
  return false;
}

/**
 * The stages whose files make up the final image: the final stage and every stage it (or one of those) copies files
 * from with `COPY --from=<stage>`, each standing for its FROM chain. A build stage's virtualenv or site-packages
 * copied into the image brings what that stage installed.
 */
export function imageStages(model: DockerfileModel): Stage[] {
  const final = model.finalStage;
  if (!final) return [];
  const out = [final];
  for (let i = 0; i < out.length; i++) {
    for (const instruction of model.inheritedInstructions(out[i], 'COPY')) {
      const reference = flagOf(instruction, 'from')?.getValue();
      const stage = reference ? model.stageByReference(reference) : undefined;
      if (stage && !out.includes(stage)) out.push(stage);
    }
  }
  return out;
}

/** The external image a stage ultimately starts from (following `FROM <stage>` links). */
export function rootImage(stage: Stage | undefined): ImageReference | undefined {
  const seen = new Set<Stage>();
  let s = stage;
  while (s && s.parent && !seen.has(s)) {
    seen.add(s);
    s = s.parent;
  }
  return s?.image;
}

/**
 * ARG values visible at `instruction` inside its stage: the stage's own ARGs declared
 * before it (a bare `ARG X` takes the global default of X), `undefined` when unknown.
 */
export function argValuesAt(model: DockerfileModel, instruction: Instruction): Map<string, string | undefined> {
  const stage = model.stageOf(instruction);
  if (!stage) return new Map();
  // Asked for many instructions of one stage: the values only change at ARG instructions, so each
  // stage keeps its ARGs in order and one snapshot per "after k ARGs", built on demand, in order.
  let state = argStates.get(stage);
  if (!state) {
    const args = stage.instructions.filter((i) => i.getKeyword() === 'ARG');
    state = { args, lines: args.map((i) => i.getRange().start.line), snapshots: [new Map()] };
    argStates.set(stage, state);
  }
  const line = instruction.getRange().start.line;
  // `before` ARGs of the stage start before the instruction.
  const before = countBelow(state.lines, line);
  for (let k = state.snapshots.length; k <= before; k++) {
    const values = new Map(state.snapshots[k - 1]);
    for (const p of propertiesOf(state.args[k - 1])) values.set(p.name, argValue(model, p, values));
    state.snapshots.push(values);
  }
  return new Map(state.snapshots[before]);
}

const argStates = new AttachedCache<Stage, { args: Instruction[]; lines: number[]; snapshots: Map<string, string | undefined>[] }>('ARG values');

/**
 * The value an ARG line gives its variable, seeing `values` (what came before it): a default expanded as the builder
 * expands it (`ARG URL=.../archive/$BRANCH.tar.gz`; one that refers to a variable of unknown value is kept as written),
 * or, with no default, the global default of that name.
 */
function argValue(model: DockerfileModel, p: EnvVariable, values: Variables): string | undefined {
  if (!p.hasDefault) return model.globalArgs.get(p.name);
  return hasReference(p.value) ? (model.expand(p.value, values) ?? p.value) : p.value;
}

/** The variables an instruction sees (see variablesAt): read them before asking for another instruction's. */
export type Variables = Pick<ReadonlyMap<string, string | undefined>, 'get' | 'has'>;

/** Where a stage's walk through its ARG and ENV lines has got to (see variablesAt). */
interface VariablesCursor {
  line: number;
  args: Instruction[];
  envs: Instruction[];
  nextArg: number;
  nextEnv: number;
  argValues: Map<string, string | undefined>;
  envValues: Map<string, string | undefined>;
  view: Variables;
}

const cursors = new AttachedCache<Stage, VariablesCursor>('variables');

/**
 * The variables a RUN at `instruction` sees, as the builder expands them: the ARG values of its stage declared before
 * it (a default expanded with what came before it, an ARG without one taking the global default) and, over them (an
 * ENV wins over an ARG of the same name), the ENV set before it in its stage and in the stages it is built FROM, each
 * value expanded with what came before it. `undefined` when unknown.
 *
 * Rules ask for the instructions of a stage in file order: each stage keeps a cursor that reads its ARG and ENV lines
 * once, up to the instruction asked for, so a stage's questions cost one pass over it (a question about an earlier
 * line starts the stage's pass again). The answer is the cursor's own view: read it before asking again.
 */
export function variablesAt(model: DockerfileModel, instruction: Instruction): Variables {
  const stage = model.stageOf(instruction);
  if (!stage) return new Map();
  const line = instruction.getRange().start.line;
  let cursor = cursors.get(stage);
  if (!cursor || cursor.line > line) {
    const argValues = new Map<string, string | undefined>();
    const envValues = new Map<string, string | undefined>();
    const view: Variables = { get: (name) => (envValues.has(name) ? envValues.get(name) : argValues.get(name)), has: (name) => envValues.has(name) || argValues.has(name) };
    // The stages a stage is built FROM come before it, so their ENV lines are earlier too.
    cursor = { line, args: stage.instructions.filter((i) => i.getKeyword() === 'ARG'), envs: model.inheritedInstructions(stage, 'ENV'), nextArg: 0, nextEnv: 0, argValues, envValues, view };
    cursors.set(stage, cursor);
  }
  const c = cursor;
  c.line = line;
  // ARG and ENV lines before the instruction, in file order, so each value is expanded with what came before it.
  for (;;) {
    const arg = c.args[c.nextArg];
    const env = c.envs[c.nextEnv];
    const argLine = arg && arg.getRange().start.line < line ? arg.getRange().start.line : Infinity;
    const envLine = env && env.getRange().start.line < line ? env.getRange().start.line : Infinity;
    if (argLine === Infinity && envLine === Infinity) break;
    if (argLine < envLine) {
      for (const p of propertiesOf(arg)) c.argValues.set(p.name, argValue(model, p, c.view));
      c.nextArg++;
    } else {
      for (const p of propertiesOf(env)) c.envValues.set(p.name, model.expand(p.value, c.view));
      c.nextEnv++;
    }
  }
  return c.view;
}

/** Variables a front-end build puts in the browser bundle by their prefix (Vite, Next.js, Create React App, Nuxt, Expo…). */
const BROWSER_PUBLIC = /^(VITE|NEXT_PUBLIC|REACT_APP|VUE_APP|GATSBY|NUXT_PUBLIC|EXPO_PUBLIC|PUBLIC|STORYBOOK)_/;

/** True for a variable a front-end build compiles into the browser bundle (`VITE_API_URL`, `VUE_APP_BACKEND_URL`). */
export function isBrowserPublic(name: string): boolean {
  return BROWSER_PUBLIC.test(name);
}

const publicArgsOf = new AttachedCache<DockerfileModel, Set<string>>('browser-public build arguments');

/**
 * Build arguments whose value the Dockerfile hands to a variable a front-end build publishes in the browser bundle
 * (`ARG POSTHOG_API_KEY` … `ENV VITE_POSTHOG_API_KEY $POSTHOG_API_KEY`): whatever their name, their value is public,
 * in every stage that takes the same argument.
 */
export function browserPublicArgs(model: DockerfileModel): ReadonlySet<string> {
  let out = publicArgsOf.get(model);
  if (!out) {
    out = new Set();
    for (const instruction of model.instructionsOf('ENV')) {
      for (const variable of propertiesOf(instruction)) {
        const arg = isBrowserPublic(variable.name) ? soleReference(variable.value) : undefined;
        if (arg) out.add(arg);
      }
    }
    publicArgsOf.set(model, out);
  }
  return out;
}

/** The ARG names declared in the stage of `instruction` before it. */
export function argNamesAt(model: DockerfileModel, instruction: Instruction): Set<string> {
  return new Set(argValuesAt(model, instruction).keys());
}

/** `BUILT_...`: the value the image was built with, kept to compare with the deploy's. */
const BUILT_RECORD = /^BUILT_/i;
/** Where the image's code came from (`DD_GIT_REPOSITORY_URL`, `GIT_REPO_URL`, `SOURCE_URL`): build metadata, like its commit. */
const SOURCE_RECORD = /(^|_)GIT_|(^|_)(REPOSITORY|REPO|SOURCE|VCS)_(URL|URI)$/i;

/** A runtime ENV setting that holds a build argument alone (argCopiesIntoEnv). */
export interface ArgCopy {
  instruction: Instruction;
  variable: EnvVariable;
  /** The build argument's name. */
  arg: string;
}

const argCopies = new WeakMap<DockerfileModel, ArgCopy[]>();

/**
 * The ENV settings of the final image's chain of stages that hold a build argument alone (`ENV REDIS_URL=$REDIS_URL`):
 * the value the build was given stays in the image for every deploy. Not records of the build itself: a `BUILT_…`
 * value kept to compare with the deploy's (cal.com's start script rewrites its bundle with it), or where the code came
 * from (`GIT_REPO_URL`), which describe the artefact as build metadata does.
 */
export function argCopiesIntoEnv(model: DockerfileModel): readonly ArgCopy[] {
  let out = argCopies.get(model);
  if (!out) argCopies.set(model, (out = argCopiesAmong(model, runtimeInstructions(model))));
  return out;
}

/** {@link argCopiesIntoEnv} among any stage chain's `instructions` (a build stage's, whose output the image copies). */
export function argCopiesAmong(model: DockerfileModel, instructions: readonly Instruction[]): ArgCopy[] {
  const out: ArgCopy[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'ENV') continue;
    const args = argNamesAt(model, instruction);
    for (const variable of propertiesOf(instruction)) {
      const arg = soleReference(variable.value);
      if (arg && args.has(arg) && !BUILT_RECORD.test(variable.name) && !SOURCE_RECORD.test(variable.name)) out.push({ instruction, variable, arg });
    }
  }
  return out;
}

/** `$NAME`, `${NAME}` or `${NAME:-default}` alone: the referenced variable name. */
export function soleReference(value: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+=?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(value.trim());
  return m ? (m[1] ?? m[2]) : undefined;
}

/** True when the text refers to a variable anywhere. */
export function hasReference(value: string): boolean {
  return /\$(\{[A-Za-z_]|[A-Za-z_])/.test(value);
}

/** git's own options that take the next word as their value (`git -C repo checkout …`). */
const GIT_VALUE_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--config-env']);

/** The index of git's subcommand in `git [options] <verb> …`, past git's options and their values ({@link verbIndex} would take `repo` of `-C repo`). */
export function gitVerbIndex(words: readonly ShellWord[]): number {
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (GIT_VALUE_OPTIONS.has(v)) i++;
    else if (!v.startsWith('-')) return i;
  }
  return -1;
}

/** Program and effective words of a command: `exec gosu app node x` -> `node`, [node, x]. */
export function programOf(words: ShellWord[]): string {
  return (words[0]?.value.split('/').pop() ?? '').toLowerCase();
}

/** The range from the start of word `a` to the end of word `b`. */
export function spanOf(a: ShellWord | PathWord, b: ShellWord | PathWord = a): Range {
  return { start: a.range.start, end: b.range.end };
}

/** Index of the first non-option word after `from` (the subcommand of `npm --prefix x install`). */
export function verbIndex(words: ShellWord[], from = 1): number {
  for (let i = from; i < words.length; i++) if (!words[i].value.startsWith('-')) return i;
  return -1;
}

/** Context files that hold no application: start scripts and configuration (`init.sh`, `php.ini`, `my.cnf`, `nginx.conf`). */
const SCRIPT_OR_CONFIG_FILE = /\.(sh|bash|ini|conf|cnf|cfg)$/i;

/**
 * True when the final image receives no project of its own: it copies nothing from the build context but start scripts
 * and configuration files, nothing from a stage of this Dockerfile (an artefact built here), and no RUN fetches a
 * project (`git clone`, `composer create-project`). What such an image starts works on a folder mounted into it at
 * run time: the bind-mount image of a development setup (elirp's `Dockerfile` copies `init.sh` and a php.ini, and the
 * script runs `composer install` in the mounted `/var/www`). Copies from other images (`COPY --from=composer:2
 * /usr/bin/composer`) bring tools, not the project.
 */
export function holdsNoProject(model: DockerfileModel): boolean {
  if (!model.finalStage) return false;
  for (const instruction of runtimeInstructions(model)) {
    const keyword = instruction.getKeyword();
    if (keyword === 'COPY' || keyword === 'ADD') {
      const from = flagOf(instruction, 'from');
      if (from) {
        const reference = from.getValue();
        if (reference && model.stageByReference(reference)) return false;
        continue;
      }
      const { sources } = copyPaths(model, instruction);
      if (sources.length === 0 || sources.some((source) => !SCRIPT_OR_CONFIG_FILE.test(source.value))) return false;
    } else if (keyword === 'RUN') {
      for (const command of commandsOf(model.commandLine(instruction))) {
        const program = programOf(command.words);
        const verb = command.words[program === 'git' ? gitVerbIndex(command.words) : verbIndex(command.words)]?.value;
        if ((program === 'git' && verb === 'clone') || (program === 'composer' && verb === 'create-project') || ((program === 'svn' || program === 'hg') && (verb === 'checkout' || verb === 'co' || verb === 'clone'))) return false;
      }
    }
  }
  return true;
}
