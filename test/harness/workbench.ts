// A real VS Code workbench (code-server) in a real browser (Debian Chromium), with helpers that act as a user does.
//
//   const wb = await openWorkbench({ vsix: [await packageVsix()], env: aws.env });
//   t.after(() => wb.close());
//   await wb.openContainer('Cluster Pass');
//   await wb.expand('demo');
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { SCREENSHOT_DIR } from './paths';
import { assertNoSecretsIn, filesUnder, type LeakCandidate } from './secrets';

export const EXTENSION_ID = 'clusterpass.cluster-pass';
export const VIEW_CONTAINER_ID = 'clusterPass';

export interface WorkbenchOptions extends CodeServerOptions {
  /** Extra query for the workbench URL (e.g. `{ folder: '/abs/path' }`). */
  query?: Record<string, string>;
  /** Prefix for screenshot file names (e.g. the test file's name). */
  screenshotPrefix?: string;
}

export class Workbench {
  private shots = 0;

  constructor(
    readonly server: CodeServer,
    readonly browser: BrowserSession,
    readonly page: Page,
    private readonly screenshotPrefix: string,
  ) {}

  get url(): string {
    return this.server.url;
  }

  /** Waits for the workbench shell and the activity bar. */
  async ready(timeoutMs = 30_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The activity-bar entry of a view container, by its title. */
  activityBarEntry(title: string): Locator {
    return this.page.locator('.part.activitybar').getByRole('tab', { name: title });
  }

  /** The side-bar part that shows a view container contributed by an extension. */
  container(id = VIEW_CONTAINER_ID): Locator {
    return this.page.locator(`[id="workbench.view.extension.${id}"]`);
  }

  /** Clicks the container's activity-bar entry (unless it is already open) and waits for its side bar. */
  async openContainer(title = 'Cluster Pass', id = VIEW_CONTAINER_ID, timeoutMs = 20_000): Promise<Locator> {
    const entry = this.activityBarEntry(title);
    await entry.waitFor({ state: 'visible', timeout: timeoutMs });
    const sidebar = this.container(id);
    if (!(await sidebar.isVisible())) await entry.click();
    await sidebar.waitFor({ state: 'visible', timeout: timeoutMs });
    return sidebar;
  }

  /** A tree row (anywhere in the workbench unless `within` is given); its accessible name is the tooltip when one is set. */
  treeItem(name: string | RegExp, within?: Locator): Locator {
    return (within ?? this.page).getByRole('treeitem', { name }).first();
  }

  /** All tree rows currently rendered in the container, as their visible labels. */
  async treeLabels(within: Locator = this.container()): Promise<string[]> {
    const rows = within.locator('.monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => t.split('\n')[0].trim()).filter(Boolean);
  }

  /** Expands a collapsed tree row and waits until it says it is expanded. */
  async expand(name: string | RegExp | Locator, timeoutMs = 15_000): Promise<Locator> {
    const row = typeof name === 'string' || name instanceof RegExp ? this.treeItem(name) : name;
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
      await this.page.waitForFunction(
        (el) => el?.getAttribute('aria-expanded') === 'true',
        await row.elementHandle(),
        { timeout: timeoutMs },
      );
    }
    return row;
  }

  /**
   * Opens the command palette with F1, types the command's title, picks the matching row. On a loaded machine the
   * palette can open before the workbench has registered every command, so a title not listed yet is typed again once.
   */
  async runCommand(title: string, timeoutMs = 10_000): Promise<void> {
    const widget = this.quickInput();
    const row = widget.locator('.monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.locator('.monaco-workbench').click({ position: { x: 600, y: 5 }, force: true }).catch(() => undefined);
      await this.page.keyboard.press('F1');
      await widget.waitFor({ state: 'visible', timeout: timeoutMs });
      await this.quickInputBox().fill(`>${title}`);
      const listed = await row.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => true, (e: unknown) => {
        if (attempt >= 2) throw e;
        return false;
      });
      if (listed) break;
      await this.page.keyboard.press('Escape');
    }
    await this.page.keyboard.press('Enter');
  }

