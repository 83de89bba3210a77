// The boot check that the bot is in the STAR channel, against Slack's documented answers.
// conversations.info returns the channel with `is_member` for the caller; a private channel the bot
// is not in, or a wrong id, is `channel_not_found`; a token without channels:read gets
// `missing_scope`: https://docs.slack.dev/reference/methods/conversations.info
// (chat.postMessage to a channel the bot is not in fails with `not_in_channel`:
// https://docs.slack.dev/reference/methods/chat.postMessage#errors)
import { webApi } from '@slack/bolt';
import nock from 'nock';
import { checkStarChannel } from '../../src/slack/star-channel';
import { formFields } from '../helpers/http';
import { memoryLogger } from '../helpers/logger';
import { useStrictNock } from '../helpers/strict-nock';

const client = () =>
  new webApi.WebClient('xoxb-test', { retryConfig: { retries: 0 }, logLevel: webApi.LogLevel.ERROR });
const answers = (body: object) =>
  nock('https://slack.com')
    .post('/api/conversations.info', (b) => formFields(b).channel === 'CSTAR')
    .reply(200, body);

/** conversations.info's channel for the STAR channel, with the bot in it or not. */
const starChannel = (isMember: boolean) =>
  answers({
    ok: true,
    channel: { id: 'CSTAR', name: 'support_ticket-attention-requests', is_member: isMember },
  });

useStrictNock();

describe('the STAR channel check at boot', () => {
  it('is quiet when the bot is a member', async () => {
    starChannel(true);
    const log = memoryLogger();
    await expect(checkStarChannel(client(), 'CSTAR', log.logger)).resolves.toBe('member');
    expect(log.lines().some((l) => JSON.parse(l).level >= 40)).toBe(false);
  });

  it('says to invite the bot when it is not a member', async () => {
    starChannel(false);
    const log = memoryLogger();
    await expect(checkStarChannel(client(), 'CSTAR', log.logger)).resolves.toBe('not-member');
    expect(log.lines().join('\n')).toContain(
      'Invite it: /invite @support-router in #support_ticket-attention-requests',
    );
  });

  it('explains channel_not_found (private, or a wrong id) and missing_scope', async () => {
    answers({ ok: false, error: 'channel_not_found' });
    const log = memoryLogger();
    await expect(checkStarChannel(client(), 'CSTAR', log.logger)).resolves.toBe('not-found');
    answers({ ok: false, error: 'missing_scope', needed: 'channels:read' });
    await expect(checkStarChannel(client(), 'CSTAR', log.logger)).resolves.toBe('no-scope');
    const text = log.lines().join('\n');
    expect(text).toMatch(/not found: it is private and the bot is not in it, or the id is wrong/);
    expect(text).toMatch(/lacks channels:read/);
  });

  it('never stops the boot: an unreachable Slack is logged and passed over', async () => {
    nock('https://slack.com').post('/api/conversations.info').replyWithError('socket hang up');
    const log = memoryLogger();
    await expect(checkStarChannel(client(), 'CSTAR', log.logger)).resolves.toBe('unknown');
    expect(log.lines().join('\n')).toContain('Could not check that the bot is in the STAR channel');
  });
});
