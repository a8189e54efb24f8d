// The shell lexer shared by Dockerfile heredocs and RUN lines and Kubernetes `sh -c` scripts: line
// continuations (backslash-newline) join lines the way POSIX shells do and never become words of their
// own, and a backslash inside double quotes escapes what POSIX says it does; and how messages quote a command.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SourceText } from '../../server/src/core/source';
import { effectiveWords, splitCommands, verbatimText, type SimpleCommand } from '../../server/src/core/dockerfile/shell';
import { commandSummary } from '../../server/src/core/kubernetes/commands';

function lex(script: string, escapeChar = '\\'): SimpleCommand[] {
  const source = new SourceText('file:///w/script.sh', script);
  return splitCommands(source, verbatimText(source, 0, script.length), escapeChar);
}
const values = (commands: SimpleCommand[]) => commands.map((c) => c.words.map((w) => w.value));
const start = (c: SimpleCommand) => [c.range.start.line, c.range.start.character];

describe('shell lexer: line continuations and escapes', () => {
  it('a continuation after an operator starts no word: the next command is the one on the next line', () => {
    const commands = lex('apt-get update && \\\n    pip install flask && \\\n    python app.py\n');
    assert.deepEqual(values(commands), [['apt-get', 'update'], ['pip', 'install', 'flask'], ['python', 'app.py']]);
    assert.deepEqual(start(commands[1]), [1, 4]);
    assert.deepEqual(start(commands[2]), [2, 4]);
  });

  it('a continuation between arguments keeps one command, and no word ends past its last character', () => {
    const commands = lex('pip install \\\n  --no-cache-dir \\\n  flask\n');
    assert.deepEqual(values(commands), [['pip', 'install', '--no-cache-dir', 'flask']]);
    const install = commands[0].words[1].range;
    assert.deepEqual([install.start.line, install.start.character, install.end.line, install.end.character], [0, 4, 0, 11]);
  });

  it('joins a word split over two lines, unquoted and inside double quotes, but not inside single quotes', () => {
    assert.deepEqual(values(lex('ec\\\nho done')), [['echo', 'done']]);
    assert.deepEqual(values(lex('echo "a\\\nb"')), [['echo', 'ab']]);
    assert.deepEqual(values(lex("echo 'a\\\nb'")), [['echo', 'a\\\nb']]);
  });

  it('reads CRLF continuations alike', () => {
    assert.deepEqual(values(lex('echo a && \\\r\n  echo b\r\n')), [['echo', 'a'], ['echo', 'b']]);
  });

  it('leaves other escapes as they were, and backslashes alone where they are no escape (Windows shells)', () => {
    assert.deepEqual(values(lex('touch a\\ b')), [['touch', 'a b']]);
    assert.deepEqual(values(lex('dir C:\\app \\\n  /s', '`')), [['dir', 'C:\\app', '\\'], ['/s']]);
  });

  it('inside double quotes, a backslash escapes only $, `, " and itself, as in POSIX shells', () => {
    assert.deepEqual(values(lex('echo "a \\$HOME \\" \\\\ \\`x\\`"')), [['echo', 'a $HOME " \\ `x`']]);
    assert.deepEqual(values(lex('grep -E "\\d+\\.log" "C:\\app"')), [['grep', '-E', '\\d+\\.log', 'C:\\app']]);
  });

  it('a backslash at the very end of the script stays part of its word', () => {
    assert.deepEqual(values(lex('echo a\\')), [['echo', 'a\\']]);
  });
});

