import { testNotifier } from '../helpers/notifier';
import nock from 'nock';
import { createFiler } from '../../src/filing/filer';
import { GitlabFiler } from '../../src/filing/gitlab';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { idempotencyKey, markerComment } from '../../src/filing/keys';
import type { FilingRequest, Notifier } from '../../src/filing/types';
import { DEFAULT_SETTINGS } from '../../src/kinds/settings';
import { FilingWorker } from '../../src/filing/worker';
import { ZendeskFiler } from '../../src/filing/zendesk';
import { createZendeskClient } from '../../src/filing/zendesk-client';
import type { FilingStore, Submission } from '../../src/store/types';
import { memoryLogger } from '../helpers/logger';
import { ISSUE_REQUEST } from '../helpers/submissions';
import { handbookRules } from '../helpers/rules';
import { freshSqlite } from '../helpers/stores';
import { fakeTiming } from '../helpers/timing';

const ZD = 'https://acme.zendesk.example';
const GL = 'https://gitlab.example.com';
const PROJECT = encodeURIComponent('grp/proj');
const TICKET: FilingRequest = {
  target: 'zendesk-ticket',
  ticket: { subject: 'S', comment: { body: 'B' }, tags: ['t'] },
};
const ISSUE = ISSUE_REQUEST;

const STAR_VALUES = {
  ticket_link: 'https://gitlab.zendesk.com/agent/tickets/5',
  urgency: 'urgent',
  reason: 'stalled',
};

let store: FilingStore;
let notified: Submission[];
let log: ReturnType<typeof memoryLogger>;

// Call timeouts: long enough for a cold first call on a busy machine, short enough for the hang test.
function worker(request: FilingRequest, extra: Partial<ConstructorParameters<typeof FilingWorker>[0]> = {}) {
  const notifier: Notifier = { notify: async (s) => void notified.push(s) };
  const filer = createFiler({
    gitlab: new GitlabFiler(createGitlabClient({ host: GL, token: 'glpat-abcdefgh12345', timeoutMs: 1000 })),
    zendesk: new ZendeskFiler(
      createZendeskClient({ url: ZD, email: 'bot@acme.example', token: 'ztok-abcdefgh12345' }),
      { url: ZD, timeoutMs: 1000 },
    ),
  });
  const timing = fakeTiming();
  const w = new FilingWorker({
    store,
    prepare: async () => request,
    filer,
    notifier,
    logger: log.logger,
    mode: 'live',
    timing,
    leaseMs: 60_000,
    owner: 'w1',
    ...extra,
  });
  return { w, timing };
}

const enqueue = (id = 'T1:V1') =>
  store.enqueue({ id, teamId: 'T1', userId: 'U1', routeId: 'r', payload: {} }, fakeTiming().now());
const zendesk = (id = 'T1:V1') => nock(ZD, { reqheaders: { 'idempotency-key': idempotencyKey(id) } });
const ticketJson = (id: number) => [201, { ticket: { id } }, { 'content-type': 'application/json' }] as const;

beforeAll(() => nock.disableNetConnect());
/** A retry first lists tickets by external_id; in these tests Zendesk has none listed yet. */
const noTicketListedYet = () =>
  nock(ZD)
    .persist()
    .get('/api/v2/tickets.json')
    .query(true)
    .optionally()
    .reply(200, { tickets: [], meta: { has_more: false } }, { 'content-type': 'application/json' });

