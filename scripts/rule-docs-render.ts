// Renders docs/rules/<id>.md for one rule from its metadata and its test cases (the cases that
// fire and the cases that stay silent, test/rules/**). Used by scripts/rule-docs.ts (writes the
// pages) and test/meta/docs.test.ts (fails when a page is stale). Deterministic: same input, same page.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../server/src/core/analyze';
import { applyEdits, selectFixes } from '../server/src/core/edits';
import { factorBySlug } from '../server/src/core/factors';
import { IGNORE_ANNOTATION } from '../server/src/core/suppression';
import type { Rule } from '../server/src/core/rule';
import { collectRuleCases, enabling, type InvalidCase, type RuleCase, type RuleCases } from '../test/helpers/rule-tester';

export const RULE_DOCS_DIR = 'docs/rules';
const SHOWN = 3;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Every rule test's case table, by rule id (the rule tests record them instead of running). */
export async function loadRuleCases(): Promise<Map<string, { rule: Rule; cases: RuleCases }>> {
  const files = filesUnder('test/rules');
  const collected = await collectRuleCases(files.map((file) => () => import(pathToFileURL(join(process.cwd(), file)).href)));
  const byId = new Map<string, { rule: Rule; cases: RuleCases }>();
  for (const entry of collected) {
    const known = byId.get(entry.rule.meta.id);
    if (known) known.cases = { valid: [...known.cases.valid, ...entry.cases.valid], invalid: [...known.cases.invalid, ...entry.cases.invalid] };
    else byId.set(entry.rule.meta.id, { rule: entry.rule, cases: { valid: [...entry.cases.valid], invalid: [...entry.cases.invalid] } });
  }
  return byId;
}

/** The page's path under docs/rules: the rule id is `<factor>/<name>`, so one folder per factor. */
export function ruleDocPath(id: string): string {
  return `${RULE_DOCS_DIR}/${id}.md`;
}

function fence(code: string, language: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${code.endsWith('\n') ? code : `${code}\n`}${ticks}`;
}

function languageOf(rule: Rule, c: RuleCase): string {
  const name = c.filename ?? (rule.meta.target === 'dockerfile' ? 'Dockerfile' : 'manifest.yaml');
  return /\.ya?ml$/i.test(name) ? 'yaml' : 'dockerfile';
}

function uriOf(rule: Rule, c: RuleCase): string {
  return `file:///workspace/${c.filename ?? (rule.meta.target === 'dockerfile' ? 'Dockerfile' : 'manifest.yaml')}`;
}

/** A plain case: one file, no workspace, no configuration beyond what the page can show (what a reader can paste and try). */
function simple(c: RuleCase): boolean {
  const shownConfiguration = !c.configuration || Object.keys(c.configuration).every((key) => key === 'trustedRegistries');
  return !c.workspace?.length && shownConfiguration && !c.code.includes('\r') && !c.code.startsWith('\uFEFF');
}

function asCase(c: RuleCase | string): RuleCase {
  return typeof c === 'string' ? { code: c } : c;
}

/** What the case gives of the Dockerfile's build context (the CLI and the editor read it from the Dockerfile's folder). */
function contextNote(c: RuleCase): string {
  const context = c.buildContext;
  if (!context) return '';
  const out: string[] = [];
  if (context.dockerignore === null) out.push(`No \`.dockerignore\` beside the Dockerfile${context.hasGit ? ', in a folder that holds `.git`' : ''}.`);
  else if (context.dockerignore !== undefined) out.push(`With this \`.dockerignore\` beside the Dockerfile${context.hasGit ? ', in a folder that holds `.git`' : ''}:`, '', fence(context.dockerignore, 'text'));
  for (const [path, file] of Object.entries(context.files ?? {})) {
    if (file) out.push(`With \`${path}\` in the build context:`, '', fence(file.text, 'sh'));
    else out.push(`Without a readable \`${path}\` in the build context.`);
  }
  return out.join('\n');
}

function caption(c: RuleCase): string {
  const named = c.name ? `**${c.name.charAt(0).toUpperCase()}${c.name.slice(1)}**` : '';
  const note = contextNote(c);
  const title = named && note ? `${named}\n\n${note}` : named || note;
  const trusted = c.configuration?.trustedRegistries;
  if (!trusted) return title;
  const setting = `With \`"trustedRegistries": ${JSON.stringify(trusted)}\` in \`.twelve-factor-lens.json\`:`;
  return title ? `${title}\n\n${setting}` : setting;
}

