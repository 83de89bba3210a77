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
});
