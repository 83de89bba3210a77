// The behaviour both backends must share, run once per backend by sqlite.test.ts and postgres.test.ts.
import type { FilingStore, NewSubmission } from '../../src/store/types';
import type { StoreFactory } from '../helpers/stores';

export const makeSubmission = (overrides: Partial<NewSubmission> = {}): NewSubmission => ({
  id: 'T1:V1',
  teamId: 'T1',
  userId: 'U1',
  routeId: 'support-meta',
  payload: { title: 'Idea' },
  ...overrides,
});

export function storeContract(factory: StoreFactory): void {
  let store: FilingStore;
  beforeEach(async () => {
    store = await factory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores a submission once per id', async () => {
    const first = await store.enqueue(makeSubmission(), 1000);
    const second = await store.enqueue(makeSubmission({ payload: { title: 'other' } }), 2000);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.submission.payload).toEqual({ title: 'Idea' });
    expect(await store.countByStatus()).toEqual({ pending: 1, filed: 0, failed: 0 });
  });

  it('runs migrations again without harm', async () => {
    await store.migrate();
    await store.enqueue(makeSubmission(), 1);
    expect((await store.get('T1:V1'))?.status).toBe('pending');
  });

  it('leases a due row to one owner and counts the attempt', async () => {
    await store.enqueue(makeSubmission({ reply: { channel: 'C1', threadTs: '1.2' } }), 1000);
    const claimed = await store.claim('w1', 1000, 60_000);
    expect(claimed).toMatchObject({
      id: 'T1:V1',
      attempts: 1,
      budgetUsed: 1,
      reply: { channel: 'C1', threadTs: '1.2' },
    });
    expect(await store.claim('w2', 1001, 60_000)).toBeUndefined();
    // A crashed owner's lease expires and another worker takes over.
    expect(await store.claim('w2', 62_000, 60_000)).toMatchObject({ attempts: 2 });
    expect(await store.finish('T1:V1', 'w1', { status: 'failed', error: 'late' }, 62_001)).toBe(false);
  });

  it('does not hand out rows scheduled for later', async () => {
    await store.enqueue(makeSubmission(), 1000);
    const c = await store.claim('w1', 1000, 60_000);
    expect(await store.reschedule(c!.id, 'w1', 5000, 'Zendesk is busy', 1001)).toBe(true);
    expect(await store.claim('w1', 4999, 60_000)).toBeUndefined();
    expect(await store.claim('w1', 5000, 60_000)).toMatchObject({ attempts: 2, error: 'Zendesk is busy' });
  });

  it('keeps a filed row claimable until the requester was told', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 60_000);
    const result = {
      target: 'gitlab-issue' as const,
      url: 'https://gitlab.example/g/p/-/issues/1',
      ref: '#1',
    };
    expect(await store.finish('T1:V1', 'w1', { status: 'filed', result }, 1100)).toBe(true);
    expect(await store.claim('w2', 1200, 60_000)).toBeUndefined(); // the owner notifies first
    const again = await store.claim('w2', 70_000, 60_000);
    expect(again).toMatchObject({ status: 'filed', attempts: 1, result, notified: false });
    expect(await store.markNotified('T1:V1', 'w2', 70_001)).toBe(true);
    expect(await store.claim('w2', 200_000, 60_000)).toBeUndefined();
  });

  it('records follow-up steps under the lease, once each, and counts each later notify claim', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 60_000);
    const result = { target: 'gitlab-issue' as const, ref: '#1' };
    await store.finish('T1:V1', 'w1', { status: 'filed', result }, 1100);
    expect(await store.get('T1:V1')).toMatchObject({ stepsDone: [], notifyAttempts: 0 });
    expect(await store.markStepDone('T1:V1', 'w2', 'star-notice', 1200)).toBe(false); // not the lease owner
    expect(await store.markStepDone('T1:V1', 'w1', 'star-notice', 1200)).toBe(true);
    // Recording a step twice keeps one entry: a repeated notify attempt stays idempotent.
    expect(await store.markStepDone('T1:V1', 'w1', 'star-notice', 1250)).toBe(true);
    expect(await store.markStepDone('T1:V1', 'w1', 'other-step', 1250)).toBe(true);
    expect(await store.claim('w2', 70_000, 60_000)).toMatchObject({
      stepsDone: ['star-notice', 'other-step'],
      notifyAttempts: 1,
    });
    expect(await store.claim('w3', 140_000, 60_000)).toMatchObject({ notifyAttempts: 2, attempts: 1 });
  });

  it('requeues a failed row for its owner only, with a fresh budget', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 60_000);
    await store.finish('T1:V1', 'w1', { status: 'failed', error: 'GitLab refused' }, 1100);
    expect(await store.requeue('T1:V1', 'U2', 1200)).toBe(false);
    expect(await store.requeue('T1:V1', 'U1', 1200)).toBe(true);
    expect(await store.claim('w1', 1300, 60_000)).toMatchObject({
      status: 'pending',
      attempts: 2,
      budgetUsed: 1,
    });
  });

  it("lists a user's requests newest first", async () => {
    await store.enqueue(makeSubmission({ id: 'T1:A' }), 1000);
    await store.enqueue(makeSubmission({ id: 'T1:B' }), 2000);
    await store.enqueue(makeSubmission({ id: 'T1:C', userId: 'U9' }), 3000);
    expect((await store.listByUser('U1', 10)).map((s) => s.id)).toEqual(['T1:B', 'T1:A']);
    expect(await store.listByUser('U1', 1)).toHaveLength(1);
  });

  it('renews a lease for its owner only, so no other worker takes a row still being worked on', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 30_000);
    expect(await store.renew('T1:V1', 'w1', 25_000, 30_000)).toBe(true);
    expect(await store.claim('w2', 40_000, 30_000)).toBeUndefined(); // the old lease would have lapsed
    expect(await store.renew('T1:V1', 'w2', 40_000, 30_000)).toBe(false);
    const taken = await store.claim('w2', 55_001, 30_000);
    expect(taken).toMatchObject({ id: 'T1:V1', attempts: 2 });
    // The first owner's fencing check now fails: it must not send anything.
    expect(await store.renew('T1:V1', 'w1', 55_002, 30_000)).toBe(false);
  });

  it('releases a row for the next claim at once, but only for its owner', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 30_000);
    expect(await store.release('T1:V1', 'w2', 1100)).toBe(false);
    expect(await store.release('T1:V1', 'w1', 1100)).toBe(true);
    expect(await store.claim('w2', 1200, 30_000)).toMatchObject({ id: 'T1:V1', attempts: 2 });
  });

  it('keeps the prepared request with the row, written under the lease', async () => {
    await store.enqueue(makeSubmission(), 1000);
    await store.claim('w1', 1000, 30_000);
    const prepared = { target: 'zendesk-ticket', ticket: { subject: 'S', tags: ['a'], requester: null } };
    expect(await store.savePrepared('T1:V1', 'w2', { other: true }, 1100)).toBe(false);
    expect(await store.savePrepared('T1:V1', 'w1', prepared, 1100)).toBe(true);
    await store.reschedule('T1:V1', 'w1', 1200, 'later', 1100);
    expect(await store.claim('w2', 1200, 30_000)).toMatchObject({ prepared });
  });

  it('gives each of many concurrent claims a different row', async () => {
    for (let i = 0; i < 20; i += 1) await store.enqueue(makeSubmission({ id: `T1:V${i}` }), 1000);
    const claims = await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.claim(`w${i}`, 2000, 60_000)),
    );
    const ids = claims.filter((c) => c !== undefined).map((c) => c!.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });
}
