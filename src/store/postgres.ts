// The shared backend: PostgreSQL through pg. Several bot replicas point at the same database; a
// claim locks one due row with FOR UPDATE SKIP LOCKED, so each request is taken by exactly one of them.
import { Pool, type PoolConfig, type QueryConfig, type QueryResultRow } from 'pg';
import { analyticsStore, type SqlRunner } from '../analytics/sql';
import type { AnalyticsStore } from '../analytics/types';
import { statusStore } from '../status/store-sql';
import type { StatusStore } from '../status/types';
import { CREATE_SCHEMA_MIGRATIONS, pendingMigrations } from './migrations';
import { rowToSubmission, type SubmissionRow } from './rows';
import type {
  EnqueueResult,
  FilingStore,
  FinishOutcome,
  NewSubmission,
  Submission,
  SubmissionStatus,
} from './types';

/** Any constant works; it only has to be the same in every replica. */
const MIGRATION_LOCK = 4_242_001;

/**
 * Slack wants an answer within 3 s, and a form's row is written before the ack: a connection gets
 * 1 s and a query 1.5 s, so a slow or unreachable database fails the request in time instead of
 * holding it. statement_timeout makes the server stop the query too, so the connection is free again.
 */
export const REQUEST_TIMEOUTS = {
  connectionTimeoutMillis: 1000,
  query_timeout: 1500,
  statement_timeout: 1500,
} as const satisfies PoolConfig;

/** Migrations run at start, before any request, and may wait for another replica's: no tight limit. */
const MIGRATION_TIMEOUT_MS = 10 * 60_000;

