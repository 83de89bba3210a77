// When to try again: exponential backoff with full jitter for 5xx, timeouts and network errors;
// exactly the server's Retry-After (never less) on 429; nothing for other 4xx. After the budget the
// request is parked as failed, never dropped.
import type { FilingError } from './errors';

export interface RetryPolicy {
  /** Failed attempts per budget (the Retry button starts a new budget); 429s do not count. */
  maxAttempts: number;
  /** Hard cap on attempts of any kind (429s included), so an endless rate limit still ends. */
  maxTotalAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  maxTotalAttempts: 500,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
};

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export const isRateLimit = (error: FilingError): boolean => error.details.status === 429;

/**
 * `attempt` is the number of failed attempts in this budget (1 after the first failure), `total`
 * every attempt ever made. A rate limit is waited out without spending the budget.
 */
export function decideRetry(
  error: FilingError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  total = attempt,
): RetryDecision {
  if (error.kind === 'permanent' || total >= policy.maxTotalAttempts) return { retry: false };
  if (!isRateLimit(error) && attempt >= policy.maxAttempts) return { retry: false };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const retryAfter = error.details.retryAfterMs;
  // Retry-After is a floor; a little jitter on top keeps replicas from returning in lockstep.
  if (retryAfter !== undefined)
    return { retry: true, delayMs: retryAfter + Math.round(random() * Math.min(1_000, retryAfter / 10)) };
  return { retry: true, delayMs: jittered };
}
