// The tests' signing secret over the product's Slack signing (src/playground/signing.ts).
import { signedHeaders as sign, slackSignature as signature } from '../../src/playground/signing';

export const SIGNING_SECRET = 'test-signing-secret';

export const slackSignature = (body: string, timestamp: number, secret = SIGNING_SECRET): string =>
  signature(body, timestamp, secret);

export const signedHeaders = (
  body: string,
  opts: { timestamp?: number; secret?: string; contentType?: string } = {},
): Record<string, string> => sign(body, { ...opts, secret: opts.secret ?? SIGNING_SECRET });
