// Webhook authenticity, checked before any work.
// Zendesk signs base64(HMAC-SHA256(secret, timestamp + raw body)) in X-Zendesk-Webhook-Signature,
// with the ISO 8601 time in X-Zendesk-Webhook-Signature-Timestamp:
//   https://developer.zendesk.com/documentation/webhooks/verifying/
// GitLab sends the webhook's secret token as is in X-Gitlab-Token:
//   https://docs.gitlab.com/user/project/integrations/webhooks/#validate-requests-with-a-secret-token
// Both are compared in constant time (the digests of both sides, so their lengths never leak either).
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The window a signed timestamp must fall in, either way (a replay past it is refused). */
export const MAX_SKEW_MS = 5 * 60 * 1000;
/** 32 bytes of HMAC-SHA256, base64: 43 characters and one `=`. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/;

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

export function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export interface ZendeskSignature {
  signature: string;
  timestamp: string;
}

/** From the headers alone: a signature of the right shape and a timestamp inside the window. */
export function zendeskSignatureHeaders(
  headers: IncomingHttpHeaders,
  now: number,
): ZendeskSignature | undefined {
  const signature = header(headers, 'x-zendesk-webhook-signature');
  const timestamp = header(headers, 'x-zendesk-webhook-signature-timestamp');
  if (!signature || !BASE64_SHA256.test(signature) || !timestamp || !ISO_TIME.test(timestamp))
    return undefined;
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(at - now) > MAX_SKEW_MS) return undefined;
  return { signature, timestamp };
}

export function zendeskSignatureOf(secret: string, timestamp: string, body: Buffer): string {
  return crypto.createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
}

export function zendeskSigned(secret: string, signed: ZendeskSignature, body: Buffer): boolean {
  return sameSecret(signed.signature, zendeskSignatureOf(secret, signed.timestamp, body));
}

export function gitlabSigned(headers: IncomingHttpHeaders, secret: string): boolean {
  const token = header(headers, 'x-gitlab-token');
  return token !== undefined && token.length > 0 && token.length <= 1024 && sameSecret(token, secret);
}
