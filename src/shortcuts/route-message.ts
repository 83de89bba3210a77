// Message shortcut "Route to Support": triages the chosen message's text for the person who used it
// (ephemeral, through the shortcut's response_url), keeping the message's permalink for the form.
import type { AllMiddlewareArgs, App, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { SHORTCUT_ROUTE_MESSAGE } from '../ids';
import { triageReply } from '../triage/reply';
import { actorOfBody } from '../slack/actor';

export type MessageShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

async function permalinkOf(args: MessageShortcutArgs, deps: AppDeps): Promise<string | undefined> {
  try {
    const res = await args.client.chat.getPermalink({
      channel: args.shortcut.channel.id,
      message_ts: args.shortcut.message_ts,
    });
    return res.permalink;
  } catch (err) {
    deps.logger.warn({ err }, 'chat.getPermalink failed; the form will not link the message');
    return undefined;
  }
}

export async function handleRouteMessage(args: MessageShortcutArgs, deps: AppDeps): Promise<void> {
  const { ack, shortcut, respond } = args;
  await ack();
  const text = (shortcut.message.text ?? '').trim();
  if (!text) {
    await respond({
      response_type: 'ephemeral',
      text: 'That message has no text I can route. Try `/support <what you need>`.',
    });
    return;
  }
  const permalink = await permalinkOf(args, deps);
  const viewer = { client: args.client, actor: actorOfBody(shortcut) };
  const reply = triageReply(deps, viewer, deps.classify(text), {
    quoted: text,
    ...(permalink ? { permalink } : {}),
    record: { surface: 'message_shortcut', text },
  });
  await respond({ response_type: 'ephemeral', ...(reply.later ? await reply.later : reply.now) });
}

export function register(app: App, deps: AppDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUT_ROUTE_MESSAGE, type: 'message_action' }, (args) =>
    handleRouteMessage(args, deps),
  );
}
