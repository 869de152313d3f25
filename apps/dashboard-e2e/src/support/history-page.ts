import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** A transcript line as a page shows it. */
export interface ShownLine {
  readonly id: string;
  readonly speaker: string;
  readonly final: boolean;
  readonly text: string;
}

/** Signs in on the dashboard's sign-in page and waits until it has moved on. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#tnt-login-username', username);
  await page.fill('#tnt-login-password', password);
  await page.click('form button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The transcript lines inside `container` (`tnt-past-transcript` or the live view's `tnt-transcript`), in order. */
export function linesIn(page: Page, container: string): Promise<ShownLine[]> {
  return page.$$eval(`${container} li[data-segment-id]`, (items) =>
    items.map((item) => {
      const line = item as HTMLElement;
      return {
        id: line.dataset['segmentId'] ?? '',
        speaker: line.dataset['speaker'] ?? '',
        final: line.dataset['final'] === 'true',
        text: (line.querySelector('.text')?.textContent ?? '').trim(),
      };
    }),
  );
}

/** Clicks `selector` and returns the file the browser downloaded: its suggested name and text. */
export async function download(page: Page, selector: string): Promise<{ fileName: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await file.path();
  return { fileName: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** True when the page is wider than its viewport (something forces a horizontal scroll). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
