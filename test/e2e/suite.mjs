// The end-to-end checks of issue 6, run by scripts/e2e/run.mjs against the installed
// .vsix in code-server. Each check drives the workbench through its UI (see
// scripts/e2e/workbench.mjs), waits for conditions, saves a screenshot and returns a
// one-line description of what it saw; it throws when what it saw is wrong.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../../scripts/e2e/workbench.mjs';

const SOURCE = 'twelve-factor';
const BAD_DOCKERFILE = 'docker/bad/Dockerfile';
const GOOD_DOCKERFILE = 'docker/good/Dockerfile';
const BAD_MANIFEST = 'k8s/bad.yaml';
const GOOD_MANIFEST = 'k8s/good.yaml';
const NEW_MANIFEST = 'k8s/new-deployment.yaml';
const SHELL_FORM = 'disposability/shell-form-command';
const MUTABLE_TAG = 'build-release-run/mutable-image-tag';
const WORKER = 'k8s/worker.yaml';
const WORKER_HPA = 'k8s/worker-hpa.yaml';
const REPLICAS_WITH_HPA = 'concurrency/replicas-with-hpa';
/** The factors' numerals as the view labels them, by the slug the CLI's JSON names. */
const NUMERALS = {
  codebase: 'I', dependencies: 'II', config: 'III', 'backing-services': 'IV', 'build-release-run': 'V', processes: 'VI',
  'port-binding': 'VII', concurrency: 'VIII', disposability: 'IX', 'dev-prod-parity': 'X', logs: 'XI', 'admin-processes': 'XII',
};

const ours = (group) => (group?.markers ?? []).filter((m) => m.source === SOURCE);
const lineOf = (marker) => Number(/Ln (\d+)/.exec(marker.line)?.[1]);
const colOf = (marker) => Number(/Col (\d+)/.exec(marker.line)?.[1]);
const describe = (group) =>
  `${group.count} problem${group.count === 1 ? '' : 's'}: ` +
  ours(group)
    .map((m) => `${m.severity} ${m.code} ${m.line} "${m.message.length > 70 ? `${m.message.slice(0, 67)}...` : m.message}"`)
    .join('; ');

/** All of the file's problems are rendered and at least one is `code` from our source. */
async function waitForOurs(wb, relPath, code) {
  return wb.waitForProblems(relPath, `${code} on ${relPath}`, (g) =>
    !!g && ours(g).some((m) => m.code === code) && g.markers.length === g.count,
  );
}

async function assertNoneOfOurs(wb, relPath) {
  const g = await wb.problemsFor(relPath);
  if (ours(g).length) throw new Error(`${relPath} should be clean but shows ${describe(g)}`);
  return g ? `${g.count} problems, none from ${SOURCE}` : 'no problems';
}

