// The status loop, one per replica: adopts newly filed requests (a watch each), claims a due watch
// with a lease (the store decides, so one replica checks a given request), reads the API, compares,
// stores the notice before posting it, posts it, then records what the requester now knows. A crash
// or a Slack outage leaves the watch leased or deferred with its notice stored: the next claim posts
// it. The lease expiring is the only way a notice can be posted twice (a process killed between
// Slack's answer and the store's), as with the filing notices.
import crypto from 'node:crypto';
import { toFilingError } from '../filing/errors';
import type { ChatPoster } from '../filing/notify';
import { realTiming, type Timing } from '../filing/timing';
import type { Logger } from '../logger';
import { detectChanges, statusLabel } from './changes';
import { deliverNotice } from './deliver';
import { statusNotice } from './notice';
import { noticePlace, refKey, trackedRef } from './ref';
import { CHECKS_PER_MINUTE, nextPoll, POLL_WINDOW_MS, ServiceLimiter } from './schedule';
import { present } from './store-sql';
import type { PendingNotice, RemoteState, StatusStore, Watch } from './types';

export type ReadState = (watch: Watch) => Promise<RemoteState>;

export interface StatusWorkerOptions {
  store: StatusStore;
  /** Reads the ticket or issue; undefined for a service the bot has no credentials for. */
  readers: { zendesk?: ReadState; gitlab?: ReadState };
  client: ChatPoster;
  /** The form's title for a route id (the notice names the request by it). */
  titleOf: (routeId: string) => string;
  logger: Logger;
  /** STATUS_POLL_SECONDS in ms; 0 turns the poller off (webhooks and the first look only). */
  pollMs: number;
  timing?: Timing;
  owner?: string;
  leaseMs?: number;
  /** How often an idle loop looks for due watches and newly filed requests (a webhook wakes it). */
  idleMs?: number;
  /** Attempts at one notice before it is given up on (each after a backoff). */
  maxAttempts?: number;
  /** Checks per minute per service (default CHECKS_PER_MINUTE). */
  checksPerMinute?: Record<keyof typeof CHECKS_PER_MINUTE, number>;
  /** After a notice was posted (main refreshes the requester's App Home). */
  afterNotice?: (watch: Watch) => Promise<void>;
}

const HOUR = 60 * 60 * 1000;
/** A request told it was filed longer ago than this when adopted is looked at quietly the first time. */
export const QUIET_AFTER_MS = 10 * 60 * 1000;
/** The longest wait for a service's next slot slept in place (the spacing is 0.5-2 s). */
const MAX_SLEEP_MS = 10_000;

export class StatusWorker {
  readonly owner: string;
  private readonly timing: Timing;
  private readonly limiter: ServiceLimiter;
  private stopping = new AbortController();
  private wakeUp = new AbortController();
  private loopDone?: Promise<void> | undefined;
  private lastPurge = 0;

  constructor(private readonly o: StatusWorkerOptions) {
    this.owner = o.owner ?? `status-${crypto.randomBytes(4).toString('hex')}`;
    this.timing = o.timing ?? realTiming;
    this.limiter = new ServiceLimiter(o.checksPerMinute);
  }

  start(): void {
    if (this.loopDone) return;
    this.stopping = new AbortController();
    this.loopDone = this.loop();
  }

