/**
 * A chart template read as Kubernetes YAML: the rendered text (what the Kubernetes model
 * parses), and the way back from any range of it to the template, or to the values file
 * line a value comes from. Pure: the caller passes the chart's texts (HelmChartContext).
 */
import type { Range } from '../types';
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

  constructor(readonly template: SourceText, context: HelmChartContext) {
    this.render = renderTemplate(template.text, context);
    this.rendered = new SourceText(template.uri, this.render.text, template.document.languageId);
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
    if (range.start.line === range.end.line) {
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
