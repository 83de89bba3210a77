// Global shortcut "Ask Support": the modal, validation, and the answer shown in place.
import nock from 'nock';
import {
  ACTION_ASK_ROUTE,
  ACTION_ASK_TEXT,
  BLOCK_ASK_ROUTE,
  BLOCK_ASK_TEXT,
  VIEW_ANSWER,
  VIEW_ASK,
} from '../../src/ids';
import { globalShortcutBody, TRIGGER_ID, viewSubmissionBody } from '../helpers/payloads';
import { eventually, formFields, useTestApp } from '../helpers/app';

const textValue = (value: string | null) => ({
  [BLOCK_ASK_TEXT]: { [ACTION_ASK_TEXT]: { type: 'plain_text_input', value } },
});
const routeValue = (value: string) => ({
  [BLOCK_ASK_ROUTE]: {
    [ACTION_ASK_ROUTE]: {
      type: 'static_select',
      selected_option: { value, text: { type: 'plain_text', text: value } },
    },
  },
});

describe('Ask Support (global shortcut)', () => {
  const app = useTestApp({}, { fresh: true });

  it('opens the modal with the trigger id', async () => {
    const opened = nock('https://slack.com')
      .post('/api/views.open', (b) => {
        const f = formFields(b);
        return (
          f.trigger_id === TRIGGER_ID &&
          (JSON.parse(f.view!) as { callback_id: string }).callback_id === VIEW_ASK
        );
      })
      .reply(200, { ok: true });
    const res = await app().send(globalShortcutBody());
    expect(res.status).toBe(200);
    await eventually(() => opened.isDone());
  });

  it('asks for a description or a route when both are empty', async () => {
    const res = await app().send(viewSubmissionBody({ ...textValue(null) }));
    expect(res.json()).toEqual({
      response_action: 'errors',
      errors: { [BLOCK_ASK_TEXT]: expect.any(String) },
    });
  });

  it('refuses a route that does not exist', async () => {
    const res = await app().send(viewSubmissionBody({ ...routeValue('gone') }));
    expect(res.json()).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_ASK_ROUTE]: expect.any(String) },
    });
  });

  it('replaces the modal with the answer to the description', async () => {
    const res = await app().send(viewSubmissionBody({ ...textValue('how do I mirror a repo') }));
    const ack = res.json() as { response_action: string; view: { callback_id: string; blocks: unknown[] } };
    expect(ack.response_action).toBe('update');
    expect(ack.view.callback_id).toBe(VIEW_ANSWER);
    expect(JSON.stringify(ack.view.blocks)).toContain('Product questions');
  });

  it('answers a picked on-call route, updating the modal when the lookup is done', async () => {
    const updated = nock('https://slack.com')
      .post(
        '/api/views.update',
        (b) => formFields(b).view_id === 'V0VIEW' && formFields(b).view!.includes('<@U0ALICE>'),
      )
      .reply(200, { ok: true });
    const res = await app().send(viewSubmissionBody({ ...routeValue('oncall/support') }));
    expect(JSON.stringify(res.json())).toContain('You picked this route');
    await eventually(() => updated.isDone());
  });

  it('tolerates a submission whose blocks are missing', async () => {
    const res = await app().send(viewSubmissionBody({}));
    expect(res.json()).toMatchObject({ response_action: 'errors' });
  });
});

describe('Ask Support when the trigger has expired', () => {
  const app = useTestApp();

  it('acks and logs instead of failing', async () => {
    const refused = nock('https://slack.com')
      .post('/api/views.open')
      .reply(200, { ok: false, error: 'expired_trigger_id' });
    const res = await app().send(globalShortcutBody());
    expect(res.status).toBe(200);
    await eventually(() => refused.isDone());
  });
});
