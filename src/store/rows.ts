// Row <-> Submission mapping shared by both backends (SQLite stores JSON as text, PostgreSQL as
// JSONB; SQLite stores booleans as 0/1; pg returns BIGINT as a string).
import type { FiledResult, ReplyTarget, Submission, SubmissionStatus } from './types';

export interface SubmissionRow {
  id: string;
  team_id: string;
  user_id: string;
  route_id: string;
  payload: unknown;
  reply: unknown;
  status: string;
  attempts: number | string;
  budget_used: number | string;
  next_attempt_at: number | string;
  result: unknown;
  prepared?: unknown;
  error: string | null;
  notified: number | boolean;
  steps_done: unknown;
  notify_attempts: number | string;
  created_at: number | string;
  updated_at: number | string;
}

function json<T>(value: unknown): T | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

export function rowToSubmission(row: SubmissionRow): Submission {
  const reply = json<ReplyTarget>(row.reply);
  const result = json<FiledResult>(row.result);
  const prepared = json<unknown>(row.prepared);
  return {
    id: row.id,
    teamId: row.team_id,
    userId: row.user_id,
    routeId: row.route_id,
    payload: json<Record<string, unknown>>(row.payload) ?? {},
    ...(reply ? { reply } : {}),
    status: row.status as SubmissionStatus,
    attempts: Number(row.attempts),
    budgetUsed: Number(row.budget_used),
    nextAttemptAt: Number(row.next_attempt_at),
    ...(result ? { result } : {}),
    ...(prepared !== undefined ? { prepared } : {}),
    ...(row.error ? { error: row.error } : {}),
    notified: row.notified === true || row.notified === 1,
    stepsDone: json<string[]>(row.steps_done) ?? [],
    notifyAttempts: Number(row.notify_attempts),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
