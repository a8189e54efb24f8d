/**
 * A self-contained HTML report: a per-factor bar chart (inline SVG), the findings grouped by
 * factor and file, and each rule's explanation. One file, no script, no request to the network
 * (a Content-Security-Policy forbids any), so it can be archived as a CI artefact and opened anywhere.
 */
import type { Severity } from '../core/types';
import type { FileReport } from '../cli-format';
import { ruleById } from '../core/rules';
import { maskText } from '../core/mask';
import { groupByFactor, leadSentence, plural, problemCounts, summariseByFactor, type FactorSummary, type RunScope } from './summary';
import { parseProblemText, problemHeadings } from '../core/parse-problems';

const COLOR: Record<Severity, string> = { error: '#d1242f', warning: '#bf8700', info: '#0969da', hint: '#6e7781' };
const PASS = '#1a7f37';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Our own rationale markdown, reduced to what it uses: code spans and bold, on escaped text. */
function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`\n]*)`/g, '<code>$1</code>')
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>');
}

function barChart(summary: FactorSummary): string {
  const width = 720;
  const barArea = 190;
  const top = 20;
  const slot = width / 12;
  const max = Math.max(1, ...summary.rows.map((r) => r.findings));
  const bars = summary.rows.map((row, i) => {
    const x = i * slot + slot * 0.18;
    const w = slot * 0.64;
    const h = row.findings === 0 ? 4 : Math.max(6, Math.round((row.findings / max) * barArea));
    const y = top + barArea - h;
    const color = row.worst ? COLOR[row.worst] : PASS;
    const label = row.findings === 0 ? '✓' : String(row.findings);
    return [
      `<g><title>${escapeHtml(`${row.factor.numeral}. ${row.factor.title}: ${row.findings === 0 ? 'no findings' : `${plural(row.findings, 'finding')}, worst ${row.worst}`}`)}</title>`,
      `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" rx="3" fill="${color}"/>`,
      `<text x="${(x + w / 2).toFixed(1)}" y="${y - 5}" text-anchor="middle" class="count">${label}</text>`,
      `<text x="${(x + w / 2).toFixed(1)}" y="${top + barArea + 18}" text-anchor="middle" class="axis">${row.factor.numeral}</text></g>`,
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${top + barArea + 30}" width="${width}" height="${top + barArea + 30}" role="img" aria-label="Findings per factor">${bars.join('')}</svg>`;
}

export function toHtml(reports: readonly FileReport[], version: string, scope?: RunScope): string {
  const summary = summariseByFactor(reports);
  const groups = groupByFactor(reports);
  const body: string[] = [];
  body.push(`<h1>Twelve-Factor Lens report</h1>`);
  body.push(`<p class="lead">${escapeHtml(leadSentence(summary, problemCounts(reports), scope))}</p>`);
  // A run that checked no file has no factor to chart or table: no passing rows for nothing.
  if (summary.filesChecked > 0) {
    body.push(`<figure>${barChart(summary)}<figcaption>Findings per factor; the colour is the worst severity, green means passing.</figcaption></figure>`);
    body.push('<table class="factors"><thead><tr><th>Factor</th><th>Findings</th><th>Worst</th><th>Files</th></tr></thead><tbody>');
    for (const row of summary.rows) {
      const name = row.findings > 0 ? `<a href="#factor-${row.factor.slug}">${escapeHtml(`${row.factor.numeral}. ${row.factor.title}`)}</a>` : escapeHtml(`${row.factor.numeral}. ${row.factor.title}`);
      const worst = row.worst ? `<span class="sev ${row.worst}">${row.worst}</span>` : '<span class="sev pass">pass</span>';
      body.push(`<tr><td>${name}</td><td class="num">${row.findings}</td><td>${worst}</td><td class="num">${row.files}</td></tr>`);
    }
    body.push('</tbody></table>');
  }
  for (const group of groups) {
    const id = group.factor ? `factor-${group.factor.slug}` : 'suppression';
    body.push(`<section id="${id}"><h2>${escapeHtml(group.factor ? `${group.factor.numeral}. ${group.factor.title}` : 'Suppression comments')}</h2>`);
    if (group.factor) body.push(`<p class="summary">${inlineMarkdown(group.factor.summary)} <a href="${escapeHtml(group.factor.url)}">12factor.net</a></p>`);
    const rulesHere = new Set<string>();
    for (const file of group.files) {
      body.push(`<h3><code>${escapeHtml(file.path)}</code></h3><ul class="findings">`);
      for (const f of file.findings) {
        rulesHere.add(f.ruleId);
        body.push(
          `<li><span class="sev ${f.severity}">${f.severity}</span> <code class="pos">${f.range.start.line + 1}:${f.range.start.character + 1}</code> ${inlineMarkdown(maskText(f.message))} <a class="rule" href="#rule-${escapeHtml(f.ruleId.replace(/\//g, '-'))}">${escapeHtml(f.ruleId)}</a></li>`,
        );
      }
      body.push('</ul>');
    }
    const explained = [...rulesHere].map((id) => ruleById(id)).filter((r) => r !== undefined);
    if (explained.length) {
      body.push('<div class="rules">');
      for (const rule of explained) {
        body.push(
          `<details id="rule-${escapeHtml(rule.meta.id.replace(/\//g, '-'))}"><summary><code>${escapeHtml(rule.meta.id)}</code>: ${inlineMarkdown(rule.meta.description)}</summary><p>${inlineMarkdown(rule.meta.rationale)}</p>${rule.meta.fix ? `<p class="fix">Offers a ${rule.meta.fix} fix.</p>` : ''}</details>`,
        );
      }
      body.push('</div>');
    }
    body.push('</section>');
  }
  const problems = reports.flatMap((r) => r.parseProblems.map((p) => ({ path: r.path, p, text: parseProblemText(p) })));
  for (const heading of problemHeadings(problems.map(({ p }) => p))) {
    body.push(`<section><h2>${escapeHtml(heading)}</h2><ul>`);
    for (const { path, p } of problems.filter(({ text }) => text.heading === heading)) body.push(`<li><code>${escapeHtml(`${path}:${p.range.start.line + 1}:${p.range.start.character + 1}`)}</code> ${escapeHtml(maskText(p.message))}</li>`);
    body.push('</ul></section>');
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="twelve-factor-lens ${escapeHtml(version)}">
<title>Twelve-Factor Lens report</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:980px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.lead{color:#59636e;margin-top:0}figure{margin:1rem 0}figcaption{color:#59636e;font-size:.85rem}
svg .count{font-size:13px;font-weight:600;fill:#1f2328}svg .axis{font-size:13px;fill:#59636e}
table.factors{border-collapse:collapse;margin:1rem 0}table.factors td,table.factors th{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}.num{text-align:right}
.sev{display:inline-block;min-width:4.2rem;text-align:center;border-radius:1rem;padding:0 .4rem;font-size:.8rem;color:#fff}
.sev.error{background:${COLOR.error}}.sev.warning{background:${COLOR.warning}}.sev.info{background:${COLOR.info}}.sev.hint{background:${COLOR.hint}}.sev.pass{background:${PASS}}
ul.findings{list-style:none;padding-left:0}ul.findings li{margin:.25rem 0}code{background:#f6f8fa;border-radius:4px;padding:0 .25rem;font-size:.9em}
a.rule{font-family:ui-monospace,monospace;font-size:.85em;color:#59636e}.rules details{margin:.3rem 0;padding:.3rem .6rem;background:#f6f8fa;border-radius:6px}.fix{color:${PASS}}
</style>
</head>
<body>
${body.join('\n')}
<footer><p class="lead">Generated by twelve-factor-lens ${escapeHtml(version)}.</p></footer>
</body>
</html>
`;
}
