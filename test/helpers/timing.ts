// A manual clock for the worker: sleeps resolve at once and advance time, so backoff schedules of
// minutes run in milliseconds and tests can read exactly what was scheduled.
import type { Timing } from '../../src/filing/worker';

export function fakeTiming(
  start = 1_700_000_000_000,
): Timing & { advance(ms: number): void; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    random: () => 0.5,
    advance(ms: number) {
      now += ms;
    },
    async sleep(ms: number) {
      slept.push(ms);
      now += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}
