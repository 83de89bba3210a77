// "My requests": the rows /support status and App Home list, newest first.
import type { MyRequest } from '../deps';
import type { RuleSet } from '../routing/types';
import type { FilingStore } from '../store/types';
import type { Submission } from '../store/types';
import { statusLabel } from '../views/forms/messages';

export const RECENT_LIMIT = 10;

export async function recentRequests(
  store: FilingStore,
  rules: RuleSet,
  userId: string,
): Promise<{ submission: Submission; title: string }[]> {
  const rows = await store.listByUser(userId, RECENT_LIMIT);
  return rows.map((submission) => ({
    submission,
    title: rules.byId.get(submission.routeId)?.title ?? submission.routeId,
  }));
}

export async function myRequests(store: FilingStore, rules: RuleSet, userId: string): Promise<MyRequest[]> {
  return (await recentRequests(store, rules, userId)).map(({ submission: s, title }) => ({
    title,
    status: statusLabel(s),
    ...(s.result?.url ? { url: s.result.url } : {}),
    createdAt: new Date(s.createdAt),
  }));
}
