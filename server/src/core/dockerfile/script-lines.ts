/**
 * A shell script's command lines as a reader of entrypoint scripts needs them: outside here-document bodies, with
 * continuation lines joined, comments and blank lines left out; and the simple commands it runs on every start.
 * Pure: no I/O; linear in the script's length.
 */
import { SourceText } from '../source';
import { logicalText, splitCommands, type SimpleCommand } from './shell';

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
const FUNCTION_OPENER = /^(?:function\s+[A-Za-z_][\w-]*|[A-Za-z_][\w-]*\s*\(\s*\))/;

/**
 * The lines of a script's function definitions, from `name() {` to the line of its closing brace, by counting braces
 * line by line (a `${VAR}` opens and closes on its line). The lexer reads the braces as words or drops them, so the
 * bodies are found here.
 */
function functionLines(text: string): Set<number> {
  const out = new Set<number>();
  const braces = (t: string) => (t.match(/\{/g)?.length ?? 0) - (t.match(/\}/g)?.length ?? 0);
  let open = 0;
  let inside = false;
  let awaiting = false;
  text.split('\n').forEach((raw, line) => {
    const t = raw.trim();
    if (!inside) {
      if (!FUNCTION_OPENER.test(t)) return;
      out.add(line);
      inside = true;
      awaiting = !t.includes('{');
      open = braces(t);
      if (!awaiting && open <= 0) inside = false;
      return;
    }
    out.add(line);
    if (awaiting) {
      if (!t.startsWith('{')) return;
      awaiting = false;
    }
    open += braces(t);
    if (open <= 0) inside = false;
  });
  return out;
}

/**
 * The simple commands of a shell script that run on every start, whatever its arguments and environment: not inside
 * `if`, `case`, a loop, a brace group or a function body, not after `||`, nor in a `&&` list that starts with a test
 * (`[ "$MIGRATE" = 1 ] && …`). They end with the first command that replaces the shell (`exec "$@"`), included:
 * nothing after it runs. Words and ranges are the script's own (`uri`).
 */
export function unconditionalCommands(uri: string, text: string): SimpleCommand[] {
  const source = new SourceText(uri, text);
  const out: SimpleCommand[] = [];
  const inFunction = functionLines(text);
  let depth = 0;
  // Whether the command at hand runs only as an earlier one of its `&&`/`||` list decides.
  let guarded = false;
  for (const command of splitCommands(source, logicalText(source, 0, text.length))) {
    const words = command.words.filter((w, i) => i > 0 || !ASSIGNMENT.test(w.value));
    const first = words[0] && !words[0].quoted ? words[0].value : '';
    const opensFunction = first === 'function' || /^[A-Za-z_][\w-]*\(\)$/.test(first) || words[1]?.value === '()';
    if (CLOSERS.has(first)) depth = Math.max(0, depth - 1);
    else if (OPENERS.has(first) || opensFunction) depth++;
    else if (depth === 0 && !guarded && words.length > 0 && !inFunction.has(command.range.start.line)) {
      out.push(command);
      if (first === 'exec' && words.length > 1 && !/^\d*[<>]/.test(words[1].value)) break;
    }
    if (command.terminator === '&&') guarded ||= TESTS.has(first);
    else if (command.terminator === '||') guarded = true;
    else guarded = false;
  }
  return out;
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

/**
 * The program a script hands its process to on its last command line (`exec cron -f`, `exec gosu app node …` gives
 * `cron` and `gosu`), as a base name; undefined when the last line does not `exec` a program.
 */
export function lastExecProgram(text: string): string | undefined {
  const lines = scriptCommandLines(text);
  const last = lines[lines.length - 1]?.text ?? '';
  const m = /^exec\s+(\S+)/.exec(last);
  if (!m || /^\d*[<>]/.test(m[1]) || /[$`"']/.test(m[1])) return undefined;
  return m[1].slice(m[1].lastIndexOf('/') + 1);
}
