// The playground in a real browser (headless Chromium): the real app behind the page, driven the
// way a person uses Slack. Skipped, and reported as skipped, when Chromium is not installed.
import fs from 'node:fs';
import { eventually } from '../helpers/http';
import { hasChromium } from './browser';
import { openPlayground, say, type OpenPlayground } from './open-playground';

const describeInBrowser = hasChromium ? describe : describe.skip;
jest.setTimeout(60_000);

describeInBrowser('the playground page', () => {
  let open: OpenPlayground;
  beforeAll(async () => {
    open = await openPlayground();
  });
  afterAll(async () => {
    await open?.close();
  });

  const latest = () => open.page.locator('article.message.bot').last();

  it('answers /support with the route, why it went there, and its form button', async () => {
    const { page } = open;
    await say(page, '/support can we extend the gitlab.com trial for acme? they need 2 more weeks');
    const answer = latest();
    await answer.getByRole('button', { name: 'Open the form' }).waitFor();
    expect(await answer.getByText('Only visible to you').count()).toBe(1);
    expect(await answer.locator('.note').innerText()).toContain('route internal-request/saas-extend-trial');
  });

  it('opens the form, shows a validation error under its field, and shows what would be filed', async () => {
    const { page } = open;
    await latest().getByRole('button', { name: 'Open the form' }).click();
    const dialog = page.getByRole('dialog', { name: 'Internal request' });
    await dialog.waitFor();
    await dialog.getByLabel('Customer contact email').fill('pat@customer.example');
    await dialog.getByLabel('GitLab.com namespace or group URL').fill('acme-corp');
    await dialog.getByLabel('New end date').fill('2020-01-01');
    await dialog.getByLabel('Additional context').fill('Trial of <b>acme</b> ends friday');
    await dialog.getByRole('button', { name: 'File request' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Pick a date in the future.' }).waitFor();
    // What was typed is still there, and the fixed date goes through.
    expect(await dialog.getByLabel('Customer contact email').inputValue()).toBe('pat@customer.example');
    await dialog.getByLabel('New end date').fill(nextYear());
    await dialog.getByRole('button', { name: 'File request' }).click();
    await page.getByRole('heading', { name: 'Request received' }).waitFor();
    const preview = page.getByRole('article', { name: /^Would file: / });
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('pat@customer.example');
    expect(text).toContain('Trial of <b>acme</b> ends friday');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('shows the dry-run DM and App Home with who is on call', async () => {
    const { page } = open;
    await page.getByRole('tab', { name: 'Messages with support-router' }).click();
    await page.getByText('nothing was sent').first().waitFor();
    await page.getByRole('tab', { name: 'App Home' }).click();
    const home = page.getByRole('tabpanel', { name: 'App Home' });
    await home.getByText('Sasha Support').first().waitFor();
    await home.getByText('Casey Comms').first().waitFor();
  });

  it('lists each Web API call the bot made', async () => {
    const calls = await open.page.locator('.calls summary code').allInnerTexts();
    expect(calls).toEqual(
      expect.arrayContaining(['views.open', 'views.publish', 'chat.postMessage', 'users.info']),
    );
  });

  it('answers a mention in its thread, and routes a plain message with the message shortcut', async () => {
    const { page } = open;
    await page.getByRole('tab', { name: '#playground' }).click();
    await say(page, '@support-router who is the cmoc right now?');
    await page.getByRole('button', { name: '1 reply' }).click();
    const thread = page.getByRole('region', { name: 'Thread' });
    await thread.locator('article.message.bot').getByText('Casey Comms').first().waitFor();
    await thread.getByRole('button', { name: 'Close thread' }).click();
    await say(page, 'my customer cannot log in to gitlab.com after enabling 2fa');
    await page
      .locator('article.message.person')
      .last()
      .getByRole('button', { name: 'Route to Support' })
      .click();
    await latest().getByText('Only visible to you').waitFor();
  });

  it('answers in the modal of the Ask Support global shortcut', async () => {
    const { page } = open;
    await page.getByRole('button', { name: 'Ask Support' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Ask Support' });
    await dialog.getByLabel('Or pick what it is about').waitFor();
    await dialog.getByLabel('What do you need?').fill('who is on call for self-managed support right now?');
    await dialog.getByRole('button', { name: 'Find the route' }).click();
    await dialog.getByText('Sasha Support').first().waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('pushes a form over the Ask Support answer, and goes back to it', async () => {
    const { page } = open;
    await page.getByRole('button', { name: 'Ask Support' }).first().click();
    const ask = page.getByRole('dialog', { name: 'Ask Support' });
    await ask
      .getByLabel('Or pick what it is about')
      .selectOption({ label: 'Extend a GitLab.com (SaaS) trial' });
    await ask.getByRole('button', { name: 'Find the route' }).click();
    await ask.getByRole('button', { name: 'Open the form' }).click();
    const form = page.getByRole('dialog', { name: 'Internal request' });
    await form.getByText('2 views open').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await ask.getByRole('button', { name: 'Open the form' }).waitFor();
    await ask.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('replaces a private answer in place when another route is picked (replace_original)', async () => {
    const { page } = open;
    await say(page, '/support can we extend the gitlab.com trial for acme? they need 2 more weeks');
    const answers = page.getByRole('tabpanel').locator('article.message.bot');
    await answers.last().getByRole('button', { name: 'Open the form' }).waitFor();
    const count = await answers.count();
    await answers
      .last()
      .getByLabel('Not what I meant')
      .selectOption({ label: 'A customer needs technical support' });
    await answers.last().getByText('You picked this route').waitFor();
    expect(await answers.count()).toBe(count);
  });

  it('picks up a rules edit, and keeps the last good rules while the file has lint errors', async () => {
    const { page, rulesFile } = open;
    const original = fs.readFileSync(rulesFile, 'utf8');
    fs.writeFileSync(rulesFile, original.replace('id: oncall/cmoc', 'id: oncall/cmoc\n    bogus_field: 1'));
    await page.locator('.rules-problems').getByText('bogus_field').waitFor();
    await say(page, '/support who is the cmoc right now?');
    await latest().getByText('Casey Comms').first().waitFor();
    fs.writeFileSync(
      rulesFile,
      original.replace(/title: "Who is the GitLab\.com CMOC[^\n]*/, 'title: "Who is the CMOC (edited)"'),
    );
    await page.locator('.rules-problems').waitFor({ state: 'detached' });
    await say(page, '/support who is the cmoc right now?');
    await latest().getByText('Who is the CMOC (edited)').waitFor();
  });

  it('cannot be injected through a rule or through what a person types', async () => {
    const { page, rulesFile } = open;
    const hostile = `<img src=x onerror='document.body.dataset.pwned=1'><script>document.body.dataset.pwned=2</script>`;
    // A title is at most 75 characters: the image alone goes there.
    const image = '<img src=x onerror=document.body.dataset.pwned=1>';
    const original = fs.readFileSync(rulesFile, 'utf8');
    const before = open.playground.ws.rules;
    fs.writeFileSync(rulesFile, original.replace(/title: "Who is the [^\n]*/, `title: "CMOC ${image}"`));
    await eventually(() => open.playground.ws.rules !== before, 5000);
    await say(page, '/support who is the cmoc right now?');
    // The bot escapes the title (&lt; &gt;), so Slack and the page show it as text, never as markup.
    await latest().getByText(`CMOC ${image}`).first().waitFor();
    await say(page, `hello ${hostile} <https://example.com|a link> <!channel>`);
    await page.locator('article.message.person').last().getByText(`hello ${hostile}`).waitFor();
    expect(await page.evaluate('document.body.dataset.pwned')).toBeUndefined();
    expect(await page.locator('img[src="x"], main script').count()).toBe(0);
    fs.writeFileSync(rulesFile, original);
  });
});

function nextYear(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
