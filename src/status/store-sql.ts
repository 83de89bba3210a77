// The status store, written once for both backends on the analytics' SqlRunner (`?` placeholders).
// Only the claim differs: PostgreSQL locks the due row with FOR UPDATE SKIP LOCKED, SQLite runs the
// claim as one UPDATE ... RETURNING statement (atomic on its single writer).
import type { SqlRunner } from '../analytics/sql';
import type {
  AdoptCandidate,
  CheckOutcome,
  PendingNotice,
  Place,
  RecordResult,
  StatusStore,
  Watch,
} from './types';

export type Dialect = 'sqlite' | 'postgres';

/** A delivery id is remembered this long: Zendesk's and GitLab's retries come well within it. */
export const DELIVERY_TTL_MS = 24 * 60 * 60 * 1000;

interface WatchRow {
  submission_id: string;
  user_id: string;
  route_id: string;
  ref_key: string;
  ref: string | null;
  url: string | null;
  place: string | null;
  snapshot: string | null;
  pending: string | null;
  label: string | null;
  active: number | string;
  filed_at: number | string;
  due_at: number | string | null;
  requests: number | string;
  attempts: number | string;
  quiet_first: number | string;
}

/** pg gives JSONB as objects and SQLite as text; both come back as a value (or undefined). */
export function fromJson<T>(value: unknown): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** `{ [key]: value }` when there is a value, else nothing: optional fields stay absent, not undefined. */
export const present = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === undefined || value === null || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;

function toWatch(row: WatchRow): Watch {
  return {
    submissionId: row.submission_id,
    userId: row.user_id,
    routeId: row.route_id,
    refKey: row.ref_key,
    ...present('ref', fromJson<Watch['ref']>(row.ref)),
    ...present('url', row.url),
    ...present('place', fromJson<Place>(row.place)),
    ...present('snapshot', fromJson<Watch['snapshot']>(row.snapshot)),
    ...present('pending', fromJson<PendingNotice>(row.pending)),
    ...present('label', row.label),
    active: Number(row.active) === 1,
    filedAt: Number(row.filed_at),
    ...present('dueAt', row.due_at === null ? undefined : Number(row.due_at)),
    requests: Number(row.requests),
    attempts: Number(row.attempts),
    quietFirst: Number(row.quiet_first) === 1,
  };
}

const DUE = `active = 1 AND due_at IS NOT NULL AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?)`;
const TAKE = 'lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?';

const CLAIM: Record<Dialect, string> = {
  sqlite: `UPDATE status_watches SET ${TAKE}
    WHERE submission_id = (SELECT submission_id FROM status_watches WHERE ${DUE} ORDER BY due_at LIMIT 1)
    RETURNING *`,
  postgres: `UPDATE status_watches w SET ${TAKE.replace('attempts + 1', 'w.attempts + 1')}
    FROM (SELECT submission_id FROM status_watches WHERE ${DUE} ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED) d
    WHERE w.submission_id = d.submission_id RETURNING w.*`,
};

/** submissions.notified is an integer in SQLite and a boolean in PostgreSQL. */
const NOTIFIED: Record<Dialect, string> = { sqlite: 's.notified = 1', postgres: 's.notified' };