export const checks = [
  {
    slug: 'dockerfile-diagnostics',
    name: 'bad Dockerfile shows our diagnostics in the Problems panel, good Dockerfile none',
    async run({ wb, shot }) {
      // The good file is opened first: once the bad one (opened after it) has its
      // diagnostics, the server has been through the good one too.
      await wb.openFile(GOOD_DOCKERFILE);
      await wb.openFile(BAD_DOCKERFILE);
      const bad = await waitForOurs(wb, BAD_DOCKERFILE, SHELL_FORM);
      const shellForm = ours(bad).find((m) => m.code === SHELL_FORM);
      if (!/shell form/i.test(shellForm.message) || lineOf(shellForm) !== fixtureLine(BAD_DOCKERFILE, 'CMD node server.js')) {
        throw new Error(`unexpected shell-form diagnostic: ${JSON.stringify(shellForm)}`);
      }
      const good = await assertNoneOfOurs(wb, GOOD_DOCKERFILE);
      const status = await wb.page.getAttribute('#status\\.problems', 'aria-label').catch(() => '');
      await shot('dockerfile-problems');
      return `${BAD_DOCKERFILE}: ${describe(bad)}; ${GOOD_DOCKERFILE}: ${good}; status bar "${status ?? ''}"`;
    },
  },
  {
    slug: 'kubernetes-diagnostics',
    name: 'bad multi-document Kubernetes manifest shows our diagnostics, good manifest none',
    async run({ wb, shot, readmeShot }) {
      await wb.openFile(GOOD_MANIFEST);
      await wb.openFile(BAD_MANIFEST);
      const bad = await waitForOurs(wb, BAD_MANIFEST, MUTABLE_TAG);
      const tag = ours(bad).find((m) => m.code === MUTABLE_TAG);
      // `image: nginx:latest` is in the third document, after two clean ones.
      const expectedLine = fixtureLine(BAD_MANIFEST, 'image: nginx:latest');
      if (!/latest/.test(tag.message) || lineOf(tag) !== expectedLine) {
        throw new Error(`unexpected mutable-tag diagnostic: ${JSON.stringify(tag)}`);
      }
      const good = await assertNoneOfOurs(wb, GOOD_MANIFEST);
      const goodDocker = await assertNoneOfOurs(wb, GOOD_DOCKERFILE);
      await shot('kubernetes-problems');
      await readmeShot('e2e-problems');
      return `${BAD_MANIFEST}: ${describe(bad)}; ${GOOD_MANIFEST}: ${good}; ${GOOD_DOCKERFILE} still: ${goodDocker}`;
    },
  },
  {
    slug: 'hover',
    name: "hovering a flagged range shows the factor's explanation",
    async run({ wb, shot, readmeShot }) {
      await wb.openFile(BAD_DOCKERFILE);
      const g = await waitForOurs(wb, BAD_DOCKERFILE, SHELL_FORM);
      const marker = ours(g).find((m) => m.code === SHELL_FORM);
      // The diagnostic's own part of the hover comes first; the server's hover (the rule,
      // the why in a few lines, the fix and one link to the rule's page) follows when it arrives.
      const text = await wb.hoverSquiggle(lineOf(marker), 'Rule documentation');
      const explanation = text.split('\n').find((l) => /^Why:\s+\S/.test(l.trim())) ?? '';
      if (explanation.length < 80) throw new Error(`hover has no "Why:" explanation: ${text.slice(0, 600)}`);
      for (const expected of ['IX Disposability', marker.message.replace(/^[IVX]+ [^:]+: /, ''), SHELL_FORM]) {
        if (!text.includes(expected)) throw new Error(`hover lacks "${expected}": ${text.slice(0, 600)}`);
      }
      await shot('hover');
      await readmeShot('e2e-hover', around(await visibleHoverBox(wb.page), 160, 60));
      const heading = explanation;
      await wb.page.keyboard.press('Escape');
      await wb.page.mouse.move(5, 5);
      return `hover on line ${lineOf(marker)} shows "${heading.trim().slice(0, 90)}" (${text.length} chars)`;
    },
  },
  {
    slug: 'factors-view',
    name: "the Twelve Factors view shows the CLI's counts per factor; a finding opens its file at its line",
    async run({ wb, page, shot, readmeShot, cliFindings }) {
      // Expected: the CLI's JSON on the same folder (nothing has been edited yet).
      const findings = cliFindings();
      const expected = Object.fromEntries(Object.values(NUMERALS).map((n) => [n, 0]));
      for (const f of findings) expected[NUMERALS[f.factor]]++;
      const total = findings.length;
      // Start from another file, so opening the finding is seen as a change of editor.
      await wb.openFile(GOOD_MANIFEST);
      const icon = page.locator('.activitybar .action-item .action-label[aria-label^="Twelve Factors"]').first();
      await icon.click();
      const rows = await until(
        `the view's twelve factors with the CLI's counts ${JSON.stringify(expected)}`,
        () => factorRows(page),
        (r) => r.length === 12 && r.every((row) => row.count === expected[row.numeral]),
      );
      // The status bar: the workspace total from the same summary.
      const status = await until(`the status bar item to read "${total} in workspace"`, () => statusItemLabel(page), (t) =>
        t.includes(`${total} in workspace`),
      );
      // Click a factor, then its finding: the editor opens that file at that line.
      const target = findings.find((f) => f.rule === MUTABLE_TAG);
      if (!target) throw new Error(`the CLI reports no ${MUTABLE_TAG}: ${JSON.stringify(findings.map((f) => f.rule))}`);
      const factorRow = viewRow(page, (r) => r.startsWith(`${NUMERALS[target.factor]}. `));
      await factorRow.click();
      const findingRow = page.locator(`${VIEW} .monaco-list-row`, { hasText: `${target.rule} · Ln ${target.line}` }).first();
      await findingRow.waitFor({ state: 'visible' });
      await shot('factors-view-expanded');
      await findingRow.click();
      await until(`an editor for ${target.file}`, () => wb.activeEditorPath(), (p) => p.split(' • ')[0].endsWith(`/${target.file}`));
      const cursor = await until(`the cursor on line ${target.line}`, () => wb.statusText('#status\\.editor\\.selection'), (t) =>
        t.startsWith(`Ln ${target.line}, Col `),
      );
      await readmeShot('e2e-factors-view');
      // The status bar item with its tooltip (hovered), clipped to the bottom left.
      const item = page.locator(STATUS_ITEM).first();
      await item.hover();
      await until('the status bar tooltip', () => visibleHoverText(page), (t) => t.includes('Click to open the Twelve Factors view'));
      const vp = page.viewportSize();
      await readmeShot('e2e-status-bar', { x: 0, y: vp.height - 240, width: 720, height: 240 });
      await page.mouse.move(640, 300);
      const failing = rows.filter((r) => r.count > 0).map((r) => `${r.numeral} ${r.count}`).join(', ');
      return `12 factors, counts = CLI's (${failing}; ${total} in all); status "${status}"; ${target.rule} -> ${target.file} ${cursor}`;
    },
  },
  {
    slug: 'analyse-workspace',
    name: 'Analyse Workspace gives a file never opened its problems',
    async run({ wb, page, shot }) {
      await wb.showProblems();
      const before = await wb.problemsFor(WORKER);
      if (before) throw new Error(`${WORKER} has problems before the command: ${describe(before)}`);
      await wb.command('Twelve-Factor Lens: Analyse Workspace');
      // Only this file's rows: the panel renders only the rows in view.
      await filterProblems(page, 'worker');
      try {
        const g = await waitForOurs(wb, WORKER, REPLICAS_WITH_HPA);
        const marker = ours(g).find((m) => m.code === REPLICAS_WITH_HPA);
        if (lineOf(marker) !== fixtureLine(WORKER, 'replicas: 2')) throw new Error(`unexpected ${REPLICAS_WITH_HPA}: ${JSON.stringify(marker)}`);
        await shot('analyse-workspace');
        return `${WORKER} (never opened): ${describe(g)}`;
      } finally {
        await filterProblems(page, '');
      }
    },
  },
  {
    slug: 'related-location',
    name: "a relation finding's related location is a link that opens the other file",
    async run({ wb, page, shot }) {
      await wb.showProblems();
      await filterProblems(page, 'worker');
      try {
        return await openRelated(wb, page, shot);
      } finally {
        await filterProblems(page, '');
      }
    },
  },

  {
    slug: 'quick-fix',
    name: 'the quick fix rewrites the text and its diagnostic goes away',
    async run({ wb, shot, readmeShot }) {
      await wb.openFile(BAD_DOCKERFILE);
      const g = await waitForOurs(wb, BAD_DOCKERFILE, SHELL_FORM);
      const marker = ours(g).find((m) => m.code === SHELL_FORM);
      await wb.focusEditor();
      await wb.goTo(lineOf(marker), colOf(marker));
      const before = await wb.editorText();
      const menu = await wb.quickFix('Convert CMD to exec form', (box) => readmeShot('e2e-quick-fix', around(box, 320, 140)));
      const after = await until('the CMD line to be in exec form', () => wb.editorText(), (t) =>
        /^CMD \["node", ?"server\.js"\]\s*$/m.test(t),
      );
      const left = await wb.waitForProblems(BAD_DOCKERFILE, `${SHELL_FORM} to disappear`, (x) =>
        !ours(x).some((m) => m.code === SHELL_FORM) && (!x || x.markers.length === x.count),
      );
      await shot('quick-fix-applied');
      const changed = after.split('\n').find((l) => l.startsWith('CMD'));
      const wasLine = before.split('\n').find((l) => l.startsWith('CMD'));
      return `menu "${menu.slice(0, 80)}"; "${wasLine}" -> "${changed}"; ${SHELL_FORM} gone, ${left ? describe(left) : 'no problems left'}`;
    },
  },
  {
    slug: 'snippet',
    name: 'typing a snippet prefix and accepting the completion inserts the snippet',
    async run({ wb, shot, manifest, extensionDir }) {
      const snippet = findDeploymentSnippet(manifest, extensionDir);
      await wb.openFile(NEW_MANIFEST);
      await wb.page.keyboard.type(snippet.prefix);
      const listed = await wb.acceptSuggestion(snippet.prefix);
      const text = await until('the snippet text in the editor', () => wb.editorText(), (t) =>
        /kind: Deployment/.test(t) && /apiVersion: apps\/v1/.test(t),
      );
      await shot('snippet-inserted');
      await wb.page.keyboard.press('Escape'); // leave snippet mode
      const lines = text.split('\n').filter((l) => l.trim()).length;
      return `prefix "${snippet.prefix}" from ${snippet.file} (suggest list: ${listed.slice(0, 4).join(' | ')}) inserted ${lines} lines starting "${text.split('\n')[0]}"`;
    },
  },
  {
    slug: 'edit',
    name: 'an edit updates the diagnostics',
    async run({ wb, shot }) {
      await wb.openFile(GOOD_DOCKERFILE);
      const original = await wb.editorText();
      // To the end of the file, checked in the status bar: a Control+End pressed while the editor was still
      // taking focus was once lost, and the text went into the first line (a CI run of 1 December). Pressed
      // again until the cursor is there; not Go to Line, which centres the line and scrolls the first lines out
      // of the rendered text that editorText reads.
      const lines = original.split('\n');
      const end = `Ln ${lines.length}, Col ${lines[lines.length - 1].length + 1}`;
      await until(
        `the cursor at the end of the file (${end})`,
        async () => {
          await wb.page.keyboard.press('Control+End');
          return wb.statusText('#status\\.editor\\.selection');
        },
        (t) => t === end || t.startsWith(`${end} `),
      );
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type('CMD npm start');
      await wb.page.keyboard.press('Escape'); // close any word suggestions
      const flagged = await waitForOurs(wb, GOOD_DOCKERFILE, SHELL_FORM);
      await shot('edit-introduces-finding');
      for (let i = 0; i < 10 && (await wb.editorText()) !== original; i++) await wb.page.keyboard.press('Control+Z');
      await until('the undo to restore the file', () => wb.editorText(), (t) => t === original);
      const cleared = await wb.waitForProblems(GOOD_DOCKERFILE, 'our findings to disappear after undo', (x) => ours(x).length === 0);
      await shot('edit-undone');
      return `typing "CMD npm start" -> ${describe(flagged)}; undo -> ${cleared ? `${cleared.count} problems, none ours` : 'no problems'}`;
    },
  },
  {
    slug: 'activation',
    name: 'the extension activates with no error in its output channel',
    async run({ wb, shot, userDataDir, extensionId }) {
      const text = await wb.outputChannelText('Twelve-Factor Lens');
      await shot('output-channel');
      const lines = text.split('\n').filter((l) => l.trim());
      const errors = lines.filter((l) => /\[(error|critical)\]|\bError\b|exception|failed/i.test(l));
      // The client logs that it is active once its language client has started; the
      // server logs its own start through the connection.
      const clientLine = lines.find((l) => /\bis active\b|\bactivated\b/i.test(l));
      const serverLine = lines.find((l) => /server (started|ready|listening)/i.test(l));
      if (!clientLine || !serverLine) {
        throw new Error(`the channel lacks a ${clientLine ? 'server' : 'client'} start line: ${JSON.stringify(lines.slice(0, 8))}`);
      }
      // The extension host's own log: activation and no errors attributed to us.
      const hostLogs = findFiles(join(userDataDir, 'logs'), (f) => /exthost\d*[/\\]remoteexthost\.log$/.test(f) || /exthost\d*[/\\]exthost\.log$/.test(f));
      const hostText = hostLogs.map((f) => readFileSync(f, 'utf8')).join('\n');
      const activated = new RegExp(`activat\\w*[^\\n]*${extensionId.replace('.', '\\.')}`, 'i').test(hostText);
      const hostErrors = hostText
        .split('\n')
        .filter((l) => /\[error\]/i.test(l) && l.toLowerCase().includes(extensionId.split('.')[1]));
      // The channel's log file, in case the view trims anything.
      const channelFiles = findFiles(join(userDataDir, 'logs'), (f) => f.endsWith('Twelve-Factor Lens.log'));
      const fileErrors = channelFiles
        .flatMap((f) => readFileSync(f, 'utf8').split('\n'))
        .filter((l) => /\[(error|critical)\]/i.test(l));
      const problems = [...errors, ...hostErrors, ...fileErrors];
      if (problems.length) throw new Error(`errors logged:\n${[...new Set(problems)].slice(0, 10).join('\n')}`);
      if (!activated) throw new Error(`the extension host log (${hostLogs.length} files) does not show ${extensionId} activating`);
      const strip = (l) => l.replace(/^\S+ \S+ /, '');
      return `${lines.length} lines, no errors: "${strip(clientLine)}", "${strip(serverLine)}"; extension host log shows ${extensionId} activated`;
    },
  },
];

