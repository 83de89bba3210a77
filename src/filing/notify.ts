// Tells the requester how their request went: in the thread it came from (a mention), or by DM.
// For a filed STAR it also posts the notice to the STAR channel, with the on-call Support Manager.
// Delivery is at least once: if Slack fails, the row's lease expires and the worker tries again
// (a few times); steps already done are recorded on the row and skipped.
import type { types } from '@slack/bolt';
import type { OncallService } from '../oncall/types';
import type { RuleSet } from '../routing/types';
import { mentionUser } from '../slack/escape';
import type { Submission } from '../store/types';
import { STAR_REASONS, URGENCY_OPTIONS } from '../forms/fields';
import { readPayload } from '../forms/payload';
import type { Message } from '../views/blocks';
import { failedMessage, filedMessage, starNotice } from '../views/forms/messages';
import type { FilingSettings } from './settings';
import type { Notifier, NotifyContext } from './types';

export interface ChatPoster {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks?: types.KnownBlock[];
      thread_ts?: string;
      unfurl_links?: boolean;
    }): Promise<unknown>;
  };
}

export interface NotifierDeps {
  client: ChatPoster;
  rules: RuleSet;
  settings: FilingSettings;
  oncall?: Pick<OncallService, 'lookup'>;
  /** After the requester was told, e.g. to refresh their App Home; its failures are ignored. */
  afterNotify?: (s: Submission) => Promise<void>;
}

const BLOCK_ERRORS = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_blocks_format']);
/** Slack answers worth asking again later; any other platform error will not change by retrying. */
const TRANSIENT_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Slack's error code ("channel_not_found", ...) when Slack answered, else undefined (network). */
const slackError = (err: unknown): string | undefined => {
  const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
};
const isPermanent = (err: unknown): boolean => {
  const code = slackError(err);
  return code !== undefined && !TRANSIENT_ERRORS.has(code);
};

const label = (options: readonly { value: string; label: string }[], value?: string) =>
  options.find((o) => o.value === value)?.label ?? value ?? '';

type Target = { channel: string; thread_ts?: string };

export class SlackNotifier implements Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  /**
   * Each step happens once: the STAR notice is recorded as sent before the requester is told, so a
   * retry (the requester's message failed) skips it. A step Slack refuses for good (an archived
   * channel, a channel the bot left) is logged and not tried again.
   */
  async notify(s: Submission, context?: NotifyContext): Promise<void> {
    const rule = this.deps.rules.byId.get(s.routeId);
    const title = rule?.title ?? s.routeId;
    if (s.status === 'filed' && rule?.form?.kind === 'star' && !s.result?.dryRun && !s.starNotified) {
      await this.postStarNotice(s).catch((err: unknown) => {
        if (!isPermanent(err)) throw err;
        context?.log.error(
          { err, channel: this.deps.settings.star.channel },
          'STAR notice refused; not retried',
        );
      });
      await context?.starNoticeSent();
    }
    const message = s.status === 'filed' ? filedMessage(s, title) : failedMessage(s, title);
    const dm: Target = { channel: s.userId };
    // A dry-run preview shows every answer the requester typed: it goes to them alone, never to a thread.
    const reply = s.result?.dryRun ? undefined : s.reply;
    const target: Target = reply?.channel
      ? { channel: reply.channel, ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}) }
      : dm;
    try {
      await this.post(target, message).catch((err: unknown) => {
        // The thread's channel was archived, or the bot removed from it: the requester gets a DM.
        if (target === dm || !isPermanent(err)) throw err;
        context?.log.warn({ err, channel: target.channel }, 'cannot answer in the thread; sending a DM');
        return this.post(dm, message);
      });
    } catch (err) {
      if (!isPermanent(err)) throw err;
      context?.log.error({ err }, 'Slack refused the message to the requester; not retried');
    }
    await this.deps.afterNotify?.(s).catch(() => undefined);
  }

  /** Posts the message; Slack refusing the blocks (e.g. a long preview) must not keep the link from arriving. */
  private async post(target: Target, message: Message): Promise<void> {
    try {
      await this.deps.client.chat.postMessage({
        ...target,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
    } catch (err) {
      if (!BLOCK_ERRORS.has(slackError(err) ?? '')) throw err;
      await this.deps.client.chat.postMessage({ ...target, text: message.text, unfurl_links: false });
    }
  }

  private async postStarNotice(s: Submission): Promise<void> {
    const { values } = readPayload(s.payload);
    const oncall = this.deps.oncall ? await this.deps.oncall.lookup('support') : undefined;
    const manager = oncall?.ok ? oncall.answer.people.find((p) => /manager/i.test(p.role ?? '')) : undefined;
    const mention = manager?.slackUserId ? mentionUser(manager.slackUserId) : undefined;
    const notice = starNotice({
      requesterId: s.userId,
      ticketUrl: values.ticket_link ?? '',
      urgency: label(URGENCY_OPTIONS, values.urgency),
      reason: label(STAR_REASONS, values.reason),
      ...(s.result?.url ? { issueUrl: s.result.url } : {}),
      ...(s.result?.ref ? { issueRef: s.result.ref } : {}),
      ...(mention ? { managerMention: mention } : {}),
    });
    await this.deps.client.chat.postMessage({
      channel: this.deps.settings.star.channel,
      text: notice.text,
      blocks: notice.blocks,
      unfurl_links: false,
    });
  }
}
