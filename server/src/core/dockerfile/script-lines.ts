/**
 * A shell script's command lines as a reader of entrypoint scripts needs them: outside here-document bodies, with
 * continuation lines joined, comments and blank lines left out. Pure: no I/O; linear in the script's length.
 */

export interface ScriptLine {
  /** The 0-based line where the command starts. */
  line: number;
  text: string;
}

/** The script's command lines outside heredoc bodies, continuation lines joined, comments and blank lines left out. */
export function scriptCommandLines(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  const lines = text.split('\n');
  let heredoc: string | undefined;
  let pending: ScriptLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (heredoc !== undefined) {
      if (raw.replace(/^\t+/, '') === heredoc) heredoc = undefined;
      continue;
    }
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) continue;
    const current: ScriptLine = pending ? { line: pending.line, text: `${pending.text} ${trimmed}` } : { line: i, text: trimmed };
    if (trimmed.endsWith('\\')) {
      pending = { line: current.line, text: current.text.slice(0, -1) };
      continue;
    }
    pending = undefined;
    const marker = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(trimmed);
    if (marker) heredoc = marker[2];
    out.push(current);
  }
  if (pending) out.push(pending);
  return out;
}

/**
 * The program a script hands its process to on its last command line (`exec cron -f`, `exec gosu app node …` gives
 * `cron` and `gosu`), as a base name; undefined when the last line does not `exec` a program.
 */
export function lastExecProgram(text: string): string | undefined {
  const lines = scriptCommandLines(text);
  const last = lines[lines.length - 1]?.text ?? '';
  const m = /^exec\s+(\S+)/.exec(last);
  if (!m || /^\d*[<>]/.test(m[1]) || /[$`"']/.test(m[1])) return undefined;
  return m[1].slice(m[1].lastIndexOf('/') + 1);
}
