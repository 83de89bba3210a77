// The outbox worker: claims a due row, files it (or, in dry-run, records what it would file), then
// tells the requester. A restart re-enters here: pending rows are due again, and an expired lease
// (a worker that died mid-call) hands the row to the next claim, whose attempt looks for the issue
// or replays the Zendesk key before creating anything.
import crypto from 'node:crypto';
import type { FilingOutcome } from '../analytics/recorder';
import type { Logger } from '../logger';
import type { FiledResult, FilingStore, Submission } from '../store/types';
import { FilingError, toFilingError } from './errors';
import { decideRetry, DEFAULT_RETRY, isRateLimit, type RetryPolicy } from './retry';
import { realTiming, type Timing } from './timing';
import type { Filer, Notifier, NotifyContext, PrepareFiling } from './types';

export { realTiming, type Timing } from './timing';

export interface WorkerOptions {
  store: FilingStore;
  prepare: PrepareFiling;
  filer: Filer;
  notifier: Notifier;
  logger: Logger;
  mode: 'live' | 'dry-run';
  /** Defaults to the real clock. */
  timing?: Timing | undefined;
  policy?: RetryPolicy;
  /** Longer than the slowest attempt (a few calls, each with its own timeout). */
  leaseMs?: number;
  /** How often an idle worker looks for due rows (enqueue also wakes it at once). */
  pollMs?: number;
  concurrency?: number;
  owner?: string;
  /** Notify attempts before a row is closed anyway (each waits for the lease to expire). */
  maxNotifyAttempts?: number;
  /** Told each final outcome (filed, dry run, parked as failed): metrics and routing analytics. */
  onOutcome?: (outcome: FilingOutcome) => void;
}

