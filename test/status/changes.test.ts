// Change detection and the notice, pure: what is news, what is not, and what a notice may say.
import { detectChanges, isSettled, statusLabel } from '../../src/status/changes';
import { statusNotice } from '../../src/status/notice';
import { nextPhaseAt, nextPoll, ServiceLimiter } from '../../src/status/schedule';
import type { RemoteState } from '../../src/status/types';
import { statusMessage } from '../../src/views/forms/messages';
import { submissionRow } from '../helpers/submissions';

const ticket = (over: Partial<Extract<RemoteState, { service: 'zendesk' }>> = {}): RemoteState => ({
  service: 'zendesk',
  status: 'open',
  updatedAt: '2026-12-01T10:00:00Z',
  ...over,
});
const issue = (over: Partial<Extract<RemoteState, { service: 'gitlab' }>> = {}): RemoteState => ({
  service: 'gitlab',
  state: 'opened',
  updatedAt: '2026-12-01T10:00:00Z',
  assignees: [],
  labels: [],
  ...over,
});
const kinds = (before: RemoteState | undefined, now: RemoteState) =>
  detectChanges(before, now).map((c) => c.kind);

describe('detectChanges: Zendesk', () => {
  it('takes a new or open ticket at the first look as what the requester knows', () => {
    expect(kinds(undefined, ticket({ status: 'new' }))).toEqual([]);
    expect(kinds(undefined, ticket())).toEqual([]);
    expect(kinds(undefined, ticket({ status: 'solved' }))).toEqual(['status']);
  });

  it('tells pending, on-hold, solved and reopened; not back to open, nor solved to closed', () => {
    expect(kinds(ticket(), ticket({ status: 'pending' }))).toEqual(['status']);
    expect(kinds(ticket({ status: 'pending' }), ticket())).toEqual([]);
    expect(kinds(ticket(), ticket({ status: 'hold' }))).toEqual(['status']);
    expect(kinds(ticket({ status: 'pending' }), ticket({ status: 'solved' }))).toEqual(['status']);
    expect(kinds(ticket({ status: 'solved' }), ticket({ status: 'closed' }))).toEqual([]);
    expect(kinds(ticket({ status: 'solved' }), ticket({ status: 'open' }))).toEqual(['reopened']);
  });

  it('tells a new public reply and a new assignee once each', () => {
    const reply = { id: 7, author: 'Jane Agent', at: '2026-12-01T11:00:00Z' };
    const assignee = { id: 901, name: 'Jane Agent' };
    const answered = ticket({ lastReply: reply, assignee });
    expect(kinds(ticket(), answered)).toEqual(['reply', 'assigned']);
    expect(kinds(answered, answered)).toEqual([]);
    expect(kinds(answered, ticket({ lastReply: { ...reply, id: 8 }, assignee }))).toEqual(['reply']);
  });
});

describe('detectChanges: GitLab', () => {
  const mina = { id: 51, name: 'Mina Manager' };
  it('takes the assignees at the first look as given (the bot assigned them)', () => {
    expect(kinds(undefined, issue({ assignees: [mina] }))).toEqual([]);
    expect(kinds(undefined, issue({ state: 'closed' }))).toEqual(['status']);
  });

  it('tells closed, reopened and a new assignee; labels alone are no news', () => {
    expect(kinds(issue(), issue({ state: 'closed' }))).toEqual(['status']);
    expect(kinds(issue({ state: 'closed' }), issue())).toEqual(['reopened']);
    expect(kinds(issue(), issue({ assignees: [mina] }))).toEqual(['assigned']);
    expect(kinds(issue({ assignees: [mina] }), issue({ assignees: [] }))).toEqual([]);
    expect(kinds(issue(), issue({ labels: ['STAR::Resolved'] }))).toEqual([]);
  });
});

describe('labels and settling', () => {
  it('names the status as My requests shows it', () => {
    expect(statusLabel(ticket({ status: 'pending' }))).toBe('waiting for your reply');
    expect(statusLabel(ticket({ status: 'new' }))).toBe('open');
    expect(statusLabel(issue({ state: 'closed' }))).toBe('closed');
    expect(isSettled(ticket({ status: 'solved' }))).toBe(true);
    expect(isSettled(issue())).toBe(false);
  });
});