beforeEach(async () => {
  noTicketListedYet();
  store = await freshSqlite();
  notified = [];
  log = memoryLogger();
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  await store.close();
  expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

describe('FilingWorker', () => {
  it('files a submission once and tells the requester once, even if it was submitted twice', async () => {
    await enqueue();
    await enqueue();
    zendesk()
      .post('/api/v2/tickets.json')
      .once()
      .reply(...ticketJson(1));
    const { w } = worker(TICKET);
    expect(await w.drain()).toBe(1);
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'filed',
      notified: true,
      result: { ref: 'ticket 1' },
    });
    expect(notified).toHaveLength(1);
  });

  it('retries a 5xx with backoff and the same Idempotency-Key, then files', async () => {
    await enqueue();
    zendesk().post('/api/v2/tickets.json').reply(500, { error: 'x' }, { 'content-type': 'application/json' });
    zendesk().post('/api/v2/tickets.json').reply(503, 'busy');
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(2));
    const { w, timing } = worker(TICKET);
    await w.drain();
    const after1 = await store.get('T1:V1');
    expect(after1).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: 'Zendesk had a server error (HTTP 500).',
    });
    expect(after1!.nextAttemptAt - timing.now()).toBe(1500); // 2 s ceiling, jitter 0.5 -> 1.5 s
    timing.advance(1500);
    await w.drain();
    expect((await store.get('T1:V1'))!.nextAttemptAt - timing.now()).toBe(3000);
    timing.advance(3000);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'filed',
      attempts: 3,
      result: { ref: 'ticket 2' },
    });
    expect(notified).toHaveLength(1);
  });

  it('waits for Retry-After on 429 before the next attempt', async () => {
    await enqueue();
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(429, {}, { 'Retry-After': '7', 'content-type': 'application/json' });
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(3));
    const { w, timing } = worker(TICKET);
    await w.drain();
    const due = (await store.get('T1:V1'))!.nextAttemptAt - timing.now();
    expect(due).toBeGreaterThanOrEqual(7000);
    expect(due).toBeLessThanOrEqual(7700);
    timing.advance(6999);
    expect(await w.drain()).toBe(0);
    timing.advance(due - 6999);
    expect(await w.drain()).toBe(1);
    expect((await store.get('T1:V1'))!.status).toBe('filed');
  });

  it('times out a hanging API and retries; a lost response still gives one ticket (same key replayed)', async () => {
    await enqueue();
    // The first response never arrives in time (Zendesk created the ticket); the replay is a hit.
    zendesk()
      .post('/api/v2/tickets.json')
      .delay(1500)
      .reply(...ticketJson(4));
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(
        201,
        { ticket: { id: 4 } },
        { 'x-idempotency-lookup': 'hit', 'content-type': 'application/json' },
      );
    const { w, timing } = worker(TICKET);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'pending',
      error: 'Zendesk did not answer in time.',
    });
    timing.advance(60_000);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: 'ticket 4' } });
  });

  it('waits out rate limits without spending the retry budget, and pauses calls to that service', async () => {
    await enqueue('T1:V1');
    await enqueue('T1:V2');
    const limited = () => [429, {}, { 'Retry-After': '5', 'content-type': 'application/json' }] as const;
    zendesk('T1:V1')
      .post('/api/v2/tickets.json')
      .times(3)
      .reply(...limited());
    zendesk('T1:V1')
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(8));
    zendesk('T1:V2')
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(9));
    const { w, timing } = worker(TICKET, {
      policy: { maxAttempts: 2, maxTotalAttempts: 100, baseDelayMs: 10, maxDelayMs: 10 },
    });
    await w.drain(); // V1 gets a 429; V2 is not sent while Zendesk asked to wait
    expect(await store.get('T1:V2')).toMatchObject({ status: 'pending', budgetUsed: 0 });
    for (let i = 0; i < 6; i += 1) {
      timing.advance(6_000);
      await w.drain();
    }
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: 'ticket 8' } });
    expect(await store.get('T1:V2')).toMatchObject({ status: 'filed', result: { ref: 'ticket 9' } });
  });

  it('while a service asks to wait, a new request for it is put back without being prepared', async () => {
    await enqueue('T1:V1');
    zendesk('T1:V1')
      .post('/api/v2/tickets.json')
      .reply(429, {}, { 'Retry-After': '30', 'content-type': 'application/json' });
    const prepared: string[] = [];
    const { w } = worker(TICKET, {
      prepare: async (s) => (prepared.push(s.id), TICKET),
      targetOf: () => 'zendesk-ticket',
    });
    await w.drain(); // V1 is limited: Zendesk is paused for 30 s
    await enqueue('T1:V2');
    await w.drain();
    expect(prepared).toEqual(['T1:V1']); // no Slack lookup for V2 while Zendesk waits
    expect(await store.get('T1:V2')).toMatchObject({ status: 'pending', budgetUsed: 0 });
  });

  it('does not retry a 422: the request is parked and the requester told in plain words', async () => {
    await enqueue();
    zendesk()
      .post('/api/v2/tickets.json')
      .once()
      .reply(
        422,
        { error: 'RecordInvalid', details: { ticket_form_id: [{ description: 'Ticket form is invalid' }] } },
        { 'content-type': 'application/json' },
      );
    const { w } = worker(TICKET);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /^Zendesk refused some of the fields \(HTTP 422\)\. This comes from the bot’s settings/,
      ),
      notified: true,
    });
    expect(notified.map((s) => s.status)).toEqual(['failed']);
    // The operator's log names the field Zendesk refused (its 422 `details`).
    const parked = log.lines().find((l) => l.includes('filing failed; parked'))!;
    expect(JSON.parse(parked).reasons).toEqual(['ticket_form_id: Ticket form is invalid']);
  });

  it('parks a request as failed after the retry budget, and the Retry button starts a new budget', async () => {
    await enqueue();
    zendesk().post('/api/v2/tickets.json').times(3).reply(500, {}, { 'content-type': 'application/json' });
    const { w, timing } = worker(TICKET, {
      policy: { maxAttempts: 3, maxTotalAttempts: 100, baseDelayMs: 10, maxDelayMs: 10 },
    });
    for (let i = 0; i < 3; i += 1) {
      await w.drain();
      timing.advance(10);
    }
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'failed',
      error: 'Zendesk had a server error (HTTP 500). (gave up after 3 attempts)',
    });
    expect(await store.requeue('T1:V1', 'U1', timing.now())).toBe(true);
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(5));
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', attempts: 4 });
    expect(notified.map((s) => s.status)).toEqual(['failed', 'filed']);
  });

  it('after a 502 on POST /issues (issue created anyway) finds it by marker instead of creating another', async () => {
    await enqueue();
    const gl = nock(GL);
    gl.post(`/api/v4/projects/${PROJECT}/issues`).once().reply(502, 'bad gateway');
    gl.get(`/api/v4/projects/${PROJECT}/issues`)
      .query(true)
      .reply(200, [
        { iid: 9, web_url: `${GL}/grp/proj/-/issues/9`, description: `D\n\n${markerComment('T1:V1')}` },
      ]);
    const { w, timing } = worker(ISSUE);
    await w.drain();
    timing.advance(60_000);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: '#9' } });
  });

  it('in dry-run mode stores what it would file and calls nothing', async () => {
    await enqueue();
    const { w } = worker(ISSUE, { mode: 'dry-run' });
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'filed',
      result: { dryRun: true, target: 'gitlab-issue', preview: ISSUE },
    });
  });

  it('tells the requester again later if Slack failed the first time', async () => {
    await enqueue();
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(6));
    let fail = true;
    const { w, timing } = worker(TICKET, {
      notifier: {
        notify: async (s) => {
          if (fail) throw new Error('slack down');
          notified.push(s);
        },
      },
    });
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', notified: false });
    fail = false;
    timing.advance(60_001);
    await w.drain();
    expect(notified).toHaveLength(1);
  });

  it('posts a STAR notice once however often telling the requester fails, then gives up and logs', async () => {
    await store.enqueue(
      { id: 'T1:V1', teamId: 'T1', userId: 'U1', routeId: 'star', payload: { values: STAR_VALUES } },
      fakeTiming().now(),
    );
    const posts: string[] = [];
    const client = {
      chat: {
        postMessage: async (a: { channel: string }) => {
          posts.push(a.channel);
          if (a.channel === 'U1') throw new Error('socket hang up'); // no Slack answer: worth retrying
        },
        postEphemeral: async () => ({ ok: true }),
      },
    };
    const notifier = testNotifier({ client, rules: handbookRules(), settings: DEFAULT_SETTINGS });
    const { w, timing } = worker(ISSUE, {
      notifier,
      filer: {
        file: async () => ({ target: 'gitlab-issue', url: 'https://gitlab.com/s/-/issues/3', ref: '#3' }),
      },
      maxNotifyAttempts: 3,
    });
    for (let i = 0; i < 6; i += 1) {
      await w.drain();
      timing.advance(60_001);
    }
    expect(posts).toEqual(['CBVAE1L48', 'U1', 'U1', 'U1']);
    expect(await store.get('T1:V1')).toMatchObject({
      stepsDone: ['star-notice'],
      notified: true,
      notifyAttempts: 2,
    });
    expect(log.lines().filter((l) => l.includes('giving up'))).toHaveLength(1);
  });

  it('stop() does not wait past its grace period for a hanging call, and frees the row at once', async () => {
    await enqueue();
    const { w } = worker(TICKET, {
      timing: undefined,
      filer: { file: () => new Promise(() => undefined) },
    });
    w.start();
    for (let i = 0; i < 50 && (await store.get('T1:V1'))!.attempts === 0; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await w.stop(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    // The 60 s lease is not waited for: the next process takes the row now.
    expect(await store.claim('w2', Date.now(), 1_000)).toMatchObject({ id: 'T1:V1', attempts: 2 });
  });

  it('stop() returns only once every loop has ended: nothing touches the store after it', async () => {
    await enqueue();
    // A call that answers after the grace period: it must not write to a store that may be closed.
    const { w } = worker(TICKET, {
      timing: undefined,
      filer: {
        file: () =>
          new Promise((resolve) =>
            setTimeout(() => resolve({ target: 'zendesk-ticket', ref: 'ticket 1' }), 300),
          ),
      },
    });
    w.start();
    for (let i = 0; i < 50 && (await store.get('T1:V1'))!.attempts === 0; i += 1)
      await new Promise((r) => setTimeout(r, 5));
    await w.stop(50);
    const late: string[] = [];
    const methods = store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const name of ['finish', 'reschedule', 'markNotified', 'markStepDone']) {
      const original = methods[name]!.bind(store);
      methods[name] = (...a: unknown[]) => (late.push(name), original(...a));
    }
    await new Promise((r) => setTimeout(r, 400));
    expect(late).toEqual([]);
    expect(await store.get('T1:V1')).toMatchObject({ status: 'pending' });
  });

  it('backs off a 429 without Retry-After like any failure (growing delays), without spending the budget', async () => {
    await enqueue('T1:V1');
    const limited = zendesk('T1:V1')
      .post('/api/v2/tickets.json')
      .times(4)
      .reply(429, {}, { 'content-type': 'application/json' });
    zendesk('T1:V1')
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(10));
    const { w, timing } = worker(TICKET);
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await w.drain();
      const row = (await store.get('T1:V1'))!;
      expect(row).toMatchObject({ status: 'pending', budgetUsed: 0 }); // a wait, not a failure
      delays.push(row.nextAttemptAt - timing.now());
      timing.advance(row.nextAttemptAt - timing.now());
    }
    expect(delays).toEqual([1500, 3000, 6000, 12000]); // 2 s base, doubling, jitter 0.5
    expect(limited.isDone()).toBe(true);
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', result: { ref: 'ticket 10' } });
  });

  it('parks a programming error at once, with a plain message, and logs the original error', async () => {
    await enqueue();
    const { w } = worker(TICKET, {
      prepare: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'project')");
      },
    });
    await w.drain();
    const row = await store.get('T1:V1');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, notified: true });
    expect(row!.error).toMatch(/^The bot ran into an unexpected problem/);
    expect(notified).toHaveLength(1);
    const parked = log.lines().find((l) => l.includes('filing failed; parked'));
    expect(JSON.parse(parked!)).toMatchObject({
      kind: 'permanent',
      err: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'project')" },
    });
  });

  it('retries a network error thrown outside the filer (a lookup in prepare), logging it', async () => {
    await enqueue();
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { w } = worker(TICKET, {
      prepare: async () => {
        throw new TypeError('fetch failed', { cause: reset });
      },
    });
    await w.drain();
    expect(await store.get('T1:V1')).toMatchObject({
      status: 'pending',
      error: 'A service the bot needs could not be reached.',
    });
    const retry = log.lines().find((l) => l.includes('will retry'));
    expect(JSON.parse(retry!)).toMatchObject({
      kind: 'retryable',
      err: { message: expect.stringContaining('ECONNRESET') },
    });
  });

  it('does not count a store error while recording the outcome as a filing failure', async () => {
    await enqueue();
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(8));
    const finish = store.finish.bind(store);
    store.finish = async () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    const { w } = worker(TICKET);
    await expect(w.drain()).rejects.toThrow('database is locked');
    store.finish = finish;
    expect(await store.get('T1:V1')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log.lines().join('\n')).not.toContain('filing failed; parked');
  });

  it('never logs a token', async () => {
    await enqueue();
    zendesk().post('/api/v2/tickets.json').reply(500, {}, { 'content-type': 'application/json' });
    const { w } = worker(TICKET);
    await w.drain();
    const text = log.lines().join('\n');
    expect(text).toContain('filing attempt failed');
    expect(text).not.toMatch(/ztok|glpat|Basic /);
  });

  it('start() files in the background and stop() waits for it', async () => {
    zendesk()
      .post('/api/v2/tickets.json')
      .reply(...ticketJson(7));
    const { w } = worker(TICKET, { timing: undefined, pollMs: 20, concurrency: 2 });
    w.start();
    await enqueue();
    w.wake();
    for (let i = 0; i < 100 && notified.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect(notified).toHaveLength(1);
  });
});
