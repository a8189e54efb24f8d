/**
 * What the container runs when it starts: the final stage's effective ENTRYPOINT + CMD
 * as a list of simple commands, the long-running "main" process among them, runners
 * unwrapped (`bundle exec`, `npx`, `python -m`, `poetry run` …), and the address/port
 * options of server commands with exact ranges. Shared by the rules of factors VII–XII.
 */
import type { Instruction } from 'dockerfile-ast';
import { uriPath } from '../uri';
import { wordsOf } from '../mask';
import { AttachedCache } from '../attached';
import type { Range } from '../types';
import type { SourceText } from '../source';
import { propertiesOf, type CommandLine, type DockerfileModel, type Stage } from './model';
import { isAlpineImage } from './base-images';
import { jsonArguments } from './instructions';
import { SHELL_KEYWORDS, effectiveWords, type ShellWord, type SimpleCommand } from './shell';
import { DEVELOPMENT_DOCKERFILE, DEVELOPMENT_STAGE } from './stage-names';

export interface StartCommand {
  /** The simple command as split (assignments and wrappers included). */
  command: SimpleCommand;
  /** Words after assignments, wrappers (`exec`, `env`, `gosu u`, `tini --`), shell keywords and runners. */
  words: ShellWord[];
  /** Base name of `words[0]`, lower-cased; `python -m uvicorn` gives `uvicorn`. */
  program: string;
  /** The instruction that holds the program word. */
  instruction: Instruction;
  line: CommandLine;
  /** True when a shell runs it (shell form or `sh -c`), false for a plain exec-form argv. */
  viaShell: boolean;
  /** True when the command is sent to the background with `&`. */
  background: boolean;
  /** Leading `VAR=value` words of the command. */
  assignments: ShellWord[];
}

