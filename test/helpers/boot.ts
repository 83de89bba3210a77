// What Slack answers while the bot boots: auth.test for the token, conversations.info for the
// STAR channel check. The network is cut but for loopback, where the bot itself listens.
// bootConfig gives the settings such a bot starts with.
import nock from 'nock';
import { parseConfig, type Config } from '../../src/config';
import { BOT_TOKEN, FIXTURE_RULES } from './app';
import { SIGNING_SECRET } from './signing';

/** What a bot started in a test needs: Slack's settings (HTTP mode), the fixture rules, any free port. */
export function bootConfig(extra: Record<string, string> = {}): Config {
  return parseConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    RULES_FILE: FIXTURE_RULES,
    PORT: '0',
    ...extra,
  });
}

export function stubSlackBoot(channel: Record<string, unknown> = { id: 'CBVAE1L48', is_member: true }): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  nock('https://slack.com')
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' })
    .post('/api/conversations.info')
    .reply(200, { ok: true, channel });
}
