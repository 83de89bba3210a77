// What the form listeners use, all built once by the composition root: the app's dependencies
// satisfy this as they are, and unit tests build a small one (test/helpers/forms-deps.ts).
import type { Insights } from '../analytics/recorder';
import type { Config } from '../config';
import type { FilingService } from '../filing/service';
import type { LinkHosts } from '../kinds/links';
import type { FilingSettings } from '../kinds/settings';
import type { Logger } from '../logger';
import type { RuleSet } from '../routing/types';
import type { MembershipService } from '../slack/membership';

export interface FormsDeps {
  config: Pick<Config, 'GITLAB_URL' | 'ZENDESK_URL'>;
  logger: Logger;
  rules: RuleSet;
  filing: Pick<FilingService, 'submit' | 'store' | 'worker' | 'mode'>;
  /** Where things are filed, the STAR channel, Support Hours (FILING_CONFIG_FILE). */
  settings: FilingSettings;
  /** Records a form opened from a triage answer (routing analytics). */
  insights?: Pick<Insights, 'formOpened'>;
  membership: MembershipService;
  /** Injected clock (tests pin Support Hours). */
  now?: () => Date;
}

export function linkHosts(deps: FormsDeps): LinkHosts {
  const own = deps.config.ZENDESK_URL ? [new URL(deps.config.ZENDESK_URL).hostname] : ['gitlab.zendesk.com'];
  return {
    zendesk: [...new Set([...own, ...deps.settings.zendeskHosts])],
    gitlabUrl: deps.config.GITLAB_URL,
    internalRequestsProject: deps.settings.internalRequestsProject,
  };
}

export const nowOf = (deps: FormsDeps): Date => (deps.now ? deps.now() : new Date());

/** "YYYY-MM-DD" in UTC, for date checks. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
