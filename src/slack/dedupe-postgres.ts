// The Events API dedupe for several replicas: event ids live in PostgreSQL (the slack_event_ids
// table, created by the store's migrations), so a retry that Slack delivers to another replica is
// still recognised. One INSERT ... ON CONFLICT DO NOTHING per event decides atomically which replica
// answers. The check runs before any listener, so it gets a tight time limit, and a database error
// lets the event through (a rare second reply beats no reply at all).
import { Pool } from 'pg';
import type { Logger } from '../logger';
import { DEFAULT_DEDUPE_TTL_MS, type EventDedupe } from './dedupe';

export interface PostgresDedupeOptions {
  url: string;
  logger: Logger;
  ttlMs?: number;
  /** How long one check may take before the event is let through. */
  timeoutMs?: number;
  /** Expired ids are deleted at most this often per replica. */
  cleanupEveryMs?: number;
  now?: () => number;
}

export interface PostgresEventDedupe extends EventDedupe {
  firstSeen(id: string): Promise<boolean>;
  close(): Promise<void>;
}

export function createPostgresEventDedupe(opts: PostgresDedupeOptions): PostgresEventDedupe {
  const ttlMs = opts.ttlMs ?? DEFAULT_DEDUPE_TTL_MS;
  const timeoutMs = opts.timeoutMs ?? 500;
  const cleanupEveryMs = opts.cleanupEveryMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const pool = new Pool({
    connectionString: opts.url,
    max: 4,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
  });
  pool.on('error', () => undefined); // an idle client dropped; the next check reconnects
  let lastCleanup = 0;

  // Not awaited: the event goes on while old ids are deleted.
  const cleanup = (t: number): void => {
    if (t - lastCleanup < cleanupEveryMs) return;
    lastCleanup = t;
    pool
      .query('DELETE FROM slack_event_ids WHERE expires_at <= $1', [t])
      .catch((err: unknown) => opts.logger.warn({ err }, 'expired Slack event ids not deleted'));
  };

  return {
    async firstSeen(id: string): Promise<boolean> {
      const t = now();
      try {
        const inserted = await pool.query(
          'INSERT INTO slack_event_ids (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
          [id, t + ttlMs],
        );
        cleanup(t);
        return inserted.rowCount === 1;
      } catch (err) {
        opts.logger.warn({ err, eventId: id }, 'event dedupe unavailable; handling the event anyway');
        return true;
      }
    },
    close: () => pool.end(),
  };
}
