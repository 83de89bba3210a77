// The one place that reads the environment. Every other module receives a typed Config.
// Problems are collected and reported together, so an operator fixes them in one pass.
import { z } from 'zod';
import { nearMiss } from './checks/problems';

/** Empty strings (common in .env files) mean "unset", as in t3-env. */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), schema);

const url = z.url({ protocol: /^https?$/ });

/** Loopback hosts, where plain http never leaves the machine (tests, local stubs). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/** A URL the bot sends a token to: https, or http on a loopback host only. */
const tokenUrl = url.refine((v) => {
  // Runs after the URL check even when that failed; an unparsable value is that check's to report.
  if (!URL.canParse(v)) return true;
  const u = new URL(v);
  return u.protocol === 'https:' || LOOPBACK.test(u.hostname);
}, 'must be an https:// URL (http:// only for localhost or 127.0.0.1): the bot sends its token there');

export const envSchema = z.object({
  LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  RULES_FILE: optionalString,

  // Slack (required only to run the bot; the CLI works without them)
  SLACK_BOT_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: z.preprocess((v) => (v === '' ? undefined : v), tokenUrl.optional()),
  PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3000),

  // On-call
  ONCALL_PROVIDER: withDefault(z.enum(['static', 'pagerduty', 'gitlab-chatops']), 'static'),
  ONCALL_STATIC_FILE: optionalString,
  ONCALL_CACHE_SECONDS: withDefault(z.coerce.number().int().min(0), 60),
  ONCALL_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 5000),
  PAGERDUTY_API_TOKEN: optionalString,
  PAGERDUTY_API_URL: withDefault(tokenUrl, 'https://api.pagerduty.com'),
  PAGERDUTY_SUPPORT_SCHEDULE_IDS: optionalString,
  PAGERDUTY_SUPPORT_ESCALATION_POLICY_IDS: optionalString,
  PAGERDUTY_CMOC_SCHEDULE_IDS: optionalString,
  PAGERDUTY_CMOC_ESCALATION_POLICY_IDS: optionalString,
  /** The Support Manager on-call rotation (STAR notices); optional: without it STARs name nobody. */
  PAGERDUTY_MANAGER_SCHEDULE_IDS: optionalString,
  PAGERDUTY_MANAGER_ESCALATION_POLICY_IDS: optionalString,
  /** The GitLab instance that runs ChatOps (often not the one issues are filed in); default GITLAB_URL. */
  CHATOPS_GITLAB_URL: z.preprocess((v) => (v === '' ? undefined : v), url.optional()),
  /** A token on that instance that can run the ChatOps pipeline and read its job logs; default GITLAB_TOKEN. */
  CHATOPS_TOKEN: optionalString,
  CHATOPS_PROJECT: optionalString,
  CHATOPS_TRIGGER_TOKEN: optionalString,
  CHATOPS_REF: withDefault(z.string(), 'master'),
  CHATOPS_JOB: withDefault(z.string(), 'oncall'),
  /** How long one ChatOps pipeline may run (the caller stops waiting at ONCALL_TIMEOUT_MS). */
  CHATOPS_TIMEOUT_MS: withDefault(z.coerce.number().int().min(1000), 120_000),

  // GitLab and Zendesk (filing; ChatOps also uses GitLab)
  GITLAB_URL: withDefault(tokenUrl, 'https://gitlab.com'),
  GITLAB_TOKEN: optionalString,
  ZENDESK_URL: z.preprocess((v) => (v === '' ? undefined : v), tokenUrl.optional()),
  ZENDESK_EMAIL: z.preprocess((v) => (v === '' ? undefined : v), z.email().optional()),
  ZENDESK_API_TOKEN: optionalString,
  FILING_MODE: withDefault(z.enum(['live', 'dry-run']), 'live'),
  FILING_CONFIG_FILE: optionalString,
  /** Concurrent filing loops per replica. */
  FILING_CONCURRENCY: withDefault(z.coerce.number().int().min(1).max(64), 4),
  /** Timeout of each GitLab or Zendesk call. */
  FILING_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 15_000),
  /**
   * How long a claimed request stays with its replica without a heartbeat (renewed every third of
   * it while the work runs): a dead replica's requests are taken over after at most this long.
   */
  FILING_LEASE_MS: withDefault(z.coerce.number().int().min(200), 25_000),
  FILING_POLL_MS: withDefault(z.coerce.number().int().min(10), 1_000),

  // Status updates (src/status): webhooks tell the bot to look; the poller looks without them.
  /** How often each open request is looked at (spread over the period); 0 turns the poller off. */
  STATUS_POLL_SECONDS: withDefault(
    z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400)
      .refine((v) => v === 0 || v >= 60, 'must be 0 (off) or at least 60 seconds'),
    300,
  ),
  /** The Zendesk webhook's signing secret; unset, POST /webhooks/zendesk answers 404. */
  ZENDESK_WEBHOOK_SECRET: optionalString,
  /** The GitLab project webhook's secret token; unset, POST /webhooks/gitlab answers 404. */
  GITLAB_WEBHOOK_SECRET: optionalString,

  // Operating: metrics, routing analytics, who sees the weekly summary
  /** Serves GET /metrics (Prometheus) on this port; unset, no metrics server. Never the Slack port. */
  METRICS_PORT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  /** Keep the texts of corrected and abstained requests this many days; unset or 0 keeps none. */
  ANALYTICS_KEEP_TEXT_DAYS: withDefault(z.coerce.number().int().min(0).max(3650), 0),
  /** Slack user ids (comma-separated) who see the weekly routing summary in App Home. */
  ADMIN_USER_IDS: withDefault(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be Slack user ids like U012ABC, comma-separated')),
      ),
    '',
  ),

  // Storage
  DATABASE_URL: optionalString,
  DATA_DIR: withDefault(z.string(), './data'),

  // Reserved for tests that exercise PostgreSQL.
  TEST_DATABASE_URL: optionalString,
});

