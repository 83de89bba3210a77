// The listeners' dependencies from a validated config, in two steps of the composition root: the
// base (the rules, the classifier bound to them, on-call, the event dedupe, metrics, membership),
// then the whole set once filing is built (its store, service and settings). main.ts, the test
// helpers and the benchmarks compose the app the same way.
import { createInsights, type Insights } from './analytics/recorder';
import type { Config } from './config';
import type { Filing } from './compose-filing';
import type { AppDeps } from './deps';
import { myRequests } from './filing/my-requests';
import type { Logger } from './logger';
import { createMetrics } from './metrics/registry';
import { createOncall } from './oncall';
import { classify } from './routing/classify';
import { loadRules } from './routing/load';
import type { RuleSet } from './routing/types';
import { createEventDedupe, type EventDedupe } from './slack/dedupe';
import { createMembership } from './slack/membership';

/** `dedupe` defaults to the in-memory one; main passes the PostgreSQL one when replicas share a database. */
/** `loaded` takes the rules the start-up checks already loaded, so the file is read once. */
export type BaseDeps = Omit<AppDeps, 'filing' | 'settings' | 'myRequests' | 'status'>;

export function buildDeps(config: Config, logger: Logger, dedupe?: EventDedupe, loaded?: RuleSet): BaseDeps {
  const rules = loaded ?? loadRules(config.RULES_FILE);
  return {
    config,
    logger,
    rules,
    classify: (text) => classify(text, rules),
    oncall: createOncall(config, logger),
    dedupe: dedupe ?? createEventDedupe(),
    insights: insightsFor(config, logger, rules),
    membership: createMembership(logger),
  };
}

/** The whole set: the base with filing, its settings, status updates and the requester's own requests. */
export function withFiling(base: BaseDeps, { filing, settings, status }: Filing): AppDeps {
  return {
    ...base,
    filing,
    settings,
    status,
    myRequests: (userId) => myRequests(filing.store, base.rules, userId),
  };
}

/** Fresh metrics (a registry of their own) and the analytics recorder, with the configured retention. */
export function insightsFor(config: Config, logger: Logger, rules: RuleSet): Insights {
  return createInsights({
    metrics: createMetrics(),
    logger,
    rules,
    keepTextDays: config.ANALYTICS_KEEP_TEXT_DAYS,
  });
}