const VIEW = '[id="workbench.view.extension.twelveFactor"]';
const STATUS_ITEM = '.part.statusbar [aria-label^="Twelve-Factor Lens:"]';

/** The view's factor rows: { numeral, label, count } from each row's accessible label. */
function factorRows(page) {
  return page.evaluate((view) => {
    const out = [];
    for (const row of document.querySelectorAll(`${view} .monaco-list-row`)) {
      const label = row.getAttribute('aria-label') ?? '';
      const m = /^([IVX]+)\. [^:]+: (?:(\d+) findings? · \w+|passing · \d+ files? checked)$/.exec(label);
      if (m) out.push({ numeral: m[1], label, count: m[2] ? Number(m[2]) : 0 });
    }
    return out;
  }, VIEW);
}

function viewRow(page, accept) {
  return {
    async click() {
      const index = await until('the factor row', () =>
        page.evaluate((view) => [...document.querySelectorAll(`${view} .monaco-list-row`)].map((r) => r.getAttribute('aria-label') ?? ''), VIEW),
        (labels) => labels.some(accept),
      ).then((labels) => labels.findIndex(accept));
      await page.locator(`${VIEW} .monaco-list-row`).nth(index).click();
    },
  };
}

function statusItemLabel(page) {
  return page.evaluate((sel) => document.querySelector(sel)?.getAttribute('aria-label') ?? '', STATUS_ITEM);
}

