// Slack refuses a bot's DM when the app's Messages tab is off (`messages_tab_disabled`, in
// chat.postMessage's errors) or the person is a bot the app cannot DM (`cannot_dm_bot`, documented
// for conversations.open). Nothing the bot retries will change either: the person is told where they asked, and the operator
// is told once per process what to change in the Slack app.
import type { Logger } from '../logger';

const DM_REFUSED = new Set(['messages_tab_disabled', 'cannot_dm_bot']);

/** Slack's error code ("channel_not_found", ...) when Slack answered, else undefined (network). */
export function slackErrorCode(err: unknown): string | undefined {
  const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}

export function isDmRefused(err: unknown): boolean {
  return DM_REFUSED.has(slackErrorCode(err) ?? '');
}

export const DM_REFUSED_FIX =
  'Slack refused a DM from the bot: turn on its Messages tab. At https://api.slack.com/apps -> this app -> ' +
  'App Home -> Show Tabs, tick "Messages Tab" (users sending messages may stay off: read-only is enough; ' +
  'manifest.yml has messages_tab_enabled: true, messages_tab_read_only_enabled: true). No reinstall is ' +
  'needed. Until then requesters are told in the channel they asked in, or only in App Home.';

/** Logs DM_REFUSED_FIX at error level the first time it is called; later calls log nothing. */
export function createDmRefusalReport(): (logger: Logger, err: unknown) => void {
  let reported = false;
  return (logger, err) => {
    if (reported) return;
    reported = true;
    logger.error({ code: slackErrorCode(err) }, DM_REFUSED_FIX);
  };
}
