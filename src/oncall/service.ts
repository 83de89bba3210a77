// Wraps a provider with the promises listeners rely on: answers cached (default 60 s), one lookup
// in flight per rotation, a limit on how long a caller waits (default 5 s), and failures returned as
// a value so the caller shows the manual way instead of an error. Never pages anyone: lookups only read.
//
// A caller's wait and the lookup itself have separate limits. A slow provider (a ChatOps CI job takes
// longer than anyone should wait in Slack) keeps running after its caller gave up, up to its own limit,
// and fills the cache for the next caller; `minGapMs` keeps a failing one from being restarted by
// every App Home open.
import type { Logger } from '../logger';
import type { Asker, OncallAnswer, OncallProvider, OncallResult, OncallService, Rotation } from './types';

export interface OncallServiceOptions {
  cacheMs: number;
  /** How long a caller waits for an answer; past it the caller gets a failure (the manual way). */
  timeoutMs: number;
  /** How long the lookup itself may run before it is aborted; defaults to `timeoutMs`. */
  lookupTimeoutMs?: number;
  /** No new lookup of a rotation starts within this time after the last one started; default 0. */
  minGapMs?: number;
  logger: Logger;
  now?: () => number;
}

export function createOncallService(provider: OncallProvider, opts: OncallServiceOptions): OncallService {
  const now = opts.now ?? Date.now;
  const lookupTimeoutMs = opts.lookupTimeoutMs ?? opts.timeoutMs;
  const minGapMs = opts.minGapMs ?? 0;
  const cache = new Map<Rotation, { answer: OncallAnswer; expires: number }>();
  const inFlight = new Map<Rotation, Promise<OncallResult>>();
  const lastStarted = new Map<Rotation, number>();

  const peek = (rotation: Rotation): OncallAnswer | undefined => {
    const hit = cache.get(rotation);
    return hit && hit.expires > now() ? hit.answer : undefined;
  };

  /** Settles with the value of `promise`, or with `late` after `ms`. */
  async function within<T>(promise: Promise<T>, ms: number, late: () => T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late()), ms)));
    try {
      return await Promise.race([promise, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One provider lookup, bounded by its own limit; the answer goes to the cache. Never rejects. */
  async function fetchFresh(rotation: Rotation, asker?: Asker): Promise<OncallResult> {
    const controller = new AbortController();
    const timedOut = (): OncallResult => {
      controller.abort();
      return { ok: false, reason: `timed out after ${lookupTimeoutMs} ms` };
    };
    const attempt = provider.lookup(rotation, controller.signal, asker).then(
      (answer): OncallResult => {
        if (opts.cacheMs > 0) cache.set(rotation, { answer, expires: now() + opts.cacheMs });
        return { ok: true, answer, cached: false };
      },
      (err: unknown): OncallResult => ({
        ok: false,
        reason: err instanceof Error ? err.message : String(err),
      }),
    );
    const result = await within(attempt, lookupTimeoutMs, timedOut);
    if (!result.ok)
      opts.logger.warn({ rotation, provider: provider.name, reason: result.reason }, 'on-call lookup failed');
    return result;
  }

  function shared(rotation: Rotation, asker?: Asker): Promise<OncallResult> | undefined {
    const pending = inFlight.get(rotation);
    if (pending) return pending;
    const last = lastStarted.get(rotation);
    if (last !== undefined && now() - last < minGapMs) return undefined;
    lastStarted.set(rotation, now());
    const started = fetchFresh(rotation, asker).finally(() => inFlight.delete(rotation));
    inFlight.set(rotation, started);
    return started;
  }

  return {
    peek,
    lookup(rotation: Rotation, asker?: Asker): Promise<OncallResult> {
      const hit = peek(rotation);
      if (hit) return Promise.resolve({ ok: true, answer: hit, cached: true });
      const pending = shared(rotation, asker);
      if (!pending)
        return Promise.resolve({ ok: false, reason: `the last lookup started less than ${minGapMs} ms ago` });
      if (lookupTimeoutMs <= opts.timeoutMs) return pending;
      return within(pending, opts.timeoutMs, () => ({
        ok: false,
        reason: `timed out after ${opts.timeoutMs} ms`,
      }));
    },
  };
}
