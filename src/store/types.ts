import type { AnalyticsStore } from '../analytics/types';
import type { StatusStore } from '../status/types';

// The outbox: one row per submitted form, keyed by the modal's view id. The row is written before
// the ack, and a worker files it afterwards, so a submission survives a crash at any point.

export type SubmissionStatus = 'pending' | 'filed' | 'failed';

/** Where and how to tell the requester about the outcome. */
export interface ReplyTarget {
  /** Channel for a thread reply (a mention); without it the requester gets a DM. */
  channel?: string;
  threadTs?: string;
  /**
   * Where the person asked (the channel, and thread, of an ephemeral answer or a command): if Slack
   * refuses the DM (the app's Messages tab is off), they are told there, visible to them alone.
   */
  askedIn?: { channel: string; threadTs?: string };
}

export interface NewSubmission {
  /** The dedupe key: `${teamId}:${viewId}`. The same view submitted twice maps to one row. */
  id: string;
  teamId: string;
  userId: string;
  routeId: string;
  /** The validated form values and context, as the form module defines them. */
  payload: Record<string, unknown>;
  reply?: ReplyTarget;
}

/** What filing produced: a link for the requester, or (dry-run) what would have been filed. */
export interface FiledResult {
  target: 'gitlab-issue' | 'zendesk-ticket';
  url?: string;
  /** "#123" or "ticket 456", for messages. */
  ref?: string;
  dryRun?: boolean;
  /** Dry-run only: the exact request the bot would have sent. */
  preview?: unknown;
}

export interface Submission extends NewSubmission {
  status: SubmissionStatus;
  /** Attempts started since the row was created (any of them may have reached the remote API). */
  attempts: number;
  /** Attempts counted against the retry budget (reset by the Retry button). */
  budgetUsed: number;
  nextAttemptAt: number;
  result?: FiledResult;
  /**
   * The request as first prepared (opaque to the store; the filing worker wrote it): every retry
   * sends exactly this, so one Idempotency-Key never carries two bodies.
   */
  prepared?: unknown;
  /** Plain words for the requester; never a token, a stack trace or a raw API body. */
  error?: string;
  notified: boolean;
  /** Follow-up steps of the form's kind that are done (or given up on), by name: a later notify attempt skips them. */
  stepsDone: string[];
  /** Notify attempts that started on a later claim (0 for the one right after filing). */
  notifyAttempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface EnqueueResult {
  submission: Submission;
  /** False when this id was already stored (a double submit or a Slack retry). */
  created: boolean;
}

/**
 * Both backends (SQLite and PostgreSQL) implement this. A claim is a lease: one worker owns the row
 * until it finishes or the lease expires (a crashed worker), after which another worker takes over.
 * The owner renews the lease while it works. Every write after a claim checks the lease owner, so a
 * worker that lost its lease changes nothing.
 */
export interface FilingStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Routing analytics, in the same database (its tables come with the migrations). */
  readonly analytics: AnalyticsStore;
  /** Status updates (src/status): what each filed request's requester was last told. */
  readonly status: StatusStore;
  migrate(): Promise<void>;
  enqueue(input: NewSubmission, now: number): Promise<EnqueueResult>;
  /** Claims one row that needs filing (pending and due) or telling (done but not yet notified). */
  claim(owner: string, now: number, leaseMs: number): Promise<Submission | undefined>;
  /**
   * Extends the owner's lease to now + leaseMs: the heartbeat, and the fencing check before a
   * remote write. False when another worker holds the row now (the caller must give up).
   */
  renew(id: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the row back at once (a stopping worker): the next claim takes it without waiting. */
  release(id: string, owner: string, now: number): Promise<boolean>;
  /** Keeps the prepared request with the row (under the lease); later attempts send it unchanged. */
  savePrepared(id: string, owner: string, prepared: unknown, now: number): Promise<boolean>;
  /**
   * Called once by the process that is about to run the worker. SQLite: takes the file's process
   * lock (a second bot on the same file is refused) and frees every lease, since only a dead
   * predecessor can have held them. PostgreSQL: nothing; a dead replica's leases lapse on their
   * own, because the other replicas' leases are alive. Returns how many leases were freed.
   */
  recover(now: number): Promise<number>;
  /** Records the outcome (filed, or parked as failed); the lease stays so the owner can notify next. */
  finish(id: string, owner: string, outcome: FinishOutcome, now: number): Promise<boolean>;
  /**
   * Puts the row back for a later attempt and releases the lease. `refundBudget` gives the attempt
   * back (a rate limit is a wait, not a failure).
   */
  reschedule(
    id: string,
    owner: string,
    nextAttemptAt: number,
    error: string,
    now: number,
    refundBudget?: boolean,
  ): Promise<boolean>;
  /** The requester was told: the row is done and the lease released. */
  markNotified(id: string, owner: string, now: number): Promise<boolean>;
  /** A follow-up step (e.g. the STAR channel notice) is done; the lease stays, the requester is told next. */
  markStepDone(id: string, owner: string, step: string, now: number): Promise<boolean>;
  /** The requester's Retry button: a failed row becomes pending again, with a fresh budget. */
  requeue(id: string, userId: string, now: number): Promise<boolean>;
  get(id: string): Promise<Submission | undefined>;
  listByUser(userId: string, limit: number): Promise<Submission[]>;
  countByStatus(): Promise<Record<SubmissionStatus, number>>;
  close(): Promise<void>;
}

export type FinishOutcome = { status: 'filed'; result: FiledResult } | { status: 'failed'; error: string };