export interface StartInfo {
  stage: Stage;
  entrypoint: Instruction | undefined;
  cmd: Instruction | undefined;
  commands: StartCommand[];
  /** The process that keeps the container alive: the last command not sent to the background. */
  main: StartCommand | undefined;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Entry points that hand over to their arguments (`exec "$@"`): the CMD is the real process. A chain of them is one
 * too (Adminer's `ENTRYPOINT ["entrypoint.sh", "docker-php-entrypoint"]`: each runs the next, the last the CMD).
 */
export function isPassThroughEntrypoint(words: ShellWord[]): boolean {
  const eff = effectiveWords({ words, terminator: 'end', range: words[0]?.range ?? zeroRange() });
  return eff.every((word) => {
    const name = baseName(word.value);
    return /\.sh$/.test(name) || /entrypoint|^init$|^s6-svscan$|^catatonit$/.test(name);
  });
}

/** Each model's start commands by stage: a score of rules ask for them in every analysis, each parse reads them once. */
const startInfos = new AttachedCache<DockerfileModel, Map<Stage, StartInfo | undefined>>('start info');

/** The start commands of the final stage (or of `stage`), read once per parse. Callers must not change them. */
export function startInfo(model: DockerfileModel, stage: Stage | undefined = model.finalStage): StartInfo | undefined {
  if (!stage) return undefined;
  const known = startInfos.get(model) ?? startInfos.set(model, new Map());
  if (known.has(stage)) return known.get(stage);
  const info = readStartInfo(model, stage);
  known.set(stage, info);
  return info;
}

function readStartInfo(model: DockerfileModel, stage: Stage): StartInfo | undefined {
  const entrypoint = model.lastOf(stage, 'ENTRYPOINT');
  let cmd = model.lastOf(stage, 'CMD');
  // An ENTRYPOINT declared after the CMD's stage resets an inherited CMD, as Docker does.
  if (entrypoint && cmd && model.stageOf(cmd) !== model.stageOf(entrypoint) && isBefore(cmd, entrypoint, model)) cmd = undefined;
  const commands: StartCommand[] = [];
  const epLine = entrypoint ? model.commandLine(entrypoint) : undefined;
  const cmdLine = cmd ? model.commandLine(cmd) : undefined;
  if (epLine) {
    if (epLine.form === 'exec' && !epLine.script) {
      if (cmdLine && isPassThroughEntrypoint(epLine.execArgs)) {
        for (const c of commandsOf(cmdLine)) commands.push(c);
        if (commands.length === 0 && epLine.execArgs.length > 0) for (const c of commandsOf(epLine)) commands.push(c);
      } else {
        const words = optionItemsSplit([...epLine.execArgs, ...(cmdLine && cmdLine.form === 'exec' && !cmdLine.script ? cmdLine.execArgs : [])]);
        if (words.length > 0) commands.push(makeCommand({ words, terminator: 'end', range: { start: words[0].range.start, end: words[words.length - 1].range.end } }, epLine, false));
      }
    } else {
      for (const c of commandsOf(epLine)) commands.push(c);
    }
  } else if (cmdLine) {
    for (const c of commandsOf(cmdLine)) commands.push(c);
  }
  let main: StartCommand | undefined;
  for (const c of commands) if (!c.background && c.words.length > 0) main = c;
  return { stage, entrypoint, cmd, commands, main };
}

/**
 * What an image is for, judged by what it starts:
 * - `base`: it starts nothing of its own (no CMD/ENTRYPOINT in the file) or only a bare interpreter or
 *   shell (`CMD ["python3"]`, `CMD ["bash"]`): a base or toolbox image that others build on;
 * - `tool`: it runs a build or code-generation tool (`make`, `protoc`, `buf generate`, `mvn`, `go generate`, `dotnet ef`):
 *   an image whose purpose is to produce artefacts, not to serve;
 * - `app`: anything else, an application runtime.
 */
export type ImagePurpose = 'app' | 'tool' | 'base';

const BARE_PROGRAMS = /^(python[\d.]*|node|nodejs|bash|sh|ash|zsh|irb|ruby|php|jshell|ghci|iex|erl|pwsh|powershell|cmd|lua|perl|R|julia|deno|bun|dotnet)$/;
const BUILD_TOOLS = /^(make|gmake|cmake|ninja|bazel|bazelisk|protoc|buf|grpc_tools\.protoc|swagger-codegen|openapi-generator(-cli)?|mvn|mvnw|gradle|gradlew|ant|sbt|cargo|rustc|gcc|g\+\+|clang|tsc|webpack|vite|rollup|esbuild|hugo|jekyll|mkdocs|sphinx-build|goreleaser|ko|skaffold|docker|buildah|kaniko|executor)$/;

export function imagePurpose(model: DockerfileModel, stage: Stage | undefined = model.finalStage): ImagePurpose {
  const main = startInfo(model, stage)?.main;
  if (!main) return 'base';
  if (BARE_PROGRAMS.test(main.program) && main.words.length === 1) return 'base';
  if (BUILD_TOOLS.test(main.program)) return 'tool';
  if (main.program === 'go' && /^(generate|build|test|vet|install)$/.test(main.words[1]?.value ?? '')) return 'tool';
  // `dotnet ef` (Entity Framework's migrations), `dotnet test`: the SDK's tools, not an app's `dotnet App.dll`.
  if (main.program === 'dotnet' && /^(ef|build|test|publish|restore|format|tool)$/.test(main.words[1]?.value ?? '')) return 'tool';
  // A script that only builds (`build`, `build:prod`); `build-and-start` builds, then serves: an app.
  if (/^(npm|yarn|pnpm)$/.test(main.program) && /^(run\s+)?(build|generate|codegen|compile)(:\S*)?(\s|$)/.test(main.words.slice(1).map((w) => w.value).join(' '))) return 'tool';
  return 'app';
}

function isBefore(a: Instruction, b: Instruction, model: DockerfileModel): boolean {
  const sa = model.stageOf(a)?.index ?? 0;
  const sb = model.stageOf(b)?.index ?? 0;
  return sa < sb;
}

/**
 * Exec-form items that hold a short option and its value (`"-w 4"`, `"-b 0.0.0.0:5000"`), as two words: getopt and
 * argparse read the rest of the item as the option's value, so `gunicorn` runs with four workers bound to port 5000
 * (tyudin/predict_project). Other items are kept as they are.
 */
function optionItemsSplit(words: readonly ShellWord[]): ShellWord[] {
  // A shell reads `-c ls` in one item as a cluster of options, not as a script: left as written.
  if (!words.some((w) => SHORT_OPTION_ITEM.test(w.value)) || /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh)$/.test(words[0]?.value ?? '')) return words as ShellWord[];
  const out: ShellWord[] = [];
  for (const word of words) {
    const m = SHORT_OPTION_ITEM.exec(word.value);
    const { start, end } = word.range;
    // Sub-ranges only inside a one-line item written without escapes: its characters are the value's, after the quote.
    if (!m || start.line !== end.line || end.character - start.character !== word.value.length + 2) {
      out.push(word);
      continue;
    }
    const at = (offset: number) => ({ line: start.line, character: start.character + 1 + offset });
    const valueAt = word.value.length - m[2].length;
    out.push({ value: m[1], raw: m[1], quoted: true, range: { start: at(0), end: at(m[1].length) } });
    out.push({ value: m[2], raw: m[2], quoted: true, range: { start: at(valueAt), end: at(word.value.length) } });
  }
  return out;
}

/** A short option and its value in one item: `-w 4`. */
const SHORT_OPTION_ITEM = /^(-[A-Za-z]) +(\S+)$/;

/** The simple commands of one command line (an exec form without a shell is one command). */
export function commandsOf(line: CommandLine): StartCommand[] {
  if (line.form === 'exec' && !line.script) {
    const words = optionItemsSplit(line.execArgs);
    if (words.length === 0) return [];
    return [makeCommand({ words, terminator: 'end', range: { start: words[0].range.start, end: words[words.length - 1].range.end } }, line, false)];
  }
  return line.commands.map((c) => makeCommand(c, line, true));
}

function makeCommand(command: SimpleCommand, line: CommandLine, viaShell: boolean): StartCommand {
  const { words, program, assignments } = programWords(command);
  return { command, words, program, instruction: line.instruction, line, viaShell, background: command.terminator === '&', assignments };
}

/**
 * The program a simple command runs and its words: after assignments, wrappers (`exec`, `env`, `gosu u`), shell
 * keywords and runners (`bundle exec`, `npx`, `pnpm dlx`); `program` is the base name of the first, lower-cased.
 */
export function programWords(command: SimpleCommand): { words: ShellWord[]; program: string; assignments: ShellWord[] } {
  const assignments: ShellWord[] = [];
  for (const w of command.words) {
    if (ASSIGNMENT.test(w.value)) assignments.push(w);
    else break;
  }
  let words = effectiveWords(command);
  let changed = true;
  while (changed && words.length > 0) {
    changed = false;
    if (SHELL_KEYWORDS.has(words[0].value) || words[0].value === 'time') {
      words = words.slice(1);
      changed = true;
    }
    const unwrapped = unwrapRunner(words);
    if (unwrapped !== words) {
      words = unwrapped;
      changed = true;
    }
    const again = effectiveWords({ words, terminator: command.terminator, range: command.range });
    if (again.length !== words.length) {
      words = again;
      changed = true;
    }
  }
  return { words, program: words[0] ? baseName(words[0].value).toLowerCase() : '', assignments };
}

/** `bundle exec x`, `npx x`, `pnpm dlx x`, `poetry run x`, `python -m x`, `ddtrace-run x` … -> `x …`. */
export function unwrapRunner<W extends { value: string }>(words: W[]): W[] {
  const name = words[0] ? baseName(words[0].value).toLowerCase() : '';
  const next = words[1]?.value;
  if (name === 'bundle' && next === 'exec') return words.slice(2);
  if ((name === 'poetry' || name === 'pipenv' || name === 'uv' || name === 'pdm' || name === 'hatch' || name === 'rye') && next === 'run') return skipOptions(words.slice(2));
  if (name === 'npx' || name === 'bunx' || name === 'pnpx') return skipOptions(words.slice(1));
  if ((name === 'pnpm' || name === 'yarn') && (next === 'exec' || next === 'dlx')) return skipOptions(words.slice(2));
  if (/^(ddtrace-run|opentelemetry-instrument|doppler)$/.test(name)) return skipOptions(words.slice(1));
  if (name === 'newrelic-admin' && next === 'run-program') return words.slice(2);
  if (isPython(name)) {
    const m = words.findIndex((w, i) => i > 0 && w.value === '-m');
    const firstArg = words.findIndex((w, i) => i > 0 && !w.value.startsWith('-'));
    if (m > 0 && words[m + 1] && (firstArg < 0 || firstArg > m)) return words.slice(m + 1);
  }
  return words;
}

function skipOptions<W extends { value: string }>(words: W[]): W[] {
  let i = 0;
  while (i < words.length && words[i].value.startsWith('-')) i++;
  return words.slice(i);
}

export function isPython(program: string): boolean {
  return /^python(\d+(\.\d+)?)?$/.test(program);
}

/** The document offset of the `&` that sends `command` to the background. */
export function backgroundOperatorRange(source: SourceText, command: SimpleCommand): Range | undefined {
  let offset = source.offsetAt(command.range.end);
  const text = source.text;
  while (offset < text.length && text[offset] !== '&' && text[offset] !== '\n' && text[offset] !== '"') offset++;
  if (text[offset] !== '&') return undefined;
  return source.rangeOf(offset, offset + 1);
}

export function baseName(value: string): string {
  return value.split('/').pop() ?? value;
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/**
 * The range of `value.slice(start, end)` inside a word, when the word is written on
 * one line as its value (optionally in one pair of quotes); the word's range otherwise.
 */
export function subRange(source: SourceText, word: ShellWord, start: number, end: number): Range {
  if (word.range.start.line !== word.range.end.line) return word.range;
  let delta: number | undefined;
  if (word.raw === word.value) delta = 0;
  else if (word.raw.length === word.value.length + 2 && /^(["']).*\1$/s.test(word.raw) && word.raw.slice(1, -1) === word.value) delta = 1;
  else {
    // e.g. `--bind="0.0.0.0:8000"`: locate the piece in the raw text when it is unambiguous.
    const piece = word.value.slice(start, end);
    const at = word.raw.indexOf(piece);
    if (piece && at >= 0 && word.raw.indexOf(piece, at + 1) < 0) delta = at - start;
  }
  if (delta === undefined) return word.range;
  const base = source.offsetAt(word.range.start) + delta;
  return source.rangeOf(base + start, base + end);
}

/** Range spanning from the start of `a` to the end of `b`. */
export function spanOf(a: ShellWord, b: ShellWord): Range {
  return { start: a.range.start, end: b.range.end };
}

// ---------------------------------------------------------------------------
// Addresses and ports of server commands

export interface AddressOption {
  /** The option word (`--bind`, `-b`, `--port=8000`). */
  option: ShellWord;
  /** The word that holds the value (the option word itself for `--opt=value`). */
  valueWord: ShellWord;
  /** Offset of the value inside `valueWord.value`. */
  valueStart: number;
  value: string;
  host?: { text: string; start: number; end: number };
  port?: { text: string; start: number; end: number };
}

/** Options whose value is `host:port`, a URL, a host or a port. */
const ADDRESS_OPTIONS = new Set(['--bind', '-b', '--listen', '-l', '--http', '--http-socket', '-S', '--urls', '--address', '--addr', '-addr', '-listen', '--listen-address', '--server.address', '-Dserver.address', '--host', '-H', '--hostname', '--http-address', '--web.listen-address', '--grpc-address']);
/** Options whose value is a port. */
const PORT_OPTIONS = new Set(['--port', '-p', '--server.port', '-Dserver.port', '--http-port', '-port', '--listen-port', '-Dquarkus.http.port', '-Dmicronaut.server.port', '--PORT']);
/** Options whose value is a host (never a bare port). */
const HOST_ONLY_OPTIONS = new Set(['--host', '-H', '--hostname', '--server.address', '-Dserver.address']);
/** Programs whose `-p`, `-H`, `-l`, `-b`, `-S` mean something else. */
const SHORT_OPTIONS_UNSAFE = new Set(['java', 'node', 'python', 'python3', 'bash', 'sh', 'curl', 'wget', 'ssh', 'mkdir', 'cp', 'tar', 'ls', 'ln', 'grep', 'sed', 'cat', 'tail', 'nc', 'timeout', 'sleep', 'echo', 'printf', 'chmod', 'chown', 'install', 'psql', 'mysql', 'redis-cli']);

/** Short options that mean something else to one program: gunicorn's and hypercorn's `-p` name a pid file, uwsgi's is its processes. */
const SHORT_OPTIONS_OF: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['gunicorn', new Set(['-p'])],
  ['hypercorn', new Set(['-p'])],
  ['uwsgi', new Set(['-p'])],
]);

/** Address and port options on a start command, with their parts located. */
export function addressOptions(command: Pick<StartCommand, 'program' | 'words'>): AddressOption[] {
  const out: AddressOption[] = [];
  const words = command.words;
  const shortOk = !SHORT_OPTIONS_UNSAFE.has(command.program) && !(command.program === 'php' && !words.some((w) => w.value === '-S'));
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    let name = w.value;
    let valueWord: ShellWord | undefined;
    let valueStart = 0;
    const eq = w.value.indexOf('=');
    if (w.value.startsWith('-') && eq > 0) {
      name = w.value.slice(0, eq);
      valueWord = w;
      valueStart = eq + 1;
    } else if (w.value.startsWith('-')) {
      valueWord = words[i + 1];
    } else continue;
    const isAddress = ADDRESS_OPTIONS.has(name);
    const isPort = PORT_OPTIONS.has(name);
    if (!isAddress && !isPort) continue;
    if (/^-[A-Za-z]$/.test(name) && (!shortOk || SHORT_OPTIONS_OF.get(command.program)?.has(name))) continue;
    if (name === '-S' && command.program !== 'php') continue;
    if (!valueWord || (valueWord !== w && valueWord.value.startsWith('-'))) continue;
    const value = valueWord.value.slice(valueStart);
    const option: AddressOption = { option: w, valueWord, valueStart, value };
    if (isPort) {
      option.port = { text: value, start: valueStart, end: valueStart + value.length };
    } else {
      const parsed = parseAddress(value, HOST_ONLY_OPTIONS.has(name));
      if (parsed.host) option.host = { ...parsed.host, start: parsed.host.start + valueStart, end: parsed.host.end + valueStart };
      if (parsed.port) option.port = { ...parsed.port, start: parsed.port.start + valueStart, end: parsed.port.end + valueStart };
    }
    out.push(option);
    if (valueWord !== w) i++;
  }
  return out;
}

/** Splits `host:port`, `[::1]:80`, `tcp://host:port`, `http://+:8080;https://…`, `:8000`, `8000`. */
export function parseAddress(value: string, hostOnly = false): { host?: { text: string; start: number; end: number }; port?: { text: string; start: number; end: number } } {
  const first = value.split(/[;,]/)[0];
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(first);
  let start = scheme ? scheme[0].length : 0;
  const rest = first.slice(start);
  if (/^unix:/i.test(first) || first.startsWith('/')) return {};
  const m = /^(\[[^\]]*\]|[^:/]*)(?::(\$\{[^}]*\}|\$?[A-Za-z0-9_]+))?/.exec(rest);
  if (!m) return {};
  const hostText = m[1];
  const result: ReturnType<typeof parseAddress> = {};
  if (!hostOnly && !scheme && m[2] === undefined && /^(\d+|\$\{?[A-Za-z_]*PORT[A-Za-z_]*(:-\d+)?\}?)$/.test(hostText)) {
    result.port = { text: hostText, start, end: start + hostText.length };
    return result;
  }
  if (hostText) result.host = { text: hostText, start, end: start + hostText.length };
  if (m[2] !== undefined) {
    start += hostText.length + 1;
    result.port = { text: m[2], start, end: start + m[2].length };
  }
  return result;
}

