// Wraps a provider with the promises listeners rely on: answers cached (default 60 s), one lookup
// in flight per rotation, a timeout on each lookup (default 5 s), and failures returned as a value
// so the caller shows the manual way instead of an error. Never pages anyone: lookups only read.
import type { Logger } from '../logger';
import type { OncallAnswer, OncallProvider, OncallResult, OncallService, Rotation } from './types';

export interface OncallServiceOptions {
  cacheMs: number;
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
}

export function createOncallService(provider: OncallProvider, opts: OncallServiceOptions): OncallService {
  const now = opts.now ?? Date.now;
  const cache = new Map<Rotation, { answer: OncallAnswer; expires: number }>();
  const inFlight = new Map<Rotation, Promise<OncallResult>>();

  const peek = (rotation: Rotation): OncallAnswer | undefined => {
    const hit = cache.get(rotation);
    return hit && hit.expires > now() ? hit.answer : undefined;
  };

  async function fetchFresh(rotation: Rotation): Promise<OncallResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`timed out after ${opts.timeoutMs} ms`)); // settles the race before the abort does
        controller.abort();
      }, opts.timeoutMs);
    });
    try {
      const answer = await Promise.race([provider.lookup(rotation, controller.signal), timeout]);
      if (opts.cacheMs > 0) cache.set(rotation, { answer, expires: now() + opts.cacheMs });
      return { ok: true, answer, cached: false };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      opts.logger.warn({ rotation, provider: provider.name, err }, 'on-call lookup failed');
      return { ok: false, reason };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    peek,
    lookup(rotation: Rotation): Promise<OncallResult> {
      const hit = peek(rotation);
      if (hit) return Promise.resolve({ ok: true, answer: hit, cached: true });
      const pending = inFlight.get(rotation);
      if (pending) return pending;
      const started = fetchFresh(rotation).finally(() => inFlight.delete(rotation));
      inFlight.set(rotation, started);
      return started;
    },
  };
}
