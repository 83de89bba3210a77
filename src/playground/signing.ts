// Signs a request body the way Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"), so the playground
// reaches the app through the same signature check as Slack.
//   https://docs.slack.dev/authentication/verifying-requests-from-slack
import { createHmac } from 'node:crypto';

export function slackSignature(body: string, timestamp: number, secret: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  body: string,
  opts: { secret: string; timestamp?: number; contentType?: string },
): Record<string, string> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp, opts.secret),
  };
}
