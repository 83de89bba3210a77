// `@support-router <text>` in a channel: answered in the thread of that message (or in the same
// thread when the mention is inside one). Public, so the user's text is never echoed, and a
// customer-specific request gets the handbook's reminder instead of an answer.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { triageReply } from '../triage/reply';
import { postWithFallback } from '../slack/post';
import { mrkdwnSection, type Message } from '../views/blocks';
import { buildCustomerReminder, looksCustomerSpecific } from '../views/privacy';

export type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** Removes the mentions of the bot itself; other text stays as typed. */
export function stripBotMention(text: string, botUserId?: string): string {
  const pattern = botUserId
    ? new RegExp(`<@${botUserId}(\\|[^<>]*)?>`, 'g')
    : /^\s*<@[UW][A-Z0-9]+(\|[^<>]*)?>/;
  return text.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
}

export async function handleAppMention(
  { event, body, client, context }: MentionArgs,
  deps: AppDeps,
): Promise<void> {
  const text = stripBotMention(event.text ?? '', context.botUserId);
  const thread_ts = event.thread_ts ?? event.ts;
  const post = (message: Message) =>
    postWithFallback(client, deps.logger, { channel: event.channel, thread_ts }, message);
  if (!text) {
    const hint = 'Tell me what you need, e.g. `@support-router who is the CMOC?`, or type `/support help`.';
    await post({ text: hint, blocks: [mrkdwnSection(hint)] });
    return;
  }
  const classification = deps.classify(text);
  if (looksCustomerSpecific(text, classification.route)) {
    await post(buildCustomerReminder(deps.rules, classification));
    return;
  }
  // Events are acked before listeners run, so the on-call lookup can finish before posting once.
  const actor = { userId: event.user, teamId: body.team_id, enterpriseId: body.enterprise_id };
  const reply = triageReply(deps, { client, actor }, classification, {
    record: { surface: 'mention', text },
  });
  await post(reply.later ? await reply.later : reply.now);
}

export function register(app: App, deps: AppDeps): void {
  app.event('app_mention', (args) => handleAppMention(args, deps));
}
