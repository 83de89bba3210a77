// The listeners' dependencies from a validated config: the rules, the classifier bound to them,
// on-call and the event dedupe. Kept apart from main.ts so the ack benchmark builds the same app
// without loading the filing clients and database drivers that main attaches afterwards.
import type { Config } from './config';
import type { AppDeps } from './deps';
import type { Logger } from './logger';
import { createOncall } from './oncall';
import { classify } from './routing/classify';
import { loadRules } from './routing/load';
import { createEventDedupe, type EventDedupe } from './slack/dedupe';
import { createMembership } from './slack/membership';

/** `dedupe` defaults to the in-memory one; main passes the PostgreSQL one when replicas share a database. */
export function buildDeps(config: Config, logger: Logger, dedupe?: EventDedupe): AppDeps {
  const rules = loadRules(config.RULES_FILE);
  return {
    config,
    logger,
    rules,
    classify: (text) => classify(text, rules),
    oncall: createOncall(config, logger),
    dedupe: dedupe ?? createEventDedupe(),
    membership: createMembership(logger),
  };
}
