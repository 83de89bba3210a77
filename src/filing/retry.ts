// When to try again: exponential backoff with jitter for 5xx, timeouts, network errors and 429s
// alike, never sooner than the server's Retry-After; nothing for other 4xx. After the budget the
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
 * every attempt ever made. A rate limit is waited out without spending the budget, but its waits
 * grow with `total`, so a 429 without Retry-After backs off like any other failure.
 */
export function decideRetry(
  error: FilingError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  total = attempt,
): RetryDecision {
  if (error.kind === 'permanent' || total >= policy.maxTotalAttempts) return { retry: false };
  const rateLimited = isRateLimit(error);
  if (!rateLimited && attempt >= policy.maxAttempts) return { retry: false };
  const n = Math.max(1, rateLimited ? total : attempt);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 30));
  const backoff = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const retryAfter = error.details.retryAfterMs;
  if (retryAfter === undefined) return { retry: true, delayMs: backoff };
  // Retry-After is a floor; a little jitter on top keeps replicas from returning in lockstep.
  const floor = retryAfter + Math.round(random() * Math.min(1_000, retryAfter / 10));
  return { retry: true, delayMs: Math.max(floor, backoff) };
}
