import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots and other output of the browser tests (git-ignored). */
export const TEST_ARTIFACTS = resolve(__dirname, '../../../../../test-artifacts');

/** Debian's chromium, headless (the tests' one browser; `.ci/run` installs it). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * A new page with the operator signed in earlier in this tab: the token is in the tab's session
 * storage, where the dashboard's sign-in box puts it (`null` for the public).
 */
export async function newDashboardPage(browser: Browser, token: string | null, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  if (token) await page.addInitScript((t) => sessionStorage.setItem('cargo.accessToken', t), token);
  return page;
}

/** Saves a screenshot under `test-artifacts/<dir>/<name>.png`; returns its path. */
export async function saveScreenshot(page: Page, dir: string, name: string, fullPage = false): Promise<string> {
  const folder = join(TEST_ARTIFACTS, dir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
