// App Home over signed HTTP: on-call for both rotations, form buttons, "my requests", refresh.
import nock from 'nock';
import { ACTION_ONCALL_REFRESH, ACTION_OPEN_FORM } from '../../src/ids';
import { blockActionBody, eventBody, homeOpenedEvent, TRIGGER_ID, USER } from '../helpers/payloads';
import { eventually, formFields, useTestApp } from '../helpers/app';

const published = (check: (view: string) => boolean, times = 1) =>
  nock('https://slack.com')
    .post('/api/views.publish', (b) => formFields(b).user_id === USER && check(formFields(b).view!))
    .times(times)
    .reply(200, { ok: true });

describe('App Home', () => {
  const app = useTestApp({}, { fresh: true });

  it('shows the three rotations (Support, CMOC, Support Manager), the form buttons and "nothing yet" without the filing module', async () => {
    const pending = published((v) => v.includes('looking up who is on call'));
    const home = published(
      (v) =>
        v.includes('<@U0ALICE>') &&
        v.includes('<@U0BOB>') &&
        v.includes('*Support Manager:* <@U0MINA>') &&
        v.includes(ACTION_OPEN_FORM) &&
        v.includes('Nothing yet.'),
    );
    const res = await app().send(eventBody(homeOpenedEvent()));
    expect(res.status).toBe(200);
    await eventually(() => pending.isDone() && home.isDone());
    // Opened again: the answers are cached now, so one publish with them.
    const again = published((v) => v.includes('<@U0BOB>') && !v.includes('looking up'));
    await app().send(eventBody(homeOpenedEvent()));
    await eventually(() => again.isDone());
  });

  it('ignores the messages tab', async () => {
    const res = await app().send(eventBody(homeOpenedEvent({ tab: 'messages' })));
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('publishes again on Refresh', async () => {
    const pending = published((v) => v.includes('looking up'));
    const home = published((v) => v.includes('<@U0BOB>'));
    await app().send(
      blockActionBody(
        { type: 'button', action_id: ACTION_ONCALL_REFRESH },
        { container: { type: 'view', view_id: 'V0HOME' } },
      ),
    );
    await eventually(() => pending.isDone() && home.isDone());
  });

  it('opens a form modal from a form button', async () => {
    const opened = nock('https://slack.com')
      .post(
        '/api/views.open',
        (b) => formFields(b).trigger_id === TRIGGER_ID && formFields(b).view!.includes('"type":"modal"'),
      )
      .reply(200, { ok: true });
    await app().send(blockActionBody({ type: 'button', action_id: ACTION_OPEN_FORM, value: 'star' }));
    await eventually(() => opened.isDone());
  });

  it('opens (never pushes) the form from a button on the home tab itself', async () => {
    const opened = nock('https://slack.com')
      .post('/api/views.open', (b) => formFields(b).trigger_id === TRIGGER_ID)
      .reply(200, { ok: true });
    await app().send(
      blockActionBody(
        { type: 'button', action_id: ACTION_OPEN_FORM, value: 'star' },
        {
          container: { type: 'view', view_id: 'V0HOME' },
          view: { id: 'V0HOME', type: 'home', callback_id: '', state: { values: {} }, hash: 'h' },
          channel: undefined,
          response_url: undefined,
        },
      ),
    );
    await eventually(() => opened.isDone());
  });
});

describe('App Home with the filing module', () => {
  const app = useTestApp({
    myRequests: async (user) => [
      { title: `STAR for ${user} <!channel>`, status: 'filed', url: 'https://gitlab.example.com/i/1' },
    ],
  });

  it('lists my requests when the filing module provides them', async () => {
    // Published twice (on-call pending, then answered), with the requests both times.
    const home = published(
      (v) => v.includes('<https://gitlab.example.com/i/1|STAR for U0ASKER &lt;!channel&gt;>'),
      2,
    );
    await app().send(eventBody(homeOpenedEvent()));
    await eventually(() => home.isDone());
  });
});