/** True for loopback host names that make a server unreachable from outside the container. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === 'ip6-localhost';
}

// ---------------------------------------------------------------------------
// Images and stages

/** The oldest ancestor of `stage` (the stage whose FROM names an external image). */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  const seen = new Set<Stage>();
  while (s.parent && !seen.has(s)) {
    seen.add(s);
    s = s.parent;
  }
  return s;
}

/** The external image the final image is built on: name lower-cased, or undefined when unknown. */
export function baseImageOf(stage: Stage): { name: string; tag: string; full: string } | undefined {
  const root = rootStage(stage);
  const name = root.image.name?.toLowerCase();
  if (!name) return undefined;
  const tag = (root.image.tag ?? '').toLowerCase();
  return { name, tag, full: root.image.expanded!.toLowerCase() };
}

export { officialName } from '../kubernetes/images';

// ---------------------------------------------------------------------------
// Which process is PID 1

/** Words that open or close a compound command, or a subshell: a script holding one is more than a list of simple commands. */
const COMPOUND_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'select', 'while', 'until', 'do', 'done', 'case', 'esac', '{', '}', '!', 'function', 'coproc', 'time']);

/** A word that is a redirection (`>`, `2>&1`, `<in`, `&>log`), as written. */
const REDIRECTION = /^(?:[0-9]*[<>]|&>)/;

