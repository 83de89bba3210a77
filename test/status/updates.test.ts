// A filed request's updates, end to end on SQLite: webhooks through the real HTTP server, the API
// read through the bot's clients (stand-ins that answer as Zendesk and GitLab document), one notice
// per change in the place the filing notice went, and nothing for what is not news.
import nock from 'nock';
import { realTiming } from '../../src/filing/timing';
import { myRequests } from '../../src/filing/my-requests';
import { startStatusApp, type StatusApp } from './harness';
import {
  fileStarRequest,
  fileTicketRequest,
  gitlabHeaders,
  gitlabIssueStandin,
  issueEvent,
  newTicket,
  REQUESTER,
  STAR_PROJECT,
  ZENDESK_URL,
  zendeskHeaders,
  zendeskTicketStandin,
  type IssueState,
  type TicketState,
} from './standins';

const clock = { now: Date.now() };
const timing = { now: () => clock.now, random: () => 0.5, sleep: realTiming.sleep };

let app: StatusApp;
afterEach(async () => {
  await app.stop();
  nock.cleanAll();
});

const trigger = JSON.stringify({ ticket_id: '412233' });
const zendeskHook = (invocation?: string) =>
  app.post('/webhooks/zendesk', trigger, zendeskHeaders(trigger, invocation ? { invocation } : {}));
const texts = () => app.posts.map((p) => JSON.stringify(JSON.parse(p.blocks ?? '[]')) + p.text);

describe('a Zendesk ticket', () => {
  let ticket: TicketState;
  let calls: ReturnType<typeof zendeskTicketStandin>;
  beforeEach(async () => {
    clock.now = Date.now();
    app = await startStatusApp({ timing });
    ticket = newTicket();
    calls = zendeskTicketStandin(412233, () => ticket);
    await fileTicketRequest(app.store);
    await app.status.noticePosted('T1:V1', 'requester', { kind: 'dm', channel: REQUESTER });
    // The first look is the baseline: a new ticket nobody answered is what the requester knows.
    await app.status.worker.drain();
    expect(app.posts).toEqual([]);
  });

  const supportAnswers = () => {
    ticket.status = 'pending';
    ticket.assignee_id = 901;
    ticket.updated_at = '2026-12-01T14:05:00Z';
    ticket.comments.push({
      id: 2,
      author_id: 901,
      public: true,
      created_at: '2026-12-01T14:05:00Z',
      body: 'Dear customer, the license key is XYZ',
    });
  };

  it('announces a status change once, across a retried webhook and a repeated one', async () => {
    supportAnswers();
    expect((await zendeskHook('inv-1')).json()).toEqual({ ok: true, result: 'recorded' });
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
    const [dm] = app.posts;
    expect(dm!.channel).toBe(REQUESTER);
    const shown = texts()[0]!;
    expect(shown).toContain('*pending*: Support is waiting for your reply');
    expect(shown).toContain('Support replied: Jane Agent');
    expect(shown).toContain('Taken by Jane Agent');
    expect(shown).toContain(`<${ZENDESK_URL}/agent/tickets/412233|ticket 412233>`);
    // Support's reply is for the customer: never in the notice.
    expect(shown).not.toContain('license key');
    // Zendesk retries the same invocation; then another trigger fires with nothing new.
    expect((await zendeskHook('inv-1')).json()).toEqual({ ok: true, result: 'duplicate' });
    expect((await zendeskHook('inv-2')).json()).toEqual({ ok: true, result: 'recorded' });
    const before = { ...calls };
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
    // The ticket had not changed since the last look: its comments were not read again.
    expect(calls.ticket).toBe(before.ticket + 1);
    expect(calls.comments).toBe(before.comments);
  });

  it('sends nothing for an internal note', async () => {
    ticket.updated_at = '2026-12-01T11:00:00Z';
    ticket.comments.push({
      id: 3,
      author_id: 901,
      public: false,
      created_at: '2026-12-01T11:00:00Z',
      body: 'note',
    });
    await zendeskHook();
    await app.status.worker.drain();
    expect(app.posts).toEqual([]);
    expect(calls.comments).toBe(2);
  });

  it('sends nothing for the requester’s own public comment, and tells when the ticket is solved', async () => {
    ticket.updated_at = '2026-12-01T11:00:00Z';
    ticket.comments.push({
      id: 4,
      author_id: 900,
      public: true,
      created_at: '2026-12-01T11:00:00Z',
      body: 'any news?',
    });
    await zendeskHook();
    await app.status.worker.drain();
    expect(app.posts).toEqual([]);
    ticket.status = 'solved';
    ticket.updated_at = '2026-12-02T09:00:00Z';
    await zendeskHook();
    await app.status.worker.drain();
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('Now *solved*');
  });

  it('shows the current status in My requests', async () => {
    supportAnswers();
    await zendeskHook();
    await app.status.worker.drain();
    const [mine] = await myRequests(app.store, app.t.deps.rules, REQUESTER);
    expect(mine!.status).toBe('filed · waiting for your reply');
  });

  it('finds a change with no webhook: the poller looks once the period has passed', async () => {
    supportAnswers();
    await app.status.worker.drain();
    expect(app.posts).toEqual([]); // not due yet
    clock.now += 300_000;
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
    clock.now += 300_000;
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
  });

  it('keeps the notice through a Slack outage and posts it once Slack is back', async () => {
    supportAnswers();
    app.slack.down = true;
    await zendeskHook();
    await app.status.worker.drain();
    expect(app.posts).toEqual([]);
    expect((await app.store.status.get('T1:V1'))!.pending?.changes.map((c) => c.kind)).toEqual([
      'status',
      'reply',
      'assigned',
    ]);
    app.slack.down = false;
    clock.now += 60 * 60_000;
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
    clock.now += 60 * 60_000;
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
  });

  it('posts a notice stored by a process that died before posting it, once its lease expires', async () => {
    supportAnswers();
    await zendeskHook();
    // The dead process claimed the check, read the API, stored the notice, and was killed.
    const claimed = await app.store.status.claim('dead-replica', clock.now, 120_000);
    const snapshot = {
      service: 'zendesk' as const,
      status: 'pending' as const,
      updatedAt: ticket.updated_at,
    };
    await app.store.status.savePending(
      claimed!.submissionId,
      'dead-replica',
      {
        changes: [{ kind: 'status', to: 'pending', from: 'new', at: ticket.updated_at }],
        snapshot,
        label: 'waiting for your reply',
      },
      clock.now,
    );
    await app.status.worker.drain();
    expect(app.posts).toEqual([]); // still leased
    clock.now += 121_000;
    await app.status.worker.drain();
    expect(app.posts).toHaveLength(1);
  });
});

