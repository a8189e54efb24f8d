import { defineDockerfileRule } from '../../../rule';
import type { CommandLine } from '../../../dockerfile/model';
import { effectiveWords, splitCommands, verbatimText, type ShellWord } from '../../../dockerfile/shell';
import { SourceText } from '../../../source';
import { jsonArrayOf, malformedExecArray } from '../../../dockerfile/exec-form';

/** Characters that only a shell gives meaning to: a string holding one is a script, not words to split. */
const SHELL_SYNTAX = /[$`|&;<>(){}*?[\]~#\n]/;

/**
 * The exec-form array for `word` split as a shell would split it (`"npm run dev"` → `"npm", "run", "dev"`), when the
 * string is plain words with quotes at most; undefined when splitting it would need a shell.
 */
function splitWords(word: ShellWord): string | undefined {
  if (SHELL_SYNTAX.test(word.value.replace(/'[^']*'/g, ''))) return undefined;
  const source = new SourceText('file:///exec-form', word.value);
  const commands = splitCommands(source, verbatimText(source, 0, word.value.length));
  if (commands.length !== 1 || effectiveWords(commands[0]).length !== commands[0].words.length) return undefined;
  return commands[0].words.map((w) => JSON.stringify(w.value)).join(', ');
}

/** The program word of an exec-form line when it holds a whole command line (`"npm run dev"`). */
function unsplitProgram(line: CommandLine | undefined, escapeChar: string): ShellWord | undefined {
  if (!line || line.form !== 'exec' || line.script) return undefined;
  const program = line.execArgs[0];
  if (!program || !/\S\s+\S/.test(program.value)) return undefined;
  // Windows images: `C:\\Program Files\\…` is a program path with a space in it.
  if (escapeChar === '`' || /^[A-Za-z]:[\\/]|\\/.test(program.value)) return undefined;
  return program;
}

/** A word that only a shell reads: a redirection, `2>&1`, `&&`, `||` (`;` and `|` alone are arguments of `find`, `tr`). */
const SHELL_OPERATOR_WORD = /^(\d?>>?|&>>?|\d?>&\d|&&|\|\||<)$/;
/** A string holding shell syntax between words: a redirection to a file, `2>&1`, `&&`, `||`, `|`, or a trailing `&`. */
const SHELL_OPERATOR_INSIDE = /\s(\d?>>?|&>>?|&&|\|\||\|)\s+\S|(^|\s)\d?>&\d(\s|$)|\s&$/;
/** Options after which a string is code an interpreter or a shell reads (`python -c`, `node -e`, `sh -lc`, `pwsh -Command`). */
const CODE_OPTION = /^(-[a-z]*c|-e|--eval|-Command|\/c|--command|-p|--print|-r)$/i;

/**
 * The first exec-form argument after the program that holds shell syntax no shell will read
 * (`["nohup", "node", "server.js >> app.log 2>&1 &"]`): the program gets it as one argument.
 */
