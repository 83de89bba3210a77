// The Slack Web API methods the bot calls, answered the way Slack documents them, against the
// playground's workspace. Arguments are validated at this edge; a method Slack would refuse gets
// Slack's error code, so the app's own error paths run as they would in a workspace.
//   https://docs.slack.dev/reference/methods
import { z } from 'zod';
import type { AppSurfaces } from './manifest';
import type { Json } from './render/context';
import { findForUpdate, makeView, pushView, SlackError, updateView, viewJson, withIds } from './views';
import {
  BOT_ID,
  BOT_USER,
  CHANNEL,
  CHANNEL_NAME,
  DM,
  TEAM,
  USER,
  USER_EMAIL,
  USER_NAME,
  type Workspace,
} from './workspace';

export interface ApiContext {
  ws: Workspace;
  surfaces: AppSurfaces;
}

type Method = (args: Json, ctx: ApiContext) => Json;

/** Form-encoded Web API arguments carry objects as JSON strings. */
const json = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }, schema);

const blocks = json(z.array(z.looseObject({ type: z.string() }))).optional();
const view = json(z.looseObject({ type: z.string(), blocks: z.array(z.looseObject({ type: z.string() })) }));
const messageArgs = z.looseObject({
  channel: z.string().min(1),
  text: z.string().optional(),
  blocks,
  thread_ts: z.string().optional(),
});

function parse<T extends z.ZodType>(schema: T, args: Json): z.infer<T> {
  const result = schema.safeParse(args);
  if (!result.success) throw new SlackError('invalid_arguments');
  return result.data;
}

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

const trigger = (ctx: ApiContext, id: unknown) => {
  if (typeof id !== 'string' || !ctx.ws.triggers.delete(id)) throw new SlackError('invalid_trigger_id');
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
  'views.open': (args, ctx) => {
    const a = parse(z.looseObject({ trigger_id: z.string(), view }), args);
    trigger(ctx, a.trigger_id);
    const opened = makeView(ctx.ws, a.view, 'modal');
    ctx.ws.modals = [opened];
    ctx.ws.changed();
    return { view: viewJson(opened, ctx.ws) };
  },
  'views.push': (args, ctx) => {
    const a = parse(z.looseObject({ trigger_id: z.string(), view }), args);
    trigger(ctx, a.trigger_id);
    return { view: viewJson(pushView(ctx.ws, a.view), ctx.ws) };
  },
  'views.update': (args, ctx) => {
    const a = parse(
      z.looseObject({
        view,
        view_id: z.string().optional(),
        external_id: z.string().optional(),
        hash: z.string().optional(),
      }),
      args,
    );
    const target = findForUpdate(ctx.ws, a);
    return { view: viewJson(updateView(ctx.ws, target, a.view, a.hash), ctx.ws) };
  },
  'views.publish': (args, ctx) => {
    const a = parse(z.looseObject({ user_id: z.string(), view, hash: z.string().optional() }), args);
    if (a.user_id !== USER) throw new SlackError('user_not_found');
    const home = ctx.ws.home;
    if (home) return { view: viewJson(updateView(ctx.ws, home, a.view, a.hash), ctx.ws) };
    ctx.ws.home = makeView(ctx.ws, a.view, 'home');
    ctx.ws.changed();
    return { view: viewJson(ctx.ws.home, ctx.ws) };
  },
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
