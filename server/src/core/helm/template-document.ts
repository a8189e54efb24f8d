/**
 * A chart template read as Kubernetes YAML: the rendered text (what the Kubernetes model
 * parses), and the way back from any range of it to the template, or to the values file
 * line a value comes from. Pure: the caller passes the chart's texts (HelmChartContext).
 */
import { visit } from 'yaml';
import { readAllDocuments } from '../yaml-read';
import type { Range, TextEdit } from '../types';
import { SourceText } from '../source';
import { renderTemplate, type HelmChartContext, type Origin, type RenderResult, type Segment } from './render';

export type { HelmChartContext, Origin } from './render';
export { renderTemplate } from './render';

export interface MappedRange {
  /** Set when the range lies in a values file rather than in the template. */
  uri?: string;
  range: Range;
  /** For a range moved to a values file: the template line that uses the value. */
  related?: { uri: string; range: Range; message: string }[];
}

export class HelmTemplate {
  readonly render: RenderResult;
  /** The rendered text, for the Kubernetes model. */
  readonly rendered: SourceText;

  constructor(
    readonly template: SourceText,
    private readonly context: HelmChartContext,
  ) {
    this.render = renderTemplate(template.text, context);
    this.rendered = new SourceText(template.uri, this.render.text, template.document.languageId);
  }

  /** Rendered offsets where findings sit that are about a place, not the value written there (see anchorAt). */
  private readonly anchors = new Set<number>();

  /**
   * Marks a range of the rendered text as a place findings are anchored to (a container's name, where "no readiness
   * probe" or "no requests" sits): such a finding stays on the template even when the name came from values.yaml,
   * which holds nothing to fix for it (kirill-sch's backend chart: `name: {{ .Values.name }}`).
   */
  anchorAt(range: Range): void {
    this.anchors.add(this.rendered.offsetAt(range.start));
  }

  /** The template range of a range of the rendered text (a value's action when it came from one). */
  toTemplate(range: Range): Range {
    const start = this.rendered.offsetAt(range.start);
    const end = Math.max(start, this.rendered.offsetAt(range.end));
    const a = this.locate(start, false);
    const b = end > start ? this.locate(end, true) : a;
    return this.template.rangeOf(a, Math.max(a, b));
  }

  /**
   * Where a finding at `range` (rendered text) belongs. A single-line finding that shows a value
   * from a values file goes there, with the template's use as related information; anything else
   * stays on the template.
   */
  map(range: Range): MappedRange {
    const templateRange = this.toTemplate(range);
    if (range.start.line === range.end.line && !this.anchors.has(this.rendered.offsetAt(range.start))) {
      const start = this.rendered.offsetAt(range.start);
      const end = this.rendered.offsetAt(range.end);
      let origin: Origin | undefined;
      for (const segment of this.overlapping(start, end)) if (segment.origin) origin = segment.origin;
      if (origin) {
        return {
          uri: origin.uri,
          range: origin.range,
          related: [{ uri: this.template.uri, range: templateRange, message: 'The template uses the value here.' }],
        };
      }
    }
    return { range: templateRange };
  }

  /**
   * A fix's edit of the rendered text as an edit of the template, when that is safe: both ends lie in
   * text copied from the template, the rendered line up to the edit reads exactly as the template's
   * (same indentation, no action before it on the line), and the new text names no value of the
   * chart's values files (a port or name that came from values.yaml must stay a reference there,
   * not be copied into the template). `undefined` otherwise: the finding then offers no fix.
   */
  toTemplateEdit(edit: TextEdit): TextEdit | undefined {
    const start = this.rendered.offsetAt(edit.range.start);
    const end = this.rendered.offsetAt(edit.range.end);
    const a = this.literalOffset(start);
    const b = end === start ? a : this.literalOffset(end);
    if (a === undefined || b === undefined || b < a) return undefined;
    const renderedLine = this.rendered.text.slice(this.rendered.text.lastIndexOf('\n', start - 1) + 1, start);
    const templateLine = this.template.text.slice(this.template.text.lastIndexOf('\n', a - 1) + 1, a);
    if (renderedLine !== templateLine) return undefined;
    const values = this.valueTexts();
    for (const token of edit.newText.split(/[\s:'"{}[\],]+/)) if (token && values.has(token)) return undefined;
    return { range: this.template.rangeOf(a, b), newText: edit.newText };
  }

  /** Template offset of a rendered offset inside (or at either end of) text copied from the template. */
  private literalOffset(offset: number): number | undefined {
    const segments = this.render.segments;
    if (segments.length === 0) return undefined;
    const i = this.indexAt(offset);
    for (const segment of [segments[i], segments[i - 1]]) {
      if (segment?.src !== undefined && offset >= segment.outStart && offset <= segment.outEnd) return segment.src + (offset - segment.outStart);
    }
    return undefined;
  }

  private values?: Set<string>;

  /** Every scalar of the chart's values files, as text. */
  private valueTexts(): Set<string> {
    if (!this.values) {
      this.values = new Set();
      for (const file of this.context.values) {
        for (const doc of readAllDocuments(file.text)) {
          visit(doc, {
            Scalar: (key, node) => {
              if (key !== 'key' && node.value !== null && node.value !== undefined) this.values!.add(String(node.value));
            },
          });
        }
      }
    }
    return this.values;
  }

  private overlapping(start: number, end: number): Segment[] {
    const segments = this.render.segments;
    let i = this.indexAt(start);
    const out: Segment[] = [];
    for (; i < segments.length && segments[i].outStart < Math.max(end, start + 1); i++) out.push(segments[i]);
    return out;
  }

  /** Index of the segment holding rendered offset `offset` (binary search). */
  private indexAt(offset: number): number {
    const segments = this.render.segments;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].outStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Template offset of rendered offset `offset`; an action maps to its start (or end, for an end offset). */
  private locate(offset: number, isEnd: boolean): number {
    const segments = this.render.segments;
    if (segments.length === 0) return 0;
    let i = this.indexAt(offset);
    // An end offset at a segment's start belongs to the segment before it.
    if (isEnd && i > 0 && segments[i].outStart === offset) i--;
    const segment = segments[i];
    if (segment.src !== undefined) return segment.src + Math.min(Math.max(0, offset - segment.outStart), segment.outEnd - segment.outStart);
    if (segment.action) return isEnd ? segment.action[1] : segment.action[0];
    return 0;
  }
}