function shellSyntaxArgument(line: CommandLine): ShellWord | undefined {
  if (line.form !== 'exec' || line.script) return undefined;
  const [program, ...args] = line.execArgs;
  if (!program) return undefined;
  for (const [i, arg] of args.entries()) {
    const previous = i === 0 ? program : args[i - 1];
    if (CODE_OPTION.test(previous.value)) continue;
    const value = arg.value.trim();
    if (SHELL_OPERATOR_WORD.test(value) || SHELL_OPERATOR_INSIDE.test(arg.value)) return arg;
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'disposability/unsplit-exec-form',
    factor: 'disposability',
    defaultSeverity: 'warning',
    description: 'An exec-form CMD, ENTRYPOINT or HEALTHCHECK puts a whole command line in one string (`["npm run dev"]`), or an array is written with quotes JSON does not know (`[\'npm\', \'start\']`): the container cannot start.',
    rationale: [
      'In exec form Docker runs the array as it is: the first string is the program and no shell splits it into words.',
      '`CMD ["npm run dev"]` or `CMD ["/bin/bash -c \'npm start\'"]` asks for a program called `npm run dev`, and the',
      'container exits at once with "executable file not found". A process that cannot start is the opposite of a',
      'disposable one: every deploy and every restart fails, and a HEALTHCHECK written this way never passes.',
      '',
      'Give each word its own string (`["npm", "run", "dev"]`), or write the shell form when shell syntax is needed. The',
      'quick fix splits a string of plain words the way a shell would; it is marked unsafe because the container then',
      'really starts the command.',
      '',
      'An instruction written as an array that is no JSON (single quotes, typographic quotes, a trailing comma: `CMD',
      "['uvicorn', 'app:app']`) is no exec form at all: Docker hands the text to `/bin/sh -c`, which looks for a program",
      "named `['uvicorn',`, and the container cannot start either. Docker accepts only straight double quotes; the quick",
      'fix writes them (unsafe too: the container then starts the command).',
      '',
      'Not reported: a CMD that follows an ENTRYPOINT (its strings are arguments: `ENTRYPOINT ["sh", "-c"]` with',
      '`CMD ["npm run dev"]` works); Windows images (`# escape=\\``, `C:\\Program Files\\…`), where a program path may hold',
      'a space; RUN instructions (the build fails at once and says why); instructions outside the final stage. A base',
      'image\'s own ENTRYPOINT is not known here: when it is a shell (`["sh", "-c"]`), a CMD reported here does work.',
      '',
      'An argument that holds shell syntax (`CMD ["nohup", "node", "server.js >> app.log 2>&1 &"]`, or `">"` and a file as',
      'words of their own) is reported too: no shell reads the redirection or the `&`, so the program is handed them as',
      'arguments (here node looks for a script named `server.js >> app.log 2>&1 &` and the container cannot start). The',
      'string after an option that takes code (`python -c`, `node -e`, `sh -lc`) is not read.',
    ].join('\n'),
    messages: {
      unsplit: '{{keyword}} in exec form runs a program named `{{program}}`, which does not exist; give each word its own string.',
      notJson: '{{keyword}} is written as an array but is no JSON ({{why}}), so Docker runs it as a shell command that does not exist and the container cannot start; quote each string with straight double quotes.',
      shellSyntax: '{{keyword}} in exec form hands `{{argument}}` to `{{program}}` as an argument, and no shell reads the syntax in it; drop the redirection or `&` (logs go to standard output, the process stays in the foreground) or write the shell form.',
    },
    fix: 'unsafe',
    // The fix makes the command start: what the other rules say of that command then applies.
    fixIntroduces: ['dev-prod-parity/dev-server', 'disposability/package-manager-start', 'port-binding/server-without-expose'],
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const entrypoint = model.lastOf(stage, 'ENTRYPOINT');
    for (const keyword of ['ENTRYPOINT', 'CMD', 'HEALTHCHECK'] as const) {
      const instruction = model.lastOf(stage, keyword);
      // An inherited instruction is reported where it is written; a CMD after an ENTRYPOINT is only its arguments.
      if (!instruction || model.stageOf(instruction) !== stage) continue;
      // `CMD ['uvicorn', 'app:app']`: no JSON, so a shell runs the text `['uvicorn',` as a program, after an ENTRYPOINT too.
      const line = model.commandLine(instruction);
      const why = malformedExecArray(line);
      if (why && line) {
        const json = jsonArrayOf(line.script!.text);
        report({ messageId: 'notJson', data: { keyword, why }, range: line.argumentsRange, fix: json ? { title: 'Write the array with straight double quotes', edits: [{ range: line.argumentsRange, newText: json }] } : undefined });
        continue;
      }
      if (keyword === 'CMD' && entrypoint) continue;
      const program = unsplitProgram(model.commandLine(instruction), model.escapeChar);
      if (!program) {
        const argument = line && model.escapeChar !== '`' ? shellSyntaxArgument(line) : undefined;
        if (argument && line) report({ messageId: 'shellSyntax', data: { keyword, argument: argument.value, program: line.execArgs[0].value }, range: argument.range });
        continue;
      }
      const split = splitWords(program);
      report({
        messageId: 'unsplit',
        data: { keyword, program: program.value },
        range: program.range,
        fix: split ? { title: 'Give each word its own string', edits: [{ range: program.range, newText: split }] } : undefined,
      });
    }
  },
});
