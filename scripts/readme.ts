// Regenerates the generated parts of README.md from the rule metadata (the single source):
// the rule table and the table of other linters' ids. `npm run readme` writes it; test/meta/readme.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderAnchorTable, renderRuleTable } from './readme-sections';

const path = 'README.md';
const readme = readFileSync(path, 'utf8');
const next = replaceSection(replaceSection(readme, 'rules', renderRuleTable()), 'anchors', renderAnchorTable());
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md is out of date: run `npm run readme`.');
    process.exit(1);
  }
} else {
  writeFileSync(path, next);
  console.log('README.md updated.');
}

export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}
