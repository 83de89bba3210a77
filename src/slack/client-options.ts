// Options for Bolt's WebClient. Its defaults are no HTTP timeout and up to 10 retries over about
// 30 minutes, which would hold a user-facing reply for minutes; ours are bounded.
import { webApi } from '@slack/bolt';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';

export interface ClientTuning {
  /** Web API base URL, e.g. https://slack-gov.com/api/ for GovSlack. */
  slackApiUrl?: string | undefined;
  timeoutMs?: number;
  retries?: number;
}

export function webClientOptions(t: ClientTuning = {}): webApi.WebClientOptions {
  return {
    timeout: t.timeoutMs ?? 10_000,
    retryConfig: { retries: t.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 3_000, randomize: true },
    ...(t.slackApiUrl ? { slackApiUrl: t.slackApiUrl } : {}),
  };
}

/**
 * The Web API client the composition root hands to filing: built before the app, with the same
 * options as the app's own (Bolt builds its client from `clientOptions`), so both behave alike.
 */
export function createWebClient(token: string, t: ClientTuning, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(token, { ...webClientOptions(t), logger: boltLogger(logger) });
}
