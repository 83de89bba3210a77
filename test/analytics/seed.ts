// A week of routing written through the real recorder (the path the bot takes), at fixed times, so
// the report's figures are known exactly. Used against SQLite and PostgreSQL alike.
import { createInsights, type Insights } from '../../src/analytics/recorder';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/metrics/registry';
import type { Classification } from '../../src/routing/types';
import type { FilingStore, Submission } from '../../src/store/types';
import { testRules } from '../helpers/app';

export const T0 = Date.parse('2026-11-20T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const answer = (route: string, confidence: number, alternatives: string[] = []): Classification => ({
  route,
  confidence,
  alternatives: alternatives.map((r) => ({ route: r, confidence: 0.1 })),
  evidence: [],
});

export function submission(id: string, routeId: string, createdAt: number, triageId?: string): Submission {
  return {
    id,
    teamId: 'T1',
    userId: 'U1',
    routeId,
    payload: triageId ? { triageId } : {},
    status: 'pending',
    attempts: 1,
    budgetUsed: 1,
    nextAttemptAt: createdAt,
    notified: false,
    stepsDone: [],
    notifyAttempts: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

export function recorder(store: FilingStore, clock: { now: number }, keepTextDays = 0): Insights {
  const insights = createInsights({
    metrics: createMetrics(),
    logger: createLogger('silent'),
    rules: testRules(),
    keepTextDays,
    now: () => clock.now,
  });
  insights.useStore(store.analytics);
  return insights;
}

/** Returns the triage ids by name. */
export async function seedWeek(store: FilingStore, keepTextDays = 0) {
  const clock = { now: T0 - 10 * DAY };
  const rec = recorder(store, clock, keepTextDays);
  // Outside a 7-day report: ten days before T0.
  rec.triaged({ surface: 'command', classification: answer('star', 0.95), text: 'an old one' });
  clock.now = T0;
  const asked = rec.triaged({
    surface: 'command',
    classification: answer('general-question', 0.9, ['support-feedback']),
    text: 'how do I give feedback about a ticket?',
  });
  clock.now = T0 + HOUR;
  const abstained = rec.triaged({
    surface: 'command',
    classification: answer('unknown', 0.2, ['general-question']),
    text: 'zzz qqq',
  });
  const star = rec.triaged({ surface: 'mention', classification: answer('star', 0.6), text: 'escalate 123' });
  rec.triaged({ surface: 'message_shortcut', classification: answer('general-question', 0.85), text: 'x' });
  rec.triaged({ surface: 'global_shortcut', classification: answer('support-feedback', 0.95), text: 'y' });
  clock.now = T0 + 2 * HOUR;
  rec.corrected({ triageId: asked, from: 'general-question', to: 'support-feedback' });
  rec.corrected({ triageId: abstained, from: 'unknown', to: 'general-question' });
  rec.formOpened({ triageId: star, route: 'star' });
  clock.now = T0 + 2 * HOUR + 30_000;
  rec.filingFinished({
    submission: submission('T1:V1', 'star', T0 + 2 * HOUR, star),
    outcome: 'filed',
    target: 'zendesk-ticket',
    at: clock.now,
  });
  rec.filingFinished({
    submission: submission('T1:V2', 'support-feedback', T0 + 2 * HOUR),
    outcome: 'failed',
    target: 'gitlab-issue',
    at: clock.now,
  });
  rec.filingFinished({
    submission: submission('T1:V3', 'star', T0 + 2 * HOUR),
    outcome: 'dry_run',
    target: 'zendesk-ticket',
    at: clock.now,
  });
  await rec.flush();
  return { asked, abstained, star, clock, rec };
}