/**
 * The shell that runs `instruction` when it is written in shell form: the program of the `SHELL` instruction in force
 * there (earlier in its stage, or inherited from the stage it is built on), else `/bin/sh`; undefined when that
 * `SHELL` cannot be read.
 */
export function shellFor(model: DockerfileModel, instruction: Instruction): string | undefined {
  let stage = model.stageOf(instruction);
  let before: Instruction | undefined = instruction;
  const seen = new Set<Stage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    let shell: Instruction | undefined;
    for (const i of stage.instructions) {
      if (i === before) break;
      if (i.getKeyword() === 'SHELL') shell = i;
    }
    if (shell) return jsonArguments(model, shell)?.[0]?.value || undefined;
    before = undefined;
    stage = stage.parent && stage.parent.index < stage.index ? stage.parent : undefined;
  }
  return '/bin/sh';
}

/**
 * True when nothing but blank lines and comments follows `command` in its script: it ends the text, or a `;` or a line
 * break that nothing follows ends it (`sh -c "a && b;"`: the shells measured read it as `a && b`).
 */
export function endsScript(command: SimpleCommand): boolean {
  return command.terminator === 'end' || command.terminator === ';' || command.terminator === '\n';
}

/**
 * True when `shell -c '<script>'` replaces itself with the script's last command, as if that command began with
 * `exec`: the command becomes PID 1 and receives SIGTERM itself. Measured with `ps` on Debian 12's shells:
 * - BusyBox sh (1.35; `/bin/sh` on Alpine and BusyBox images) does so for the last simple command of a list run one
 *   after another (`a && b`, `a; b`, lines), redirections included, unless the script sets a `trap`;
 * - bash (5.2) does so for a lone simple command without a redirection or `trap` (it also does for the last of a list,
 *   but older releases did not, so only a lone command counts here);
 * - dash (0.5.12, `/bin/sh` on Debian and Ubuntu) never does.
 * A trailing `;` changes none of this; a trailing line break makes BusyBox sh fork (bash still replaces itself).
 * Anything else (a compound command or subshell, a pipeline, `||`, a backgrounded command, another shell) is false.
 */
