// Status updates: what the bot tracks for each filed request, what it last told the requester, and
// the store methods that keep it durable. A webhook or the poller only asks for a check; the check
// reads the API, compares with what the requester was told, and posts at most one notice per change.
import type { PostedRole } from '../filing/notify';

/** The ticket or issue a filed request became. */
export type TrackedRef =
  { service: 'zendesk'; ticketId: number } | { service: 'gitlab'; project: string; iid: number };

/** Where a notice goes: the place the filing notice went. */
export interface Place {
  kind: 'dm' | 'thread' | 'ephemeral';
  channel: string;
  /** The thread to answer in (a mention's thread, or the STAR channel notice). */
  threadTs?: string;
}

export interface Person {
  id?: number | string;
  name: string;
}

/** What the API says now, reduced to what a notice may tell (never content). */
export type RemoteState =
  | {
      service: 'zendesk';
      status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
      updatedAt: string;
      assignee?: Person;
      /** The latest public comment by an agent other than the requester and the bot itself. */
      lastReply?: { id: number; author: string; at: string };
    }
  | {
      service: 'gitlab';
      state: 'opened' | 'closed';
      updatedAt: string;
      assignees: Person[];
      labels: string[];
      closedBy?: string;
      closedAt?: string;
    };

/** One thing worth telling the requester. `at` is an ISO time; `who` a display name. */
export type Change =
  | { kind: 'status'; to: string; from?: string; at: string; who?: string }
  | { kind: 'reopened'; at: string; who?: string }
  | { kind: 'reply'; at: string; who: string }
  | { kind: 'assigned'; at: string; who: string };

/** A notice computed and stored before it is posted, so a crash or a Slack outage only delays it. */
export interface PendingNotice {
  changes: Change[];
  /** What the requester knows once this notice is posted. */
  snapshot: RemoteState;
  label: string;
}

export interface Watch {
  submissionId: string;
  userId: string;
  routeId: string;
  /** `zendesk:123` or `gitlab:group/project#12`; empty for a request that cannot be tracked (dry run). */
  refKey: string;
  ref?: TrackedRef;
  url?: string;
  place?: Place;
  snapshot?: RemoteState;
  pending?: PendingNotice;
  label?: string;
  active: boolean;
  filedAt: number;
  dueAt?: number;
  /** Incremented by each webhook: a check that began before a webhook is followed by another. */
  requests: number;
  attempts: number;
  /**
   * The first look takes what it finds as known, telling nothing: a request whose filing notice went
   * out long before it was adopted (filed before this feature ran) is not told its whole history.
   */
  quietFirst: boolean;
}

/** A watch as adoption creates it; the first look (the baseline) is due at once. */
export type NewWatch = Pick<
  Watch,
  'submissionId' | 'userId' | 'routeId' | 'refKey' | 'ref' | 'url' | 'place' | 'filedAt' | 'dueAt'
> & { quietFirst?: boolean };

/** A filed, notified request without a watch yet, with the places its filing notices went. */
export interface AdoptCandidate {
  submissionId: string;
  userId: string;
  routeId: string;
  result: unknown;
  reply: unknown;
  createdAt: number;
  /** When the requester was told it was filed (the row's last update). */
  notifiedAt: number;
  places: { requester?: Place; followUp?: Place };
}

export interface CheckOutcome {
  snapshot: RemoteState;
  label: string;
  /** The next poll, or undefined when only a webhook will look again. */
  nextDueAt?: number;
  /** False once the ticket or issue is gone or closed for good. */
  active: boolean;
}

export type RecordResult = 'recorded' | 'duplicate' | 'unknown';

/** The status tables, in the same database as the outbox (SQLite or PostgreSQL). */
export interface StatusStore {
  /** The filing notice went there (its role: the requester's notice, or the STAR channel notice). */
  recordPlace(submissionId: string, role: PostedRole, place: Place, now: number): Promise<void>;
  /** Filed and notified requests (created since `since`) that have no watch yet. */
  adoptable(since: number, limit: number): Promise<AdoptCandidate[]>;
  addWatch(watch: NewWatch, now: number): Promise<boolean>;
  /** A webhook asked for a check of this ticket or issue; a delivery id seen before is a duplicate. */
  requestCheck(refKey: string, deliveryId: string | undefined, now: number): Promise<RecordResult>;
  /** Takes one due watch for `leaseMs`; nobody else checks it meanwhile. */
  claim(owner: string, now: number, leaseMs: number): Promise<Watch | undefined>;
  /** Stores the notice to post (under the lease), before it is posted. */
  savePending(id: string, owner: string, pending: PendingNotice, now: number): Promise<boolean>;
  /** The check (and its notice, if any) is done: snapshot kept, lease released, next check set. */
  finish(
    id: string,
    owner: string,
    outcome: CheckOutcome,
    claimedRequests: number,
    now: number,
  ): Promise<boolean>;
  /** Try again at `dueAt` (an API or Slack failure, a rate limit); a stored notice is kept. */
  defer(id: string, owner: string, dueAt: number, now: number): Promise<boolean>;
  /** Stops watching a ticket or issue that is gone (deleted, or nothing to track). */
  close(id: string, owner: string, now: number): Promise<boolean>;
  /** The current status label of each request that has one. */
  labels(submissionIds: readonly string[]): Promise<Map<string, string>>;
  get(submissionId: string): Promise<Watch | undefined>;
  /** Forgets delivery ids whose time is up. */
  purgeDeliveries(now: number): Promise<number>;
}
