// The README shipped inside the .vsix: the repository README without the screenshots,
// which live in docs/images/ and are not part of the package (it carries only what runs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const withoutScreenshots = readme
  .split('\n')
  .filter((line) => !/\]\(docs\/images\//.test(line) && !/^\| The Problems panel on the bad files \| Hover on a finding \|$/.test(line) && !/^\| --- \| --- \|$/.test(line))
  .join('\n');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/README.md', withoutScreenshots);
