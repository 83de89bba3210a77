// Remembers Events API event_ids so a retried delivery (X-Slack-Retry-Num, or a Socket Mode
// redelivery) never produces a second reply. This one is in memory: right for a single replica
// (SQLite). Slack may deliver a retry to any replica behind the request URL, so several replicas
// share the PostgreSQL one (dedupe-postgres.ts).
export interface EventDedupe {
  /** True the first time an id is seen within the TTL, false for a repeat. */
  firstSeen(id: string): boolean | Promise<boolean>;
}

export const DEFAULT_DEDUPE_TTL_MS = 15 * 60 * 1000; // Slack retries up to 3 times over about 6 min
const MAX_ENTRIES = 50_000;

export function createEventDedupe(ttlMs = DEFAULT_DEDUPE_TTL_MS, now: () => number = Date.now): EventDedupe {
  // A Map keeps insertion order, so the oldest entries are first and expiry is a prefix sweep.
  const seen = new Map<string, number>();
  const sweep = (t: number): void => {
    for (const [id, expires] of seen) {
      if (expires > t && seen.size <= MAX_ENTRIES) break;
      seen.delete(id);
    }
  };
  return {
    firstSeen(id: string): boolean {
      const t = now();
      sweep(t);
      const expires = seen.get(id);
      if (expires !== undefined && expires > t) return false;
      seen.set(id, t + ttlMs);
      return true;
    },
  };
}
