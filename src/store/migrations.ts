// Schema migrations, applied in order at start. Each has a SQLite and a PostgreSQL form; the
// applied versions are recorded in schema_migrations so a restart (or a second replica) skips them.
import { statusMigration } from '../status/migration';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'submissions outbox',
    sqlite: `
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        route_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        reply TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        budget_used INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        result TEXT,
        error TEXT,
        notified INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX submissions_due ON submissions (status, next_attempt_at);
      CREATE INDEX submissions_user ON submissions (user_id, created_at);`,
    postgres: `
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        route_id TEXT NOT NULL,
        payload JSONB NOT NULL,
        reply JSONB,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        budget_used INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        lease_owner TEXT,
        lease_until BIGINT,
        result JSONB,
        error TEXT,
        notified BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX submissions_due ON submissions (status, next_attempt_at);
      CREATE INDEX submissions_user ON submissions (user_id, created_at);`,
  },
  {
    version: 2,
    name: 'index of open work',
    // Claims only look at rows still to file or to tell; done rows (the vast majority) stay out of it.
    sqlite: `CREATE INDEX submissions_open ON submissions (next_attempt_at) WHERE status = 'pending' OR notified = 0;`,
    postgres: `CREATE INDEX submissions_open ON submissions (next_attempt_at) WHERE status = 'pending' OR NOT notified;`,
  },
  {
    version: 3,
    name: 'notify steps',
    // The STAR notice is recorded on its own, so telling the requester again never repeats it; the
    // notify attempts are counted, so a notice Slack keeps refusing ends instead of looping.
    sqlite: `ALTER TABLE submissions ADD COLUMN star_notified INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE submissions ADD COLUMN notify_attempts INTEGER NOT NULL DEFAULT 0;`,
    postgres: `ALTER TABLE submissions ADD COLUMN star_notified BOOLEAN NOT NULL DEFAULT FALSE,
      ADD COLUMN notify_attempts INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 4,
    name: 'slack event ids',
    // Replicas share the Events API dedupe (src/slack/dedupe-postgres.ts); SQLite runs one replica,
    // which keeps its event ids in memory.
    sqlite: '',
    postgres: `
      CREATE TABLE slack_event_ids (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
      CREATE INDEX slack_event_ids_expiry ON slack_event_ids (expires_at);`,
  },
  {
    version: 5,
    name: 'routing analytics',
    // What was answered, corrected, opened and filed (src/analytics). Texts are null unless
    // ANALYTICS_KEEP_TEXT_DAYS keeps them, each with the time it is purged at.
    sqlite: `
      CREATE TABLE triage_events (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        surface TEXT NOT NULL,
        route TEXT NOT NULL,
        confidence REAL NOT NULL,
        band TEXT NOT NULL,
        alternatives TEXT NOT NULL,
        corrected_to TEXT,
        form_route TEXT,
        form_opened_at INTEGER,
        filed_at INTEGER,
        text TEXT,
        text_until INTEGER
      );
      CREATE INDEX triage_events_at ON triage_events (at);
      CREATE INDEX triage_events_text_until ON triage_events (text_until) WHERE text_until IS NOT NULL;
      CREATE TABLE triage_corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        triage_id TEXT,
        at INTEGER NOT NULL,
        from_route TEXT NOT NULL,
        to_route TEXT NOT NULL
      );
      CREATE INDEX triage_corrections_at ON triage_corrections (at);
      CREATE TABLE filing_outcomes (
        submission_id TEXT PRIMARY KEY,
        triage_id TEXT,
        at INTEGER NOT NULL,
        route TEXT NOT NULL,
        outcome TEXT NOT NULL,
        service TEXT,
        seconds REAL NOT NULL
      );
      CREATE INDEX filing_outcomes_at ON filing_outcomes (at);`,
    postgres: `
      CREATE TABLE triage_events (
        id TEXT PRIMARY KEY,
        at BIGINT NOT NULL,
        surface TEXT NOT NULL,
        route TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        band TEXT NOT NULL,
        alternatives TEXT NOT NULL,
        corrected_to TEXT,
        form_route TEXT,
        form_opened_at BIGINT,
        filed_at BIGINT,
        text TEXT,
        text_until BIGINT
      );
      CREATE INDEX triage_events_at ON triage_events (at);
      CREATE INDEX triage_events_text_until ON triage_events (text_until) WHERE text_until IS NOT NULL;
      CREATE TABLE triage_corrections (
        id BIGSERIAL PRIMARY KEY,
        triage_id TEXT,
        at BIGINT NOT NULL,
        from_route TEXT NOT NULL,
        to_route TEXT NOT NULL
      );
      CREATE INDEX triage_corrections_at ON triage_corrections (at);
      CREATE TABLE filing_outcomes (
        submission_id TEXT PRIMARY KEY,
        triage_id TEXT,
        at BIGINT NOT NULL,
        route TEXT NOT NULL,
        outcome TEXT NOT NULL,
        service TEXT,
        seconds DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX filing_outcomes_at ON filing_outcomes (at);`,
  },
  {
    version: 6,
    name: 'follow-up steps',
    // The outbox records which follow-up steps of a form kind are done (e.g. the STAR channel
    // notice), by name, so it stores nothing specific to one kind; the old STAR flag carries over.
    sqlite: `ALTER TABLE submissions ADD COLUMN steps_done TEXT NOT NULL DEFAULT '[]';
      UPDATE submissions SET steps_done = '["star-notice"]' WHERE star_notified = 1;
      ALTER TABLE submissions DROP COLUMN star_notified;`,
    postgres: `ALTER TABLE submissions ADD COLUMN steps_done JSONB NOT NULL DEFAULT '[]'::jsonb;
      UPDATE submissions SET steps_done = '["star-notice"]'::jsonb WHERE star_notified;
      ALTER TABLE submissions DROP COLUMN star_notified;`,
  },
  {
    version: 7,
    name: 'prepared filing request',
    // What an attempt sends (requester, CC, subject, body, fields), computed the first time
    // preparation succeeds and sent unchanged by every retry: one Idempotency-Key, one body.
    sqlite: 'ALTER TABLE submissions ADD COLUMN prepared TEXT;',
    postgres: 'ALTER TABLE submissions ADD COLUMN prepared JSONB;',
  },
  // Status updates (src/status): watched tickets and issues, where their notices go, webhook ids.
  statusMigration(8),
];

/** The same statement in both dialects; it runs before the applied versions are read. */
export const CREATE_SCHEMA_MIGRATIONS =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)';

/** The migrations still to apply, in order, given the versions schema_migrations already holds. */
export function pendingMigrations(applied: readonly number[]): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
