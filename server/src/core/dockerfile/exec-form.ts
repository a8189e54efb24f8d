/** Turning a shell-form command line into an equivalent exec-form JSON array, when that is safe. */
import type { CommandLine } from './model';

/** Characters that only a shell gives meaning to; their presence makes a conversion unsafe. */
const SHELL_SYNTAX = /[$`|&;<>(){}*?[\]~]|^\s*#/;

/**
 * The exec-form text for a shell-form line that is one simple command without
 * variables, globs, redirections or operators; `undefined` when a shell is really needed.
 */
export function toExecForm(line: CommandLine): string | undefined {
  if (line.form !== 'shell' || line.commands.length !== 1 || !line.script) return undefined;
  if (SHELL_SYNTAX.test(line.script.text.replace(/'[^']*'|"[^"$`\\]*"/g, ''))) return undefined;
  const words = line.commands[0].words;
  if (words.length === 0 || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value)) return undefined;
  return `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]`;
}

/**
 * Why a shell-form line written as an exec-form array is none: Docker reads the exec form only when the text is a JSON
 * array of double-quoted strings, and runs anything else with `/bin/sh -c`, where `['uvicorn', 'app:app']` (single
 * quotes) or the same with the curly quotes a word processor writes is a command that does not exist. Undefined for a line that does not
 * open and close as an array of quoted strings (`CMD [ -f /ready ] && serve` is a shell test).
 */
export function malformedExecArray(line: CommandLine | undefined): 'single quotes' | 'typographic quotes' | 'invalid JSON' | undefined {
  if (!line || line.form !== 'shell' || !line.script) return undefined;
  const text = line.script.text.trim();
  if (!/^\[\s*["'\u201c\u201d\u2018\u2019]/.test(text) || !/["'\u201c\u201d\u2018\u2019]\s*\]$/.test(text)) return undefined;
  if (/[\u201c\u201d\u2018\u2019]/.test(text)) return 'typographic quotes';
  if (text.includes("'")) return 'single quotes';
  return 'invalid JSON';
}

const CLOSING_QUOTE: Readonly<Record<string, string>> = { "'": "'", '"': '"', '\u201c': '\u201d', '\u201d': '\u201d', '\u2018': '\u2019', '\u2019': '\u2019' };

/**
 * The JSON array an array of quoted strings written with other quotes stands for (`['uvicorn', 'app:app']` ->
 * `["uvicorn", "app:app"]`); undefined when an item holds a quote or a backslash, or the text is no such array.
 */
export function jsonArrayOf(text: string): string | undefined {
  const items: string[] = [];
  let i = text.indexOf('[') + 1;
  if (i === 0) return undefined;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    const close = CLOSING_QUOTE[text[i]];
    if (close === undefined) return undefined;
    const end = text.indexOf(close, i + 1);
    if (end < 0) return undefined;
    const item = text.slice(i + 1, end);
    if (/["'\\\u201c\u201d\u2018\u2019]/.test(item)) return undefined;
    items.push(JSON.stringify(item));
    i = end + 1;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === ',') {
      i++;
      continue;
    }
    return text[i] === ']' && text.slice(i + 1).trim() === '' ? `[${items.join(', ')}]` : undefined;
  }
}
