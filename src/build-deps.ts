// The listeners' dependencies from a validated config: the rules, the classifier bound to them,
// on-call and the event dedupe. Kept apart from main.ts so the ack benchmark builds the same app
// without loading the filing clients and database drivers that main attaches afterwards.
import { createInsights, type Insights } from './analytics/recorder';
import type { Config } from './config';
import type { AppDeps } from './deps';
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
export function buildDeps(config: Config, logger: Logger, dedupe?: EventDedupe, loaded?: RuleSet): AppDeps {
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

/** Fresh metrics (a registry of their own) and the analytics recorder, with the configured retention. */
export function insightsFor(config: Config, logger: Logger, rules: RuleSet): Insights {
  return createInsights({
    metrics: createMetrics(),
    logger,
    rules,
    keepTextDays: config.ANALYTICS_KEEP_TEXT_DAYS,
  });
}
