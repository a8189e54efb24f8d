/**
 * The text of `.twelve-factor-lens.json` with one rule turned off: what the quick fix
 * "Turn this rule off for the project" writes. Pure: text in, text out; the server turns it
 * into a workspace edit (creating the file when there is none).
 */

/** The new text, or undefined when the current text is not a JSON object (the user fixes it first). */
export function withRuleOff(current: string | undefined, ruleId: string): string | undefined {
  let data: Record<string, unknown> = {};
  if (current !== undefined && current.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(current.replace(/^\uFEFF/, ''));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      data = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const rules = data.rules;
  if (rules !== undefined && (!rules || typeof rules !== 'object' || Array.isArray(rules))) return undefined;
  // `rules` keeps its place among the keys; a new one goes first, where people look.
  const next = 'rules' in data ? { ...data, rules: { ...(rules as object), [ruleId]: 'off' } } : { rules: { [ruleId]: 'off' }, ...data };
  const eol = current?.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)"/.exec(current ?? '')?.[1] ?? '  ';
  return JSON.stringify(next, null, indent).replace(/\n/g, eol) + eol;
}

/** The position just past the end of `text` (LSP: 0-based line, UTF-16 character). */
export function endPosition(text: string): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: text.length - lineStart };
}
