// The outbox worker: claims a due row, files it (or, in dry-run, records what it would file), then
// tells the requester. The claim is a lease, renewed by a heartbeat while the work runs and checked
// before each remote write (lease.ts). A restart re-enters here: pending rows are due again, and a
// lapsed or freed lease (a worker that died mid-call) hands the row to the next claim, whose attempt
// looks for the issue or replays the Zendesk key before creating anything.
import crypto from 'node:crypto';
import type { FilingOutcome } from '../analytics/recorder';
import type { Logger } from '../logger';
import type { FiledResult, FilingStore, Submission } from '../store/types';
import { FilingError, toFilingError } from './errors';
import { HeldLease, LeaseLostError } from './lease';
import { decideRetry, DEFAULT_RETRY, isRateLimit, type RetryPolicy } from './retry';
import { realTiming, type Timing } from './timing';
import type { Filer, FilingRequest, Notifier, NotifyContext, PrepareFiling } from './types';

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
  /** How long a claim holds without a heartbeat; longer than one call (config checks it at boot). */
  leaseMs?: number;
  /** How often an idle worker looks for due rows (enqueue also wakes it at once). */
  pollMs?: number;
  concurrency?: number;
  owner?: string;
  /** Notify attempts before a row is closed anyway (each waits for the lease to expire). */
  maxNotifyAttempts?: number;
  /** Told each final outcome (filed, dry run, parked as failed): metrics and routing analytics. */
  onOutcome?: (outcome: FilingOutcome) => void;
  /**
   * After the requester was told and that was recorded (e.g. refresh their App Home): it runs
   * once per state change, never again when a later claim repeats the notice. Failures are logged.
   */
  afterNotify?: (submission: Submission) => Promise<void>;
  /**
   * Where a submission will be filed, when that is known without preparing it (from its route), so
   * a service that asked the bot to wait costs no preparation work (no Slack lookups) either.
   */
  targetOf?: (submission: Submission) => FilingRequest['target'] | undefined;
}

export const DEFAULT_LEASE_MS = 25_000;

