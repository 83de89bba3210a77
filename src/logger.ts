// Structured pino logger. Secrets are redacted by path; every configured secret value and any
// string shaped like a Slack, GitLab or Authorization credential is masked in the finished line,
// whatever field it sits in (an error's cause, a raw Socket Mode envelope Bolt logs at debug, a
// header dump), so a token pasted into an error message cannot reach the log either.
import pino, { type Logger, type LoggerOptions } from 'pino';

const SECRET_PATTERNS: RegExp[] = [
  /xox[abprse](?:\.xox[a-z])?-[A-Za-z0-9-]+/g, // Slack bot, user, refresh (xoxe-) and rotated tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\bgl(?:pat|ptt|dt|rt|cbt|ft|soat|oas|imt|agent|wt)-[A-Za-z0-9_-]+/g, // GitLab tokens (PAT, trigger, deploy…)
  /(Basic|Bearer|Token token=)\s*[A-Za-z0-9+/=._-]{8,}/g, // Authorization header values
];

/** Values shorter than this are not masked: "z" as a test token would blank every z in a line. */
const MIN_SECRET_LENGTH = 8;

/**
 * The secret values in a config: every key ending in TOKEN or SECRET (bot, app and user tokens,
 * the signing secret, GitLab, ChatOps trigger, Zendesk and PagerDuty tokens, and any added later),
 * plus the Basic credential node-zendesk builds from the Zendesk email and token.
 */
export function configuredSecrets(config: Record<string, unknown>): string[] {
  const values = Object.entries(config)
    .filter(([key, value]) => /(TOKEN|SECRET)$/.test(key) && typeof value === 'string')
    .map(([, value]) => value as string);
  const { ZENDESK_EMAIL: email, ZENDESK_API_TOKEN: token } = config;
  if (typeof email === 'string' && typeof token === 'string')
    values.push(Buffer.from(`${email}/token:${token}`).toString('base64'));
  return values.filter((v) => v.length >= MIN_SECRET_LENGTH);
}

/** Masks each secret value in a finished JSON line, raw and as JSON writes it (escaped). */
function maskValues(line: string, secrets: string[]): string {
  let out = line;
  for (const secret of secrets) {
    out = out.split(secret).join('[redacted]');
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join('[redacted]');
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

/** Masks credentials inside free text; also strips CR/LF so user text cannot forge log lines. */
export function scrub(text: string): string {
  let out = text.replace(/[\r\n]+/g, ' ');
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}

export const REDACT_PATHS = [
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'headers["private-token"]',
  '*.headers["private-token"]',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_APP_TOKEN',
  'config.GITLAB_TOKEN',
  'config.ZENDESK_API_TOKEN',
  'config.PAGERDUTY_API_TOKEN',
  'config.CHATOPS_TRIGGER_TOKEN',
];

export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  secrets: string[] = [],
): Logger {
  const masked = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  const options: LoggerOptions = {
    level,
    base: { app: 'support-router' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      // Applies scrub() to the message and to every string argument of a log call.
      logMethod(args, method) {
        const cleaned = args.map((a) => (typeof a === 'string' ? scrub(a) : a));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
      // The last word: the whole serialized line, every field and nesting level included.
      streamWrite: (line) => maskValues(line, masked),
    },
    serializers: {
      err: (err: unknown) => {
        const base = pino.stdSerializers.err(err as Error);
        return {
          ...base,
          message: scrub(base.message ?? ''),
          stack: base.stack ? scrub(base.stack) : undefined,
        };
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