export function shellExecsLastCommand(shell: string | undefined, stage: Stage, line: CommandLine): boolean {
  const commands = line.commands;
  if (commands.length === 0 || !shell) return false;
  const name = shell.split('/').pop();
  let kind: 'bash' | 'busybox';
  if (name === 'bash') kind = 'bash';
  else if (name === 'sh' || name === 'ash') {
    const base = baseImageOf(stage);
    if (!base || !(isAlpineImage(base.name, base.tag) || /(^|\/)busybox$/.test(base.name))) return false;
    kind = 'busybox';
  } else return false;
  if (kind === 'bash' && commands.length > 1) return false;
  const last = commands[commands.length - 1];
  if (!endsScript(last)) return false;
  // BusyBox sh forks when a line break follows the last command (`a\n`, `a;\n`); a trailing `;` alone is no line.
  if (kind === 'busybox' && last.terminator !== 'end' && !(last.terminator === ';' && /;[ \t]*$/.test(line.script?.text ?? ''))) return false;
  for (const command of commands) {
    if (command !== last && command.terminator !== '&&' && command.terminator !== ';' && command.terminator !== '\n') return false;
    const first = command.words.find((w) => !ASSIGNMENT.test(w.value));
    if (!first || first.value === 'trap' || COMPOUND_WORDS.has(first.value)) return false;
    if (command.words.some((w) => w.raw.startsWith('(') || w.raw.endsWith(')'))) return false;
  }
  return kind === 'busybox' || !last.words.some((w) => REDIRECTION.test(w.raw));
}