function invalidExample(rule: Rule, c: InvalidCase): string {
  const analysis = analyze({ uri: uriOf(rule, c), languageId: '', text: c.code }, { rules: [rule], configuration: enabling(rule, c.configuration), buildContext: c.buildContext });
  const findings = analysis.findings.filter((f) => f.ruleId === rule.meta.id);
  const lines = [caption(c), '', fence(c.code, languageOf(rule, c)), ''];
  for (const f of findings) lines.push(`- line ${f.range.start.line + 1}, column ${f.range.start.character + 1}: ${f.message}`);
  return lines.filter((l, i) => i > 0 || l !== '').join('\n');
}

export function renderRuleDoc(rule: Rule, cases: RuleCases | undefined): string {
  const { meta } = rule;
  const factor = factorBySlug(meta.factor);
  const target = { dockerfile: 'Dockerfile', kubernetes: 'Kubernetes', serverless: 'Serverless templates' }[meta.target] ?? meta.target;
  const out: string[] = [
    `<!-- Generated from the rule's metadata and tests by \`npm run docs:rules\`; edit those, not this page. -->`,
    `# \`${meta.id}\``,
    '',
    `**${factor.numeral}. ${factor.title}** · ${target} · default severity: ${meta.offByDefault ? `off (${meta.defaultSeverity} when turned on)` : meta.defaultSeverity} · fix: ${meta.fix ?? 'none'}`,
    '',
    meta.description,
    '',
    '## Why',
    '',
    meta.rationale,
  ];
  const invalid = (cases?.invalid ?? []).filter(simple).slice(0, SHOWN);
  const valid = (cases?.valid ?? []).map(asCase).filter(simple).slice(0, SHOWN);
  if (invalid.length) {
    out.push('', '## Examples that are reported', '');
    out.push(invalid.map((c) => invalidExample(rule, c)).join('\n\n'));
  }
  if (valid.length) {
    out.push('', '## Examples that are not reported', '');
    out.push(valid.map((c) => [caption(c), '', fence(c.code, languageOf(rule, c))].filter((l, i) => i > 0 || l !== '').join('\n')).join('\n\n'));
  }
  out.push('', '## Fix', '');
  if (!meta.fix) {
    out.push('No automatic fix: the change needs a decision only you can make. The message says what to change.');
  } else {
    out.push(
      meta.fix === 'safe'
        ? 'The fix is **safe**: `twelve-factor-lens --fix`, *Fix All* and `source.fixAll.twelveFactor` on save apply it.'
        : 'The fix is **unsafe**: it changes behaviour or needs a value only you know, so it is offered as a quick fix and applied by the command line only with `--unsafe-fixes`. Review the result.',
    );
    const fixed = (cases?.invalid ?? []).find((c) => simple(c) && typeof c.output === 'string' && c.output !== c.code);
    if (fixed) {
      const analysis = analyze({ uri: uriOf(rule, fixed), languageId: '', text: fixed.code }, { rules: [rule] });
      const edits = selectFixes(analysis.findings.filter((f) => f.ruleId === meta.id), { unsafe: true }).edits;
      const after = applyEdits(fixed.code, edits).text;
      out.push('', 'Before:', '', fence(fixed.code, languageOf(rule, fixed)), '', 'After:', '', fence(after, languageOf(rule, fixed)));
    }
  }
  out.push('', '## Suppress', '', 'With a reason after `--` (a missing reason, or a placeholder such as `<reason>`, is reported):', '');
  const comment = [`# twelve-factor-ignore ${meta.id} -- <say why>`, `# twelve-factor-ignore-file ${meta.id} -- <say why>`].join('\n');
  out.push(fence(comment, meta.target === 'dockerfile' ? 'dockerfile' : 'yaml'));
  if (meta.target === 'kubernetes') out.push('', `On one object: the annotation \`${IGNORE_ANNOTATION}: "${meta.id}"\` in its own \`metadata.annotations\`.`);
  if (meta.hadolint?.length) out.push('', `\`# hadolint ignore=${meta.hadolint.join(',')}\` silences it too.`);
  out.push('', 'For the whole project, in `.twelve-factor-lens.json` (the quick fix *Turn this rule off for the project* writes it):', '', fence(JSON.stringify({ rules: { [meta.id]: 'off' } }, null, 2), 'json'));
  if (meta.anchors?.length || meta.hadolint?.length) {
    out.push('', '## Related checks of other tools', '');
    const seen = new Set<string>();
    for (const code of meta.hadolint ?? []) seen.add(`hadolint \`${code}\``);
    for (const a of meta.anchors ?? []) seen.add(`${a.tool} \`${a.id}\``);
    for (const s of seen) out.push(`- ${s}`);
  }
  out.push('', `## The factor`, '', `${factor.summary} [${factor.numeral}. ${factor.title} on 12factor.net](${factor.url})`, '');
  return out.join('\n');
}
