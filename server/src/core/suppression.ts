/**
 * Suppressions the user wrote, found once per document version:
 *   # twelve-factor-ignore <rule-id>[, <rule-id>] -- <reason>        (the next line / instruction)
 *   # twelve-factor-ignore-file <rule-id>[, <rule-id>] -- <reason>   (the whole file)
 *   # hadolint ignore=DL3025[,…]  and  # hadolint global ignore=…     (rules that declare those codes)
 *   # check=skip=<BuildKit check>[,...] | all                       (a Dockerfile's parser directive: the rules
 *                                                                     anchored to those BuildKit checks, whole file)
 *   metadata.annotations["twelve-factor-lens/ignore"]: "<id>,<id>"    (one Kubernetes object)
 */
import type { Range } from './types';
import type { SourceText } from './source';
import { rangeContains } from './source';

export const IGNORE_ANNOTATION = 'twelve-factor-lens/ignore';

export type SuppressionKind = 'next-line' | 'file' | 'hadolint' | 'buildkit' | 'annotation';

export interface SuppressedId {
  /** A rule id (for hadolint a DL/SC code; for BuildKit `buildkit:<check name>`, or BUILDKIT_ALL). */
  id: string;
  range: Range;
  used: boolean;
}

export interface Suppression {
  kind: SuppressionKind;
  ids: SuppressedId[];
  reason: string | undefined;
  /** The comment or annotation itself, where diagnostics about it are shown. */
  range: Range;
  /** What it covers; `undefined` means the whole file. */
  scope: Range | undefined;
}

