// The README shipped inside the .vsix: the repository README without the screenshots,
// which live in docs/images/ and are not part of the package (it carries only what runs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const isImage = (line) => /\]\(docs\/images\//.test(line);
const isTableRule = (line) => /^\|(?: *:?-+:? *\|)+$/.test(line);
const lines = readme.split('\n');
// Image lines go; so do the caption header and rule of a table whose first row is images.
const dropped = new Set();
lines.forEach((line, i) => {
  if (isImage(line)) dropped.add(i);
  if (i > 0 && isTableRule(line) && isImage(lines[i + 1] ?? '')) dropped.add(i).add(i - 1);
});
const withoutScreenshots = lines
  .filter((_, i) => !dropped.has(i))
  .join('\n')
  // Links into the repository (`docs/rules/`, `examples/`) have no target in the package and
  // vsce refuses them without a repository URL: keep their text, drop the link.
  .replace(/\[([^\]\n]*)\]\((?!https?:|mailto:|#)[^)\s]*\)/g, '$1');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/README.md', withoutScreenshots);
