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