export function statusStore(db: SqlRunner, dialect: Dialect): StatusStore {
  const owned = 'submission_id = ? AND lease_owner = ?';
  return {
    async recordPlace(submissionId, role, place, now) {
      await db.run(
        `INSERT INTO status_places (submission_id, role, place, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (submission_id, role) DO UPDATE SET place = excluded.place`,
        [submissionId, role, JSON.stringify(place), now],
      );
    },
    async adoptable(since, limit) {
      const rows = await db.all<{
        id: string;
        user_id: string;
        route_id: string;
        result: unknown;
        reply: unknown;
        created_at: number | string;
        updated_at: number | string;
        requester: string | null;
        follow_up: string | null;
      }>(
        `SELECT s.id, s.user_id, s.route_id, s.result, s.reply, s.created_at, s.updated_at,
           (SELECT p.place FROM status_places p WHERE p.submission_id = s.id AND p.role = 'requester') AS requester,
           (SELECT p.place FROM status_places p WHERE p.submission_id = s.id AND p.role = 'follow-up') AS follow_up
         FROM submissions s LEFT JOIN status_watches w ON w.submission_id = s.id
         WHERE w.submission_id IS NULL AND s.status = 'filed' AND ${NOTIFIED[dialect]} AND s.created_at >= ?
         ORDER BY s.created_at LIMIT ?`,
        [since, limit],
      );
      return rows.map((r): AdoptCandidate => ({
        submissionId: r.id,
        userId: r.user_id,
        routeId: r.route_id,
        result: fromJson(r.result),
        reply: fromJson(r.reply),
        createdAt: Number(r.created_at),
        notifiedAt: Number(r.updated_at),
        places: {
          ...present('requester', fromJson<Place>(r.requester)),
          ...present('followUp', fromJson<Place>(r.follow_up)),
        },
      }));
    },
    async addWatch(w, now) {
      const changed = await db.run(
        `INSERT INTO status_watches (submission_id, user_id, route_id, ref_key, ref, url, place, active, filed_at,
           due_at, quiet_first, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (submission_id) DO NOTHING`,
        [
          w.submissionId,
          w.userId,
          w.routeId,
          w.refKey,
          json(w.ref),
          w.url ?? null,
          json(w.place),
          w.ref ? 1 : 0,
          w.filedAt,
          w.dueAt ?? null,
          w.quietFirst ? 1 : 0,
          now,
          now,
        ],
      );
      return changed === 1;
    },
    async requestCheck(refKey, deliveryId, now): Promise<RecordResult> {
      if (deliveryId) {
        const seen = await db.all<{ id: string }>(
          'SELECT id FROM status_deliveries WHERE id = ? AND expires_at > ?',
          [deliveryId, now],
        );
        if (seen.length > 0) return 'duplicate';
      }
      // The delivery id is remembered only after the check is recorded: a crash in between makes the
      // retry record it again (one more look at the API), never lose it.
      const changed = await db.run(
        `UPDATE status_watches SET requests = requests + 1, updated_at = ?,
           due_at = CASE WHEN due_at IS NULL OR due_at > ? THEN CAST(? AS BIGINT) ELSE due_at END
         WHERE ref_key = ? AND active = 1`,
        [now, now, now, refKey],
      );
      if (deliveryId)
        await db.run(
          `INSERT INTO status_deliveries (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`,
          [deliveryId, now + DELIVERY_TTL_MS],
        );
      return changed > 0 ? 'recorded' : 'unknown';
    },
    async claim(owner, now, leaseMs) {
      const rows = await db.all<WatchRow>(CLAIM[dialect], [owner, now + leaseMs, now, now, now]);
      return rows[0] ? toWatch(rows[0]) : undefined;
    },
    async savePending(id, owner, pending, now) {
      const changed = await db.run(`UPDATE status_watches SET pending = ?, updated_at = ? WHERE ${owned}`, [
        JSON.stringify(pending),
        now,
        id,
        owner,
      ]);
      return changed === 1;
    },
    async finish(id, owner, outcome: CheckOutcome, claimedRequests, now) {
      // A webhook that came in during the check asks for another look at once.
      const changed = await db.run(
        `UPDATE status_watches SET snapshot = ?, label = ?, pending = NULL, active = ?, attempts = 0,
           lease_owner = NULL, lease_until = NULL, checked_at = ?, updated_at = ?,
           due_at = CASE WHEN requests <> ? THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END
         WHERE ${owned}`,
        [
          JSON.stringify(outcome.snapshot),
          outcome.label,
          outcome.active ? 1 : 0,
          now,
          now,
          claimedRequests,
          now,
          outcome.nextDueAt ?? null,
          id,
          owner,
        ],
      );
      return changed === 1;
    },
    async defer(id, owner, dueAt, now) {
      const changed = await db.run(
        `UPDATE status_watches SET due_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE ${owned}`,
        [dueAt, now, id, owner],
      );
      return changed === 1;
    },
    async close(id, owner, now) {
      const changed = await db.run(
        `UPDATE status_watches SET pending = NULL, active = 0, due_at = NULL, lease_owner = NULL, lease_until = NULL,
           updated_at = ? WHERE ${owned}`,
        [now, id, owner],
      );
      return changed === 1;
    },
    async labels(ids) {
      const found = new Map<string, string>();
      if (ids.length === 0) return found;
      const rows = await db.all<{ submission_id: string; label: string }>(
        `SELECT submission_id, label FROM status_watches
         WHERE label IS NOT NULL AND submission_id IN (${ids.map(() => '?').join(', ')})`,
        [...ids],
      );
      for (const r of rows) found.set(r.submission_id, r.label);
      return found;
    },
    async get(submissionId) {
      const rows = await db.all<WatchRow>('SELECT * FROM status_watches WHERE submission_id = ?', [
        submissionId,
      ]);
      return rows[0] ? toWatch(rows[0]) : undefined;
    },
    purgeDeliveries: (now) => db.run('DELETE FROM status_deliveries WHERE expires_at <= ?', [now]),
  };
}
