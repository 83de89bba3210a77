// The requester's DM against a Slack stand-in that answers as Slack documents for the manifest:
// messages_tab_disabled when the app's Messages tab is off
// (https://docs.slack.dev/reference/methods/chat.postMessage#errors). The repository's manifest
// must let the DM through; with the tab off the requester is told where they asked, and the
// operator gets the fix once.
import { testNotifier } from '../helpers/notifier';
import { webApi } from '@slack/bolt';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { DM_REFUSED_FIX } from '../../src/slack/dm-refused';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { manifestWithoutMessagesTab, slackStandIn } from '../helpers/slack-standin';
import { useStrictNock } from '../helpers/strict-nock';
import { submissionRow } from '../helpers/submissions';

const TAB_OFF = manifestWithoutMessagesTab();

const client = () => new webApi.WebClient('xoxb-test', { retryConfig: { retries: 0 } });
const filed = (reply?: object) =>
  submissionRow({
    status: 'filed',
    routeId: 'support-meta',
    result: { target: 'gitlab-issue', url: 'https://gitlab.com/m/-/issues/7', ref: '#7' },
    ...(reply ? { reply } : {}),
  });

useStrictNock();

describe('telling the requester by DM', () => {
  it('arrives with the repository’s manifest (Messages tab on, read-only)', async () => {
    const slack = slackStandIn();
    const log = memoryLogger();
    const notifier = testNotifier({
      client: client(),
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
    });
    await notifier.notify(filed(), { log: log.logger, stepDone: async () => undefined });
    expect(slack.posts).toEqual([expect.objectContaining({ channel: 'U1' })]);
    expect(slack.posts[0]!.text).toContain('https://gitlab.com/m/-/issues/7');
    expect(slack.ephemerals).toEqual([]);
    expect(log.lines().join('\n')).not.toContain('messages_tab_disabled');
  });

  it('with the tab off, goes to the channel they asked in (ephemeral) and the fix is logged once', async () => {
    const slack = slackStandIn(TAB_OFF);
    const log = memoryLogger();
    const notifier = testNotifier({
      client: client(),
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
    });
    const context = { log: log.logger, stepDone: async () => undefined };
    const row = filed({ askedIn: { channel: 'C0ASK', threadTs: '17.5' } });
    await notifier.notify(row, context);
    await notifier.notify({ ...row, id: 'T1:V2' }, context);
    expect(slack.posts).toEqual([]);
    expect(slack.ephemerals).toHaveLength(2);
    expect(slack.ephemerals[0]).toMatchObject({ channel: 'C0ASK', user: 'U1', thread_ts: '17.5' });
    expect(slack.ephemerals[0]!.text).toContain('https://gitlab.com/m/-/issues/7');
    const fixes = log.lines().filter((l) => l.includes('turn on its Messages tab'));
    expect(fixes).toHaveLength(1);
    expect(JSON.parse(fixes[0]!)).toMatchObject({
      level: 50,
      code: 'messages_tab_disabled',
      msg: DM_REFUSED_FIX,
    });
  });

  it('with the tab off and nowhere else to say it, gives up without a retry (App Home still shows it)', async () => {
    slackStandIn(TAB_OFF);
    const log = memoryLogger();
    const notifier = testNotifier({
      client: client(),
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
    });
    await expect(
      notifier.notify(filed(), { log: log.logger, stepDone: async () => undefined }),
    ).resolves.toBeUndefined();
    expect(log.lines().some((l) => l.includes('turn on its Messages tab'))).toBe(true);
    expect(log.lines().some((l) => l.includes('not retried'))).toBe(true);
  });
});
