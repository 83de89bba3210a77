// The settings, checked whole: each variable on its own, then what the chosen on-call provider and
// filing mode need, then names that look like a mistyped setting. Nothing here touches the network.
import {
  ConfigError,
  envSchema,
  operatingProblems,
  parseConfig,
  partialConfig,
  slackProblems,
  type Config,
} from '../config';
import { oncallProblems } from '../oncall';
import { didYouMean, fromLines, problem, type Problem } from './problems';

/** Prefixes of this bot's settings: an unknown variable with one of them is probably a typo. */
const OWN_PREFIXES =
  /^(SLACK|ONCALL|PAGERDUTY|CHATOPS|GITLAB|ZENDESK|FILING|DATABASE|DATA|LOG|RULES|METRICS|ANALYTICS|ADMIN|STATUS)_/;

function unknownSettings(env: Record<string, string | undefined>): Problem[] {
  const known = Object.keys(envSchema.shape);
  const problems: Problem[] = [];
  for (const name of Object.keys(env)) {
    if (!OWN_PREFIXES.test(name) || known.includes(name)) continue;
    const hint = didYouMean(name, known);
    // Only a near miss is reported: other programs' variables may share a prefix.
    if (hint) problems.push(problem('settings', name, `is not a setting of this bot.${hint}`, 'warning'));
  }
  return problems;
}

/** What live filing needs: without it the bot runs, but those forms fail when submitted. */
function filingProblems(config: Config): Problem[] {
  if (config.FILING_MODE !== 'live') return [];
  const problems: Problem[] = [];
  if (!config.GITLAB_TOKEN)
    problems.push(
      problem(
        'settings',
        'GITLAB_TOKEN',
        'unset: STARs, contact requests and other GitLab issues cannot be filed (set a token with the api scope, or FILING_MODE=dry-run to try the forms)',
        'warning',
      ),
    );
  const zendesk = { ZENDESK_URL: config.ZENDESK_URL, ZENDESK_EMAIL: config.ZENDESK_EMAIL };
  const set = [...Object.entries(zendesk), ['ZENDESK_API_TOKEN', config.ZENDESK_API_TOKEN]].filter(
    ([, v]) => v,
  );
  const missing = [
    ...Object.entries(zendesk).filter(([, v]) => !v),
    ...(config.ZENDESK_API_TOKEN ? [] : [['ZENDESK_API_TOKEN', undefined]]),
  ].map(([k]) => k as string);
  if (set.length > 0 && missing.length > 0)
    problems.push(
      problem(
        'settings',
        missing.join(', '),
        `missing: Zendesk filing needs ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN together`,
      ),
    );
  else if (set.length === 0)
    problems.push(
      problem(
        'settings',
        'ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN',
        'unset: internal requests (licenses, subscriptions, trials) and tickets on behalf cannot be filed (or use FILING_MODE=dry-run)',
        'warning',
      ),
    );
  return problems;
}

/** Status updates: a webhook secret is only useful when the bot can read what the webhook names. */
function statusProblems(config: Config): Problem[] {
  const problems: Problem[] = [];
  const zendeskApi = config.ZENDESK_URL && config.ZENDESK_EMAIL && config.ZENDESK_API_TOKEN;
  if (config.ZENDESK_WEBHOOK_SECRET && !zendeskApi)
    problems.push(
      problem(
        'settings',
        'ZENDESK_WEBHOOK_SECRET',
        'set, but ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not: webhooks are accepted, yet no ticket can be read',
        'warning',
      ),
    );
  if (config.GITLAB_WEBHOOK_SECRET && !config.GITLAB_TOKEN)
    problems.push(
      problem(
        'settings',
        'GITLAB_WEBHOOK_SECRET',
        'set, but GITLAB_TOKEN is not: webhooks are accepted, yet no issue can be read',
        'warning',
      ),
    );
  for (const name of ['ZENDESK_WEBHOOK_SECRET', 'GITLAB_WEBHOOK_SECRET'] as const) {
    const value = config[name];
    if (value && value.length < 16)
      problems.push(
        problem('settings', name, 'is shorter than 16 characters: use a long random value', 'warning'),
      );
  }
  return problems;
}

export interface SettingsCheck {
  /** The parsed settings, when every variable is valid. */
  config?: Config;
  problems: Problem[];
}

/**
 * Every settings problem at once. `slack` adds the Slack credentials the bot needs to run (the
 * command line needs none).
 */
export function checkSettings(env: Record<string, string | undefined>, slack = true): SettingsCheck {
  let config: Config | undefined;
  const problems: Problem[] = [];
  try {
    config = parseConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...fromLines('settings', err.problems));
  }
  const whole = config ?? partialConfig(env);
  if (slack) problems.push(...fromLines('slack', slackProblems(whole)));
  problems.push(...fromLines('settings', oncallProblems(whole)));
  problems.push(...fromLines('settings', operatingProblems(whole)));
  problems.push(...filingProblems(whole), ...statusProblems(whole), ...unknownSettings(env));
  return { ...(config ? { config } : {}), problems };
}
