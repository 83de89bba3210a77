// `config check --online`, in process so nock stands in for Slack (auth.test as documented at
// https://docs.slack.dev/reference/methods/auth.test) and PostgreSQL is the real local server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { configCheck } from '../../src/cli/config-check';
import { describePostgres, TEST_DATABASE_URL } from '../helpers/stores';

function environment(extra: Record<string, string> = {}): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-online-'));
  const oncall = path.join(dir, 'oncall.yml');
  fs.writeFileSync(oncall, 'schedules:\n  support: [{name: Ann Example}]\n  cmoc: [{name: Bob Example}]\n');
  return {
    SLACK_BOT_TOKEN: 'xoxb-1-online',
    SLACK_SIGNING_SECRET: 'signing-secret',
    FILING_MODE: 'dry-run',
    ONCALL_STATIC_FILE: oncall,
    DATA_DIR: path.join(dir, 'data'),
    ...extra,
  };
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('config check --online', () => {
  it('names the bot and its workspace when Slack takes the token', async () => {
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user: 'support-router', team: 'Acme Corp', user_id: 'U0BOT' });
    const result = await configCheck(environment(), true);
    expect(result.ok).toBe(true);
    expect(result.text).toContain(
      'Slack:    HTTP on port 3000 (/slack/events), signed in as support-router in Acme Corp',
    );
    expect(nock.isDone()).toBe(true);
  });

  it('fails with the rejected token, and never calls Slack offline', async () => {
    nock('https://slack.com').post('/api/auth.test').reply(200, { ok: false, error: 'token_revoked' });
    const online = await configCheck(environment(), true);
    expect(online.ok).toBe(false);
    expect(online.text).toContain('Slack:\n  - SLACK_BOT_TOKEN: Slack rejected the token (token_revoked)');
    expect(online.text).not.toContain('Create New App');
    nock.cleanAll();
    const offline = await configCheck(environment(), false); // nock would throw on any call
    expect(offline.ok).toBe(true);
  });
});

describePostgres('config check --online with PostgreSQL', () => {
  it('connects to the database, and says when it does not answer', async () => {
    nock.enableNetConnect('127.0.0.1');
    nock('https://slack.com')
      .post('/api/auth.test')
      .times(2)
      .reply(200, { ok: true, user: 'bot', team: 'T' });
    const good = await configCheck(environment({ DATABASE_URL: TEST_DATABASE_URL! }), true);
    expect(good.text).toMatch(/Store: +PostgreSQL 127\.0\.0\.1:5432\/test/);
    expect(good.ok).toBe(true);
    const bad = await configCheck(
      environment({ DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:9/none' }),
      true,
    );
    expect(bad.ok).toBe(false);
    expect(bad.text).toContain(
      'Request store:\n  - DATABASE_URL: PostgreSQL 127.0.0.1:9/none did not answer: connection refused: is PostgreSQL running',
    );
    expect(bad.text).not.toContain('pw@');
  });
});
