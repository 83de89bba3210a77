import { createLogger } from '../../src/logger';
import { createOncallService } from '../../src/oncall/service';
import type { OncallAnswer, OncallProvider, Rotation } from '../../src/oncall/types';

const logger = createLogger('silent');
const answer = (rotation: Rotation): OncallAnswer => ({
  rotation,
  people: [{ name: 'A' }],
  source: 'test',
  fetchedAt: new Date(0),
});

function counting(impl: (r: Rotation, s: AbortSignal) => Promise<OncallAnswer>) {
  const calls: Rotation[] = [];
  const provider: OncallProvider = { name: 'test', lookup: (r, s) => (calls.push(r), impl(r, s)) };
  return { provider, calls };
}

describe('on-call service', () => {
  it('caches answers for the configured time', async () => {
    let now = 1000;
    const { provider, calls } = counting(async (r) => answer(r));
    const service = createOncallService(provider, {
      cacheMs: 60_000,
      timeoutMs: 100,
      logger,
      now: () => now,
    });
    expect(service.peek('support')).toBeUndefined();
    expect(await service.lookup('support')).toMatchObject({ ok: true, cached: false });
    expect(await service.lookup('support')).toMatchObject({ ok: true, cached: true });
    expect(service.peek('support')).toEqual(answer('support'));
    now += 60_001;
    expect(service.peek('support')).toBeUndefined();
    await service.lookup('support');
    expect(calls).toEqual(['support', 'support']);
  });

  it('shares one lookup between concurrent callers', async () => {
    const { provider, calls } = counting(async (r) => answer(r));
    const service = createOncallService(provider, { cacheMs: 0, timeoutMs: 100, logger });
    await Promise.all([service.lookup('cmoc'), service.lookup('cmoc'), service.lookup('cmoc')]);
    expect(calls).toEqual(['cmoc']);
  });

  it('times out a slow provider, aborts it and returns a failure instead of throwing', async () => {
    let aborted = false;
    const { provider } = counting(
      (_r, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted'))));
        }),
    );
    const service = createOncallService(provider, { cacheMs: 60_000, timeoutMs: 30, logger });
    const result = await service.lookup('support');
    expect(result).toEqual({ ok: false, reason: 'timed out after 30 ms' });
    expect(aborted).toBe(true);
    expect(service.peek('support')).toBeUndefined();
  });

  it('returns a provider error as a failure', async () => {
    const { provider } = counting(async () => {
      throw new Error('PagerDuty answered 500');
    });
    const service = createOncallService(provider, { cacheMs: 60_000, timeoutMs: 100, logger });
    expect(await service.lookup('cmoc')).toEqual({ ok: false, reason: 'PagerDuty answered 500' });
  });

  describe('with a lookup that outlives the caller (ChatOps)', () => {
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it("stops only the caller's wait: the lookup runs on and fills the cache", async () => {
      const { provider, calls } = counting(async (r) => (await later(60), answer(r)));
      const service = createOncallService(provider, {
        cacheMs: 60_000,
        timeoutMs: 10,
        lookupTimeoutMs: 1000,
        logger,
      });
      expect(await service.lookup('support')).toEqual({ ok: false, reason: 'timed out after 10 ms' });
      expect(await service.lookup('support')).toEqual({ ok: false, reason: 'timed out after 10 ms' });
      await later(80);
      expect(service.peek('support')).toEqual(answer('support'));
      expect(await service.lookup('support')).toMatchObject({ ok: true, cached: true });
      expect(calls).toEqual(['support']);
    });

    it('aborts the lookup at its own, longer limit', async () => {
      let aborted = false;
      const { provider } = counting(
        (_r, signal) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted'))));
          }),
      );
      const service = createOncallService(provider, {
        cacheMs: 0,
        timeoutMs: 10,
        lookupTimeoutMs: 50,
        logger,
      });
      await service.lookup('cmoc');
      expect(aborted).toBe(false);
      await later(70);
      expect(aborted).toBe(true);
    });

    it('starts no new lookup within the gap after the last one started, even when it failed', async () => {
      let now = 1000;
      const { provider, calls } = counting(async () => {
        throw new Error('ChatOps job oncall ended failed');
      });
      const service = createOncallService(provider, {
        cacheMs: 60_000,
        timeoutMs: 100,
        lookupTimeoutMs: 1000,
        minGapMs: 60_000,
        logger,
        now: () => now,
      });
      expect(await service.lookup('support')).toMatchObject({
        ok: false,
        reason: 'ChatOps job oncall ended failed',
      });
      now += 30_000;
      expect(await service.lookup('support')).toMatchObject({ ok: false });
      expect(calls).toEqual(['support']);
      now += 30_001;
      await service.lookup('support');
      expect(calls).toEqual(['support', 'support']);
    });
  });
});
