// The status tables (one migration, appended after the outbox's). The same SQL runs on SQLite and
// PostgreSQL: JSON is kept as text, flags as integers, times as epoch milliseconds.
import type { Migration } from '../store/migrations';

const SQL = `
  CREATE TABLE status_watches (
    submission_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    route_id TEXT NOT NULL,
    ref_key TEXT NOT NULL,
    ref TEXT,
    url TEXT,
    place TEXT,
    snapshot TEXT,
    pending TEXT,
    label TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    filed_at BIGINT NOT NULL,
    due_at BIGINT,
    requests INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    quiet_first INTEGER NOT NULL DEFAULT 0,
    checked_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX status_watches_ref ON status_watches (ref_key);
  CREATE INDEX status_watches_due ON status_watches (due_at) WHERE due_at IS NOT NULL AND active = 1;
  CREATE TABLE status_places (
    submission_id TEXT NOT NULL,
    role TEXT NOT NULL,
    place TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (submission_id, role)
  );
  CREATE TABLE status_deliveries (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
  CREATE INDEX status_deliveries_expiry ON status_deliveries (expires_at);`;

/** Appended at the end of the migrations list; the version follows the last one there. */
export function statusMigration(version: number): Migration {
  return { version, name: 'status updates (webhooks and poller)', sqlite: SQL, postgres: SQL };
}
