// The status store's behaviour, the same on both backends (store.test.ts runs it on each).
import type { RemoteState } from '../../src/status/types';
import type { FilingStore } from '../../src/store/types';
import type { StoreFactory } from '../helpers/stores';
import { fileStarRequest, fileTicketRequest } from './standins';

const pending: RemoteState = { service: 'zendesk', status: 'pending', updatedAt: '2026-12-01T14:05:00Z' };

export function statusStoreContract(factory: StoreFactory): void {
  let store: FilingStore;
  beforeEach(async () => {
    store = await factory();
    await fileTicketRequest(store);
  });
  afterEach(async () => {
    await store.close();
  });

  const watch = (dueAt?: number) =>
    store.status.addWatch(
      {
        submissionId: 'T1:V1',
        userId: 'U1',
        routeId: 'support-feedback',
        refKey: 'zendesk:412233',
        ref: { service: 'zendesk', ticketId: 412233 },
        url: 'https://acme.zendesk.example/agent/tickets/412233',
        place: { kind: 'dm', channel: 'U1' },
        filedAt: 1000,
        ...(dueAt !== undefined ? { dueAt } : {}),
      },
      1000,
    );

  const finish = (owner: string, label: string, nextDueAt: number, requests: number, now: number) =>
    store.status.finish('T1:V1', owner, { snapshot: pending, label, active: true, nextDueAt }, requests, now);

  it('offers a filed, notified request for adoption once, with where its notices went', async () => {
    await store.status.recordPlace(
      'T1:V1',
      'follow-up',
      { kind: 'thread', channel: 'C1', threadTs: '1.2' },
      1,
    );
    await store.status.recordPlace(
      'T1:V1',
      'follow-up',
      { kind: 'thread', channel: 'C1', threadTs: '1.3' },
      2,
    );
    const [found] = await store.status.adoptable(0, 10);
    expect(found).toMatchObject({
      submissionId: 'T1:V1',
      routeId: 'support-feedback',
      result: { target: 'zendesk-ticket', ref: 'ticket 412233' },
      places: { followUp: { kind: 'thread', channel: 'C1', threadTs: '1.3' } },
    });
    expect(await watch(1000)).toBe(true);
    expect(await watch(1000)).toBe(false);
    expect(await store.status.adoptable(0, 10)).toEqual([]);
  });

  it('leases a due watch to one owner at a time', async () => {
    await watch(1000);
    const first = await store.status.claim('a', 2000, 60_000);
    expect(first).toMatchObject({ submissionId: 'T1:V1', attempts: 1, active: true });
    expect(await store.status.claim('b', 3000, 60_000)).toBeUndefined();
    // Only the owner writes; the lease expired, another takes it over.
    expect(await store.status.defer('T1:V1', 'b', 5000, 3000)).toBe(false);
    expect(await store.status.claim('b', 62_001, 60_000)).toMatchObject({ attempts: 2 });
  });

  it('keeps a stored notice across a deferral, and finishing clears it', async () => {
    await watch(1000);
    await store.status.claim('a', 2000, 60_000);
    const notice = {
      changes: [{ kind: 'status' as const, to: 'pending', at: pending.updatedAt }],
      snapshot: pending,
      label: 'x',
    };
    expect(await store.status.savePending('T1:V1', 'a', notice, 2000)).toBe(true);
    expect(await store.status.defer('T1:V1', 'a', 9000, 2000)).toBe(true);
    const again = await store.status.claim('b', 9000, 60_000);
    expect(again?.pending).toEqual(notice);
    await finish('b', 'waiting for your reply', 50_000, again!.requests, 9000);
    const done = await store.status.get('T1:V1');
    expect(done).toMatchObject({
      snapshot: pending,
      label: 'waiting for your reply',
      dueAt: 50_000,
      attempts: 0,
    });
    expect(done?.pending).toBeUndefined();
    expect(await store.status.labels(['T1:V1', 'T1:V9'])).toEqual(
      new Map([['T1:V1', 'waiting for your reply']]),
    );
  });

  it('records a webhook once per delivery id, and only for a watched ticket', async () => {
    await watch(undefined);
    expect(await store.status.requestCheck('zendesk:412233', 'inv-1', 2000)).toBe('recorded');
    expect(await store.status.requestCheck('zendesk:412233', 'inv-1', 2001)).toBe('duplicate');
    expect(await store.status.requestCheck('zendesk:999', 'inv-2', 2002)).toBe('unknown');
    expect(await store.status.get('T1:V1')).toMatchObject({ dueAt: 2000, requests: 1 });
    expect(await store.status.purgeDeliveries(2000 + 25 * 60 * 60 * 1000)).toBe(2);
  });

  it('looks again at once when a webhook came in during a check', async () => {
    await watch(1000);
    const claimed = await store.status.claim('a', 2000, 60_000);
    await store.status.requestCheck('zendesk:412233', undefined, 2500);
    await finish('a', 'x', 90_000, claimed!.requests, 3000);
    expect((await store.status.get('T1:V1'))?.dueAt).toBe(3000);
  });

  it('stops watching a request that is gone', async () => {
    await watch(1000);
    await store.status.claim('a', 2000, 60_000);
    expect(await store.status.close('T1:V1', 'a', 2000)).toBe(true);
    expect(await store.status.requestCheck('zendesk:412233', undefined, 3000)).toBe('unknown');
    expect(await store.status.claim('a', 9_999_999, 60_000)).toBeUndefined();
  });

  it('adopts a GitLab issue too', async () => {
    await fileStarRequest(store);
    expect((await store.status.adoptable(0, 10)).map((c) => c.submissionId).sort()).toEqual([
      'T1:V1',
      'T1:V2',
    ]);
  });
}
