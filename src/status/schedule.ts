// When the poller looks at a request again. Each request keeps its own phase in the period (from a
// hash of its id), so N open requests spread over the period instead of all coming due together.
import crypto from 'node:crypto';
import { isSettled } from './changes';
import type { RemoteState } from './types';

/** The poller looks at requests filed in the last 30 days that are not solved or closed. */
export const POLL_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function phase(id: string, periodMs: number): number {
  return crypto.createHash('sha256').update(id).digest().readUInt32BE(0) % periodMs;
}

/** The first time after `now` at the request's phase of the period. */
export function nextPhaseAt(id: string, now: number, periodMs: number): number {
  const offset = phase(id, periodMs);
  const cycles = Math.floor((now - offset) / periodMs) + 1;
  return cycles * periodMs + offset;
}

/** The next poll, or undefined: polling off, the request settled, or filed too long ago. */
export function nextPoll(
  id: string,
  filedAt: number,
  state: RemoteState,
  now: number,
  periodMs: number,
): number | undefined {
  if (periodMs <= 0 || isSettled(state) || filedAt < now - POLL_WINDOW_MS) return undefined;
  return nextPhaseAt(id, now, periodMs);
}

/** Calls per minute one replica makes to each API for status checks: a share of the plans' limits. */
export const CHECKS_PER_MINUTE = { zendesk: 30, gitlab: 120 } as const;

/** Spaces the checks to each service; a 429 pauses that service for its Retry-After. */
export class ServiceLimiter {
  private readonly nextSlot = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly perMinute: Record<keyof typeof CHECKS_PER_MINUTE, number> = CHECKS_PER_MINUTE,
  ) {}

  /** The time this service may be called again, taking the slot when it is now. */
  take(service: keyof typeof CHECKS_PER_MINUTE, now: number): number {
    const paused = this.pausedUntil.get(service) ?? 0;
    const slot = Math.max(this.nextSlot.get(service) ?? 0, paused);
    if (slot > now) return slot;
    this.nextSlot.set(service, now + 60_000 / this.perMinute[service]);
    return now;
  }

  pause(service: string, until: number): void {
    this.pausedUntil.set(service, Math.max(until, this.pausedUntil.get(service) ?? 0));
  }
}
