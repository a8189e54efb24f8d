/**
 * A small, forgiving shell lexer for the scripts inside RUN, CMD, ENTRYPOINT and
 * HEALTHCHECK (and a Kubernetes container's `sh -c` script). It does not execute or
 * fully parse POSIX shell; it splits a script into simple commands (argv words
 * separated by `&&`, `||`, `;`, `|`, `&` and newlines, with line continuations joined
 * and here-document bodies left out, as a shell reads them) and keeps, for every word,
 * its exact range in the source, so a rule can point at `npm install` inside a
 * five-line `RUN` with continuations.
 */
import type { Range } from '../types';
import type { SourceText } from '../source';
import { AttachedCache } from '../attached';
import { addTo, countBelow } from '../lists';

/**
 * Script text with line continuations removed, and where each character came from.
 *
 * The text is kept as pieces copied one for one from the document: a RUN of ten continued lines
 * is ten pieces, whatever its length. (An offset per character took a third of a large
 * Dockerfile's model and made the garbage collector's work grow faster than the file.)
 */
export class LogicalText {
  /** Made by {@link verbatimText} and {@link LogicalTextBuilder}. */
  constructor(
    readonly text: string,
    /** Piece k starts at `text[starts[k]]`, which is the document's character at `origins[k]`. */
    private readonly starts: readonly number[],
    private readonly origins: readonly number[],
    /** The document offset that `offsetAt(text.length)` answers: where the text ends. */
    private readonly endOffset: number,
  ) {}

  /** The document offset of `text[i]`; for `i` at (or past) the end, the offset where the text ends. */
  offsetAt(i: number): number {
    if (i >= this.text.length || this.starts.length === 0) return this.endOffset;
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= i) low = middle;
      else high = middle - 1;
    }
    return this.origins[low] + (i - this.starts[low]);
  }

  /** The first `length` characters, ending where the next character starts in the document. */
  prefix(length: number): LogicalText {
    if (length >= this.text.length) return this;
    return new LogicalText(this.text.slice(0, length), this.starts, this.origins, this.offsetAt(length));
  }

  /**
   * The same pieces read as `text` (which must be no longer than this text), ending at `endOffset`:
   * an exec-form string's value mapped onto its raw characters when they are the same but for escapes.
   */
  retext(text: string, endOffset: number): LogicalText {
    return new LogicalText(text, this.starts, this.origins, endOffset);
  }
}

/** Builds a logical text from runs of the document's characters, or characters standing for them; consecutive offsets share a piece. */
export class LogicalTextBuilder {
  /** The text so far, in parts joined once at the end (appending to a string a character at a time leaves a piece behind per character). */
  private readonly parts: string[] = [];
  private size = 0;
  private readonly starts: number[] = [];
  private readonly origins: number[] = [];
  private next = -1;

  /** Characters appended so far. */
  get length(): number {
    return this.size;
  }

  /** The document offset just after the last character appended; undefined while nothing is. */
  get end(): number | undefined {
    return this.size > 0 ? this.next : undefined;
  }

  /** Appends `ch`, which stands for the document's character at `offset`. */
  push(ch: string, offset: number): void {
    this.piece(offset);
    this.parts.push(ch);
    this.size += ch.length;
    this.next = offset + 1;
  }

  /** Appends the document's characters `documentText[from, to)` as they are. */
  append(documentText: string, from: number, to: number): void {
    if (to <= from) return;
    this.piece(from);
    this.parts.push(documentText.slice(from, to));
    this.size += to - from;
    this.next = to;
  }

  /** The text, ending at document offset `end`. */
  done(end: number): LogicalText {
    // Copies of their own length (see splitCommands): a logical text is kept as long as its command line.
    return new LogicalText(this.parts.join(''), this.starts.slice(), this.origins.slice(), end);
  }

  private piece(offset: number): void {
    if (offset === this.next) return;
    this.starts.push(this.size);
    this.origins.push(offset);
  }
}

export interface ShellWord {
  /** The word with quotes removed and escapes resolved. */
  value: string;
  /** The word exactly as written (quotes included), continuations removed. */
  raw: string;
  range: Range;
  /** True when any part of the word was quoted, so `value` is not subject to globbing. */
  quoted: boolean;
}

export type ShellOperator = '&&' | '||' | ';' | '|' | '&' | '\n' | 'end';

