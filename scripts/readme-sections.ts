// Markdown generated from the rule registry for the README (see scripts/readme.ts).
import { FACTORS } from '../server/src/core/factors';
import { ALL_RULES } from '../server/src/core/rules';
import { SUPPRESSION_DIAGNOSTICS } from '../server/src/core/suppression';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderRuleTable(): string {
  const lines: string[] = [];
  const dockerfile = ALL_RULES.filter((r) => r.meta.target === 'dockerfile').length;
  const kubernetes = ALL_RULES.length - dockerfile;
  lines.push(`${ALL_RULES.length} rules: ${dockerfile} for Dockerfiles, ${kubernetes} for Kubernetes manifests. The Fix column says whether a rule offers a quick fix and of which kind:`);
  lines.push('**safe** fixes keep the program\'s behaviour apart from what the rule is about, need no value only you know and cannot break a build or a deploy,');
  lines.push('so `--fix` applies them; **unsafe** ones change behaviour or need your judgement: the editor offers them marked "(unsafe)" and the CLI applies them only with `--unsafe-fixes`.');
  lines.push('');
  lines.push('| Factor | Rule | Target | Default | Fix | What it finds |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const factor of FACTORS) {
    for (const rule of ALL_RULES.filter((r) => r.meta.factor === factor.slug)) {
      lines.push(`| [${factor.numeral}. ${factor.title}](${factor.url}) | \`${rule.meta.id}\` | ${rule.meta.target} | ${rule.meta.defaultSeverity} | ${rule.meta.fix ?? ''} | ${cell(rule.meta.description)} |`);
    }
  }
  lines.push('');
  lines.push('Diagnostics about suppressions themselves:');
  lines.push('');
  lines.push('| Rule | Default | What it finds |');
  lines.push('| --- | --- | --- |');
  for (const d of Object.values(SUPPRESSION_DIAGNOSTICS)) lines.push(`| \`${d.id}\` | ${d.severity} | ${cell(d.description)} |`);
  return lines.join('\n');
}
