// The browser the playground and console tests drive: Debian's Chromium (.ci/run installs it), headless.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Whether the suite can show a browser here (CI always installs one). */
export const hasChromium = existsSync(CHROMIUM) || !!process.env.CI;

/** Starts headless Chromium for a test file. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}