function visibleHoverText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-hover, .workbench-hover')]
      .filter((h) => h.getBoundingClientRect().height > 0 && !h.classList.contains('hidden'))
      .map((h) => h.innerText)
      .join('\n'),
  );
}

function visibleHoverBox(page) {
  return page.evaluate(() => {
    const h = [...document.querySelectorAll('.monaco-hover')].find((x) => x.getBoundingClientRect().height > 0 && !x.classList.contains('hidden'));
    const r = h?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  });
}

/** A clip around `box` with margins, kept inside the 1280x860 page. */
function around(box, mx, my) {
  if (!box) return undefined;
  const x = Math.max(0, Math.floor(box.x - mx));
  const y = Math.max(0, Math.floor(box.y - my));
  return { x, y, width: Math.min(1280 - x, Math.ceil(box.width + 2 * mx)), height: Math.min(860 - y, Math.ceil(box.height + 2 * my)) };
}

/**
 * Types `text` into the Problems panel's filter box (empty clears it). The Output view has a
 * filter box of its own in the same title area: the Problems one is told by its placeholder
 * ("Filter (e.g. text, **\/*.ts, !**\/node_modules/**)").
 */
async function filterProblems(page, text) {
  const input = page.locator('.part.panel input[placeholder*="node_modules"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await until(`the Problems filter to read "${text}"`, () => input.inputValue(), (v) => v === text);
}

/** Clicks the related location of the worker's replicas-with-hpa marker in the Problems panel. */
async function openRelated(wb, page, shot) {
  await waitForOurs(wb, WORKER, REPLICAS_WITH_HPA);
  // The related location is a child row of the marker in the Problems tree.
  const related = page.locator('.markers-panel .monaco-list-row', { has: page.locator('.related-info-resource', { hasText: 'worker-hpa.yaml' }) }).first();
  const markerRow = page.locator('.markers-panel .monaco-list-row', { hasText: REPLICAS_WITH_HPA }).first();
  await until('the related location row (expanding the marker when collapsed)', async () => {
    if (await related.isVisible()) return true;
    if ((await markerRow.getAttribute('aria-expanded').catch(() => null)) === 'false') await markerRow.locator('.monaco-tl-twistie').click();
    return false;
  });
  const text = (await related.innerText()).replace(/\s+/g, ' ').trim();
  await shot('related-location');
  await related.click();
  await until(`an editor for ${WORKER_HPA}`, () => wb.activeEditorPath(), (p) => {
    // The tab's label is the full path, or the bare name (unique in the workspace) for a preview.
    const shown = p.split(' • ')[0];
    return shown.endsWith(`/${WORKER_HPA}`) || shown === WORKER_HPA.split('/').pop();
  });
  const expectedLine = fixtureLine(WORKER_HPA, 'kind: HorizontalPodAutoscaler');
  const cursor = await until(`the cursor on the HPA (line ${expectedLine})`, () => wb.statusText('#status\\.editor\\.selection'), (t) =>
    t.startsWith(`Ln ${expectedLine}, Col `),
  );
  return `related row "${text}" opened ${WORKER_HPA} at ${cursor}`;
}

/** 1-based line of the first line of a fixture file that contains `text`. */
function fixtureLine(relPath, text) {
  const lines = readFileSync(new URL(`./workspace/${relPath}`, import.meta.url), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`fixture ${relPath} has no line with "${text}"`);
  return i + 1;
}

function findFiles(dir, accept) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, accept));
    else if (accept(p)) out.push(p);
  }
  return out;
}

/** The Kubernetes Deployment snippet as installed: prefix `tf-deploy`, or the first YAML one that makes a Deployment. */
function findDeploymentSnippet(manifest, extensionDir) {
  const candidates = [];
  for (const c of manifest.contributes?.snippets ?? []) {
    if (c.language !== 'yaml') continue;
    const file = join(extensionDir, c.path);
    const json = JSON.parse(readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    for (const s of Object.values(json)) {
      for (const prefix of [].concat(s.prefix ?? [])) {
        const body = [].concat(s.body ?? []).join('\n');
        if (/kind: Deployment/.test(body)) candidates.push({ prefix, file: c.path });
      }
    }
  }
  const found = candidates.find((c) => c.prefix === 'tf-deploy') ?? candidates.find((c) => c.prefix.startsWith('tf-'));
  if (!found) {
    throw new Error(
      `the installed extension contributes no YAML snippet that creates a Deployment (contributes.snippets: ${JSON.stringify(manifest.contributes?.snippets ?? [])})`,
    );
  }
  return found;
}
