/**
 * Start-up flags that keep a server alive after a fatal error: Triton Inference Server's
 * `--exit-on-error=false` (the server goes on serving after a model or backend failed to
 * initialise) and its companion `--strict-readiness=false` (it then reports ready although
 * models are not). Shared by the Dockerfile and Kubernetes disposability rules; pure, and
 * judged on shell words so it reads exec form, shell form and `sh -c` scripts alike.
 */
import type { ShellWord } from './dockerfile/shell';

export interface ExitOnErrorDisabled {
  /** The flag word (and its value word when written apart: `--exit-on-error false`). */
  first: ShellWord;
  last: ShellWord;
  /** As written, e.g. `--exit-on-error=false`. */
  text: string;
  /** `--strict-readiness=false` is set as well: the server reports ready while models failed. */
  readinessRelaxed: boolean;
}

const FALSE = /^(false|0|no|off)$/i;

/** The value of `--NAME=value` or `--NAME value` at `words[i]`, with the last word it spans. */
function flagValue(words: ShellWord[], i: number, name: RegExp): { value: string; last: ShellWord } | undefined {
  const word = words[i].value;
  const eq = word.indexOf('=');
  const key = eq < 0 ? word : word.slice(0, eq);
  if (!name.test(key)) return undefined;
  if (eq >= 0) return { value: word.slice(eq + 1), last: words[i] };
  const next = words[i + 1];
  // A bare `--exit-on-error` (no value, or another option next) is the default: true.
  return next && !next.value.startsWith('-') ? { value: next.value, last: next } : undefined;
}

/** The first `--exit-on-error` set to false among the words of one command, if any. */
export function exitOnErrorDisabled(words: ShellWord[]): ExitOnErrorDisabled | undefined {
  let found: ExitOnErrorDisabled | undefined;
  let relaxed = false;
  for (let i = 0; i < words.length; i++) {
    const exit = flagValue(words, i, /^--exit[-_]on[-_]error$/);
    if (exit && FALSE.test(exit.value.trim()) && !found) {
      found = { first: words[i], last: exit.last, text: exit.last === words[i] ? words[i].value : `${words[i].value} ${exit.last.value}`, readinessRelaxed: false };
    }
    const strict = flagValue(words, i, /^--strict[-_]readiness$/);
    if (strict && FALSE.test(strict.value.trim())) relaxed = true;
  }
  return found && { ...found, readinessRelaxed: relaxed };
}

/** The range from the flag to its value word. */
export function spanRange(found: ExitOnErrorDisabled): { start: ShellWord['range']['start']; end: ShellWord['range']['end'] } {
  return { start: found.first.range.start, end: found.last.range.end };
}
