import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseDocument } from '/work/main/server/src/core/analyze';
const files = execSync("find ../shared/corpus/serverless -type f \\( -name '*.yml' -o -name '*.yaml' -o -name '*.json' -o -name '*.template' \\)", { encoding: 'utf8' }).trim().split('\n');
const counts: Record<string, number> = {};
for (const f of files) {
  const p = parseDocument({ uri: pathToFileURL(f).href, languageId: '', text: readFileSync(f, 'utf8') });
  const key = `${p.target}/${p.serverless?.kind ?? '-'}/${p.serverless ? (p.serverless.functions.length > 0 ? 'fn' : 'nofn') : ''}`;
  counts[key] = (counts[key] ?? 0) + 1;
  if (process.argv[2] && key.includes(process.argv[2])) console.log(f, p.serverless?.isProjectTemplate);
}
console.log(counts);
