// Which Slack failures are worth trying again. Slack answering with one of these codes, or not
// answering at all (a network error, a timeout, an HTTP 5xx), may pass; any other platform error
// (channel_not_found, is_archived, not_in_channel, ...) will not change by retrying.
import { slackErrorCode } from './dm-refused';

export const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export function isTransientSlackError(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code === undefined || TRANSIENT_SLACK_ERRORS.has(code);
}