/** `?` placeholders (the shared analytics queries) as PostgreSQL's $1, $2, ... */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export class PostgresStore implements FilingStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly runner: SqlRunner = {
    all: async <R>(sql: string, params: unknown[]) =>
      (await this.pool.query(numbered(sql), params)).rows as R[],
    run: async (sql, params) => (await this.pool.query(numbered(sql), params)).rowCount ?? 0,
  };
  readonly analytics: AnalyticsStore = analyticsStore(this.runner);
  /** Status updates (src/status) on the same runner. */
  readonly status: StatusStore = statusStore(this.runner, 'postgres');

  constructor(connectionString: string, options: PoolConfig = {}) {
    this.pool = new Pool({ connectionString, max: 10, ...REQUEST_TIMEOUTS, ...options });
    // An idle client losing its connection must not crash the bot; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    // pg reads query_timeout from the query config too (its types leave it out): it overrides the pool's.
    const query = <R extends QueryResultRow>(text: string, values: unknown[] = []) => {
      const config: QueryConfig & { query_timeout: number } = {
        text,
        values,
        query_timeout: MIGRATION_TIMEOUT_MS,
      };
      return client.query<R>(config);
    };
    try {
      await query('BEGIN');
      await query('SET LOCAL statement_timeout = 0');
      // Replicas starting together take turns; the second one finds the work done.
      await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await query(CREATE_SCHEMA_MIGRATIONS);
      const applied = await query<{ version: number }>('SELECT version FROM schema_migrations');
      for (const m of pendingMigrations(applied.rows.map((r) => r.version))) {
        await query(m.postgres);
        await query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async enqueue(input: NewSubmission, now: number): Promise<EnqueueResult> {
    const inserted = await this.pool.query(
      `INSERT INTO submissions (id, team_id, user_id, route_id, payload, reply, next_attempt_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [input.id, input.teamId, input.userId, input.routeId, input.payload, input.reply ?? null, now],
    );
    const row = inserted.rows[0] as SubmissionRow | undefined;
    if (row) return { submission: rowToSubmission(row), created: true };
    const existing = await this.get(input.id);
    if (!existing) throw new Error('submission vanished after insert');
    return { submission: existing, created: false };
  }

  async claim(owner: string, now: number, leaseMs: number): Promise<Submission | undefined> {
    const result = await this.pool.query(
      `UPDATE submissions s SET lease_owner = $1, lease_until = $3, updated_at = $2,
         attempts = s.attempts + CASE WHEN s.status = 'pending' THEN 1 ELSE 0 END,
         budget_used = s.budget_used + CASE WHEN s.status = 'pending' THEN 1 ELSE 0 END,
         notify_attempts = s.notify_attempts + CASE WHEN s.status <> 'pending' THEN 1 ELSE 0 END
       FROM (SELECT id FROM submissions
             WHERE (status = 'pending' OR NOT notified) AND (lease_until IS NULL OR lease_until < $2)
               AND ((status = 'pending' AND next_attempt_at <= $2) OR (status <> 'pending' AND NOT notified))
             ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) due
       WHERE s.id = due.id RETURNING s.*`,
      [owner, now, now + leaseMs],
    );
    const row = result.rows[0] as SubmissionRow | undefined;
    return row ? rowToSubmission(row) : undefined;
  }

  async finish(id: string, owner: string, outcome: FinishOutcome, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET status = $3, result = $4, error = $5, notified = FALSE, notify_attempts = 0,
         updated_at = $6
       WHERE id = $1 AND lease_owner = $2 AND status = 'pending'`,
      [
        id,
        owner,
        outcome.status,
        outcome.status === 'filed' ? outcome.result : null,
        outcome.status === 'failed' ? outcome.error : null,
        now,
      ],
    );
    return result.rowCount === 1;
  }

  async reschedule(
    id: string,
    owner: string,
    nextAttemptAt: number,
    error: string,
    now: number,
    refundBudget = false,
  ): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET next_attempt_at = $3, error = $4, lease_owner = NULL, lease_until = NULL,
         budget_used = GREATEST(budget_used - $6, 0), updated_at = $5
       WHERE id = $1 AND lease_owner = $2 AND status = 'pending'`,
      [id, owner, nextAttemptAt, error, now, refundBudget ? 1 : 0],
    );
    return result.rowCount === 1;
  }

  async renew(id: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE submissions SET lease_until = $3 WHERE id = $1 AND lease_owner = $2',
      [id, owner, now + leaseMs],
    );
    return result.rowCount === 1;
  }

  async release(id: string, owner: string, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET lease_owner = NULL, lease_until = NULL, updated_at = $3
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, now],
    );
    return result.rowCount === 1;
  }

  async savePrepared(id: string, owner: string, prepared: unknown, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET prepared = $3, updated_at = $4
       WHERE id = $1 AND lease_owner = $2 AND status = 'pending'`,
      [id, owner, JSON.stringify(prepared), now],
    );
    return result.rowCount === 1;
  }

  /** Another replica may be alive and holding leases: a dead one's leases lapse on their own. */
  async recover(): Promise<number> {
    return 0;
  }

  async markNotified(id: string, owner: string, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET notified = TRUE, lease_owner = NULL, lease_until = NULL, updated_at = $3
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, now],
    );
    return result.rowCount === 1;
  }

  async markStepDone(id: string, owner: string, step: string, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET updated_at = $4,
         steps_done = CASE WHEN steps_done ? $3 THEN steps_done ELSE steps_done || jsonb_build_array($3::text) END
       WHERE id = $1 AND lease_owner = $2`,
      [id, owner, step, now],
    );
    return result.rowCount === 1;
  }

  async requeue(id: string, userId: string, now: number): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE submissions SET status = 'pending', budget_used = 0, lease_owner = NULL, lease_until = NULL, next_attempt_at = $3, notified = FALSE,
         error = NULL, updated_at = $3 WHERE id = $1 AND user_id = $2 AND status = 'failed'`,
      [id, userId, now],
    );
    return result.rowCount === 1;
  }

  async get(id: string): Promise<Submission | undefined> {
    const result = await this.pool.query('SELECT * FROM submissions WHERE id = $1', [id]);
    const row = result.rows[0] as SubmissionRow | undefined;
    return row ? rowToSubmission(row) : undefined;
  }

  async listByUser(userId: string, limit: number): Promise<Submission[]> {
    const result = await this.pool.query(
      'SELECT * FROM submissions WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2',
      [userId, limit],
    );
    return (result.rows as SubmissionRow[]).map(rowToSubmission);
  }

  async countByStatus(): Promise<Record<SubmissionStatus, number>> {
    const result = await this.pool.query(
      'SELECT status, COUNT(*)::int AS n FROM submissions GROUP BY status',
    );
    const counts: Record<SubmissionStatus, number> = { pending: 0, filed: 0, failed: 0 };
    for (const r of result.rows as { status: SubmissionStatus; n: number }[]) counts[r.status] = r.n;
    return counts;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
