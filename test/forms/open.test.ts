// Opening a form over signed HTTP, with the filing module attached: where the modal opens (on top of a
// modal, or on its own from a message or App Home) and what the user is told when Slack refuses.
import nock from 'nock';
import { ACTION_OPEN_FORM } from '../../src/ids';
import { FORM_NOT_OPENED } from '../../src/forms/open';
import { loadRules } from '../../src/routing/load';
import { ROUTE_GONE } from '../../src/views/triage';
import { eventually, formFields, testRules, type TestApp } from '../helpers/app';
import { startFilingApp, stopFilingApp } from '../helpers/filing-app';
import { blockActionBody, commandBody, TRIGGER_ID, USER } from '../helpers/payloads';
import { stubDm } from '../helpers/slack-standin';

const rules = loadRules();
let t: TestApp;

beforeEach(async () => {
  t = await startFilingApp({ rules });
});
afterEach(() => stopFilingApp(t));

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

describe('when Slack will not show the form', () => {
  const refused = (method: string) => slackCall(method, { ok: false, error: 'expired_trigger_id' });
  const told = (check: (b: { text?: string; response_type?: string }) => boolean) =>
    nock('https://hooks.slack.com').post('/commands/T0TEAM/1/abc', check).reply(200, 'ok');

  it('tells the clicker of a message button, privately', async () => {
    const calls = [
      refused('views.open'),
      told((b) => b.text === FORM_NOT_OPENED && b.response_type === 'ephemeral'),
    ];
    await click('support-meta');
    await eventually(() => calls.every((c) => c.isDone()));
  });

  it('tells an App Home user in a DM', async () => {
    const refusedOpen = refused('views.open');
    const dm = stubDm(USER, (f) => f.text === FORM_NOT_OPENED); // as Slack answers for manifest.yml
    await click('support-meta', HOME_CLICK);
    await eventually(() => refusedOpen.isDone() && dm.isDone());
  });

  it('tells the user of a /support subcommand', async () => {
    const calls = [refused('views.open'), told((b) => b.text === FORM_NOT_OPENED)];
    const res = await t.send(commandBody('meta'));
    expect(res.status).toBe(200);
    await eventually(() => calls.every((c) => c.isDone()));
  });
});

describe('a route the rules no longer have', () => {
  it('/support meta says the route no longer exists (filing is set up)', async () => {
    await stopFilingApp(t);
    t = await startFilingApp({ rules: testRules() }); // the small fixture rules have no support-meta
    const res = await t.send(commandBody('meta'));
    expect(res.json()).toEqual({ response_type: 'ephemeral', text: ROUTE_GONE });
  });
});
