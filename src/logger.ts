// Structured pino logger. Secrets are redacted by path, and any string that looks like a
// Slack, GitLab or Zendesk credential is masked wherever it appears, so a token pasted into
// an error message cannot reach the log either.
import pino, { type Logger, type LoggerOptions } from 'pino';

const SECRET_PATTERNS: RegExp[] = [
  /xox[abprs]-[A-Za-z0-9-]+/g, // Slack bot/user tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /glpat-[A-Za-z0-9_-]+/g, // GitLab personal access tokens
  /(Basic|Bearer|Token token=)\s*[A-Za-z0-9+/=._-]{8,}/g, // Authorization header values
];

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
