/**
 * A shell script's command lines as a reader of entrypoint scripts needs them: outside here-document bodies, with
 * continuation lines joined, comments and blank lines left out; and the simple commands it runs on every start.
 * Pure: no I/O; linear in the script's length.
 */
import { SourceText } from '../source';
import { logicalText, splitCommands, verbatimText, type ShellWord, type SimpleCommand } from './shell';
import { baseName } from './instructions';

/** A shebang that runs a POSIX-style shell (`/bin/sh`, `/usr/bin/env bash`, `/bin/busybox sh` …). */
const SHELL_SHEBANG = /^#!\s*\S*?\b(?:env\s+(?:-\S+\s+)*|busybox\s+)?(sh|bash|ash|dash|ksh|zsh)(?:\s|$)/;

/** True when a shell runs the script: its shebang names sh, bash, ash, dash, ksh or zsh, or it has none and a `.sh` name. */
export function isShellScript(text: string, path: string): boolean {
  const newline = text.indexOf('\n');
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).replace(/\r$/, '');
  return firstLine.startsWith('#!') ? SHELL_SHEBANG.test(firstLine) : /\.(sh|bash)$/.test(path);
}

const OPENERS = new Set(['if', 'while', 'until', 'for', 'case', 'select', '{']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
const TESTS = new Set(['[', '[[', 'test']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** A function definition's first line: `name() {`, `name ()`, `function name {`. */
const FUNCTION_OPENER = /^(?:function\s+([A-Za-z_][\w-]*)|([A-Za-z_][\w-]*)\s*\(\s*\))/;

interface ScriptFunctions {
  /** Every line of every definition, from `name() {` to the line of its closing brace. */
  lines: Set<number>;
  /** The body of each function written over several lines (`name() {` … `}` alone on its line), as text offsets. */
  bodies: Map<string, { start: number; end: number }>;
}

/**
 * The script's function definitions, by counting braces line by line (a `${VAR}` opens and closes on its line). The
 * lexer reads the braces as words or drops them, so the bodies are found here.
 */
function scriptFunctions(text: string): ScriptFunctions {
  const lines = new Set<number>();
  const bodies = new Map<string, { start: number; end: number }>();
  const braces = (t: string) => (t.match(/\{/g)?.length ?? 0) - (t.match(/\}/g)?.length ?? 0);
  let open = 0;
  let inside = false;
  let awaiting = false;
  let name: string | undefined;
  let bodyStart = -1;
  let offset = 0;
  text.split('\n').forEach((raw, line) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const t = raw.trim();
    if (!inside) {
      const opener = FUNCTION_OPENER.exec(t);
      if (!opener) return;
      lines.add(line);
      inside = true;
      name = opener[1] ?? opener[2];
      awaiting = !t.includes('{');
      // The body starts on the next line when the brace ends this one.
      bodyStart = !awaiting && t.endsWith('{') ? offset : -1;
      open = braces(t);
      if (!awaiting && open <= 0) inside = false;
      return;
    }
    lines.add(line);
    if (awaiting) {
      if (!t.startsWith('{')) return;
      awaiting = false;
      bodyStart = t === '{' ? offset : -1;
    }
    open += braces(t);
    if (open > 0) return;
    inside = false;
    if (name !== undefined && bodyStart >= 0 && t === '}' && !bodies.has(name)) bodies.set(name, { start: bodyStart, end: lineStart });
  });
  return { lines, bodies };
}

/**
 * How deep calls of the script's own functions are followed, and how many commands of function bodies one reading
 * visits at most (a call reads its body again each time: the bound keeps a script of many calls of many calls linear).
 */
const MAX_CALL_DEPTH = 4;
const MAX_CALL_VISITS = 4_000;

/**
 * An open block of the script. `known`: an `if` whose tests compare `$1` with a word, or a `case "$1"`, with the
 * script's arguments known; `taken` whether the branch at hand runs, `done` whether an earlier one of it did.
 */
interface Block {
  kind: 'if' | 'case' | 'other';
  known: boolean;
  taken: boolean;
  done: boolean;
}

/** How many alternatives of one `case` pattern (`web|serve|api)`) are read. */
const MAX_ALTERNATIVES = 16;

/**
 * Whether the test of an `if` or `elif` holds for the script's arguments: `[ "$1" = web ]`, `[[ $1 == web ]]`,
 * `test "$1" != web`; undefined for any other test, or when the arguments are not known.
 */
function argumentTest(words: readonly { value: string }[], terminator: string, args: readonly string[] | undefined): boolean | undefined {
  if (!args || terminator === '&&' || terminator === '||') return undefined;
  const w = words.slice(1).map((x) => x.value);
  const inner = w[0] === '[' && w[w.length - 1] === ']' ? w.slice(1, -1) : w[0] === '[[' && w[w.length - 1] === ']]' ? w.slice(1, -1) : w[0] === 'test' ? w.slice(1) : undefined;
  if (!inner || inner.length !== 3 || !['=', '==', '!='].includes(inner[1])) return undefined;
  const isFirst = (x: string) => x === '$1' || x === '${1}';
  const literal = isFirst(inner[0]) ? inner[2] : isFirst(inner[2]) ? inner[0] : undefined;
  // A variable, or a pattern of `[[ … == … ]]`, is not a word to compare.
  if (literal === undefined || literal.includes('$') || (w[0] === '[[' && /[*?[]/.test(literal))) return undefined;
  const equal = (args[0] ?? '') === literal;
  return inner[1] === '!=' ? !equal : equal;
}

/**
 * The pattern of a `case` branch that starts at `commands[at]` (`web)`, `"migrate")`, `web|serve)`): one word per
 * alternative, the last followed by `)`, all on one line. `last` is the index of the pattern's last command.
 */
function casePatterns(source: SourceText, commands: readonly SimpleCommand[], at: number): { values: string[]; last: number } | undefined {
  // A pattern starts its line, or follows the `;;` of the branch before it (not a subshell's `(make)`).
  const start = commands[at].range.start;
  const before = source.text.slice(source.offsetAt({ line: start.line, character: 0 }), source.offsetAt(start)).trim();
  if (before !== '' && !before.endsWith(';;')) return undefined;
  const values: string[] = [];
  for (let i = at; i < commands.length && i - at < MAX_ALTERNATIVES; i++) {
    const command = commands[i];
    if (command.words.length !== 1 || command.range.start.line !== commands[at].range.start.line) return undefined;
    values.push(command.words[0].value);
    if (closesPattern(source, command)) return { values, last: i };
    if (command.terminator !== '|') return undefined;
  }
  return undefined;
}

/** True when `)` follows the command on its line (blanks between): the lexer ends a pattern's word there and drops it. */
function closesPattern(source: SourceText, command: SimpleCommand): boolean {
  const text = source.text;
  let at = source.offsetAt(command.range.end);
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return text[at] === ')';
}

/**
 * The simple commands of a shell script that run on every start (the condition of an `until` loop among them): not inside a loop, a brace group, an `if` or a
 * `case` (unless `args`, the script's arguments, decide it: `if [ "$1" = "migrate-and-serve" ]`, `case "$1" in`
 * `web)`), not after `||`, nor in a `&&` list that starts with a test (`[ "$MIGRATE" = 1 ] && …`), nor after a
 * conditional `return 0`. A call of one of the script's functions yields the commands of its body, read the same way
 * with the call's arguments (at most MAX_CALL_DEPTH calls deep). They end with the first command that replaces the
 * shell (`exec "$@"`), included: nothing after it runs. Words and ranges are the script's own (`uri`).
 */
export function unconditionalCommands(uri: string, text: string, args?: readonly string[]): SimpleCommand[] {
  return readScript(uri, text, args).commands;
}

/**
 * Every simple command of a script in the order written, in branches and loops too (without the `then`, `else` or `do`
 * that opens a branch), but not the conditions of `if`, `elif`, `while` and `until`, nor the bodies of the script's
 * functions: what the script may run, where unconditionalCommands is what it always runs.
 */
export function writtenCommands(uri: string, text: string): SimpleCommand[] {
  const source = new SourceText(uri, text);
  const functions = scriptFunctions(text);
  const out: SimpleCommand[] = [];
  for (const command of splitCommands(source, logicalText(source, 0, text.length))) {
    if (functions.lines.has(command.range.start.line)) continue;
    const first = command.words[0] && !command.words[0].quoted ? command.words[0].value : '';
    if (first === 'if' || first === 'elif' || first === 'while' || first === 'until') continue;
    out.push(first === 'then' || first === 'else' || first === 'do' ? { ...command, words: command.words.slice(1) } : command);
  }
  return out;
}

export interface ScriptReading {
  /** unconditionalCommands' answer. */
  commands: SimpleCommand[];
  /**
   * True when a command that may start a process (not an `echo`, a test or a file operation) begins after the last of
   * `commands`, in a branch or not: handesk's `php artisan migrate --seed` is followed by `php-fpm` in both branches of
   * an `if`, so the migration is not what the container ends up running.
   */
  processAfterLast: boolean;
}

/** unconditionalCommands, and what follows the last of them, from one split of the script. */
export function readScript(uri: string, text: string, args?: readonly string[]): ScriptReading {
  const source = new SourceText(uri, text);
  const functions = scriptFunctions(text);
  const bodies = new Map<string, SimpleCommand[]>();
  const bodyOf = (name: string): SimpleCommand[] | undefined => {
    const range = functions.bodies.get(name);
    if (!range) return undefined;
    let body = bodies.get(name);
    if (!body) bodies.set(name, (body = splitCommands(source, logicalText(source, range.start, range.end))));
    return body;
  };
  const out: SimpleCommand[] = [];
  const top = splitCommands(source, logicalText(source, 0, text.length)).filter((c) => !functions.lines.has(c.range.start.line));
  let visits = 0;
  const maxVisits = top.length + MAX_CALL_VISITS;
  read(top, args, 0);
  const last = out[out.length - 1];
  const after = last ? source.offsetAt(last.range.end) : -1;
  return { commands: out, processAfterLast: last !== undefined && top.some((c) => startsProcess(c) && source.offsetAt(c.range.start) > after) };

  /** Reads `commands` into `out`; true when one of them replaced the shell (nothing after it runs). */
  function read(commands: readonly SimpleCommand[], args: readonly string[] | undefined, depth: number): boolean {
    const blocks: Block[] = [];
    // Whether the command at hand runs only as an earlier one of its `&&`/`||` list decides.
    let guarded = false;
    // A `return 0` or `exit 0` inside a condition: what follows runs only when the condition did not hold.
    let mayHaveLeft = false;
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i];
      if (++visits > maxVisits) return true;
      let words = command.words.filter((w, i) => i > 0 || !ASSIGNMENT.test(w.value));
      let first = words[0] && !words[0].quoted ? words[0].value : '';
      const top = blocks[blocks.length - 1];
      // A pattern of the `case` at hand (`web|serve)`): it starts a branch, and runs nothing.
      const patterns = top?.kind === 'case' ? casePatterns(source, commands, i) : undefined;
      if (top && patterns) {
        if (top.known) {
          const matches = patterns.values.map((p) => (p === '*' ? true : /[*?[]/.test(p) || p.includes('$') ? undefined : p === (args?.[0] ?? '')));
          if (matches.includes(undefined) && !top.done) top.known = false;
          else {
            top.taken = !top.done && matches.includes(true);
            top.done ||= top.taken;
          }
        }
        i = patterns.last;
        guarded = false;
        continue;
      }
      if (first === 'elif' && top?.kind === 'if' && top.known) {
        const holds = argumentTest(words, command.terminator, args);
        if (holds === undefined && !top.done) top.known = false;
        else {
          top.taken = !top.done && holds === true;
          top.done ||= top.taken;
        }
      }
      // `then cmd`, `else cmd`, `do cmd`: the keyword, then a command of the block.
      if (first === 'then' || first === 'else' || first === 'do') {
        if (first === 'else' && top?.kind === 'if' && top.known) {
          top.taken = !top.done;
          top.done = true;
        }
        words = words.slice(1);
        first = words[0] && !words[0].quoted ? words[0].value : '';
      }
      const opensFunction = first === 'function' || /^[A-Za-z_][\w-]*\(\)$/.test(first) || words[1]?.value === '()';
      const running = blocks.every((b) => b.known && b.taken) && !mayHaveLeft;
      // In a branch the arguments rule out: never runs, not even its `return 0`.
      const ruledOut = blocks.some((b) => b.known && !b.taken);
      if (CLOSERS.has(first)) blocks.pop();
      else if (first === 'if') {
        const holds = argumentTest(words, command.terminator, args);
        blocks.push({ kind: 'if', known: holds !== undefined, taken: holds === true, done: holds === true });
      } else if (first === 'case') {
        // `case "$1" in`: its branches are chosen by the script's first argument.
        const known = args !== undefined && words.length === 3 && (words[1].value === '$1' || words[1].value === '${1}') && words[2].value === 'in';
        blocks.push({ kind: 'case', known, taken: false, done: false });
      } else if (OPENERS.has(first) || opensFunction) {
        // `until dotnet ef database update; do sleep 1; done`: the condition of a retry loop runs on every start, at
        // least once, until it succeeds (kukielp/dotnetcore31quickstart); not a test (`until [ -f ready ]`) or a negation.
        if (first === 'until' && running && !guarded && words.length > 1 && !TESTS.has(words[1].value) && words[1].value !== '!') out.push({ ...command, words: words.slice(1) });
        blocks.push({ kind: 'other', known: false, taken: false, done: false });
      }
      else if (first === 'elif' || words.length === 0) {
        // The test of an `elif` (read above), or a lone `then`/`else`.
      } else if (!running) {
        if (!ruledOut && (first === 'return' || first === 'exit') && (words.length === 1 || words[1].value === '0')) mayHaveLeft = true;
      } else if (!guarded) {
        const body = depth < MAX_CALL_DEPTH ? bodyOf(first) : undefined;
        const inner = !body && depth < MAX_CALL_DEPTH ? innerScript(source, words) : undefined;
        if (inner) {
          // `exec su app -c 'migrate && serve'`: the quoted script's commands run; after `exec`, nothing of this one does.
          if (read(inner, undefined, depth + 1) || first === 'exec') return true;
        } else if (body) {
          // `name "$@"` hands the function the script's arguments; other words are its own.
          const callArgs = words.length === 2 && words[1].value === '$@' ? args : words.slice(1).map((w) => w.value);
          if (read(body, callArgs?.some((v) => v.includes('$')) ? undefined : callArgs, depth + 1)) return true;
        } else {
          out.push(command);
          if (first === 'exec' && words.length > 1 && !/^\d*[<>]/.test(words[1].value)) return true;
          // `shift` and `set -- …` change what `$1` is.
          if (first === 'shift' || (first === 'set' && words[1]?.value === '--')) args = undefined;
        }
      }
      if (command.terminator === '&&') guarded ||= TESTS.has(first);
      else if (command.terminator === '||') guarded = true;
      else guarded = false;
    }
    return false;
  }
}

/** Programs that run the script given to their `-c` option: shells, and `su` (`su -s /bin/sh app -c '...'`). */
const SCRIPT_RUNNERS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'su']);
/** Wrappers before such a program that run it as another user or under an init. */
const RUNNER_WRAPPERS = new Set(['exec', 'gosu', 'su-exec', 'tini', 'dumb-init', 'runuser', 'sudo', 'env', 'chpst', 's6-setuidgid']);

