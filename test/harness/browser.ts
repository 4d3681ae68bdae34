// Debian's Chromium driven by playwright-core (no browser download), headless, with the clipboard granted.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { INSTALLER_URL } from './paths';

export const CHROMIUM_PATH = process.env.CLUSTER_PASS_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Chromium and opens one page whose context may read and write the clipboard of `origin`. */
export async function launchBrowser(origin: string, { width = 1400, height = 900 } = {}): Promise<BrowserSession> {
  const installer = (await import(INSTALLER_URL)) as typeof import('../../scripts/install-code-server.mjs', { with: { 'resolution-mode': 'import' } });
  installer.checkSystemTools();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: origin.replace(/\/$/, '') });
    const page = await context.newPage();
    let closed: Promise<void> | undefined;
    return { browser, context, page, close: () => (closed ??= browser.close().catch(() => undefined)) };
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
}