describe('shell lexer: here-documents', () => {
  const inertOf = (script: string) => {
    const source = new SourceText('file:///w/script.sh', script);
    const inert: Array<[number, number]> = [];
    const commands = splitCommands(source, verbatimText(source, 0, script.length), '\\', inert);
    return { commands, spans: inert.map(([from, to]) => script.slice(from, to)) };
  };

  it('the body of a here-document is no command, and the commands after its closing line are', () => {
    const commands = lex('cat <<EOF > /etc/cron.d/job\n0 3 * * * root pip install -U certifi\nsleep 3600\nEOF\nexec gunicorn app\n');
    assert.deepEqual(values(commands), [['cat', '<<EOF', '>', '/etc/cron.d/job'], ['exec', 'gunicorn', 'app']]);
    assert.deepEqual(start(commands[1]), [4, 0]);
  });

  it('reads quoted names, a name in the next word, `<<-` with tabs, a glued redirection and two on one line', () => {
    assert.deepEqual(values(lex("cat <<'END' >a\nrm -rf /\nEND\nnode a.js")), [['cat', '<<END', '>a'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('cat << "END" >a\nrm -rf /\nEND\nnode a.js')), [['cat', '<<', 'END', '>a'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('cat <<-EOF >a\n\tsleep 9\n\tEOF\nnode a.js')), [['cat', '<<-EOF', '>a'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('cat <<EOF>/etc/motd\nsleep 9\nEOF\nnode a.js')), [['cat', '<<EOF>/etc/motd'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('paste <<A <<B\nsleep 1\nA\nsleep 2\nB\nnode a.js')), [['paste', '<<A', '<<B'], ['node', 'a.js']]);
  });

  it('a closing line must match exactly (`<<` keeps leading tabs, a CR before the newline is no part of it)', () => {
    assert.deepEqual(values(lex('cat <<EOF\n\tEOF\nsleep 9\nEOF\nnode a.js')), [['cat', '<<EOF'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('cat <<EOF\r\nsleep 9\r\nEOF\r\nnode a.js\r\n')), [['cat', '<<EOF'], ['node', 'a.js']]);
  });

  it('keeps every line as commands when there is no here-document: here-strings, shifts, unclosed or odd names', () => {
    assert.deepEqual(values(lex('grep -q x <<< "$A"\nnode a.js')), [['grep', '-q', 'x', '<<<', '$A'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('echo $((1<<3))\nnode a.js')), [['echo', '$((1<<3))'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('cat <<EOF\nsleep 9\nnode a.js')), [['cat', '<<EOF'], ['sleep', '9'], ['node', 'a.js']]);
    assert.deepEqual(values(lex('echo 1 <<2\nsleep 9\n2\nnode a.js')), [['echo', '1', '<<2'], ['sleep', '9'], ['2'], ['node', 'a.js']]);
  });

  it('reports the spans that run nothing: comments and here-document bodies', () => {
    const { spans } = inertOf('# set up\ncat <<EOF >x # a note\nbody\nEOF\nnode a.js\n');
    assert.deepEqual(spans, ['# set up', '# a note', 'body\nEOF\n']);
  });

  it('and what echo and printf print, unless it runs something or is piped on', () => {
    const { spans } = inertOf('echo "Running pip install..." && pip install -r r.txt\nprintf \'%s\\n\' done >&2\n');
    assert.deepEqual(spans, ['"Running pip install..."', "'%s\\n' done >&2"]);
    assert.deepEqual(inertOf('echo "$(pip install x)"\necho `git clone y`\necho pip install x | sh\necho\n').spans, []);
  });
});

describe('shell lexer: command substitutions', () => {
  it('keeps `$(…)` inside its word up to its own closing parenthesis, nested ones included', () => {
    assert.deepEqual(values(lex('n=$(( (1+2) * 3 )); cd "$(dirname "$(readlink -f "$0")")"; npm start')), [['n=$(( (1+2) * 3 ))'], ['cd', '$(dirname "$(readlink -f "$0")")'], ['npm', 'start']]);
  });

  it('inside double quotes, `$(…)` is a script of its own: its quotes and parentheses do not close the outer quotes', () => {
    assert.deepEqual(values(lex('echo "$(echo ")")"; git clone https://example.com/r.git')), [['echo', '$(echo ")")'], ['git', 'clone', 'https://example.com/r.git']]);
    assert.deepEqual(values(lex('DIR="$(dirname "$0")/lib" && npm install')), [['DIR=$(dirname "$0")/lib'], ['npm', 'install']]);
    assert.deepEqual(values(lex('v="a $(printf \'%s\' "x;y") b" ; pip install z')), [["v=a $(printf '%s' \"x;y\") b"], ['pip', 'install', 'z']]);
    // Escapes outside the substitution are still resolved; arithmetic and an unclosed one stay words.
    assert.deepEqual(values(lex('x="\\$HOME $((1 + (2)))" ; y')), [['x=$HOME $((1 + (2)))'], ['y']]);
    assert.deepEqual(values(lex('x="$(echo a')), [['x=$(echo a']]);
  });

  it('a substitution inside double quotes inside a substitution has quotes of its own, at any depth', () => {
    assert.deepEqual(values(lex('x=$(echo "$(echo ")")") ; git clone https://example.com/r.git')), [['x=$(echo "$(echo ")")")'], ['git', 'clone', 'https://example.com/r.git']]);
    const nested = 'echo "$(printf "%s" "$(date +"%Y)")")"';
    assert.deepEqual(values(lex(`${nested}; npm install`)), [['echo', nested.slice(6, -1)], ['npm', 'install']]);
    // An escaped quote inside the inner quotes does not close them; an apostrophe there is text.
    assert.deepEqual(values(lex('v=$(echo "a \\" ) it\'s") && pip install x')), [['v=$(echo "a \\" ) it\'s")'], ['pip', 'install', 'x']]);
  });

  it('a parenthesis quoted or escaped inside `$(…)` does not close it, so the commands after it are still seen', () => {
    assert.deepEqual(values(lex('a=$(echo ")") ; git clone https://example.com/r.git')), [['a=$(echo ")")'], ['git', 'clone', 'https://example.com/r.git']]);
    assert.deepEqual(values(lex(`x=$(echo "it's )") && npm install`)), [[`x=$(echo "it's )")`], ['npm', 'install']]);
    assert.deepEqual(values(lex('x=$(echo \\)) ; y')), [['x=$(echo \\))'], ['y']]);
    const awk = `sleep $(date +%H | awk '{ print "s("$0"/3*a(1))*0.5+0.5" }' | bc -l); done`;
    assert.deepEqual(values(lex(awk)), [['sleep', awk.slice(6, awk.indexOf(';'))], ['done']]);
    // A comment inside it is text too: its apostrophe opens no quote, its parenthesis closes nothing.
    assert.deepEqual(values(lex("v=$(curl -s x | # don't (yet)\n  jq -r .tag) && npm install")), [["v=$(curl -s x | # don't (yet)\n  jq -r .tag)"], ['npm', 'install']]);
    assert.deepEqual(values(lex("v=$(echo a;# don't\n) && npm install")), [["v=$(echo a;# don't\n)"], ['npm', 'install']]);
    assert.deepEqual(values(lex('n=$(echo ${#x} $# a#b) ; m')), [['n=$(echo ${#x} $# a#b)'], ['m']]);
  });

  it('a here-document inside `$(…)` is text up to its closing line: a parenthesis or quote in its body closes nothing', () => {
    const body = 'x=$(cat <<EOF\na ) b\nEOF\n)';
    assert.deepEqual(values(lex(`${body} && npm install`)), [[body], ['npm', 'install']]);
    const commented = 'x=$(cat <<EOF # the body follows\na ) b\nEOF\n)';
    assert.deepEqual(values(lex(`${commented} && npm install`)), [[commented], ['npm', 'install']]);
    const tabbed = "y=$(cat <<-'END'\n\tit's (x\n\tEND\n)";
    assert.deepEqual(values(lex(`${tabbed}; pip install z`)), [[tabbed], ['pip', 'install', 'z']]);
    // One that never closes is read as it is; a shift in arithmetic opens none; a here-string is no here-document.
    assert.deepEqual(values(lex('x=$(cat <<EOF\na ) b')), [['x=$(cat <<EOF\na )', 'b']]);
    assert.deepEqual(values(lex('n=$(( 1 << 2 )); m')), [['n=$(( 1 << 2 ))'], ['m']]);
    assert.deepEqual(values(lex("w=$(tr a b <<< 'x)y'); z")), [["w=$(tr a b <<< 'x)y')"], ['z']]);
  });

  it('an unclosed substitution or quote inside it runs to the end of the script, as an unclosed quote does', () => {
    assert.deepEqual(values(lex("x=$(echo 'a) b\nc")), [["x=$(echo 'a) b\nc"]]);
    assert.deepEqual(values(lex('x=$(echo a')), [['x=$(echo a']]);
  });
});

describe('command summaries (what messages quote)', () => {
  it('shows every run of white space, line breaks of a quoted argument included, as one space', () => {
    const [command] = lex("python -c '\n  import sys\n  print(sys.argv)\n'");
    assert.equal(commandSummary(command), 'python -c import sys print(sys.argv)');
  });

  it('cuts at the limit with an ellipsis, never between the halves of a surrogate pair', () => {
    const [long] = lex(`echo ${'a'.repeat(60)}`);
    assert.equal(commandSummary(long), `echo ${'a'.repeat(42)}…`);
    assert.equal(commandSummary(long).length, 48);
    // The 47th character would be the first half of the emoji: the cut moves one character back.
    const [emoji] = lex(`echo ${'a'.repeat(41)}🚀${'b'.repeat(10)}`);
    const summary = commandSummary(emoji);
    assert.equal(summary, `echo ${'a'.repeat(41)}…`);
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(summary));
    const [short] = lex('tail -f /dev/null');
    assert.equal(commandSummary(short), 'tail -f /dev/null');
  });
});

describe('shell lexer: reserved words', () => {
  it('keeps `then`, `do` and `while` among the words, and leaves them out of what a command runs', () => {
    const commands = lex('if [ -f yarn.lock ]; then yarn --frozen-lockfile; elif [ -f package-lock.json ]; then npm ci; fi\nwhile ! pg_isready; do sleep 1; done\n');
    assert.deepEqual(values(commands)[1], ['then', 'yarn', '--frozen-lockfile']);
    assert.deepEqual(values(commands)[5], ['while', '!', 'pg_isready']);
    const run = commands.map((c) => effectiveWords(c).map((w) => w.value).join(' '));
    assert.deepEqual(run, ['[ -f yarn.lock ]', 'yarn --frozen-lockfile', '[ -f package-lock.json ]', 'npm ci', 'fi', 'pg_isready', 'sleep 1', 'done']);
  });

  it('reads a quoted `then` as a program name, as the shell does', () => {
    const [command] = lex('"then" x');
    assert.deepEqual(effectiveWords(command).map((w) => w.value), ['then', 'x']);
  });
});
