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
  lines.push(`${ALL_RULES.length} rules: ${dockerfile} for Dockerfiles, ${kubernetes} for Kubernetes manifests. ✔ marks a rule that offers a quick fix.`);
  lines.push('');
  lines.push('| Factor | Rule | Target | Default | Fix | What it finds |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const factor of FACTORS) {
    for (const rule of ALL_RULES.filter((r) => r.meta.factor === factor.slug)) {
      lines.push(`| [${factor.numeral}. ${factor.title}](${factor.url}) | \`${rule.meta.id}\` | ${rule.meta.target} | ${rule.meta.defaultSeverity} | ${rule.meta.fixable ? '✔' : ''} | ${cell(rule.meta.description)} |`);
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
