// Leases that live as long as the work: a heartbeat renews the claim while a slow call runs, a
// fencing check right before the create sends nothing once another worker holds the row, and the
// notice is recorded before the steps that may repeat. (A stopping worker hands its rows back:
// worker.test.ts.)
import nock from 'nock';
import { createFiler } from '../../src/filing/filer';
import { GitlabFiler } from '../../src/filing/gitlab';
import { createGitlabClient } from '../../src/filing/gitlab-client';
import { FilingWorker, type WorkerOptions } from '../../src/filing/worker';
import type { FilingStore, Submission } from '../../src/store/types';
import { memoryLogger } from '../helpers/logger';
import { ISSUE_REQUEST } from '../helpers/submissions';
import { freshSqlite } from '../helpers/stores';
import { fakeTiming } from '../helpers/timing';

const GL = 'https://gitlab.example.com';
const ISSUES = `/api/v4/projects/${encodeURIComponent('grp/proj')}/issues`;
const ISSUE = ISSUE_REQUEST;
const created = (iid: number) => ({ iid, web_url: `${GL}/grp/proj/-/issues/${iid}` });

let store: FilingStore;
let notified: Submission[];

function worker(owner: string, extra: Partial<WorkerOptions> = {}): FilingWorker {
  return new FilingWorker({
    store,
    prepare: async () => ISSUE,
    filer: createFiler({
      gitlab: new GitlabFiler(
        createGitlabClient({ host: GL, token: 'glpat-abcdefgh12345', timeoutMs: 5000 }),
      ),
    }),
    notifier: { notify: async (s) => void notified.push(s) },
    logger: memoryLogger().logger,
    mode: 'live',
    owner,
    ...extra,
  });
}

const enqueue = () =>
  store.enqueue({ id: 'T1:V1', teamId: 'T1', userId: 'U1', routeId: 'r', payload: {} }, Date.now());
const until = async (check: () => Promise<boolean> | boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  store = await freshSqlite();
  notified = [];
});
afterEach(async () => {
  nock.cleanAll();
  await store.close();
});
afterAll(() => nock.enableNetConnect());

describe('leases', () => {
  it('a GitLab POST slower than the lease makes one issue: the heartbeat keeps the row from a second worker', async () => {
    await enqueue();
    let posts = 0;
    let searches = 0;
    nock(GL)
      .persist()
      .post(ISSUES)
      .delay(1500)
      .reply(201, () => created(++posts));
    nock(GL)
      .persist()
      .get(ISSUES)
      .query(true)
      .reply(200, () => (searches++, []));
    // The lease (500 ms) is far shorter than the call (1.5 s); a second worker polls all along.
    const first = worker('w1', { leaseMs: 500, pollMs: 10, concurrency: 1 });
    const second = worker('w2', { leaseMs: 500, pollMs: 10, concurrency: 1 });
    first.start();
    await until(async () => (await store.get('T1:V1'))!.attempts > 0);
    second.start();
    await until(() => notified.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all([first.stop(), second.stop()]);
    expect(posts).toBe(1);
    expect(searches).toBe(0);
    expect(await store.get('T1:V1')).toMatchObject({ status: 'filed', attempts: 1, result: { ref: '#1' } });
    expect(notified).toHaveLength(1);
  });

  it('sends no create once another worker has taken the row (the fencing check before the write)', async () => {
    await enqueue();
    const timing = fakeTiming(Date.now());
    // The assignee lookup is the last call before the create: while it runs, the lease lapses (no
    // heartbeat under this test clock) and another worker claims the row.
    nock(GL)
      .get('/api/v4/users')
      .query(true)
      .reply(200, async () => {
        timing.advance(61_000);
        await store.claim('w2', timing.now(), 60_000);
        return [{ id: 5 }];
      });
    const post = nock(GL).post(ISSUES).reply(201, created(1));
    const w = worker('w1', {
      timing,
      leaseMs: 60_000,
      prepare: async () => ({ ...ISSUE, assigneeUsername: 'casey' }),
    });
    expect(await w.drain()).toBe(1);
    expect(post.isDone()).toBe(false);
    const row = await store.get('T1:V1');
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.error).toBeUndefined(); // not a failure: the other worker files it
    expect(notified).toEqual([]);
  });

  it('records the notice before refreshing App Home, and refreshes it once per state change', async () => {
    await enqueue();
    nock(GL).post(ISSUES).reply(201, created(1));
    const refreshed: boolean[] = [];
    const w = worker('w1', {
      timing: fakeTiming(Date.now()),
      afterNotify: async (s) => void refreshed.push((await store.get(s.id))!.notified),
    });
    await w.drain();
    await w.drain();
    expect(refreshed).toEqual([true]);
  });
});
