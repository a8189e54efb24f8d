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
import { DOCKERFILE_TOPICS, KUBERNETES_TOPICS, SERVERLESS_TOPICS } from './hover-topics';
import { maskText } from './mask';

export interface HoverContent {
  markdown: string;
  range: Range;
}

export function hoverAt(analysis: Analysis, position: Position, options: HoverOptions = {}): HoverContent | undefined {
  return findingHover(analysis, position, options) ?? dockerfileTopicHover(analysis, position) ?? kubernetesTopicHover(analysis, position) ?? serverlessTopicHover(analysis, position);
}

function factorHeading(factor: Factor): string {
  return `${factor.numeral}. ${factor.title}`;
}

function factorLink(factor: Factor): string {
  return `[Factor ${factor.numeral} on 12factor.net](${factor.url})`;
}

/** How the server links a rule to its documentation (a packaged page); without it, the factor's page. */
export interface HoverOptions {
  ruleDocUrl?: (ruleId: string) => string | undefined;
}

/** The rationale's first paragraph, joined into one: the "why" in a few lines (the rule page has the rest). */
export function rationaleSummary(rationale: string): string {
  const paragraph = rationale.split(/\n[ \t]*\n/)[0] ?? '';
  return paragraph.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

function findingHover(analysis: Analysis, position: Position, options: HoverOptions): HoverContent | undefined {
  const here = analysis.findings.filter((f) => f.factor !== null && rangeContains(f.range, position));
  if (here.length === 0) return undefined;
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const finding of here) {
    // One section per rule: overlapping findings of one rule say the same thing.
    if (seen.has(finding.ruleId)) continue;
    seen.add(finding.ruleId);
    const rule = ruleById(finding.ruleId);
    const factor = factorBySlug(finding.factor!);
    const docUrl = options.ruleDocUrl?.(finding.ruleId);
    const lines = [
      // The message is masked when the engine builds it; masked again here for findings that
      // reach us another way (a worker's copy, a test), which is idempotent.
      `**${factor.numeral} ${factor.title}** · \`${finding.ruleId}\``,
      '',
      maskText(finding.message),
    ];
    const why = rule ? rationaleSummary(rule.meta.rationale) : '';
    if (why) lines.push('', `*Why:* ${why}`);
    if (finding.fix) lines.push('', `*Fix:* ${maskText(finding.fix.title)}${finding.fix.safety === 'safe' ? ' (safe: applied by Fix All and on save)' : ' (unsafe: review it; never applied on its own)'}`);
    lines.push('', docUrl ? `[Rule documentation](${docUrl})` : `[${factorHeading(factor)} on 12factor.net](${factor.url})`);
    sections.push(lines.join('\n'));
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

/** A governed key of a Lambda function (its properties, `Globals.Function`, serverless.yml's `provider`): what its factor asks. */
function serverlessTopicHover(analysis: Analysis, position: Position): HoverContent | undefined {
  const model = analysis.parsed.serverless;
  if (!model) return undefined;
  const offset = analysis.parsed.source.offsetAt(position);
  const maps = [model.globals, ...model.functions.map((fn) => fn.properties)];
  for (const map of maps) {
    for (const item of map?.items ?? []) {
      const key = item.key as Node | null;
      if (!isScalar(key) || !key.range || offset < key.range[0] || offset > key.range[1]) continue;
      const name = String(key.value);
      const topic = Object.prototype.hasOwnProperty.call(SERVERLESS_TOPICS, name) ? SERVERLESS_TOPICS[name] : undefined;
      if (!topic) return undefined;
      return { markdown: topicMarkdown(name, factorBySlug(topic.factor), topic.text), range: model.rangeOf(key)! };
    }
  }
  return undefined;
}
