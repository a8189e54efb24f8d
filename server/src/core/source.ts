/**
 * One document's text with the only offset <-> position conversion in the core.
 * Positions are LSP positions: 0-based lines, UTF-16 code-unit columns (which is
 * what JavaScript string indices already are). YAML node offsets and our own
 * regex matches are converted here and nowhere else.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from './types';

export class SourceText {
  readonly document: TextDocument;
  private lineStarts: number[] | undefined;
  private eolCache: '\n' | '\r\n' | '\r' | undefined;

  constructor(readonly uri: string, readonly text: string, languageId = 'plaintext', version = 0) {
    this.document = TextDocument.create(uri, languageId, version, text);
  }

  /**
   * The file's dominant line ending, reused by every fix that inserts a line. Line breaks
   * are `\r\n`, `\n` and a lone `\r`, as in LSP; a tie prefers LF, then CRLF. Counted when
   * first asked for: only fixes ask.
   */
  get eol(): '\n' | '\r\n' | '\r' {
    if (this.eolCache === undefined) {
      // Every line but the first starts after a line break: `\n`, `\r\n` or a lone `\r`.
      const text = this.text;
      let crlf = 0;
      let lf = 0;
      let cr = 0;
      for (const start of this.getLineStarts()) {
        if (start === 0) continue;
        if (text.charCodeAt(start - 1) === 13) cr++;
        else if (start >= 2 && text.charCodeAt(start - 2) === 13) crlf++;
        else lf++;
      }
      this.eolCache = cr > lf && cr > crlf ? '\r' : crlf > lf ? '\r\n' : '\n';
    }
    return this.eolCache;
  }

  /**
   * The text with every lone CR turned into LF: the same length and offsets, for parsers
   * (the yaml package) that only know LF and CRLF, so that they see the lines we see.
   */
  get lfText(): string {
    if (this.lfTextCache === undefined) this.lfTextCache = this.text.includes('\r') ? this.text.replace(/\r(?!\n)/g, '\n') : this.text;
    return this.lfTextCache;
  }
  private lfTextCache: string | undefined;

  get lineCount(): number {
    return this.document.lineCount;
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /** The text of line `line` without its line terminator. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    if (line < 0 || line >= starts.length) return '';
    const start = starts[line];
    let end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    if (line + 1 < starts.length) {
      // Drop the terminator: `\n`, `\r\n` or a lone `\r`.
      if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
      if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return this.text.slice(start, end);
  }

  /** Leading whitespace of a line, exactly as written (tabs stay tabs). */
  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }

  /** Range of the whole of line `line`, excluding its terminator. */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineText(line).length } };
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) {
        const c = this.text.charCodeAt(i);
        if (c === 13 && this.text.charCodeAt(i + 1) === 10) i++;
        if (c === 10 || c === 13) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** True when `inner` lies within `outer` (inclusive of the boundaries). */
export function rangeContains(outer: Range, inner: Range | Position): boolean {
  const r = 'start' in inner ? inner : { start: inner, end: inner };
  return comparePositions(outer.start, r.start) <= 0 && comparePositions(r.end, outer.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}
