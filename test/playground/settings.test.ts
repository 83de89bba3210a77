// What the app is configured with in the playground: Slack points at the stand-in, the store is a
// folder of its own, and a dry run keeps every remote credential out of the app.
import fs from 'node:fs';
import { playgroundConfig, freshDataDir } from '../../src/playground/settings';
import { playgroundCommand } from '../../src/playground/cli';

const env = {
  GITLAB_TOKEN: 'glpat-secret-token-1234',
  ZENDESK_URL: 'https://example.zendesk.com',
  ZENDESK_EMAIL: 'bot@example.com',
  ZENDESK_API_TOKEN: 'zendesk-secret',
  ONCALL_PROVIDER: 'pagerduty',
  PAGERDUTY_API_TOKEN: 'pd-secret',
  DATABASE_URL: 'postgres://prod/db',
  SLACK_BOT_TOKEN: 'xoxb-real-token',
  SLACK_APP_TOKEN: 'xapp-real-token',
};

describe('the playground configuration', () => {
  const dataDir = freshDataDir();
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const settings = { apiUrl: 'http://127.0.0.1:1/api/', signingSecret: 's', dataDir, rulesFile: 'r.yml' };

  it('dry run: Slack is the stand-in, nothing remote is configured, a sample on-call file is written', () => {
    const config = playgroundConfig(env, { ...settings, live: false });
    expect(config).toMatchObject({
      SLACK_BOT_TOKEN: 'xoxb-playground',
      SLACK_API_URL: 'http://127.0.0.1:1/api/',
      FILING_MODE: 'dry-run',
      ONCALL_PROVIDER: 'static',
      DATA_DIR: dataDir,
      PORT: 0,
    });
    for (const key of [
      'GITLAB_TOKEN',
      'ZENDESK_URL',
      'ZENDESK_API_TOKEN',
      'PAGERDUTY_API_TOKEN',
      'DATABASE_URL',
      'SLACK_APP_TOKEN',
    ])
      expect(config[key as keyof typeof config]).toBeUndefined();
    expect(fs.readFileSync(config.ONCALL_STATIC_FILE!, 'utf8')).toContain('Sasha Support');
  });

  it('--live keeps GitLab, Zendesk and on-call settings, but never the Slack ones or the shared database', () => {
    const config = playgroundConfig(env, { ...settings, live: true });
    expect(config).toMatchObject({
      FILING_MODE: 'live',
      GITLAB_TOKEN: env.GITLAB_TOKEN,
      ZENDESK_API_TOKEN: env.ZENDESK_API_TOKEN,
      ONCALL_PROVIDER: 'pagerduty',
      SLACK_BOT_TOKEN: 'xoxb-playground',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  /** Runs the command; its exit code and what it wrote to stderr. */
  async function run(args: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const code = await playgroundCommand(
      args,
      () => undefined,
      (t) => err.push(t),
    );
    return { code, err: err.join('\n') };
  }

  it('says why it cannot start', async () => {
    // The command reads the environment, as `npm run playground` does.
    process.env.ONCALL_STATIC_FILE = '/nonexistent/oncall.yml';
    try {
      const { code, err } = await run(['--port', '0']);
      expect(code).toBe(1);
      expect(err).toMatch(/The playground could not start: .*oncall\.yml/);
    } finally {
      delete process.env.ONCALL_STATIC_FILE;
    }
  });

  it('says what is wrong with its options', async () => {
    const port = await run(['--port', 'abc']);
    expect(port).toEqual({ code: 2, err: '--port must be a port number (got "abc")' });
    const unknown = await run(['--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Usage: support-router playground/);
  });
});
