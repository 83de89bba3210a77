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
import { bootConfig, stubSlackBoot } from './helpers/boot';
import { SIGNING_SECRET } from './helpers/signing';
import { describePostgres, freshPgSchema } from './helpers/stores';

const silent = createLogger('silent');

/** A logger whose JSON lines the test can read. */
function captured() {
  const chunks: string[] = [];
  const logger = createLogger('info', { write: (chunk: string) => chunks.push(chunk) });
  const lines = () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>);
  return { logger, lines };
}

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

  it('says Slack could not be reached, not that it rejected the token', async () => {
    nock.disableNetConnect();
    nock('https://slack.com')
      .post('/api/auth.test')
      .times(3) // the first call and the client's two retries
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    const message = await problemsWithSchedule('schedules: {support: [], cmoc: []}\n');
    expect(message).toContain('Slack could not be reached');
    expect(message).not.toContain('rejected');
    expect(message).not.toContain('Create New App');
    nock.enableNetConnect();
  }, 20_000);

  it('names the store problem, without the Slack-app steps', async () => {
    nock.disableNetConnect();
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-')), 'a-file');
    fs.writeFileSync(file, '');
    const message = await startupProblems({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 's',
      RULES_FILE: FIXTURE_RULES,
      DATA_DIR: path.join(file, 'data'),
    });
    expect(message).toMatch(/Request store:\n {2}- DATA_DIR: the request store could not be opened: /);
    expect(message).not.toContain('manifest.yml');
    expect(message).not.toContain('Set these environment variables');
    nock.enableNetConnect();
  });

  it('reports a bad rules file under its own heading, without the Slack-app steps', async () => {
    const rules = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')), 'rules.yml');
    fs.writeFileSync(rules, 'version: 1\nrules: []\n');
    const message = await startupProblems({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 's',
      RULES_FILE: rules,
    });
    expect(message).toMatch(/^support-router cannot start: 1 problem to fix\.\n\nRules file:\n {2}- rules: /);
    expect(message).not.toContain('manifest.yml');
  });

  it('names a missing on-call file by its setting', async () => {
    const message = await startupProblems({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 's',
      RULES_FILE: FIXTURE_RULES,
      ONCALL_STATIC_FILE: path.join(os.tmpdir(), 'missing-dir', 'oncall.yml'),
    });
    expect(message).toContain('On-call file:\n  - ONCALL_STATIC_FILE: cannot read the file (no such file)');
  });

  it('starts in HTTP mode, says to invite the bot to the STAR channel, answers /healthz, and stops', async () => {
    const file = oncallFile('schedules:\n  support: [{name: Alice}]\n  cmoc: []\n');
    const { logger, lines } = captured();
    stubSlackBoot({ id: 'CBVAE1L48', name: 'support_ticket-attention-requests', is_member: false });
    const running = await start(
      parseConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        ONCALL_STATIC_FILE: file,
        RULES_FILE: FIXTURE_RULES,
        PORT: '0',
        DATA_DIR: path.dirname(file), // the request store, kept out of the working tree
      }),
      logger,
    );
    // The boot check (conversations.info is_member) runs before the app takes requests.
    expect(JSON.stringify(lines())).toContain(
      '/invite @support-router in #support_ticket-attention-requests',
    );
    expect(running.port).toBeGreaterThan(0);
    // The boot line names what an operator must confirm before real tickets are filed.
    const boot = lines().find((l) => l.msg === 'support-router is running');
    expect(boot).toMatchObject({
      mode: 'http',
      port: running.port,
      store: `SQLite ${path.join(path.dirname(file), 'support-router.sqlite')}`,
      filing: 'live',
      oncall: 'static',
      rules: FIXTURE_RULES,
      ruleCount: expect.any(Number),
    });
    expect((await request(running.port!, 'GET', '/healthz')).status).toBe(200);
    await running.stop();
    await expect(request(running.port!, 'GET', '/healthz')).rejects.toThrow();
    nock.enableNetConnect();
  });
});

describePostgres('start with PostgreSQL', () => {
  it('keeps event ids in the database, where every replica sees them', async () => {
    stubSlackBoot();
    const url = await freshPgSchema();
    const running = await start(bootConfig({ DATABASE_URL: url }), silent);
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
