// Message shortcut "Route to Support": private triage of the chosen message, permalink kept for the form.
import nock from 'nock';
import { ACTION_OPEN_FORM } from '../../src/ids';
import { decodeFormValue } from '../../src/views/form-button';
import { messageShortcutBody } from '../helpers/payloads';
import { eventually, formFields, useTestApp } from '../helpers/app';

const PERMALINK = 'https://example.slack.com/archives/C0CHAN/p1700000000000300';

describe('Route to Support (message shortcut)', () => {
  const app = useTestApp({}, { fresh: true });

  it('answers the user privately, quoting the message escaped, with the permalink in the form button', async () => {
    const permalink = nock('https://slack.com')
      .post('/api/chat.getPermalink', (b) => formFields(b).message_ts === '1700000000.000300')
      .reply(200, { ok: true, permalink: PERMALINK });
    let reply: {
      response_type?: string;
      blocks?: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    } = {};
    const responded = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: typeof reply) => ((reply = b), true))
      .reply(200, 'ok');
    const res = await app().send(messageShortcutBody('<!here> can we escalate ticket 4242?'));
    expect(res.status).toBe(200);
    await eventually(() => responded.isDone() && permalink.isDone());
    expect(reply.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.blocks)).toContain('&lt;!here&gt;');
    const button = reply.blocks
      ?.find((b) => b.type === 'actions')
      ?.elements?.find((e) => e.action_id === ACTION_OPEN_FORM);
    expect(decodeFormValue(button!.value)).toEqual({
      route: 'star',
      permalink: PERMALINK,
      text: '<!here> can we escalate ticket 4242?', // prefilled into the form (plain text)
    });
  });

  it('still answers when the permalink cannot be fetched', async () => {
    nock('https://slack.com')
      .post('/api/chat.getPermalink')
      .reply(200, { ok: false, error: 'channel_not_found' });
    const responded = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { blocks: unknown[] }) =>
        JSON.stringify(b.blocks).includes('"value":"star"'),
      )
      .reply(200, 'ok');
    await app().send(messageShortcutBody('please escalate this'));
    await eventually(() => responded.isDone());
  });

  it('says so when the message has no text', async () => {
    const responded = nock('https://hooks.slack.com')
      .post('/commands/T0TEAM/1/abc', (b: { text: string }) => b.text.includes('no text'))
      .reply(200, 'ok');
    await app().send(messageShortcutBody(''));
    await eventually(() => responded.isDone());
  });
});
