import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WORKSPACE_ROOT } from './gateway-process';

/** Where every run saves its screenshots (gitignored). */
export const SCREENSHOT_DIR = join(WORKSPACE_ROOT, 'dist', 'dashboard-e2e', 'screenshots');

/**
 * Saves a screenshot of the page as `<name>.png` under {@link SCREENSHOT_DIR}. With
 * `TNT_UPDATE_DOCS_SCREENSHOTS=1` and a `docsName`, it also replaces the committed picture in docs/.
 */
export async function saveScreenshot(page: Page, name: string, docsName?: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  if (docsName && process.env['TNT_UPDATE_DOCS_SCREENSHOTS'] === '1') {
    mkdirSync(join(WORKSPACE_ROOT, 'docs'), { recursive: true });
    copyFileSync(path, join(WORKSPACE_ROOT, 'docs', `${docsName}.png`));
  }
  return path;
}
