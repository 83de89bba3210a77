// The embedded backend: one SQLite file (WAL mode) through better-sqlite3, for one bot process (the
// worker's process lock, sqlite-lock.ts). Each statement is atomic and claims run as single
// UPDATE ... RETURNING statements, so the worker's loops never take the same row.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { analyticsStore, type SqlRunner } from '../analytics/sql';
import type { AnalyticsStore } from '../analytics/types';
import { statusStore } from '../status/store-sql';
import type { StatusStore } from '../status/types';
import { CREATE_SCHEMA_MIGRATIONS, pendingMigrations } from './migrations';
import { lockSqliteFile } from './sqlite-lock';
import { rowToSubmission, type SubmissionRow } from './rows';
import type {
  EnqueueResult,
  FilingStore,
  FinishOutcome,
  NewSubmission,
  Submission,
  SubmissionStatus,
} from './types';

const DUE = `(status = 'pending' OR notified = 0) AND (lease_until IS NULL OR lease_until < @now)
  AND ((status = 'pending' AND next_attempt_at <= @now) OR (status <> 'pending' AND notified = 0))`;

/**
 * better-sqlite3 waits for a lock synchronously, holding the whole process: the wait must end well
 * inside the form's store limit (2 s, forms/submit.ts), so a busy file fails the request in time.
 * Only a backup or a `report` on the live file can hold it, and those readers rarely block in WAL mode.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 1000;

export class SqliteStore implements FilingStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private processLock: Database.Database | undefined;
  /** Compiling a statement costs more than running it: each SQL text is prepared once, on first use. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly runner: SqlRunner = {
    all: async <R>(sql: string, params: unknown[]) => this.statement(sql).all(...params) as R[],
    run: async (sql, params) => this.statement(sql).run(...params).changes,
  };
  readonly analytics: AnalyticsStore = analyticsStore(this.runner);
  /** Status updates (src/status) on the same runner. */
  readonly status: StatusStore = statusStore(this.runner, 'sqlite');

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    this.db.pragma('synchronous = NORMAL');
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async migrate(): Promise<void> {
    this.db.exec(CREATE_SCHEMA_MIGRATIONS);
    const apply = this.db.transaction(() => {
      const applied = this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
      for (const m of pendingMigrations(applied.map((r) => r.version))) {
        this.db.exec(m.sqlite);
        this.db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      }
    });
    apply.immediate();
  }

  async enqueue(input: NewSubmission, now: number): Promise<EnqueueResult> {
    // RETURNING gives the new row in the same statement; only a repeat (no row) reads the stored one.
    const row = this.statement(
      `INSERT INTO submissions (id, team_id, user_id, route_id, payload, reply, next_attempt_at, created_at, updated_at)
         VALUES (@id, @teamId, @userId, @routeId, @payload, @reply, @now, @now, @now) ON CONFLICT (id) DO NOTHING
         RETURNING *`,
    ).get({
      id: input.id,
      teamId: input.teamId,
      userId: input.userId,
      routeId: input.routeId,
      payload: JSON.stringify(input.payload),
      reply: input.reply ? JSON.stringify(input.reply) : null,
      now,
    }) as SubmissionRow | undefined;
    if (row) return { submission: rowToSubmission(row), created: true };
    const existing = await this.get(input.id);
    if (!existing) throw new Error('submission vanished after insert');
    return { submission: existing, created: false };
  }

  async claim(owner: string, now: number, leaseMs: number): Promise<Submission | undefined> {
    const row = this.statement(
      `UPDATE submissions SET lease_owner = @owner, lease_until = @until, updated_at = @now,
           attempts = attempts + (status = 'pending'), budget_used = budget_used + (status = 'pending'),
           notify_attempts = notify_attempts + (status <> 'pending')
         WHERE id = (SELECT id FROM submissions WHERE ${DUE} ORDER BY next_attempt_at LIMIT 1)
         RETURNING *`,
    ).get({ owner, now, until: now + leaseMs }) as SubmissionRow | undefined;
    return row ? rowToSubmission(row) : undefined;
  }

  async finish(id: string, owner: string, outcome: FinishOutcome, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET status = @status, result = @result, error = @error, notified = 0, notify_attempts = 0,
           updated_at = @now
         WHERE id = @id AND lease_owner = @owner AND status = 'pending'`,
    ).run({
      id,
      owner,
      now,
      status: outcome.status,
      result: outcome.status === 'filed' ? JSON.stringify(outcome.result) : null,
      error: outcome.status === 'failed' ? outcome.error : null,
    });
    return info.changes === 1;
  }

  async reschedule(
    id: string,
    owner: string,
    nextAttemptAt: number,
    error: string,
    now: number,
    refundBudget = false,
  ): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET next_attempt_at = @next, error = @error, lease_owner = NULL, lease_until = NULL,
           budget_used = MAX(budget_used - @refund, 0), updated_at = @now
         WHERE id = @id AND lease_owner = @owner AND status = 'pending'`,
    ).run({ id, owner, next: nextAttemptAt, error, now, refund: refundBudget ? 1 : 0 });
    return info.changes === 1;
  }

  async renew(id: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const info = this.statement(
      'UPDATE submissions SET lease_until = @until WHERE id = @id AND lease_owner = @owner',
    ).run({ id, owner, until: now + leaseMs });
    return info.changes === 1;
  }

  async release(id: string, owner: string, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET lease_owner = NULL, lease_until = NULL, updated_at = @now
         WHERE id = @id AND lease_owner = @owner`,
    ).run({ id, owner, now });
    return info.changes === 1;
  }

  async savePrepared(id: string, owner: string, prepared: unknown, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET prepared = @prepared, updated_at = @now
         WHERE id = @id AND lease_owner = @owner AND status = 'pending'`,
    ).run({ id, owner, now, prepared: JSON.stringify(prepared) });
    return info.changes === 1;
  }

  async recover(now: number): Promise<number> {
    if (this.file !== ':memory:') this.processLock ??= lockSqliteFile(this.file);
    const info = this.statement(
      `UPDATE submissions SET lease_owner = NULL, lease_until = NULL, updated_at = @now
         WHERE lease_owner IS NOT NULL`,
    ).run({ now });
    return info.changes;
  }

  async markNotified(id: string, owner: string, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET notified = 1, lease_owner = NULL, lease_until = NULL, updated_at = @now
         WHERE id = @id AND lease_owner = @owner`,
    ).run({ id, owner, now });
    return info.changes === 1;
  }

  async markStepDone(id: string, owner: string, step: string, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET updated_at = @now,
         steps_done = CASE WHEN EXISTS (SELECT 1 FROM json_each(steps_done) WHERE value = @step)
           THEN steps_done ELSE json_insert(steps_done, '$[#]', @step) END
         WHERE id = @id AND lease_owner = @owner`,
    ).run({ id, owner, step, now });
    return info.changes === 1;
  }

  async requeue(id: string, userId: string, now: number): Promise<boolean> {
    const info = this.statement(
      `UPDATE submissions SET status = 'pending', budget_used = 0, lease_owner = NULL, lease_until = NULL, next_attempt_at = @now, notified = 0,
           error = NULL, updated_at = @now WHERE id = @id AND user_id = @userId AND status = 'failed'`,
    ).run({ id, userId, now });
    return info.changes === 1;
  }

  async get(id: string): Promise<Submission | undefined> {
    const row = this.statement('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
    return row ? rowToSubmission(row) : undefined;
  }

  async listByUser(userId: string, limit: number): Promise<Submission[]> {
    const rows = this.statement(
      'SELECT * FROM submissions WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?',
    ).all(userId, limit) as SubmissionRow[];
    return rows.map(rowToSubmission);
  }

  async countByStatus(): Promise<Record<SubmissionStatus, number>> {
    const rows = this.statement('SELECT status, COUNT(*) AS n FROM submissions GROUP BY status').all() as {
      status: SubmissionStatus;
      n: number;
    }[];
    const counts: Record<SubmissionStatus, number> = { pending: 0, filed: 0, failed: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async close(): Promise<void> {
    this.db.close();
    this.processLock?.close();
    this.processLock = undefined;
  }
}