export interface SimpleCommand {
  words: ShellWord[];
  /** The operator that ends this command; `&` means it runs in the background. */
  terminator: ShellOperator;
  range: Range;
}

/**
 * Builds the logical text of `source.text[start, end)` by dropping the escape
 * character + newline pairs that continue an instruction and the comment lines
 * Docker allows between continued lines.
 */
export function logicalText(source: SourceText, start: number, end: number, escapeChar = '\\'): LogicalText {
  const text = source.text;
  const out = new LogicalTextBuilder();
  // The characters from `kept` up to `i` are copied as they are when something is dropped, and at the end.
  let kept = start;
  let i = start;
  let atLineStart = false;
  while (i < end) {
    if (atLineStart) {
      // A comment line inside a continued instruction is removed by Docker.
      let j = i;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#') {
        while (j < end && text[j] !== '\n') j++;
        out.append(text, kept, i);
        kept = i = j + 1;
        continue;
      }
      atLineStart = false;
    }
    if (text[i] === escapeChar) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      if (j < end && text[j] === '\n') {
        out.append(text, kept, i);
        kept = i = j + 1;
        atLineStart = true;
        continue;
      }
      if (j >= end) {
        out.append(text, kept, i);
        kept = i = end;
        continue;
      }
    }
    i++;
  }
  out.append(text, kept, Math.min(i, end));
  return out.done(Math.min(i, end));
}

/** A logical text that is exactly a slice of the document (heredoc bodies, exec-form strings). */
export function verbatimText(source: SourceText, start: number, end: number): LogicalText {
  return new LogicalText(source.text.slice(start, end), [0], [start], end);
}

function rangeIn(source: SourceText, logical: LogicalText, from: number, to: number): Range {
  const startOffset = logical.offsetAt(from);
  // The end is exclusive: map the last included character and step past it.
  const endOffset = to > from ? logical.offsetAt(to - 1) + 1 : startOffset;
  return source.rangeOf(startOffset, endOffset);
}

/** Where the words of one script come from: shared by all of them, so that a word carries one reference, not two. */
class ScriptPlace {
  constructor(
    readonly source: SourceText,
    readonly logical: LogicalText,
  ) {}
}

/**
 * A word of a script. Its range is worked out each time a rule asks for it: most words are never reported,
 * and mapping each to document positions was a tenth of a Dockerfile's analysis. Nothing more than the value and
 * two offsets is kept per word: a 10,000-line Dockerfile's analysis keeps 22,000 words until it ends, and the
 * collector copies what an analysis keeps (a word was 80 bytes with its source and a kept range; it is 64).
 */
class LexedWord implements ShellWord {
  constructor(
    readonly value: string,
    readonly quoted: boolean,
    private readonly place: ScriptPlace,
    /** Where the word starts and ends in the script's logical text. */
    readonly from: number,
    readonly to: number,
  ) {}

  /** Cut from the script when asked: two rules ask, and a kept copy per word was a tenth of what a large Dockerfile's analysis keeps. */
  get raw(): string {
    return this.place.logical.text.slice(this.from, this.to);
  }

  get range(): Range {
    return rangeIn(this.place.source, this.place.logical, this.from, this.to);
  }
}

/** A simple command; its range (first word to last) is worked out when asked for. */
class LexedCommand implements SimpleCommand {
  constructor(
    readonly words: ShellWord[],
    readonly terminator: ShellOperator,
  ) {}

  get range(): Range {
    return { start: this.words[0].range.start, end: this.words[this.words.length - 1].range.end };
  }
}

/**
 * Splits a shell script into simple commands. Quotes (`'…'`, `"…"`), backslash
 * escapes and `$(…)`/backticks are kept inside words; `#` starts a comment at a word
 * boundary; the bodies of here-documents are no commands. Anything it does not
 * understand stays part of a word rather than failing. When `inert` is given, the
 * spans of the script that run nothing (comments, here-document bodies, what `echo` and
 * `printf` print) are added to it, in no particular order.
 */