  /** The quick-input widget (command palette, quick picks, input boxes). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  quickInputBox(): Locator {
    return this.quickInput().locator('.quick-input-box input');
  }

  /** Waits for a quick input whose title or placeholder/prompt contains `text` (if given). */
  async waitForQuickInput(text?: string | RegExp, timeoutMs = 15_000): Promise<void> {
    await this.quickInput().waitFor({ state: 'visible', timeout: timeoutMs });
    if (text === undefined) return;
    await this.page.waitForFunction(
      ({ source, flags }) => {
        const widget = document.querySelector('.quick-input-widget');
        if (!widget) return false;
        const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
        const haystack = [widget.textContent ?? '', input?.placeholder ?? '', input?.getAttribute('aria-label') ?? ''].join('\n');
        return new RegExp(source, flags).test(haystack);
      },
      typeof text === 'string' ? { source: escapeRegExp(text), flags: '' } : { source: text.source, flags: text.flags },
      { timeout: timeoutMs },
    );
  }

  /** Replaces the input box's text (does not accept). */
  async typeInQuickInput(text: string): Promise<void> {
    const box = this.quickInputBox();
    await box.waitFor({ state: 'visible' });
    await box.fill(text);
  }

  /** Presses Enter in the quick input. */
  async acceptQuickInput(): Promise<void> {
    await this.quickInputBox().press('Enter');
  }

  /** Types `text` (to filter) and picks the row whose label contains `label`. */
  async pickQuickItem(label: string | RegExp, { filter }: { filter?: string } = {}, timeoutMs = 10_000): Promise<void> {
    if (filter !== undefined) await this.typeInQuickInput(filter);
    const row = this.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.click();
  }

