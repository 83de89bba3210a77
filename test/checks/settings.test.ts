// Settings checked whole: every problem in one list, cross-field needs included, near-miss hints.
import { checkSettings } from '../../src/checks/settings';
import { formatProblems, nearMiss } from '../../src/checks/problems';

const lines = (env: Record<string, string>) =>
  checkSettings(env).problems.map((p) => `${p.severity} ${p.source} ${p.subject}: ${p.message}`);

describe('checkSettings', () => {
  it('reports bad values and what the chosen provider needs in the same run', () => {
    const problems = lines({
      LOG_LEVEL: 'verbose',
      PORT: 'abc',
      FILING_MODE: 'dry',
      ONCALL_PROVIDER: 'pagerduty',
    });
    const errors = problems.filter((p) => p.startsWith('error settings'));
    expect(errors).toEqual([
      'error settings LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose").',
      'error settings PORT: must be a number (got "abc").',
      'error settings FILING_MODE: must be one of live, dry-run (got "dry"). Did you mean dry-run?',
      'error settings PAGERDUTY_API_TOKEN: not set: ONCALL_PROVIDER=pagerduty needs a read-only REST API key',
      expect.stringContaining(
        'PAGERDUTY_SUPPORT_ESCALATION_POLICY_IDS or PAGERDUTY_SUPPORT_SCHEDULE_IDS: not set',
      ),
      expect.stringContaining('PAGERDUTY_CMOC_ESCALATION_POLICY_IDS or PAGERDUTY_CMOC_SCHEDULE_IDS: not set'),
    ]);
    // The Slack credentials are their own group.
    expect(problems).toContain(
      'error slack SLACK_BOT_TOKEN: not set: the bot token (xoxb-...) from "OAuth & Permissions"',
    );
  });

  it('names a mistyped setting with the one it probably is, and ignores other programs', () => {
    const problems = lines({ FILING_MOD: 'dry-run', SLACK_BOTTOKEN: 'x', SLACK_CLI_HOME: '/x', HOME: '/' });
    expect(problems).toContain(
      'warning settings FILING_MOD: is not a setting of this bot. Did you mean FILING_MODE?',
    );
    expect(problems).toContain(
      'warning settings SLACK_BOTTOKEN: is not a setting of this bot. Did you mean SLACK_BOT_TOKEN?',
    );
    expect(problems.join('\n')).not.toContain('SLACK_CLI_HOME');
  });

  it('says what live filing lacks, and that a half-configured Zendesk is an error', () => {
    expect(lines({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual([
      expect.stringMatching(/^warning settings GITLAB_TOKEN: unset: STARs/),
      expect.stringMatching(/^warning settings ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN: unset/),
    ]);
    expect(lines({ ZENDESK_URL: 'https://example.zendesk.com', FILING_MODE: 'live' })).toContain(
      'error settings ZENDESK_EMAIL, ZENDESK_API_TOKEN: missing: Zendesk filing needs ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN together',
    );
    expect(lines({ FILING_MODE: 'dry-run' }).join('\n')).not.toContain('GITLAB_TOKEN');
  });

  it('never repeats a secret value', () => {
    const text = formatProblems(
      checkSettings({ SLACK_BOT_TOKEN: 'xoxp-secret-user-token', DATABASE_URL: 'mysql://u:pw@h/db' })
        .problems,
    );
    expect(text).toContain('SLACK_BOT_TOKEN');
    expect(text).not.toContain('secret-user-token');
    expect(text).not.toContain('pw@h');
  });

  it('returns the parsed settings when every variable is valid', () => {
    expect(checkSettings({ PORT: '8080' }).config?.PORT).toBe(8080);
    expect(checkSettings({ PORT: 'x' }).config).toBeUndefined();
  });
});

describe('nearMiss', () => {
  it('suggests a close name or the longer name a value starts, and nothing for a far one', () => {
    expect(nearMiss('selfmanged', ['selfmanaged', 'saas'])).toBe('selfmanaged');
    expect(nearMiss('dry', ['live', 'dry-run'])).toBe('dry-run');
    expect(
      nearMiss('verbose', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    ).toBeUndefined();
    expect(nearMiss('x'.repeat(5000), ['x'])).toBeUndefined();
  });
});
