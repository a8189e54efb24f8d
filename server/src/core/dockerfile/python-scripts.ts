/**
 * Python scripts an image starts (`python app.py`), as the build context offers them: whether the script serves its
 * Flask app with Flask's own development server (`app.run()`). The caller reads the file (see build-context.ts); this
 * reads its text line by line, with fixed patterns.
 */
import type { ShellWord } from './shell';

/** Interpreter options that take the next word as their value. */
const OPTION_WITH_VALUE = new Set(['-W', '-X', '--check-hash-based-pycs']);

/** The script word of a `python …` command line (`python -u app.py` → `app.py`); undefined for `-m`, `-c` or no `.py` file. */
export function pythonScriptWord(words: readonly ShellWord[]): ShellWord | undefined {
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    if (OPTION_WITH_VALUE.has(value)) i++;
    else if (value === '-m' || value === '-c' || value.startsWith('-c') || value.startsWith('-m')) return undefined;
    else if (!value.startsWith('-')) return value.endsWith('.py') ? words[i] : undefined;
  }
  return undefined;
}

export interface FlaskRun {
  /** 0-based line and character of the `app.run(` call, and its length up to the parenthesis. */
  line: number;
  character: number;
  length: number;
  /** The call's text as written (`app.run(`). */
  call: string;
  /** True when the call passes `debug=True`: the interactive debugger runs code sent by anyone who reaches it. */
  debug: boolean;
}

const IMPORTS_FLASK = /^\s*(from\s+flask\s+import\b|import\s+flask\b)/;
const MAKES_APP = /^\s*([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\(/;
const RUN_CALL = /^(\s*)([A-Za-z_]\w*)\.run\(/;

/**
 * Where a Python script starts Flask's development server: a line calling `.run(` on a name it assigned a
 * `Flask(…)` (or on `app`, the usual name of an application factory's result) in a script that imports Flask.
 */
export function flaskDevServerRun(text: string): FlaskRun | undefined {
  const lines = text.split('\n');
  if (!lines.some((l) => IMPORTS_FLASK.test(l))) return undefined;
  const apps = new Set(['app']);
  for (const line of lines) {
    const m = MAKES_APP.exec(line);
    if (m) apps.add(m[1]);
  }
  for (let i = 0; i < lines.length; i++) {
    const m = RUN_CALL.exec(lines[i]);
    if (!m || !apps.has(m[2])) continue;
    // The call's arguments: this line and the next few, up to the one that closes it.
    let debug = false;
    for (let j = i; j < Math.min(lines.length, i + 8); j++) {
      if (/\bdebug\s*=\s*True\b/.test(lines[j])) debug = true;
      if (lines[j].trimEnd().endsWith(')')) break;
    }
    return { line: i, character: m[1].length, length: m[2].length + '.run('.length, call: `${m[2]}.run()`, debug };
  }
  return undefined;
}

/**
 * True when a script's own output cannot sit in stdout's buffer: it calls `print` and every call passes
 * `flush=True`, or it calls none and logs through `logging` (to stderr, line-buffered: Yani464/TranslComets' bot);
 * and it names `stdout` nowhere else (no `sys.stdout.write`, no stdout logging handler). One pass over the text: each
 * call is read to its closing parenthesis, strings skipped; a call that never closes ends it.
 */
export function flushesEveryPrint(text: string): boolean {
  let prints = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf('print(', from);
    if (at < 0) break;
    from = at + 'print('.length;
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    // `pprint(`, `logger.print(`, `_print(`: not the builtin.
    if (before === 46 || before === 95 || (before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122)) continue;
    const end = closingParenthesis(text, from);
    if (end < 0) return false;
    if (!/\bflush\s*=\s*True\b/.test(text.slice(from, end))) return false;
    prints++;
    from = end + 1;
  }
  if (prints === 0 && !/^\s*(import\s+logging\b|from\s+logging\s+import\b)/m.test(text)) return false;
  return !text.includes('stdout');
}

/** The offset of the `)` that closes a call whose arguments start at `from`, past nested brackets and strings; -1 when none. */
function closingParenthesis(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? text.indexOf(c.repeat(3), i + 3) : stringEnd(text, i + 1, c);
      if (close < 0) return -1;
      i = triple ? close + 2 : close;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}

/** The offset of the quote that ends a one-line string started before `from`; -1 at a line end or the text's end. */
function stringEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n') return -1;
  }
  return -1;
}