export function splitCommands(source: SourceText, logical: LogicalText, escapeChar = '\\', inert?: Array<[from: number, to: number]>): SimpleCommand[] {
  const s = logical.text;
  // With `# escape=\`` the image runs Windows shells, where a backslash is a path separator, not an escape.
  const backslashEscapes = escapeChar === '\\';
  const commands: SimpleCommand[] = [];
  const place = new ScriptPlace(source, logical);
  let words: LexedWord[] = [];
  let i = 0;
  // Here-documents opened on the current line: their bodies follow its newline and hold no commands
  // (made when a script opens its first one, or reaches a command substitution, which reads its own).
  let heredocs: HeredocBodies | undefined;
  // Set when a word was a bare `<<` or `<<-`: the next word names the here-document.
  let delimiterNext: boolean | undefined;

  const finish = (terminator: ShellOperator) => {
    if (words.length === 0) return;
    if (inert && terminator !== '|' && words.length > 1 && PRINTS_ITS_ARGUMENTS.has(words[0].value)) {
      // `echo "Running pip install…"` prints its words; unless one of them runs something (`$(…)`, backticks).
      const printed = words.slice(1);
      if (!printed.some((w) => w.raw.includes('$(') || w.raw.includes('`'))) inert.push([printed[0].from, printed[printed.length - 1].to]);
    }
    // A copy of its own length: the list grew by pushes, with room for a dozen more words (kept as long as the parse).
    commands.push(new LexedCommand(words.slice(), terminator));
    words.length = 0;
  };

  while (i < s.length) {
    const ch = s[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (backslashEscapes && ch === '\\') {
      const joined = continuationEnd(s, i);
      if (joined > i) {
        // A line continuation between words: the command goes on, and no word starts here.
        i = joined;
        continue;
      }
    }
    if (ch === '\n') {
      finish('\n');
      const body = i + 1;
      i = heredocs ? heredocs.skipBodies(body) : body;
      if (i > body) inert?.push([body, i]);
      delimiterNext = undefined;
      continue;
    }
    if (ch === '#') {
      const from = i;
      while (i < s.length && s[i] !== '\n') i++;
      inert?.push([from, i]);
      continue;
    }
    if ((ch === '&' || ch === '|') && s[i + 1] === ch) {
      finish(ch === '&' ? '&&' : '||');
      i += 2;
      continue;
    }
    if (ch === ';' || ch === '|' || ch === '&') {
      if (ch === '&' && s[i + 1] === '>') {
        // `&>file` redirection: part of a word, not a background operator.
      } else {
        finish(ch);
        i++;
        continue;
      }
    }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}') {
      // Subshells and groups: treat the brackets as separators so the inner commands are seen.
      if (ch === '(' || ch === ')' || (ch === '{' && /\s/.test(s[i + 1] ?? ' ')) || (ch === '}' && (i === 0 || /[\s;]/.test(s[i - 1])))) {
        finish(';');
        i++;
        continue;
      }
    }
    // A word. Plain characters are taken as runs (slices), not one concatenation each.
    const start = i;
    let value = '';
    let run = i;
    let quoted = false;
    // Where the word ends: a line continuation right after it is not part of its range.
    let end = i;
    // Where an unquoted `<<` (or `<<-`) starts in the word's value, if one does: a here-document.
    let heredocAt = -1;
    let stripTabs = false;
    while (i < s.length) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === ')' || c === '(') break;
      // `2>&1`, `>&2`, `<&3` and `&>file` are redirections inside the word, not the background operator.
      if (c === '&' && s[i + 1] !== '>' && s[i - 1] !== '>' && s[i - 1] !== '<') break;
      if (c === '<' && s[i + 1] === '<') {
        if (s[i + 2] === '<') {
          // `<<<` is a here-string (bash): its text is on this line.
          i += 3;
        } else {
          // `<<` and `<<-` open a here-document.
          const dash = s[i + 2] === '-';
          if (heredocAt < 0) {
            heredocAt = value.length + (i - run);
            stripTabs = dash;
          }
          i += dash ? 3 : 2;
        }
        end = i;
        continue;
      }
      if (c === '\\' && backslashEscapes && i + 1 < s.length) {
        const joined = continuationEnd(s, i);
        if (joined > i) {
          // `ab\<newline>cd` is the word `abcd`: the shell drops the pair.
          value += s.slice(run, i);
          i = run = joined;
          continue;
        }
        value += s.slice(run, i) + s[i + 1];
        i += 2;
        run = end = i;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const close = s.indexOf("'", i + 1);
        const stop = close === -1 ? s.length : close;
        value += s.slice(run, i) + s.slice(i + 1, stop);
        i = Math.min(stop + 1, s.length);
        run = end = i;
        continue;
      }
      if (c === '"') {
        quoted = true;
        value += s.slice(run, i);
        let j = i + 1;
        let from = j;
        while (j < s.length && s[j] !== '"') {
          if (s[j] === '\\' && backslashEscapes && j + 1 < s.length) {
            const joined = continuationEnd(s, j);
            if (joined > j) {
              // Inside double quotes too, a backslash-newline pair is dropped.
              value += s.slice(from, j);
              j = from = joined;
            } else if (ESCAPED_IN_DOUBLE_QUOTES.has(s[j + 1])) {
              value += s.slice(from, j) + s[j + 1];
              j = from = j + 2;
            } else {
              // Before any other character the backslash is kept: `"C:\app"`, `"\d+"`.
              j += 2;
            }
            continue;
          }
          if (s[j] === '$' && s[j + 1] === '(') {
            // A command substitution inside the quotes is a script of its own, with quotes of its own
            // (`"$(dirname "$0")"`): kept whole, as outside quotes, so its quotes do not close these.
            j = substitutionEnd(s, j + 1, backslashEscapes, (heredocs ??= new HeredocBodies(s)));
            continue;
          }
          j++;
        }
        value += s.slice(from, j);
        i = Math.min(j + 1, s.length);
        run = end = i;
        continue;
      }
      if (c === '$' && s[i + 1] === '(') {
        // Command substitution: keep it whole inside the word.
        i = substitutionEnd(s, i + 1, backslashEscapes, (heredocs ??= new HeredocBodies(s)));
        value += s.slice(run, i);
        run = end = i;
        continue;
      }
      if (c === '`') {
        const close = s.indexOf('`', i + 1);
        const stop = close === -1 ? s.length : close;
        value += s.slice(run, stop + 1);
        i = Math.min(stop + 1, s.length);
        run = end = i;
        continue;
      }
      i++;
      end = i;
    }
    if (run < i) value += s.slice(run, i);
    words.push(new LexedWord(value, quoted, place, start, end));
    if (heredocAt >= 0) {
      // `<<EOF`, `<<-'EOF'`, `<<EOF>file`: the name follows the operator in the same word, or is the next word.
      const name = value.slice(heredocAt + (stripTabs ? 3 : 2));
      if (name === '') delimiterNext = stripTabs;
      else (heredocs ??= new HeredocBodies(s)).open(name, stripTabs);
    } else if (delimiterNext !== undefined) {
      (heredocs ??= new HeredocBodies(s)).open(value, delimiterNext);
      delimiterNext = undefined;
    }
  }
  finish('end');
  return commands;
}

