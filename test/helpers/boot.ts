// What Slack answers while the bot boots: auth.test for the token, conversations.info for the
// STAR channel check. The network is cut but for loopback, where the bot itself listens.
import nock from 'nock';

export function stubSlackBoot(channel: Record<string, unknown> = { id: 'CBVAE1L48', is_member: true }): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock('https://slack.com')
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' })
    .post('/api/conversations.info')
    .reply(200, { ok: true, channel });
}
