// Opening a form over signed HTTP, with the filing module attached: where the modal opens (on top of a
// modal, or on its own from a message or App Home) and what the user is told when Slack refuses.
import nock from 'nock';
import { parseConfig } from '../../src/config';
import { createFilingService } from '../../src/filing/service';
import { DEFAULT_SETTINGS } from '../../src/filing/settings';
import { ACTION_OPEN_FORM } from '../../src/ids';
import { loadRules } from '../../src/routing/load';
import { eventually, formFields, startTestApp, type TestApp } from '../helpers/app';
import { blockActionBody, TRIGGER_ID } from '../helpers/payloads';
import { freshSqlite } from '../helpers/stores';

const rules = loadRules();
let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({ rules });
  t.deps.filing = await createFilingService({
    config: parseConfig({}),
    logger: t.deps.logger,
    rules,
    slack: t.app.client,
    store: await freshSqlite(),
    settings: DEFAULT_SETTINGS,
  });
});
afterEach(async () => {
  await t.deps.filing?.stop();
  await t.stop();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const click = (route: string, overrides: Record<string, unknown> = {}) =>
  t.send(blockActionBody({ type: 'button', action_id: ACTION_OPEN_FORM, value: route }, overrides));

/** A button on App Home: body.view is the home tab, and there is no channel or response_url. */
const HOME_CLICK = {
  container: { type: 'view', view_id: 'V0HOME' },
  view: { id: 'V0HOME', type: 'home', callback_id: '', state: { values: {} }, hash: 'h' },
  channel: undefined,
  response_url: undefined,
};

const slackCall = (method: string, reply: object = { ok: true }) =>
  nock('https://slack.com')
    .post(`/api/${method}`, (b) => formFields(b).trigger_id === TRIGGER_ID)
    .reply(200, reply);

describe('opening a form', () => {
  it('opens the modal from an App Home button (the home tab is not a modal to push onto)', async () => {
    const opened = slackCall('views.open');
    const res = await click('support-meta', HOME_CLICK);
    expect(res.status).toBe(200);
    await eventually(() => opened.isDone());
  });

  it('pushes the form on top when the button is inside a modal', async () => {
    const pushed = slackCall('views.push');
    await click('support-meta', {
      container: { type: 'view', view_id: 'V0ANS' },
      view: { id: 'V0ANS', type: 'modal', callback_id: 'support_answer', state: { values: {} }, hash: 'h' },
    });
    await eventually(() => pushed.isDone());
  });
});