describe('statusNotice', () => {
  const base = {
    userId: 'U0SELLER',
    title: 'Feedback about Support',
    ref: { service: 'zendesk' as const, ticketId: 5 },
    url: 'https://acme.zendesk.example/agent/tickets/5',
  };

  it('escapes the names it shows, so a name cannot ping a channel or disguise a link', () => {
    const msg = statusNotice({
      ...base,
      place: { kind: 'dm', channel: 'U0SELLER' },
      changes: [{ kind: 'reply', at: '2026-12-01T14:05:00Z', who: '<!channel> <https://evil.example|Jane>' }],
    });
    const shown = JSON.stringify(msg);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).toContain('<!date^1796133900^');
    expect(msg.text).toBe(
      'Update on Feedback about Support (ticket 5): Support replied (&lt;!channel&gt; &lt;https://evil.example|Jane&gt;)',
    );
    expect(msg.text).not.toContain('<');
  });

  it('names the requester in a channel thread, not in their DM', () => {
    const changes = [{ kind: 'status' as const, to: 'closed', at: '2026-12-01T14:05:00Z' }];
    const inThread = statusNotice({
      ...base,
      place: { kind: 'thread', channel: 'C1', threadTs: '1.2' },
      changes,
    });
    const inDm = statusNotice({ ...base, place: { kind: 'dm', channel: 'U0SELLER' }, changes });
    expect(JSON.stringify(inThread.blocks)).toContain('<@U0SELLER>');
    expect(JSON.stringify(inDm.blocks)).not.toContain('<@U0SELLER>');
  });
});

describe('the poll schedule', () => {
  const period = 300_000;
  it('keeps each request at its own phase, so many requests spread over the period', () => {
    const now = 1_800_000_000_000;
    const phases = Array.from({ length: 200 }, (_, i) => nextPhaseAt(`T1:V${i}`, now, period) - now);
    expect(Math.min(...phases)).toBeGreaterThan(0);
    expect(Math.max(...phases)).toBeLessThanOrEqual(period);
    // 200 requests over 10 slices of the period: none holds more than a third of them.
    const slices = new Array<number>(10).fill(0);
    for (const p of phases) slices[Math.min(9, Math.floor(p / (period / 10)))]! += 1;
    expect(Math.max(...slices)).toBeLessThan(67);
    expect(nextPhaseAt('T1:V1', now + period, period)).toBe(nextPhaseAt('T1:V1', now, period) + period);
  });

  it('stops polling when off, once settled, or 30 days after filing', () => {
    const now = 1_800_000_000_000;
    expect(nextPoll('T1:V1', now, ticket(), now, 0)).toBeUndefined();
    expect(nextPoll('T1:V1', now, ticket({ status: 'solved' }), now, period)).toBeUndefined();
    expect(nextPoll('T1:V1', now - 31 * 86_400_000, ticket(), now, period)).toBeUndefined();
    expect(nextPoll('T1:V1', now, ticket(), now, period)).toBeGreaterThan(now);
  });

  it('spaces checks to a service and pauses it after a 429', () => {
    const limiter = new ServiceLimiter({ zendesk: 30, gitlab: 120 });
    expect(limiter.take('zendesk', 1000)).toBe(1000);
    expect(limiter.take('zendesk', 1000)).toBe(3000);
    expect(limiter.take('gitlab', 1000)).toBe(1000);
    limiter.pause('gitlab', 60_000);
    expect(limiter.take('gitlab', 2000)).toBe(60_000);
  });
});

describe('/support status', () => {
  it('shows the tracked status after the filing state, escaped', () => {
    const row = {
      submission: submissionRow({
        status: 'filed',
        result: { target: 'zendesk-ticket', url: 'https://z.example/agent/tickets/5', ref: 'ticket 5' },
      }),
      title: 'Feedback about Support',
      tracked: 'waiting for your reply',
    };
    const shown = JSON.stringify(statusMessage([row]).blocks);
    expect(shown).toContain('filed · waiting for your reply');
    expect(shown).toContain('<https://z.example/agent/tickets/5|ticket 5>');
    const { tracked: _tracked, ...untracked } = row;
    expect(JSON.stringify(statusMessage([untracked]).blocks)).toContain('— filed <');
  });
});