export type Config = z.infer<typeof envSchema>;
export type SettingName = keyof typeof envSchema.shape;

/** Settings whose values are never repeated in a message (tokens, secrets, URLs with passwords). */
export const SECRET_SETTINGS: ReadonlySet<string> = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PAGERDUTY_API_TOKEN',
  'CHATOPS_TRIGGER_TOKEN',
  'GITLAB_TOKEN',
  'ZENDESK_API_TOKEN',
  'ZENDESK_WEBHOOK_SECRET',
  'GITLAB_WEBHOOK_SECRET',
  'DATABASE_URL',
  'TEST_DATABASE_URL',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** 'PORT: expected a number (got "abc")', 'FILING_MODE: ... Did you mean dry-run?'; secrets never echoed. */
function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = issue.path.map(String).join('.') || '(env)';
  const value = env[name];
  const shown =
    value === undefined || SECRET_SETTINGS.has(name)
      ? ''
      : ` (got "${value.length > 60 ? `${value.slice(0, 60)}...` : value}")`;
  if (issue.code === 'invalid_value') {
    const options = issue.values.map(String);
    const guess = value === undefined ? undefined : nearMiss(value, options);
    return `${name}: must be one of ${options.join(', ')}${shown}.${guess ? ` Did you mean ${guess}?` : ''}`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number')
    return `${name}: must be a number${shown}.`;
  if (issue.code === 'invalid_format' && issue.format === 'url')
    return `${name}: must be a full URL such as https://example.com${shown}.`;
  return `${name}: ${issue.message}${shown}`;
}

/** Parses an environment map; throws ConfigError listing every problem at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => describeIssue(i, env)));
  return result.data;
}

/**
 * Every setting that parses on its own, each bad one left at its default: the checks that look at
 * several settings together (what a provider or filing mode needs) still run when another setting
 * is wrong, so all problems come out in one list.
 */
export function partialConfig(env: Record<string, string | undefined>): Config {
  const settings: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const one = (schema as z.ZodType).safeParse(env[name]);
    const fallback = (schema as z.ZodType).safeParse(undefined);
    settings[name] = one.success ? one.data : fallback.success ? fallback.data : undefined;
  }
  return settings as Config;
}

/** Reads `.env` (if present) into the environment and returns the environment. */
export function readEnvironment(): Record<string, string | undefined> {
  // dotenv is loaded lazily so that tests and the pure modules never touch the disk.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('dotenv').config({ quiet: true });
  return process.env;
}

/** Reads `.env` (if present) into the environment, then parses it. */
export function loadConfig(): Config {
  return parseConfig(readEnvironment());
}

/**
 * What a lease must hold beyond one remote call: the fencing check's own store write, and clocks
 * that differ a little between replicas (each computes lease ends with its own clock).
 */
export const LEASE_MARGIN_MS = 5_000;

/** One GitLab or Zendesk call must fit in a lease, or another replica could take the row mid-call. */
export function leaseProblems(config: Pick<Config, 'FILING_LEASE_MS' | 'FILING_TIMEOUT_MS'>): string[] {
  const needed = config.FILING_TIMEOUT_MS + LEASE_MARGIN_MS;
  if (config.FILING_LEASE_MS >= needed) return [];
  return [
    `FILING_LEASE_MS: must be at least FILING_TIMEOUT_MS + ${LEASE_MARGIN_MS} (${needed}; got ${config.FILING_LEASE_MS}): a GitLab or Zendesk call may last FILING_TIMEOUT_MS, and a lease that ends first lets another replica file the same request again`,
  ];
}

/** Settings that are each valid but cannot go together. */
export function operatingProblems(config: Config): string[] {
  const problems = leaseProblems(config);
  // 0 asks the OS for a free port, so two zeros never collide.
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.PORT)
    problems.push('METRICS_PORT: must differ from PORT (the Slack port is public; metrics are not)');
  return problems;
}

/** Problems that stop the Slack bot from starting (the CLI does not need these). */
export function slackProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!config.SLACK_BOT_TOKEN)
    problems.push('SLACK_BOT_TOKEN: not set: the bot token (xoxb-...) from "OAuth & Permissions"');
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN)
    problems.push(
      'SLACK_SIGNING_SECRET: not set: the signing secret from "Basic Information" (HTTP mode; or SLACK_APP_TOKEN for Socket Mode)',
    );
  return problems;
}
