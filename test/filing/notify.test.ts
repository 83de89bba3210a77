import { testNotifier } from '../helpers/notifier';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import type { OncallResult } from '../../src/oncall/types';
import { memoryLogger } from '../helpers/logger';
import { handbookRules } from '../helpers/rules';
import { filedStar, submissionRow } from '../helpers/submissions';

type Post = { channel: string; text: string; thread_ts?: string; blocks?: unknown; user?: string };
const posts: Post[] = [];
const ephemerals: Post[] = [];
/** A Slack client whose chat.postMessage is `postMessage`; ephemerals are recorded. */
const chatWith = (postMessage: (a: Post) => Promise<unknown>) => ({
  chat: { postMessage, postEphemeral: async (a: Post) => void ephemerals.push(a) },
});
const client = chatWith(async (a) => void posts.push(a));
/** Only the Support Manager rotation answers: the STAR notice must ask that one. */
const oncall = {
  lookup: async (rotation: string): Promise<OncallResult> =>
    rotation !== 'manager'
      ? { ok: false, reason: 'not this rotation' }
      : {
          ok: true,
          cached: true,
          answer: {
            rotation: 'manager',
            people: [{ name: 'M', slackUserId: 'U0MGR', role: 'Primary' }],
            source: 't',
            fetchedAt: new Date(),
          },
        },
};
const star = filedStar();

const slackRefusal = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });

beforeEach(() => {
  posts.splice(0);
  ephemerals.splice(0);
});

describe('SlackNotifier', () => {
  it('posts the STAR notice with the on-call manager, then DMs the requester', async () => {
    await testNotifier({
      client,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
      oncall,
    }).notify(star);
    expect(posts.map((p) => p.channel)).toEqual(['CBVAE1L48', 'U1']);
    expect(JSON.stringify(posts[0]!.blocks)).toMatch(/Urgent \(response within 30 min\)[\s\S]*<@U0MGR>/);
    expect(posts[1]!.text).toContain('https://gitlab.com/star/-/issues/3');
  });

  it('answers in the thread the form came from', async () => {
    const row = submissionRow({
      status: 'failed',
      routeId: 'support-meta',
      error: 'GitLab did not answer in time.',
      reply: { channel: 'C1', threadTs: '9.9' },
    });
    await testNotifier({
      client,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
    }).notify(row);
    expect(posts).toEqual([expect.objectContaining({ channel: 'C1', thread_ts: '9.9' })]);
  });

  it('does not post a STAR notice for a dry run', async () => {
    await testNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify({
      ...star,
      result: { target: 'gitlab-issue', dryRun: true, preview: {} },
    });
    expect(posts.map((p) => p.channel)).toEqual(['U1']);
  });

  it('sends a dry-run preview by DM only, even when the form came from a thread', async () => {
    await testNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify({
      ...star,
      reply: { channel: 'C1', threadTs: '9.9' },
      result: { target: 'gitlab-issue', dryRun: true, preview: { title: 'T' } },
    });
    expect(posts).toEqual([expect.objectContaining({ channel: 'U1' })]);
    expect(posts[0]).not.toHaveProperty('thread_ts');
  });

  it('skips a STAR notice already recorded as sent, and records a new one before telling the requester', async () => {
    const steps: string[] = [];
    const context = (log = memoryLogger()) => ({
      log: log.logger,
      stepDone: async () => void steps.push(`recorded after ${posts.length} posts`),
    });
    const notifier = testNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS });
    await notifier.notify({ ...star, stepsDone: ['star-notice'] }, context());
    expect(posts.map((p) => p.channel)).toEqual(['U1']);
    posts.splice(0);
    await notifier.notify(star, context());
    expect(posts.map((p) => p.channel)).toEqual(['CBVAE1L48', 'U1']);
    expect(steps).toEqual(['recorded after 1 posts']);
  });

  it('answers by DM when the thread cannot be posted to', async () => {
    const log = memoryLogger();
    const refusing = chatWith(async (a) => {
      if (a.channel === 'C1') throw slackRefusal('is_archived');
      posts.push(a);
    });
    const row = submissionRow({
      status: 'failed',
      routeId: 'support-meta',
      reply: { channel: 'C1', threadTs: '9.9' },
    });
    await testNotifier({ client: refusing, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify(row, {
      log: log.logger,
      stepDone: async () => undefined,
    });
    expect(posts).toEqual([expect.objectContaining({ channel: 'U1' })]);
    expect(posts[0]).not.toHaveProperty('thread_ts');
    expect(log.lines().join('\n')).toContain('is_archived');
  });

  it('gives up on a STAR channel Slack refuses for good, still telling the requester', async () => {
    const log = memoryLogger();
    let recorded = 0;
    const refusing = chatWith(async (a) => {
      if (a.channel === 'CBVAE1L48') throw slackRefusal('not_in_channel');
      posts.push(a);
    });
    await testNotifier({ client: refusing, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify(
      star,
      {
        log: log.logger,
        stepDone: async () => void (recorded += 1),
      },
    );
    expect(recorded).toBe(1);
    expect(posts.map((p) => p.channel)).toEqual(['U1']);
    expect(log.lines().find((l) => l.includes('follow-up step refused'))).toContain('not_in_channel');
  });

  it('returns (nothing to retry) when Slack refuses the DM for good, and rethrows what may pass', async () => {
    const log = memoryLogger();
    let error = slackRefusal('user_not_found');
    const refusing = chatWith(async () => Promise.reject(error));
    const notifier = testNotifier({
      client: refusing,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
    });
    const row = submissionRow({ status: 'failed', routeId: 'support-meta' });
    const context = { log: log.logger, stepDone: async () => undefined };
    await expect(notifier.notify(row, context)).resolves.toBeUndefined();
    error = slackRefusal('ratelimited');
    await expect(notifier.notify(row, context)).rejects.toBe(error);
  });

  it('falls back to text when Slack refuses the blocks', async () => {
    const sent: unknown[] = [];
    const picky = chatWith(async (a) => {
      if (a.blocks) throw Object.assign(new Error('refused'), { data: { error: 'msg_blocks_too_long' } });
      sent.push(a);
    });
    const row = submissionRow({
      status: 'filed',
      routeId: 'support-meta',
      result: { target: 'gitlab-issue', url: 'https://gitlab.com/m/-/issues/1', ref: '#1' },
    });
    await testNotifier({ client: picky, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify(row);
    expect(sent).toEqual([
      expect.objectContaining({
        channel: 'U1',
        text: expect.stringContaining('https://gitlab.com/m/-/issues/1'),
      }),
    ]);
  });
});
