// Whether Slack takes the bot token: `auth.test` at boot (through Bolt's init) and in
// `config check --online`. A token Slack rejects and a Slack that cannot be reached are different
// problems with different fixes, so they get different messages.
import { problem, type Problem } from './problems';

/** Slack's answers to auth.test that mean the token itself is wrong (https://docs.slack.dev/reference/methods/auth.test). */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
  'missing_scope',
  'not_allowed_token_type',
]);

/** Turns an error from auth.test (a @slack/web-api error) into the problem to report. */
export function slackAuthProblem(err: unknown, apiUrl = 'https://slack.com/api/'): Problem {
  const e = err as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: Error;
    message?: string;
  };
  if (e.code === 'slack_webapi_platform_error') {
    const why = e.data?.error ?? 'unknown error';
    if (TOKEN_ERRORS.has(why))
      return problem(
        'slack',
        'SLACK_BOT_TOKEN',
        `Slack rejected the token (${why}): copy the Bot User OAuth Token (xoxb-...) again from "OAuth & Permissions", or reinstall the app if it was revoked`,
      );
    return problem('slack', 'SLACK_BOT_TOKEN', `Slack refused auth.test (${why})`);
  }
  if (e.code === 'slack_webapi_http_error')
    return problem(
      'slack',
      'SLACK_API_URL',
      `Slack answered HTTP ${e.statusCode ?? '?'} at ${apiUrl}: if SLACK_API_URL is set, check it; otherwise Slack may be having trouble, try again`,
    );
  if (e.code === 'slack_webapi_rate_limited_error')
    return problem('slack', 'SLACK_BOT_TOKEN', 'Slack rate-limited auth.test: wait a minute and start again');
  const cause = e.original?.message ?? e.message ?? String(err);
  return problem(
    'slack',
    'SLACK_API_URL',
    `Slack could not be reached at ${apiUrl} (${cause}): the token was not checked. Check the network, a proxy (HTTPS_PROXY), or SLACK_API_URL`,
  );
}

/** The bot's identity, or the problem: for `config check --online`. */
export async function checkSlackOnline(
  client: {
    auth: { test(): Promise<{ ok?: boolean; team?: string; user?: string }> };
  },
  apiUrl?: string,
): Promise<{ problems: Problem[]; identity?: string }> {
  try {
    const result = await client.auth.test();
    return { problems: [], identity: `${result.user ?? 'bot'} in ${result.team ?? 'the workspace'}` };
  } catch (err) {
    return { problems: [slackAuthProblem(err, apiUrl)] };
  }
}
