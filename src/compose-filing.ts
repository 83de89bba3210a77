// Filing as the app uses it, built once by the composition root (main.ts, the test helpers, the
// benchmarks): the store, the filing settings, the form kinds' plans and follow-up steps, the status
// updates on the same store, and the filing service (filers, worker, notifier) that runs the kinds'
// plans without knowing any form and tells the status service where each notice went.
import type { Config } from './config';
import { createFilingService, type FilingService, type FilingServiceDeps } from './filing/service';
import { followUpsOf } from './kinds/follow-ups';
import { createPrepare, targetOf } from './kinds/prepare';
import { loadSettings, type FilingSettings } from './kinds/settings';
import type { Logger } from './logger';
import type { OncallService } from './oncall/types';
import type { RuleSet } from './routing/types';
import { createStatusService, type StatusService, type StatusServiceDeps } from './status/service';
import type { Watch } from './status/types';
import { openStore, storeLocation } from './store';
import type { FilingStore } from './store/types';
import { requesterLookup, slackIdByEmail, type SlackForFiling } from './slack/users';

export interface FilingInput extends Omit<FilingServiceDeps, 'prepare' | 'followUps' | 'targetOf' | 'slack'> {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  slack: SlackForFiling;
  oncall?: Pick<OncallService, 'lookup'>;
  /** Defaults to FILING_CONFIG_FILE (or the handbook's destinations). */
  settings?: FilingSettings;
  /** After a status notice was posted (main refreshes the requester's App Home). */
  afterNotice?: (watch: Watch, store: FilingStore) => Promise<void>;
  /** Test and benchmark tuning of the status worker. */
  statusTuning?: Pick<StatusServiceDeps, 'idleMs' | 'checksPerMinute' | 'timing'>;
}

export interface Filing {
  filing: FilingService;
  settings: FilingSettings;
  status: StatusService;
}

export async function buildFiling(input: FilingInput): Promise<Filing> {
  const { slack, oncall, rules } = input;
  const settings = input.settings ?? loadSettings(input.config.FILING_CONFIG_FILE);
  const { afterNotice, statusTuning, ...filingInput } = input;
  const store = input.store ?? (await openStore(storeLocation(input.config)));
  const status = createStatusService({
    config: input.config,
    logger: input.logger,
    rules,
    store,
    client: slack,
    ...(input.owner ? { owner: input.owner } : {}),
    ...statusTuning,
    ...(afterNotice ? { afterNotice: (watch: Watch) => afterNotice(watch, store) } : {}),
  });
  // A store opened here is closed here when filing cannot start (a lease that does not fit, a second
  // process on the SQLite file); one handed in belongs to its caller.
  const filing = await createFilingService({
    ...filingInput,
    store,
    onNoticePosted: (id, role, place) => status.noticePosted(id, role, place),
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
  }).catch(async (err: unknown) => {
    if (!input.store) await store.close().catch(() => undefined);
    throw err;
  });
  return { filing, settings, status };
}
