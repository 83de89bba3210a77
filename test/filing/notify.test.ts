import { SlackNotifier } from '../../src/filing/notify';
import { DEFAULT_SETTINGS } from '../../src/filing/settings';
import type { OncallResult } from '../../src/oncall/types';
import { handbookRules } from '../helpers/rules';
import { submissionRow } from '../helpers/submissions';

const posts: { channel: string; text: string; thread_ts?: string; blocks?: unknown }[] = [];
const client = { chat: { postMessage: async (a: (typeof posts)[number]) => void posts.push(a) } };
const oncall = {
  lookup: async (): Promise<OncallResult> => ({
    ok: true,
    cached: true,
    answer: {
      rotation: 'support',
      people: [{ name: 'M', slackUserId: 'U0MGR', role: 'Escalation Manager' }],
      source: 't',
      fetchedAt: new Date(),
    },
  }),
};
const star = submissionRow({
  status: 'filed',
  routeId: 'star',
  payload: {
    values: {
      ticket_link: 'https://gitlab.zendesk.com/agent/tickets/5',
      urgency: 'urgent',
      reason: 'stalled',
    },
  },
  result: { target: 'gitlab-issue', url: 'https://gitlab.com/star/-/issues/3', ref: '#3' },
});

beforeEach(() => void posts.splice(0));

describe('SlackNotifier', () => {
  it('posts the STAR notice with the on-call manager, then DMs the requester, then runs afterNotify', async () => {
    const after: string[] = [];
    await new SlackNotifier({
      client,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
      oncall,
      afterNotify: async (s) => void after.push(s.userId),
    }).notify(star);
    expect(posts.map((p) => p.channel)).toEqual(['CBVAE1L48', 'U1']);
    expect(JSON.stringify(posts[0]!.blocks)).toMatch(/Urgent \(response within 30 min\)[\s\S]*<@U0MGR>/);
    expect(posts[1]!.text).toContain('https://gitlab.com/star/-/issues/3');
    expect(after).toEqual(['U1']);
  });

  it('answers in the thread the form came from, and ignores a failing afterNotify', async () => {
    const row = submissionRow({
      status: 'failed',
      routeId: 'support-meta',
      error: 'GitLab did not answer in time.',
      reply: { channel: 'C1', threadTs: '9.9' },
    });
    await new SlackNotifier({
      client,
      rules: handbookRules(),
      settings: DEFAULT_SETTINGS,
      afterNotify: () => Promise.reject(new Error('x')),
    }).notify(row);
    expect(posts).toEqual([expect.objectContaining({ channel: 'C1', thread_ts: '9.9' })]);
  });

  it('does not post a STAR notice for a dry run', async () => {
    await new SlackNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify({
      ...star,
      result: { target: 'gitlab-issue', dryRun: true, preview: {} },
    });
    expect(posts.map((p) => p.channel)).toEqual(['U1']);
  });

  it('sends a dry-run preview by DM only, even when the form came from a thread', async () => {
    await new SlackNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify({
      ...star,
      reply: { channel: 'C1', threadTs: '9.9' },
      result: { target: 'gitlab-issue', dryRun: true, preview: { title: 'T' } },
    });
    expect(posts).toEqual([expect.objectContaining({ channel: 'U1' })]);
    expect(posts[0]).not.toHaveProperty('thread_ts');
  });

  it('falls back to text when Slack refuses the blocks', async () => {
    const sent: unknown[] = [];
    const picky = {
      chat: {
        postMessage: async (a: { blocks?: unknown }) => {
          if (a.blocks) throw Object.assign(new Error('refused'), { data: { error: 'msg_blocks_too_long' } });
          sent.push(a);
        },
      },
    };
    const row = submissionRow({
      status: 'filed',
      routeId: 'support-meta',
      result: { target: 'gitlab-issue', url: 'https://gitlab.com/m/-/issues/1', ref: '#1' },
    });
    await new SlackNotifier({ client: picky, rules: handbookRules(), settings: DEFAULT_SETTINGS }).notify(
      row,
    );
    expect(sent).toEqual([
      expect.objectContaining({
        channel: 'U1',
        text: expect.stringContaining('https://gitlab.com/m/-/issues/1'),
      }),
    ]);
  });
});
