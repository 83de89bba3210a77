// Builds the configured on-call provider and wraps it in the cached, time-boxed service.
import { createGitlabClient } from '../filing/gitlab-client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createChatopsProvider } from './gitlab-chatops';
import { createPagerDutyProvider, splitIds } from './pagerduty';
import { createOncallService } from './service';
import { loadStaticProvider } from './static';
import type { OncallProvider, OncallService } from './types';

/** Settings each provider needs, for the fail-fast message at boot. */
export function oncallProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.ONCALL_PROVIDER === 'pagerduty') {
    if (!config.PAGERDUTY_API_TOKEN)
      problems.push('PAGERDUTY_API_TOKEN: not set: ONCALL_PROVIDER=pagerduty needs a read-only REST API key');
    for (const r of ['SUPPORT', 'CMOC'] as const)
      if (!config[`PAGERDUTY_${r}_SCHEDULE_IDS`] && !config[`PAGERDUTY_${r}_ESCALATION_POLICY_IDS`])
        problems.push(
          `PAGERDUTY_${r}_ESCALATION_POLICY_IDS or PAGERDUTY_${r}_SCHEDULE_IDS: not set: ONCALL_PROVIDER=pagerduty needs the ${r === 'SUPPORT' ? 'Self-Managed Support' : 'CMOC'} rotation's ids, comma-separated`,
        );
  }
  if (config.ONCALL_PROVIDER === 'gitlab-chatops') {
    if (!config.CHATOPS_PROJECT)
      problems.push(
        'CHATOPS_PROJECT: not set: ONCALL_PROVIDER=gitlab-chatops needs the ChatOps project path or id',
      );
    if (!config.CHATOPS_TOKEN && !config.GITLAB_TOKEN)
      problems.push(
        'CHATOPS_TOKEN (or GITLAB_TOKEN): not set: ONCALL_PROVIDER=gitlab-chatops needs a token that can read the ChatOps jobs and their logs',
      );
  }
  return problems;
}

export function createOncallProvider(config: Config): OncallProvider {
  switch (config.ONCALL_PROVIDER) {
    case 'pagerduty':
      return createPagerDutyProvider({
        apiUrl: config.PAGERDUTY_API_URL,
        token: config.PAGERDUTY_API_TOKEN ?? '',
        targets: {
          support: {
            scheduleIds: splitIds(config.PAGERDUTY_SUPPORT_SCHEDULE_IDS),
            escalationPolicyIds: splitIds(config.PAGERDUTY_SUPPORT_ESCALATION_POLICY_IDS),
          },
          cmoc: {
            scheduleIds: splitIds(config.PAGERDUTY_CMOC_SCHEDULE_IDS),
            escalationPolicyIds: splitIds(config.PAGERDUTY_CMOC_ESCALATION_POLICY_IDS),
          },
          manager: {
            scheduleIds: splitIds(config.PAGERDUTY_MANAGER_SCHEDULE_IDS),
            escalationPolicyIds: splitIds(config.PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS),
          },
        },
      });
    case 'gitlab-chatops':
      return createChatopsProvider({
        // The filing requester: one request per call (no POST retries: no duplicate pipelines) and
        // no redirects, so the token only ever goes to CHATOPS_GITLAB_URL's origin.
        gitlab: createGitlabClient({
          host: config.CHATOPS_GITLAB_URL ?? config.GITLAB_URL,
          token: config.CHATOPS_TOKEN ?? config.GITLAB_TOKEN ?? '',
          // Each call's own limit; the whole lookup runs up to CHATOPS_TIMEOUT_MS in the background.
          timeoutMs: config.FILING_TIMEOUT_MS,
        }),
        project: config.CHATOPS_PROJECT ?? '',
        ref: config.CHATOPS_REF,
        job: config.CHATOPS_JOB,
        ...(config.CHATOPS_TRIGGER_TOKEN ? { triggerToken: config.CHATOPS_TRIGGER_TOKEN } : {}),
      });
    case 'static':
      return config.ONCALL_STATIC_FILE ? loadStaticProvider(config.ONCALL_STATIC_FILE) : unconfiguredProvider;
  }
}

/**
 * With no schedule configured the bot still runs: every on-call question gets the manual way
 * (the ChatOps command), exactly as when a provider fails, so a first start needs Slack settings only.
 */
export const unconfiguredProvider: OncallProvider = {
  name: 'not configured',
  lookup: () =>
    Promise.reject(new Error('no on-call schedule is configured (ONCALL_STATIC_FILE or ONCALL_PROVIDER)')),
};

export function createOncall(config: Config, logger: Logger): OncallService {
  const provider = createOncallProvider(config);
  if (provider === unconfiguredProvider)
    logger.warn(
      'no on-call schedule configured: on-call questions get the manual ChatOps way (set ONCALL_STATIC_FILE or ONCALL_PROVIDER)',
    );
  if (
    config.ONCALL_PROVIDER === 'pagerduty' &&
    !config.PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS &&
    !config.PAGERDUTY_MANAGER_SCHEDULE_IDS
  )
    logger.warn(
      'no Support Manager rotation configured: STAR notices name no manager and support-manager issues stay unassigned (set PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS or PAGERDUTY_MANAGER_SCHEDULE_IDS)',
    );
  const cacheMs = config.ONCALL_CACHE_SECONDS * 1000;
  // A ChatOps pipeline outlasts any caller's wait: it runs on in the background to fill the cache,
  // and the next one starts no sooner than a cache period after it, whatever its outcome.
  const chatops =
    config.ONCALL_PROVIDER === 'gitlab-chatops'
      ? { lookupTimeoutMs: Math.max(config.CHATOPS_TIMEOUT_MS, config.ONCALL_TIMEOUT_MS), minGapMs: cacheMs }
      : {};
  return createOncallService(provider, {
    cacheMs,
    timeoutMs: config.ONCALL_TIMEOUT_MS,
    ...chatops,
    logger,
  });
}
