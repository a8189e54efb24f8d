/**
 * Hover content: on a finding, the factor it breaks and the rule's rationale; on
 * an instruction or key that a factor governs, what that factor asks of it, even
 * when nothing is wrong. Returns markdown; the server wraps it in an LSP Hover.
 */
import { isPair, isScalar, visit, type Node, type Pair } from 'yaml';
import type { Position, Range } from './types';
import type { Analysis } from './analyze';
import { rangeContains } from './source';
import { factorBySlug, type Factor } from './factors';
import { ruleById } from './rules';
import { DOCKERFILE_TOPICS, KUBERNETES_TOPICS } from './hover-topics';
import { maskText } from './mask';

export interface HoverContent {
  markdown: string;
  range: Range;
}

export function hoverAt(analysis: Analysis, position: Position): HoverContent | undefined {
  return findingHover(analysis, position) ?? dockerfileTopicHover(analysis, position) ?? kubernetesTopicHover(analysis, position);
}

function factorHeading(factor: Factor): string {
  return `${factor.numeral}. ${factor.title}`;
}

function factorLink(factor: Factor): string {
  return `[Factor ${factor.numeral} on 12factor.net](${factor.url})`;
}

function findingHover(analysis: Analysis, position: Position): HoverContent | undefined {
  const here = analysis.findings.filter((f) => f.factor !== null && rangeContains(f.range, position));
  if (here.length === 0) return undefined;
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const finding of here) {
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const rule = ruleById(finding.ruleId);
    const factor = factorBySlug(finding.factor!);
    sections.push(
      [
        // The message is masked when the engine builds it; masked again here for findings that
        // reach us another way (a worker's copy, a test), which is idempotent.
        `### ${factorHeading(factor)}: ${maskText(finding.message)}`,
        '',
        `**Why this breaks the factor.** ${rule?.meta.rationale ?? ''}`,
        '',
        `**${factorHeading(factor)}.** ${factor.explanation}`,
        '',
        `${factorLink(factor)} · rule \`${finding.ruleId}\` · silence with \`# twelve-factor-ignore ${finding.ruleId} -- <reason>\``,
      ].join('\n'),
    );
  }
  return { markdown: sections.join('\n\n---\n\n'), range: here[0].range };
}

function topicMarkdown(subject: string, factor: Factor, text: string): string {
  return [`**${subject}** · Factor ${factorHeading(factor)}`, '', text, '', `*${factor.summary}* ${factorLink(factor)}`].join('\n');
}

function dockerfileTopicHover(analysis: Analysis, position: Position): HoverContent | undefined {
  const model = analysis.parsed.dockerfile;
  if (!model) return undefined;
  const instruction = model.instructions.find((i) => rangeContains(i.getInstructionRange(), position));
  if (!instruction) return undefined;
  const keyword = instruction.getKeyword();
  const topic = DOCKERFILE_TOPICS[keyword];
  if (!topic) return undefined;
  return { markdown: topicMarkdown(keyword, factorBySlug(topic.factor), topic.text), range: instruction.getInstructionRange() };
}

function kubernetesTopicHover(analysis: Analysis, position: Position): HoverContent | undefined {
  const model = analysis.parsed.kubernetes;
  if (!model) return undefined;
  const offset = analysis.parsed.source.offsetAt(position);
  // Only keys inside documents that are Kubernetes objects: a CI workflow's `env` is not ours to explain.
  const object = model.objects.find((o) => rangeContains(o.range, position));
  if (!object) return undefined;
  let hit: Pair | undefined;
  visit(object.doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (isPair(pair) && isScalar(key) && key.range && key.range[0] <= offset && offset <= key.range[1]) {
        hit = pair;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!hit) return undefined;
  const keyNode = hit.key as Node;
  const name = String((keyNode as { value?: unknown }).value);
  const topic = KUBERNETES_TOPICS[name];
  if (!topic) return undefined;
  return { markdown: topicMarkdown(name, factorBySlug(topic.factor), topic.text), range: model.rangeOf(keyNode)! };
}
