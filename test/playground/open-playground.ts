// Starts the playground on a free loopback port with a copy of the real rules file (so a test can
// edit it), and opens its page in headless Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/playground';
import { DEFAULT_RULES_FILE } from '../../src/routing/load';
import { createLogger } from '../../src/logger';
import { launchBrowser, type Browser } from './browser';

export interface OpenPlayground {
  playground: Playground;
  browser: Browser;
  page: Page;
  rulesFile: string;
  close(): Promise<void>;
}

/** `copyRules: false` runs on the rules file itself (the screenshot), never edited. */
export async function openPlayground({ copyRules = true } = {}): Promise<OpenPlayground> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'support-router-rules-'));
  const rulesFile = copyRules ? path.join(dir, 'handbook.yml') : DEFAULT_RULES_FILE;
  if (copyRules) fs.copyFileSync(DEFAULT_RULES_FILE, rulesFile);
  const playground = await startPlayground({
    env: {},
    port: 0,
    rulesFile,
    rulesPollMs: 100,
    logger: createLogger('silent'),
  });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  // A step that fails should fail well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
  await page.goto(playground.url);
  await page.locator('body[data-ready="true"]').waitFor();
  return {
    playground,
    browser,
    page,
    rulesFile,
    async close() {
      await browser.close();
      await playground.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Types into the composer labelled "Message" and sends it with Enter, as a person would. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}
