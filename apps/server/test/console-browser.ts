import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export { hasChromium, launchChromium } from './chromium.js';

/** A page of the console and everything that went wrong in it: console errors, page errors, failed or refused requests. */
export interface WatchedPage {
  page: Page;
  problems: string[];
  /** The next request to `path` is expected to be refused (a wrong token on purpose). */
  expectRefusal(path: string): void;
}

/** A fresh browser context at the given width, with every problem recorded. */
export async function openConsole(browser: Browser, width: number, height: number): Promise<WatchedPage> {
  // A teacher in China: the browser's days are the server's (its TIMEZONE defaults to Asia/Shanghai).
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const expected = new Set<string>();
  page.on('console', (m) => {
    // Chromium logs every 4xx answer as a console error too; those are judged by the response check below.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A download's blob: URL, or a superseded fetch the page aborted on purpose, is not a failure.
    if (!r.url().startsWith('blob:') && r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    // Each expected refusal excuses one answer only.
    if (r.status() >= 400 && !expected.delete(path)) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${path}`);
  });
  return { page, problems, expectRefusal: (path) => expected.add(path) };
}

/** Signs in through the sign-in page, asked for by opening `path` of the console. */
export async function signIn(page: Page, url: string, token: string, path = 'kb'): Promise<void> {
  await page.goto(`${url}/console/${path}`);
  await page.waitForURL(/\/console\/sign-in/);
  await page.fill('[data-test=token] input', token);
  await page.click('[data-test=submit]');
  await page.waitForURL(new RegExp(`/console/${path}$`));
}

/** Opens a page from the side menu (desktop) or the drawer menu (phone). */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.locator('[data-test=menu]');
  if (await menu.isVisible()) await menu.click();
  await page.locator(`[data-nav=${name}]:visible`).click();
  await page.waitForURL(new RegExp(`/console/${name === 'overview' ? '' : name}`));
}

/** Waits until loading is over: no spinner left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction("document.querySelectorAll('[data-test=loading]').length === 0");
}

/** Clicks a download button and answers the downloaded file's text. */
export async function download(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}