  /** Labels of the rows the quick pick shows. */
  async quickItems(): Promise<string[]> {
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => t.trim());
  }

  /** The validation (or info) message under the input box, '' when none. */
  async quickInputMessage(): Promise<string> {
    const msg = this.quickInput().locator('.quick-input-message');
    if (!(await msg.count()) || !(await msg.first().isVisible())) return '';
    return (await msg.first().innerText()).trim();
  }

  /** Waits until the quick input's message contains `text`; returns the message. */
  async waitForQuickInputMessage(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const msg = this.quickInput().locator('.quick-input-message', { hasText: text }).first();
    await msg.waitFor({ state: 'visible', timeout: timeoutMs });
    return (await msg.innerText()).trim();
  }

  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible()) await this.page.keyboard.press('Escape');
  }

  /** A status-bar item created with `createStatusBarItem(id)` by this extension. */
  statusBarItem(itemId: string, extensionId = EXTENSION_ID): Locator {
    return this.page.locator(`[id="${extensionId}.${itemId}"]`);
  }

  /** The status-bar item's text, or undefined when it is not shown. */
  async statusBarText(itemId: string, extensionId = EXTENSION_ID): Promise<string | undefined> {
    const item = this.statusBarItem(itemId, extensionId);
    if (!(await item.count()) || !(await item.isVisible())) return undefined;
    return (await item.innerText()).trim();
  }

  /**
   * Whether the status-bar item is drawn in the theme's warning colour (`statusBarItem.warningBackground`): the
   * workbench marks it as such (class `warning-kind`) and its computed background is that theme colour.
   */
  async statusBarHasWarningColour(itemId: string, extensionId = EXTENSION_ID): Promise<boolean> {
    return this.statusBarItem(itemId, extensionId).evaluate((el) => {
      // The theme's colours are CSS variables on the workbench element: resolve the warning one beside the item.
      const probe = document.createElement('div');
      probe.style.backgroundColor = 'var(--vscode-statusBarItem-warningBackground)';
      el.parentElement!.appendChild(probe);
      const warning = getComputedStyle(probe).backgroundColor;
      probe.remove();
      const colour = getComputedStyle(el).backgroundColor;
      return el.classList.contains('warning-kind') && colour !== 'rgba(0, 0, 0, 0)' && colour === warning;
    });
  }

  /**
   * Hovers the status-bar item and returns the text of the tooltip hover that opens; then moves the mouse away so
   * the hover closes, unless `keepOpen` (e.g. for a screenshot; `closeHover()` afterwards).
   */
  async statusBarTooltip(itemId: string, { keepOpen = false, extensionId = EXTENSION_ID, timeoutMs = 10_000 } = {}): Promise<string> {
    const item = this.statusBarItem(itemId, extensionId);
    await item.hover();
    const hover = this.hover();
    await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    const text = (await hover.innerText()).trim();
    if (!keepOpen) await this.closeHover(timeoutMs);
    return text;
  }

  /** The hover (tooltip) widget currently shown. */
  hover(): Locator {
    return this.page.locator('.workbench-hover, .monaco-hover').filter({ visible: true }).first();
  }

  /** Moves the mouse to an empty spot of the editor area and waits for the hover to close. */
  async closeHover(timeoutMs = 5_000): Promise<void> {
    await this.page.mouse.move(600, 300);
    await this.hover().waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
  }

  /** Texts of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  /** Waits for a notification toast containing `text`; returns the toast's locator (for its buttons). */
  async waitForNotification(text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  /** Like waitForNotification, but also waits until the toast finished fading in (for screenshots). */
  async waitForToastShown(text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
    const toast = await this.waitForNotification(text, timeoutMs);
    await this.page.locator('.notification-toast.notification-fade-in-done', { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs });
    return toast;
  }

  /** What the page's clipboard holds (what the extension wrote with `vscode.env.clipboard.writeText`). */
  async readClipboard(): Promise<string> {
    await this.page.bringToFront();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async writeClipboard(text: string): Promise<void> {
    await this.page.bringToFront();
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  }

  /** The row at tree depth `level` (1 = root) whose label is exactly `label`, in the Cluster Pass side bar (or `within`). */
  treeRow(label: string, level?: number, within: Locator = this.container()): Locator {
    const rows = within.locator(level === undefined ? '[role="treeitem"]' : `[role="treeitem"][aria-level="${level}"]`);
    return rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first();
  }

  /** Labels of the rendered tree rows at depth `level` (1 = root) in the container. */
  async rowLabelsAtLevel(level: number, within: Locator = this.container()): Promise<string[]> {
    const labels = within.locator(`[role="treeitem"][aria-level="${level}"] .label-name`);
    return (await labels.allInnerTexts()).map((t) => t.trim());
  }

  /** Waits until at least `min` rows are rendered at depth `level`; returns their labels. */
  async waitForRowsAtLevel(level: number, min = 1, timeoutMs = 20_000, within: Locator = this.container()): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const labels = await this.rowLabelsAtLevel(level, within);
      if (labels.length >= min) return labels;
      if (Date.now() > deadline) throw new Error(`expected ${min}+ tree rows at level ${level}, saw ${JSON.stringify(labels)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until the keyboard focus is inside the container's tree (e.g. after its "Focus on … View" command). */
  async waitForTreeFocus(timeoutMs = 10_000, id = VIEW_CONTAINER_ID): Promise<void> {
    await this.page.waitForFunction(
      (containerId) => !!document.activeElement?.closest(`[id="${containerId}"] .monaco-list`),
      `workbench.view.extension.${id}`,
      { timeout: timeoutMs },
    );
  }

  /** Whether the keyboard focus is inside the container's tree now. */
  async treeHasFocus(id = VIEW_CONTAINER_ID): Promise<boolean> {
    return this.page.evaluate((containerId) => !!document.activeElement?.closest(`[id="${containerId}"] .monaco-list`), `workbench.view.extension.${id}`);
  }

  /** The accessible name (aria-label, else label text) of the tree row that has the keyboard focus, if any. */
  async focusedTreeRow(within: Locator = this.container()): Promise<string | undefined> {
    const row = within.locator('.monaco-list-row.focused').first();
    if (!(await row.count())) return undefined;
    return (await row.getAttribute('aria-label')) ?? (await row.innerText()).split('\n')[0].trim();
  }

  /**
   * Moves the tree's keyboard focus with ArrowDown (Home first when no row has it) until the focused row's
   * accessible name satisfies `matches`; returns that name. Keyboard only: the tree must have the focus.
   */
  async focusTreeRowByKeyboard(matches: (name: string) => boolean, maxSteps = 80): Promise<string> {
    const seen: string[] = [];
    for (let step = 0; step <= maxSteps; step++) {
      const name = await this.focusedTreeRow();
      if (name !== undefined && matches(name)) return name;
      if (name !== undefined) seen.push(name);
      await this.page.keyboard.press(name === undefined ? 'Home' : 'ArrowDown');
      // Wait for the focus to move (or the end of the list).
      await this.page.waitForFunction(
        ({ containerId, before }) => {
          const row = document.querySelector(`[id="${containerId}"] .monaco-list-row.focused`);
          return !!row && (row.getAttribute('aria-label') ?? '') !== before;
        },
        { containerId: `workbench.view.extension.${VIEW_CONTAINER_ID}`, before: name ?? '\u0000' },
        { timeout: 2_000 },
      ).catch(() => undefined);
    }
    throw new Error(`no tree row matched within ${maxSteps} ArrowDown presses; focused: ${seen.slice(-10).join(' | ')}`);
  }

  /** Clicks a view-title action of the container (e.g. "Collapse All", "Refresh"), by its title. */
  async clickViewTitleAction(title: string, timeoutMs = 10_000): Promise<void> {
    // With one view in the container, its actions show in the side bar's own title, not the view's pane header.
    const action = this.page
      .locator(`.part.sidebar .action-label[aria-label^="${title.replace(/"/g, '\\"')}"]`)
      .filter({ visible: true })
      .first();
    await action.waitFor({ state: 'visible', timeout: timeoutMs });
    await action.click();
  }

  /** Collapses every row of the container's tree (its "Collapse All" title action). */
  async collapseAll(): Promise<void> {
    await this.clickViewTitleAction('Collapse All');
    await this.page.waitForFunction(
      (id) => !document.querySelector(`[id="${id}"] [role="treeitem"][aria-expanded="true"]`),
      `workbench.view.extension.${VIEW_CONTAINER_ID}`,
      { timeout: 5_000 },
    );
  }

  /** Scrolls the container's (virtualised) tree down until `row` is rendered and visible; returns it. */
  async scrollTreeTo(row: Locator, { maxSteps = 60, within = this.container() }: { maxSteps?: number; within?: Locator } = {}): Promise<Locator> {
    const list = within.locator('.monaco-list').first();
    for (let step = 0; step < maxSteps; step++) {
      if (await row.isVisible()) return row;
      await list.hover();
      await this.page.mouse.wheel(0, 300);
      await this.page.waitForTimeout(50);
    }
    await row.waitFor({ state: 'visible', timeout: 2_000 });
    return row;
  }

  /** Hovers a tree row and clicks its inline action whose title starts with `title` (e.g. "Get Credentials"). */
  async clickInlineAction(row: Locator, title: string, timeoutMs = 10_000): Promise<void> {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.hover();
    const action = row.locator('.actions .action-label').and(this.page.locator(`[aria-label^="${title.replace(/"/g, '\\"')}"]`)).first();
    await action.waitFor({ state: 'visible', timeout: timeoutMs });
    await action.click();
  }

  /** Right-clicks a tree row and chooses the context-menu entry whose label contains `label`. */
  async clickContextMenuItem(row: Locator, label: string | RegExp, timeoutMs = 10_000): Promise<void> {
    if (!(await this.page.locator('.context-view .monaco-menu').first().isVisible())) await this.openContextMenu(row, timeoutMs);
    const item = this.page.locator('.context-view .monaco-menu .action-item', { hasText: label }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    // A click that arrives with no pointer movement since the menu opened is ignored by the menu: hover first.
    await item.hover();
    await item.click();
    const menu = this.page.locator('.context-view .monaco-menu');
    if (await menu.waitFor({ state: 'detached', timeout: 3_000 }).then(() => true, () => false)) return;
    // On a loaded machine the click can still land before the menu takes pointer input: choose the item by keyboard,
    // as a user would (hovering focuses it; Enter runs it).
    await item.hover();
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached', timeout: 5_000 });
  }

  /** Right-clicks a tree row; returns the labels of the context menu that opens (it stays open). */
  async openContextMenu(row: Locator, timeoutMs = 10_000): Promise<string[]> {
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await row.click({ button: 'right' });
    await this.page.locator('.context-view .monaco-menu .action-item').first().waitFor({ state: 'visible', timeout: timeoutMs });
    return this.contextMenuLabels();
  }

  /** The open context menu's entry labels. */
  async contextMenuLabels(): Promise<string[]> {
    return (await this.page.locator('.context-view .monaco-menu .action-item .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** Waits until the status-bar item is shown with text matching `expected`; returns the text. */
  async waitForStatusBarText(itemId: string, expected: RegExp | ((text: string) => boolean), timeoutMs = 15_000, extensionId = EXTENSION_ID): Promise<string> {
    const matches = typeof expected === 'function' ? expected : (t: string) => expected.test(t);
    const deadline = Date.now() + timeoutMs;
    let last: string | undefined;
    for (;;) {
      last = await this.statusBarText(itemId, extensionId);
      if (last !== undefined && matches(last)) return last;
      if (Date.now() > deadline) throw new Error(`status-bar item ${itemId} did not show ${String(expected)} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Polls the page's clipboard until `expected` holds; returns its text. */
  async waitForClipboard(expected: (text: string) => boolean, timeoutMs = 10_000, what = 'the expected text'): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.readClipboard().catch(() => last);
      if (expected(last)) return last;
      if (Date.now() > deadline) throw new Error(`the clipboard did not hold ${what} within ${timeoutMs} ms (it holds ${last.length} characters)`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Closes every notification toast (F1 → Notifications: Clear All Notifications). */
  async clearNotifications(): Promise<void> {
    await this.dismissQuickInput();
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }

  /** Clicks a button (e.g. "Refresh") on a notification toast. */
  async clickNotificationButton(toast: Locator, label: string): Promise<void> {
    await toast.hover();
    await toast.getByRole('button', { name: label }).first().click();
  }

  /** Files of the extension's LogOutputChannel ("Cluster Pass") under the workbench's log folder. */
  extensionLogFiles(channel = 'Cluster Pass'): string[] {
    return filesUnder([this.server.logsDir]).filter((f) => f.endsWith(`${channel}.log`));
  }

  /**
   * Searches every file of this run (user-data/ with its logs/, settings and state, ext/, code-server.log) for
   * each secret; throws naming the file on a hit. Returns how many files were scanned.
   */
  assertNoSecretLeaks(secrets: readonly (LeakCandidate | string)[]): number {
    return assertNoSecretsIn([this.server.dataDir], secrets);
  }

  /**
   * Selects the active terminal's whole buffer and copies it (palette commands; the terminal draws on a canvas) until
   * it matches `expected`. This uses the page's clipboard: read the clipboard for other reasons before calling it.
   */
  async waitForTerminalText(expected: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.locator('.part.panel .xterm:visible').first().click();
      await this.page.keyboard.press('F1');
      await this.waitForQuickInput();
      await this.typeInQuickInput('>Terminal: Select All');
      await this.quickInput().locator('.monaco-list-row', { hasText: 'Terminal: Select All' }).first().waitFor();
      await this.page.keyboard.press('Enter');
      await this.quickInput().waitFor({ state: 'hidden' });
      await this.page.keyboard.press('Control+Shift+C'); // the terminal's copy
      const text = await this.readClipboard();
      if (expected.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(expected)}; it shows: ${text.slice(-500)}`);
      await this.page.waitForTimeout(500);
    }
  }

  /** The terminal tabs (or the single terminal's title) in the panel whose text matches `name`. */
  terminalTab(name: string | RegExp): Locator {
    return this.page.locator('.part.panel').getByText(name).first();
  }

  /** Saves a PNG under test-output/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const seq = String(++this.shots).padStart(2, '0');
    const file = join(SCREENSHOT_DIR, `${this.screenshotPrefix}${seq}-${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private closing?: Promise<void>;

  /** Closes the browser and stops code-server (its whole process group). Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.browser.close();
      await this.server.stop();
    })();
    return this.closing;
  }
}

/** Starts an isolated code-server (installing the given .vsix first), opens it in Chromium and waits for the workbench. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const server = await startCodeServer(options);
  let browser: BrowserSession | undefined;
  try {
    browser = await launchBrowser(server.url);
    const url = new URL(server.url);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const prefix = options.screenshotPrefix ? `${options.screenshotPrefix}-` : '';
    const wb = new Workbench(server, browser, browser.page, prefix);
    await browser.page.goto(url.toString(), { waitUntil: 'domcontentloaded' });
    await wb.ready();
    return wb;
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
