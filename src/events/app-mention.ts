// `@support-router <text>` in a channel: answered in the thread of that message (or in the same
// thread when the mention is inside one). Public, so the user's text is never echoed, and a
// customer-specific request gets the handbook's reminder instead of an answer.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps';
import { triageReply } from '../triage/reply';
import type { Logger } from '../logger';
import { postWithFallback } from '../slack/post';
import { isTransientSlackError } from '../slack/transient';
import { mrkdwnSection, type Message } from '../views/blocks';
import { buildCustomerReminder, looksCustomerSpecific } from '../views/privacy';

export type MentionArgs = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/**
 * Waits before each new try of a reply Slack failed. Bolt acks an event before its listener runs,
 * so Slack never sends it again: a reply lost here is lost for good. Bounded, so a Slack outage
 * does not pile up work; what is given up is logged with the event id.
 */
export const MENTION_REPLY_RETRY_MS: readonly number[] = [1_000, 5_000, 20_000];

/** Sends the reply, trying again after each delay while Slack fails in a way that may pass. */
export async function replyWithRetry(
  send: () => Promise<void>,
  log: Logger,
  delays: readonly number[] = MENTION_REPLY_RETRY_MS,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (err) {
      const wait = delays[attempt];
      if (wait === undefined || !isTransientSlackError(err)) {
        log.error({ err, attempts: attempt + 1 }, 'could not answer the mention; gave up');
        return;
      }
      log.warn(
        { err, attempt: attempt + 1, retryInMs: wait },
        'could not answer the mention; will try again',
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

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
  retryDelays: readonly number[] = MENTION_REPLY_RETRY_MS,
): Promise<void> {
  const text = stripBotMention(event.text ?? '', context.botUserId);
  const thread_ts = event.thread_ts ?? event.ts;
  const log = deps.logger.child({ eventId: body.event_id, channel: event.channel });
  const post = (message: Message) =>
    replyWithRetry(
      () => postWithFallback(client, log, { channel: event.channel, thread_ts }, message),
      log,
      retryDelays,
    );
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