/**
 * Dockerfiles written for local development, where dev servers and debuggers are the
 * point: `Dockerfile.dev`, `dev.Dockerfile`, `Dockerfile.development`, `.devcontainer/`.
 */
export function isDevelopmentDockerfile(uri: string): boolean {
  const path = uriPath(uri);
  if (/(^|\/)\.devcontainer\//.test(path)) return true;
  const base = path.split('/').pop() ?? '';
  return DEVELOPMENT_DOCKERFILE.test(base);
}

/**
 * True when the image the Dockerfile makes is one for development: the Dockerfile is one (isDevelopmentDockerfile), or
 * the stage it ships (finalStage), after others, is a development target: a last stage `AS dev` after stages that
 * build it, none named as the release. With a release stage (`FROM release AS debug`, Jaeger's, built with
 * `--target release`), the release stage is the one judged.
 */
export function isDevelopmentImage(model: DockerfileModel, uri: string): boolean {
  if (isDevelopmentDockerfile(uri)) return true;
  const final = model.finalStage;
  return !!final && final.index > 0 && !!final.name && DEVELOPMENT_STAGE.test(final.name);
}

/** Values of ENV and ARG defaults visible in `stage`, for expanding `$PORT`-style references. */
export function variablesOf(model: DockerfileModel, stage: Stage): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>(model.globalArgs);
  for (const instruction of model.inheritedInstructions(stage)) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    for (const property of propertiesOf(instruction)) {
      if (keyword === 'ARG' && property.value === '' && values.has(property.name)) continue;
      values.set(property.name, keyword === 'ARG' && property.value === '' ? undefined : property.value);
    }
  }
  return values;
}

