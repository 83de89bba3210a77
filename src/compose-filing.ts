// Filing as the app uses it, built once by the composition root (main.ts, the test helpers, the
// benchmarks): the filing settings, the form kinds' plans and follow-up steps, and the filing
// service (store, filers, worker, notifier) that runs them without knowing any form.
import type { Config } from './config';
import { createFilingService, type FilingService, type FilingServiceDeps } from './filing/service';
import { followUpsOf } from './kinds/follow-ups';
import { createPrepare, targetOf } from './kinds/prepare';
import { loadSettings, type FilingSettings } from './kinds/settings';
import type { Logger } from './logger';
import type { OncallService } from './oncall/types';
import type { RuleSet } from './routing/types';
import { requesterLookup, slackIdByEmail, type SlackForFiling } from './slack/users';

export interface FilingInput extends Omit<FilingServiceDeps, 'prepare' | 'followUps' | 'targetOf' | 'slack'> {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  slack: SlackForFiling;
  oncall?: Pick<OncallService, 'lookup'>;
  /** Defaults to FILING_CONFIG_FILE (or the handbook's destinations). */
  settings?: FilingSettings;
}

export interface Filing {
  filing: FilingService;
  settings: FilingSettings;
}

export async function buildFiling(input: FilingInput): Promise<Filing> {
  const { slack, oncall, rules } = input;
  const settings = input.settings ?? loadSettings(input.config.FILING_CONFIG_FILE);
  const filing = await createFilingService({
    ...input,
    prepare: createPrepare({
      rules,
      settings,
      lookupUser: requesterLookup(slack),
      ...(oncall ? { oncall } : {}),
    }),
    targetOf: targetOf(rules),
    followUps: followUpsOf(rules, {
      client: slack,
      settings,
      slackIdForEmail: slackIdByEmail(slack),
      ...(oncall ? { oncall } : {}),
    }),
  });
  return { filing, settings };
}
