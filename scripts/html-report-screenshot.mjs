// Renders the CLI's HTML report of examples/ in headless Chromium (playwright-core, Debian's
// /usr/bin/chromium, see ../shared/E2E.md) and saves docs/images/html-report.png for the README.
// Also checks what a reader relies on: the page loads nothing from the network and draws its chart.
// Run after `npm run build`: node scripts/html-report-screenshot.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Opens `html` in headless Chromium; returns what the page requested and the bars it drew; `screenshot` saves the page. */
export async function renderReport(html, screenshot) {
  const dir = mkdtempSync(join(tmpdir(), 'tfl-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1040, height: 900 }, deviceScaleFactor: 1 });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const bars = await page.$$eval('figure svg rect', (rects) => rects.map((r) => ({ height: r.getBBox().height, fill: r.getAttribute('fill') })));
    const title = await page.title();
    if (screenshot) await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1040, height: 900 } });
    return { requests, bars, title };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = spawnSync(process.execPath, ['dist/cli.js', '--format', 'html', 'examples'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (report.status === 2) throw new Error(report.stderr);
  const result = await renderReport(report.stdout, 'docs/images/html-report.png');
  const external = result.requests.filter((u) => !u.startsWith('file:'));
  if (external.length) throw new Error(`the report requested ${external.join(', ')}`);
  console.log(`docs/images/html-report.png: "${result.title}", ${result.bars.length} bars, ${result.requests.length} request(s) (the file itself)`);
}
