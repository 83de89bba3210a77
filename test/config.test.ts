import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';

import { ConfigError, envSchema, operatingProblems, parseConfig, slackProblems } from '../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('parseConfig', () => {
  it('has working defaults for an empty environment (the CLI needs no credentials)', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
      ONCALL_PROVIDER: 'static',
      GITLAB_URL: 'https://gitlab.com',
    });
    expect(config.FILING_MODE).toBe('live');
  });

  it('treats empty strings from .env files as unset', () => {
    expect(parseConfig({ PORT: '', SLACK_BOT_TOKEN: '', GITLAB_URL: '' })).toMatchObject({
      PORT: 3000,
      SLACK_BOT_TOKEN: undefined,
      GITLAB_URL: 'https://gitlab.com',
    });
  });

  it('reports every problem at once, by variable name', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      ONCALL_PROVIDER: 'pager',
      ZENDESK_URL: 'zendesk',
    });
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'ONCALL_PROVIDER', 'ZENDESK_URL']),
    );
    expect(problems.find((p) => p.startsWith('SLACK_BOT_TOKEN'))).toMatch(/xoxb-/);
  });

  it('never echoes a secret value in its messages', () => {
    const message = new ConfigError(problemsOf({ SLACK_APP_TOKEN: 'xoxb-not-an-app-token-secret' })).message;
    expect(message).toContain('SLACK_APP_TOKEN');
    expect(message).not.toContain('not-an-app-token-secret');
  });
});

describe('slackProblems', () => {
  it('lists what the bot needs to run and where to find it', () => {
    expect(slackProblems(parseConfig({}))).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: .*OAuth & Permissions/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: .*Basic Information/),
    ]);
  });

  it('accepts Socket Mode without a signing secret', () => {
    expect(slackProblems(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toEqual([]);
  });
});

describe('.env.example', () => {
  const example = parseDotenv(fs.readFileSync(path.join(__dirname, '..', '.env.example')));

  it('is a valid configuration as it stands', () => {
    expect(() => parseConfig(example)).not.toThrow();
  });

  // `docker run --env-file` takes everything after `=` as the value (dotenv strips an inline
  // comment, Docker does not), so the file must mean the same to both.
  it('reads the same with `docker run --env-file` as with dotenv (no inline comments)', () => {
    const lines = fs.readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8').split('\n');
    const asDocker = Object.fromEntries(
      lines
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(asDocker).toEqual(example);
  });

  it('lists every setting the bot reads (tests-only settings aside)', () => {
    const settings = Object.keys(envSchema.shape).filter((k) => k !== 'TEST_DATABASE_URL');
    expect(Object.keys(example).sort()).toEqual(settings.sort());
  });
});

describe('leaseProblems', () => {
  it('accepts the defaults: a 15 s call fits a 25 s lease', () => {
    const config = parseConfig({});
    expect([config.FILING_TIMEOUT_MS, config.FILING_LEASE_MS]).toEqual([15_000, 25_000]);
    expect(operatingProblems(config)).toEqual([]);
  });

  it('refuses a lease one call could outlast (another replica would file the request again)', () => {
    const problems = operatingProblems(parseConfig({ FILING_TIMEOUT_MS: '30000', FILING_LEASE_MS: '30000' }));
    expect(problems).toEqual([
      expect.stringMatching(
        /^FILING_LEASE_MS: must be at least FILING_TIMEOUT_MS \+ 5000 \(35000; got 30000\)/,
      ),
    ]);
  });
});