export class FilingWorker {
  readonly owner: string;
  private readonly timing: Timing;
  private readonly policy: RetryPolicy;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxNotifyAttempts: number;
  private stopping = new AbortController();
  private wakeUp = new AbortController();
  private loops: Promise<void>[] = [];
  /** Per target (gitlab-issue, zendesk-ticket): no calls before this time (after a 429). */
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly o: WorkerOptions) {
    this.owner = o.owner ?? `worker-${crypto.randomBytes(4).toString('hex')}`;
    this.timing = o.timing ?? realTiming;
    this.policy = o.policy ?? DEFAULT_RETRY;
    this.leaseMs = o.leaseMs ?? 120_000;
    this.pollMs = o.pollMs ?? 1_000;
    this.maxNotifyAttempts = o.maxNotifyAttempts ?? 5;
  }

  start(): void {
    if (this.loops.length > 0) return;
    this.stopping = new AbortController();
    const n = Math.max(1, this.o.concurrency ?? 4);
    this.loops = Array.from({ length: n }, (_, i) => this.loop(`${this.owner}/${i}`));
  }

  /** Lets the calls in flight finish (up to graceMs), then returns; unclaimed rows stay for the next start. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping.abort();
    this.wakeUp.abort();
    // Calls still running after the grace period are abandoned: their leases expire and the next
    // claim files them, looking for what they may already have created.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(this.loops), grace]);
    clearTimeout(timer);
    this.loops = [];
  }

  /** Called after an enqueue so the new row is filed now, not at the next poll. */
  wake(): void {
    this.wakeUp.abort();
  }

  /** Processes due rows until none is left (tests and the bench use it; start() runs it in loops). */
  async drain(owner = this.owner): Promise<number> {
    let n = 0;
    while (await this.runOnce(owner)) n += 1;
    return n;
  }

  private async loop(owner: string): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let worked = false;
      try {
        worked = await this.runOnce(owner);
      } catch (err) {
        this.o.logger.error({ err }, 'filing worker: store error');
      }
      if (worked || this.stopping.signal.aborted) continue;
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      await this.timing.sleep(this.pollMs, this.wakeUp.signal);
    }
  }

  /** Claims and handles one row; false when nothing was due. */
  async runOnce(owner = this.owner): Promise<boolean> {
    const row = await this.o.store.claim(owner, this.timing.now(), this.leaseMs);
    if (!row) return false;
    const current = row.status === 'pending' ? await this.file(row, owner) : row;
    if (current) await this.notify(current, owner);
    return true;
  }

  /** One attempt; returns the finished row to notify, or undefined when it was rescheduled. */
  private async file(row: Submission, owner: string): Promise<Submission | undefined> {
    const { store, logger } = this.o;
    const log = logger.child({ submission: row.id, route: row.routeId, attempt: row.attempts });
    let target: string | undefined;
    let result: FiledResult;
    try {
      const request = await this.o.prepare(row);
      target = request.target;
      // A service that just answered 429 is left alone until its Retry-After has passed.
      const pausedUntil = this.o.mode === 'live' ? (this.pausedUntil.get(target) ?? 0) : 0;
      if (pausedUntil > this.timing.now()) {
        const at = pausedUntil + Math.round(this.timing.random() * 1_000);
        await store.reschedule(
          row.id,
          owner,
          at,
          row.error ?? 'Waiting for the rate limit.',
          this.timing.now(),
          true,
        );
        return undefined;
      }
      result =
        this.o.mode === 'dry-run'
          ? { target: request.target, dryRun: true, preview: request }
          : await this.o.filer.file(request, { key: row.id, mayExist: row.attempts > 1 });
    } catch (thrown) {
      return this.failed(row, owner, thrown, target, log);
    }
    // Outside the try: a store error is not a filing failure; the lease expires and the row is retried.
    if (!(await store.finish(row.id, owner, { status: 'filed', result }, this.timing.now())))
      return undefined;
    log.info({ ref: result.ref, dryRun: this.o.mode === 'dry-run' }, 'filed');
    const outcome = result.dryRun ? 'dry_run' : 'filed';
    this.o.onOutcome?.({ submission: row, outcome, target: result.target, at: this.timing.now() });
    return { ...row, status: 'filed', result, notifyAttempts: 0 };
  }

  /** Reschedules a failed attempt, or parks the row as failed; returns the parked row to notify. */
  private async failed(
    row: Submission,
    owner: string,
    thrown: unknown,
    target: string | undefined,
    log: Logger,
  ): Promise<Submission | undefined> {
    const { store } = this.o;
    const err = toFilingError(thrown);
    // A FilingError already says what happened; anything else is kept whole (the logger scrubs it).
    const cause = thrown instanceof FilingError ? {} : { err: thrown };
    const decision = decideRetry(err, row.budgetUsed, this.policy, this.timing.random, row.attempts);
    const rateLimited = isRateLimit(err);
    if (rateLimited && target && err.details.retryAfterMs !== undefined) {
      const until = this.timing.now() + err.details.retryAfterMs;
      this.pausedUntil.set(target, Math.max(until, this.pausedUntil.get(target) ?? 0));
    }
    if (decision.retry) {
      log.warn(
        { kind: err.kind, status: err.details.status, delayMs: decision.delayMs, ...cause },
        'filing attempt failed; will retry',
      );
      await store.reschedule(
        row.id,
        owner,
        this.timing.now() + decision.delayMs,
        err.userMessage,
        this.timing.now(),
        rateLimited,
      );
      return undefined;
    }
    const reasons = err.details.reasons ? { reasons: err.details.reasons } : {};
    log.error({ kind: err.kind, status: err.details.status, ...reasons, ...cause }, 'filing failed; parked');
    const error = `${err.userMessage}${err.kind === 'retryable' ? ` (gave up after ${row.budgetUsed} attempts)` : ''}`;
    if (!(await store.finish(row.id, owner, { status: 'failed', error }, this.timing.now())))
      return undefined;
    this.o.onOutcome?.({
      submission: row,
      outcome: 'failed',
      ...(target ? { target } : {}),
      at: this.timing.now(),
    });
    return { ...row, status: 'failed', error, notifyAttempts: 0 };
  }

  private async notify(row: Submission, owner: string): Promise<void> {
    const { store } = this.o;
    const log = this.o.logger.child({ submission: row.id, notifyAttempt: row.notifyAttempts + 1 });
    const context: NotifyContext = {
      log,
      stepDone: async (step) => {
        if (!(await store.markStepDone(row.id, owner, step, this.timing.now())))
          throw new Error('lost the lease while notifying');
      },
    };
    try {
      await this.o.notifier.notify(row, context);
      await store.markNotified(row.id, owner, this.timing.now());
    } catch (err) {
      if (row.notifyAttempts + 1 < this.maxNotifyAttempts) {
        // The lease expires and the next claim tries again: the requester is told at least once.
        log.warn({ err }, 'could not notify the requester; will try again');
        return;
      }
      // Slack failing every time must end somewhere: the row is closed and the failure kept in the log.
      log.error({ err }, 'could not notify the requester; giving up');
      await store.markNotified(row.id, owner, this.timing.now());
    }
  }
}