describe('a GitLab issue (a STAR)', () => {
  const project = STAR_PROJECT;
  let issue: IssueState;
  beforeEach(async () => {
    clock.now = Date.now();
    app = await startStatusApp({ timing });
    const manager = { id: 51, username: 'mina', name: 'Mina Manager' };
    issue = { state: 'opened', updated_at: '2026-12-01T10:00:00Z', assignees: [manager] };
    gitlabIssueStandin(project, 77, () => issue);
    await fileStarRequest(app.store);
    await app.status.noticePosted('T1:V2', 'requester', { kind: 'dm', channel: REQUESTER });
    await app.status.noticePosted('T1:V2', 'follow-up', {
      kind: 'thread',
      channel: 'CBVAE1L48',
      threadTs: '1700000001.0001',
    });
    await app.status.worker.drain();
    expect(app.posts).toEqual([]); // the manager the bot assigned is no news
  });

  it('tells the STAR channel notice’s thread when the issue is closed and reopened', async () => {
    issue = {
      ...issue,
      state: 'closed',
      updated_at: '2026-12-01T12:00:00Z',
      closed_at: '2026-12-01T12:00:00Z',
      closed_by: { id: 51, username: 'mina', name: 'Mina Manager' },
    };
    await app.post(
      '/webhooks/gitlab',
      issueEvent(project, 77, 'close'),
      gitlabHeaders('Confidential Issue Hook'),
    );
    await app.status.worker.drain();
    issue = {
      ...issue,
      state: 'opened',
      updated_at: '2026-12-01T13:00:00Z',
      closed_at: null,
      closed_by: null,
    };
    await app.post(
      '/webhooks/gitlab',
      issueEvent(project, 77, 'reopen'),
      gitlabHeaders('Confidential Issue Hook'),
    );
    await app.status.worker.drain();
    expect(app.posts.map((p) => [p.channel, p.thread_ts])).toEqual([
      ['CBVAE1L48', '1700000001.0001'],
      ['CBVAE1L48', '1700000001.0001'],
    ]);
    const [close, reopen] = texts();
    expect(close).toContain(`<@${REQUESTER}>`);
    expect(close).toContain('Now *closed* by Mina Manager');
    expect(reopen).toContain('*Reopened*');
    expect(close).not.toContain('not read');
  });

  it('tells who took it when someone else is assigned', async () => {
    issue = {
      ...issue,
      updated_at: '2026-12-01T12:00:00Z',
      assignees: [...issue.assignees, { id: 52, username: 'max', name: 'Max Manager' }],
    };
    await app.post('/webhooks/gitlab', issueEvent(project, 77, 'update'), gitlabHeaders());
    await app.status.worker.drain();
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('Taken by Max Manager');
  });
});

describe('a request filed before status updates ran', () => {
  it('is looked at quietly the first time: its history is not told, only what changes after', async () => {
    clock.now = Date.now() + 60 * 60_000; // the filing notice went out an hour before adoption
    app = await startStatusApp({ timing });
    const ticket = { ...newTicket(), status: 'solved', updated_at: '2026-11-20T10:00:00Z' };
    zendeskTicketStandin(412233, () => ticket);
    await fileTicketRequest(app.store);
    await app.status.worker.drain();
    expect(app.posts).toEqual([]);
    expect((await app.store.status.get('T1:V1'))?.label).toBe('solved');
    ticket.status = 'open';
    ticket.updated_at = '2026-12-02T09:00:00Z';
    await zendeskHook();
    await app.status.worker.drain();
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('*Reopened*');
  });
});
