// The dependency container every register(app, deps) receives. Built once, whole, by the
// composition root (main.ts, or the test helpers) before the app: listeners never create clients,
// read the environment, or find a dependency missing.
import type { Insights } from './analytics/recorder';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Classification, RuleSet } from './routing/types';
import type { OncallService } from './oncall/types';
import type { EventDedupe } from './slack/dedupe';
import type { MembershipService } from './slack/membership';
import type { FilingService } from './filing/service';
import type { FilingSettings } from './kinds/settings';
import type { StatusService } from './status/service';

/** One of the user's filed requests, as App Home lists it (filled by the filing module). */
export interface MyRequest {
  title: string;
  /** Link to the issue or ticket, when filed. */
  url?: string;
  /** Short status, e.g. "queued", "filed", "failed". */
  status: string;
  createdAt?: Date;
}

export interface AppDeps {
  config: Config;
  logger: Logger;
  rules: RuleSet;
  /** classify(text, rules) bound to the loaded rules; injected so tests can pin a classification. */
  classify: (text: string) => Classification;
  oncall: OncallService;
  dedupe: EventDedupe;
  /** Metrics and routing analytics: every triage, correction, form opened and filing outcome. */
  insights: Insights;
  /** Who is a full member of the workspace: only they file, and only they see who is on call. */
  membership: MembershipService;
  /** The user's recent requests, for App Home. */
  myRequests: (userId: string) => Promise<MyRequest[]>;
  /** The outbox and its worker: forms file through it. */
  filing: FilingService;
  /** Where things are filed, the STAR channel, Support Hours (FILING_CONFIG_FILE). */
  settings: FilingSettings;
  /** Status updates: the webhooks' intake, the poller and the notices. */
  status: StatusService;
}
