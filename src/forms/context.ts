// What the form listeners need, built once from the app's dependencies and the filing service.
import type { Insights } from '../analytics/recorder';
import type { Config } from '../config';
import type { FilingService } from '../filing/service';
import type { Logger } from '../logger';
import type { RuleSet } from '../routing/types';
import type { MembershipService } from '../slack/membership';
import type { LinkHosts } from '../kinds/links';

export interface FormsContext {
  config: Pick<Config, 'GITLAB_URL' | 'ZENDESK_URL'>;
  logger: Logger;
  rules: RuleSet;
  filing: Pick<FilingService, 'submit' | 'store' | 'settings' | 'worker' | 'mode'>;
  /** Records a form opened from a triage answer (routing analytics); absent in some tests. */
  insights?: Pick<Insights, 'formOpened'>;
  membership: MembershipService;
  /** Injected clock (tests pin Support Hours). */
  now?: () => Date;
}

export function linkHosts(ctx: FormsContext): LinkHosts {
  const own = ctx.config.ZENDESK_URL ? [new URL(ctx.config.ZENDESK_URL).hostname] : ['gitlab.zendesk.com'];
  return {
    zendesk: [...new Set([...own, ...ctx.filing.settings.zendeskHosts])],
    gitlabUrl: ctx.config.GITLAB_URL,
    internalRequestsProject: ctx.filing.settings.internalRequestsProject,
  };
}

export const nowOf = (ctx: FormsContext): Date => (ctx.now ? ctx.now() : new Date());

/** "YYYY-MM-DD" in UTC, for date checks. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
