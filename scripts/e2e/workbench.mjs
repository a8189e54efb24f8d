// Drives the VS Code workbench (code-server, in Chromium) the way a user does: keyboard
// first, reading what is on screen. Every wait is for a condition, never a fixed sleep.

export const DEFAULT_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60_000);

/** Polls `probe()` until `accept(value)` is true; throws with the last value on timeout. */
export async function until(what, probe, accept = Boolean, timeout = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      const shown = typeof last === 'string' ? last : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${shown?.slice(0, 600)}`);
    }
    await new Promise((r) => setTimeout(r, 100)); // polling interval
  }
}

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async ready() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // The status bar is created late in startup; the problems entry is part of it.
    await this.page.waitForSelector('#status\\.problems', { timeout: 60_000 });
  }

  /** Runs a command through the command palette (F1), picking the row whose label matches. */
  async command(label) {
    const page = this.page;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
  }

  /** Opens a workspace file with Quick Open (Ctrl+P), waits until its editor is active. */
  async openFile(relPath) {
    const page = this.page;
    const base = relPath.split('/').pop();
    const dir = relPath.split('/').slice(0, -1).join('/');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relPath);
    // The first result must be this very file (name + folder), not a fuzzy neighbour.
    await until(
      `quick open to list ${relPath} first`,
      () =>
        page.evaluate(() => {
          const row = document.querySelector('.quick-input-list .monaco-list-row[data-index="0"]');
          return row ? row.getAttribute('aria-label') ?? row.textContent : '';
        }),
      (label) => label.includes(base) && (!dir || label.replace(/\\/g, '/').includes(dir)),
    );
    await page.keyboard.press('Enter');
    // The label reads "<absolute path>" plus, when it has any, " • N problems in this file".
    await until(`an editor for ${relPath}`, () => this.activeEditorPath(), (p) => p.split(' • ')[0].endsWith(`/${relPath}`));
    await page.locator('.editor-group-container.active .monaco-editor textarea').first().waitFor({ state: 'attached' });
    await this.focusEditor();
  }

  /** Path of the active editor, read from its tab (the tab's resource label has it). */
  activeEditorPath() {
    return this.page.evaluate(() => {
      const tab = document.querySelector('.editor-group-container.active .tab.active');
      const label = tab?.querySelector('.monaco-icon-label');
      return (label?.getAttribute('aria-label') ?? tab?.getAttribute('title') ?? '').replace(/\\/g, '/');
    });
  }

  async focusEditor() {
    // "View: Focus Active Editor Group" keeps the cursor where it was.
    await this.page.keyboard.press('Control+1');
    await until('the editor to have focus', () =>
      this.page.evaluate(() => !!document.querySelector('.editor-group-container.active .monaco-editor.focused')),
    );
  }

  /** Text of the active editor as rendered (all lines are visible in our small fixtures). */
  editorText() {
    return this.page.evaluate(() => {
      const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
    });
  }

  /** Go to line:column (1-based) with Ctrl+G. */
  async goTo(line, column = 1) {
    const page = this.page;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await until(`cursor at Ln ${line}, Col ${column}`, () => this.statusText('#status\\.editor\\.selection'), (t) =>
      t.includes(`Ln ${line}, Col ${column}`),
    );
  }

  statusText(selector) {
    return this.page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', selector);
  }

  /** Makes sure the Problems panel is showing (Ctrl+Shift+M toggles, so look first). */
  async showProblems() {
    const visible = () => this.page.evaluate(() => {
      const el = document.querySelector('.markers-panel');
      return !!el && el.getBoundingClientRect().height > 0;
    });
    if (!(await visible())) await this.page.keyboard.press('Control+Shift+M');
    await until('the Problems panel', visible);
  }

  /**
   * Reads the Problems panel: [{ file, folder, count, markers: [{ severity, message, source, code, line }] }].
   * `count` is the panel's own count for the file; markers are the rows currently rendered.
   */
  readProblems() {
    return this.page.evaluate(() => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      rows.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      const groups = [];
      for (const row of rows) {
        const aria = row.getAttribute('aria-label') ?? '';
        const fileMatch = /^(\d+) problems? in file (.+?) of folder (.+)$/.exec(aria);
        if (fileMatch) {
          groups.push({ file: fileMatch[2], folder: fileMatch[3], count: Number(fileMatch[1]), markers: [] });
          continue;
        }
        const msg = row.querySelector('.marker-message');
        if (!msg || !groups.length) continue;
        const text = (sel) => row.querySelector(sel)?.textContent?.trim() ?? '';
        const icon = row.querySelector('.marker-icon');
        groups[groups.length - 1].markers.push({
          severity: ['error', 'warning', 'info'].find((s) => icon?.classList.contains(s)) ?? 'hint',
          message: msg.textContent.trim(),
          source: text('.marker-source'),
          code: text('.marker-code'),
          line: text('.marker-line'),
        });
      }
      return groups;
    });
  }

  /** Problems group for `folder/file` (relative path), or undefined. */
  async problemsFor(relPath) {
    const groups = await this.readProblems();
    return groups.find((g) => `${g.folder}/${g.file}` === relPath || (g.folder === '' && g.file === relPath));
  }

  /** Waits until the Problems panel state for relPath satisfies accept(group|undefined). */
  async waitForProblems(relPath, what, accept, timeout) {
    await this.showProblems();
    return until(`${what} (Problems panel, ${relPath})`, () => this.problemsFor(relPath), accept, timeout);
  }

  /**
   * Hovers the mouse over the squiggle on `line` (1-based) of the active editor and waits for
   * a hover containing `expect`. Returns the hover's text.
   */
  async hoverSquiggle(line, expect) {
    const page = this.page;
    const box = await until(`a squiggle on line ${line}`, () =>
      page.evaluate((ln) => {
        const ed = document.querySelector('.editor-group-container.active .monaco-editor');
        const num = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.textContent.trim() === String(ln));
        if (!num) return null;
        const lb = num.getBoundingClientRect();
        const sq = [...ed.querySelectorAll('.view-overlays [class*="squiggly-"]')]
          .map((s) => s.getBoundingClientRect())
          .find((r) => r.width > 0 && r.top + r.height / 2 >= lb.top && r.top + r.height / 2 <= lb.bottom);
        return sq ? { x: sq.left + Math.min(sq.width / 2, 40), y: sq.top + sq.height / 2 } : null;
      }, line),
    );
    await page.mouse.move(box.x - 30, box.y + 200);
    await page.mouse.move(box.x, box.y, { steps: 5 });
    return until(`a hover containing "${expect}"`, () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.monaco-hover')]
          .filter((h) => h.getBoundingClientRect().height > 0 && !h.classList.contains('hidden'))
          .map((h) => h.innerText)
          .join('\n---\n'),
      ), (t) => t.includes(expect),
    );
  }

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor and picks the action titled `title`;
   * `whileOpen(menuBox)` runs with the menu shown and the action focused (a screenshot).
   */
  async quickFix(title, whileOpen) {
    const page = this.page;
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.waitFor({ state: 'visible' });
    const item = menu.locator('.monaco-list-row', { hasText: title }).first();
    try {
      await item.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const offered = await menu.innerText().catch(() => '');
      throw new Error(`quick fix "${title}" not offered; the menu shows: ${offered.replace(/\s+/g, ' ')}`);
    }
    const offered = (await menu.innerText()).replace(/\s+/g, ' ').trim();
    // Keyboard, as a user would: move the focus onto the action, then Enter. (A mouse
    // click is swallowed by the context view's pointer block in headless Chromium.)
    const focused = () =>
      page.evaluate(() => document.querySelector('.action-widget .monaco-list-row.focused')?.getAttribute('aria-label') ?? '');
    for (let i = 0; i < 20 && (await focused()) !== title; i++) await page.keyboard.press('ArrowDown');
    if ((await focused()) !== title) throw new Error(`could not focus quick fix "${title}" in: ${offered}`);
    if (whileOpen) await whileOpen(await menu.boundingBox());
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    return offered;
  }

  /** Triggers suggestions (Ctrl+Space), focuses the row labelled `label`, accepts it (Enter). */
  async acceptSuggestion(label) {
    const page = this.page;
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-group-container.active .suggest-widget.visible');
    await widget.waitFor({ state: 'visible' });
    const focusedLabel = () =>
      page.evaluate(() => {
        const row = document.querySelector('.editor-group-container.active .suggest-widget.visible .monaco-list-row.focused');
        return row?.querySelector('.label-name')?.textContent?.trim() ?? row?.getAttribute('aria-label') ?? '';
      });
    await until(`suggestion "${label}" in the list`, () => widget.innerText(), (t) => t.includes(label));
    for (let i = 0; i < 30 && (await focusedLabel()) !== label; i++) await page.keyboard.press('ArrowDown');
    const chosen = await focusedLabel();
    if (chosen !== label) throw new Error(`could not focus suggestion "${label}" (focused: "${chosen}")`);
    const listed = (await widget.innerText()).split('\n').filter(Boolean);
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    return listed;
  }

  /** Shows an output channel through "Output: Show Output Channels..." and returns its text. */
  async outputChannelText(channel) {
    const page = this.page;
    await this.command('Output: Show Output Channels...');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(channel);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: channel }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    // A filter left in the panel's title area (typed for the Problems view, or kept by the Output
    // view from an earlier run) would hide the channel's lines: clear every one that holds text.
    for (const box of await page.locator('.part.panel input').all()) {
      if ((await box.isVisible()) && (await box.inputValue()) !== '') await box.fill('');
    }
    await until(`the Output panel to show "${channel}"`, () =>
      page.evaluate(() => {
        const view = document.querySelector('.output-view, [id="workbench.panel.output"]');
        return view && view.getBoundingClientRect().height > 0 ? view.querySelector('.view-lines')?.textContent ?? '' : '';
      }),
    );
    return page.evaluate(() => {
      const view = document.querySelector('.output-view, [id="workbench.panel.output"]');
      const lines = [...view.querySelectorAll('.view-lines .view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
    });
  }
}