/** Commands that only print their arguments: what they print is no command (unless it is piped on). */
const PRINTS_ITS_ARGUMENTS = new Set(['echo', 'printf']);

/** A here-document's name as scripts write it (`EOF`, `END_OF_SCRIPT`, `eot`); anything else is not read as one. */
const HEREDOC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** The longest line that can close one: a name of 64 characters after up to 16 tabs (`<<-`). */
const MAX_CLOSING_LINE = 64 + 16;

interface OpenedHeredoc {
  name: string;
  stripTabs: boolean;
}

/** Adds the here-document `word` names (`EOF`, `EOF>/etc/motd`: the name stops where a redirection glued to it starts) to `opened`, when it is a name. */
function openHeredoc(opened: OpenedHeredoc[], word: string, stripTabs: boolean): void {
  let length = 0;
  while (length < word.length && word[length] !== '>' && word[length] !== '<') length++;
  const name = word.slice(0, length);
  if (HEREDOC_NAME.test(name)) opened.push({ name, stripTabs });
}

/**
 * The bodies of the here-documents of one script (`cat <<EOF > /etc/app.conf` … `EOF`): text written to
 * a file or fed to a program, not commands. Their closing lines are found through an index of the
 * script's short lines, made once, when the first here-document opens, so that a script with many
 * of them stays linear. One that never closes is not read as a here-document at all: the lexer
 * then keeps every line after it as commands rather than hide them.
 */
class HeredocBodies {
  private opened: OpenedHeredoc[] = [];
  /** Line starts by the line's text (and by its text without leading tabs, for `<<-`), in order. */
  private exact: Map<string, number[]> | undefined;
  private untabbed: Map<string, number[]> | undefined;

