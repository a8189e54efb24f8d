/**
 * Commands that only keep a process alive (`sleep infinity`, `tail -f /dev/null`, `pause`), and the length of a
 * `sleep`: shell facts that Dockerfile rules (an entrypoint script's last line, a background process) and Kubernetes
 * rules (a container's command, a preStop hook) read alike.
 *
 * Pure: no I/O.
 */
import { effectiveWords, type SimpleCommand } from './shell';
import { baseName } from './instructions';

/** The scalar value of a word as a number of seconds (`30`, `30s`, `2m`, `3650d`, as `sleep` reads them), or undefined. */
export function durationSeconds(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'm' ? n * 60 : m[2] === 'h' ? n * 3600 : m[2] === 'd' ? n * 86_400 : n;
}

/** One keep-alive step: `sleep infinity`, `sleep 3600` (a minute or more), `tail -f /dev/null`, `pause`. */
export function isKeepAlive(command: SimpleCommand): boolean {
  return isKeepAliveWords(effectiveWords(command).map((w) => w.value));
}

/** isKeepAlive of a command's words, wrappers already left out (an entrypoint script's last line, split on blanks). */
export function isKeepAliveWords(words: readonly string[]): boolean {
  const program = baseName(words[0] ?? '');
  if (program === 'sleep') {
    const arg = words[1] ?? '';
    if (/^inf(inity)?$/i.test(arg)) return true;
    const seconds = durationSeconds(arg);
    return seconds !== undefined && seconds >= 60;
  }
  if (program === 'tail') {
    const follows = words.some((w) => /^-[a-zA-Z]*[fF]/.test(w) || w === '--follow' || w.startsWith('--follow='));
    // `tail -f /dev/null`, or `tail -f` with no file at all, which follows standard input forever.
    return follows && (words.includes('/dev/null') || words.slice(1).every((w) => w.startsWith('-')));
  }
  return program === 'pause' && words.length === 1;
}
