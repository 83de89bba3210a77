// App Home over signed HTTP: on-call for both rotations, form buttons, "my requests", refresh.
import nock from 'nock';
import { ACTION_ONCALL_REFRESH, ACTION_OPEN_FORM } from '../../src/ids';
import { blockActionBody, eventBody, homeOpenedEvent, TRIGGER_ID, USER } from '../helpers/payloads';
import { eventually, formFields, startTestApp, type TestApp } from '../helpers/app';

const published = (check: (view: string) => boolean) =>
  nock('https://slack.com')
    .post('/api/views.publish', (b) => formFields(b).user_id === USER && check(formFields(b).view!))
    .reply(200, { ok: true });

describe('App Home', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.stop();
    nock.cleanAll();
  });

  it('shows both rotations, the form buttons and "nothing yet" without the filing module', async () => {
    t = await startTestApp();
    const home = published(
      (v) =>
        v.includes('<@U0ALICE>') &&
        v.includes('<@U0BOB>') &&
        v.includes(ACTION_OPEN_FORM) &&
        v.includes('Nothing yet.'),
    );
    const res = await t.send(eventBody(homeOpenedEvent()));
    expect(res.status).toBe(200);
    await eventually(() => home.isDone());
  });

  it('lists my requests when the filing module provides them', async () => {
    t = await startTestApp({
      myRequests: async (user) => [
        { title: `STAR for ${user} <!channel>`, status: 'filed', url: 'https://gitlab.example.com/i/1' },
      ],
    });
    const home = published((v) =>
      v.includes('<https://gitlab.example.com/i/1|STAR for U0ASKER &lt;!channel&gt;>'),
    );
    await t.send(eventBody(homeOpenedEvent()));
    await eventually(() => home.isDone());
  });

  it('ignores the messages tab', async () => {
    t = await startTestApp();
    const res = await t.send(eventBody(homeOpenedEvent({ tab: 'messages' })));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('publishes again on Refresh', async () => {
    t = await startTestApp();
    const home = published((v) => v.includes('<@U0BOB>'));
    await t.send(
      blockActionBody(
        { type: 'button', action_id: ACTION_ONCALL_REFRESH },
        { container: { type: 'view', view_id: 'V0HOME' } },
      ),
    );
    await eventually(() => home.isDone());
  });

  it('opens a form modal from a form button', async () => {
    t = await startTestApp();
    const opened = nock('https://slack.com')
      .post(
        '/api/views.open',
        (b) => formFields(b).trigger_id === TRIGGER_ID && formFields(b).view!.includes('"type":"modal"'),
      )
      .reply(200, { ok: true });
    await t.send(blockActionBody({ type: 'button', action_id: ACTION_OPEN_FORM, value: 'star' }));
    await eventually(() => opened.isDone());
  });
});
