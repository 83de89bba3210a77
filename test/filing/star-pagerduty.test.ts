// A STAR notice names the Support Manager on call from PagerDuty: the manager rotation's own
// escalation policy, read across every /oncalls page, the manager found in Slack by email.
// PagerDuty documents /oncalls as a classic paginated list (offset, limit up to 100, default 25,
// and `more` while pages remain): https://developer.pagerduty.com/docs/pagination and
// https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls ; with
// include[]=users each user carries its email. users.lookupByEmail finds the Slack user:
// https://docs.slack.dev/reference/methods/users.lookupByEmail
import { testNotifier } from '../helpers/notifier';
import { webApi } from '@slack/bolt';
import nock from 'nock';
import { parseConfig } from '../../src/config';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { createOncall } from '../../src/oncall';
import { formFields } from '../helpers/http';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { slackStandIn } from '../helpers/slack-standin';
import { useStrictNock } from '../helpers/strict-nock';
import { filedStar } from '../helpers/submissions';

const PD = 'https://api.pagerduty.com';
const oncall = (id: string, name: string, level: number, email: string) => ({
  user: { id, name, summary: name, email },
  escalation_level: level,
  end: '2026-12-02T08:00:00Z',
  escalation_policy: { id: 'PMGR', summary: 'Support Manager On-call' },
  schedule: { id: 'SMGR', summary: 'Support Managers - APAC/EMEA/AMER' },
});

const star = filedStar();

useStrictNock();

describe('a STAR with a PagerDuty Support Manager rotation', () => {
  it('mentions the manager on call, found on the second /oncalls page', async () => {
    const page = (offset: number) =>
      nock(PD)
        .get('/oncalls')
        .query(
          (q) => q['escalation_policy_ids[]'] === 'PMGR' && q.offset === String(offset) && q.limit === '100',
        );
    // The first page holds only the backup; the manager on call (level 1) comes with `more`.
    page(0).reply(200, {
      oncalls: [oncall('PB', 'Bea Backup', 2, 'bea@gitlab.example')],
      more: true,
      limit: 100,
      offset: 0,
    });
    page(1).reply(200, {
      oncalls: [oncall('PM', 'Max Manager', 1, 'max@gitlab.example')],
      more: false,
      limit: 100,
      offset: 1,
    });
    nock('https://slack.com')
      .post('/api/users.lookupByEmail', (b) => formFields(b).email === 'max@gitlab.example')
      .reply(200, { ok: true, user: { id: 'U0MAX' } });
    const slack = slackStandIn();
    const config = parseConfig({
      ONCALL_PROVIDER: 'pagerduty',
      PAGERDUTY_API_TOKEN: 'pd-token',
      PAGERDUTY_SUPPORT_ESCALATION_POLICY_IDS: 'PSUP',
      PAGERDUTY_CMOC_ESCALATION_POLICY_IDS: 'PCMOC',
      PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS: 'PMGR',
    });
    const log = memoryLogger();
    const client = new webApi.WebClient('xoxb-test', { retryConfig: { retries: 0 } });
    const notifier = testNotifier({
      client,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
      oncall: createOncall(config, log.logger),
      slackIdForEmail: async (email) => (await client.users.lookupByEmail({ email })).user?.id,
    });
    await notifier.notify(star, { log: log.logger, stepDone: async () => undefined });
    slack.done();
    const notice = slack.posts.find((p) => p.channel === DEFAULT_SETTINGS.star.channel)!;
    expect(notice.blocks).toContain('On-call Support Manager: <@U0MAX>');
  });

  it('names the manager without a mention when Slack does not know the email', async () => {
    nock(PD)
      .get('/oncalls')
      .query(true)
      .reply(200, { oncalls: [oncall('PM', 'Max <Manager>', 1, 'max@elsewhere.example')], more: false });
    const slack = slackStandIn();
    const config = parseConfig({
      ONCALL_PROVIDER: 'pagerduty',
      PAGERDUTY_API_TOKEN: 'pd-token',
      PAGERDUTY_MANAGER_SCHEDULE_IDS: 'SMGR',
    });
    const log = memoryLogger();
    const notifier = testNotifier({
      client: new webApi.WebClient('xoxb-test', { retryConfig: { retries: 0 } }),
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
      oncall: createOncall(config, log.logger),
      slackIdForEmail: async () => undefined,
    });
    await notifier.notify(star, { log: log.logger, stepDone: async () => undefined });
    slack.done();
    const notice = slack.posts.find((p) => p.channel === DEFAULT_SETTINGS.star.channel)!;
    expect(notice.blocks).toContain('On-call Support Manager: Max &lt;Manager&gt;');
  });
});