const DIRECTIVE = /^([ \t]*#[ \t]*)(twelve-factor-ignore(?:-file)?)\b(.*)$/;
const HADOLINT = /^[ \t]*#[ \t]*hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([A-Za-z0-9, \t]+)/;

/**
 * Finds comment directives. `scopeOfNextLine` decides what a next-line directive
 * covers: for a Dockerfile the whole next instruction (continuations included), for
 * YAML the next content line.
 */
export function findCommentSuppressions(source: SourceText, scopeOfNextLine: (line: number) => Range | undefined): Suppression[] {
  const suppressions: Suppression[] = [];
  // Both kinds of directive spell their name: a text with neither has none (most files), and is not read line by line.
  if (!source.text.includes('twelve-factor-ignore') && !source.text.includes('hadolint')) return suppressions;
  const nextContentLine = nextContentLines(source);
  for (let line = 0; line < source.lineCount; line++) {
    const text = source.lineText(line);
    if (!text.includes('#')) continue;
    const directive = DIRECTIVE.exec(text);
    if (directive) {
      const [, lead, keyword, rest] = directive;
      const restStart = lead.length + keyword.length;
      const separator = rest.indexOf('--');
      const idsText = separator >= 0 ? rest.slice(0, separator) : rest;
      const reason = separator >= 0 ? rest.slice(separator + 2).trim() : undefined;
      const ids: SuppressedId[] = [];
      const idPattern = /[A-Za-z0-9][A-Za-z0-9/_.-]*/g;
      let m: RegExpExecArray | null;
      while ((m = idPattern.exec(idsText))) {
        const character = restStart + m.index;
        ids.push({ id: m[0], range: { start: { line, character }, end: { line, character: character + m[0].length } }, used: false });
      }
      const isFile = keyword === 'twelve-factor-ignore-file';
      suppressions.push({
        kind: isFile ? 'file' : 'next-line',
        ids,
        reason: reason && !isPlaceholderReason(reason) ? reason : undefined,
        range: { start: { line, character: lead.length - (lead.trimStart().length) }, end: { line, character: text.length } },
        scope: isFile ? undefined : scopeOfNextLine(nextContentLine(source, line)),
      });
      continue;
    }
    const hadolint = HADOLINT.exec(text);
    if (hadolint) {
      const codesStart = text.indexOf(hadolint[2]);
      const ids: SuppressedId[] = [];
      const codePattern = /(?<![A-Za-z])[A-Za-z]+[0-9]+/g; // from the start of a run of letters only
      let m: RegExpExecArray | null;
      while ((m = codePattern.exec(hadolint[2]))) {
        const character = codesStart + m.index;
        ids.push({ id: m[0].toUpperCase(), range: { start: { line, character }, end: { line, character: character + m[0].length } }, used: false });
      }
      suppressions.push({
        kind: 'hadolint',
        ids,
        reason: undefined,
        range: source.lineRange(line),
        scope: hadolint[1] ? undefined : scopeOfNextLine(nextContentLine(source, line)),
      });
    }
  }
  return suppressions;
}

const BUILDKIT_PREFIX = 'buildkit:';

/** How a BuildKit check is named among a rule's pragma codes (see suppresses). */
export const buildkitCode = (check: string): string => BUILDKIT_PREFIX + check;

/** `# check=skip=all`: every rule anchored to a BuildKit check. */
const BUILDKIT_ALL = buildkitCode('all');

/** A parser directive line: `# key=value`. */
const PARSER_DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=(.*)$/;

/**
 * The BuildKit checks a Dockerfile skips with its `# check=skip=...` parser directive (`skip=all`, or names separated by
 * commas, optionally followed by `;error=true`), as one file-wide suppression. Parser directives are the comment lines
 * at the very top of the file: BuildKit stops looking at the first line that is not one (a blank line, another
 * comment, an instruction), and so does this.
 */
export function findBuildCheckSkips(source: SourceText): Suppression[] {
  const out: Suppression[] = [];
  for (let line = 0; line < source.lineCount; line++) {
    const text = source.lineText(line);
    const directive = PARSER_DIRECTIVE.exec(text);
    if (!directive) break;
    if (directive[1].toLowerCase() !== 'check') continue;
    const valueStart = text.length - directive[2].length;
    const ids: SuppressedId[] = [];
    let offset = valueStart;
    for (const part of directive[2].split(';')) {
      const trimmed = part.trimStart();
      const partStart = offset + (part.length - trimmed.length);
      offset += part.length + 1;
      if (!trimmed.toLowerCase().startsWith('skip=')) continue;
      let at = partStart + 'skip='.length;
      for (const name of trimmed.slice('skip='.length).split(',')) {
        const check = name.trim();
        const character = at + (name.length - name.trimStart().length);
        at += name.length + 1;
        if (check === '') continue;
        ids.push({ id: check.toLowerCase() === 'all' ? BUILDKIT_ALL : buildkitCode(check), range: { start: { line, character }, end: { line, character: character + check.length } }, used: false });
      }
    }
    if (ids.length > 0) out.push({ kind: 'buildkit', ids, reason: undefined, range: source.lineRange(line), scope: undefined });
  }
  return out;
}

/**
 * `(source, line)` → the first line after `line` that is neither blank nor a comment. Computed in one
 * backward pass on first use, so a block of many directive comments is not rescanned for each of them.
 */
function nextContentLines(source: SourceText): (source: SourceText, line: number) => number {
  let next: Int32Array | undefined;
  return (_source, line) => {
    if (!next) {
      next = new Int32Array(source.lineCount + 1);
      next[source.lineCount] = source.lineCount;
      for (let l = source.lineCount - 1; l >= 0; l--) {
        const text = source.lineText(l).trim();
        next[l] = text !== '' && !text.startsWith('#') ? l : next[l + 1];
      }
    }
    return line + 1 >= source.lineCount ? source.lineCount : next[line + 1];
  };
}

/**
 * A reason that is still the placeholder the quick fix inserted (`<reason>`, any `<…>`), or a
 * stand-in such as `reason`, `todo` or `...`: counted as no reason, so it is reported.
 */
export function isPlaceholderReason(reason: string): boolean {
  const text = reason.trim();
  if (text.startsWith('<') && text.endsWith('>') && !text.slice(1, -1).includes('>')) return true;
  return PLACEHOLDER_REASONS.has(text.toLowerCase());
}

const PLACEHOLDER_REASONS = new Set(['reason', 'todo', 'tbd', 'fixme', 'xxx', '...', '…', '-', '?']);

/**
 * Whether `suppression` covers a finding of `ruleId` at `range`; marks the id used. `pragmaCodes` are the codes of other
 * tools' pragmas that cover the rule: its hadolint codes, and `buildkit:<check>` for each BuildKit check it is anchored to.
 */
export function suppresses(suppression: Suppression, ruleId: string, pragmaCodes: readonly string[], range: Range): boolean {
  if (suppression.scope && !rangeContains(suppression.scope, range.start)) return false;
  const match =
    suppression.kind === 'hadolint' || suppression.kind === 'buildkit'
      ? suppression.ids.find((s) => (s.id === BUILDKIT_ALL ? pragmaCodes.some((code) => code.startsWith(BUILDKIT_PREFIX)) : pragmaCodes.includes(s.id)))
      : firstIdNamed(suppression, ruleId);
  if (!match) return false;
  match.used = true;
  return true;
}

/** The first id of `suppression` equal to `ruleId`, through a per-suppression index (a comment may list very many ids). */
const idIndexes = new WeakMap<Suppression, Map<string, SuppressedId>>();
function firstIdNamed(suppression: Suppression, ruleId: string): SuppressedId | undefined {
  if (suppression.ids.length < 8) return suppression.ids.find((s) => s.id === ruleId);
  let index = idIndexes.get(suppression);
  if (!index) {
    index = new Map();
    for (const id of suppression.ids) if (!index.has(id.id)) index.set(id.id, id);
    idIndexes.set(suppression, index);
  }
  return index.get(ruleId);
}

/** Diagnostics about suppressions themselves. They carry no factor: they are about the comment, not the app. */
export const SUPPRESSION_DIAGNOSTICS = {
  missingReason: {
    id: 'suppression/missing-reason',
    severity: 'hint',
    description: 'A twelve-factor-ignore comment gives no reason after `--`.',
    message: 'Say why this is ignored: add `-- <reason>` after the rule ids.',
  },
  unused: {
    id: 'suppression/unused',
    severity: 'hint',
    description: 'A suppression names a rule that reports nothing where it applies.',
    message: '`{{id}}` reports nothing here; remove it from the suppression.',
  },
  unknownRule: {
    id: 'suppression/unknown-rule',
    severity: 'warning',
    description: 'A suppression names a rule id that does not exist.',
    message: 'Unknown rule `{{id}}`; run `twelve-factor-lens --list-rules` to see the ids.',
  },
  misplacedAnnotation: {
    id: 'suppression/misplaced-annotation',
    severity: 'warning',
    description: 'The ignore annotation sits on a pod template, where it suppresses nothing.',
    message: '`twelve-factor-lens/ignore` belongs on the object\'s own metadata, not the pod template\'s; move it up to `metadata.annotations`.',
  },
} as const;
