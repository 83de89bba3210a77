// The status settings, validated with the others in src/config.ts and checked by `config check`.
import { checkSettings } from '../../src/checks/settings';
import { parseConfig } from '../../src/config';

const messages = (env: Record<string, string>) =>
  checkSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', ...env }, true).problems.map(
    (p) => `${p.severity} ${p.subject}: ${p.message}`,
  );

describe('status settings', () => {
  it('polls every 300 s by default; 0 turns the poller off', () => {
    expect(parseConfig({}).STATUS_POLL_SECONDS).toBe(300);
    expect(parseConfig({ STATUS_POLL_SECONDS: '0' }).STATUS_POLL_SECONDS).toBe(0);
  });

  it('refuses a poll period under a minute, naming the setting', () => {
    expect(messages({ STATUS_POLL_SECONDS: '30' }).join('\n')).toMatch(
      /STATUS_POLL_SECONDS.*0 \(off\) or at least 60/,
    );
    expect(messages({ STATUS_POLL_SECONDS: 'often' }).join('\n')).toMatch(
      /STATUS_POLL_SECONDS: must be a number/,
    );
  });

  it('warns about a webhook secret the bot cannot act on, or a short one, and never repeats it', () => {
    const found = messages({
      ZENDESK_WEBHOOK_SECRET: 'short-secret',
      GITLAB_WEBHOOK_SECRET: 'a-long-enough-gitlab-token',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^warning ZENDESK_WEBHOOK_SECRET: set, but ZENDESK_URL/),
        expect.stringMatching(/^warning GITLAB_WEBHOOK_SECRET: set, but GITLAB_TOKEN/),
        expect.stringMatching(/^warning ZENDESK_WEBHOOK_SECRET: is shorter than 16/),
      ]),
    );
    expect(found.join('\n')).not.toContain('short-secret');
  });

  it('suggests the setting for a mistyped STATUS_ name', () => {
    expect(messages({ STATUS_POLL_SECOND: '60' }).join('\n')).toMatch(
      /STATUS_POLL_SECOND: .*STATUS_POLL_SECONDS/,
    );
  });
});
