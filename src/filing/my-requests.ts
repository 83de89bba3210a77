// "My requests": the rows /support status and App Home list, newest first.
import type { MyRequest } from '../deps';
import type { RuleSet } from '../routing/types';
import type { FilingStore } from '../store/types';
import type { Submission } from '../store/types';
import { trackedStatus } from '../views/forms/messages';

export const RECENT_LIMIT = 10;

export async function recentRequests(
  store: FilingStore,
  rules: RuleSet,
  userId: string,
): Promise<{ submission: Submission; title: string; tracked?: string }[]> {
  const rows = await store.listByUser(userId, RECENT_LIMIT);
  // Status updates hook: the ticket's or issue's current status, when it is tracked (src/status).
  const tracked = await store.status.labels(rows.map((r) => r.id)).catch(() => new Map<string, string>());
  return rows.map((submission) => ({
    submission,
    title: rules.byId.get(submission.routeId)?.title ?? submission.routeId,
    ...(tracked.has(submission.id) ? { tracked: tracked.get(submission.id)! } : {}),
  }));
}

export async function myRequests(store: FilingStore, rules: RuleSet, userId: string): Promise<MyRequest[]> {
  return (await recentRequests(store, rules, userId)).map(({ submission: s, title, tracked }) => ({
    title,
    status: trackedStatus(s, tracked),
    ...(s.result?.url ? { url: s.result.url } : {}),
    createdAt: new Date(s.createdAt),
  }));
}