  constructor(private readonly s: string) {}

  open(word: string, stripTabs: boolean): void {
    openHeredoc(this.opened, word, stripTabs);
  }

  /** Where the commands go on after the newline at `from - 1`: past the bodies of the here-documents opened on that line. */
  skipBodies(from: number): number {
    if (this.opened.length === 0) return from;
    const at = this.past(this.opened, from);
    this.opened = [];
    return at;
  }

  /** Past the bodies of `opened` (in the order they were opened), which start at `from`; up to the first that never closes. */
  past(opened: readonly OpenedHeredoc[], from: number): number {
    let at = from;
    for (const { name, stripTabs } of opened) {
      const close = this.closingLine(name, stripTabs, at);
      if (close === undefined) break;
      at = close;
    }
    return at;
  }

  /** Just past the first line at or after `from` that closes a here-document named `name`, if there is one. */
  private closingLine(name: string, stripTabs: boolean, from: number): number | undefined {
    this.index();
    const starts = (stripTabs ? this.untabbed : this.exact)!.get(name);
    if (!starts) return undefined;
    const first = countBelow(starts, from);
    if (first === starts.length) return undefined;
    // An indexed line is short: finding its end again costs at most MAX_CLOSING_LINE + 2 characters.
    const lineEnd = this.s.indexOf('\n', starts[first]);
    return lineEnd < 0 ? this.s.length : lineEnd + 1;
  }

  private index(): void {
    if (this.exact) return;
    const s = this.s;
    this.exact = new Map();
    this.untabbed = new Map();
    let start = 0;
    while (start <= s.length) {
      let end = s.indexOf('\n', start);
      if (end < 0) end = s.length;
      // Only lines short enough to close a here-document are kept; a CR before the newline is not part of it.
      const textEnd = end > start && s[end - 1] === '\r' ? end - 1 : end;
      if (textEnd - start <= MAX_CLOSING_LINE) {
        const line = s.slice(start, textEnd);
        addTo(this.exact, line, start);
        let tabs = 0;
        while (line[tabs] === '\t') tabs++;
        addTo(this.untabbed, line.slice(tabs), start);
      }
      start = end + 1;
    }
  }
}

/** The characters a backslash escapes inside double quotes (POSIX); before any other it stands for itself. */
const ESCAPED_IN_DOUBLE_QUOTES = new Set(['$', '`', '"', '\\']);

/**
 * Where the line continuation starting at the backslash `s[i]` ends (just after its newline), or `i` when
 * that backslash escapes something else. POSIX shells drop a backslash-newline pair outside single quotes,
 * so `apt-get update && \<newline>  pip install x` is two commands, the second being `pip install x`.
 */
function continuationEnd(s: string, i: number): number {
  if (s[i + 1] === '\n') return i + 2;
  if (s[i + 1] === '\r' && s[i + 2] === '\n') return i + 3;
  return i;
}

/** What may stand before a `#` that starts a comment inside a command substitution: a word starts after them. */
const BEFORE_A_WORD = new Set([' ', '\t', '\n', '\r', '(', ';', '|', '&']);

/**
 * Reads the here-document the `<<` (or `<<-`) at `at` opens, quotes around its name dropped (`<<'EOF'`), into
 * `opened`; returns where the name ends. An operator with no name after it on its line opens nothing.
 */
function readHeredocName(s: string, at: number, opened: OpenedHeredoc[]): number {
  const stripTabs = s[at + 2] === '-';
  let j = at + (stripTabs ? 3 : 2);
  while (s[j] === ' ' || s[j] === '\t') j++;
  let name = '';
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === "'" || c === '"' || c === '\\') continue;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '<' || c === '>') break;
    name += c;
  }
  if (name) openHeredoc(opened, name, stripTabs);
  return j;
}

/** In {@link substitutionEnd}'s frames: inside double quotes (any other frame is a substitution's open parentheses). */
const IN_DOUBLE_QUOTES = -1;