/** EXPOSE ports of the final image (its stage and the stages it is built FROM). */
export interface ExposedPort {
  port: string;
  /** The port number when known after expansion. */
  number: number | undefined;
  range: Range;
  instruction: Instruction;
}

export function exposedPorts(model: DockerfileModel, stage: Stage): ExposedPort[] {
  const values = variablesOf(model, stage);
  const out: ExposedPort[] = [];
  for (const instruction of model.inheritedInstructions(stage, 'EXPOSE')) {
    for (const arg of instruction.getArguments()) {
      const raw = arg.getValue();
      const expanded = model.expand(raw, values);
      const m = expanded ? /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(expanded) : null;
      const slash = raw.indexOf('/');
      const range = slash > 0 ? { start: arg.getRange().start, end: { line: arg.getRange().start.line, character: arg.getRange().start.character + slash } } : arg.getRange();
      out.push({ port: raw, number: m ? Number(m[1]) : undefined, range, instruction });
    }
  }
  return out;
}

/** Expands a port text (`8000`, `$PORT`, `${PORT:-8000}`) to a number when known. */
export function portNumber(model: DockerfileModel, text: string, values: Map<string, string | undefined>): number | undefined {
  const expanded = model.expand(text, values);
  if (!expanded || !/^\d{1,5}$/.test(expanded)) return undefined;
  return Number(expanded);
}

// ---------------------------------------------------------------------------
// Server-like programs

/** Stems that name a program that serves nothing, found inside a word (`celeryworker`, `dbmigrator`). */
const NOT_A_SERVER_STEM = /worker|job|cron|consumer|queue|migrat|seed|scheduler|batch|backup/;
/** Short words of the same sense, only as whole words: `cli` is no part of `ClinicManagement`, nor `script` of `Subscription`. */
const NOT_A_SERVER_WORD = /^(cli|scripts?|tasks?|beat|setup|init|initiali[sz]e|initiali[sz]er)$/;
/** Words that say a program serves: they win over the others (`Worker.API.dll`, `JobBoard.Web.dll`). */
const SERVER_WORD = /^(api|web|webapi|webapp|server|gateway|http|site|portal|frontend|backend)$/;

/**
 * True when a program's name (`worker.js`, `db-migrate.jar`, `Shop.Scheduler.dll`) says it serves nothing, read word by
 * word: `TaskManager.Api.dll` and `SubscriptionService.dll` (lukas1299/Worker's `Worker.API.dll` too) are servers.
 */
function namesNonServer(name: string): boolean {
  // Words split at case changes and separators, lower-cased (`TaskManager.Api.dll` -> task, manager, api, dll).
  const words = wordsOf(baseName(name)).map((w) => w.toLowerCase());
  if (words.some((w) => SERVER_WORD.test(w))) return false;
  return words.some((w) => NOT_A_SERVER_STEM.test(w) || NOT_A_SERVER_WORD.test(w));
}

/**
 * A Node script named as a server's entry point (`server.js`, `app.js`, `bin/www`, `dist/server/index.mjs`). An
 * `index.js` or `main.js` takes its meaning from its folder: `worker/index.js` is the worker, and
 * `action-dist/index.js` a GitHub Action's bundle, which handles one event and exits.
 */
function isServerScript(script: string): boolean {
  if (!/(^|\/)(server|app|index|main|www|start|bin\/www)(\.[cm]?[jt]s)?$|(^|\/)(dist|build|\.output)\/server\/index\.m?js$/.test(script)) return false;
  const folders = script.split('/').slice(0, -1);
  const folder = folders[folders.length - 1] ?? '';
  return !(/^(index|main)(\.[cm]?[jt]s)?$/.test(baseName(script)) && (namesNonServer(folder) || /(^|[-_.])actions?([-_.]|$)/i.test(folder)));
}

