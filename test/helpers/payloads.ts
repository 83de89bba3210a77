// Payload factories: realistic Slack request bodies with overridable fields, encoded as Slack sends
// them (commands form-encoded, interactivity as payload=<json>, events as JSON).
import { ACTION_PICK_ROUTE, COMMAND, SHORTCUT_ASK, SHORTCUT_ROUTE_MESSAGE, VIEW_ASK } from '../../src/ids';

export const TEAM = 'T0TEAM';
export const USER = 'U0ASKER';
export const CHANNEL = 'C0CHAN';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const RESPONSE_URL = 'https://hooks.slack.com/commands/T0TEAM/1/abc';
export const TRIGGER_ID = '1337.42.trigger';

export interface Encoded {
  body: string;
  contentType: string;
}

const form = (fields: Record<string, string>): Encoded => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

export const interactive = (payload: object): Encoded => form({ payload: JSON.stringify(payload) });

export function commandBody(text: string, overrides: Record<string, string> = {}): Encoded {
  return form({
    token: 'legacy',
    team_id: TEAM,
    team_domain: 'example',
    channel_id: CHANNEL,
    channel_name: 'general',
    user_id: USER,
    user_name: 'asker',
    command: COMMAND,
    text,
    api_app_id: 'A0APP',
    response_url: RESPONSE_URL,
    trigger_id: TRIGGER_ID,
    ...overrides,
  });
}

let eventSeq = 0;
export function eventBody(event: Record<string, unknown>, overrides: Record<string, unknown> = {}): Encoded {
  eventSeq += 1;
  return {
    contentType: 'application/json',
    body: JSON.stringify({
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `Ev0${eventSeq}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
      event,
      ...overrides,
    }),
  };
}

export const mentionEvent = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: USER,
  text: `<@${BOT_USER}> ${text}`,
  ts: '1700000000.000100',
  channel: CHANNEL,
  event_ts: '1700000000.000100',
  ...extra,
});

export const homeOpenedEvent = (extra: Record<string, unknown> = {}) => ({
  type: 'app_home_opened',
  user: USER,
  channel: 'D0HOME',
  tab: 'home',
  event_ts: '1700000000.000200',
  ...extra,
});

const base = {
  team: { id: TEAM, domain: 'example' },
  user: { id: USER, username: 'asker', team_id: TEAM },
  api_app_id: 'A0APP',
  token: 'legacy',
};

export function messageShortcutBody(text: string, overrides: Record<string, unknown> = {}): Encoded {
  return interactive({
    ...base,
    type: 'message_action',
    callback_id: SHORTCUT_ROUTE_MESSAGE,
    trigger_id: TRIGGER_ID,
    response_url: RESPONSE_URL,
    action_ts: '1700000001.000',
    message_ts: '1700000000.000300',
    channel: { id: CHANNEL, name: 'general' },
    message: { type: 'message', user: 'U0OTHER', ts: '1700000000.000300', text },
    ...overrides,
  });
}

export function globalShortcutBody(overrides: Record<string, unknown> = {}): Encoded {
  return interactive({
    ...base,
    type: 'shortcut',
    callback_id: SHORTCUT_ASK,
    trigger_id: TRIGGER_ID,
    action_ts: '1700000001.000',
    ...overrides,
  });
}

export function blockActionBody(
  action: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Encoded {
  return interactive({
    ...base,
    type: 'block_actions',
    trigger_id: TRIGGER_ID,
    response_url: RESPONSE_URL,
    container: { type: 'message', message_ts: '1700000000.000400', channel_id: CHANNEL, is_ephemeral: true },
    channel: { id: CHANNEL, name: 'general' },
    actions: [{ block_id: 'b1', action_ts: '1700000002.000', ...action }],
    ...overrides,
  });
}

/** A pick in the "Not what I meant" / route menu of an answer (its block_id says which answer). */
export const pickRouteBody = (route: string, blockId?: string): Encoded =>
  blockActionBody({
    type: 'static_select',
    action_id: ACTION_PICK_ROUTE,
    ...(blockId ? { block_id: blockId } : {}),
    selected_option: { value: route, text: { type: 'plain_text', text: route } },
  });

export function viewSubmissionBody(
  values: Record<string, Record<string, unknown>>,
  overrides: Record<string, unknown> = {},
): Encoded {
  return interactive({
    ...base,
    type: 'view_submission',
    trigger_id: TRIGGER_ID,
    view: {
      id: 'V0VIEW',
      team_id: TEAM,
      type: 'modal',
      callback_id: VIEW_ASK,
      private_metadata: '',
      hash: 'h1',
      state: { values },
      blocks: [],
    },
    ...overrides,
  });
}
