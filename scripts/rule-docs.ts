// Writes docs/rules/<id>.md for every rule (scripts/rule-docs-render.ts) and removes pages of
// rules that no longer exist. `npm run docs:rules`; test/meta/docs.test.ts fails when a page is stale.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_RULES } from '../server/src/core/rules';
import { loadRuleCases, renderRuleDoc, ruleDocPath, RULE_DOCS_DIR } from './rule-docs-render';

function pagesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((e) => (statSync(join(dir, e)).isDirectory() ? pagesUnder(join(dir, e)) : e.endsWith('.md') ? [join(dir, e).split('\\').join('/')] : []));
}

async function main(): Promise<void> {
  const cases = await loadRuleCases();
  const wanted = new Set<string>();
  for (const rule of ALL_RULES) {
    const path = ruleDocPath(rule.meta.id);
    wanted.add(path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderRuleDoc(rule, cases.get(rule.meta.id)?.cases));
  }
  for (const page of pagesUnder(RULE_DOCS_DIR)) if (!wanted.has(page) && !page.endsWith('/README.md')) rmSync(page);
  console.log(`${wanted.size} rule pages written to ${RULE_DOCS_DIR}/.`);
}

void main();
