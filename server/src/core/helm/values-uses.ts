/**
 * Where a chart's templates use the values of its values file, and which factor governs the
 * manifest field each value lands in: the hover on a values.yaml key (`image.tag` → V Build,
 * release, run, used by `templates/deployment.yaml` line 12). Pure: the caller renders the
 * templates (HelmTemplate) and passes them.
 */
import { isMap, isPair, isScalar, visit, type Node } from 'yaml';
import { readAllDocuments, readDocument } from '../yaml-read';
import type { FactorSlug, Position, Range } from '../types';
import { SourceText } from '../source';
import { factorBySlug } from '../factors';
import { KUBERNETES_TOPICS } from '../hover-topics';
import type { HelmTemplate } from './template-document';

export interface ValueUse {
  /** The values file and the range of the value there. */
  valuesUri: string;
  valuesRange: Range;
  /** The template and the range of the action that shows the value. */
  templateUri: string;
  templateRange: Range;
  /** The manifest field the value lands in (`image`, `replicas`, `value` under `env`…). */
  field: string;
  /** The factor that governs that field, when one does (a rule reads it). */
  factor?: FactorSlug;
}

/** Rendered scalars and map keys by their start, with the keys of the pairs above them. */
interface Located {
  start: number;
  end: number;
  keys: string[];
}

/** Every use of a values-file value in one rendered template, with the field it lands in. */
export function valueUses(template: HelmTemplate): ValueUse[] {
  const segments = template.render.segments.filter((s) => s.origin);
  if (segments.length === 0) return [];
  const located: Located[] = [];
  for (const doc of readAllDocuments(template.render.text)) {
    visit(doc, {
      Scalar(_key, node, path) {
        if (!node.range) return;
        const keys: string[] = [];
        for (const ancestor of path) if (isPair(ancestor) && isScalar(ancestor.key)) keys.push(String(ancestor.key.value));
        located.push({ start: node.range[0], end: node.range[1], keys });
      },
    });
  }
  located.sort((a, b) => a.start - b.start);
  const uses: ValueUse[] = [];
  for (const segment of segments) {
    const hit = locatedAt(located, segment.outStart);
    if (!hit) continue;
    let factor: FactorSlug | undefined;
    let field = hit.keys[hit.keys.length - 1] ?? '';
    // The innermost key a factor governs: `value` under `env` is governed by `env`.
    for (let i = hit.keys.length - 1; i >= 0; i--) {
      const topic = Object.prototype.hasOwnProperty.call(KUBERNETES_TOPICS, hit.keys[i]) ? KUBERNETES_TOPICS[hit.keys[i]] : undefined;
      if (topic) {
        factor = topic.factor;
        field = hit.keys[i];
        break;
      }
    }
    const origin = segment.origin!;
    const templateRange = template.toTemplate(template.rendered.rangeOf(segment.outStart, segment.outEnd));
    uses.push({ valuesUri: origin.uri, valuesRange: origin.range, templateUri: template.template.uri, templateRange, field, factor });
  }
  return uses;
}

/** The rendered scalar holding `offset` (binary search over starts; scalars do not nest). */
function locatedAt(located: readonly Located[], offset: number): Located | undefined {
  let lo = 0;
  let hi = located.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (located[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const hit = best >= 0 ? located[best] : undefined;
  return hit && offset < Math.max(hit.end, hit.start + 1) ? hit : undefined;
}

export interface ValuesHover {
  markdown: string;
  range: Range;
}

/**
 * The hover on a key of a values file: which factor governs the fields its value (or the values
 * under it) land in, and which templates use it where. `undefined` when no template uses the key
 * in a field a factor governs. `displayName` names a template for the reader (a relative path).
 */
export function valuesKeyHover(values: { uri: string; text: string }, position: Position, uses: readonly ValueUse[], displayName: (uri: string) => string): ValuesHover | undefined {
  const source = new SourceText(values.uri, values.text);
  const offset = source.offsetAt(position);
  const doc = readDocument(values.text);
  // The key under the cursor, with its path from the top.
  const path: string[] = [];
  let span: [number, number] | undefined;
  let keyRange: [number, number] | undefined;
  let node: Node | null = doc.contents as Node | null;
  while (node && isMap(node)) {
    let next: Node | null = null;
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || !key.range) continue;
      const value = pair.value as Node | null;
      const end = value?.range ? value.range[1] : key.range[1];
      if (offset < key.range[0] || offset > end) continue;
      path.push(String(key.value));
      // On the key, or on a value that is not a map (a scalar, a list): this pair; inside a map: one of its keys.
      if (offset <= key.range[1] || !isMap(value)) {
        span = [key.range[0], end];
        keyRange = [key.range[0], key.range[1]];
      } else next = value;
      break;
    }
    if (span || !next) break;
    node = next;
  }
  if (!span || !keyRange) return undefined;
  const [from, to] = span;
  const here = uses.filter((u) => {
    if (u.valuesUri !== values.uri || !u.factor) return false;
    const start = source.offsetAt(u.valuesRange.start);
    return start >= from && start <= to;
  });
  if (here.length === 0) return undefined;
  const byFactor = new Map<FactorSlug, ValueUse[]>();
  for (const use of here) byFactor.set(use.factor!, [...(byFactor.get(use.factor!) ?? []), use]);
  const lines = [`**\`${path.join('.')}\`** is read by the chart's templates:`];
  for (const [slug, list] of byFactor) {
    const factor = factorBySlug(slug);
    const places = [...new Set(list.map((u) => `\`${displayName(u.templateUri)}\` line ${u.templateRange.start.line + 1} (\`${u.field}\`)`))];
    lines.push('', `- **${factor.numeral} ${factor.title}**: ${places.join(', ')}`);
  }
  lines.push('', 'Findings about these values are reported here, on values.yaml.');
  return { markdown: lines.join('\n'), range: source.rangeOf(keyRange[0], keyRange[1]) };
}
