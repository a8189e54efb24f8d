/**
 * Knative Serving's revision template: where a `Service` or `Configuration` (`spec.template`) or a
 * `Revision` (the object itself) keeps its autoscaling annotations and `containerConcurrency`.
 * Only per-revision settings are read; the cluster defaults (config-autoscaler) are not known here.
 */
import type { Pair, YAMLMap } from 'yaml';
import { isKnativeServing, type KubeObject } from './model';
import { asMap, nodeAt, pairOf, scalarNumber, scalarString } from './yaml-nodes';

const PREFIX = 'autoscaling.knative.dev/';

/** The annotation keys Knative reads for one setting: the kebab-case name and the older camelCase alias. */
const ALIASES: Record<string, string[]> = {
  'min-scale': ['min-scale', 'minScale'],
  'max-scale': ['max-scale', 'maxScale'],
  'initial-scale': ['initial-scale', 'initialScale'],
  target: ['target'],
  metric: ['metric'],
  class: ['class'],
};

export interface KnativeSetting {
  /** The key as written (`autoscaling.knative.dev/max-scale`). */
  key: string;
  pair: Pair;
  /** The whole-number value; undefined when it is not one (templated, empty, a float). */
  number: number | undefined;
  text: string | undefined;
}

export interface RevisionTemplate {
  object: KubeObject;
  annotations: YAMLMap | undefined;
  spec: YAMLMap | undefined;
}

/** The revision template of a Knative Serving `Service`, `Configuration` or `Revision`; undefined for other objects. */
export function revisionTemplateOf(object: KubeObject): RevisionTemplate | undefined {
  if (!isKnativeServing(object.apiVersion)) return undefined;
  const { doc, node } = object;
  if (object.kind === 'Service' || object.kind === 'Configuration') {
    const template = asMap(nodeAt(node, ['spec', 'template'], doc), doc);
    if (!template) return undefined;
    return { object, annotations: asMap(nodeAt(template, ['metadata', 'annotations'], doc), doc), spec: asMap(nodeAt(template, ['spec'], doc), doc) };
  }
  if (object.kind === 'Revision') return { object, annotations: asMap(nodeAt(node, ['metadata', 'annotations'], doc), doc), spec: asMap(nodeAt(node, ['spec'], doc), doc) };
  return undefined;
}

/** One autoscaling annotation of the revision template (`min-scale`, `max-scale`, `initial-scale`, `target`, `metric`, `class`). */
export function autoscalingSetting(template: RevisionTemplate, name: keyof typeof ALIASES): KnativeSetting | undefined {
  const doc = template.object.doc;
  for (const alias of ALIASES[name]) {
    const key = PREFIX + alias;
    const pair = pairOf(template.annotations, key, doc);
    if (pair) return { key, pair, number: scalarNumber(pair.value, doc), text: scalarString(pair.value, doc) };
  }
  return undefined;
}

/** `containerConcurrency` of the revision template (the hard limit; 0 or unset means no limit). */
export function containerConcurrency(template: RevisionTemplate): { pair: Pair; number: number | undefined } | undefined {
  const doc = template.object.doc;
  const pair = pairOf(template.spec, 'containerConcurrency', doc);
  return pair ? { pair, number: scalarNumber(pair.value, doc) } : undefined;
}
