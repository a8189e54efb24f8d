import { defineDockerfileRule } from '../../../rule';
import { entrypointScript, type ContextFile } from '../../../build-context';
import { programWords, serverKind, spanOf } from '../../../dockerfile/start-command';
import { daemonizingOption } from '../../../daemons';
import type { ShellWord, SimpleCommand } from '../../../dockerfile/shell';
import { shortSpokenList } from '../../../lists';
import { isShellScript, scriptCommandLines, unconditionalCommands, writtenCommands, type ScriptLine } from '../../../dockerfile/script-lines';
import { isKeepAliveWords } from '../../../dockerfile/keep-alive';

/** `exec` as a command that replaces the shell (not `exec >log 2>&1`, which only redirects). */
const EXEC_COMMAND = /(?:^|[;&|({]|\bthen|\belse|\bdo)\s*exec\s+(\S+)/g;
/** `trap … TERM` / `INT`: the script handles the signals itself. */
const TRAP = /(?:^|[;&|]\s*)trap\s/;
const TERM_SIGNAL = /\b(?:SIG)?(?:TERM|INT|15)\b/;
/** First words that are shell syntax or builtins, not a process left running. */
const NOT_A_PROCESS = /^(exit|return|wait|fi|done|esac|;;|\}|\)|then|else|do|if|while|until|for|case|true|false|:|echo|printf|set|export|unset|cd|source|\.|trap|shift|sleep|read|local|eval|\[|\[\[|test)$/;
/** A shell function definition: `name() {` or `function name`. */
const FUNCTION = /^(?:function\s+([A-Za-z_][\w-]*)|([A-Za-z_][\w-]*)\s*\(\s*\))/;

/** True when some line of the script replaces the shell with a program (`exec "$@"`, `exec gosu app node …`). */
function hasExec(lines: ScriptLine[]): boolean {
  for (const { text } of lines) {
    for (const m of text.matchAll(EXEC_COMMAND)) if (!/^\d*[<>]/.test(m[1])) return true;
  }
  return false;
}

/** A program the script leaves running as its child, on the line where it is started. */
interface ChildProcess {
  line: number;
  program: string;
  length: number;
  more: boolean;
}

/**
 * The programs the script leaves running as its child: the first word of its last command line, when that is a
 * program; or, when the script ends with an `if` that has an `else`, the last command line of every branch, when each
 * is one (handesk's `start.sh` runs `php-fpm` in both branches). Undefined when the script `exec`s or traps TERM.
 */
function childProcessesOf(text: string, path: string): ChildProcess[] | undefined {
  if (!isShellScript(text, path)) return undefined;
  const lines = scriptCommandLines(text);
  if (hasExec(lines) || lines.some((l) => TRAP.test(l.text) && TERM_SIGNAL.test(l.text))) return undefined;
  const last = lines[lines.length - 1];
  if (!last) return undefined;
  const ends = last.text === 'fi' ? branchEnds(lines) : [last];
  if (!ends) return undefined;
  // `main "$@"` calling a function of the script: what runs is inside the function, not judged here.
  const functions = new Set(lines.map((l) => FUNCTION.exec(l.text)).map((m) => m?.[1] ?? m?.[2]).filter(Boolean));
  const children: ChildProcess[] = [];
  const physical = text.split('\n');
  for (const end of ends) {
    const child = childOfLine(physical, end, functions);
    if (!child) return undefined;
    children.push(child);
  }
  return children;
}

/** The program a command line leaves running, when it is one program (not syntax, a builtin, a keep-alive, a function). */
function childOfLine(physical: readonly string[], last: ScriptLine, functions: ReadonlySet<string | undefined>): ChildProcess | undefined {
  if (/&\s*$/.test(last.text) && !/&&\s*$/.test(last.text)) return undefined;
  // A line of several commands (`a && b`, `a; b`, `a | b`) is not judged: which one stays running is not clear.
  if (/&&|\|\||;|\|/.test(last.text.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined;
  const words = last.text.split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  const first = words[0];
  if (!first || NOT_A_PROCESS.test(first) || first.endsWith('()') || first.includes('(')) return undefined;
  // `tail -f /dev/null` only keeps the container up while the processes started in the background serve: exec-ing it
  // would not help them (that is background-process's finding), so it is not reported as the app left as a child.
  if (isKeepAliveWords(words)) return undefined;
  if (functions.has(first)) return undefined;
  const program = /^"?\$(\{@\}|@)"?$/.test(first) ? '"$@"' : first;
  if (program !== '"$@"' && /[$`]/.test(program)) return undefined;
  return { line: last.line, program, length: physical[last.line]?.replace(/\r$/, '').length ?? 0, more: words.length > 1 };
}

/**
 * The last line of each branch of the `if` that the script's last line (`fi`) closes, when it has an `else` (so that
 * every start takes one branch): the line before the `fi` and the line before each `else` or `elif` of that `if`.
 * Undefined without an `else`, or when the `if` that opens it is not found.
 */
function branchEnds(lines: readonly ScriptLine[]): ScriptLine[] | undefined {
  const ends = [lines[lines.length - 2]];
  let depth = 0;
  let hasElse = false;
  for (let i = lines.length - 2; i >= 1; i--) {
    const text = lines[i].text;
    const opens = /^if\s/.test(text) && !/(^|[;\s])fi$/.test(text);
    if (/^fi($|[\s;|&)])/.test(text)) depth++;
    else if (opens && depth > 0) depth--;
    else if (opens) return hasElse && ends.every(Boolean) ? ends.reverse() : undefined;
    else if (depth === 0 && (text === 'else' || /^elif\s/.test(text))) {
      hasElse ||= text === 'else';
      ends.push(lines[i - 1]);
    }
  }
  return /^if\s/.test(lines[0]?.text ?? '') && depth === 0 && hasElse && ends.every(Boolean) ? ends.reverse() : undefined;
}

/**
 * The servers the script runs in the foreground before the `exec` it always ends with (`gunicorn app.wsgi`, in a branch
 * or not, then `exec "$@"` outside any branch): the shell waits for each as its child, and the `exec` only runs once it
 * has stopped. Empty when the first `exec` is inside a branch (`if dev; then runserver; else exec gunicorn; fi`: the
 * release path hands its process over), when no server comes before it, or when the script traps TERM.
 */
function serversBeforeExec(file: ContextFile, path: string): { server: string; words: ShellWord[] }[] {
  if (!isShellScript(file.text, path)) return [];
  const lines = scriptCommandLines(file.text);
  if (!hasExec(lines) || lines.some((l) => TRAP.test(l.text) && TERM_SIGNAL.test(l.text))) return [];
  // The commands every start runs end with the first `exec` met outside a branch, when there is one.
  const closing = unconditionalCommands(file.uri, file.text).at(-1);
  if (!closing || !execs(closing)) return [];
  const servers: { server: string; words: ShellWord[] }[] = [];
  for (const command of writtenCommands(file.uri, file.text)) {
    if (execs(command)) return command.range.start.line === closing.range.start.line && command.range.start.character === closing.range.start.character ? servers : [];
    const { words, program } = programWords(command);
    if (words.length === 0 || command.terminator === '&') continue;
    if (daemonizingOption(words.map((w) => w.value), program)) continue;
    const server = serverKind({ program, words });
    if (server) servers.push({ server, words });
  }
  return [];
}

/** True when the command replaces the shell (`exec gunicorn …`, `FOO=1 exec "$@"`). */
function execs(command: SimpleCommand): boolean {
  return command.words[programWords(command).assignments.length]?.value === 'exec';
}

export default defineDockerfileRule({
  meta: {
    id: 'disposability/entrypoint-script-without-exec',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'The entrypoint script copied from the build context runs the app as a child of the shell (no `exec`), so the app does not receive SIGTERM.',
    rationale: [
      'A disposable process stops gracefully when the platform sends `SIGTERM`. An entrypoint script is the container\'s',
      'first process; when it starts the app as an ordinary command (`"$@"`, `node server.js`) instead of replacing itself',
      'with `exec`, the shell keeps PID 1, does not pass the signal on, and the app is killed when the grace period ends:',
      'requests in flight are lost and shutdown hooks never run.',
      '',
      'End the script with `exec "$@"` (or `exec` the main program), so the app becomes PID 1 and receives the signal.',
      'This is the entrypoint-script half of what `disposability/shell-without-exec` checks in the Dockerfile itself.',
      '',
      'Not reported: when the script was not read (it needs the CLI or the editor, which read a script the Dockerfile',
      'copies from its build context, or that a build stage copied from it and the image copies from that stage, and',
      'starts as ENTRYPOINT, or as CMD without one); scripts that are not shell',
      'scripts (a shebang other than sh/bash/ash/dash/ksh/zsh, or no shebang and no `.sh` name); scripts that `exec` a',
      'program or `trap` TERM/INT themselves; scripts that end by keeping the container up (`tail -f /dev/null`);',
      'and scripts whose last line is shell syntax, a builtin, `wait`,',
      'a test (`[ … ]`), a call of a function the script defines, a background command, or several commands joined by',
      '`&&`, `;` or a pipe.',
      '',
      'A script that ends with an `if` … `else` … `fi` is judged by the last command of each branch: when every branch',
      'ends by starting a program without `exec` (`php-fpm` for production and for development alike), it is reported',
      'once, with each branch\'s line; an `if` without `else`, or a branch that ends otherwise, is not.',
      '',
      'A script that does `exec` something, but only after it has run a server in the foreground (`gunicorn app.wsgi`',
      'and then `exec "$@"`, often in the branch that is not for development), is reported too: the shell waits for that',
      'server as its child, and the `exec` runs only once the server has stopped. Not when the first `exec` is inside a',
      'branch (`if [ "$DEBUG" = 1 ]; then runserver; else exec gunicorn; fi`: the release path hands its process over).',
    ].join('\n'),
    messages: {
      serverBeforeExec: '`{{script}}` runs {{servers}} in the foreground before its `exec`, so the shell stays PID 1 while the server runs and SIGTERM does not reach it; put `exec` before the server\'s command.',
      noExec: '`{{script}}` starts {{program}} as a child of the shell without `exec`, so SIGTERM does not reach it; put `exec` before its last command (`exec {{program}}{{more}}`).',
      noExecInBranches: '`{{script}}` ends in an `if` whose every branch starts {{programs}} as a child of the shell without `exec`, so SIGTERM does not reach it; put `exec` before the last command of each branch.',
    },
  },
  check({ model, report, buildContext }) {
    // Nothing to read without the build context's files (the language server's first pass, a Dockerfile alone).
    if (!buildContext?.files) return;
    const script = entrypointScript(model);
    if (!script) return;
    const file = buildContext.files[script.contextPath];
    if (!file) return;
    const children = childProcessesOf(file.text, script.contextPath);
    if (!children) {
      const servers = serversBeforeExec(file, script.contextPath);
      if (servers.length > 0) {
        const names = [...new Set(servers.map((s) => `\`${s.server}\``))];
        report({
          messageId: 'serverBeforeExec',
          data: { script: script.contextPath, servers: shortSpokenList(names) },
          range: script.range,
          related: servers.slice(0, 5).map(({ server, words }) => ({ uri: file.uri, range: spanOf(words[0], words[words.length - 1]), message: `\`${server}\` runs here as a child of the shell.` })),
        });
      }
      return;
    }
    const [child] = children;
    const related = children.map((c) => ({ uri: file.uri, range: { start: { line: c.line, character: 0 }, end: { line: c.line, character: c.length } }, message: children.length > 1 ? `The last command of a branch, run without exec.` : `The script's last command, run without exec.` }));
    if (children.length > 1) {
      const programs = [...new Set(children.map((c) => `\`${c.program}\``))];
      report({ messageId: 'noExecInBranches', data: { script: script.contextPath, programs: shortSpokenList(programs) }, range: script.range, related: related.slice(0, 5) });
      return;
    }
    report({
      messageId: 'noExec',
      data: { script: script.contextPath, program: child.program, more: child.more ? ' …' : '' },
      range: script.range,
      related,
    });
  },
});
