#!/usr/bin/env node
// npm run playground:screenshot: takes docs/playground.png, the README's picture of the playground,
// with the browser tests' tooling (headless Chromium): a triage answer, a filed form's dry-run
// preview, a mention answered in its thread, and the calls the bot made.
require('../test/helpers/ts-register');
const path = require('node:path');
const { hasChromium, CHROMIUM } = require('../test/playground/browser.ts');
const { openPlayground, say } = require('../test/playground/open-playground.ts');

const OUT = path.join(__dirname, '..', 'docs', 'playground.png');

async function fillTrialForm(page) {
  await page.locator('article.message.bot').last().getByRole('button', { name: 'Open the form' }).click();
  const dialog = page.getByRole('dialog', { name: 'Internal request' });
  await dialog.getByLabel('Customer contact email').fill('pat@customer.example');
  await dialog.getByLabel('GitLab.com namespace or group URL').fill('acme-corp');
  const date = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('New end date').fill(date);
  await dialog
    .getByLabel('Additional context')
    .fill('Evaluation slipped two weeks; the champion is back on Monday.');
  await dialog.getByRole('button', { name: 'File request' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('article', { name: /^Would file: / }).waitFor();
}

async function main() {
  if (!hasChromium) {
    process.stderr.write(
      `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
    );
    process.exitCode = 1;
    return;
  }
  const open = await openPlayground({ copyRules: false });
  try {
    const { page } = open;
    await say(page, '/support can we extend the gitlab.com trial for acme? they need 2 more weeks');
    await fillTrialForm(page);
    await say(page, '@support-router who is the cmoc right now?');
    await page.getByRole('button', { name: '1 reply' }).click();
    await page.getByRole('region', { name: 'Thread' }).getByText('Casey Comms').first().waitFor();
    await say(page, '/support who is on call for self-managed support right now?');
    await page
      .getByRole('tabpanel')
      .locator('article.message.bot')
      .last()
      .getByText('Sasha Support')
      .first()
      .waitFor();
    await page.screenshot({ path: OUT });
    process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
  } finally {
    await open.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exitCode = 1;
});