/**
 * Just past the `)` that closes the command substitution whose `(` is at `open`, or the script's end when
 * none does. A parenthesis inside quotes, after a backslash or in a comment is text (`$(echo ")")`, an awk
 * program's `'{ print "s("$0")" }'`): only the others count. Inside double quotes a `$(` opens a substitution
 * of its own, whose quotes are its own (`$(echo "$(echo ")")")`): the frames say which one is being read.
 * The body of a here-document opened inside (`$(cat <<EOF`) is text up to its closing line, found through
 * the script's index of short lines; one that never closes is read as it is. One pass, whatever the nesting.
 */
function substitutionEnd(s: string, open: number, backslashEscapes: boolean, heredocs: HeredocBodies): number {
  const frames: number[] = [0];
  // Here-documents opened on the current line (`$(cat <<EOF`): their bodies, up to the closing line, are text.
  const opened: OpenedHeredoc[] = [];
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    const top = frames.length - 1;
    if (frames[top] === IN_DOUBLE_QUOTES) {
      if (c === '"') frames.pop();
      else if (c === '\\' && backslashEscapes) j++;
      else if (c === '$' && s[j + 1] === '(') {
        frames.push(1);
        j++;
      }
      continue;
    }
    if (c === '\n' && opened.length > 0) {
      j = heredocs.past(opened, j + 1) - 1;
      opened.length = 0;
    } else if (c === '<' && s[j + 1] === '<') {
      if (s[j + 2] === '<') j += 2;
      else j = readHeredocName(s, j, opened) - 1;
    } else if (c === '(') frames[top]++;
    else if (c === ')') {
      if (--frames[top] === 0) {
        frames.pop();
        if (frames.length === 0) return j + 1;
      }
    } else if (c === "'") {
      const close = s.indexOf("'", j + 1);
      if (close === -1) return s.length;
      j = close;
    } else if (c === '"') {
      frames.push(IN_DOUBLE_QUOTES);
    } else if (c === '\\' && backslashEscapes) {
      j++;
    } else if (c === '#' && BEFORE_A_WORD.has(s[j - 1])) {
      // A comment, to the end of its line: an apostrophe or a parenthesis in it is no quote and no bracket.
      // Its newline is read next, so that a here-document opened before the comment starts there.
      const newline = s.indexOf('\n', j);
      if (newline === -1) return s.length;
      j = newline - 1;
    }
  }
  return s.length;
}

/**
 * The words of a command after leading `VAR=value` assignments and transparent
 * wrappers (`exec`, `env`, `sudo`, `nohup`, `time`, `dumb-init`, `tini --`, `gosu user`),
 * so that `exec gosu app node server.js` yields `node server.js`.
 */
export function effectiveWords(command: SimpleCommand): ShellWord[] {
  // Many rules ask for the same commands of one parse: computed once per command object.
  let words = effectiveByCommand.get(command);
  if (!words) {
    words = stripWrappers(command.words);
    effectiveByCommand.set(command, words);
  }
  return words;
}

const effectiveByCommand = new AttachedCache<SimpleCommand, ShellWord[]>('effective words');

/**
 * Words the shell reads as syntax, not as a program, at the start of a command: what follows them is the command
 * (`if npm ci; then yarn; fi` runs `npm ci` and `yarn`). The lexer keeps them among a command's words, for the rules
 * that follow loops and conditions; effectiveWords leaves them out.
 */
export const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', '!', '{']);

function stripWrappers(all: ShellWord[]): ShellWord[] {
  let words = all;
  let changed = true;
  while (changed && words.length > 0) {
    changed = false;
    while (words.length > 0 && !words[0].quoted && SHELL_KEYWORDS.has(words[0].value)) {
      words = words.slice(1);
      changed = true;
    }
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value)) {
      words = words.slice(1);
      changed = true;
    }
    const name = (words[0]?.value.split('/').pop() ?? '');
    if (['exec', 'env', 'sudo', 'nohup', 'time', 'nice', 'dumb-init', 'setsid', 'stdbuf'].includes(name)) {
      words = words.slice(1);
      while (words.length > 0 && words[0].value.startsWith('-')) words = words.slice(1);
      changed = true;
    } else if (name === 'tini' || name === 'tini-static') {
      const dashDash = words.findIndex((w) => w.value === '--');
      words = dashDash >= 0 ? words.slice(dashDash + 1) : words.slice(1);
      changed = true;
    } else if (name === 'gosu' || name === 'su-exec') {
      words = words.slice(2);
      changed = true;
    }
  }
  return words;
}