/** The prepared request an earlier attempt stored with the row, when there is one. */
function storedRequest(row: Submission): FilingRequest | undefined {
  const p = row.prepared as { target?: unknown } | undefined;
  return p?.target === 'gitlab-issue' || p?.target === 'zendesk-ticket' ? (p as FilingRequest) : undefined;
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
  /** The rows being worked on now, so stop() can cut them off and hand them back. */
  private readonly held = new Set<HeldLease>();
  /** Set once stop() hands rows back: a claim that lands after that is handed back too. */
  private handingBack = false;
  /** Per target (gitlab-issue, zendesk-ticket): no calls before this time (after a 429). */
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly o: WorkerOptions) {
    this.owner = o.owner ?? `worker-${crypto.randomBytes(4).toString('hex')}`;
    this.timing = o.timing ?? realTiming;
    this.policy = o.policy ?? DEFAULT_RETRY;
    this.leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
    this.pollMs = o.pollMs ?? 1_000;
    this.maxNotifyAttempts = o.maxNotifyAttempts ?? 5;
  }

  start(): void {
    if (this.loops.length > 0) return;
    this.stopping = new AbortController();
    this.handingBack = false;
    const n = Math.max(1, this.o.concurrency ?? 4);
    this.loops = Array.from({ length: n }, (_, i) => this.loop(`${this.owner}/${i}`));
  }

  /**
   * Stops claiming, lets the work in flight finish for up to graceMs, then cuts off what is left and
   * frees those rows, so the next process (or another replica) takes them at once. Returns when
   * every loop has ended: only then may the store close.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping.abort();
    this.wakeUp.abort();
    const loops = Promise.all(this.loops);
    if (!(await settlesWithin(loops, graceMs))) {
      this.handingBack = true;
      const cut = [...this.held];
      for (const lease of cut) lease.giveUp('the worker is stopping');
      // The row may have reached GitLab or Zendesk: its attempts count says so, and the next
      // attempt looks for the issue or ticket before creating one.
      await Promise.all(
        cut.map((lease) =>
          this.o.store.release(lease.id, lease.owner, this.timing.now()).catch((err: unknown) => {
            this.o.logger.warn({ err, submission: lease.id }, 'could not free a row; its lease will lapse');
          }),
        ),
      );
      this.o.logger.info({ released: cut.length }, 'filing worker stopped; rows in flight handed back');
      await loops;
    }
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
    const { store, logger } = this.o;
    const row = await store.claim(owner, this.timing.now(), this.leaseMs);
    if (!row) return false;
    if (this.handingBack) {
      await store.release(row.id, owner, this.timing.now());
      return true;
    }
    const log = logger.child({ submission: row.id, route: row.routeId, attempt: row.attempts });
    const lease = new HeldLease({ store, timing: this.timing, log, leaseMs: this.leaseMs }, row.id, owner);
    this.held.add(lease);
    lease.start();
    try {
      const current = row.status === 'pending' ? await this.file(row, lease, log) : row;
      if (current && !lease.lost) await this.notify(current, lease);
    } finally {
      lease.end();
      this.held.delete(lease);
    }
    return true;
  }

  /** The request to send: the one stored with the row, or prepared now and stored before it is sent. */
  private async request(row: Submission, lease: HeldLease): Promise<FilingRequest> {
    const stored = storedRequest(row);
    if (stored) return stored;
    const request = await lease.race(this.o.prepare(row));
    if (!(await this.o.store.savePrepared(row.id, lease.owner, request, this.timing.now()))) {
      lease.giveUp('another worker took the row while it was prepared');
      throw new LeaseLostError('the row is no longer this worker’s');
    }
    return request;
  }

  /** While a service asks the bot to wait (429), its rows are put back without any work. */
  private async waitIfPaused(
    row: Submission,
    target: string | undefined,
    lease: HeldLease,
  ): Promise<boolean> {
    const pausedUntil = target && this.o.mode === 'live' ? (this.pausedUntil.get(target) ?? 0) : 0;
    if (pausedUntil <= this.timing.now()) return false;
    const at = pausedUntil + Math.round(this.timing.random() * 1_000);
    const error = row.error ?? 'Waiting for the rate limit.';
    await this.o.store.reschedule(row.id, lease.owner, at, error, this.timing.now(), true);
    return true;
  }

  /** One attempt; returns the finished row to notify, or undefined when it was rescheduled. */
  private async file(row: Submission, lease: HeldLease, log: Logger): Promise<Submission | undefined> {
    const { store } = this.o;
    const owner = lease.owner;
    // The pause is checked before any preparation work.
    let target: string | undefined = storedRequest(row)?.target ?? this.o.targetOf?.(row);
    let result: FiledResult;
    try {
      if (await this.waitIfPaused(row, target, lease)) return undefined;
      const request = await this.request(row, lease);
      target = request.target;
      if (await this.waitIfPaused(row, target, lease)) return undefined;
      result =
        this.o.mode === 'dry-run'
          ? { target: request.target, dryRun: true, preview: request }
          : await lease.race(
              this.o.filer.file(request, {
                key: row.id,
                mayExist: row.attempts > 1,
                signal: lease.signal,
                beforeWrite: () => lease.check(),
              }),
            );
    } catch (thrown) {
      if (lease.lost) {
        // Another worker has the row now, or this one is stopping (stop() frees it): write nothing.
        log.warn({ reason: (lease.signal.reason as Error).message }, 'filing attempt given up');
        return undefined;
      }
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
    // Every 429 pauses its service, with or without Retry-After: the other rows wait too.
    if (rateLimited && target && decision.retry) {
      const until = this.timing.now() + decision.delayMs;
      this.pausedUntil.set(target, Math.max(until, this.pausedUntil.get(target) ?? 0));
    }
    const reasons = err.details.reasons ? { reasons: err.details.reasons } : {};
    if (decision.retry) {
      log.warn(
        { kind: err.kind, status: err.details.status, delayMs: decision.delayMs, ...reasons, ...cause },
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

  private async notify(row: Submission, lease: HeldLease): Promise<void> {
    const { store } = this.o;
    const owner = lease.owner;
    const log = this.o.logger.child({ submission: row.id, notifyAttempt: row.notifyAttempts + 1 });
    const context: NotifyContext = {
      log,
      stepDone: async (step) => {
        if (!(await store.markStepDone(row.id, owner, step, this.timing.now())))
          throw new LeaseLostError('lost the lease while notifying');
      },
    };
    try {
      await lease.race(this.o.notifier.notify(row, context));
    } catch (err) {
      if (lease.lost) return; // the next owner tells them
      if (row.notifyAttempts + 1 < this.maxNotifyAttempts) {
        // The lease lapses and the next claim tries again: the requester is told at least once.
        log.warn({ err }, 'could not notify the requester; will try again');
        return;
      }
      // Slack failing every time must end somewhere: the row is closed and the failure kept in the log.
      log.error({ err }, 'could not notify the requester; giving up');
    }
    // Recorded before anything that may repeat: a crash after this line never tells them twice.
    if (!(await store.markNotified(row.id, owner, this.timing.now()))) return;
    await this.o.afterNotify?.(row).catch((err: unknown) => log.warn({ err }, 'after-notify step failed'));
  }
}

/** True when `work` settled within ms. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  const done = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
