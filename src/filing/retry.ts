// When to try again: exponential backoff with full jitter for 5xx, timeouts and network errors;
// exactly the server's Retry-After (never less) on 429; nothing for other 4xx. After the budget the
// request is parked as failed, never dropped.
import type { FilingError } from './errors';

export interface RetryPolicy {
  /** Attempts per budget (the Retry button starts a new budget). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** `attempt` is the number of attempts already made in this budget (1 after the first failure). */
export function decideRetry(
  error: FilingError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (error.kind === 'permanent' || attempt >= policy.maxAttempts) return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const retryAfter = error.details.retryAfterMs;
  // Retry-After is a floor; a little jitter on top keeps replicas from returning in lockstep.
  if (retryAfter !== undefined)
    return { retry: true, delayMs: retryAfter + Math.round(random() * Math.min(1_000, retryAfter / 10)) };
  return { retry: true, delayMs: jittered };
}