/**
 * The commands of the script a command hands to a shell or `su` with `-c` (`exec su -s /bin/sh app -c 'npx prisma
 * migrate deploy && npx tsx server.ts'`, Hemmelig), when that script is one quoted word written on one line with no
 * escape or variable in it, so that its text is the file's own; undefined otherwise.
 */
function innerScript(source: SourceText, words: readonly ShellWord[]): SimpleCommand[] | undefined {
  let at = 0;
  while (at < words.length && !SCRIPT_RUNNERS.has(baseName(words[at].value))) {
    if (!RUNNER_WRAPPERS.has(baseName(words[at].value)) && at === 0) return undefined;
    at++;
  }
  if (at >= words.length) return undefined;
  let c = at + 1;
  while (c < words.length && !/^-[a-z]*c$/.test(words[c].value)) c++;
  const script = words[c + 1];
  if (!script || !script.quoted || script.value.includes('$') || script.value.includes('\\')) return undefined;
  const start = source.offsetAt(script.range.start) + 1;
  const end = start + script.value.length;
  if (source.text.slice(start, end) !== script.value || !/^['"]$/.test(source.text.charAt(start - 1)) || source.text.charAt(end) !== source.text.charAt(start - 1)) return undefined;
  return splitCommands(source, verbatimText(source, start, end));
}

/** Commands that start nothing that stays: output, tests, shell keywords and settings. */
const NO_PROCESS = new Set(['echo', 'printf', ':', 'true', 'false', 'sleep', 'set', 'export', 'cd', 'test', '[', '[[', 'if', 'elif', 'then', 'else', 'fi', 'do', 'done', 'case', 'esac', 'for', 'while', 'until', 'exit', 'return', 'ln', 'sed', 'cp', 'mv', 'rm', 'mkdir', 'chmod', 'chown']);

/** True when a command may start a process: not output, a test, a shell keyword, a setting or a file operation. */
function startsProcess(command: SimpleCommand): boolean {
  const words = command.words.filter((w, i) => i > 0 || !ASSIGNMENT.test(w.value));
  const at = ['then', 'else', 'do'].includes(words[0]?.value ?? '') ? 1 : 0;
  return words[at] !== undefined && !NO_PROCESS.has(baseName(words[at].value));
}

export interface ScriptLine {
  /** The 0-based line where the command starts. */
  line: number;
  text: string;
}

/** The script's command lines outside heredoc bodies, continuation lines joined, comments and blank lines left out. */
export function scriptCommandLines(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  const lines = text.split('\n');
  let heredoc: string | undefined;
  let pending: ScriptLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (heredoc !== undefined) {
      if (raw.replace(/^\t+/, '') === heredoc) heredoc = undefined;
      continue;
    }
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) continue;
    const current: ScriptLine = pending ? { line: pending.line, text: `${pending.text} ${trimmed}` } : { line: i, text: trimmed };
    if (trimmed.endsWith('\\')) {
      pending = { line: current.line, text: current.text.slice(0, -1) };
      continue;
    }
    pending = undefined;
    const marker = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(trimmed);
    if (marker) heredoc = marker[2];
    out.push(current);
  }
  if (pending) out.push(pending);
  return out;
}
