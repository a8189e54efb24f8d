/**
 * Text edits for quick fixes in YAML that respect the file as written: the
 * indentation step the file already uses, its line endings, its comments. Edits are
 * computed from node ranges; nothing is re-serialised, so the rest of the file is
 * byte-for-byte unchanged.
 */
import { isMap, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import type { SourceText } from '../source';
import { pairOf } from './yaml-nodes';

const indentUnits = new WeakMap<SourceText, number>();

/** The indentation step of the file (2 unless it clearly uses another), in spaces; computed once per document version. */
export function indentUnitOf(source: SourceText): number {
  let unit = indentUnits.get(source);
  if (unit === undefined) {
    unit = measureIndentUnit(source);
    indentUnits.set(source, unit);
  }
  return unit;
}

function measureIndentUnit(source: SourceText): number {
  const counts = new Map<number, number>();
  let previous = 0;
  for (let line = 0; line < source.lineCount; line++) {
    const text = source.lineText(line);
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const indent = /^ */.exec(text)![0].length;
    const step = indent - previous;
    if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    previous = indent;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  return best;
}

/**
 * Re-indents a YAML snippet written with a 2-space step to the file's step and
 * prefixes every line with `baseIndent` spaces.
 */
export function reindent(snippet: string, baseIndent: number, unit: number): string[] {
  return snippet
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      const leading = /^ */.exec(line)![0].length;
      const levels = Math.floor(leading / 2);
      return ' '.repeat(baseIndent + levels * unit + (leading % 2)) + line.slice(leading);
    });
}

/**
 * A pair written without a key (`: value`, often a typo): the parser stretches such a pair over
 * the lines after it, so the map's end is no longer where its keys end. We do not edit such maps.
 */
function hasEmptyKey(item: Pair | null | undefined): boolean {
  const key = item?.key as Node | null | undefined;
  return !key || !key.range || key.range[0] === key.range[1];
}

/** Column at which the keys of a block map start; `undefined` for flow maps (`{a: 1}`), which we do not edit. */
export function keyColumn(source: SourceText, map: YAMLMap): number | undefined {
  if (map.flow) return undefined;
  const first = map.items.find((item): item is Pair<Node, Node> => !!item && !!(item.key as Node | null)?.range);
  if (!first) return undefined;
  return source.positionAt((first.key as Node).range![0]).character;
}

/**
 * An edit that appends `snippet` (YAML written with a 2-space step, relative to the
 * map's keys) as new keys at the end of a block map. `undefined` when the map is a
 * flow map or empty, where a safe textual insertion is not obvious.
 */
export function appendToMap(source: SourceText, map: YAMLMap, snippet: string): TextEdit | undefined {
  const column = keyColumn(source, map);
  if (column === undefined || map.items.some(hasEmptyKey)) return undefined;
  const end = lastContentOffset(source, map);
  const position = source.positionAt(end);
  const lineEnd = { line: position.line, character: source.lineText(position.line).length };
  const lines = reindent(snippet, column, indentUnitOf(source));
  return { range: { start: lineEnd, end: lineEnd }, newText: source.eol + lines.join(source.eol) };
}

/**
 * An edit that replaces one key/value pair of a block map (`value: "x"`) with other
 * keys (`snippet`, 2-space step, relative to the map's keys), keeping everything
 * else on the lines, including a trailing comment on the pair's line.
 */
export function replacePair(source: SourceText, map: YAMLMap, key: string, snippet: string, doc: Document): TextEdit | undefined {
  const pair = pairOf(map, key, doc);
  const column = keyColumn(source, map);
  if (!pair || column === undefined || !map.items.includes(pair)) return undefined;
  const keyNode = pair.key as Node;
  const valueNode = pair.value as Node | null;
  if (!keyNode.range) return undefined;
  const start = keyNode.range[0];
  const end = valueNode?.range ? valueNode.range[1] : keyNode.range[1] + 1;
  if (isMap(valueNode) && !valueNode.flow) return undefined; // a nested block: not a one-line pair
  const lines = reindent(snippet, column, indentUnitOf(source));
  const first = lines[0].slice(column);
  return { range: source.rangeOf(start, trimTrailing(source, end)), newText: [first, ...lines.slice(1)].join(source.eol) };
}

function trimTrailing(source: SourceText, offset: number): number {
  let end = offset;
  while (end > 0 && /[\r\n]/.test(source.text[end - 1])) end--;
  return end;
}

/** Offset just past the last character of the map's last value (not its trailing newline or comments). */
function lastContentOffset(source: SourceText, map: YAMLMap): number {
  const range = map.range!;
  return trimTrailing(source, range[1]);
}

/**
 * An edit that deletes whole lines from the line holding `startOffset` through the line
 * holding `endOffset` (its terminator included), when nothing but `prefix` (whitespace,
 * optionally a `- ` marker) precedes the start and nothing but whitespace or a comment
 * follows the end. `undefined` when other content shares those lines.
 */
export function removeLinesOf(source: SourceText, startOffset: number, endOffset: number, allowDash = false): TextEdit | undefined {
  const start = source.positionAt(startOffset);
  const end = source.positionAt(trimTrailing(source, endOffset));
  const before = source.lineText(start.line).slice(0, start.character);
  if (!(allowDash ? /^[ \t]*(-[ \t]+)?$/ : /^[ \t]*$/).test(before)) return undefined;
  const after = source.lineText(end.line).slice(end.character);
  if (!/^[ \t]*(#.*)?$/.test(after)) return undefined;
  const from = { line: start.line, character: 0 };
  const to = end.line + 1 < source.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: source.lineText(end.line).length };
  return { range: { start: from, end: to }, newText: '' };
}

/** An edit that deletes one item of a block sequence (`- name: X …`, all its lines). */
export function removeSeqItem(source: SourceText, seq: YAMLSeq, item: Node): TextEdit | undefined {
  if (seq.flow || !item.range || !seq.items.includes(item as never)) return undefined;
  return removeLinesOf(source, item.range[0], item.range[1], true);
}

/** An edit that deletes one key of a block map with its value (nested blocks included). */
export function removePair(source: SourceText, map: YAMLMap, key: string, doc: Document): TextEdit | undefined {
  const pair = pairOf(map, key, doc);
  if (map.flow || !pair || !map.items.includes(pair)) return undefined;
  const keyNode = pair.key as Node;
  const valueNode = pair.value as Node | null;
  if (!keyNode.range) return undefined;
  return removeLinesOf(source, keyNode.range[0], valueNode?.range ? valueNode.range[1] : keyNode.range[1]);
}
