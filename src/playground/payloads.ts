// The bodies Slack sends for the playground's one person, channel and team.
//   https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
//   https://docs.slack.dev/reference/interaction-payloads
//   https://docs.slack.dev/apis/events-api#callback-field
import type { Json } from './render/context';
import { BOT_USER, CHANNEL, CHANNEL_NAME, TEAM, USER, type Message } from './workspace';

const team = { id: TEAM, domain: 'playground' };
const user = { id: USER, username: 'you', name: 'you', team_id: TEAM };
const channel = { id: CHANNEL, name: CHANNEL_NAME };
export const API_APP_ID = 'A0SUPPORTROUTER';

export function commandFields(command: string, text: string, responseUrl: string, triggerId: string) {
  return {
    token: 'playground',
    team_id: TEAM,
    team_domain: 'playground',
    channel_id: CHANNEL,
    channel_name: CHANNEL_NAME,
    user_id: USER,
    user_name: 'you',
    command,
    text,
    api_app_id: API_APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

let events = 0;
export function eventEnvelope(event: Json): Json {
  events += 1;
  return {
    token: 'playground',
    team_id: TEAM,
    api_app_id: API_APP_ID,
    type: 'event_callback',
    event_id: `Ev0PLAY${events}${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event,
  };
}

export const mentionEvent = (m: Message): Json => ({
  type: 'app_mention',
  user: USER,
  text: m.text,
  ts: m.ts,
  channel: m.channel,
  event_ts: m.ts,
  team: TEAM,
  ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
});

export const homeOpenedEvent = (tab: 'home' | 'messages', dm: string, ts: string): Json => ({
  type: 'app_home_opened',
  user: USER,
  channel: dm,
  tab,
  event_ts: ts,
});

export const globalShortcut = (callbackId: string, triggerId: string, actionTs: string): Json => ({
  type: 'shortcut',
  token: 'playground',
  callback_id: callbackId,
  trigger_id: triggerId,
  action_ts: actionTs,
  team,
  user,
  is_enterprise_install: false,
});

export function messageShortcut(
  callbackId: string,
  m: Message,
  triggerId: string,
  responseUrl: string,
  actionTs: string,
): Json {
  return {
    type: 'message_action',
    token: 'playground',
    callback_id: callbackId,
    trigger_id: triggerId,
    response_url: responseUrl,
    action_ts: actionTs,
    message_ts: m.ts,
    team,
    user,
    channel,
    message: {
      type: 'message',
      user: m.user,
      text: m.text,
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    },
    is_enterprise_install: false,
  };
}

/** block_actions from a message (with its response_url) or from a view (modal or App Home). */
export function blockActions(opts: {
  action: Json;
  triggerId: string;
  message?: Message;
  responseUrl?: string;
  view?: Json;
  state: Json;
}): Json {
  const { message: m, view } = opts;
  const container = m
    ? { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: m.ephemeral === true }
    : { type: 'view', view_id: view?.id };
  return {
    type: 'block_actions',
    token: 'playground',
    api_app_id: API_APP_ID,
    trigger_id: opts.triggerId,
    team,
    user,
    container,
    actions: [opts.action],
    state: { values: opts.state },
    ...(m
      ? {
          channel: { id: m.channel, name: m.channel === CHANNEL ? CHANNEL_NAME : 'directmessage' },
          message: {
            type: 'message',
            user: m.user,
            text: m.text,
            ts: m.ts,
            blocks: m.blocks,
            ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
          },
          response_url: opts.responseUrl,
        }
      : { view }),
    is_enterprise_install: false,
  };
}

export const viewPayload = (
  type: 'view_submission' | 'view_closed',
  view: Json,
  triggerId: string,
): Json => ({
  type,
  token: 'playground',
  api_app_id: API_APP_ID,
  team,
  user,
  view,
  ...(type === 'view_submission' ? { trigger_id: triggerId, response_urls: [] } : { is_cleared: false }),
  is_enterprise_install: false,
});
