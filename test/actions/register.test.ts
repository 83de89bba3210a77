// "Not what I meant" / the unknown-route menu, and URL buttons.
import nock from 'nock';
import { ACTION_OPEN_LINK, ACTION_PICK_ROUTE } from '../../src/ids';
import { ROUTE_GONE } from '../../src/views/triage';
import { blockActionBody, CHANNEL } from '../helpers/payloads';
import { eventually, formFields, useTestApp } from '../helpers/app';

const pick = (value: string) => ({
  type: 'static_select',
  action_id: ACTION_PICK_ROUTE,
  selected_option: { value, text: { type: 'plain_text', text: value } },
});

describe('route menu and link buttons', () => {
  const app = useTestApp({}, { fresh: true });

  it('replaces a private reply with the picked route', async () => {
    const replaced = nock('https://hooks.slack.com')
      .post(
        '/commands/T0TEAM/1/abc',
        (b: { replace_original: boolean; blocks: unknown[] }) =>
          b.replace_original === true && JSON.stringify(b.blocks).includes('Feedback about Support'),
      )
      .reply(200, 'ok');
    const res = await app().send(blockActionBody(pick('support-feedback')));
    expect(res.status).toBe(200);
    await eventually(() => replaced.isDone());
  });

  it('answers the picker privately under a public thread reply', async () => {
    const privately = nock('https://hooks.slack.com')
      .post(
        '/commands/T0TEAM/1/abc',
        (b: { replace_original: boolean; response_type: string }) =>
          b.replace_original === false && b.response_type === 'ephemeral',
      )
      .reply(200, 'ok');
    await app().send(
      blockActionBody(pick('general-question'), {
        container: { type: 'message', message_ts: '1.1', channel_id: CHANNEL, is_ephemeral: false },
      }),
    );
    await eventually(() => privately.isDone());
  });

  it('updates the modal when the menu is inside one', async () => {
    const updated = nock('https://slack.com')
      .post('/api/views.update', (b) => formFields(b).view_id === 'V0ANS')
      .reply(200, { ok: true });
    await app().send(
      blockActionBody(pick('star'), {
        view: { id: 'V0ANS', type: 'modal', callback_id: 'x', state: { values: {} } },
      }),
    );
    await eventually(() => updated.isDone());
  });

  it('says a route that no longer exists is gone, and to pick another', async () => {
    const told = nock('https://hooks.slack.com')
      .post(
        '/commands/T0TEAM/1/abc',
        (b: { text: string; response_type: string }) =>
          b.text === ROUTE_GONE && b.response_type === 'ephemeral',
      )
      .reply(200, 'ok');
    const res = await app().send(blockActionBody(pick('gone')));
    expect(res.status).toBe(200);
    await eventually(() => told.isDone());
  });

  it('acks URL buttons', async () => {
    const res = await app().send(
      blockActionBody({ type: 'button', action_id: ACTION_OPEN_LINK, url: 'https://example.com' }),
    );
    expect(res.status).toBe(200);
  });
});
