// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core: no browser download,
// no network, a fresh profile per launch.
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

declare module 'vitest' {
  interface TaskMeta {
    /** Screenshot paths a console test took (test-output/console/*.png). */
    screenshots?: string[];
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve('test-output/console');

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'iam-local-chromium-'));
  // A fresh --user-data-dir: playwright takes it as launchPersistentContext's first argument.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      // Fail a missing element well within the test's own timeout, with playwright's call log.
      page.setDefaultTimeout(10_000);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot (the full page unless fullPage is false) under test-output/console/NAME.png,
 *  prints and returns its path. A tall page on a busy 2-core machine can take seconds to capture. */
export async function screenshot(page: Page, name: string, meta?: { screenshots?: string[] }, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage, timeout: 30_000 });
  console.log(`screenshot: ${path}`);
  if (meta) (meta.screenshots ??= []).push(path);
  return path;
}
