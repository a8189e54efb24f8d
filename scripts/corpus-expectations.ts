// Writes `<file>.expected` for corpus files from what the linter says now, so a reviewer can
// read the diff and decide, finding by finding, whether it is right. Never run it blindly:
//   node --import tsx scripts/corpus-expectations.ts test/corpus/kubernetes/<project>
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

function analysedFiles(path: string): string[] {
  if (statSync(path).isFile()) return /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.(dockerfile|ya?ml)$/i.test(path) ? [path] : [];
  return readdirSync(path).sort().flatMap((entry) => analysedFiles(join(path, entry)));
}

for (const project of process.argv.slice(2)) {
  const result = spawnSync(process.execPath, ['dist/cli.js', '--format', 'json', project], { encoding: 'utf8' });
  const { findings } = JSON.parse(result.stdout) as { findings: { file: string; line: number; column: number; rule: string }[] };
  for (const file of analysedFiles(project)) {
    const lines = findings.filter((f) => resolve(f.file) === resolve(file)).map((f) => `${f.line}:${f.column} ${f.rule}`);
    writeFileSync(`${file}.expected`, lines.length ? `${lines.join('\n')}\n` : '');
    console.log(`${file}: ${lines.length} finding(s)`);
  }
}
