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
  const kubernetes = ALL_RULES.filter((r) => r.meta.target === 'kubernetes').length;
  const serverless = ALL_RULES.filter((r) => r.meta.target === 'serverless').length;
  lines.push(`${ALL_RULES.length} rules: ${dockerfile} for Dockerfiles, ${kubernetes} for Kubernetes manifests (Knative, Argo Rollouts, OpenShift and KEDA pod templates included), ${serverless} for serverless templates (AWS SAM, CloudFormation, serverless.yml; listed in their own table below). The Fix column says whether a rule offers a quick fix and of which kind:`);
  lines.push('**safe** fixes keep the program\'s behaviour apart from what the rule is about, need no value only you know and cannot break a build or a deploy,');
  lines.push('so `--fix` applies them; **unsafe** ones change behaviour or need your judgement: the editor offers them marked "(unsafe)" and the CLI applies them only with `--unsafe-fixes`.');
  lines.push('');
  lines.push('| Factor | Rule | Target | Default | Fix | What it finds |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  const row = (rule: (typeof ALL_RULES)[number], factor: (typeof FACTORS)[number]) =>
    `| [${factor.numeral}. ${factor.title}](${factor.url}) | \`${rule.meta.id}\` | ${rule.meta.target} | ${rule.meta.offByDefault ? `off (${rule.meta.defaultSeverity} when on)` : rule.meta.defaultSeverity} | ${rule.meta.fix ?? ''} | ${cell(rule.meta.description)} |`;
  for (const factor of FACTORS) {
    for (const rule of ALL_RULES.filter((r) => r.meta.factor === factor.slug && r.meta.target !== 'serverless')) lines.push(row(rule, factor));
  }
  lines.push('');
  lines.push('Serverless templates: AWS SAM and CloudFormation templates (YAML with `!Ref`-style tags, or JSON) and Serverless Framework `serverless.yml` files, recognised by their content, never by their name alone:');
  lines.push('');
  lines.push('| Factor | Rule | Target | Default | Fix | What it finds |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const factor of FACTORS) {
    for (const rule of ALL_RULES.filter((r) => r.meta.factor === factor.slug && r.meta.target === 'serverless')) lines.push(row(rule, factor));
  }
  lines.push('');
  const off = ALL_RULES.filter((r) => r.meta.offByDefault);
  lines.push(`Rules off by default (${off.length}): sound checks that are generic hygiene, or right for production and noise on demos and samples. Turn one on in \`.twelve-factor-lens.json\` with \`"rules": { "<id>": "hint" }\` (or any severity):`);
  lines.push('');
  for (const rule of off) lines.push(`- \`${rule.meta.id}\`: ${cell(rule.meta.offByDefault!)}`);
  lines.push('');
  lines.push('Diagnostics about suppressions themselves:');
  lines.push('');
  lines.push('| Rule | Default | What it finds |');
  lines.push('| --- | --- | --- |');
  for (const d of Object.values(SUPPRESSION_DIAGNOSTICS)) lines.push(`| \`${d.id}\` | ${d.severity} | ${cell(d.description)} |`);
  return lines.join('\n');
}

/** Checks of other linters this project deliberately does not carry over, with the reason (shown under the anchor table). */
const NOT_CARRIED_OVER: { tools: string; why: string }[] = [
  { tools: 'BuildKit SecretsUsedInArgOrEnv, hadolint DL3064', why: 'Covered by `config/secret-build-arg` (a secret-named ARG that an instruction uses), `config/literal-secret-arg` and `config/literal-secret-env`; a secret-named ARG that nothing uses leaks nothing, and an empty `ENV API_TOKEN=` documents config the environment supplies, as the twelve factors ask.' },
  { tools: 'hadolint DL3044, BuildKit UndefinedVar for other variables, InvalidDefaultArgInFrom', why: '`config/undefined-build-variable` reports undeclared `FROM` variables and global arguments a stage forgets to re-declare; other undeclared variables may come from the base image\'s environment, which a linter cannot see, and an `ARG` without a default in `FROM` is a deliberate required build argument.' },
  { tools: 'kube-linter / Checkov CKV_K8S_35 read-secret-from-env-var', why: 'Contradicts factor III: this linter recommends secrets in environment variables read from a Secret (`secretKeyRef`), which keeps the app free of platform-specific file paths; mount them as files only where a library insists on a path.' },
];

/** Maps other linters' check ids to this linter's rules, from each rule's `anchors` and `hadolint` metadata. */
export function renderAnchorTable(): string {
  const rows = new Map<string, Set<string>>();
  for (const rule of ALL_RULES) {
    const anchors = [...(rule.meta.anchors ?? []), ...(rule.meta.hadolint ?? []).map((id) => ({ tool: 'hadolint', id }))];
    for (const a of anchors) {
      const key = `${a.tool}\u0000${a.id}`;
      const set = rows.get(key) ?? new Set<string>();
      set.add(rule.meta.id);
      rows.set(key, set);
    }
  }
  const order = ['hadolint', 'BuildKit', 'Checkov', 'kube-linter', 'kube-score', 'Polaris'];
  const sorted = [...rows.entries()].map(([key, ids]) => ({ tool: key.split('\u0000')[0], id: key.split('\u0000')[1], ids: [...ids].sort() }));
  sorted.sort((a, b) => (order.indexOf(a.tool) - order.indexOf(b.tool)) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const lines: string[] = [];
  lines.push('Checks of hadolint, BuildKit\'s build checks, Checkov, kube-linter, kube-score and Polaris that belong to a factor, and the rule that covers each here.');
  lines.push('Where the meaning is the same, `# hadolint ignore=DLxxxx` also silences the rule.');
  lines.push('');
  lines.push('| Tool | Their id | This linter |');
  lines.push('| --- | --- | --- |');
  for (const row of sorted) lines.push(`| ${row.tool} | \`${row.id}\` | ${row.ids.map((id) => `\`${id}\``).join(', ')} |`);
  lines.push('');
  lines.push('Not carried over, and why:');
  lines.push('');
  for (const item of NOT_CARRIED_OVER) lines.push(`- ${cell(item.tools)}: ${cell(item.why)}`);
  return lines.join('\n');
}