/**
 * .NET's runtime images without ASP.NET Core (`mcr.microsoft.com/dotnet/runtime`, the older `dotnet/core/runtime` and
 * `microsoft/dotnet:…-runtime`): `dotnet app.dll` on them is a console app, since no web host can run there.
 */
function isConsoleOnlyDotnetImage(base: { name: string; tag: string } | undefined): boolean {
  if (!base) return false;
  if (/(^|\/)dotnet\/(core\/)?runtime$/.test(base.name)) return true;
  return /(^|\/)microsoft\/dotnet$/.test(base.name) && /(^|-)runtime$/.test(base.tag) && !base.tag.includes('aspnetcore');
}

/**
 * A short name for the server a start command runs (`gunicorn`, `node server.js`, `java -jar`), if it is one. `base`
 * is the image the command's stage is built on, where known ({@link baseImageOf}).
 */
export function serverKind(command: Pick<StartCommand, 'program' | 'words'>, base?: { name: string; tag: string }): string | undefined {
  const p = command.program;
  const v = command.words.map((w) => w.value);
  const args = v.slice(1);
  const mentionsNonServer = args.some((a) => !a.startsWith('-') && namesNonServer(a));
  if (/^(gunicorn|uvicorn|hypercorn|daphne|waitress-serve|uwsgi|granian|puma|unicorn|thin|passenger|falcon|iodine|next|nuxt|remix-serve|serve|http-server|caddy|traefik|envoy|haproxy)$/.test(p)) {
    if ((p === 'next' || p === 'nuxt') && args[0] !== 'start') return undefined;
    if (p === 'caddy' && args[0] !== 'run') return undefined;
    return p;
  }
  if ((p === 'rails' || p === 'rackup') && (p === 'rackup' || args[0] === 'server' || args[0] === 's')) return `${p} server`;
  if (p === 'php' && args[0] === '-S') return 'php -S';
  if (p === 'php' && /artisan$/.test(args[0] ?? '') && /^(serve|octane:start|octane:frankenphp)$/.test(args[1] ?? '')) return `php artisan ${args[1]}`;
  if (p === 'frankenphp' && /^(run|php-server)$/.test(args[0] ?? '')) return 'frankenphp';
  if ((p === 'npm' || p === 'yarn' || p === 'pnpm' || p === 'bun') && (args[0] === 'start' || (args[0] === 'run' && args[1] === 'start'))) return `${p} start`;
  if (/^(node|bun|deno)$/.test(p)) {
    const script = args.find((a) => !a.startsWith('-'));
    if (p === 'deno' && script !== 'run' && script !== 'serve') return undefined;
    if (script && !mentionsNonServer && isServerScript(script)) return `${p} ${script}`;
    return undefined;
  }
  // pm2's foreground mode runs the script as node would (`pm2-runtime ./build/server.js`); an ecosystem file is not read.
  if (p === 'pm2-runtime') {
    const script = args.find((a) => !a.startsWith('-') && a !== 'start');
    if (script && !mentionsNonServer && /\.[cm]?[jt]s$/.test(script) && isServerScript(script)) return `${p} ${script}`;
    return undefined;
  }
  if (/^java$/.test(p) && args.includes('-jar') && !mentionsNonServer) return 'java -jar';
  if (p === 'java' && args.some((a) => /^(org\.springframework\.boot\.loader\.|io\.quarkus\.)/.test(a) || /quarkus-run\.jar$/.test(a))) return 'java';
  if (p === 'dotnet' && /\.dll$/.test(args[0] ?? '') && !mentionsNonServer && !isConsoleOnlyDotnetImage(base)) return `dotnet ${args[0]}`;
  if (p === 'flask' && args[0] === 'run') return 'flask run';
  if (p === 'fastapi' && args[0] === 'run') return 'fastapi run';
  if ((p === 'manage.py' || (isPython(p) && /manage\.py$/.test(args[0] ?? ''))) && args.includes('runserver')) return 'manage.py runserver';
  if (p === 'catalina.sh' && args[0] === 'run') return 'catalina.sh';
  if (p === 'mix' && args[0] === 'phx.server') return 'mix phx.server';
  return undefined;
}
