// Tells the requester how their request went: in the thread it came from (a mention), or by DM;
// when Slack refuses the DM (the app's Messages tab is off), in the channel they asked in, visible
// to them alone. For a filed STAR it also posts the notice to the STAR channel, with the Support
// Manager on call.
// Delivery is at least once: if Slack fails, the row's lease expires and the worker tries again
// (a few times); steps already done are recorded on the row and skipped.
import type { types } from '@slack/bolt';
import type { RuleSet } from '../routing/types';
import { createDmRefusalReport, isDmRefused, slackErrorCode as slackError } from '../slack/dm-refused';
import type { Submission } from '../store/types';
import type { Message } from '../views/blocks';
import { failedMessage, filedMessage } from '../views/forms/messages';
import { postStarNotice, type StarNoticeDeps } from './star-notice';
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
    postEphemeral(args: {
      channel: string;
      user: string;
      text: string;
      blocks?: types.KnownBlock[];
      thread_ts?: string;
    }): Promise<unknown>;
  };
}

export interface NotifierDeps extends StarNoticeDeps {
  rules: RuleSet;
  /** After the requester was told, e.g. to refresh their App Home; its failures are ignored. */
  afterNotify?: (s: Submission) => Promise<void>;
  /** Status updates hook (src/status): where a notice went, so updates follow it; never throws. */
  onPosted?: (submissionId: string, role: 'requester' | 'star', place: PostedPlace) => Promise<void>;
}

/** Where a notice was posted: a DM, a thread (a mention's, or the STAR notice's own), or ephemeral. */
export interface PostedPlace {
  kind: 'dm' | 'thread' | 'ephemeral';
  channel: string;
  threadTs?: string;
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

const isPermanent = (err: unknown): boolean => {
  const code = slackError(err);
  return code !== undefined && !TRANSIENT_ERRORS.has(code);
};

type Target = { channel: string; thread_ts?: string };

export class SlackNotifier implements Notifier {
  /** The operator hears once per process that DMs are refused, not once per request. */
  private readonly reportDmRefused = createDmRefusalReport();

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
      const posted = await postStarNotice(this.deps, s).catch((err: unknown) => {
        if (!isPermanent(err)) throw err;
        context?.log.error(
          { err, channel: this.deps.settings.star.channel },
          'STAR notice refused; not retried',
        );
        return undefined;
      });
      // Status updates hook: a STAR's updates go to its channel notice's thread.
      if (posted?.ts)
        await this.deps.onPosted?.(s.id, 'star', {
          kind: 'thread',
          channel: posted.channel,
          threadTs: posted.ts,
        });
      await context?.starNoticeSent();
    }
    const message = s.status === 'filed' ? filedMessage(s, title) : failedMessage(s, title);
    try {
      const place = await this.tellRequester(s, message, context);
      // Status updates hook: later updates go where this notice went.
      if (!s.result?.dryRun) await this.deps.onPosted?.(s.id, 'requester', place);
    } catch (err) {
      if (!isPermanent(err)) throw err;
      context?.log.error({ err }, 'Slack refused the message to the requester; not retried');
    }
    await this.deps.afterNotify?.(s).catch(() => undefined);
  }

  /** In the thread when there is one (else by DM), then by DM, then where they asked (ephemeral). */
  private async tellRequester(
    s: Submission,
    message: Message,
    context?: NotifyContext,
  ): Promise<PostedPlace> {
    const dm: Target = { channel: s.userId };
    // A dry-run preview shows every answer the requester typed: it goes to them alone, never to a thread.
    const reply = s.result?.dryRun ? undefined : s.reply;
    if (reply?.channel) {
      const thread = { channel: reply.channel, ...(reply.threadTs ? { thread_ts: reply.threadTs } : {}) };
      try {
        await this.post(thread, message);
        return {
          kind: 'thread',
          channel: thread.channel,
          ...(reply.threadTs ? { threadTs: reply.threadTs } : {}),
        };
      } catch (err) {
        // The thread's channel was archived, or the bot removed from it: the requester gets a DM.
        if (!isPermanent(err)) throw err;
        context?.log.warn({ err, channel: thread.channel }, 'cannot answer in the thread; sending a DM');
      }
    }
    try {
      await this.post(dm, message);
      return { kind: 'dm', channel: s.userId };
    } catch (err) {
      const asked = s.reply?.askedIn;
      if (!isDmRefused(err)) throw err;
      if (context) this.reportDmRefused(context.log, err);
      if (!asked) throw err;
      await this.postEphemeral(s.userId, asked, message);
      return {
        kind: 'ephemeral',
        channel: asked.channel,
        ...(asked.threadTs ? { threadTs: asked.threadTs } : {}),
      };
    }
  }

  /** Only the requester sees it; Slack keeps it until they reload, which is why a DM comes first. */
  private async postEphemeral(
    user: string,
    where: { channel: string; threadTs?: string },
    message: Message,
  ): Promise<void> {
    await this.deps.client.chat.postEphemeral({
      channel: where.channel,
      user,
      text: message.text,
      blocks: message.blocks,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    });
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
}