  async stop(graceMs = 5_000): Promise<void> {
    this.stopping.abort();
    this.wakeUp.abort();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.loopDone, grace]);
    clearTimeout(timer);
    this.loopDone = undefined;
  }

  wake(): void {
    this.wakeUp.abort();
  }

  /** Adopts, then checks due watches until none is left (tests use it; start() runs it in a loop). */
  async drain(): Promise<number> {
    await this.adopt();
    let n = 0;
    while (await this.runOnce()) n += 1;
    return n;
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      let worked = false;
      try {
        await this.adopt();
        worked = await this.runOnce();
      } catch (err) {
        this.o.logger.error({ err }, 'status worker: store error');
      }
      if (worked || this.stopping.signal.aborted) continue;
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      await this.timing.sleep(this.o.idleMs ?? 1_000, this.wakeUp.signal);
    }
  }

  /** Gives each newly filed and notified request a watch; its first look (the baseline) is due now. */
  async adopt(): Promise<number> {
    const { store } = this.o;
    const now = this.timing.now();
    if (now - this.lastPurge > HOUR) {
      this.lastPurge = now;
      await store.purgeDeliveries(now);
    }
    const found = await store.adoptable(now - POLL_WINDOW_MS, 50);
    for (const c of found) {
      const tracked = trackedRef(c.result);
      await store.addWatch(
        {
          submissionId: c.submissionId,
          userId: c.userId,
          routeId: c.routeId,
          refKey: tracked ? refKey(tracked.ref) : '',
          ...(tracked ? { ref: tracked.ref, url: tracked.url, dueAt: now } : {}),
          place: noticePlace(c.userId, c.places, c.reply),
          filedAt: c.createdAt,
          quietFirst: now - c.notifiedAt > QUIET_AFTER_MS,
        },
        now,
      );
    }
    return found.length;
  }

  /** Claims one due watch and checks it; false when none was due. */
  async runOnce(): Promise<boolean> {
    const watch = await this.o.store.claim(this.owner, this.timing.now(), this.o.leaseMs ?? 120_000);
    if (!watch) return false;
    const log = this.o.logger.child({ submission: watch.submissionId, ref: watch.refKey });
    if (watch.pending) await this.notify(watch, watch.pending, log);
    else await this.check(watch, log);
    return true;
  }

  private async check(watch: Watch, log: Logger): Promise<void> {
    const { store } = this.o;
    const service = watch.ref?.service;
    const read = service ? this.o.readers[service] : undefined;
    if (!service || !read) {
      log.debug({ service }, 'status check skipped: nothing to read it with');
      // No credentials for this service (or nothing to track): look again in an hour, in case of a restart with them.
      await store.defer(watch.submissionId, this.owner, this.timing.now() + HOUR, this.timing.now());
      return;
    }
    // A short wait for the service's next slot is slept here, holding the lease (a deferral would
    // make every due watch come back for the same slot); a long one (a 429's pause) is a deferral.
    let slot = this.limiter.take(service, this.timing.now());
    if (slot > this.timing.now() && slot - this.timing.now() <= MAX_SLEEP_MS) {
      await this.timing.sleep(slot - this.timing.now(), this.stopping.signal);
      slot = this.limiter.take(service, this.timing.now());
    }
    if (slot > this.timing.now()) {
      log.debug({ slot }, 'status check deferred: the service is paused or busy');
      await store.defer(watch.submissionId, this.owner, slot, this.timing.now());
      return;
    }
    let state: RemoteState;
    try {
      state = await read(watch);
    } catch (thrown) {
      await this.readFailed(watch, thrown, log);
      return;
    }
    const changes = !watch.snapshot && watch.quietFirst ? [] : detectChanges(watch.snapshot, state);
    const label = statusLabel(state);
    log.debug({ changes: changes.map((c) => c.kind), label }, 'status checked');
    if (changes.length === 0) {
      await this.done(watch, state, label);
      return;
    }
    const pending: PendingNotice = { changes, snapshot: state, label };
    if (!(await store.savePending(watch.submissionId, this.owner, pending, this.timing.now()))) return;
    await this.notify(watch, pending, log);
  }

  private async readFailed(watch: Watch, thrown: unknown, log: Logger): Promise<void> {
    const now = this.timing.now();
    const err = toFilingError(thrown);
    const status = err.details.status;
    if (status === 404) {
      log.warn('the ticket or issue is gone; no more status updates for it');
      await this.o.store.close(watch.submissionId, this.owner, now);
      return;
    }
    if (err.details.retryAfterMs !== undefined && watch.ref)
      this.limiter.pause(watch.ref.service, now + err.details.retryAfterMs);
    const wait =
      err.details.retryAfterMs ??
      (err.kind === 'retryable' ? backoff(watch.attempts, this.timing.random()) : HOUR);
    // The answer's shape (a zod error) or a refusal is the operator's to fix; it is logged, never shown.
    log.warn(
      { err: thrown instanceof Error ? thrown.message : String(thrown), status, waitMs: wait },
      'status check failed',
    );
    await this.o.store.defer(watch.submissionId, this.owner, now + wait, now);
  }

  private async notify(watch: Watch, pending: PendingNotice, log: Logger): Promise<void> {
    const { store } = this.o;
    const now = this.timing.now();
    if (!watch.ref || !watch.url) return void (await store.close(watch.submissionId, this.owner, now));
    const input = {
      userId: watch.userId,
      title: this.o.titleOf(watch.routeId),
      ref: watch.ref,
      url: watch.url,
    };
    const place = watch.place ?? { kind: 'dm' as const, channel: watch.userId };
    try {
      const delivery = await deliverNotice(this.o.client, watch.userId, place, (p) =>
        statusNotice({ ...input, place: p, changes: pending.changes }),
      );
      if (delivery === 'refused')
        log.error({ channel: place.channel }, 'Slack refused the status notice; not retried');
      else log.info({ changes: pending.changes.map((c) => c.kind) }, 'status notice posted');
    } catch (err) {
      if (watch.attempts < (this.o.maxAttempts ?? 8)) {
        log.warn({ err }, 'could not post the status notice; will try again');
        await store.defer(
          watch.submissionId,
          this.owner,
          now + backoff(watch.attempts, this.timing.random()),
          now,
        );
        return;
      }
      log.error({ err }, 'could not post the status notice; giving up');
    }
    await this.done(watch, pending.snapshot, pending.label);
    await this.o.afterNotice?.(watch).catch(() => undefined);
  }

  private async done(watch: Watch, state: RemoteState, label: string): Promise<void> {
    const now = this.timing.now();
    const zendeskClosed = state.service === 'zendesk' && state.status === 'closed';
    await this.o.store.finish(
      watch.submissionId,
      this.owner,
      {
        snapshot: state,
        label,
        active: !zendeskClosed,
        ...present('nextDueAt', nextPoll(watch.submissionId, watch.filedAt, state, now, this.o.pollMs)),
      },
      watch.requests,
      now,
    );
  }
}

/** 30 s, 1, 2, 4 ... minutes, capped at an hour, with jitter. */
function backoff(attempts: number, random: number): number {
  const base = Math.min(HOUR, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random * 0.5));
}
