// Process entry: fail fast with everything to set and how to create the app; start and stop cleanly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { Client } from 'pg';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { start, StartupError } from '../src/main';
import { BOT_TOKEN, FIXTURE_RULES, request } from './helpers/app';
import { memoryLogger } from './helpers/logger';
import { SIGNING_SECRET } from './helpers/signing';
import { describePostgres, freshPgSchema } from './helpers/stores';

const silent = createLogger('silent');

/** Writes an on-call schedule file in a new temporary folder and returns its path. */
function oncallFile(yaml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oncall-')), 'oncall.yml');
  fs.writeFileSync(file, yaml);
  return file;
}

/** What start() reports with a valid token and secret, the fixture rules and this on-call file. */
const problemsWithSchedule = (yaml: string) =>
  startupProblems({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 's',
    ONCALL_STATIC_FILE: oncallFile(yaml),
    RULES_FILE: FIXTURE_RULES,
  });

async function startupProblems(env: Record<string, string>): Promise<string> {
  try {
    await start(parseConfig({ LOG_LEVEL: 'silent', ...env }), silent);
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return (err as Error).message;
  }
  throw new Error('start() should have failed');
}

describe('start', () => {
  afterEach(() => nock.cleanAll());

  it('lists every missing setting and how to create the app from manifest.yml', async () => {
    const message = await startupProblems({});
    expect(message).toContain('SLACK_BOT_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    // On-call is optional: without a schedule the bot answers with the manual ChatOps way.
    expect(message).not.toContain('ONCALL_STATIC_FILE');
    expect(message).toContain('manifest.yml');
    expect(message).toContain('SLACK_APP_TOKEN');
  });

  it('names the PagerDuty settings when that provider is chosen', async () => {
    const message = await startupProblems({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 's',
      ONCALL_PROVIDER: 'pagerduty',
    });
    expect(message).toContain('PAGERDUTY_API_TOKEN');
    expect(message).toContain('PAGERDUTY_CMOC_ESCALATION_POLICY_IDS');
    expect(message).not.toContain('  - SLACK_BOT_TOKEN');
  });

  it('reports a bad on-call file', async () => {
    const message = await problemsWithSchedule('schedules: {support: [{}]}\n');
    expect(message).toContain('schedules.support.0.name');
  });

  it('reports a token Slack rejects', async () => {
    nock.disableNetConnect();
    nock('https://slack.com').post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    const message = await problemsWithSchedule('schedules: {support: [], cmoc: []}\n');
    expect(message).toContain('invalid_auth');
    nock.enableNetConnect();
  });

  it('starts in HTTP mode, says to invite the bot to the STAR channel, answers /healthz, and stops', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const file = oncallFile('schedules:\n  support: [{name: Alice}]\n  cmoc: []\n');
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' })
      .post('/api/conversations.info')
      .reply(200, {
        ok: true,
        channel: { id: 'CBVAE1L48', name: 'support_ticket-attention-requests', is_member: false },
      });
    const log = memoryLogger();
    const running = await start(
      parseConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        ONCALL_STATIC_FILE: file,
        RULES_FILE: FIXTURE_RULES,
        PORT: '0',
        DATA_DIR: path.dirname(file), // the request store, kept out of the working tree
      }),
      log.logger,
    );
    // The boot check (conversations.info is_member) runs before the app takes requests.
    expect(log.lines().join('\n')).toContain('/invite @support-router in #support_ticket-attention-requests');
    expect(running.port).toBeGreaterThan(0);
    expect((await request(running.port!, 'GET', '/healthz')).status).toBe(200);
    await running.stop();
    await expect(request(running.port!, 'GET', '/healthz')).rejects.toThrow();
    nock.enableNetConnect();
  });
});

describePostgres('start with PostgreSQL', () => {
  it('keeps event ids in the database, where every replica sees them', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' })
      .post('/api/conversations.info')
      .reply(200, { ok: true, channel: { id: 'CBVAE1L48', is_member: true } });
    const url = await freshPgSchema();
    const running = await start(
      parseConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        RULES_FILE: FIXTURE_RULES,
        PORT: '0',
        DATABASE_URL: url,
      }),
      silent,
    );
    const client = new Client({ connectionString: url });
    try {
      expect(await running.deps.dedupe.firstSeen('Ev0MAIN')).toBe(true);
      await client.connect();
      const rows = await client.query('SELECT id FROM slack_event_ids');
      expect(rows.rows).toEqual([{ id: 'Ev0MAIN' }]);
    } finally {
      await client.end().catch(() => undefined);
      await running.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });
});
