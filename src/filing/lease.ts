// A claimed row, held for as long as the work on it runs. The lease is short (FILING_LEASE_MS), so a
// dead worker's rows come back soon; a heartbeat renews it while an attempt runs, and before each
// remote write the filer asks `check()`, the fencing check: if another worker has taken the row
// meanwhile, the write is not sent. Losing the row (or the worker stopping) aborts `signal`, which
// cuts off the calls in flight.
import type { Logger } from '../logger';
import type { FilingStore } from '../store/types';
import type { Timing } from './timing';

/** Thrown into an attempt whose row is no longer this worker's: it ends without writing anything. */
export class LeaseLostError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'LeaseLostError';
  }
}

export interface LeaseDeps {
  store: FilingStore;
  timing: Timing;
  log: Logger;
  leaseMs: number;
}

export class HeldLease {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly deps: LeaseDeps,
    readonly id: string,
    readonly owner: string,
  ) {}

  /** Aborted when the row was lost or given up; every call of the attempt listens to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    return this.controller.signal.aborted;
  }

  /** Renews the lease every third of its length: two missed beats still leave it held. */
  start(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.ended) return;
    // A real timer even under a test clock: the heartbeat must not move the clock it reads.
    this.timer = setTimeout(() => void this.beat(), Math.max(10, Math.floor(this.deps.leaseMs / 3)));
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    try {
      if (!(await this.renew())) this.giveUp('another worker took the row');
    } catch (err) {
      // A store hiccup: the lease still runs, and the next beat (or the fencing check) tries again.
      this.deps.log.warn({ err }, 'could not renew the lease');
    }
    this.schedule();
  }

  private renew(): Promise<boolean> {
    const { store, timing, leaseMs } = this.deps;
    return store.renew(this.id, this.owner, timing.now(), leaseMs);
  }

  /** The fencing check before a remote write: renews the lease, or throws when it is gone. */
  async check(): Promise<void> {
    if (this.lost || !(await this.renew())) {
      this.giveUp('another worker took the row');
      throw new LeaseLostError('the row is no longer this worker’s');
    }
  }

  /** Ends the work on this row: aborts its calls and stops the heartbeat. */
  giveUp(reason: string): void {
    if (!this.lost) this.controller.abort(new LeaseLostError(reason));
    this.end();
  }

  /** Waits for `work`, or rejects as soon as the row is lost or given up. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort!));
  }

  end(): void {
    this.ended = true;
    clearTimeout(this.timer);
  }
}
