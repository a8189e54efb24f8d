/**
 * The words of one instruction, read exactly as dockerfile-ast's `Instruction.getRawArguments` reads them
 * (the same states: escaped line breaks, whitespace after an escape character, comment lines inside a
 * continued instruction, `\$` kept as written), in one pass over the document's text.
 *
 * dockerfile-ast builds each word a character at a time and makes an `Argument` and a `Range` for it. Here a
 * word is cut from the text in slices (one slice, unless an escape character sits inside it), and only its
 * value and offsets are handed on. On a 10,000-line Dockerfile, dockerfile-ast's reading was the largest
 * single cost of the parse and left about 28 MB of string pieces for the collector.
 *
 * `test/core/raw-words.test.ts` compares the two readings word for word, ranges included.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const DOLLAR = 0x24;

/**
 * Calls `word(value, start, end)` for each word of the instruction text `text.slice(from, to)`, in order;
 * `from` is the end of the instruction's keyword, `start` and `end` are offsets in `text`. With `values`
 * false every value is the empty string: only where the words are is read (no string is made).
 */
export function readRawWords(text: string, from: number, to: number, escapeChar: string, word: (value: string, start: number, end: number) => void, values = true): void {
  const escape = escapeChar.charCodeAt(0);
  let start = false; // at the start of a line continued by an escape: a `#` there opens a comment line
  let comment = false;
  let found = -1; // where the current word starts
  let escapedWhitespace = false; // whitespace seen after an escaped line break
  let escaping = false; // inside an escaped line break
  let marker = -1; // where the current word ends, when an escape character ended it
  // The word's value: `value`, then the characters from runStart to runEnd not yet copied into it.
  let value = '';
  let runStart = -1;
  let runEnd = -1;
  const append = (at: number): void => {
    if (!values) return;
    if (runStart !== -1 && runEnd === at) {
      runEnd = at + 1;
      return;
    }
    if (runStart !== -1) value += text.slice(runStart, runEnd);
    runStart = at;
    runEnd = at + 1;
  };
  const take = (): string => {
    const whole = runStart === -1 ? value : value + text.slice(runStart, runEnd);
    value = '';
    runStart = -1;
    return whole;
  };
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      if (escaping) {
        escapedWhitespace = true;
        if (c === LF || c === CR) {
          // A line break ends any whitespace seen before it.
          escapedWhitespace = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      }
      if (found !== -1) {
        word(take(), found, marker === -1 ? i : marker);
        marker = -1;
        found = -1;
      }
    } else if (c === escape) {
      const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        // An escape character followed by whitespace: a line break after that whitespace continues the line.
        for (let j = i + 2; j < to; j++) {
          const after = text.charCodeAt(j);
          if (after === SPACE || after === TAB) continue;
          if (after === CR || after === LF) {
            if (after === CR) j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) marker = i;
            i = j;
            break;
          }
          marker = i;
          if (found === -1) i = j - 1;
          break;
        }
      } else if (next === CR || next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && marker === -1) marker = i;
        i += next === CR ? 2 : 1;
      } else {
        if (escapedWhitespace && marker !== -1) {
          // No word started (found is -1): dockerfile-ast then reports an empty word from one character before `from`.
          word(take(), found === -1 ? from - 1 : found, marker);
          found = -1;
        }
        marker = -1;
        escapedWhitespace = false;
        escaping = false;
        if (next === DOLLAR) {
          append(i);
          append(i + 1);
        } else if (next === -1) {
          break;
        } else {
          append(i + 1);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && c === HASH) {
        comment = true;
      } else {
        if (escapedWhitespace && marker !== -1) {
          // As above: an empty word when none started.
          word(take(), found === -1 ? from - 1 : found, marker);
          found = -1;
        }
        escapedWhitespace = false;
        escaping = false;
        marker = -1;
        append(i);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) word(take(), found, marker === -1 ? to : marker);
}
