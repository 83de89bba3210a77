// The Slack Web API methods the bot calls, answered the way Slack documents them, against the
// playground's workspace. Arguments are validated at this edge; a method Slack would refuse gets
// Slack's error code, so the app's own error paths run as they would in a workspace.
//   https://docs.slack.dev/reference/methods
import { z } from 'zod';
import type { Json } from './render/context';
import { type ApiContext, json, type Method, parse } from './web-api-args';
import { SlackError, withIds } from './views';
import { VIEW_METHODS } from './web-api-views';
import { BOT_ID, BOT_USER, CHANNEL, CHANNEL_NAME, DM, TEAM, USER, USER_EMAIL, USER_NAME } from './workspace';

const blocks = json(z.array(z.looseObject({ type: z.string() }))).optional();
const messageArgs = z.looseObject({
  channel: z.string().min(1),
  text: z.string().optional(),
  blocks,
  thread_ts: z.string().optional(),
});

/** A user id or the DM's id is the app's DM; the manifest's Messages tab decides if Slack takes it. */
function conversationOf(channel: string, ctx: ApiContext): string {
  if (channel === CHANNEL) return CHANNEL;
  if (channel === DM || channel === USER) {
    if (ctx.surfaces.appHome.messages_tab_enabled !== true) throw new SlackError('messages_tab_disabled');
    return DM;
  }
  throw new SlackError('channel_not_found');
}

const person = {
  id: USER,
  team_id: TEAM,
  name: 'you',
  real_name: USER_NAME,
  deleted: false,
  is_bot: false,
  is_restricted: false,
  is_ultra_restricted: false,
  profile: { real_name: USER_NAME, display_name: USER_NAME, email: USER_EMAIL },
};

export const METHODS: Record<string, Method> = {
  'auth.test': (_a, ctx) => ({
    url: 'https://playground.slack.test/',
    team: 'Playground',
    user: ctx.surfaces.botName,
    team_id: TEAM,
    user_id: BOT_USER,
    bot_id: BOT_ID,
    is_enterprise_install: false,
  }),
  'users.info': (args) => {
    const { user } = parse(z.looseObject({ user: z.string() }), args);
    if (user === USER) return { user: person };
    if (user === BOT_USER)
      return { user: { id: BOT_USER, team_id: TEAM, name: 'support-router', is_bot: true } };
    throw new SlackError('user_not_found');
  },
  'users.lookupByEmail': (args) => {
    const { email } = parse(z.looseObject({ email: z.string() }), args);
    if (email.toLowerCase() === USER_EMAIL) return { user: person };
    throw new SlackError('users_not_found');
  },
  'conversations.info': (args) => {
    const { channel } = parse(z.looseObject({ channel: z.string() }), args);
    if (channel !== CHANNEL) throw new SlackError('channel_not_found');
    return { channel: { id: CHANNEL, name: CHANNEL_NAME, is_channel: true, is_member: true } };
  },
  'chat.postMessage': (args, ctx) => {
    const a = parse(messageArgs, args);
    const channel = conversationOf(a.channel, ctx);
    const posted = ctx.ws.post({
      channel,
      user: BOT_USER,
      text: a.text ?? '',
      blocks: withIds(a.blocks),
      ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
    });
    return {
      channel,
      ts: posted.ts,
      message: { type: 'message', text: posted.text, user: BOT_USER, ts: posted.ts },
    };
  },
  'chat.postEphemeral': (args, ctx) => {
    const a = parse(messageArgs.extend({ user: z.string() }), args);
    if (a.user !== USER) throw new SlackError('user_not_in_channel');
    const channel = a.channel === DM || a.channel === USER ? DM : conversationOf(a.channel, ctx);
    const posted = ctx.ws.post({
      channel,
      user: BOT_USER,
      text: a.text ?? '',
      blocks: withIds(a.blocks),
      ephemeral: true,
      ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
    });
    return { message_ts: posted.ts };
  },
  'chat.update': (args, ctx) => {
    const a = parse(messageArgs.extend({ ts: z.string() }), args);
    if (!ctx.ws.replace(a.channel, a.ts, { text: a.text ?? '', blocks: withIds(a.blocks) }))
      throw new SlackError('message_not_found');
    return { channel: a.channel, ts: a.ts };
  },
  'chat.delete': (args, ctx) => {
    const a = parse(z.looseObject({ channel: z.string(), ts: z.string() }), args);
    if (!ctx.ws.remove(a.channel, a.ts)) throw new SlackError('message_not_found');
    return { channel: a.channel, ts: a.ts };
  },
  'chat.getPermalink': (args, ctx) => {
    const a = parse(z.looseObject({ channel: z.string(), message_ts: z.string() }), args);
    if (!ctx.ws.find(a.channel, a.message_ts)) throw new SlackError('message_not_found');
    return {
      channel: a.channel,
      permalink: `https://playground.slack.test/archives/${a.channel}/p${a.message_ts.replace('.', '')}`,
    };
  },
  ...VIEW_METHODS,
};

/** Runs one method and records it for the page's "what the bot called" panel. */
export function callMethod(method: string, args: Json, ctx: ApiContext): Json {
  const run = METHODS[method];
  const shown = { ...args };
  delete shown.token;
  try {
    if (!run) throw new SlackError('unknown_method');
    const result = { ok: true, ...run(args, ctx) };
    ctx.ws.record({ method, args: shown, ok: true });
    return result;
  } catch (err) {
    const error = err instanceof SlackError ? err.code : 'internal_error';
    ctx.ws.record({ method, args: shown, ok: false, error });
    return { ok: false, error };
  }
}
